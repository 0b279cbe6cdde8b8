//! Where a task lives: `POST /tasks/{gid}/addProject`, `removeProject`
//! and `setParent` (moving between sections is `sections.rs`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use serde_json::{Map, Value};

use super::auth::Caller;
use super::compact;
use super::events::Change;
use super::fields::View;
use super::memberships;
use super::params::Params;
use super::response::{self, ApiError, ApiResult};
use super::store::{now, parse_gid, Gid, Store};
use super::tasks::{find, task_json, OPT_IN};
use super::AsanaState;

fn body_gid(data: &Map<String, Value>, key: &str) -> Result<Option<Gid>, ApiError> {
    match data.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => parse_gid(text)
            .map(Some)
            .ok_or_else(|| ApiError::not_a_gid(key, text)),
        Some(_) => Err(ApiError::bad_request(format!(
            "{key}: Value is not a string"
        ))),
    }
}

/// The `project` that `addProject` and `removeProject` name: required, and
/// it must exist.
fn project_of(store: &Store, data: &Map<String, Value>) -> Result<Gid, ApiError> {
    let project = body_gid(data, "project")?
        .ok_or_else(|| ApiError::bad_request("project: Missing input"))?;
    if store.projects.contains_key(&project) {
        Ok(project)
    } else {
        Err(ApiError::unknown("project", project))
    }
}

/// `POST /tasks/{task_gid}/addProject {"project", "section"?}`
pub(crate) async fn add_project(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(gid): Path<String>,
    params: Params,
    body: Bytes,
) -> ApiResult {
    let data = caller.write_data(&body)?;
    let mut store = state.store();
    let task = find(&store, &gid)?.gid;
    let project = project_of(&store, &data)?;
    let section = match body_gid(&data, "section")? {
        Some(section) => match store.sections.get(&section) {
            Some(s) if s.project == project => section,
            Some(_) => {
                return Err(ApiError::bad_request(format!(
                    "section: Section {section} is not in project {project}"
                )))
            }
            None => return Err(ApiError::unknown("section", section)),
        },
        None => match store.tasks[&task]
            .memberships
            .iter()
            .find(|m| m.project == project)
        {
            Some(existing) => existing.section,
            None => memberships::default_section(&store, project).ok_or_else(|| {
                ApiError::bad_request(format!("project {project} has no section"))
            })?,
        },
    };
    memberships::place(&mut store, task, project, section, caller.user);
    Ok(response::empty(params.pretty))
}

/// `POST /tasks/{task_gid}/removeProject {"project"}`
pub(crate) async fn remove_project(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(gid): Path<String>,
    params: Params,
    body: Bytes,
) -> ApiResult {
    let data = caller.write_data(&body)?;
    let mut store = state.store();
    let task = find(&store, &gid)?.gid;
    let project = project_of(&store, &data)?;
    memberships::remove(&mut store, task, project, caller.user);
    Ok(response::empty(params.pretty))
}

/// `POST /tasks/{task_gid}/setParent {"parent": gid | null}`
pub(crate) async fn set_parent(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(gid): Path<String>,
    params: Params,
    body: Bytes,
) -> ApiResult {
    let data = caller.write_data(&body)?;
    if !data.contains_key("parent") {
        return Err(ApiError::bad_request("parent: Missing input"));
    }
    let mut store = state.store();
    let task = find(&store, &gid)?.gid;
    let parent = body_gid(&data, "parent")?;
    if let Some(parent) = parent {
        if !store.tasks.contains_key(&parent) {
            return Err(ApiError::unknown("parent", parent));
        }
        // Walk up from the new parent: meeting the task itself is a cycle.
        let mut cursor = Some(parent);
        while let Some(current) = cursor {
            if current == task {
                return Err(ApiError::bad_request(
                    "parent: A task cannot become a subtask of itself or of its subtasks",
                ));
            }
            cursor = store.tasks.get(&current).and_then(|t| t.parent);
        }
    }
    if store.tasks[&task].parent != parent {
        let value = compact::optional_task(&store, parent);
        let record = store
            .tasks
            .get_mut(&task)
            .ok_or_else(|| ApiError::unknown("task", task))?;
        record.parent = parent;
        let change = Change {
            field: "parent",
            action: "changed",
            value: Some(value),
        };
        memberships::record_changes(&mut store, task, caller.user, now(), [change]);
    }
    Ok(params.one(
        task_json(&store, &store.tasks[&task], state.base_url()),
        View::AllBut(OPT_IN),
    ))
}
