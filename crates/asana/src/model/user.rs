//! Users and workspaces.

use serde::Deserialize;

use super::Compact;

/// An Asana user (`/users/me`, assignees, followers).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct User {
    pub gid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub workspaces: Vec<Compact>,
}

/// A workspace or organization.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Workspace {
    pub gid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub is_organization: Option<bool>,
}
