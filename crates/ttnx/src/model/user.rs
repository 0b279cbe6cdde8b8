//! `GET system/users/me` and the users of `GET system/users`.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::Deserialize;

use super::{OrganizationId, UserId};
use crate::time::{audit_time, work_time};

/// How the current request signed in, as `users/me` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum AuthenticationType {
    #[serde(rename = "SAML")]
    Saml,
    Basic,
    /// A bearer token; the simulator also reports API keys so.
    Bearer,
    /// A value this client does not know yet.
    #[serde(other)]
    Other,
}

/// The signed-in user (`system/users/me`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub id: UserId,
    pub name: String,
    pub login_name: Option<String>,
    pub email: Option<String>,
    pub organization_name: Option<String>,
    pub unit_cost: Option<f64>,
    pub language: Option<String>,
    /// The user's profile zone (IANA name).
    pub time_zone: Option<String>,
    #[serde(default)]
    pub is_deleted: bool,
    pub authentication_type: Option<AuthenticationType>,
}

/// A user of the user list (seed 004's shape).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub english_name: Option<String>,
    pub login_name: Option<String>,
    pub email: Option<String>,
    pub code: Option<String>,
    pub organization_id: Option<OrganizationId>,
    pub organization_name: Option<String>,
    pub language: Option<String>,
    pub time_zone: Option<String>,
    #[serde(default)]
    pub is_deleted: bool,
    pub unit_cost: Option<f64>,
    /// Time entries on or before this date are locked for this user.
    #[serde(default, deserialize_with = "work_time::date_option::deserialize")]
    pub time_entry_locked_date: Option<Date>,
    pub system_role_id: Option<String>,
    pub system_role_name: Option<String>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub created_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub updated_at: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_user_of_seed_004() {
        let user: User = serde_json::from_value(json!({
            "name": "佐藤 大輔", "englishName": "", "loginName": "sato", "email": "",
            "code": "OS1", "organizationName": "委託先A社", "language": "ja-JP",
            "timeZone": "Asia/Tokyo", "isDeleted": false, "unitCost": 0.0,
            "organizationId": "78", "timeEntryLockedDate": null, "description": "",
            "ldapLoginName": "", "systemRoleId": "63", "systemRoleName": "外部スタッフ",
            "avatarUrl": null, "canEdit": true, "allowLocalAuthentication": false,
            "aclId": "0", "permission": -1, "id": "80",
            "createdAt": "2023-09-11T06:00:03Z", "createdBy": "21",
            "updatedAt": "2023-09-11T06:00:03Z", "updatedBy": "21"
        }))
        .unwrap();
        assert_eq!(user.id, UserId::from("80"));
        assert_eq!(user.organization_id, Some(OrganizationId::from("78")));
        assert_eq!(user.time_entry_locked_date, None);
        assert_eq!(
            user.created_at,
            Some("2023-09-11T06:00:03Z".parse().unwrap())
        );
    }

    #[test]
    fn unknown_authentication_types_still_read() {
        let me: Me = serde_json::from_value(json!({
            "id": "1", "name": "x", "authenticationType": "Kerberos"
        }))
        .unwrap();
        assert_eq!(me.authentication_type, Some(AuthenticationType::Other));
    }
}
