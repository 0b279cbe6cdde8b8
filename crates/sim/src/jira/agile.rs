//! Jira Software's agile API (`/rest/agile/1.0`), the same on Cloud and Data
//! Center: scrum boards, their sprints, and the issues of a board or
//! sprint; issues can be moved into a sprint.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use serde_json::{json, Value};

use super::access::browse;
use super::auth::Caller;
use super::catalog::Permission;
use super::errors::{no_content, ok, ApiError, Reply};
use super::issue_input::{apply, record, Edit};
use super::issue_json::{project_avatars, sprint_dates, Expand, FieldSelection};
use super::issues::request_view;
use super::params::{json_object, page_bounds, Params};
use super::search::{offset_page, run};
use super::state::{Jira, Shared};
use super::store::{Board, Issue, Sprint, SprintState, Store};
use super::time::format_iso_utc;

const AGILE: &str = "/rest/agile/1.0";

pub(super) fn routes() -> Router<Jira> {
    Router::new()
        .route(&format!("{AGILE}/board"), get(boards))
        .route(&format!("{AGILE}/board/{{id}}"), get(board))
        .route(&format!("{AGILE}/board/{{id}}/sprint"), get(board_sprints))
        .route(&format!("{AGILE}/board/{{id}}/issue"), get(board_issues))
        .route(&format!("{AGILE}/sprint/{{id}}"), get(sprint))
        .route(
            &format!("{AGILE}/sprint/{{id}}/issue"),
            get(sprint_issues).post(move_to_sprint),
        )
}

fn board_json(shared: &Shared, store: &Store, board: &Board) -> Value {
    let project = &store.projects[board.project];
    json!({
        "id": board.id,
        "self": shared.url(&format!("{AGILE}/board/{}", board.id)),
        "name": board.name,
        "type": "scrum",
        "location": {
            "projectId": project.id,
            "displayName": format!("{} ({})", project.name.as_str(), project.key),
            "projectName": project.name.as_str(),
            "projectKey": project.key,
            "projectTypeKey": "software",
            "avatarURI": project_avatars(shared, project.id)["48x48"],
            "name": format!("{} ({})", project.name.as_str(), project.key),
        },
    })
}

fn sprint_json(shared: &Shared, sprint: &Sprint) -> Value {
    let mut value = json!({
        "id": sprint.id,
        "self": shared.url(&format!("{AGILE}/sprint/{}", sprint.id)),
        "state": sprint.state.as_str(),
        "name": sprint.name,
        "originBoardId": sprint.board,
        "goal": sprint.goal,
    });
    sprint_dates(&mut value, sprint);
    if sprint.state != SprintState::Future {
        if let Some(start) = sprint.start {
            value["activatedDate"] = json!(format_iso_utc(start));
        }
    }
    value
}

fn find_board(store: &Store, id: &str) -> Result<u64, ApiError> {
    id.parse::<u64>().ok().filter(|id| store.board(*id).is_some()).ok_or_else(|| {
        ApiError::not_found("The requested board cannot be viewed because it either does not exist or you do not have permission to view it.")
    })
}

fn find_sprint(store: &Store, id: &str) -> Result<u64, ApiError> {
    id.parse::<u64>()
        .ok()
        .filter(|id| store.sprint(*id).is_some())
        .ok_or_else(|| ApiError::not_found(format!("Sprint with id {id} does not exist.")))
}

/// `{maxResults, startAt, total?, isLast, values}`, the agile page shape.
fn values_page(values: Vec<Value>, start: usize, max: usize, with_total: bool) -> Value {
    let total = values.len();
    let page: Vec<Value> = values.into_iter().skip(start).take(max).collect();
    let mut body = json!({
        "maxResults": max,
        "startAt": start,
        "isLast": start + page.len() >= total,
        "values": page,
    });
    if with_total {
        body["total"] = json!(total);
    }
    body
}

async fn boards(State(shared): State<Jira>, caller: Caller, params: Params) -> Reply {
    let store = browse(&shared, &caller)?;
    let (start, max) = page_bounds(&params, 50, 50)?;
    let project = match params.get("projectKeyOrId") {
        Some(key) => Some(
            store
                .project_index(key)
                .ok_or_else(|| ApiError::project_not_found(key))?,
        ),
        None => None,
    };
    if let Some(kind) = params.get("type") {
        if !kind
            .split(',')
            .all(|k| matches!(k.trim(), "scrum" | "kanban" | "simple"))
        {
            return Err(ApiError::bad_request(format!(
                "Board type '{kind}' is not valid: use scrum, kanban or simple."
            )));
        }
    }
    let name = params.get("name").map(str::to_lowercase);
    let wants_scrum = params
        .get("type")
        .is_none_or(|k| k.split(',').any(|k| k.trim() == "scrum"));
    let values: Vec<Value> = store
        .boards
        .iter()
        .filter(|b| wants_scrum && project.is_none_or(|p| b.project == p))
        .filter(|b| {
            name.as_ref()
                .is_none_or(|n| b.name.to_lowercase().contains(n))
        })
        .map(|b| board_json(&shared, &store, b))
        .collect();
    ok(&values_page(values, start, max, true))
}

async fn board(State(shared): State<Jira>, caller: Caller, Path(id): Path<String>) -> Reply {
    let store = browse(&shared, &caller)?;
    let id = find_board(&store, &id)?;
    ok(&board_json(
        &shared,
        &store,
        store.board(id).expect("found"),
    ))
}

async fn board_sprints(
    State(shared): State<Jira>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> Reply {
    let store = browse(&shared, &caller)?;
    let id = find_board(&store, &id)?;
    let (start, max) = page_bounds(&params, 50, 50)?;
    let states = match params.list("state") {
        Some(states) => states
            .iter()
            .map(|s| match s.to_ascii_lowercase().as_str() {
                "future" => Ok(SprintState::Future),
                "active" => Ok(SprintState::Active),
                "closed" => Ok(SprintState::Closed),
                other => Err(ApiError::bad_request(format!(
                    "Sprint state '{other}' is not valid: use future, active or closed."
                ))),
            })
            .collect::<Result<Vec<_>, _>>()?,
        None => Vec::new(),
    };
    let values: Vec<Value> = store
        .sprints
        .iter()
        .filter(|s| s.board == id && (states.is_empty() || states.contains(&s.state)))
        .map(|s| sprint_json(&shared, s))
        .collect();
    ok(&values_page(values, start, max, false))
}

async fn sprint(State(shared): State<Jira>, caller: Caller, Path(id): Path<String>) -> Reply {
    let store = browse(&shared, &caller)?;
    let id = find_sprint(&store, &id)?;
    ok(&sprint_json(&shared, store.sprint(id).expect("found")))
}

/// Issues of a board or sprint, optionally narrowed by `jql`.
fn issue_page(
    shared: &Shared,
    caller: &Caller,
    params: &Params,
    store: &Store,
    extra: &dyn Fn(&Issue) -> bool,
) -> Reply {
    let (start, max) = page_bounds(params, 50, 1000)?;
    let ids = run(
        shared,
        store,
        caller,
        params.get("jql").unwrap_or(""),
        Some(extra),
    )?;
    let fields = FieldSelection::parse(
        params.list("fields").as_deref(),
        FieldSelection::navigable(),
    );
    let properties = params.list("properties").unwrap_or_default();
    let expand = Expand::parse(params.get("expand"));
    let view = request_view(shared, store, caller, &fields, expand, &properties);
    ok(&offset_page(&view, &ids, start, max))
}

async fn board_issues(
    State(shared): State<Jira>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> Reply {
    let store = browse(&shared, &caller)?;
    let id = find_board(&store, &id)?;
    let project = store.board(id).expect("found").project;
    issue_page(&shared, &caller, &params, &store, &|issue: &Issue| {
        issue.project == project
    })
}

async fn sprint_issues(
    State(shared): State<Jira>,
    caller: Caller,
    Path(id): Path<String>,
    params: Params,
) -> Reply {
    let store = browse(&shared, &caller)?;
    let id = find_sprint(&store, &id)?;
    issue_page(&shared, &caller, &params, &store, &|issue: &Issue| {
        issue.sprint == Some(id)
    })
}

/// `{"issues": ["WEB-1", ...]}` (at most 50) into an open sprint.
async fn move_to_sprint(
    State(shared): State<Jira>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Reply {
    let object = json_object(&body)?;
    let keys: Vec<String> = match object.get("issues") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_str().map(str::to_owned).ok_or_else(|| {
                    ApiError::bad_request("'issues' must be a list of issue keys or ids.")
                })
            })
            .collect::<Result<_, _>>()?,
        _ => {
            return Err(ApiError::bad_request(
                "'issues' is required: a list of issue keys or ids.",
            ))
        }
    };
    if keys.len() > 50 {
        return Err(ApiError::bad_request(
            "At most 50 issues can be moved at once.",
        ));
    }
    let now = shared.now();
    let mut store = shared.write();
    let sprint = find_sprint(&store, &id)?;
    caller.require(&shared, Permission::Edit)?;
    if store
        .sprint(sprint)
        .is_some_and(|s| s.state == SprintState::Closed)
    {
        return Err(ApiError::bad_request(
            "Issues can be moved only to active or future sprints.",
        ));
    }
    let ids = keys
        .iter()
        .map(|k| {
            store
                .issue_id(k)
                .ok_or_else(|| ApiError::bad_request(format!("Issue '{k}' does not exist.")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    for issue_id in ids {
        let Some(mut issue) = store.take_issue(issue_id) else {
            continue;
        };
        let items = apply(
            &shared,
            &mut store,
            &mut issue,
            vec![Edit::Sprint(Some(sprint))],
            caller.person,
            now,
        );
        record(&mut store, &mut issue, caller.person, now, items);
        store.put_back(issue);
    }
    no_content()
}
