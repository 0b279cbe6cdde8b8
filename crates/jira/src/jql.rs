//! JQL for change searches, without the classic time-zone trap.
//!
//! Jira reads a zone-less JQL date (`updated >= "2026-11-20 09:00"`) in the
//! *searching user's profile* time zone, with minute precision. A client
//! that writes its own local time there silently misses updates whenever
//! the two zones differ. [`TimeFilter`] therefore writes either epoch
//! milliseconds (exact, zone-free) or a date computed in a zone the caller
//! names explicitly — the profile zone from `myself` — and never a local
//! time of unknown zone. Because Jira stores `updated` with more precision
//! than a minute and writes may land late, change searches start one minute
//! before the last watermark ([`with_overlap`]) and drop what they saw
//! before ([`SeenChanges`]).

use std::collections::HashSet;
use std::time::Duration;

use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

use crate::model::issue::Issue;

/// How far change searches reach back before the last watermark.
pub const OVERLAP: Duration = Duration::from_secs(60);

/// `watermark` minus [`OVERLAP`]: where the next change search starts.
pub fn with_overlap(watermark: Timestamp) -> Timestamp {
    watermark
        .checked_sub(OVERLAP)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .max(Timestamp::UNIX_EPOCH)
}

/// How a [`TimeFilter`] writes its instant.
#[derive(Debug, Clone, PartialEq)]
enum Render {
    EpochMillis,
    InZone(TimeZone),
}

/// One bound on `updated` or `created`, e.g. `updated >= 1763600000000`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeFilter {
    field: &'static str,
    lower: bool,
    at: Timestamp,
    render: Render,
}

impl TimeFilter {
    /// `updated >= at`.
    pub fn updated_since(at: Timestamp) -> Self {
        TimeFilter::new("updated", true, at)
    }

    /// `updated < at`.
    pub fn updated_before(at: Timestamp) -> Self {
        TimeFilter::new("updated", false, at)
    }

    /// `created >= at`.
    pub fn created_since(at: Timestamp) -> Self {
        TimeFilter::new("created", true, at)
    }

    fn new(field: &'static str, lower: bool, at: Timestamp) -> Self {
        TimeFilter {
            field,
            lower,
            at,
            render: Render::EpochMillis,
        }
    }

    /// Writes the date as `"yyyy-MM-dd HH:mm"` in `zone`, which must be
    /// the searching user's profile zone ([`crate::model::user::User::zone`]):
    /// that is the zone Jira reads it in. A lower bound is rounded down to
    /// the minute and an upper bound up, so nothing falls between.
    pub fn in_zone(mut self, zone: TimeZone) -> Self {
        self.render = Render::InZone(zone);
        self
    }

    /// The JQL clause.
    pub fn to_jql(&self) -> String {
        let operator = if self.lower { ">=" } else { "<" };
        match &self.render {
            Render::EpochMillis => {
                format!("{} {operator} {}", self.field, self.at.as_millisecond())
            }
            Render::InZone(zone) => {
                let local = self.at.to_zoned(zone.clone());
                let floor = local
                    .with()
                    .second(0)
                    .subsec_nanosecond(0)
                    .build()
                    .unwrap_or_else(|_| local.clone());
                let minute = if !self.lower && floor != local {
                    floor.checked_add(1.minute()).unwrap_or(floor)
                } else {
                    floor
                };
                format!(
                    "{} {operator} \"{}\"",
                    self.field,
                    minute.strftime("%Y-%m-%d %H:%M")
                )
            }
        }
    }
}

impl std::fmt::Display for TimeFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_jql())
    }
}

/// A JQL string literal: `"..."` with quotes and backslashes escaped, so a
/// project name or key can never change the query's meaning.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `(<scope>) AND <filter> ORDER BY updated ASC, key ASC`: the issues of
/// `scope` changed within `filter`, oldest change first, so a run that
/// stops half-way can take the last `updated` it handled as its watermark.
pub fn changes_jql(scope: &str, filter: &TimeFilter) -> String {
    format!("({scope}) AND {filter} ORDER BY updated ASC, key ASC")
}

/// The changes seen so far, by issue key and `updated`, so that the
/// overlapping minute of the next search does not report them again.
#[derive(Debug, Clone, Default)]
pub struct SeenChanges {
    seen: HashSet<(String, i64)>,
}

impl SeenChanges {
    /// Nothing seen yet.
    pub fn new() -> Self {
        SeenChanges::default()
    }

    /// Records `issue`'s change; `false` when it was seen before. An issue
    /// without `updated` (not asked for) counts by key alone.
    pub fn insert(&mut self, issue: &Issue) -> bool {
        let updated = issue.updated().map_or(i64::MIN, |t| t.epoch_millis());
        self.seen.insert((issue.key.clone(), updated))
    }

    /// The issues whose change was not seen before, in their order.
    pub fn retain_new(&mut self, issues: Vec<Issue>) -> Vec<Issue> {
        issues.into_iter().filter(|i| self.insert(i)).collect()
    }

    /// Forgets changes older than `before` (they cannot come back once the
    /// watermark has passed them by more than the overlap).
    pub fn forget_before(&mut self, before: Timestamp) {
        let limit = before.as_millisecond();
        self.seen.retain(|(_, updated)| *updated >= limit);
    }

    /// How many changes are remembered.
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    /// Whether no change is remembered.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }
}

/// `issues` with each key + `updated` pair once (the first kept).
pub fn dedup_by_key_and_updated(issues: Vec<Issue>) -> Vec<Issue> {
    SeenChanges::new().retain_new(issues)
}

/// The latest `updated` among `issues`: the next watermark.
pub fn latest_updated(issues: &[Issue]) -> Option<Timestamp> {
    issues
        .iter()
        .filter_map(|i| i.updated().map(|t| t.timestamp()))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn issue(key: &str, updated: &str) -> Issue {
        serde_json::from_value(json!({"id": "1", "key": key, "fields": {"updated": updated}}))
            .unwrap()
    }

    #[test]
    fn epoch_milliseconds_are_exact_and_zone_free() {
        let since = at("2026-11-20T00:15:30.123Z");
        assert_eq!(
            TimeFilter::updated_since(since).to_jql(),
            format!("updated >= {}", since.as_millisecond())
        );
        assert_eq!(
            TimeFilter::created_since(since).to_string(),
            format!("created >= {}", since.as_millisecond())
        );
    }

    #[test]
    fn zoned_dates_are_written_in_the_named_zone_rounded_outward() {
        let instant = at("2026-11-20T00:15:30Z");
        let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
        let stockholm = TimeZone::get("Europe/Stockholm").unwrap();
        assert_eq!(
            TimeFilter::updated_since(instant)
                .in_zone(tokyo.clone())
                .to_jql(),
            "updated >= \"2026-11-20 09:15\""
        );
        assert_eq!(
            TimeFilter::updated_since(instant)
                .in_zone(stockholm)
                .to_jql(),
            "updated >= \"2026-11-20 01:15\""
        );
        assert_eq!(
            TimeFilter::updated_before(instant)
                .in_zone(tokyo.clone())
                .to_jql(),
            "updated < \"2026-11-20 09:16\""
        );
        assert_eq!(
            TimeFilter::updated_before(at("2026-11-20T00:15:00Z"))
                .in_zone(tokyo)
                .to_jql(),
            "updated < \"2026-11-20 09:15\""
        );
    }

    #[test]
    fn the_overlap_is_one_minute() {
        assert_eq!(
            with_overlap(at("2026-11-20T00:15:30Z")),
            at("2026-11-20T00:14:30Z")
        );
        assert_eq!(with_overlap(Timestamp::UNIX_EPOCH), Timestamp::UNIX_EPOCH);
    }

    #[test]
    fn quoting_keeps_values_inside_the_literal() {
        assert_eq!(quote("WEB"), "\"WEB\"");
        assert_eq!(
            quote("x\" OR project = \"SECRET"),
            "\"x\\\" OR project = \\\"SECRET\""
        );
        assert_eq!(quote("a\\b"), "\"a\\\\b\"");
        let filter = TimeFilter::updated_since(at("2026-11-20T00:00:00Z"));
        assert_eq!(
            changes_jql("project = \"WEB\"", &filter),
            "(project = \"WEB\") AND updated >= 1795132800000 ORDER BY updated ASC, key ASC"
        );
    }

    #[test]
    fn the_same_change_is_reported_once() {
        let first = vec![
            issue("WEB-1", "2026-11-20T09:00:00.000+0900"),
            issue("WEB-2", "2026-11-20T09:00:30.000+0900"),
            issue("WEB-1", "2026-11-20T09:00:00.000+0900"),
        ];
        let deduped = dedup_by_key_and_updated(first.clone());
        assert_eq!(deduped.len(), 2);
        let mut seen = SeenChanges::new();
        assert_eq!(seen.retain_new(first).len(), 2);
        // The next run overlaps: WEB-2 again unchanged, WEB-1 changed since.
        let next = vec![
            issue("WEB-2", "2026-11-20T09:00:30.000+0900"),
            issue("WEB-1", "2026-11-20T09:05:00.000+0900"),
        ];
        let fresh = seen.retain_new(next);
        assert_eq!(fresh.len(), 1);
        assert_eq!(fresh[0].key, "WEB-1");
        assert_eq!(latest_updated(&fresh), Some(at("2026-11-20T00:05:00Z")));
        seen.forget_before(at("2026-11-20T00:01:00Z"));
        assert_eq!(seen.len(), 1);
    }
}
