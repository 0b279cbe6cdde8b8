//! What the members screen, the CLI and the audit log see of a TimeTracker
//! NX project and its members. Ids are strings, as on the wire: the UI never
//! does arithmetic on them, and a string keeps the exported TypeScript free
//! of 64-bit integers (which JavaScript cannot hold exactly).

use kakehashi_ttnx::model::{Project, ProjectMember};
use serde::{Deserialize, Serialize};

/// A project as the project picker shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProjectSummary {
    pub id: String,
    /// Optional on the server; many projects have none.
    pub code: Option<String>,
    pub name: String,
    /// The manager's display name, so the picker can tell look-alike projects apart.
    pub manager: Option<String>,
    pub is_finished: bool,
}

/// One active member of a project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    /// The membership (what `updates` and `removes` take), not the user.
    pub member_id: String,
    /// The user (what `adds` take).
    pub user_id: String,
    pub name: String,
    /// The project read does not carry login names; they come from the user
    /// list and are `None` when that was not read (or the user has none).
    pub login: Option<String>,
    pub organization: Option<String>,
    /// `None`: the server did not state one, so the system default applies.
    pub unit_cost: Option<f64>,
    /// RFC 3339, UTC: when the membership was created.
    pub member_since: Option<String>,
}

/// A project with its active members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProjectMembers {
    pub project: ProjectSummary,
    pub members: Vec<Member>,
    /// The project's standard unit cost (標準単価) as the project states it.
    /// NOT what a member added without a cost is charged: that is "the value
    /// set in the system" (seed 004), which the API does not expose, so the
    /// screens say "system default" without a number.
    pub standard_unit_cost: Option<f64>,
}

impl ProjectSummary {
    pub(crate) fn from_project(project: &Project) -> Self {
        ProjectSummary {
            id: project.id.to_string(),
            code: project.code.clone().filter(|code| !code.trim().is_empty()),
            name: project.name.clone(),
            manager: project
                .manager_name
                .clone()
                .filter(|name| !name.trim().is_empty()),
            is_finished: project.is_finished,
        }
    }
}

impl Member {
    pub(crate) fn from_member(member: &ProjectMember) -> Self {
        Member {
            member_id: member.id.to_string(),
            user_id: member.party_id.to_string(),
            name: member.name.clone(),
            login: None,
            organization: member
                .organization_name
                .clone()
                .filter(|name| !name.trim().is_empty()),
            unit_cost: member.unit_cost,
            member_since: member.created_at.map(|at| at.to_string()),
        }
    }
}

impl ProjectMembers {
    /// The project's active members (removed ones the server still lists
    /// with `isDeleted` are left out: they cannot be updated or removed).
    pub(crate) fn from_project(project: &Project) -> Self {
        ProjectMembers {
            project: ProjectSummary::from_project(project),
            members: project.active_members().map(Member::from_member).collect(),
            standard_unit_cost: project.standard_unit_cost,
        }
    }

    /// The member with this member id.
    pub fn member(&self, member_id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.member_id == member_id)
    }

    /// The membership of this user.
    pub fn member_of(&self, user_id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.user_id == user_id)
    }
}
