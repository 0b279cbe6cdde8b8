//! Work items: the tree under a project, its fields, metadata and
//! assignments; item and status types; what create and delete answer.

use jiff::civil::DateTime;
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::{minutes, ItemTypeId, ProjectId, StatusTypeId, UserId, WorkItemId};
use crate::time::{audit_time, work_time};

/// A work item as `workItems/{ids}` and `subItems` return it: the fields
/// asked for, the metadata it was created with, its assignments and (in a
/// tree) the items under it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkItem {
    pub fields: WorkItemFields,
    #[serde(default)]
    pub metadata: Map<String, Value>,
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    #[serde(default)]
    pub sub_items: Vec<WorkItem>,
}

/// The fields of a work item. Which are present depends on the `fields` a
/// read asked for; any not known here land in `other`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct WorkItemFields {
    pub id: Option<WorkItemId>,
    pub name: Option<String>,
    pub item_type_id: Option<ItemTypeId>,
    pub parent_id: Option<WorkItemId>,
    pub project_id: Option<ProjectId>,
    pub status_type_id: Option<StatusTypeId>,
    /// Percent.
    pub actual_progress: Option<f64>,
    /// Server-local, no offset.
    #[serde(default, with = "work_time::option")]
    pub planned_start_date: Option<DateTime>,
    #[serde(default, with = "work_time::option")]
    pub planned_finish_date: Option<DateTime>,
    /// Minutes.
    #[serde(default, deserialize_with = "minutes::deserialize_option")]
    pub planned_time: Option<i64>,
    /// Minutes booked on the item and everything under it.
    #[serde(default, deserialize_with = "minutes::deserialize_option")]
    pub actual_time: Option<i64>,
    pub folder_path: Option<String>,
    pub is_deleted: Option<bool>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub created_at: Option<Timestamp>,
    pub created_by: Option<UserId>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub updated_at: Option<Timestamp>,
    pub updated_by: Option<UserId>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A user assigned to a work item.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    pub user_id: UserId,
    pub name: Option<String>,
}

impl WorkItem {
    /// The item's id, when the read asked for `Id`.
    pub fn id(&self) -> Option<&WorkItemId> {
        self.fields.id.as_ref()
    }

    /// This item and everything under it, parents before children.
    pub fn walk(&self) -> Vec<&WorkItem> {
        let mut out = Vec::new();
        self.walk_into(&mut out);
        out
    }

    fn walk_into<'a>(&'a self, out: &mut Vec<&'a WorkItem>) {
        out.push(self);
        for child in &self.sub_items {
            child.walk_into(out);
        }
    }

    /// Whether the item carries `key: value` in its metadata.
    pub fn has_metadata(&self, key: &str, value: &Value) -> bool {
        self.metadata.get(key) == Some(value)
    }
}

/// What `POST .../subItems` answers for each item sent, in the same order
/// and nesting, so every new id can be matched to what was asked for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedWorkItem {
    pub id: WorkItemId,
    #[serde(default)]
    pub sub_items: Vec<CreatedWorkItem>,
}

impl CreatedWorkItem {
    /// Every id created: this one and those under it, parents first.
    pub fn ids(&self) -> Vec<WorkItemId> {
        let mut out = vec![self.id.clone()];
        for child in &self.sub_items {
            out.extend(child.ids());
        }
        out
    }
}

/// One item a delete removed (children go with their parent).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AffectedItem {
    pub id: Option<WorkItemId>,
    pub name: Option<String>,
    pub item_type_id: Option<ItemTypeId>,
    pub parent_id: Option<WorkItemId>,
    pub is_deleted: Option<bool>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A work-item type (`workitem/itemTypes`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemType {
    pub id: ItemTypeId,
    pub name: String,
    pub english_name: Option<String>,
    /// Whether items of this type group others (project, folder).
    pub is_folder: Option<bool>,
    /// Whether time can be booked on items of this type (tasks).
    pub can_have_time_entries: Option<bool>,
}

/// A status type (`workitem/statusTypes`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusType {
    pub id: StatusTypeId,
    pub name: String,
    pub english_name: Option<String>,
    pub is_completed: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_a_tree_with_fields_metadata_and_unknown_fields() {
        let tree: Vec<WorkItem> = serde_json::from_value(json!([{
            "fields": {
                "Id": "1002", "Name": "WEB 開発", "ItemTypeId": "2",
                "PlannedStartDate": "2024-05-01T00:00:00", "PlannedFinishDate": null,
                "PlannedTime": 0, "ActualTime": "90", "Colour": "red"
            },
            "metadata": { "kakehashi": "jira:WEB-1" },
            "assignments": [{ "userId": "3", "name": "鈴木 一郎" }],
            "subItems": [{ "fields": { "Id": "1003", "Name": "v1.0" }, "subItems": [] }]
        }]))
        .unwrap();
        let root = &tree[0];
        assert_eq!(root.id(), Some(&WorkItemId::from("1002")));
        assert_eq!(
            root.fields.planned_start_date,
            Some(jiff::civil::date(2024, 5, 1).at(0, 0, 0, 0))
        );
        assert_eq!(root.fields.planned_finish_date, None);
        assert_eq!(root.fields.actual_time, Some(90));
        assert_eq!(root.fields.other["Colour"], "red");
        assert!(root.has_metadata("kakehashi", &json!("jira:WEB-1")));
        let ids: Vec<_> = root
            .walk()
            .iter()
            .filter_map(|item| item.id())
            .cloned()
            .collect();
        assert_eq!(ids, [WorkItemId::from("1002"), WorkItemId::from("1003")]);
    }

    #[test]
    fn created_ids_follow_the_nesting() {
        let created: CreatedWorkItem = serde_json::from_value(json!({
            "id": "2001", "subItems": [{ "id": "2002", "subItems": [{ "id": "2003" }] }, { "id": "2004" }]
        }))
        .unwrap();
        let ids: Vec<String> = created.ids().iter().map(ToString::to_string).collect();
        assert_eq!(ids, ["2001", "2002", "2003", "2004"]);
    }
}
