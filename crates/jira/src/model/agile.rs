//! Jira Software boards and sprints (`rest/agile/1.0`).

use serde::{Deserialize, Serialize};

use crate::model::time::JiraTime;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    pub id: u64,
    pub name: String,
    /// `scrum`, `kanban` or `simple`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub location: Option<BoardLocation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BoardLocation {
    #[serde(default)]
    pub project_id: Option<u64>,
    #[serde(default)]
    pub project_key: Option<String>,
    #[serde(default)]
    pub project_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sprint {
    pub id: u64,
    pub name: String,
    /// `future`, `active` or `closed`.
    pub state: String,
    #[serde(default)]
    pub goal: Option<String>,
    #[serde(default)]
    pub origin_board_id: Option<u64>,
    #[serde(default)]
    pub start_date: Option<JiraTime>,
    #[serde(default)]
    pub end_date: Option<JiraTime>,
    #[serde(default)]
    pub complete_date: Option<JiraTime>,
}
