//! Finding worklog creates whose answer was lost, so the next run links
//! them instead of logging the time twice.
//!
//! Jira: our worklogs carry the key in their comment's last line. They are
//! looked for among the worklogs changed in the last 30 days (the change
//! feed, which leaves out the last minute) and, for a create moments ago,
//! on the project's issues updated in the last hour (logging work updates
//! the issue, and JQL has no such delay).
//!
//! TT NX: an entry has no marker; it is found by its natural key — the
//! user the source worklog's author maps to, the start and finish the
//! source lands on after the grid (computed exactly as the create does).

use std::collections::{BTreeMap, BTreeSet};

use futures_util::TryStreamExt;
use jiff::{SignedDuration, Timestamp};
use kakehashi_jira::jql::TimeFilter;
use kakehashi_jira::model::worklog::Worklog;
use kakehashi_jira::SearchRequest;
use kakehashi_ttnx::model::UserId;
use kakehashi_ttnx::time_entries::TimeEntryQuery;
use serde_json::Value;

use super::ids::JiraId;
use super::worklogs::{jira_fields, key_source, parse_comment, EntryId};
use super::{zones, JiraTtnx};
use crate::sync::model::SyncField;
use crate::AppResult;

const FEED_WINDOW: SignedDuration = SignedDuration::from_hours(24 * 30);
const RECENT_WINDOW: SignedDuration = SignedDuration::from_hours(1);

fn marked(worklogs: &[Worklog], wanted: &BTreeSet<&str>, out: &mut BTreeMap<String, String>) {
    for worklog in worklogs {
        let raw = worklog
            .comment
            .as_ref()
            .map(|c| c.to_text())
            .unwrap_or_default();
        let (Some(key), Some(issue)) = (parse_comment(&raw).marker, worklog.issue_id.clone())
        else {
            continue;
        };
        if wanted.contains(key.as_str()) {
            out.insert(
                key,
                JiraId::Worklog {
                    issue,
                    id: worklog.id.clone(),
                }
                .to_string(),
            );
        }
    }
}

impl JiraTtnx {
    pub(super) async fn find_created_jira_worklogs(
        &self,
        keys: &[String],
    ) -> AppResult<BTreeMap<String, String>> {
        let wanted: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
        let mut out = BTreeMap::new();
        let since = Timestamp::now()
            .checked_sub(FEED_WINDOW)
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let feed = self
            .jira
            .updated_worklog_ids(since.as_millisecond())
            .await?;
        let ids = feed.ids();
        if !ids.is_empty() {
            let worklogs: Vec<Worklog> = self.jira.worklogs_by_ids(&ids).try_collect().await?;
            marked(&worklogs, &wanted, &mut out);
        }
        if out.len() == wanted.len() {
            return Ok(out);
        }
        let recent = Timestamp::now()
            .checked_sub(RECENT_WINDOW)
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let jql = format!(
            "{} AND {}",
            self.project_jql(),
            TimeFilter::updated_since(recent)
        );
        let issues: Vec<String> = self
            .jira
            .search(&SearchRequest::new(jql))
            .map_ok(|issue| issue.id)
            .try_collect()
            .await?;
        for issue in issues {
            let worklogs = self.jira.all_worklogs(&issue).await?;
            marked(&worklogs, &wanted, &mut out);
        }
        Ok(out)
    }

    pub(super) async fn find_created_ttnx_entries(
        &self,
        keys: &[String],
    ) -> AppResult<BTreeMap<String, String>> {
        let zone = &self.setup.ttnx_zone;
        let mut out = BTreeMap::new();
        for key in keys {
            let Some(JiraId::Worklog { issue, id }) = key_source(key).and_then(JiraId::parse)
            else {
                continue;
            };
            // The source may be gone since: then nothing is healed by it.
            let worklog = match self.jira.worklog(&issue, &id).await {
                Ok(w) => w,
                Err(err) if err.kind == kakehashi_http::ErrorKind::NotFound => continue,
                Err(err) => return Err(err.into()),
            };
            let fields = jira_fields(&worklog).0;
            let author = fields
                .get(&SyncField::Assignee)
                .cloned()
                .unwrap_or(Value::Null);
            let Ok(Value::String(user)) =
                self.setup
                    .translator
                    .translate(SyncField::Assignee, self.setup.jira_side, &author)
            else {
                continue;
            };
            let seconds = i64::try_from(worklog.time_spent_seconds).unwrap_or(i64::MAX);
            let Ok(times) = zones::entry_times(
                zone,
                self.setup.granularity,
                worklog.started.timestamp(),
                seconds,
            ) else {
                continue;
            };
            let query = TimeEntryQuery {
                project_id: Some(self.setup.ttnx_project.clone()),
                ..TimeEntryQuery::between(times.start.date(), times.start.date())
            };
            let user_id = UserId::from(user.as_str());
            let entries: Vec<_> = self
                .ttnx
                .time_entries(&user_id, &query)
                .try_collect()
                .await?;
            let memo = fields
                .get(&SyncField::Summary)
                .and_then(Value::as_str)
                .unwrap_or_default();
            let same_time: Vec<_> = entries
                .iter()
                .filter(|e| e.start_time == times.start && e.finish_time == times.finish)
                .collect();
            // The same person at the same time twice is unlikely; the memo
            // decides if it happens.
            let found = same_time
                .iter()
                .find(|e| e.memo.as_deref().unwrap_or_default().trim() == memo)
                .or(same_time.first());
            if let Some(entry) = found {
                out.insert(
                    key.clone(),
                    EntryId {
                        user: user.clone(),
                        id: entry.id.to_string(),
                    }
                    .to_string(),
                );
            }
        }
        Ok(out)
    }
}
