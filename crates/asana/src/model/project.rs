//! Projects.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::Deserialize;

use super::{Compact, CustomFieldSetting};

/// An Asana project.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Project {
    pub gid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub archived: Option<bool>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub workspace: Option<Compact>,
    #[serde(default)]
    pub owner: Option<Compact>,
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    #[serde(default)]
    pub modified_at: Option<Timestamp>,
    #[serde(default)]
    pub due_on: Option<Date>,
    #[serde(default)]
    pub start_on: Option<Date>,
    #[serde(default)]
    pub permalink_url: Option<String>,
    /// The custom fields enabled on the project (with `opt_fields` naming them).
    #[serde(default)]
    pub custom_field_settings: Vec<CustomFieldSetting>,
}
