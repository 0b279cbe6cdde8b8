//! Project roles and their actors (users and groups).

use serde::{Deserialize, Serialize};

/// A project role with its members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRole {
    pub id: u64,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub actors: Vec<RoleActor>,
}

/// A user or a group in a project role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleActor {
    pub id: u64,
    #[serde(default)]
    pub display_name: Option<String>,
    /// `atlassian-user-role-actor` or `atlassian-group-role-actor`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The user name on Data Center, the group name for groups.
    #[serde(default)]
    pub name: Option<String>,
    /// Cloud's user reference.
    #[serde(default)]
    pub actor_user: Option<ActorUser>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActorUser {
    pub account_id: String,
}

impl RoleActor {
    /// Whether the actor is a person (not a group).
    pub fn is_user(&self) -> bool {
        self.kind == "atlassian-user-role-actor"
    }

    /// The id a user actor is named by in requests: the accountId on
    /// Cloud, the user name on Data Center.
    pub fn user_id(&self) -> Option<&str> {
        if !self.is_user() {
            return None;
        }
        self.actor_user
            .as_ref()
            .map(|u| u.account_id.as_str())
            .or(self.name.as_deref())
    }
}

/// A role as `GET project/{key}/role` lists it: its name and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLink {
    pub name: String,
    pub id: u64,
}
