//! Projects, and their members as `includes=Members` returns them.

use jiff::Timestamp;
use serde::Deserialize;

use super::{MemberId, OrganizationId, ProjectId, UserId};
use crate::time::audit_time;

/// A project of `project/projects`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    pub id: ProjectId,
    pub name: String,
    pub code: Option<String>,
    pub description: Option<String>,
    pub manager_id: Option<UserId>,
    pub manager_name: Option<String>,
    pub organization_id: Option<OrganizationId>,
    pub organization_name: Option<String>,
    #[serde(default)]
    pub is_finished: bool,
    pub standard_unit_cost: Option<f64>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub created_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub updated_at: Option<Timestamp>,
    /// Only when read with members; removed members may be listed with
    /// `is_deleted`.
    #[serde(default)]
    pub members: Vec<ProjectMember>,
}

/// One user's membership in a project (seed 004). `id` is the member id
/// that `memberChange.updates` and `removes` take; `party_id` is the user.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectMember {
    pub id: MemberId,
    pub party_id: UserId,
    pub party_type: Option<String>,
    pub name: String,
    pub english_name: Option<String>,
    pub project_id: Option<ProjectId>,
    /// Yen (or the server's currency) per hour.
    pub unit_cost: Option<f64>,
    #[serde(default)]
    pub is_deleted: bool,
    pub organization_id: Option<OrganizationId>,
    pub organization_name: Option<String>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub created_at: Option<Timestamp>,
    pub created_by: Option<UserId>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub updated_at: Option<Timestamp>,
    pub updated_by: Option<UserId>,
}

impl Project {
    /// The members who still belong to the project.
    pub fn active_members(&self) -> impl Iterator<Item = &ProjectMember> {
        self.members.iter().filter(|member| !member.is_deleted)
    }

    /// The active membership of a user, to find the member id to update or remove.
    pub fn member_of(&self, user: &UserId) -> Option<&ProjectMember> {
        self.active_members()
            .find(|member| &member.party_id == user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_member_of_seed_004_and_keeps_member_and_user_apart() {
        let project: Project = serde_json::from_value(json!({
            "id": "47", "name": "A製品の開発", "code": "", "description": "",
            "managerId": "21", "managerName": "岡本 直哉",
            "members": [{
                "partyId": "21", "name": "岡本 直哉", "englishName": "", "partyType": "User",
                "id": "251", "projectId": "47", "projectUserGroupIds": null,
                "unitCost": 8000.0, "isDeleted": false, "organizationId": "7",
                "organizationName": "開発2課", "avatarUrl": null,
                "createdAt": "2023-09-13T08:44:16Z", "createdBy": "21",
                "updatedAt": "2023-09-13T08:44:16Z", "updatedBy": "21"
            }, {
                "partyId": "40", "name": "黒川 悠太", "partyType": "User", "id": "255",
                "isDeleted": true
            }]
        }))
        .unwrap();
        let member = project.member_of(&UserId::from("21")).unwrap();
        assert_eq!(member.id, MemberId::from("251"));
        assert_eq!(member.unit_cost, Some(8000.0));
        assert!(project.member_of(&UserId::from("251")).is_none());
        assert!(project.member_of(&UserId::from("40")).is_none(), "removed");
        assert_eq!(project.active_members().count(), 1);
    }
}
