//! Texts without needless allocation, and rich-text bodies in both of
//! Jira's dialects: Atlassian Document Format (REST v3) and plain strings
//! (REST v2). A body keeps whatever the client sent and is converted only
//! when the other dialect reads it.

use std::borrow::Cow;

use serde_json::{json, Value};

/// A piece of text: shared with the seed tables, owned when a client wrote
/// it, or generated on demand for the large benchmark seed.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Static(&'static str),
    Owned(Box<str>),
    /// The summary of the n-th issue of a `large:N` seed.
    LoadSummary(u32),
}

impl Text {
    pub fn owned(text: &str) -> Text {
        Text::Owned(text.into())
    }

    pub fn as_str(&self) -> Cow<'_, str> {
        match self {
            Text::Static(text) => Cow::Borrowed(text),
            Text::Owned(text) => Cow::Borrowed(text),
            Text::LoadSummary(n) => Cow::Owned(format!("負荷試験の課題 {n} / Load test issue {n}")),
        }
    }
}

/// A description, comment or worklog comment.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Plain(Text),
    Adf(Value),
}

impl Body {
    /// As REST v3 shows it: an ADF document.
    pub fn to_adf(&self) -> Value {
        match self {
            Body::Plain(text) => adf_from_text(&text.as_str()),
            Body::Adf(doc) => doc.clone(),
        }
    }

    /// As REST v2 shows it: the plain text.
    pub fn to_plain(&self) -> String {
        match self {
            Body::Plain(text) => text.as_str().into_owned(),
            Body::Adf(doc) => text_from_adf(doc),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.to_plain().trim().is_empty()
    }
}

/// One paragraph per blank-line separated block, line breaks as `hardBreak`.
pub fn adf_from_text(text: &str) -> Value {
    let paragraphs: Vec<Value> = text
        .split("\n\n")
        .filter(|block| !block.trim().is_empty())
        .map(|block| {
            let mut content = Vec::new();
            for (index, line) in block.lines().enumerate() {
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

/// The text of an ADF document: blocks separated by blank lines, hard
/// breaks as newlines, mentions and emoji by their text.
pub fn text_from_adf(doc: &Value) -> String {
    let mut blocks = Vec::new();
    if let Some(content) = doc.get("content").and_then(Value::as_array) {
        for block in content {
            let mut text = String::new();
            inline_text(block, &mut text);
            blocks.push(text);
        }
    }
    blocks.join("\n\n")
}

fn inline_text(node: &Value, out: &mut String) {
    match node.get("type").and_then(Value::as_str) {
        Some("text") => out.push_str(node.get("text").and_then(Value::as_str).unwrap_or("")),
        Some("hardBreak") => out.push('\n'),
        Some("mention" | "emoji" | "status" | "date") => {
            let attrs = node.get("attrs");
            let text = attrs
                .and_then(|a| a.get("text").or_else(|| a.get("shortName")))
                .and_then(Value::as_str)
                .unwrap_or("");
            out.push_str(text);
        }
        _ => {
            if let Some(children) = node.get("content").and_then(Value::as_array) {
                for (index, child) in children.iter().enumerate() {
                    let is_block = child.get("content").is_some()
                        && child.get("type").and_then(Value::as_str) != Some("text");
                    if index > 0 && is_block {
                        out.push('\n');
                    }
                    inline_text(child, out);
                }
            }
        }
    }
}

/// Whether `value` is an ADF document as Jira Cloud requires on REST v3:
/// `{"type":"doc","version":1,"content":[...]}` whose nodes all have a type.
pub fn is_adf_document(value: &Value) -> bool {
    fn node_ok(node: &Value, depth: usize) -> bool {
        let Some(object) = node.as_object() else {
            return false;
        };
        if depth > 64 || !object.get("type").is_some_and(Value::is_string) {
            return false;
        }
        match object.get("content") {
            None => true,
            Some(Value::Array(children)) => children.iter().all(|c| node_ok(c, depth + 1)),
            Some(_) => false,
        }
    }
    value.get("type").and_then(Value::as_str) == Some("doc")
        && value.get("version").and_then(Value::as_u64) == Some(1)
        && value.get("content").is_some_and(Value::is_array)
        && node_ok(value, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_round_trips_through_adf() {
        let text = "一行目\n二行目\n\nSecond paragraph";
        let doc = adf_from_text(text);
        assert!(is_adf_document(&doc));
        assert_eq!(text_from_adf(&doc), text);
    }

    #[test]
    fn only_documents_pass_as_adf() {
        assert!(!is_adf_document(&json!("text")));
        assert!(!is_adf_document(
            &json!({"type": "doc", "version": 2, "content": []})
        ));
        assert!(!is_adf_document(
            &json!({"type": "doc", "version": 1, "content": [{"text": "x"}]})
        ));
        assert!(is_adf_document(
            &json!({"type": "doc", "version": 1, "content": []})
        ));
    }

    #[test]
    fn bodies_answer_in_either_dialect() {
        let body = Body::Adf(adf_from_text("hello"));
        assert_eq!(body.to_plain(), "hello");
        assert!(!body.is_blank());
        assert!(Body::Plain(Text::Static("  ")).is_blank());
        assert_eq!(
            Text::LoadSummary(7).as_str(),
            "負荷試験の課題 7 / Load test issue 7"
        );
    }
}
