//! Writing tasks: `POST /tasks`, `POST /tasks/{gid}/subtasks`,
//! `PUT /tasks/{gid}` and `DELETE /tasks/{gid}`. Every change becomes an
//! event for the projects and tasks that see it.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::compact;
use super::custom_fields::{parse_values, value_json};
use super::events::{Action, Change, Named};
use super::fields::View;
use super::memberships::{self, audience};
use super::params::Params;
use super::response::{self, ApiError, ApiResult};
use super::store::{now, Gid, Store, Task};
use super::task_input::{self, Mode, TaskInput};
use super::tasks::{find, task_json, OPT_IN};
use super::AsanaState;

/// Creates a task from checked input; records the events of its placement.
fn create(store: &mut Store, input: TaskInput, caller: Caller) -> Result<Gid, ApiError> {
    let projects: Vec<Gid> = input
        .memberships
        .iter()
        .map(|(project, _)| *project)
        .collect();
    let allowed: Vec<Gid> = projects
        .iter()
        .filter_map(|p| store.projects.get(p))
        .flat_map(|p| p.field_settings.iter().map(|s| s.field))
        .collect();
    let values = match &input.custom_fields {
        Some(values) => parse_values(store, &allowed, values)?,
        None => Vec::new(),
    };
    let placements: Vec<(Gid, Gid)> = input
        .memberships
        .iter()
        .map(|(project, section)| {
            let section = section.or_else(|| memberships::default_section(store, *project));
            section
                .map(|s| (*project, s))
                .ok_or_else(|| ApiError::bad_request(format!("project {project} has no section")))
        })
        .collect::<Result<_, _>>()?;
    let at = now();
    let gid = store.allocate();
    // Asana makes the creator and the assignee followers, each once.
    let mut followers: Vec<Gid> = Vec::new();
    let candidates = [caller.user]
        .into_iter()
        .chain(input.assignee.flatten())
        .chain(input.followers.iter().copied());
    for user in candidates {
        if !followers.contains(&user) {
            followers.push(user);
        }
    }
    let completed = input.completed.unwrap_or(false);
    let due_at = input.due_at.flatten();
    let task = Task {
        gid,
        name: input.name.unwrap_or_default(),
        notes: input.notes.unwrap_or_default(),
        assignee: input.assignee.flatten(),
        created_by: caller.user,
        completed,
        completed_at: completed.then_some(at),
        created_at: at,
        modified_at: at,
        due_on: input
            .due_on
            .flatten()
            .or(due_at.map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date())),
        due_at,
        start_on: input.start_on.flatten(),
        memberships: Vec::new(),
        parent: input.parent,
        values: values
            .into_iter()
            .filter_map(|(field, value)| value.map(|v| (field, v)))
            .collect(),
        followers,
    };
    store.tasks.insert(gid, task);
    for (project, section) in placements {
        memberships::place(store, gid, project, section, caller.user);
    }
    if let Some(parent) = input.parent {
        let named = Named::task(&store.tasks[&gid]);
        let parent_named = Named::task(&store.tasks[&parent]);
        let audience = audience(store, gid);
        store.events.record(
            Action::Added,
            named,
            Some(parent_named),
            caller.user,
            None,
            audience,
        );
    }
    Ok(gid)
}

fn created(
    state: &AsanaState,
    params: &Params,
    mut data: Map<String, Value>,
    parent: Option<Gid>,
    caller: Caller,
) -> ApiResult {
    let mut store = state.store();
    if let Some(parent) = parent {
        data.insert("parent".into(), json!(parent.to_string()));
    }
    let input = task_input::parse(&store, &data, Mode::Create, caller.user)?;
    let gid = create(&mut store, input, caller)?;
    let full = task_json(&store, &store.tasks[&gid], state.base_url());
    Ok(response::data_with(
        StatusCode::CREATED,
        params.fields.shape(full, View::AllBut(OPT_IN)),
        params.pretty,
    ))
}

/// `POST /tasks`
pub(crate) async fn create_task(
    State(state): State<AsanaState>,
    caller: Caller,
    params: Params,
    body: Bytes,
) -> ApiResult {
    let data = caller.write_data(&body)?;
    created(&state, &params, data, None, caller)
}

/// `POST /tasks/{task_gid}/subtasks`
pub(crate) async fn create_subtask(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(gid): Path<String>,
    params: Params,
    body: Bytes,
) -> ApiResult {
    let data = caller.write_data(&body)?;
    let parent = find(&state.store(), &gid)?.gid;
    created(&state, &params, data, Some(parent), caller)
}

/// Applies an update; each changed property becomes a `changed` event.
fn update(store: &mut Store, gid: Gid, input: TaskInput, caller: Caller) -> Result<(), ApiError> {
    let allowed = store.fields_of_task(&store.tasks[&gid]);
    let values = match &input.custom_fields {
        Some(values) => parse_values(store, &allowed, values)?,
        None => Vec::new(),
    };
    let task = &store.tasks[&gid];
    if let (Some(Some(_)), None, None, None, None) = (
        input.start_on,
        input.due_on,
        input.due_at,
        task.due_on,
        task.due_at,
    ) {
        return Err(ApiError::bad_request(
            "start_on: due_on or due_at must be present in the request when setting start_on",
        ));
    }
    let at = now();
    let mut changes: Vec<Change> = Vec::new();
    let changed = |field: &'static str, value: Option<Value>| Change {
        field,
        action: "changed",
        value,
    };
    let user_value = |store: &Store, gid: Option<Gid>| Some(compact::optional_user(store, gid));
    let assignee_value = input.assignee.map(|a| user_value(store, a));
    let field_values: Vec<(Gid, Value)> = values
        .iter()
        .filter_map(|(field, value)| {
            store
                .fields
                .get(field)
                .map(|f| (*field, value_json(store, f, value.as_ref())))
        })
        .collect();
    let task = store
        .tasks
        .get_mut(&gid)
        .ok_or_else(|| ApiError::unknown("task", gid))?;
    if let Some(name) = input.name.filter(|n| *n != task.name) {
        task.name = name;
        changes.push(changed("name", None));
    }
    if let Some(notes) = input.notes.filter(|n| *n != task.notes) {
        task.notes = notes;
        changes.push(changed("notes", None));
    }
    if let Some(assignee) = input.assignee.filter(|a| *a != task.assignee) {
        task.assignee = assignee;
        if let Some(user) = assignee.filter(|u| !task.followers.contains(u)) {
            task.followers.push(user);
        }
        changes.push(changed("assignee", assignee_value.flatten()));
    }
    if let Some(done) = input.completed.filter(|d| *d != task.completed) {
        task.completed = done;
        task.completed_at = done.then_some(at);
        changes.push(changed("completed", None));
    }
    if let Some(due_on) = input.due_on.filter(|d| *d != task.due_on) {
        task.due_on = due_on;
        task.due_at = None;
        changes.push(changed("due_on", None));
    }
    if let Some(due_at) = input.due_at.filter(|d| *d != task.due_at) {
        task.due_at = due_at;
        task.due_on = due_at.map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date());
        changes.push(changed("due_at", None));
    }
    if let Some(start_on) = input.start_on.filter(|s| *s != task.start_on) {
        task.start_on = start_on;
        changes.push(changed("start_on", None));
    }
    if let (Some(start), Some(due)) = (task.start_on, task.due_on) {
        if start > due {
            return Err(ApiError::bad_request(
                "start_on: The start date must be on or before the due date",
            ));
        }
    }
    for ((field, value), (_, rendered)) in values.into_iter().zip(field_values) {
        if task.value_of(field) == value.as_ref() {
            continue;
        }
        task.values.retain(|(gid, _)| *gid != field);
        if let Some(value) = value {
            task.values.push((field, value));
        }
        let summary = json!({
            "gid": field.to_string(), "resource_type": "custom_field",
            "name": rendered["name"], "display_value": rendered["display_value"],
        });
        changes.push(changed("custom_fields", Some(summary)));
    }
    memberships::record_changes(store, gid, caller.user, at, changes);
    Ok(())
}

/// `PUT /tasks/{task_gid}`
pub(crate) async fn update_task(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(gid): Path<String>,
    params: Params,
    body: Bytes,
) -> ApiResult {
    let data = caller.write_data(&body)?;
    let mut store = state.store();
    let gid = find(&store, &gid)?.gid;
    let input = task_input::parse(&store, &data, Mode::Update, caller.user)?;
    update(&mut store, gid, input, caller)?;
    Ok(params.one(
        task_json(&store, &store.tasks[&gid], state.base_url()),
        View::AllBut(OPT_IN),
    ))
}

/// `DELETE /tasks/{task_gid}`: the task, its subtasks and their attachments.
pub(crate) async fn delete_task(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    caller.require_edit()?;
    let mut store = state.store();
    let gid = find(&store, &gid)?.gid;
    let mut doomed = vec![gid];
    let mut index = 0;
    while index < doomed.len() {
        let children: Vec<Gid> = store.subtasks(doomed[index]).map(|t| t.gid).collect();
        doomed.extend(children);
        index += 1;
    }
    for gid in doomed {
        let audience = audience(&store, gid);
        if let Some(task) = store.tasks.remove(&gid) {
            store.events.record(
                Action::Deleted,
                Named::task(&task),
                None,
                caller.user,
                None,
                audience,
            );
        }
        store
            .attachments
            .retain(|_, attachment| attachment.parent != gid);
    }
    Ok(response::empty(params.pretty))
}
