//! Each side's native field values (the engine's `Fields`), and which
//! fields each kind of record carries on this pair.
//!
//! Native forms: text as strings; Jira status/type/priority ids and TT NX
//! StatusTypeId/ItemTypeId as strings; people as the Jira accountId (Cloud)
//! or user name (Data Center) and the TT NX user id; estimates as Jira
//! seconds and TT NX minutes; dates as `YYYY-MM-DD` (TT NX planned dates
//! are server-local calendar days, Jira's are plain dates: no zone moves
//! them). Empty is `Null`.
//!
//! Not mapped, because the other side has no such field: Description and
//! Priority (TimeTracker NX work items have neither in the API), and an
//! issue's StartDate (Jira has no standard start-date field; versions do).

use kakehashi_jira::model::version::Version;
use kakehashi_jira::Issue;
use kakehashi_ttnx::model::WorkItem;
use serde_json::Value;

use crate::sync::connector::Fields;
use crate::sync::model::{EntityKind, SyncField};

/// The fields each kind syncs on this pair (worklogs: comment, start,
/// time spent — see `worklogs.rs`).
pub fn synced(kind: EntityKind) -> Vec<SyncField> {
    use SyncField::*;
    match kind {
        EntityKind::Group => vec![Summary, StartDate, DueDate],
        EntityKind::Item | EntityKind::SubItem => {
            vec![
                Summary,
                Status,
                Assignee,
                OriginalEstimate,
                DueDate,
                ItemType,
            ]
        }
        EntityKind::Worklog => vec![Summary, StartDate, OriginalEstimate],
    }
}

fn string(value: Option<impl Into<String>>) -> Value {
    value.map_or(Value::Null, |v| Value::String(v.into()))
}

/// A date's first ten characters (`2026-03-01T00:00:00.000+0000` → the day).
fn day(text: Option<&str>) -> Value {
    string(text.and_then(|t| t.get(..10)).filter(|d| d.len() == 10))
}

/// A Jira issue's fields.
pub fn jira_issue(issue: &Issue) -> Fields {
    let f = &issue.fields;
    let mut out = Fields::new();
    out.insert(SyncField::Summary, string(f.summary.clone()));
    out.insert(
        SyncField::Status,
        string(f.status.as_ref().map(|s| s.id.clone())),
    );
    out.insert(
        SyncField::Assignee,
        string(f.assignee.as_ref().and_then(|u| u.id()).map(str::to_owned)),
    );
    out.insert(
        SyncField::ItemType,
        string(f.issue_type.as_ref().map(|t| t.id.clone())),
    );
    out.insert(
        SyncField::DueDate,
        day(f.other.get("duedate").and_then(Value::as_str)),
    );
    let estimate = f
        .other
        .get("timeoriginalestimate")
        .and_then(Value::as_i64)
        .filter(|s| *s > 0);
    out.insert(
        SyncField::OriginalEstimate,
        estimate.map_or(Value::Null, Value::from),
    );
    out
}

/// A Jira version's fields.
pub fn jira_version(version: &Version) -> Fields {
    let mut out = Fields::new();
    out.insert(SyncField::Summary, Value::String(version.name.clone()));
    out.insert(SyncField::StartDate, day(version.start_date.as_deref()));
    out.insert(SyncField::DueDate, day(version.release_date.as_deref()));
    out
}

/// A TT NX work item's fields for `kind`.
pub fn ttnx_item(item: &WorkItem, kind: EntityKind) -> Fields {
    let f = &item.fields;
    let date = |d: Option<jiff::civil::DateTime>| string(d.map(|d| d.date().to_string()));
    let mut out = Fields::new();
    out.insert(SyncField::Summary, string(f.name.clone()));
    if kind == EntityKind::Group {
        out.insert(SyncField::StartDate, date(f.planned_start_date));
        out.insert(SyncField::DueDate, date(f.planned_finish_date));
        return out;
    }
    out.insert(
        SyncField::Status,
        string(f.status_type_id.as_ref().map(ToString::to_string)),
    );
    out.insert(
        SyncField::Assignee,
        string(item.assignments.first().map(|a| a.user_id.to_string())),
    );
    out.insert(
        SyncField::ItemType,
        string(f.item_type_id.as_ref().map(ToString::to_string)),
    );
    out.insert(SyncField::DueDate, date(f.planned_finish_date));
    // No planned time reads as 0 on the wire: both mean "none".
    out.insert(
        SyncField::OriginalEstimate,
        f.planned_time
            .filter(|m| *m > 0)
            .map_or(Value::Null, Value::from),
    );
    out
}

/// A date value as a civil date.
pub fn date_of(value: &Value) -> Option<jiff::civil::Date> {
    value.as_str().and_then(|t| t.get(..10)?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_jira_issue_reads_into_native_values() {
        let issue: Issue = serde_json::from_value(json!({
            "id": "10005", "key": "WEB-5",
            "fields": {
                "summary": "ログイン", "status": {"id": "3", "name": "In Progress"},
                "assignee": {"accountId": "acc-1"}, "issuetype": {"id": "10002", "name": "Task"},
                "duedate": "2026-03-01", "timeoriginalestimate": 7200
            }
        }))
        .unwrap();
        let fields = jira_issue(&issue);
        assert_eq!(fields[&SyncField::Summary], json!("ログイン"));
        assert_eq!(fields[&SyncField::Status], json!("3"));
        assert_eq!(fields[&SyncField::Assignee], json!("acc-1"));
        assert_eq!(fields[&SyncField::DueDate], json!("2026-03-01"));
        assert_eq!(fields[&SyncField::OriginalEstimate], json!(7200));
    }

    #[test]
    fn a_ttnx_item_reads_dates_as_days_and_zero_time_as_none() {
        let item: WorkItem = serde_json::from_value(json!({
            "fields": {"Id": "1004", "Name": "ログイン", "ItemTypeId": "3", "StatusTypeId": "2",
                       "PlannedStartDate": "2026-02-01T00:00:00", "PlannedFinishDate": "2026-03-01T00:00:00",
                       "PlannedTime": 0},
            "assignments": [{"userId": "3"}]
        }))
        .unwrap();
        let fields = ttnx_item(&item, EntityKind::Item);
        assert_eq!(fields[&SyncField::DueDate], json!("2026-03-01"));
        assert_eq!(fields[&SyncField::OriginalEstimate], Value::Null);
        assert_eq!(fields[&SyncField::Assignee], json!("3"));
        let group = ttnx_item(&item, EntityKind::Group);
        assert_eq!(group[&SyncField::StartDate], json!("2026-02-01"));
        assert!(!group.contains_key(&SyncField::Status));
        assert_eq!(
            date_of(&json!("2026-03-01")),
            Some(jiff::civil::date(2026, 3, 1))
        );
    }
}
