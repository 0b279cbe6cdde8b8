//! Reading tasks: lists (`/tasks?project|section|assignee+workspace`,
//! `/projects/{gid}/tasks`, `/sections/{gid}/tasks`, subtasks) with
//! `modified_since` and `completed_since`, and `GET /tasks/{gid}`. Every
//! rendering of a task is `task_json`.

use axum::extract::{Path, State};
use jiff::Timestamp;
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::compact::{self, TASK};
use super::custom_fields::value_json;
use super::fields::View;
use super::params::Params;
use super::response::{lookup, ApiError, ApiResult};
use super::store::{iso, Store, Task};
use super::task_input::parse_timestamp;
use super::url::html_escape;
use super::AsanaState;

/// Asana leaves these out unless `opt_fields` names them.
pub(crate) const OPT_IN: &[&str] = &[
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

pub(crate) fn find<'a>(store: &'a Store, text: &str) -> Result<&'a Task, ApiError> {
    lookup(&store.tasks, "task", text)
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
        let project = super::projects::find(&state.store(), text)?.gid;
        return tasks_page(&state, &params, |task| task.in_project(project));
    }
    if let Some(text) = params.get("section") {
        let section = super::sections::find(&state.store(), text)?.gid;
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
