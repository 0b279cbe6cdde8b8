//! Finding creates whose answer was lost, by their marker (Jira's side;
//! TT NX's is one tree read in `ttnx_read.rs`).
//!
//! JQL cannot search an issue property no app indexed, so the marker
//! comes back with each issue of a narrow search and is compared here:
//! the project's issues created in the last 30 days (a journal op older
//! than that is not healed by marker; the engine then reports it).
//!
//! Versions carry no properties: a version whose create answer was lost
//! is found by the name of the TT NX group it was made from, which Jira
//! keeps unique within a project.

use std::collections::{BTreeMap, BTreeSet};

use jiff::{SignedDuration, Timestamp};
use kakehashi_http::ErrorKind;
use kakehashi_jira::jql::TimeFilter;
use kakehashi_ttnx::model::WorkItemId;

use super::ids::JiraId;
use super::{markers, JiraTtnx};
use crate::sync::plan::parse_key;
use crate::sync::GroupBy;
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
        {
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
        }
        out.extend(self.find_created_versions(keys).await?);
        Ok(out)
    }

    /// The Jira versions made from TT NX groups these keys name, matched by
    /// the group's name (two requests, only when a key names a group).
    async fn find_created_versions(&self, keys: &[String]) -> AppResult<BTreeMap<String, String>> {
        let mut found = BTreeMap::new();
        if self.setup.group_by != GroupBy::Version {
            return Ok(found); // sprints are never created
        }
        let ttnx_side = self.setup.jira_side.other();
        let sources: BTreeMap<WorkItemId, &String> = keys
            .iter()
            .filter_map(|key| {
                let (side, id) = parse_key(self.setup.profile_id, key)?;
                (side == ttnx_side).then(|| (WorkItemId::from(id), key))
            })
            .collect();
        if sources.is_empty() {
            return Ok(found);
        }
        let ids: Vec<WorkItemId> = sources.keys().cloned().collect();
        let items = match self
            .ttnx
            .work_items(&ids, &["Id", "Name", "ParentId"])
            .await
        {
            Ok(items) => items,
            // The groups are gone from TT NX: nothing to find for them.
            Err(err) if err.kind == ErrorKind::NotFound => return Ok(found),
            Err(err) => return Err(err.into()),
        };
        let by_name: BTreeMap<String, &String> = items
            .iter()
            .filter(|item| item.fields.parent_id.as_ref() == Some(&self.setup.ttnx_folder))
            .filter_map(|item| {
                let key = sources.get(item.fields.id.as_ref()?)?;
                Some((item.fields.name.clone()?, *key))
            })
            .collect();
        if by_name.is_empty() {
            return Ok(found);
        }
        for version in self.jira.versions(&self.setup.jira_project).await? {
            if let Some(key) = by_name.get(&version.name) {
                found.insert((*key).clone(), JiraId::Version(version.id).to_string());
            }
        }
        Ok(found)
    }
}
