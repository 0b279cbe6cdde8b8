//! Atlassian Document Format (REST v3) ↔ plain text (REST v2).
//!
//! Jira Cloud takes and gives descriptions, comments and worklog comments as
//! ADF documents; Data Center as strings. Text becomes one paragraph per
//! blank-line separated block, with line breaks as `hardBreak` nodes, so
//! text → ADF → text gives the text back. The other way, every node is
//! flattened into something a person can read: headings and paragraphs as
//! blocks, list items with `- ` or `1. `, quotes with `> `, code as is,
//! mentions, emoji, dates and status lozenges by their text, links and
//! cards by their URL, tables row by row with ` | ` between cells.

use serde_json::{json, Value};

/// An ADF document for `text`: paragraphs split at blank lines, single line
/// breaks as hard breaks. Empty text gives an empty document.
pub fn text_to_adf(text: &str) -> Value {
    let normalized = text.replace("\r\n", "\n");
    let paragraphs: Vec<Value> = split_blocks(&normalized)
        .into_iter()
        .map(|block| {
            let mut content = Vec::new();
            for (index, line) in block.split('\n').enumerate() {
                if index > 0 {
                    content.push(json!({ "type": "hardBreak" }));
                }
                if !line.is_empty() {
                    content.push(json!({ "type": "text", "text": line }));
                }
            }
            json!({ "type": "paragraph", "content": content })
        })
        .collect();
    json!({ "type": "doc", "version": 1, "content": paragraphs })
}

/// Blocks separated by one or more blank lines.
fn split_blocks(text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    let mut last_end = 0;
    for line in text.split('\n') {
        let line_end = offset + line.len();
        if line.trim().is_empty() {
            if let Some(begin) = start.take() {
                blocks.push(&text[begin..last_end]);
            }
        } else {
            if start.is_none() {
                start = Some(offset);
            }
            last_end = line_end;
        }
        offset = line_end + 1;
    }
    if let Some(begin) = start {
        blocks.push(&text[begin..last_end]);
    }
    blocks
}

/// Readable text for an ADF document (or any ADF node): blocks separated
/// by a blank line.
pub fn adf_to_text(doc: &Value) -> String {
    let mut blocks = Vec::new();
    match doc.get("type").and_then(Value::as_str) {
        Some("doc") | None => {
            for node in children(doc) {
                push_block(node, &mut blocks, "");
            }
        }
        Some(_) => push_block(doc, &mut blocks, ""),
    }
    blocks.join("\n\n")
}

fn children(node: &Value) -> &[Value] {
    node.get("content")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn attr<'a>(node: &'a Value, name: &str) -> Option<&'a str> {
    node.get("attrs")?.get(name)?.as_str()
}

/// Appends the text of a block node; `prefix` goes before each of its lines
/// (quotes, list indentation).
fn push_block(node: &Value, blocks: &mut Vec<String>, prefix: &str) {
    let kind = node.get("type").and_then(Value::as_str).unwrap_or("");
    let text = match kind {
        "bulletList" | "orderedList" => list_text(node, prefix),
        "blockquote" => {
            let mut inner = Vec::new();
            for child in children(node) {
                push_block(child, &mut inner, "");
            }
            prefixed(&inner.join("\n"), &format!("{prefix}> "))
        }
        "table" => children(node)
            .iter()
            .map(|row| {
                let cells: Vec<String> = children(row)
                    .iter()
                    .map(|cell| {
                        let mut inner = Vec::new();
                        for child in children(cell) {
                            push_block(child, &mut inner, "");
                        }
                        inner.join(" ").replace('\n', " ")
                    })
                    .collect();
                format!("{prefix}{}", cells.join(" | "))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        "rule" => format!("{prefix}---"),
        "panel" | "expand" | "nestedExpand" | "layoutSection" | "layoutColumn" | "extension"
        | "bodiedExtension" => {
            let mut inner = Vec::new();
            if let Some(title) = attr(node, "title") {
                inner.push(format!("{prefix}{title}"));
            }
            for child in children(node) {
                push_block(child, &mut inner, prefix);
            }
            inner.join("\n\n")
        }
        "mediaSingle" | "mediaGroup" => children(node)
            .iter()
            .map(|media| format!("{prefix}{}", media_text(media)))
            .collect::<Vec<_>>()
            .join("\n"),
        "media" => format!("{prefix}{}", media_text(node)),
        "blockCard" | "embedCard" => format!("{prefix}{}", attr(node, "url").unwrap_or("")),
        "codeBlock" => prefixed(&inline_text(node), prefix),
        _ => {
            // paragraph, heading and anything unknown: its inline content.
            let inline = inline_text(node);
            prefixed(&inline, prefix)
        }
    };
    if !text.trim().is_empty() {
        blocks.push(text);
    }
}

fn media_text(media: &Value) -> String {
    let name = attr(media, "alt")
        .or_else(|| attr(media, "name"))
        .unwrap_or("attachment");
    format!("[{name}]")
}

fn prefixed(text: &str, prefix: &str) -> String {
    if prefix.is_empty() {
        return text.to_owned();
    }
    text.split('\n')
        .map(|line| format!("{prefix}{line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `- item` or `1. item`, nested lists indented by two spaces.
fn list_text(list: &Value, prefix: &str) -> String {
    let ordered = list.get("type").and_then(Value::as_str) == Some("orderedList");
    let first = list
        .get("attrs")
        .and_then(|a| a.get("order"))
        .and_then(Value::as_u64)
        .unwrap_or(1);
    let mut lines = Vec::new();
    for (index, item) in children(list).iter().enumerate() {
        let marker = if ordered {
            format!("{}. ", first + index as u64)
        } else {
            "- ".to_owned()
        };
        let mut item_lines = Vec::new();
        for child in children(item) {
            match child.get("type").and_then(Value::as_str) {
                Some("bulletList" | "orderedList") => {
                    item_lines.push(list_text(child, &format!("{prefix}  ")));
                }
                _ => {
                    let mut inner = Vec::new();
                    push_block(child, &mut inner, "");
                    let text = inner.join("\n");
                    if item_lines.is_empty() {
                        item_lines.push(format!("{prefix}{marker}{text}"));
                    } else {
                        item_lines.push(prefixed(&text, &format!("{prefix}  ")));
                    }
                }
            }
        }
        if item_lines.is_empty() {
            item_lines.push(format!("{prefix}{marker}"));
        }
        lines.push(item_lines.join("\n"));
    }
    lines.join("\n")
}

/// The inline content of a block: text (links as `text (url)`), hard
/// breaks as newlines, mentions, emoji, dates, status and cards as text.
fn inline_text(node: &Value) -> String {
    let mut out = String::new();
    for child in children(node) {
        push_inline(child, &mut out);
    }
    out
}

fn push_inline(node: &Value, out: &mut String) {
    match node.get("type").and_then(Value::as_str) {
        Some("text") => {
            let text = node.get("text").and_then(Value::as_str).unwrap_or("");
            out.push_str(text);
            let link = node
                .get("marks")
                .and_then(Value::as_array)
                .and_then(|marks| {
                    marks
                        .iter()
                        .find(|m| m.get("type").and_then(Value::as_str) == Some("link"))
                })
                .and_then(|m| attr(m, "href"));
            if let Some(href) = link.filter(|href| *href != text) {
                out.push_str(&format!(" ({href})"));
            }
        }
        Some("hardBreak") => out.push('\n'),
        Some("mention") => {
            let text = attr(node, "text").unwrap_or("@someone");
            if !text.starts_with('@') {
                out.push('@');
            }
            out.push_str(text);
        }
        Some("emoji") => out.push_str(
            attr(node, "text")
                .or_else(|| attr(node, "shortName"))
                .unwrap_or(""),
        ),
        Some("status") => out.push_str(&format!("[{}]", attr(node, "text").unwrap_or(""))),
        Some("date") => {
            let millis = attr(node, "timestamp").and_then(|t| t.parse::<i64>().ok());
            match millis.and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok()) {
                Some(at) => out.push_str(&at.strftime("%Y-%m-%d").to_string()),
                None => out.push_str(attr(node, "timestamp").unwrap_or("")),
            }
        }
        Some("inlineCard") => out.push_str(attr(node, "url").unwrap_or("")),
        Some("placeholder") => out.push_str(attr(node, "text").unwrap_or("")),
        _ => {
            for child in children(node) {
                push_inline(child, out);
            }
        }
    }
}

/// Whether `value` is an ADF document (`{"type":"doc","version":1,...}`).
pub fn is_adf(value: &Value) -> bool {
    value.get("type").and_then(Value::as_str) == Some("doc")
        && value.get("content").is_some_and(Value::is_array)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_through_adf() {
        for text in [
            "一行目\n二行目\n\nSecond paragraph",
            "single line",
            "a\n\nb\n\nc",
            "line with trailing spaces  \nnext",
            "",
        ] {
            let doc = text_to_adf(text);
            assert!(is_adf(&doc));
            assert_eq!(adf_to_text(&doc), text, "{doc}");
        }
    }

    #[test]
    fn paragraphs_and_hard_breaks_are_built_as_jira_expects() {
        let doc = text_to_adf("a\nb\n\n\n\nc\r\n");
        assert_eq!(
            doc,
            json!({"type":"doc","version":1,"content":[
                {"type":"paragraph","content":[{"type":"text","text":"a"},{"type":"hardBreak"},{"type":"text","text":"b"}]},
                {"type":"paragraph","content":[{"type":"text","text":"c"}]}
            ]})
        );
    }

    #[test]
    fn rich_documents_flatten_to_readable_text() {
        let doc = json!({"type":"doc","version":1,"content":[
            {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"手順"}]},
            {"type":"paragraph","content":[
                {"type":"text","text":"Ask "},
                {"type":"mention","attrs":{"id":"5b10","text":"@佐藤 花子"}},
                {"type":"text","text":" "},
                {"type":"emoji","attrs":{"shortName":":smile:","text":"😄"}},
                {"type":"text","text":" see "},
                {"type":"text","text":"docs","marks":[{"type":"link","attrs":{"href":"https://example.com/docs"}}]},
                {"type":"text","text":" by "},
                {"type":"date","attrs":{"timestamp":"1767225600000"}},
                {"type":"text","text":" "},
                {"type":"status","attrs":{"text":"IN PROGRESS","color":"yellow"}}
            ]},
            {"type":"bulletList","content":[
                {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"one"}]},
                    {"type":"orderedList","content":[
                        {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"sub"}]}]}
                    ]}
                ]},
                {"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"two"}]}]}
            ]},
            {"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"quoted"}]}]},
            {"type":"codeBlock","attrs":{"language":"sh"},"content":[{"type":"text","text":"make test\nmake run"}]},
            {"type":"rule"},
            {"type":"table","content":[
                {"type":"tableRow","content":[
                    {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Name"}]}]},
                    {"type":"tableHeader","content":[{"type":"paragraph","content":[{"type":"text","text":"Hours"}]}]}
                ]},
                {"type":"tableRow","content":[
                    {"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"佐藤"}]}]},
                    {"type":"tableCell","content":[{"type":"paragraph","content":[{"type":"text","text":"8"}]}]}
                ]}
            ]},
            {"type":"mediaSingle","content":[{"type":"media","attrs":{"type":"file","id":"abc","alt":"screen.png"}}]},
            {"type":"paragraph","content":[{"type":"inlineCard","attrs":{"url":"https://jira.example.com/browse/WEB-1"}}]}
        ]});
        assert_eq!(
            adf_to_text(&doc),
            "手順\n\n\
             Ask @佐藤 花子 😄 see docs (https://example.com/docs) by 2026-01-01 [IN PROGRESS]\n\n\
             - one\n  1. sub\n- two\n\n\
             > quoted\n\n\
             make test\nmake run\n\n\
             ---\n\n\
             Name | Hours\n佐藤 | 8\n\n\
             [screen.png]\n\n\
             https://jira.example.com/browse/WEB-1"
        );
    }

    #[test]
    fn only_documents_count_as_adf() {
        assert!(!is_adf(&json!("text")));
        assert!(!is_adf(&json!({"type":"paragraph","content":[]})));
        assert!(is_adf(&json!({"type":"doc","version":1,"content":[]})));
    }
}
