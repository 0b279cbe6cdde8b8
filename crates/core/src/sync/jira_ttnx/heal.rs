//! Finding creates whose answer was lost, by their marker (Jira's side;
//! TT NX's is one tree read in `ttnx_read.rs`).
//!
//! JQL cannot search an issue property no app indexed, so the marker
//! comes back with each issue of a narrow search and is compared here:
//! the project's issues created in the last 30 days (a journal op older
//! than that is not healed by marker; the engine then reports it).

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};
use kakehashi_jira::jql::TimeFilter;

use super::{markers, JiraTtnx};
use crate::AppResult;

const HEAL_WINDOW: SignedDuration = SignedDuration::from_hours(24 * 30);

impl JiraTtnx {
    pub(super) async fn find_created_jira(
        &self,
        keys: &[String],
    ) -> AppResult<BTreeMap<String, String>> {
        let since = Timestamp::now()
            .checked_sub(HEAL_WINDOW)
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let jql = format!(
            "{} AND {}",
            self.project_jql(),
            TimeFilter::created_since(since)
        );
        let wanted: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
        let found = self
            .jira
            .find_issues_by_property(&jql, markers::JIRA_PROPERTY, |value| {
                markers::key_of(value).is_some_and(|k| wanted.contains(k))
            })
            .await?;
        let mut out = BTreeMap::new();
        let mut cache = self.cache();
        for issue in found {
            if let Some(key) = issue
                .property(markers::JIRA_PROPERTY)
                .and_then(markers::key_of)
            {
                out.insert(key.to_owned(), issue.id.clone());
            }
            cache.jira_keys.insert(issue.id, issue.key);
        }
        Ok(out)
    }
}
