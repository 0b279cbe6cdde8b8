//! Tasks: the record as read, and the bodies of create and update.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Compact, CustomFieldValue, FieldInput, FieldValue};

/// An Asana task, with the fields the request asked for.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Task {
    pub gid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub resource_subtype: Option<String>,
    /// Plain-text description.
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub completed: Option<bool>,
    #[serde(default)]
    pub completed_at: Option<Timestamp>,
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    #[serde(default)]
    pub modified_at: Option<Timestamp>,
    #[serde(default)]
    pub due_on: Option<Date>,
    #[serde(default)]
    pub due_at: Option<Timestamp>,
    #[serde(default)]
    pub start_on: Option<Date>,
    #[serde(default)]
    pub assignee: Option<Compact>,
    #[serde(default)]
    pub memberships: Vec<Membership>,
    #[serde(default)]
    pub parent: Option<Compact>,
    #[serde(default)]
    pub custom_fields: Vec<CustomFieldValue>,
    /// The app's own id and data on the task (OAuth apps only).
    #[serde(default)]
    pub external: Option<External>,
    #[serde(default)]
    pub permalink_url: Option<String>,
}

impl Task {
    /// The task's value of the custom field `field_gid`.
    pub fn custom_field(&self, field_gid: &str) -> Option<&CustomFieldValue> {
        self.custom_fields.iter().find(|f| f.gid == field_gid)
    }

    /// The text of the text field `field_gid`, if set.
    pub fn text_value(&self, field_gid: &str) -> Option<&str> {
        match &self.custom_field(field_gid)?.value {
            FieldValue::Text(text) => text.as_deref(),
            _ => None,
        }
    }
}

/// A project the task is in, and its section there.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Membership {
    #[serde(default)]
    pub project: Option<Compact>,
    #[serde(default)]
    pub section: Option<Compact>,
}

/// An app's identifier and data on a task (`external`). Asana keeps it for
/// the OAuth app that wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct External {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

/// What `POST /tasks` creates. A task needs a project, a parent or a
/// workspace.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NewTask {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// A user GID, an email or `me`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_on: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_on: Option<Date>,
    /// Project GIDs; the task lands in each project's first section.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub followers: Vec<String>,
    /// Custom field GID → value; the fields must be on one of the projects.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_fields: BTreeMap<String, FieldInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external: Option<External>,
}

impl NewTask {
    /// A task called `name` in the project `project_gid`.
    pub fn in_project(name: impl Into<String>, project_gid: impl Into<String>) -> Self {
        NewTask {
            name: name.into(),
            projects: vec![project_gid.into()],
            ..NewTask::default()
        }
    }

    /// Sets the custom field `field_gid` to `value`.
    pub fn custom_field(mut self, field_gid: impl Into<String>, value: FieldInput) -> Self {
        self.custom_fields.insert(field_gid.into(), value);
        self
    }
}

/// What `PUT /tasks/{gid}` changes; `None` leaves a property alone and
/// `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TaskUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_on: Option<Option<Date>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Option<Timestamp>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_on: Option<Option<Date>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub custom_fields: BTreeMap<String, FieldInput>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external: Option<External>,
}

impl TaskUpdate {
    /// Sets the custom field `field_gid` to `value`.
    pub fn custom_field(mut self, field_gid: impl Into<String>, value: FieldInput) -> Self {
        self.custom_fields.insert(field_gid.into(), value);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_update_leaves_out_what_it_does_not_change_and_clears_with_null() {
        let update = TaskUpdate {
            name: Some("New".into()),
            assignee: Some(None),
            due_on: Some(Some(jiff::civil::date(2026, 12, 1))),
            ..TaskUpdate::default()
        };
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            json!({ "name": "New", "assignee": null, "due_on": "2026-12-01" })
        );
    }
}
