//! Worklogs: per issue (list, read, add, update, delete), and the change
//! feeds a sync reads: `worklog/updated?since=` and `worklog/deleted?since=`
//! (1,000 entries a page, never the last minute, paged by `nextPage`),
//! then the changed worklogs themselves through `POST worklog/list` in
//! batches of at most 1,000 ids.

use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use kakehashi_http::{HttpError, Method};
use serde::Deserialize;
use serde_json::json;

use crate::client::{segment, JiraClient};
use crate::model::worklog::{Worklog, WorklogChange, WorklogInput};
use crate::paging::Page;

/// Jira's limit on ids per `POST worklog/list`.
pub const WORKLOG_LIST_BATCH: usize = 1000;
/// Worklogs per page of an issue's list.
const PAGE_SIZE: usize = 1000;

/// What to do with the issue's remaining estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AdjustEstimate {
    /// Leave it as it is (what a sync wants: it copies work, not plans).
    #[default]
    Leave,
    /// Reduce it by the time logged, as Jira's UI does.
    Auto,
}

impl AdjustEstimate {
    fn as_str(self) -> &'static str {
        match self {
            AdjustEstimate::Leave => "leave",
            AdjustEstimate::Auto => "auto",
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WorklogPage {
    #[serde(default)]
    worklogs: Vec<Worklog>,
    #[serde(default)]
    total: usize,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChangePage {
    #[serde(default)]
    values: Vec<WorklogChange>,
    #[serde(default)]
    until: Option<i64>,
    #[serde(default)]
    last_page: Option<bool>,
    #[serde(default)]
    next_page: Option<String>,
}

/// What a change feed reported since a point in time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorklogFeed {
    pub changes: Vec<WorklogChange>,
    /// Where the next read of the feed starts (`since=`).
    pub next_since: i64,
}

impl WorklogFeed {
    /// The worklog ids, each once, in feed order.
    pub fn ids(&self) -> Vec<u64> {
        let mut seen = std::collections::HashSet::new();
        self.changes
            .iter()
            .map(|c| c.worklog_id)
            .filter(|id| seen.insert(*id))
            .collect()
    }
}

impl JiraClient {
    fn worklogs_path(issue: &str) -> String {
        format!("issue/{}/worklog", segment(issue))
    }

    fn worklog_path(issue: &str, id: &str) -> String {
        format!("{}/{}", Self::worklogs_path(issue), segment(id))
    }

    /// Every worklog on an issue, page by page.
    pub fn worklogs(&self, issue: &str) -> BoxStream<'static, Result<Worklog, HttpError>> {
        self.paged(
            self.api(&Self::worklogs_path(issue)),
            PAGE_SIZE,
            Vec::new(),
            |page: WorklogPage, start| Page::with_total(page.worklogs, start, page.total),
        )
    }

    /// Every worklog on an issue, collected.
    pub async fn all_worklogs(&self, issue: &str) -> Result<Vec<Worklog>, HttpError> {
        self.worklogs(issue).try_collect().await
    }

    /// One worklog.
    pub async fn worklog(&self, issue: &str, id: &str) -> Result<Worklog, HttpError> {
        self.fetch(self.api_request(Method::GET, &Self::worklog_path(issue, id)))
            .await
    }

    /// Logs work on an issue (not retried once it may have reached the
    /// server). `input` needs `started` and `time_spent_seconds`.
    pub async fn add_worklog(
        &self,
        issue: &str,
        input: &WorklogInput,
        adjust: AdjustEstimate,
    ) -> Result<Worklog, HttpError> {
        if input.started.is_none() || input.time_spent_seconds.is_none_or(|s| s == 0) {
            return Err(HttpError::invalid_input(
                "worklog",
                "A worklog needs when the work started and how long it took (more than zero seconds).",
            ));
        }
        let request = self
            .api_request(Method::POST, &Self::worklogs_path(issue))
            .query("adjustEstimate", adjust.as_str())
            .json(&input.to_json(self.deployment()));
        self.fetch(request).await
    }

    /// Changes a worklog (only what `input` sets).
    pub async fn update_worklog(
        &self,
        issue: &str,
        id: &str,
        input: &WorklogInput,
        adjust: AdjustEstimate,
    ) -> Result<Worklog, HttpError> {
        let request = self
            .api_request(Method::PUT, &Self::worklog_path(issue, id))
            .query("adjustEstimate", adjust.as_str())
            .json(&input.to_json(self.deployment()));
        self.fetch(request).await
    }

    /// Deletes a worklog.
    pub async fn delete_worklog(
        &self,
        issue: &str,
        id: &str,
        adjust: AdjustEstimate,
    ) -> Result<(), HttpError> {
        let request = self
            .api_request(Method::DELETE, &Self::worklog_path(issue, id))
            .query("adjustEstimate", adjust.as_str());
        self.send(request).await.map(drop)
    }

    /// Reads a change feed (`worklog/updated` or `worklog/deleted`) from
    /// `since` (milliseconds) to its end, following `nextPage`.
    async fn worklog_feed(&self, feed: &'static str, since: i64) -> Result<WorklogFeed, HttpError> {
        let mut result = WorklogFeed {
            changes: Vec::new(),
            next_since: since,
        };
        let mut since = since;
        loop {
            let request = self.api_request(Method::GET, feed).query("since", since);
            let page: ChangePage = self.fetch(request).await?;
            let until = page
                .until
                .or_else(|| page.values.iter().map(|c| c.updated_time).max());
            let got = page.values.len();
            result.changes.extend(page.values);
            // The next page starts after this one; a page never splits one
            // millisecond, so nothing is skipped.
            let next = page
                .next_page
                .as_deref()
                .and_then(since_of)
                .or(until.map(|u| u + 1).filter(|_| got > 0))
                .unwrap_or(since);
            result.next_since = result.next_since.max(next);
            let last = page.last_page.unwrap_or(page.next_page.is_none());
            if last || got == 0 || next <= since {
                break;
            }
            since = next;
        }
        Ok(result)
    }

    /// The worklogs changed since `since` (milliseconds): ids from
    /// `worklog/updated`, leaving out the last minute as Jira does.
    pub async fn updated_worklog_ids(&self, since: i64) -> Result<WorklogFeed, HttpError> {
        self.worklog_feed("worklog/updated", since).await
    }

    /// The worklogs deleted since `since` (milliseconds).
    pub async fn deleted_worklog_ids(&self, since: i64) -> Result<WorklogFeed, HttpError> {
        self.worklog_feed("worklog/deleted", since).await
    }

    /// The worklogs with these ids (those that still exist), read in
    /// batches of at most [`WORKLOG_LIST_BATCH`].
    pub fn worklogs_by_ids(&self, ids: &[u64]) -> BoxStream<'static, Result<Worklog, HttpError>> {
        let client = self.clone();
        let batches: Vec<Vec<u64>> = ids
            .chunks(WORKLOG_LIST_BATCH)
            .map(<[u64]>::to_vec)
            .collect();
        stream::iter(batches)
            .then(move |batch| {
                let client = client.clone();
                async move {
                    // A bulk read: safe to repeat.
                    let request = client
                        .api_request(Method::POST, "worklog/list")
                        .json(&json!({ "ids": batch }))
                        .idempotent(true);
                    client.fetch::<Vec<Worklog>>(request).await
                }
            })
            .map_ok(|worklogs| stream::iter(worklogs.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// The worklogs changed since `since`, read in full, and where the next
    /// call should start.
    pub async fn updated_worklogs(&self, since: i64) -> Result<(Vec<Worklog>, i64), HttpError> {
        let feed = self.updated_worklog_ids(since).await?;
        let worklogs = self.worklogs_by_ids(&feed.ids()).try_collect().await?;
        Ok((worklogs, feed.next_since))
    }
}

/// The `since` parameter of a `nextPage` URL.
fn since_of(next_page: &str) -> Option<i64> {
    let url = url::Url::parse(next_page).ok()?;
    let since = url
        .query_pairs()
        .find(|(name, _)| name == "since")
        .and_then(|(_, value)| value.parse().ok());
    since
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_page_link_names_where_to_go_on() {
        assert_eq!(
            since_of("https://x.atlassian.net/rest/api/3/worklog/updated?since=1763600000001"),
            Some(1_763_600_000_001)
        );
        assert_eq!(since_of("not a url"), None);
        let feed = WorklogFeed {
            changes: vec![
                WorklogChange {
                    worklog_id: 3,
                    updated_time: 1,
                },
                WorklogChange {
                    worklog_id: 3,
                    updated_time: 2,
                },
                WorklogChange {
                    worklog_id: 5,
                    updated_time: 2,
                },
            ],
            next_since: 3,
        };
        assert_eq!(feed.ids(), vec![3, 5]);
    }
}
