//! Projects: `/projects?workspace=`, `/workspaces/{gid}/projects`,
//! `/projects/{gid}`.

use axum::extract::{Path, State};
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::compact::{self, NAMED};
use super::custom_fields::settings_of;
use super::fields::View;
use super::params::Params;
use super::response::{lookup, ApiError, ApiResult};
use super::store::{iso, Project, Store};
use super::url::html_escape;
use super::users::{check_workspace, check_workspace_filter};
use super::AsanaState;

/// Asana leaves these out unless `opt_fields` names them.
const OPT_IN: &[&str] = &["html_notes"];

fn project_json(store: &Store, project: &Project, base_url: &str) -> Map<String, Value> {
    let mut out = Map::new();
    let date = |d: Option<jiff::civil::Date>| d.map_or(Value::Null, |d| json!(d.to_string()));
    out.insert("gid".into(), compact::gid(project.gid));
    out.insert("resource_type".into(), json!("project"));
    out.insert("name".into(), json!(project.name));
    out.insert("archived".into(), json!(false));
    out.insert("color".into(), json!(project.color));
    out.insert("icon".into(), json!(project.icon));
    out.insert("created_at".into(), json!(iso(project.created_at)));
    out.insert("modified_at".into(), json!(iso(project.modified_at)));
    out.insert("completed".into(), json!(false));
    out.insert("completed_at".into(), Value::Null);
    out.insert("completed_by".into(), Value::Null);
    out.insert("current_status".into(), Value::Null);
    out.insert("current_status_update".into(), Value::Null);
    out.insert(
        "custom_field_settings".into(),
        Value::Array(settings_of(store, project)),
    );
    out.insert("custom_fields".into(), json!([]));
    out.insert("default_view".into(), json!("board"));
    out.insert("due_on".into(), date(project.due_on));
    out.insert("due_date".into(), date(project.due_on));
    out.insert("start_on".into(), date(project.start_on));
    out.insert("notes".into(), json!(project.notes));
    out.insert(
        "html_notes".into(),
        json!(format!("<body>{}</body>", html_escape(&project.notes))),
    );
    out.insert(
        "members".into(),
        Value::Array(
            store
                .users
                .iter()
                .map(|u| compact::user(store, u.gid))
                .collect(),
        ),
    );
    out.insert(
        "followers".into(),
        json!([compact::user(store, project.owner)]),
    );
    out.insert("owner".into(), compact::user(store, project.owner));
    out.insert("public".into(), json!(true));
    out.insert("privacy_setting".into(), json!("public_to_workspace"));
    out.insert("default_access_level".into(), json!("editor"));
    out.insert(
        "minimum_access_level_for_customization".into(),
        json!("editor"),
    );
    out.insert("minimum_access_level_for_sharing".into(), json!("editor"));
    out.insert(
        "permalink_url".into(),
        json!(format!(
            "{base_url}/1/{}/project/{}",
            store.workspace.gid, project.gid
        )),
    );
    out.insert("workspace".into(), compact::workspace(store));
    out
}

/// The project of a path segment, or Asana's 400 / 404.
pub(crate) fn find<'a>(store: &'a Store, text: &str) -> Result<&'a Project, ApiError> {
    lookup(&store.projects, "project", text)
}

fn projects_page(state: &AsanaState, params: &Params) -> ApiResult {
    let store = state.store();
    // No project is ever archived here: `archived=true` finds none.
    let archived = params.get("archived") == Some("true");
    let projects = store.projects.values().filter(|_| !archived);
    let base = state.base_url();
    params.page_of(
        projects,
        |project| project.gid,
        |project| project_json(&store, project, base),
        View::Compact(NAMED),
        base,
    )
}

/// `GET /projects?workspace=`
pub(crate) async fn list_projects(
    State(state): State<AsanaState>,
    _caller: Caller,
    params: Params,
) -> ApiResult {
    check_workspace_filter(&state.store(), &params)?;
    if params.get("team").is_some() {
        // A workspace (not an organization) has no teams.
        return Err(ApiError::bad_request(
            "team: Teams only exist in organizations; filter by workspace instead.",
        ));
    }
    projects_page(&state, &params)
}

/// `GET /workspaces/{workspace_gid}/projects`
pub(crate) async fn list_workspace_projects(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(workspace): Path<String>,
    params: Params,
) -> ApiResult {
    check_workspace(&state.store(), &workspace)?;
    projects_page(&state, &params)
}

/// `GET /projects/{project_gid}`
pub(crate) async fn get_project(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    let project = find(&store, &gid)?;
    Ok(params.one(
        project_json(&store, project, state.base_url()),
        View::AllBut(OPT_IN),
    ))
}
