//! Events of the events API: what changed on a project or task.

use jiff::Timestamp;
use serde::Deserialize;
use serde_json::Value;

use super::Compact;

/// One change Asana observed on the subscribed resource or inside it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Event {
    /// Who did it; `None` for Asana's own changes.
    #[serde(default)]
    pub user: Option<Compact>,
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    pub action: EventAction,
    /// The record that changed (a task, a section, a story...).
    pub resource: Compact,
    /// Where it was added or removed (a project, a section, a parent task).
    #[serde(default)]
    pub parent: Option<Compact>,
    /// What changed, for `changed` events.
    #[serde(default)]
    pub change: Option<Change>,
}

/// What happened to the event's resource.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventAction {
    Changed,
    Added,
    Removed,
    Deleted,
    Undeleted,
    /// An action this client does not know yet.
    #[serde(other)]
    Other,
}

/// The field a `changed` event is about, and how it changed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Change {
    pub field: String,
    /// `changed`, `added` or `removed` (of the field's value).
    pub action: String,
    #[serde(default)]
    pub new_value: Option<Value>,
    #[serde(default)]
    pub added_value: Option<Value>,
    #[serde(default)]
    pub removed_value: Option<Value>,
}
