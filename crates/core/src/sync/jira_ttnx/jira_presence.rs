//! Whether a run must list every issue id of the Jira project to find
//! deletions, or whether the project's issue count already says nothing
//! went away.
//!
//! Listing ids costs one request per 5,000 issues on Cloud (per 1,000 on
//! Data Center) on every run; a count costs one. The items part of the
//! Jira watermark therefore remembers, besides the time the changes are
//! read from, how many issues the project had at that time and when the
//! ids were last listed: `{since}~{count}~{listed}` (epoch milliseconds on
//! the server's clock; an older mark is just `{since}`).
//!
//! A run then counts the project's issues first. If the count is the last
//! one plus the issues created since (all of which the change search
//! returns), nothing was deleted or moved out, and the ids are not listed.
//! Any other number, a count of zero, an old-style mark, or a listing more
//! than a day old makes the run list them. Cloud's count is an estimate
//! that may lag: a deletion it does not show yet shows in a later run's
//! count, which then no longer matches. The daily listing also catches an
//! issue moved into the project in the same interval as another was
//! deleted, which would otherwise leave the count unchanged.

/// Ids are listed at least this often whatever the counts say.
const LISTING_MAX_AGE_MS: i64 = 24 * 60 * 60 * 1000;

/// The items part of the Jira watermark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ItemsMark {
    /// Changes are read from here (minus the overlap).
    pub since_ms: Option<i64>,
    /// The project's issues at `since_ms`, when counted then.
    pub count: Option<u64>,
    /// When every id was last listed.
    pub listed_ms: Option<i64>,
}

impl ItemsMark {
    pub fn parse(text: Option<&str>) -> ItemsMark {
        let Some(text) = text else {
            return ItemsMark::default();
        };
        let mut parts = text.split('~');
        let since_ms = parts.next().and_then(|p| p.parse().ok());
        let count = parts.next().and_then(|p| p.parse().ok());
        let listed_ms = parts.next().and_then(|p| p.parse().ok());
        ItemsMark {
            since_ms,
            count,
            listed_ms,
        }
    }

    /// The text stored; empty when nothing is known yet.
    pub fn format(&self) -> String {
        match (self.since_ms, self.count, self.listed_ms) {
            (Some(since), Some(count), Some(listed)) => format!("{since}~{count}~{listed}"),
            (Some(since), _, _) => since.to_string(),
            (None, _, _) => String::new(),
        }
    }

    /// Whether this run must list every id: `count_now` is the project's
    /// count at `now_ms`, `created_since` the issues the change search found
    /// created after `since_ms` and at or before `now_ms`.
    pub fn needs_listing(&self, count_now: u64, created_since: u64, now_ms: i64) -> bool {
        let (Some(count), Some(listed)) = (self.count, self.listed_ms) else {
            return true;
        };
        count_now == 0
            || now_ms.saturating_sub(listed) > LISTING_MAX_AGE_MS
            || count.checked_add(created_since) != Some(count_now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 60 * 60 * 1000;

    fn mark(count: u64, listed: i64) -> ItemsMark {
        ItemsMark {
            since_ms: Some(5 * HOUR),
            count: Some(count),
            listed_ms: Some(listed),
        }
    }

    #[test]
    fn marks_round_trip_and_old_marks_still_read() {
        let full = mark(10_015, 4 * HOUR);
        assert_eq!(ItemsMark::parse(Some(&full.format())), full);
        let old = ItemsMark::parse(Some("1700000000000"));
        assert_eq!(old.since_ms, Some(1_700_000_000_000));
        assert_eq!(old.count, None);
        assert_eq!(old.format(), "1700000000000");
        assert_eq!(ItemsMark::parse(None).format(), "");
        assert_eq!(ItemsMark::parse(Some("junk~x~y")), ItemsMark::default());
    }

    #[test]
    fn an_unchanged_count_plus_the_new_issues_needs_no_listing() {
        let m = mark(100, 5 * HOUR);
        assert!(!m.needs_listing(100, 0, 6 * HOUR));
        assert!(!m.needs_listing(103, 3, 6 * HOUR));
    }

    #[test]
    fn a_count_that_does_not_add_up_lists_the_ids() {
        let m = mark(100, 5 * HOUR);
        // One deleted.
        assert!(m.needs_listing(99, 0, 6 * HOUR));
        // One deleted while one was created: the count alone looks unchanged.
        assert!(m.needs_listing(100, 1, 6 * HOUR));
        // One moved in from another project (not created since).
        assert!(m.needs_listing(101, 0, 6 * HOUR));
    }

    #[test]
    fn an_empty_project_an_old_mark_or_an_old_listing_lists_the_ids() {
        assert!(mark(0, 5 * HOUR).needs_listing(0, 0, 6 * HOUR));
        assert!(ItemsMark::parse(Some("1700000000000")).needs_listing(5, 0, 6 * HOUR));
        assert!(mark(100, 5 * HOUR).needs_listing(100, 0, 5 * HOUR + 25 * HOUR));
    }
}
