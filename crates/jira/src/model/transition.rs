//! Workflow transitions an issue may take.

use serde::{Deserialize, Serialize};

use crate::model::issue::Status;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub id: String,
    pub name: String,
    /// The status the transition leads to.
    #[serde(default)]
    pub to: Option<Status>,
}
