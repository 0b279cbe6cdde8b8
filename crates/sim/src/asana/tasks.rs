//! Tasks: lists (`/tasks?project|section|assignee+workspace`,
//! `/projects/{gid}/tasks`, `/sections/{gid}/tasks`, subtasks) with
//! `modified_since` and `completed_since`, and create / read / update /
//! delete, `addProject`, `removeProject`, `setParent`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::Timestamp;
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::compact::{self, TASK};
use super::custom_fields::{parse_values, value_json};
use super::events::{Action, Change, Named};
use super::fields::View;
use super::memberships::{self, audience};
use super::params::Params;
use super::response::{self, path_gid, request_data, ApiError, ApiResult};
use super::store::{iso, now, parse_gid, Gid, Store, Task};
use super::task_input::{self, parse_timestamp, Mode, TaskInput};
use super::url::html_escape;
use super::AsanaState;

/// Asana leaves these out unless `opt_fields` names them.
const OPT_IN: &[&str] = &[
    "created_by",
    "dependencies",
    "dependents",
    "html_notes",
    "is_rendered_as_separator",
    "num_subtasks",
];

pub(crate) fn task_json(store: &Store, task: &Task, base_url: &str) -> Map<String, Value> {
    let date = |d: Option<jiff::civil::Date>| d.map_or(Value::Null, |d| json!(d.to_string()));
    let mut out = Map::new();
    out.insert("gid".into(), compact::gid(task.gid));
    out.insert("resource_type".into(), json!("task"));
    out.insert("name".into(), json!(task.name));
    out.insert("resource_subtype".into(), json!("default_task"));
    out.insert(
        "created_by".into(),
        json!({ "gid": task.created_by.to_string(), "resource_type": "user" }),
    );
    out.insert(
        "assignee".into(),
        compact::optional_user(store, task.assignee),
    );
    out.insert("completed".into(), json!(task.completed));
    out.insert(
        "completed_at".into(),
        task.completed_at.map_or(Value::Null, |t| json!(iso(t))),
    );
    out.insert("created_at".into(), json!(iso(task.created_at)));
    out.insert("modified_at".into(), json!(iso(task.modified_at)));
    let fields = store.fields_of_task(task);
    let values = fields
        .iter()
        .filter_map(|gid| store.fields.get(gid))
        .map(|field| value_json(store, field, task.value_of(field.gid)))
        .collect();
    out.insert("custom_fields".into(), Value::Array(values));
    out.insert("dependencies".into(), json!([]));
    out.insert("dependents".into(), json!([]));
    out.insert(
        "due_at".into(),
        task.due_at.map_or(Value::Null, |t| json!(iso(t))),
    );
    out.insert("due_on".into(), date(task.due_on));
    out.insert("start_at".into(), Value::Null);
    out.insert("start_on".into(), date(task.start_on));
    out.insert(
        "followers".into(),
        task.followers
            .iter()
            .map(|gid| compact::user(store, *gid))
            .collect(),
    );
    out.insert("hearted".into(), json!(false));
    out.insert("hearts".into(), json!([]));
    out.insert("liked".into(), json!(false));
    out.insert("likes".into(), json!([]));
    out.insert("num_hearts".into(), json!(0));
    out.insert("num_likes".into(), json!(0));
    out.insert(
        "num_subtasks".into(),
        json!(store.subtasks(task.gid).count()),
    );
    out.insert("is_rendered_as_separator".into(), json!(false));
    let memberships: Vec<Value> = task
        .memberships
        .iter()
        .map(|m| json!({ "project": compact::project(store, m.project), "section": compact::section(store, m.section) }))
        .collect();
    out.insert("memberships".into(), Value::Array(memberships));
    out.insert(
        "projects".into(),
        task.memberships
            .iter()
            .map(|m| compact::project(store, m.project))
            .collect(),
    );
    out.insert("notes".into(), json!(task.notes));
    out.insert(
        "html_notes".into(),
        json!(format!("<body>{}</body>", html_escape(&task.notes))),
    );
    out.insert("parent".into(), compact::optional_task(store, task.parent));
    out.insert("tags".into(), json!([]));
    out.insert("workspace".into(), compact::workspace(store));
    let permalink = match task.memberships.first() {
        Some(m) => format!(
            "{base_url}/1/{}/project/{}/task/{}",
            store.workspace.gid, m.project, task.gid
        ),
        None => format!("{base_url}/1/{}/task/{}", store.workspace.gid, task.gid),
    };
    out.insert("permalink_url".into(), json!(permalink));
    out
}

fn find<'a>(store: &'a Store, text: &str) -> Result<&'a Task, ApiError> {
    let gid = path_gid("task", text)?;
    store
        .tasks
        .get(&gid)
        .ok_or_else(|| ApiError::unknown("task", gid))
}

/// `modified_since` and `completed_since`, which every task list accepts.
struct Filters {
    modified_since: Option<Timestamp>,
    /// `completed_since=now` keeps only incomplete tasks.
    completed_since: Option<Option<Timestamp>>,
}

impl Filters {
    fn read(params: &Params) -> Result<Filters, ApiError> {
        let modified_since = params
            .get("modified_since")
            .map(|t| parse_timestamp("modified_since", t))
            .transpose()?;
        let completed_since = match params.get("completed_since") {
            None => None,
            Some("now") => Some(None),
            Some(text) => Some(Some(parse_timestamp("completed_since", text)?)),
        };
        Ok(Filters {
            modified_since,
            completed_since,
        })
    }

    fn keep(&self, task: &Task) -> bool {
        let modified = self
            .modified_since
            .is_none_or(|since| task.modified_at >= since);
        let completed = match self.completed_since {
            None => true,
            Some(None) => !task.completed,
            Some(Some(since)) => !task.completed || task.completed_at.is_some_and(|at| at >= since),
        };
        modified && completed
    }
}

fn tasks_page(state: &AsanaState, params: &Params, container: impl Fn(&Task) -> bool) -> ApiResult {
    let filters = Filters::read(params)?;
    let request = params.page()?;
    let store = state.store();
    // Start the walk after the offset's GID instead of skipping up to it:
    // paging through a large seed stays linear.
    let first = request.after.map_or(0, |after| after + 1);
    let tasks = store
        .tasks
        .range(first..)
        .map(|(_, task)| task)
        .filter(|task| container(task) && filters.keep(task));
    let page = request.take(tasks, |task| task.gid)?;
    let base = state.base_url();
    Ok(params.list(
        page.map(|task| task_json(&store, task, base)),
        View::Compact(TASK),
        base,
    ))
}

/// `GET /tasks`: by `project`, `section`, or `assignee` with `workspace`.
pub(crate) async fn list_tasks(
    State(state): State<AsanaState>,
    caller: Caller,
    params: Params,
) -> ApiResult {
    const WHICH: &str = "Must specify exactly one of project, tag, section, user task list, or assignee + workspace";
    let given = ["project", "section", "tag"]
        .iter()
        .filter(|key| params.get(key).is_some())
        .count();
    let by_assignee = params.get("assignee").is_some() || params.get("workspace").is_some();
    if given + usize::from(by_assignee) != 1 {
        return Err(ApiError::bad_request(WHICH));
    }
    if let Some(text) = params.get("project") {
        let project = path_gid("project", text)?;
        if !state.store().projects.contains_key(&project) {
            return Err(ApiError::unknown("project", project));
        }
        return tasks_page(&state, &params, |task| task.in_project(project));
    }
    if let Some(text) = params.get("section") {
        let section = path_gid("section", text)?;
        if !state.store().sections.contains_key(&section) {
            return Err(ApiError::unknown("section", section));
        }
        return tasks_page(&state, &params, |task| task.in_section(section));
    }
    if let Some(tag) = params.get("tag") {
        return Err(ApiError::unknown("tag", tag));
    }
    let (Some(assignee), Some(workspace)) = (params.get("assignee"), params.get("workspace"))
    else {
        return Err(ApiError::bad_request(WHICH));
    };
    super::users::check_workspace(&state.store(), workspace)?;
    let user = state
        .store()
        .find_user(assignee, caller.user)
        .map(|u| u.gid);
    let user = user.ok_or_else(|| ApiError::unknown("assignee", assignee))?;
    tasks_page(&state, &params, |task| task.assignee == Some(user))
}

/// `GET /projects/{project_gid}/tasks`
pub(crate) async fn list_for_project(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let project = super::projects::find(&state.store(), &gid)?.gid;
    tasks_page(&state, &params, |task| task.in_project(project))
}

/// `GET /sections/{section_gid}/tasks`
pub(crate) async fn list_for_section(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let section = super::sections::find(&state.store(), &gid)?.gid;
    tasks_page(&state, &params, |task| task.in_section(section))
}

/// `GET /tasks/{task_gid}/subtasks`
pub(crate) async fn list_subtasks(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let parent = find(&state.store(), &gid)?.gid;
    tasks_page(&state, &params, |task| task.parent == Some(parent))
}

/// `GET /tasks/{task_gid}`
pub(crate) async fn get_task(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    let task = find(&store, &gid)?;
    Ok(params.one(
        task_json(&store, task, state.base_url()),
        View::AllBut(OPT_IN),
    ))
}

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
    let mut followers = vec![caller.user];
    followers.extend(input.assignee.flatten());
    followers.extend(input.followers.iter().copied());
    followers.dedup();
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
    caller.require_edit()?;
    let data = request_data(&body)?;
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
    caller.require_edit()?;
    let data = request_data(&body)?;
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
    if changes.is_empty() {
        return Ok(());
    }
    task.modified_at = at;
    let named = Named::task(task);
    let audience = audience(store, gid);
    for change in changes {
        store.events.record(
            Action::Changed,
            named.clone(),
            None,
            caller.user,
            Some(change),
            audience.clone(),
        );
    }
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
    caller.require_edit()?;
    let data = request_data(&body)?;
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

/// `POST /tasks/{task_gid}/addProject {"project", "section"?}`
pub(crate) async fn add_project(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(gid): Path<String>,
    params: Params,
    body: Bytes,
) -> ApiResult {
    caller.require_edit()?;
    let data = request_data(&body)?;
    let mut store = state.store();
    let task = find(&store, &gid)?.gid;
    let project = body_gid(&data, "project")?
        .ok_or_else(|| ApiError::bad_request("project: Missing input"))?;
    if !store.projects.contains_key(&project) {
        return Err(ApiError::unknown("project", project));
    }
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
    caller.require_edit()?;
    let data = request_data(&body)?;
    let mut store = state.store();
    let task = find(&store, &gid)?.gid;
    let project = body_gid(&data, "project")?
        .ok_or_else(|| ApiError::bad_request("project: Missing input"))?;
    if !store.projects.contains_key(&project) {
        return Err(ApiError::unknown("project", project));
    }
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
    caller.require_edit()?;
    let data = request_data(&body)?;
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
        record.modified_at = now();
        let named = Named::task(record);
        let audience = audience(&store, task);
        let change = Change {
            field: "parent",
            action: "changed",
            value: Some(value),
        };
        store.events.record(
            Action::Changed,
            named,
            None,
            caller.user,
            Some(change),
            audience,
        );
    }
    Ok(params.one(
        task_json(&store, &store.tasks[&task], state.base_url()),
        View::AllBut(OPT_IN),
    ))
}
