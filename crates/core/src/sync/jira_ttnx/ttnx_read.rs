//! Reading TT NX: the project's whole tree in ONE request (the API has no
//! change feed), placed by `structure.rs`; records changed since the
//! watermark (minus a minute of overlap) go to the engine, the ids of all
//! placed items are `present`. The watermark is the newest `UpdatedAt`
//! seen (UTC), so a run with no changes costs one request.

use std::collections::BTreeSet;

use jiff::{SignedDuration, Timestamp};
use kakehashi_ttnx::model::WorkItem;

use super::structure::ttnx_layout;
use super::worklogs::{join_watermark, split_watermark};
use super::{fields, markers, JiraTtnx};
use crate::sync::connector::{Record, SideRead};
use crate::sync::model::{EntityKind, Side};
use crate::AppResult;

/// The fields a tree read asks for.
pub(super) const TREE_FIELDS: &[&str] = &[
    "Id",
    "Name",
    "ItemTypeId",
    "ParentId",
    "StatusTypeId",
    "PlannedStartDate",
    "PlannedFinishDate",
    "PlannedTime",
    "UpdatedAt",
    "UpdatedBy",
];

const OVERLAP: SignedDuration = SignedDuration::from_secs(60);

pub(super) fn marker(item: &WorkItem) -> Option<String> {
    item.metadata
        .get(markers::TTNX_METADATA)
        .and_then(markers::key_of)
        .map(str::to_owned)
}

impl JiraTtnx {
    fn ttnx_side(&self) -> Side {
        self.setup.jira_side.other()
    }

    pub(super) async fn ttnx_tree(&self) -> AppResult<Vec<WorkItem>> {
        let root = kakehashi_ttnx::model::WorkItemId::from(self.setup.ttnx_project.as_str());
        Ok(self.ttnx.tree(&root, TREE_FIELDS, false).await?)
    }

    pub(super) async fn read_ttnx(
        &self,
        watermark: Option<&str>,
        linked: &BTreeSet<String>,
    ) -> AppResult<SideRead> {
        let (watermark, worklog_mark) = split_watermark(watermark);
        let since: Option<Timestamp> = watermark
            .and_then(|w| w.parse::<Timestamp>().ok())
            .and_then(|t| t.checked_sub(OVERLAP).ok());
        let tree = self.ttnx_tree().await?;
        let layout = ttnx_layout(
            &tree,
            self.setup.ttnx_folder.as_str(),
            &self.setup.folder_types,
            self.ttnx_side(),
            self.setup.ttnx_project.as_str(),
        );
        let mut present = BTreeSet::new();
        let mut records = Vec::new();
        let mut newest = watermark.and_then(|w| w.parse::<Timestamp>().ok());
        for placed in &layout.placed {
            let Some(id) = placed.item.id().map(ToString::to_string) else {
                continue;
            };
            present.insert(id.clone());
            for assigned in &placed.item.assignments {
                if let Some(name) = assigned.name.as_ref().filter(|n| !n.is_empty()) {
                    self.cache()
                        .ttnx_names
                        .insert(assigned.user_id.to_string(), name.clone());
                }
            }
            let updated = placed.item.fields.updated_at;
            if let Some(at) = updated {
                newest = Some(newest.map_or(at, |n| n.max(at)));
            }
            if since.is_some_and(|s| updated.is_some_and(|u| u < s)) {
                continue;
            }
            records.push(Record {
                display: placed
                    .item
                    .fields
                    .name
                    .clone()
                    .unwrap_or_else(|| id.clone()),
                id,
                kind: placed.kind,
                parent: placed.parent.clone(),
                fields: fields::ttnx_item(&placed.item, placed.kind),
                updated_at: updated,
                by_us: placed.item.fields.updated_by.as_ref() == Some(&self.setup.ttnx_me),
                marker: marker(&placed.item),
            });
        }
        let mut watermark = newest.map(|t| t.to_string()).unwrap_or_default();
        if self.setup.worklogs {
            let items: std::collections::BTreeMap<String, String> = layout
                .placed
                .iter()
                .filter(|p| p.kind != EntityKind::Group)
                .filter_map(|p| {
                    let id = p.item.id()?.to_string();
                    Some((id.clone(), p.item.fields.name.clone().unwrap_or(id)))
                })
                .collect();
            let entries = self.read_ttnx_entries(worklog_mark, linked, &items).await?;
            present.extend(entries.present);
            records.extend(entries.records);
            watermark = join_watermark(watermark, Some(entries.watermark));
        }
        Ok(SideRead {
            records,
            // A folder that is not there is a problem, not "everything deleted".
            present: layout.folder_found.then_some(present),
            watermark,
            problems: layout.problems,
        })
    }

    /// Created items found again by their marker (one tree read).
    pub(super) async fn find_created_ttnx(
        &self,
        keys: &[String],
    ) -> AppResult<std::collections::BTreeMap<String, String>> {
        let tree = self.ttnx_tree().await?;
        let wanted: BTreeSet<&str> = keys.iter().map(String::as_str).collect();
        Ok(tree
            .iter()
            .flat_map(WorkItem::walk)
            .filter_map(|item| {
                let key = marker(item)?;
                let id = item.id()?.to_string();
                wanted.contains(key.as_str()).then_some((key, id))
            })
            .collect())
    }
}
