//! Work-item types and status types, with stable ids.
//!
//! Folders and tasks differ only by `ItemTypeId`, as on the real server, so a
//! client must look the ids up (`GET /workitem/itemTypes`) rather than guess.
//! Time can be booked on tasks only; folders group tasks, and each project has
//! one root item of type Project.

use serde_json::{json, Value};

use super::reply::{Paging, Params, Reply};
use super::{auth::Caller, reply};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemType {
    Project,
    Folder,
    Task,
}

impl ItemType {
    pub const ALL: [ItemType; 3] = [ItemType::Project, ItemType::Folder, ItemType::Task];

    pub fn id(self) -> &'static str {
        match self {
            ItemType::Project => "1",
            ItemType::Folder => "2",
            ItemType::Task => "3",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.id() == id.trim())
    }

    fn names(self) -> (&'static str, &'static str) {
        match self {
            ItemType::Project => ("プロジェクト", "Project"),
            ItemType::Folder => ("フォルダー", "Folder"),
            ItemType::Task => ("作業", "Task"),
        }
    }

    /// Whether an item of this type may sit under an item of type `parent`.
    pub fn may_be_child_of(self, parent: ItemType) -> bool {
        match self {
            ItemType::Project => false,
            ItemType::Folder => matches!(parent, ItemType::Project | ItemType::Folder),
            ItemType::Task => true,
        }
    }

    pub fn to_json(self) -> Value {
        let (name, english) = self.names();
        json!({
            "id": self.id(),
            "name": name,
            "englishName": english,
            "isFolder": self != ItemType::Task,
            "canHaveTimeEntries": self == ItemType::Task,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusType {
    NotStarted,
    InProgress,
    Completed,
}

impl StatusType {
    pub const ALL: [StatusType; 3] = [
        StatusType::NotStarted,
        StatusType::InProgress,
        StatusType::Completed,
    ];

    pub fn id(self) -> &'static str {
        match self {
            StatusType::NotStarted => "1",
            StatusType::InProgress => "2",
            StatusType::Completed => "3",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.id() == id.trim())
    }

    /// `ActualProgress` in percent, as the vendor derives it from the status.
    pub fn progress(self) -> f64 {
        match self {
            StatusType::NotStarted => 0.0,
            StatusType::InProgress => 50.0,
            StatusType::Completed => 100.0,
        }
    }

    pub fn to_json(self) -> Value {
        let (name, english) = match self {
            StatusType::NotStarted => ("未着手", "Not started"),
            StatusType::InProgress => ("進行中", "In progress"),
            StatusType::Completed => ("完了", "Completed"),
        };
        json!({ "id": self.id(), "name": name, "englishName": english, "isCompleted": self == StatusType::Completed })
    }
}

/// `GET /workitem/itemTypes`
pub async fn list_item_types(_caller: Caller, query: reply::ParamsQuery) -> Reply {
    let params: Params = reply::params(query)?;
    reply::ok(&Paging::from_params(&params)?.page(&ItemType::ALL, |kind| kind.to_json()))
}

/// `GET /workitem/statusTypes`
pub async fn list_status_types(_caller: Caller, query: reply::ParamsQuery) -> Reply {
    let params: Params = reply::params(query)?;
    reply::ok(&Paging::from_params(&params)?.page(&StatusType::ALL, |status| status.to_json()))
}
