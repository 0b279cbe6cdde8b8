//! `workitem/...`: the tree under a project, reads by ids, batch creation
//! through `subItems[]`, update, delete, and the sync marker in `metadata`.
//!
//! A project is its own root work item (same id), so the tree of a project
//! is `workItems/{projectId}/subItems`. Folders and tasks differ only by
//! `ItemTypeId`, whose values differ between servers: read them with
//! [`TtnxClient::item_types`].
//!
//! Creating is a POST and is never repeated after a lost answer (the
//! transport's rule). Kakehashi puts its marker into each new item's
//! `metadata`, so after a lost answer [`TtnxClient::find_by_metadata`] finds
//! what was created — once — instead of creating it again. Metadata can only
//! be written at creation: the update's contract does not take it.

use std::collections::BTreeMap;

use futures_util::TryStreamExt;
use jiff::civil::DateTime;
use kakehashi_http::HttpError;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{
    join, AffectedItem, CreatedWorkItem, ItemType, ItemTypeId, StatusType, StatusTypeId, UserId,
    WorkItem, WorkItemId,
};
use crate::paging::pages;
use crate::time::work_time;
use crate::TtnxClient;

/// The fields a tree or read asks for unless told otherwise: enough to map
/// the tree to Jira (DESIGN §5) and to see what changed.
pub const DEFAULT_FIELDS: &[&str] = &[
    "Id",
    "Name",
    "ItemTypeId",
    "ParentId",
    "ProjectId",
    "StatusTypeId",
    "ActualProgress",
    "PlannedStartDate",
    "PlannedFinishDate",
    "PlannedTime",
    "ActualTime",
    "IsDeleted",
    "UpdatedAt",
    "UpdatedBy",
];

/// A work item to create, with its own sub-items, assignments and metadata.
/// Field values are sent as strings, as the update contract types them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewWorkItem {
    fields: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sub_items: Vec<NewWorkItem>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    assignments: Vec<AssignTo>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    metadata: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct AssignTo {
    user_id: UserId,
}

impl NewWorkItem {
    /// An item of `item_type` called `name` (both required by the server).
    pub fn new(item_type: &ItemTypeId, name: impl Into<String>) -> Self {
        let mut fields = BTreeMap::new();
        fields.insert("ItemTypeId".to_owned(), item_type.to_string());
        fields.insert("Name".to_owned(), name.into());
        NewWorkItem {
            fields,
            sub_items: Vec::new(),
            assignments: Vec::new(),
            metadata: Map::new(),
        }
    }

    /// Any field by its API name, e.g. a custom field.
    pub fn field(mut self, name: &str, value: impl Into<String>) -> Self {
        self.fields.insert(name.to_owned(), value.into());
        self
    }

    /// The status.
    pub fn status(self, status: &StatusTypeId) -> Self {
        self.field("StatusTypeId", status.as_str())
    }

    /// Planned start and finish, server-local.
    pub fn planned(self, start: DateTime, finish: DateTime) -> Self {
        self.field("PlannedStartDate", work_time::format(start))
            .field("PlannedFinishDate", work_time::format(finish))
    }

    /// Planned time in minutes.
    pub fn planned_minutes(self, minutes: i64) -> Self {
        self.field("PlannedTime", minutes.to_string())
    }

    /// Assigns a user (who must be a member of the project).
    pub fn assign(mut self, user: UserId) -> Self {
        self.assignments.push(AssignTo { user_id: user });
        self
    }

    /// A metadata entry, e.g. Kakehashi's sync marker.
    pub fn metadata(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.metadata.insert(key.to_owned(), value.into());
        self
    }

    /// An item to create under this one, in the same request.
    pub fn sub_item(mut self, item: NewWorkItem) -> Self {
        self.sub_items.push(item);
        self
    }

    /// Items in this one's subtree, this one included.
    fn count(&self) -> usize {
        1 + self.sub_items.iter().map(NewWorkItem::count).sum::<usize>()
    }

    fn check(&self) -> Result<(), HttpError> {
        let blank = |name: &str| {
            self.fields
                .get(name)
                .is_none_or(|value| value.trim().is_empty())
        };
        if blank("ItemTypeId") {
            return Err(HttpError::invalid_input(
                "ItemTypeId",
                "A new work item needs its item type (folder, task...).",
            ));
        }
        if blank("Name") {
            return Err(HttpError::invalid_input(
                "Name",
                "A new work item needs a name.",
            ));
        }
        self.sub_items.iter().try_for_each(NewWorkItem::check)
    }
}

/// A partial update of work items (`PUT workitem/workItems/{ids}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkItemUpdate {
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    fields: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clear_schedule: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    move_schedule_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    set_completed: Option<bool>,
}

impl WorkItemUpdate {
    /// An update that changes nothing yet.
    pub fn new() -> Self {
        WorkItemUpdate::default()
    }

    /// Any field by its API name; an empty value clears it.
    pub fn field(mut self, name: &str, value: impl Into<String>) -> Self {
        self.fields.insert(name.to_owned(), value.into());
        self
    }

    /// A new name.
    pub fn name(self, name: impl Into<String>) -> Self {
        self.field("Name", name)
    }

    /// A new status.
    pub fn status(self, status: &StatusTypeId) -> Self {
        self.field("StatusTypeId", status.as_str())
    }

    /// A new planned start, or none.
    pub fn planned_start(self, start: Option<DateTime>) -> Self {
        self.field(
            "PlannedStartDate",
            start.map(work_time::format).unwrap_or_default(),
        )
    }

    /// A new planned finish, or none.
    pub fn planned_finish(self, finish: Option<DateTime>) -> Self {
        self.field(
            "PlannedFinishDate",
            finish.map(work_time::format).unwrap_or_default(),
        )
    }

    /// A new planned time in minutes, or none.
    pub fn planned_minutes(self, minutes: Option<i64>) -> Self {
        self.field(
            "PlannedTime",
            minutes.map(|m| m.to_string()).unwrap_or_default(),
        )
    }

    /// Removes planned start and finish.
    pub fn clear_schedule(mut self) -> Self {
        self.clear_schedule = Some(true);
        self
    }

    /// Moves planned start and finish by whole days.
    pub fn move_schedule_days(mut self, days: i64) -> Self {
        self.move_schedule_days = Some(days);
        self
    }

    /// Marks items that track progress as completed.
    pub fn set_completed(mut self) -> Self {
        self.set_completed = Some(true);
        self
    }

    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == WorkItemUpdate::default()
    }

    /// The request body.
    pub fn to_body(&self) -> Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// Moving a schedule twice moves it twice: only updates without a
    /// relative move may be repeated after a lost answer.
    fn is_repeatable(&self) -> bool {
        self.move_schedule_days.is_none()
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Deleted {
    #[serde(default)]
    affected_items: Vec<AffectedItem>,
}

fn field_list(fields: &[&str]) -> String {
    let fields = if fields.is_empty() {
        DEFAULT_FIELDS
    } else {
        fields
    };
    fields.join(",")
}

impl TtnxClient {
    /// The work-item types of this server (project, folder, task...).
    pub async fn item_types(&self) -> Result<Vec<ItemType>, HttpError> {
        pages(self.get("workitem/itemTypes"), None)
            .try_collect()
            .await
    }

    /// The status types of this server.
    pub async fn status_types(&self) -> Result<Vec<StatusType>, HttpError> {
        pages(self.get("workitem/statusTypes"), None)
            .try_collect()
            .await
    }

    /// Everything under `root` (a project id works: a project is its root
    /// item), nested. `fields` empty means [`DEFAULT_FIELDS`].
    pub async fn tree(
        &self,
        root: &WorkItemId,
        fields: &[&str],
        include_deleted: bool,
    ) -> Result<Vec<WorkItem>, HttpError> {
        self.get(&format!("workitem/workItems/{root}/subItems"))
            .query("fields", field_list(fields))
            .query("includeDeleted", include_deleted)
            .send_json()
            .await
    }

    /// The items with these ids (ids that do not exist are left out; none
    /// existing is `NotFound`). `fields` empty means [`DEFAULT_FIELDS`].
    pub async fn work_items(
        &self,
        ids: &[WorkItemId],
        fields: &[&str],
    ) -> Result<Vec<WorkItem>, HttpError> {
        let fields = field_list(fields);
        self.read_by_ids(ids, |ids| {
            self.get(&format!("workitem/workItems/{ids}"))
                .query("fields", &fields)
        })
        .await
    }

    /// Creates `items` (each with its sub-items) under `parent` in one
    /// request. The answer mirrors the request: one [`CreatedWorkItem`] per
    /// item sent, nested the same way. Not repeated after a lost answer.
    pub async fn create_sub_items(
        &self,
        parent: &WorkItemId,
        items: &[NewWorkItem],
    ) -> Result<Vec<CreatedWorkItem>, HttpError> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        items.iter().try_for_each(NewWorkItem::check)?;
        let what = format!("POST workitem/workItems/{parent}/subItems");
        let created: Vec<CreatedWorkItem> = self
            .post(&format!("workitem/workItems/{parent}/subItems"))
            .json(items)
            .send_json()
            .await?;
        let sent: usize = items.iter().map(NewWorkItem::count).sum();
        let got: usize = created.iter().map(|item| item.ids().len()).sum();
        if created.len() != items.len() || got != sent {
            return Err(HttpError::malformed(
                &what,
                format!("{got} ids for the {sent} items sent"),
            ));
        }
        Ok(created)
    }

    /// Applies `update` to every item in `ids` (all or nothing on the server).
    pub async fn update_work_items(
        &self,
        ids: &[WorkItemId],
        update: &WorkItemUpdate,
    ) -> Result<(), HttpError> {
        if update.is_empty() {
            return Err(HttpError::invalid_input(
                "fields",
                "The work-item update changes nothing.",
            ));
        }
        if ids.is_empty() {
            return Ok(());
        }
        self.put(&format!("workitem/workItems/{}", join(ids)))
            .json(&update.to_body())
            .idempotent(update.is_repeatable())
            .send()
            .await
            .map(|_| ())
    }

    /// Deletes the items and everything under them; returns every item
    /// removed. After a lost answer the transport asks again, and an item
    /// already gone is then `NotFound`: for a delete that means done.
    pub async fn delete_work_items(
        &self,
        ids: &[WorkItemId],
    ) -> Result<Vec<AffectedItem>, HttpError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let deleted: Deleted = self
            .delete(&format!("workitem/workItems/{}", join(ids)))
            .send_json()
            .await?;
        Ok(deleted.affected_items)
    }

    /// The metadata of each item, by id (the sync marker lives here).
    pub async fn work_item_metadata(
        &self,
        ids: &[WorkItemId],
    ) -> Result<BTreeMap<WorkItemId, Map<String, Value>>, HttpError> {
        let items = self.work_items(ids, &["Id"]).await?;
        Ok(items
            .into_iter()
            .filter_map(|item| Some((item.fields.id?, item.metadata)))
            .collect())
    }

    /// Every item under `root` whose metadata holds `key: value`, each with
    /// its subtree: how a create whose answer was lost is found again.
    pub async fn find_by_metadata(
        &self,
        root: &WorkItemId,
        key: &str,
        value: &Value,
        fields: &[&str],
    ) -> Result<Vec<WorkItem>, HttpError> {
        let tree = self.tree(root, fields, false).await?;
        Ok(tree
            .iter()
            .flat_map(WorkItem::walk)
            .filter(|item| item.has_metadata(key, value))
            .cloned()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_batch_nests_fields_assignments_and_metadata() {
        let task = ItemTypeId::from("3");
        let folder = ItemTypeId::from("2");
        let start = jiff::civil::date(2024, 5, 1).at(9, 0, 0, 0);
        let finish = jiff::civil::date(2024, 5, 31).at(18, 0, 0, 0);
        let item = NewWorkItem::new(&folder, "v2.0")
            .planned(start, finish)
            .metadata("kakehashi", json!({ "link": "jira:WEB-1" }))
            .sub_item(
                NewWorkItem::new(&task, "ログイン")
                    .status(&StatusTypeId::from("1"))
                    .planned_minutes(480)
                    .assign(UserId::from("3")),
            );
        assert_eq!(item.count(), 2);
        assert_eq!(
            serde_json::to_value(&item).unwrap(),
            json!({
                "fields": {
                    "ItemTypeId": "2", "Name": "v2.0",
                    "PlannedStartDate": "2024-05-01T09:00:00",
                    "PlannedFinishDate": "2024-05-31T18:00:00"
                },
                "metadata": { "kakehashi": { "link": "jira:WEB-1" } },
                "subItems": [{
                    "fields": { "ItemTypeId": "3", "Name": "ログイン", "StatusTypeId": "1", "PlannedTime": "480" },
                    "assignments": [{ "userId": "3" }]
                }]
            })
        );
        assert!(item.check().is_ok());
        assert!(NewWorkItem::new(&task, " ").check().is_err());
        assert!(NewWorkItem::new(&ItemTypeId::from(""), "x")
            .check()
            .is_err());
        assert!(NewWorkItem::new(&task, "x")
            .sub_item(NewWorkItem::new(&task, ""))
            .check()
            .is_err());
    }

    #[test]
    fn an_update_sends_strings_and_clears_with_empty_ones() {
        let update = WorkItemUpdate::new()
            .name("新しい名前")
            .planned_start(None)
            .planned_minutes(Some(90))
            .set_completed();
        assert_eq!(
            update.to_body(),
            json!({
                "fields": { "Name": "新しい名前", "PlannedStartDate": "", "PlannedTime": "90" },
                "setCompleted": true
            })
        );
        assert!(update.is_repeatable());
        assert!(!WorkItemUpdate::new().move_schedule_days(3).is_repeatable());
        assert!(WorkItemUpdate::new().is_empty());
        assert_eq!(field_list(&[]), DEFAULT_FIELDS.join(","));
        assert_eq!(field_list(&["Id", "Name"]), "Id,Name");
    }
}
