//! `/system/users` and `/system/organizations`: who exists, and who am I.
//!
//! Any authenticated user may search users (the member screens need it);
//! `canEdit` tells whether the caller could change the user in the UI.

use std::sync::Arc;

use axum::extract::{Path, State};
use serde_json::{json, Value};

use super::auth::Caller;
use super::reply::{self, contains_ci, ApiError, Paging, ParamsQuery, Reply};
use super::store::{Organization, Shared, Store, User};
use super::times::{format_date, format_utc};
use crate::people::Role;

/// The full user object, in the shape of the vendor's user list (seed 004).
pub fn user_json(store: &Store, user: &User, caller: &User) -> Value {
    let (role_id, role_name) = system_role(user.person.role);
    json!({
        "name": user.name(),
        "englishName": user.english_name(),
        "loginName": user.person.login,
        "email": user.person.email,
        "code": format!("U{:03}", user.id),
        "organizationName": store.organization_name(user.organization_id),
        "language": language(user),
        "timeZone": user.person.time_zone,
        "isDeleted": false,
        "unitCost": user.unit_cost,
        "organizationId": user.organization_id.to_string(),
        "timeEntryLockedDate": store.settings.locked_until.map(format_date),
        "description": "",
        "ldapLoginName": "",
        "systemRoleId": role_id,
        "systemRoleName": role_name,
        "avatarUrl": null,
        "canEdit": caller.is_admin(),
        "allowLocalAuthentication": user.local_authentication,
        "aclId": "0",
        "permission": -1,
        "id": user.id.to_string(),
        "createdAt": format_utc(user.created_at),
        "createdBy": "1",
        "updatedAt": format_utc(user.created_at),
        "updatedBy": "1",
    })
}

fn system_role(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Admin => ("1", "システム管理者"),
        Role::Member => ("2", "一般ユーザー"),
        Role::Viewer => ("3", "閲覧ユーザー"),
    }
}

/// People of the Japanese teams use the Japanese UI; the others English.
fn language(user: &User) -> &'static str {
    if user.english_name().is_empty() {
        "en-US"
    } else {
        "ja-JP"
    }
}

/// The caller as a `User`; a token of a user that no longer exists is a 401.
pub fn caller_user<'a>(store: &'a Store, caller: &Caller) -> Result<&'a User, ApiError> {
    store
        .user(caller.user_id)
        .ok_or_else(|| ApiError::unauthorized("ユーザーが存在しません。"))
}

/// `GET /system/users/me` — exactly the fields of the contract, which
/// forbids any other.
pub async fn me(State(shared): State<Arc<Shared>>, caller: Caller) -> Reply {
    let store = shared.read();
    let user = caller_user(&store, &caller)?;
    reply::ok(&json!({
        "id": user.id.to_string(),
        "name": user.name(),
        "loginName": user.person.login,
        "email": user.person.email,
        "organizationName": store.organization_name(user.organization_id),
        "unitCost": user.unit_cost,
        "language": language(user),
        "timeZone": user.person.time_zone,
        "isDeleted": false,
        "authenticationType": caller.method.authentication_type(),
    }))
}

/// Names compare without spaces, so `佐藤花子` finds `佐藤 花子`.
fn name_matches(user: &User, wanted: &str) -> bool {
    let squash = |text: &str| {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    let wanted = squash(wanted);
    contains_ci(&squash(user.name()), &wanted)
        || contains_ci(&squash(&user.person.name_en), &wanted)
}

/// `GET /system/users?name&email&organizationName&assignedProjectIds&limit&offset`
pub async fn search(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    query: ParamsQuery,
) -> Reply {
    let params = reply::params(query)?;
    let paging = Paging::from_params(&params)?;
    let store = shared.read();
    let me = caller_user(&store, &caller)?;
    let projects = match params.get("assignedProjectIds").map(|ids| ids.trim()) {
        None | Some("") => None,
        Some(ids) => Some(reply::id_list(ids, "プロジェクト")?),
    };
    let text = |key: &str| params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let (name, email, organization) = (text("name"), text("email"), text("organizationName"));
    let found: Vec<&User> = store
        .users
        .iter()
        .filter(|user| name.is_none_or(|name| name_matches(user, name)))
        .filter(|user| email.is_none_or(|email| contains_ci(&user.person.email, email)))
        .filter(|user| {
            organization
                .is_none_or(|org| contains_ci(store.organization_name(user.organization_id), org))
        })
        .filter(|user| {
            projects.as_ref().is_none_or(|ids| {
                ids.iter().any(|id| {
                    store
                        .projects
                        .get(id)
                        .is_some_and(|p| p.active_member(user.id).is_some())
                })
            })
        })
        .collect();
    reply::ok(&paging.page(&found, |user| user_json(&store, user, me)))
}

/// `GET /system/users/{ids}` — an array; 404 only when none of the ids exist.
pub async fn by_ids(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(ids): Path<String>,
) -> Reply {
    let ids = reply::id_list(&ids, "ユーザー")?;
    let store = shared.read();
    let me = caller_user(&store, &caller)?;
    let found: Vec<Value> = ids
        .iter()
        .filter_map(|id| store.user(*id))
        .map(|user| user_json(&store, user, me))
        .collect();
    reply::found_by_ids(found, "ユーザー")
}

fn organization_json(org: &Organization, index: usize) -> Value {
    json!({
        "id": org.id.to_string(),
        "parentOrganizationId": null,
        "name": org.name,
        "englishName": "",
        "code": format!("ORG{:02}", org.id),
        "description": "",
        "treePath": format!("/{}/", org.id),
        "treeDepth": 1,
        "subOrganizations": [],
        "displayOrder": index + 1,
        "isDeleted": false,
        "createdAt": format_utc(org.created_at),
        "createdBy": "1",
        "updatedAt": format_utc(org.created_at),
        "updatedBy": "1",
    })
}

/// `GET /system/organizations?name&limit&offset`
pub async fn organizations(
    State(shared): State<Arc<Shared>>,
    _caller: Caller,
    query: ParamsQuery,
) -> Reply {
    let params = reply::params(query)?;
    let paging = Paging::from_params(&params)?;
    let store = shared.read();
    let name = params
        .get("name")
        .map(|v| v.trim())
        .filter(|v| !v.is_empty());
    let found: Vec<(usize, &Organization)> = store
        .organizations
        .iter()
        .enumerate()
        .filter(|(_, org)| name.is_none_or(|name| contains_ci(&org.name, name)))
        .collect();
    reply::ok(&paging.page(&found, |(index, org)| organization_json(org, *index)))
}
