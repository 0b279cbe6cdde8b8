//! Reading worklogs (see `worklogs.rs` for the fields and markers).
//!
//! Jira: the change feeds `worklog/updated` and `worklog/deleted` from the
//! watermark (they leave out the last minute, so nothing is skipped and no
//! overlap is needed), the changed worklogs through `worklog/list` in
//! batches of 1,000, kept when their issue is in scope. `present` for
//! worklogs is the linked ones minus those the delete feed names or whose
//! issue is gone, plus the ones read.
//!
//! TT NX has no change feed for time entries: the project's members are
//! read (one request) and each member's entries in the project from the
//! last run's day minus [`LOOKBACK`] (all of them on the first run); linked
//! entries outside that window are read by id, so a change or a deletion
//! of an older entry is seen too. Only entries on items in scope count.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::TryStreamExt;
use jiff::civil::Date;
use jiff::ToSpan;
use kakehashi_http::ErrorKind;
use kakehashi_jira::model::worklog::Worklog;
use kakehashi_ttnx::model::{TimeEntry, TimeEntryId, UserId};
use kakehashi_ttnx::time_entries::TimeEntryQuery;

use super::ids::JiraId;
use super::worklogs::{jira_fields, ttnx_fields, EntryId};
use super::{zones, JiraTtnx};
use crate::sync::connector::Record;
use crate::sync::model::{EntityKind, SyncField};
use crate::AppResult;

/// How far before the last run's day TT NX entries are read again: people
/// book time late, and the API cannot ask for entries changed since a time.
pub const LOOKBACK_DAYS: i64 = 31;

/// What a side's worklog read adds to its `SideRead`.
pub(super) struct WorklogRead {
    pub records: Vec<Record>,
    pub present: BTreeSet<String>,
    pub watermark: String,
}

fn minutes_text(fields: &crate::sync::connector::Fields, per_minute: i64) -> String {
    let amount = fields
        .get(&SyncField::OriginalEstimate)
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(0);
    format!("{}m", amount / per_minute)
}

fn start_text(fields: &crate::sync::connector::Fields) -> String {
    fields
        .get(&SyncField::StartDate)
        .and_then(zones::instant_of)
        .map(|t| zones::display(t, &zones::desktop()))
        .unwrap_or_default()
}

impl JiraTtnx {
    /// Jira worklogs of `issues` (ids in scope) changed since the watermark
    /// part `mark` (`updated,deleted` in epoch ms); `present_issues` are
    /// the project's issues now.
    pub(super) async fn read_jira_worklogs(
        &self,
        mark: Option<&str>,
        linked: &BTreeSet<String>,
        issues: &BTreeSet<String>,
        present_issues: &BTreeSet<String>,
    ) -> AppResult<WorklogRead> {
        let (updated_since, deleted_since) = mark
            .and_then(|m| m.split_once(','))
            .and_then(|(u, d)| Some((u.parse::<i64>().ok()?, d.parse::<i64>().ok()?)))
            .map_or((0, None), |(u, d)| (u, Some(d)));
        let feed = self.jira.updated_worklog_ids(updated_since).await?;
        let ids: Vec<u64> = feed.ids();
        let worklogs: Vec<Worklog> = if ids.is_empty() {
            Vec::new()
        } else {
            self.jira.worklogs_by_ids(&ids).try_collect().await?
        };
        // No worklog was linked before the first read: its deletions start now.
        let (deleted, deleted_next) = match deleted_since {
            Some(since) => {
                let gone = self.jira.deleted_worklog_ids(since).await?;
                let ids: BTreeSet<String> = gone.ids().iter().map(u64::to_string).collect();
                (ids, gone.next_since)
            }
            None => (BTreeSet::new(), feed.next_since),
        };
        let me = self.jira_me().await?.0;
        let keys = self.cache().jira_keys.clone();
        let mut records = Vec::new();
        for worklog in worklogs {
            let Some(issue) = worklog.issue_id.clone().filter(|i| issues.contains(i)) else {
                continue;
            };
            let (fields, marker) = jira_fields(&worklog);
            let author = worklog
                .author
                .as_ref()
                .and_then(|a| a.display_name.clone())
                .unwrap_or_default();
            if let Some(id) = worklog.author.as_ref().and_then(|a| a.id()) {
                if !author.is_empty() {
                    self.cache()
                        .jira_names
                        .insert(id.to_owned(), author.clone());
                }
            }
            let key = keys.get(&issue).cloned().unwrap_or_else(|| issue.clone());
            records.push(Record {
                id: JiraId::Worklog {
                    issue,
                    id: worklog.id.clone(),
                }
                .to_string(),
                display: format!(
                    "{key} {} {} {author}",
                    start_text(&fields),
                    minutes_text(&fields, 60)
                ),
                kind: EntityKind::Worklog,
                parent: worklog.issue_id.clone(),
                fields,
                updated_at: worklog.updated.as_ref().map(|t| t.timestamp()),
                by_us: me.is_some()
                    && worklog.update_author.as_ref().and_then(|a| a.id()) == me.as_deref(),
                marker,
            });
        }
        let mut present: BTreeSet<String> = linked
            .iter()
            .filter_map(|id| match JiraId::parse(id) {
                Some(JiraId::Worklog { issue, id: worklog })
                    if present_issues.contains(&issue) && !deleted.contains(&worklog) =>
                {
                    Some(id.clone())
                }
                _ => None,
            })
            .collect();
        present.extend(records.iter().map(|r| r.id.clone()));
        Ok(WorklogRead {
            records,
            present,
            watermark: format!("{},{}", feed.next_since, deleted_next),
        })
    }

    /// TT NX entries of the project's members on `items` (id → name, the
    /// items in scope), from the watermark part `mark` (the last run's day).
    pub(super) async fn read_ttnx_entries(
        &self,
        mark: Option<&str>,
        linked: &BTreeSet<String>,
        items: &BTreeMap<String, String>,
    ) -> AppResult<WorklogRead> {
        let zone = &self.setup.ttnx_zone;
        let today = zone.local_date(jiff::Timestamp::now());
        let last: Option<Date> = mark.and_then(|m| m.parse().ok());
        let from = last
            .map(|d| d.min(today))
            .and_then(|d| d.checked_sub(LOOKBACK_DAYS.days()).ok());
        let project = self.ttnx.project(&self.setup.ttnx_project).await?;
        let mut names = BTreeMap::new();
        let mut entries: Vec<TimeEntry> = Vec::new();
        for member in project.members.iter().filter(|m| !m.is_deleted) {
            if member.party_type.as_deref().is_some_and(|t| t != "User") {
                continue;
            }
            names.insert(member.party_id.to_string(), member.name.clone());
            let query = TimeEntryQuery {
                start_date: from,
                project_id: Some(self.setup.ttnx_project.clone()),
                page_size: Some(1000),
                ..TimeEntryQuery::default()
            };
            let mut found: Vec<TimeEntry> = self
                .ttnx
                .time_entries(&member.party_id, &query)
                .try_collect()
                .await?;
            for entry in &mut found {
                entry.user_id.get_or_insert_with(|| member.party_id.clone());
            }
            entries.extend(found);
        }
        let seen: BTreeSet<String> = entries.iter().filter_map(entry_id).collect();
        if from.is_some() {
            // Linked entries older than the window: still there? changed?
            let mut older: BTreeMap<String, Vec<TimeEntryId>> = BTreeMap::new();
            for id in linked.iter().filter(|id| !seen.contains(*id)) {
                if let Some(entry) = EntryId::parse(id) {
                    older
                        .entry(entry.user)
                        .or_default()
                        .push(TimeEntryId::from(entry.id.as_str()));
                }
            }
            for (user, ids) in older {
                let user = UserId::from(user.as_str());
                match self.ttnx.time_entries_by_ids(&user, &ids).await {
                    Ok(mut found) => {
                        for entry in &mut found {
                            entry.user_id.get_or_insert_with(|| user.clone());
                        }
                        entries.extend(found);
                    }
                    Err(err) if err.kind == ErrorKind::NotFound => {}
                    Err(err) => return Err(err.into()),
                }
            }
        }
        let mut records = Vec::new();
        for entry in &entries {
            let Some(item) = entry.work_item_id.as_ref().map(ToString::to_string) else {
                continue;
            };
            let (Some(name), Some(id), Some(fields)) =
                (items.get(&item), entry_id(entry), ttnx_fields(entry, zone))
            else {
                continue;
            };
            let user = entry
                .user_id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            let person = names.get(&user).cloned().unwrap_or_else(|| user.clone());
            records.push(Record {
                id,
                display: format!(
                    "{name} {} {} {person}",
                    start_text(&fields),
                    minutes_text(&fields, 1)
                ),
                kind: EntityKind::Worklog,
                parent: Some(item),
                fields,
                updated_at: entry.updated_at,
                by_us: entry.updated_by.as_ref() == Some(&self.setup.ttnx_me),
                marker: None,
            });
        }
        self.cache().ttnx_names.extend(names);
        Ok(WorklogRead {
            present: records.iter().map(|r| r.id.clone()).collect(),
            records,
            watermark: today.to_string(),
        })
    }
}

fn entry_id(entry: &TimeEntry) -> Option<String> {
    Some(
        EntryId {
            user: entry.user_id.as_ref()?.to_string(),
            id: entry.id.to_string(),
        }
        .to_string(),
    )
}
