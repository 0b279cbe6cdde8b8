//! Users and the workspace: `/users`, `/users/{gid|me|email}`,
//! `/workspaces`, `/workspaces/{gid}`, `/workspaces/{gid}/users`.

use axum::extract::{Path, State};
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::compact::{self, NAMED};
use super::fields::View;
use super::params::Params;
use super::response::{path_gid, ApiError, ApiResult};
use super::store::{Store, User};
use super::AsanaState;

fn user_json(store: &Store, user: &User) -> Map<String, Value> {
    let person = &user.person;
    let mut out = Map::new();
    out.insert("gid".into(), compact::gid(user.gid));
    out.insert("resource_type".into(), json!("user"));
    out.insert("name".into(), json!(person.display_name()));
    out.insert("email".into(), json!(person.email));
    out.insert("photo".into(), Value::Null);
    out.insert("workspaces".into(), json!([compact::workspace(store)]));
    out
}

fn workspace_json(store: &Store) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("gid".into(), compact::gid(store.workspace.gid));
    out.insert("resource_type".into(), json!("workspace"));
    out.insert("name".into(), json!(store.workspace.name));
    // No `email_domains`: Asana answers bare domains ("example.com") where
    // its contract demands URIs, so the property is left out.
    out.insert("is_organization".into(), json!(false));
    out
}

/// The one workspace, or Asana's 404 for any other GID.
pub(crate) fn check_workspace(store: &Store, text: &str) -> Result<(), ApiError> {
    let gid = path_gid("workspace", text)?;
    if gid == store.workspace.gid {
        Ok(())
    } else {
        Err(ApiError::unknown("workspace", gid))
    }
}

/// `?workspace=` may be left out of the top-level lists, but when given it
/// must name the one workspace.
pub(crate) fn check_workspace_filter(store: &Store, params: &Params) -> Result<(), ApiError> {
    match params.get("workspace") {
        Some(workspace) => check_workspace(store, workspace),
        None => Ok(()),
    }
}

/// `GET /users/{user_gid}`: a GID, an email or `me`.
pub(crate) async fn get_user(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(user): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    if user != "me" && !user.contains('@') {
        path_gid("user", &user)?;
    }
    let found = store
        .find_user(&user, caller.user)
        .ok_or_else(|| ApiError::unknown("user", &user))?;
    Ok(params.one(user_json(&store, found), View::AllBut(&[])))
}

fn users_page(state: &AsanaState, params: &Params) -> ApiResult {
    let store = state.store();
    params.page_of(
        store.users.iter(),
        |user| user.gid,
        |user| user_json(&store, user),
        View::Compact(NAMED),
        state.base_url(),
    )
}

/// `GET /users?workspace=`
pub(crate) async fn list_users(
    State(state): State<AsanaState>,
    _caller: Caller,
    params: Params,
) -> ApiResult {
    check_workspace_filter(&state.store(), &params)?;
    users_page(&state, &params)
}

/// `GET /workspaces/{workspace_gid}/users`
pub(crate) async fn list_workspace_users(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(workspace): Path<String>,
    params: Params,
) -> ApiResult {
    check_workspace(&state.store(), &workspace)?;
    users_page(&state, &params)
}

/// `GET /workspaces`
pub(crate) async fn list_workspaces(
    State(state): State<AsanaState>,
    _caller: Caller,
    params: Params,
) -> ApiResult {
    let store = state.store();
    params.page_of(
        std::iter::once(store.workspace.gid),
        |gid| *gid,
        |_| workspace_json(&store),
        View::Compact(NAMED),
        state.base_url(),
    )
}

/// `GET /workspaces/{workspace_gid}`
pub(crate) async fn get_workspace(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(workspace): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    check_workspace(&store, &workspace)?;
    Ok(params.one(workspace_json(&store), View::AllBut(&[])))
}
