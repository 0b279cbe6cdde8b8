//! Sections: `/projects/{gid}/sections`, `/sections/{gid}` and
//! `POST /sections/{gid}/addTask`, which moves a task into the section.

use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::compact::{self, NAMED};
use super::fields::View;
use super::memberships;
use super::params::Params;
use super::response::{self, lookup, ApiError, ApiResult};
use super::store::{iso, parse_gid, Section, Store};
use super::AsanaState;

fn section_json(store: &Store, section: &Section) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("gid".into(), compact::gid(section.gid));
    out.insert("resource_type".into(), json!("section"));
    out.insert("name".into(), json!(section.name));
    out.insert("created_at".into(), json!(iso(section.created_at)));
    out.insert("project".into(), compact::project(store, section.project));
    out.insert(
        "projects".into(),
        json!([compact::project(store, section.project)]),
    );
    out
}

pub(crate) fn find<'a>(store: &'a Store, text: &str) -> Result<&'a Section, ApiError> {
    lookup(&store.sections, "section", text)
}

/// `GET /projects/{project_gid}/sections`
pub(crate) async fn list_for_project(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    let project = super::projects::find(&store, &gid)?;
    let sections = project
        .sections
        .iter()
        .filter_map(|gid| store.sections.get(gid));
    params.page_of(
        sections,
        |section| section.gid,
        |section| section_json(&store, section),
        View::Compact(NAMED),
        state.base_url(),
    )
}

/// `GET /sections/{section_gid}`
pub(crate) async fn get_section(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    let section = find(&store, &gid)?;
    Ok(params.one(section_json(&store, section), View::AllBut(&[])))
}

/// `POST /sections/{section_gid}/addTask {"data": {"task": gid}}`: moves the
/// task into this section (and into its project if it is not there yet).
/// `insert_before` / `insert_after` are checked but tasks keep creation
/// order inside a section.
pub(crate) async fn add_task(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(gid): Path<String>,
    params: Params,
    body: Bytes,
) -> ApiResult {
    let data = caller.write_data(&body)?;
    let mut store = state.store();
    let section = find(&store, &gid)?;
    let (section, project) = (section.gid, section.project);
    let task = match data.get("task") {
        Some(Value::String(text)) => {
            parse_gid(text).ok_or_else(|| ApiError::not_a_gid("task", text))?
        }
        Some(_) => return Err(ApiError::bad_request("task: Value is not a string")),
        None => return Err(ApiError::bad_request("task: Missing input")),
    };
    if !store.tasks.contains_key(&task) {
        return Err(ApiError::unknown("task", task));
    }
    if data.get("insert_before").is_some_and(|v| !v.is_null())
        && data.get("insert_after").is_some_and(|v| !v.is_null())
    {
        return Err(ApiError::bad_request(
            "You may only provide one of insert_before or insert_after",
        ));
    }
    for key in ["insert_before", "insert_after"] {
        if let Some(Value::String(anchor)) = data.get(key) {
            let in_section = parse_gid(anchor)
                .and_then(|g| store.tasks.get(&g))
                .is_some_and(|t| t.in_section(section));
            if !in_section {
                return Err(ApiError::bad_request(format!(
                    "{key}: The task {anchor} is not in section {section}"
                )));
            }
        }
    }
    memberships::place(&mut store, task, project, section, caller.user);
    Ok(response::empty(params.pretty))
}
