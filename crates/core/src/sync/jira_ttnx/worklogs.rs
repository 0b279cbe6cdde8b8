//! Worklogs on this pair: Jira worklogs of the linked issues ↔ TT NX time
//! entries of the project's members on the linked items.
//!
//! Native fields (see `connector.rs`): `Summary` the comment / memo text,
//! `StartDate` the start as a UTC instant (RFC 3339), `OriginalEstimate`
//! the time spent (Jira seconds, TT NX minutes; `translate` converts).
//! `Assignee` rides along on the record (Jira author / TT NX user) but is
//! not synced: a worklog's author cannot change on either side; the
//! writers use it to book the entry for the right person (Jira → TT NX,
//! through the user map) or to name the real author in the comment of a
//! worklog the technical user writes (TT NX → Jira).
//!
//! Markers: a time entry cannot carry metadata, so one created by us is
//! found again by its natural key (user, work item, start, length). A
//! Jira worklog created by us carries the key in its comment's last line
//! (`[kakehashi KEY]`): the Jira client and the simulator take no worklog
//! properties in the create request, and a property set afterwards would
//! leave a moment without a marker.

use kakehashi_jira::model::worklog::Worklog;
use kakehashi_ttnx::model::TimeEntry;
use kakehashi_ttnx::ServerZone;
use serde_json::Value;

use super::zones;
use crate::sync::connector::Fields;
use crate::sync::model::SyncField;

/// What follows the author's name in the first comment line.
pub const AUTHORED_IN: &str = " (TimeTracker NX)";
const TAG_OPEN: &str = "[kakehashi ";

/// A TT NX time entry's record id: entries are addressed per user, and
/// their ids are a sequence of their own (not work-item ids).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryId {
    pub user: String,
    pub id: String,
}

impl EntryId {
    pub fn parse(text: &str) -> Option<Self> {
        let (user, id) = text.strip_prefix("entry:")?.split_once(':')?;
        (!user.is_empty() && !id.is_empty() && !id.contains(':')).then(|| EntryId {
            user: user.to_owned(),
            id: id.to_owned(),
        })
    }
}

impl std::fmt::Display for EntryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "entry:{}:{}", self.user, self.id)
    }
}

/// The source record id an idempotency key names (`kh-P-l-ID` → `ID`).
pub fn key_source(key: &str) -> Option<&str> {
    key.splitn(4, '-').nth(3)
}

/// Whether a key was made for a worklog (of either side).
pub fn is_worklog_key(key: &str) -> bool {
    key_source(key).is_some_and(|id| id.starts_with("worklog:") || id.starts_with("entry:"))
}

/// A Jira worklog comment as read: the text a person wrote, and our marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub text: String,
    pub marker: Option<String>,
}

/// Reads a comment: our marker line and attribution line are not part of
/// the synced text (else a memo would come back with its author on top).
pub fn parse_comment(raw: &str) -> Comment {
    let mut lines: Vec<&str> = raw.lines().collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let marker = lines
        .last()
        .and_then(|l| l.trim().strip_prefix(TAG_OPEN)?.strip_suffix(']'))
        .filter(|k| !k.is_empty() && !k.contains(char::is_whitespace))
        .map(str::to_owned);
    if marker.is_some() {
        lines.pop();
        if lines
            .first()
            .is_some_and(|l| l.trim_end().ends_with(AUTHORED_IN))
        {
            lines.remove(0);
        }
    }
    Comment {
        text: lines.join("\n").trim().to_owned(),
        marker,
    }
}

/// The comment of a worklog the technical user writes for `author`.
pub fn compose_comment(author: &str, text: &str, key: &str) -> String {
    let mut out = format!("{author}{AUTHORED_IN}\n");
    if !text.trim().is_empty() {
        out.push_str(text.trim());
        out.push('\n');
    }
    out.push_str(&format!("{TAG_OPEN}{key}]"));
    out
}

fn text_value(text: &str) -> Value {
    if text.trim().is_empty() {
        Value::Null
    } else {
        Value::String(text.trim().to_owned())
    }
}

/// A Jira worklog's native fields (and its marker).
pub fn jira_fields(worklog: &Worklog) -> (Fields, Option<String>) {
    let comment = parse_comment(
        &worklog
            .comment
            .as_ref()
            .map(|c| c.to_text())
            .unwrap_or_default(),
    );
    let mut fields = Fields::new();
    fields.insert(SyncField::Summary, text_value(&comment.text));
    fields.insert(
        SyncField::StartDate,
        Value::String(worklog.started.timestamp().to_string()),
    );
    fields.insert(
        SyncField::OriginalEstimate,
        Value::from(worklog.time_spent_seconds),
    );
    fields.insert(
        SyncField::Assignee,
        worklog
            .author
            .as_ref()
            .and_then(|a| a.id())
            .map_or(Value::Null, |id| Value::String(id.to_owned())),
    );
    (fields, comment.marker)
}

/// A TT NX time entry's native fields; `None` when its times cannot be
/// placed in the server's zone.
pub fn ttnx_fields(entry: &TimeEntry, zone: &ServerZone) -> Option<Fields> {
    let start = zones::entry_instant(zone, entry.start_time).ok()?;
    let minutes = entry
        .time
        .unwrap_or_else(|| entry.finish_time.duration_since(entry.start_time).as_mins());
    let mut fields = Fields::new();
    fields.insert(
        SyncField::Summary,
        text_value(entry.memo.as_deref().unwrap_or_default()),
    );
    fields.insert(SyncField::StartDate, Value::String(start.to_string()));
    fields.insert(SyncField::OriginalEstimate, Value::from(minutes));
    fields.insert(
        SyncField::Assignee,
        entry
            .user_id
            .as_ref()
            .map_or(Value::Null, |u| Value::String(u.to_string())),
    );
    Some(fields)
}

/// The watermark of one side: the items' part as before, and the
/// worklogs' part after a `|` (absent while worklogs are not synced).
pub fn split_watermark(watermark: Option<&str>) -> (Option<&str>, Option<&str>) {
    match watermark {
        None => (None, None),
        Some(w) => match w.split_once('|') {
            Some((items, worklogs)) => (
                Some(items).filter(|s| !s.is_empty()),
                Some(worklogs).filter(|s| !s.is_empty()),
            ),
            None => (Some(w).filter(|s| !s.is_empty()), None),
        },
    }
}

pub fn join_watermark(items: String, worklogs: Option<String>) -> String {
    match worklogs {
        Some(w) => format!("{items}|{w}"),
        None => items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_round_trip() {
        let id = EntryId::parse("entry:3:70").unwrap();
        assert_eq!(id.user, "3");
        assert_eq!(id.to_string(), "entry:3:70");
        assert_eq!(EntryId::parse("entry:3"), None);
        assert_eq!(EntryId::parse("1004"), None);
        assert_eq!(
            key_source("kh-1-l-worklog:10005:20001"),
            Some("worklog:10005:20001")
        );
        assert!(is_worklog_key("kh-1-r-entry:3:70"));
        assert!(!is_worklog_key("kh-1-r-1004"));
    }

    #[test]
    fn our_comment_reads_back_as_the_memo_with_its_marker() {
        let raw = compose_comment("山田 太郎", "レビュー対応", "kh-1-r-entry:3:70");
        assert_eq!(
            raw,
            "山田 太郎 (TimeTracker NX)\nレビュー対応\n[kakehashi kh-1-r-entry:3:70]"
        );
        let read = parse_comment(&raw);
        assert_eq!(read.text, "レビュー対応");
        assert_eq!(read.marker.as_deref(), Some("kh-1-r-entry:3:70"));
        let empty = parse_comment(&compose_comment("山田 太郎", "", "k"));
        assert_eq!(empty.text, "");
        // A person's own comment stays whole, attribution-like text included.
        let plain = parse_comment("佐藤 (TimeTracker NX)\nメモ");
        assert_eq!(plain.text, "佐藤 (TimeTracker NX)\nメモ");
        assert_eq!(plain.marker, None);
    }

    #[test]
    fn watermarks_keep_the_items_part_as_it_was() {
        assert_eq!(split_watermark(Some("123")), (Some("123"), None));
        assert_eq!(split_watermark(Some("123|w9")), (Some("123"), Some("w9")));
        assert_eq!(split_watermark(Some("|w9")), (None, Some("w9")));
        assert_eq!(join_watermark("123".into(), None), "123");
        assert_eq!(join_watermark("123".into(), Some("w9".into())), "123|w9");
    }
}
