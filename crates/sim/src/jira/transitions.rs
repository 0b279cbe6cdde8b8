//! The simple workflow `To Do → In Progress → Done`: list the transitions
//! an issue may take and take one (with optional field edits and a comment,
//! as Jira's transition screen allows).

use axum::extract::{Path, State};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use serde_json::{json, Value};

use super::access::{read_issue, write_issue};
use super::auth::Caller;
use super::catalog::Permission;
use super::errors::{no_content, ok, ApiError, Reply};
use super::issue_input::{apply, id_text, move_status, record, Parser};
use super::issue_json::transitions_json;
use super::issues::transition_target;
use super::params::{json_object, Params};
use super::state::Jira;
use super::Flavor;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    Router::new().route(
        &format!("{}/issue/{{key}}/transitions", flavor.api()),
        get(list).post(transition),
    )
}

async fn list(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    params: Params,
) -> Reply {
    let (store, id) = read_issue(&shared, &caller, &key)?;
    let mut transitions = transitions_json(&shared, store.issues[&id].status);
    if let (Some(wanted), Some(list)) = (params.get("transitionId"), transitions.as_array_mut()) {
        list.retain(|t| t["id"] == wanted);
    }
    ok(&json!({ "expand": "transitions", "transitions": transitions }))
}

async fn transition(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    body: Bytes,
) -> Reply {
    let body = json_object(&body)?;
    let now = shared.now();
    let (mut store, id) = write_issue(&shared, &caller, &key, Permission::Transition)?;
    let Some(transition_id) = body
        .get("transition")
        .and_then(|t| t.get("id"))
        .and_then(id_text)
    else {
        return Err(ApiError::bad_request("Missing 'transition' identifier"));
    };
    let Some(target) = transition_target(&store.issues[&id], &transition_id) else {
        return Err(ApiError::bad_request(format!(
            "Transition id '{transition_id}' is not valid for this issue."
        )));
    };
    let mut parser = Parser::new(&shared, &store, store.issues[&id].project);
    // The resolution follows the status here; a screen value for it is accepted and ignored.
    parser.read(body.get("fields"), body.get("update"), &["resolution"]);
    if body
        .get("update")
        .and_then(Value::as_object)
        .is_some_and(|u| u.contains_key("comment"))
    {
        caller.require(&shared, Permission::Comment)?;
    }
    let Parser {
        problems, edits, ..
    } = parser;
    problems.into_result()?;

    let mut issue = store.take_issue(id).ok_or_else(ApiError::issue_not_found)?;
    let mut items = move_status(&mut issue, target, now);
    items.extend(apply(
        &shared,
        &mut store,
        &mut issue,
        edits,
        caller.person,
        now,
    ));
    record(&mut store, &mut issue, caller.person, now, items);
    issue.touch(now);
    store.put_back(issue);
    no_content()
}
