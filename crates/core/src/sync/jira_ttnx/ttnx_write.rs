//! Writing TT NX work items. Creates go in ONE `POST .../subItems` per
//! parent (the batch `subItems[]` form), each new item carrying its marker
//! in `metadata`; updates are one partial PUT per item; deletes one DELETE
//! for all; "archive" sets a completed status.
//!
//! The API cannot change an existing item's assignments (its update takes
//! `fields` only), so an assignee change towards TT NX applies the other
//! fields and reports what is left for a person to do.

use std::collections::BTreeMap;

use kakehashi_ttnx::model::{ItemTypeId, StatusTypeId, UserId, WorkItemId};
use kakehashi_ttnx::workitems::{NewWorkItem, WorkItemUpdate};
use serde_json::Value;

use super::fields::date_of;
use super::outcome::{failed, outcome_unknown, unknown};
use super::{markers, JiraTtnx};
use crate::sync::connector::{WriteOp, WriteResult};
use crate::sync::model::{EntityKind, OpAction, ProblemCause, SyncField};
use crate::AppResult;

/// TT NX's permission for changing work items.
const MANAGE: &str = "Manage Project";

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn day_start(value: Option<&Value>) -> Option<jiff::civil::DateTime> {
    value
        .and_then(date_of)
        .map(|d| d.to_datetime(jiff::civil::Time::midnight()))
}

/// A work time as TT NX writes it: server-local, no offset.
fn work_time(time: jiff::civil::DateTime) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

impl JiraTtnx {
    fn new_item(&self, op: &WriteOp) -> NewWorkItem {
        let f = &op.fields;
        let item_type = match op.kind {
            EntityKind::Group => self.setup.group_type.clone(),
            _ => text(f.get(&SyncField::ItemType))
                .map(ItemTypeId::from)
                .unwrap_or_else(|| self.setup.task_type.clone()),
        };
        let name = text(f.get(&SyncField::Summary)).unwrap_or_else(|| op.source.display.clone());
        let mut item = NewWorkItem::new(&item_type, name)
            .metadata(markers::TTNX_METADATA, markers::value(&op.key));
        if let Some(status) = text(f.get(&SyncField::Status)) {
            item = item.status(&StatusTypeId::from(status));
        }
        if let Some(start) = day_start(f.get(&SyncField::StartDate)) {
            item = item.field("PlannedStartDate", work_time(start));
        }
        if let Some(finish) = day_start(f.get(&SyncField::DueDate)) {
            item = item.field("PlannedFinishDate", work_time(finish));
        }
        if let Some(minutes) = f.get(&SyncField::OriginalEstimate).and_then(Value::as_i64) {
            item = item.planned_minutes(minutes);
        }
        if let Some(user) = text(f.get(&SyncField::Assignee)) {
            item = item.assign(UserId::from(user));
        }
        item
    }

    fn update_of(&self, op: &WriteOp) -> WorkItemUpdate {
        let mut update = WorkItemUpdate::new();
        for (field, value) in &op.fields {
            update = match field {
                SyncField::Summary => match text(Some(value)) {
                    Some(name) => update.name(name),
                    None => update,
                },
                SyncField::Status => match text(Some(value)) {
                    Some(status) => update.status(&StatusTypeId::from(status)),
                    None => update,
                },
                SyncField::ItemType => match text(Some(value)) {
                    Some(t) => update.field("ItemTypeId", t),
                    None => update,
                },
                SyncField::StartDate => update.planned_start(day_start(Some(value))),
                SyncField::DueDate => update.planned_finish(day_start(Some(value))),
                SyncField::OriginalEstimate => update.planned_minutes(value.as_i64()),
                _ => update,
            };
        }
        update
    }

    pub(super) async fn write_ttnx(&self, ops: &[WriteOp]) -> AppResult<Vec<WriteResult>> {
        let side = self.setup.jira_side.other();
        let mut results: Vec<Option<WriteResult>> = vec![None; ops.len()];
        // Time entries go one by one (`worklog_write.rs`).
        for (index, op) in ops.iter().enumerate() {
            if op.kind == EntityKind::Worklog {
                results[index] = Some(self.write_ttnx_entry(op).await?);
            }
        }
        // Creates: one request per parent.
        let mut by_parent: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, op) in ops.iter().enumerate() {
            if op.action == OpAction::Create && results[index].is_none() {
                let parent = match op.kind {
                    EntityKind::Group => Some(self.setup.ttnx_folder.to_string()),
                    _ => op.parent.clone(),
                };
                match parent {
                    Some(parent) => by_parent.entry(parent).or_default().push(index),
                    None => {
                        results[index] = Some(WriteResult::Failed {
                            cause: ProblemCause::StructureMismatch {
                                detail: "no parent".into(),
                            },
                            message: format!("“{}” has no parent on the TimeTracker NX side to be created under; its version or issue must be synced first.", op.source.display),
                            retryable: true,
                        })
                    }
                }
            }
        }
        for (parent, indexes) in by_parent {
            let batch: Vec<NewWorkItem> = indexes.iter().map(|i| self.new_item(&ops[*i])).collect();
            match self
                .ttnx
                .create_sub_items(&WorkItemId::from(parent), &batch)
                .await
            {
                Ok(created) => {
                    for (index, item) in indexes.iter().zip(created) {
                        results[*index] = Some(WriteResult::Done {
                            id: item.id.to_string(),
                            fields: ops[*index].fields.clone(),
                        });
                    }
                }
                Err(err) if outcome_unknown(&err) => return Err(unknown(err)),
                Err(err) => {
                    for index in indexes {
                        results[index] = Some(failed(side, &err, MANAGE));
                    }
                }
            }
        }
        // Deletes: one request for all.
        let deletes: Vec<usize> = (0..ops.len())
            .filter(|i| ops[*i].action == OpAction::Delete && results[*i].is_none())
            .collect();
        if !deletes.is_empty() {
            let ids: Vec<WorkItemId> = deletes
                .iter()
                .filter_map(|i| ops[*i].target_id.clone().map(WorkItemId::from))
                .collect();
            let outcome = self.ttnx.delete_work_items(&ids).await;
            for index in deletes {
                let op = &ops[index];
                results[index] = Some(match &outcome {
                    // Gone already (an earlier attempt, or a person) is done.
                    Ok(_) => done(op),
                    Err(err) if err.kind == kakehashi_http::ErrorKind::NotFound => done(op),
                    Err(err) => failed(side, err, MANAGE),
                });
            }
        }
        for (index, op) in ops.iter().enumerate() {
            if results[index].is_some() {
                continue;
            }
            results[index] = Some(self.update_ttnx(op).await);
        }
        Ok(results
            .into_iter()
            .map(|r| r.unwrap_or_else(unreachable_result))
            .collect())
    }

    async fn update_ttnx(&self, op: &WriteOp) -> WriteResult {
        let side = self.setup.jira_side.other();
        let Some(id) = op.target_id.clone() else {
            return WriteResult::Failed {
                cause: ProblemCause::Rejected { side, status: 404 },
                message: format!(
                    "“{}” has no TimeTracker NX item to change.",
                    op.source.display
                ),
                retryable: false,
            };
        };
        let update = if op.action == OpAction::Archive {
            match self.setup.completed_statuses.first() {
                Some(status) => WorkItemUpdate::new().status(status),
                None => WorkItemUpdate::new().set_completed(),
            }
        } else {
            self.update_of(op)
        };
        if !update.is_empty() {
            if let Err(err) = self
                .ttnx
                .update_work_items(&[WorkItemId::from(id.clone())], &update)
                .await
            {
                return failed(side, &err, MANAGE);
            }
        }
        if op.action == OpAction::Update && op.fields.contains_key(&SyncField::Assignee) {
            return WriteResult::Failed {
                cause: ProblemCause::Rejected { side, status: 422 },
                message: format!("TimeTracker NX's API cannot change who is assigned to an existing work item, so the assignee of “{}” was not copied (its other fields were). Assign the person in TimeTracker NX, or set the assignee's direction to Jira ← TimeTracker NX in the profile.", op.source.display),
                retryable: false,
            };
        }
        WriteResult::Done {
            id,
            fields: op.fields.clone(),
        }
    }
}

fn done(op: &WriteOp) -> WriteResult {
    WriteResult::Done {
        id: op.target_id.clone().unwrap_or_default(),
        fields: op.fields.clone(),
    }
}

/// Every op gets a result above; this only keeps the types total.
fn unreachable_result() -> WriteResult {
    WriteResult::Failed {
        cause: ProblemCause::StructureMismatch {
            detail: "not handled".into(),
        },
        message: "The operation was not handled by the TimeTracker NX writer; run the sync again."
            .into(),
        retryable: true,
    }
}
