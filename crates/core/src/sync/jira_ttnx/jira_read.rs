//! Reading Jira: the project's issue count (one request, whose `Date` is
//! where the next run's changes start), the groups (every version, or every
//! sprint of the board: one request, no change feed), the issues changed
//! since the watermark (bounded JQL in epoch milliseconds, a minute of
//! overlap), and — only when the count says something may have gone away
//! ([`super::jira_presence`]) — the ids of every issue of the project for
//! `present`, an ids-only search that Cloud pages 5,000 at a time. A run
//! with no changes costs three requests however large the project.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::TryStreamExt;
use jiff::Timestamp;
use kakehashi_jira::jql::{changes_jql, quote, with_overlap, TimeFilter};
use kakehashi_jira::{Deployment, Issue, SearchRequest};
use serde_json::Value;

use super::ids::JiraId;
use super::jira_presence::ItemsMark;
use super::structure::{jira_place, JiraPlace};
use super::worklogs::{join_watermark, split_watermark};
use super::{fields, markers, JiraTtnx};
use crate::sync::connector::{Fields, Record, SideRead};
use crate::sync::model::{EntityKind, GroupBy, ProblemDraft, SyncField};
use crate::AppResult;

/// The Sprint field's id on a default install of each product.
pub(super) fn sprint_field(deployment: Deployment) -> &'static str {
    match deployment {
        Deployment::Cloud => "customfield_10020",
        Deployment::DataCenter => "customfield_10100",
    }
}

/// The sprint an issue is in now: the last of its Sprint field's entries.
fn sprint_of(issue: &Issue, field: &str) -> Option<String> {
    let list = issue.fields.other.get(field)?.as_array()?;
    list.iter().rev().find_map(|entry| match entry {
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("id").map(|id| match id {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }),
        _ => None,
    })
}

impl JiraTtnx {
    pub(super) fn project_jql(&self) -> String {
        format!("project = {}", quote(&self.setup.jira_project))
    }

    fn issue_fields(&self) -> Vec<&'static str> {
        vec![
            "summary",
            "status",
            "assignee",
            "issuetype",
            "duedate",
            "timeoriginalestimate",
            "fixVersions",
            "parent",
            "created",
            "updated",
            sprint_field(self.jira.deployment()),
        ]
    }

    /// The groups: (record, all ids).
    async fn jira_groups(&self) -> AppResult<Vec<Record>> {
        let mut records = Vec::new();
        match self.setup.group_by {
            GroupBy::Version => {
                for version in self.jira.versions(&self.setup.jira_project).await? {
                    records.push(Record {
                        id: JiraId::Version(version.id.clone()).to_string(),
                        display: version.name.clone(),
                        kind: EntityKind::Group,
                        parent: None,
                        fields: fields::jira_version(&version),
                        updated_at: None,
                        by_us: false,
                        marker: None,
                    });
                }
            }
            GroupBy::Sprint => {
                let Some(board) = self.setup.board else {
                    return Ok(records);
                };
                for sprint in self.jira.sprints(board, &[]).await? {
                    let day = |t: Option<&kakehashi_jira::JiraTime>| {
                        t.map_or(Value::Null, |t| Value::String(t.zoned().date().to_string()))
                    };
                    let mut f = Fields::new();
                    f.insert(SyncField::Summary, Value::String(sprint.name.clone()));
                    f.insert(SyncField::StartDate, day(sprint.start_date.as_ref()));
                    f.insert(SyncField::DueDate, day(sprint.end_date.as_ref()));
                    records.push(Record {
                        id: JiraId::Sprint(sprint.id.to_string()).to_string(),
                        display: sprint.name.clone(),
                        kind: EntityKind::Group,
                        parent: None,
                        fields: f,
                        updated_at: None,
                        by_us: false,
                        marker: None,
                    });
                }
            }
        }
        Ok(records)
    }

    /// The groups an issue belongs to, as record ids.
    fn groups_of(&self, issue: &Issue, known: &BTreeSet<String>) -> Vec<String> {
        let ids: Vec<String> = match self.setup.group_by {
            GroupBy::Version => issue
                .fields
                .fix_versions
                .iter()
                .flatten()
                .map(|v| JiraId::Version(v.id.clone()).to_string())
                .collect(),
            GroupBy::Sprint => sprint_of(issue, sprint_field(self.jira.deployment()))
                .map(|s| JiraId::Sprint(s).to_string())
                .into_iter()
                .collect(),
        };
        ids.into_iter().filter(|id| known.contains(id)).collect()
    }

    pub(super) async fn read_jira(
        &self,
        watermark: Option<&str>,
        linked: &BTreeSet<String>,
    ) -> AppResult<SideRead> {
        let (items_mark, worklog_mark) = split_watermark(watermark);
        let previous = ItemsMark::parse(items_mark);
        // Counted before anything is read: the answer's `Date` is then a
        // server time no later than any change this run can miss.
        let counted = self.jira.count_issues(&self.project_jql()).await?;
        let now_ms = counted
            .server_time
            .and_then(|t| Timestamp::try_from(t).ok())
            .map(|t| t.as_millisecond());
        let groups = self.jira_groups().await?;
        let group_ids: BTreeSet<String> = groups.iter().map(|g| g.id.clone()).collect();
        let since = previous.since_ms;
        let jql = match since {
            Some(ms) => {
                let at = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
                changes_jql(
                    &self.project_jql(),
                    &TimeFilter::updated_since(with_overlap(at)),
                )
            }
            None => format!("{} ORDER BY key ASC", self.project_jql()),
        };
        let request = SearchRequest::new(jql)
            .fields(&self.issue_fields())
            .property(markers::JIRA_PROPERTY);
        let issues: Vec<Issue> = self.jira.search(&request).try_collect().await?;
        let (present_ids, listed) = self
            .present_issues(&previous, counted.count, now_ms, &issues, linked)
            .await?;
        let (records, problems, newest) = self.place_issues(&issues, &group_ids, linked);
        let mut present = present_ids;
        present.extend(group_ids);
        let watermark = match now_ms {
            Some(now) => ItemsMark {
                since_ms: Some(now),
                count: Some(counted.count),
                listed_ms: if listed {
                    Some(now)
                } else {
                    previous.listed_ms
                },
            },
            // No `Date` from the server: read from the newest change seen,
            // and list the ids again next time.
            None => ItemsMark {
                since_ms: newest.or(since),
                ..ItemsMark::default()
            },
        }
        .format();
        let mut all = groups;
        all.extend(records);
        let watermark = if self.setup.worklogs {
            // Worklogs of the issues linked or placed now.
            let issues: BTreeSet<String> = linked
                .iter()
                .filter(|id| matches!(JiraId::parse(id), Some(JiraId::Issue(_))))
                .cloned()
                .chain(
                    all.iter()
                        .filter(|r| r.kind != EntityKind::Group)
                        .map(|r| r.id.clone()),
                )
                .collect();
            let worklogs = self
                .read_jira_worklogs(worklog_mark, linked, &issues, &present)
                .await?;
            present.extend(worklogs.present);
            all.extend(worklogs.records);
            join_watermark(watermark, Some(worklogs.watermark))
        } else {
            watermark
        };
        Ok(SideRead {
            records: all,
            present: Some(present),
            watermark,
            problems,
        })
    }

    /// The ids of every issue of the project now, and whether they were
    /// listed: a first read found them all already; otherwise they are
    /// listed unless the count adds up (then the linked issues are all
    /// still there, plus the ones this read found).
    async fn present_issues(
        &self,
        previous: &ItemsMark,
        count: u64,
        now_ms: Option<i64>,
        issues: &[Issue],
        linked: &BTreeSet<String>,
    ) -> AppResult<(BTreeSet<String>, bool)> {
        let read: BTreeSet<String> = issues.iter().map(|i| i.id.clone()).collect();
        let Some(since) = previous.since_ms else {
            return Ok((read, true));
        };
        // A count answered at some moment within the second its `Date`
        // names; an issue created in that second is taken as counted.
        let second_end = |ms: i64| ms.saturating_add(999);
        let created_since = now_ms.map(|now| {
            issues
                .iter()
                .filter_map(|i| i.fields.created.as_ref())
                .map(|t| t.epoch_millis())
                .filter(|ms| *ms > second_end(since) && *ms <= second_end(now))
                .count() as u64
        });
        let counted_out = match (now_ms, created_since) {
            (Some(now), Some(created)) => !previous.needs_listing(count, created, now),
            _ => false,
        };
        if counted_out {
            let mut present: BTreeSet<String> = linked
                .iter()
                .filter(|id| matches!(JiraId::parse(id), Some(JiraId::Issue(_))))
                .cloned()
                .collect();
            present.extend(read);
            return Ok((present, false));
        }
        let listed: BTreeSet<String> = self
            .jira
            .search(&SearchRequest::new(self.project_jql()))
            .map_ok(|issue| issue.id)
            .try_collect()
            .await?;
        Ok((listed, true))
    }

    /// Issues → records (with problems for those outside the layout) and
    /// the newest `updated` in epoch milliseconds.
    fn place_issues(
        &self,
        issues: &[Issue],
        groups: &BTreeSet<String>,
        linked: &BTreeSet<String>,
    ) -> (Vec<Record>, Vec<ProblemDraft>, Option<i64>) {
        let grouping = match self.setup.group_by {
            GroupBy::Version => "fix version",
            GroupBy::Sprint => "sprint",
        };
        let placed_here: BTreeMap<&str, bool> = issues
            .iter()
            .map(|i| (i.id.as_str(), !self.groups_of(i, groups).is_empty()))
            .collect();
        let mut cache = self.cache();
        let mut records = Vec::new();
        let mut problems = Vec::new();
        let mut newest = None;
        for issue in issues {
            cache.jira_keys.insert(issue.id.clone(), issue.key.clone());
            if let Some(person) = &issue.fields.assignee {
                if let (Some(id), Some(name)) = (person.id(), person.display_name.as_ref()) {
                    cache.jira_names.insert(id.to_owned(), name.clone());
                }
            }
            if let Some(status) = &issue.fields.status {
                let done = status
                    .status_category
                    .as_ref()
                    .and_then(|c| c.key.as_deref())
                    == Some("done");
                if done {
                    cache.jira_done.insert(status.id.clone());
                }
            }
            if let Some(t) = issue.fields.issue_type.as_ref().filter(|t| t.subtask) {
                cache.jira_subtask_type.get_or_insert_with(|| t.id.clone());
            }
            if let Some(updated) = issue.updated() {
                let ms = updated.epoch_millis();
                newest = Some(newest.map_or(ms, |n: i64| n.max(ms)));
            }
            let parent = issue
                .fields
                .parent
                .as_ref()
                .filter(|_| issue.fields.issue_type.as_ref().is_some_and(|t| t.subtask));
            let parent_in_scope = parent.is_some_and(|p| {
                linked.contains(&p.id) || placed_here.get(p.id.as_str()) == Some(&true)
            });
            let place = jira_place(
                &issue.key,
                parent.map(|p| p.id.as_str()),
                parent_in_scope,
                &self.groups_of(issue, groups),
                grouping,
                self.setup.jira_side,
            );
            let (kind, parent) = match place {
                JiraPlace::Item { group } => (EntityKind::Item, group),
                JiraPlace::SubItem { parent } => (EntityKind::SubItem, parent),
                JiraPlace::Outside(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            records.push(Record {
                id: issue.id.clone(),
                display: format!(
                    "{} {}",
                    issue.key,
                    issue.fields.summary.as_deref().unwrap_or_default()
                ),
                kind,
                parent: Some(parent),
                fields: fields::jira_issue(issue),
                updated_at: issue.updated().map(|t| t.timestamp()),
                by_us: false,
                marker: issue
                    .property(markers::JIRA_PROPERTY)
                    .and_then(markers::key_of)
                    .map(str::to_owned),
            });
        }
        (records, problems, newest)
    }
}
