//! Issues: create (with `properties` in the body), read, edit (with a real
//! changelog), delete, and Cloud's paged changelog.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use serde_json::{json, Value};

use super::access::{read_issue, write_issue};
use super::auth::Caller;
use super::catalog::{transitions_from, IssueType, Permission, Status, TRANSITIONS};
use super::errors::{created, no_content, ok, ApiError, Reply};
use super::issue_input::{
    apply, id_text, move_status, read_properties, record, Edit, Parser, CREATE_ONLY,
};
use super::issue_json::{history_json, Expand, FieldSelection, View};
use super::params::{json_object, page_bounds, Params};
use super::state::{Jira, Shared};
use super::store::{Issue, Store};
use super::text::Text;
use super::Flavor;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    let api = flavor.api();
    let router = Router::new()
        .route(&format!("{api}/issue"), post(create))
        .route(
            &format!("{api}/issue/{{key}}"),
            get(read).put(edit).delete(delete),
        );
    match flavor {
        Flavor::Cloud => router.route(&format!("{api}/issue/{{key}}/changelog"), get(changelog)),
        Flavor::DataCenter => router,
    }
}

/// `{"key": "WEB"}` or `{"id": "10000"}` (the id may be a number).
fn project_reference(value: &Value) -> Option<String> {
    value
        .get("key")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| value.get("id").and_then(id_text))
}

async fn create(State(shared): State<Jira>, caller: Caller, body: Bytes) -> Reply {
    let body = json_object(&body)?;
    let fields = body
        .get("fields")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let properties = read_properties(body.get("properties"))?;
    let now = shared.now();
    let mut store = shared.write();

    let Some(project) = fields
        .get("project")
        .and_then(project_reference)
        .and_then(|p| store.project_index(&p))
    else {
        return Err(ApiError::field(
            "project",
            "Specify a valid project ID or key",
        ));
    };
    caller.require(&shared, Permission::Create)?;
    let mut parser = Parser::new(&shared, &store, project);
    parser.read(body.get("fields"), body.get("update"), &CREATE_ONLY);
    if !fields.contains_key("summary")
        && !parser.edits.iter().any(|e| matches!(e, Edit::Summary(_)))
    {
        parser
            .problems
            .add("summary", "You must specify a summary of the issue.");
    }
    let issue_type = parser.edits.iter().find_map(|e| match e {
        Edit::IssueType(t) => Some(*t),
        _ => None,
    });
    if issue_type.is_none() && !fields.contains_key("issuetype") {
        parser.problems.add("issuetype", "Specify an issue type");
    }
    let parent = match fields.get("parent") {
        None | Some(Value::Null) => None,
        Some(reference) => {
            let key = reference
                .get("key")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .or_else(|| reference.get("id").and_then(id_text));
            match key.and_then(|k| store.issue_id(&k)) {
                Some(parent) if store.issues[&parent].issue_type.is_subtask() => {
                    parser.problems.add(
                        "parent",
                        "A sub-task cannot be the parent of another issue.",
                    );
                    None
                }
                Some(parent) if store.issues[&parent].project != project => {
                    parser
                        .problems
                        .add("parent", "The parent issue must be in the same project.");
                    None
                }
                Some(parent) => Some(parent),
                None => {
                    parser
                        .problems
                        .add("parent", "The parent issue does not exist.");
                    None
                }
            }
        }
    };
    match (issue_type, parent) {
        (Some(t), None) if t.is_subtask() && !fields.contains_key("parent") => {
            parser.problems.add(
                "parent",
                "Issue type is a sub-task but parent issue key or id not specified.",
            );
        }
        (Some(t), Some(_)) if !t.is_subtask() => {
            parser.problems.add(
                "parent",
                "Only sub-tasks can have a parent in this project.",
            );
        }
        _ => {}
    }
    let transition = match body.get("transition") {
        None | Some(Value::Null) => None,
        Some(t) => match t
            .get("id")
            .and_then(id_text)
            .and_then(|id| TRANSITIONS.iter().find(|x| x.id == id))
        {
            Some(found) => Some(found.to),
            None => {
                parser
                    .problems
                    .add("transition", "The transition is not valid for this issue.");
                None
            }
        },
    };
    let Parser {
        problems, edits, ..
    } = parser;
    problems.into_result()?;

    let mut issue = store.blank_issue(
        project,
        issue_type.unwrap_or(IssueType::Task),
        Text::Static(""),
        caller.person,
        now,
        now,
    );
    issue.parent = parent;
    // Creation is not a change: the edits set the initial values silently.
    apply(&shared, &mut store, &mut issue, edits, caller.person, now);
    for (key, value) in properties {
        issue.set_property(&key, value);
    }
    if let Some(status) = transition {
        let items = move_status(&mut issue, status, now);
        record(&mut store, &mut issue, caller.person, now, items);
    }
    let (id, key) = (issue.id, store.issue_key(&issue));
    store.insert_issue(issue);
    created(
        &json!({ "id": id.to_string(), "key": key, "self": shared.api_url(&format!("/issue/{id}")) }),
    )
}

/// The view a single-issue or search request asks for.
pub fn request_view<'a>(
    shared: &'a Shared,
    store: &'a Store,
    caller: &Caller,
    fields: &'a FieldSelection,
    expand: Expand,
    properties: &'a [String],
) -> View<'a> {
    View {
        shared,
        store,
        reader: caller.person,
        fields,
        expand,
        properties,
    }
}

async fn read(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    params: Params,
) -> Reply {
    let (store, id) = read_issue(&shared, &caller, &key)?;
    let fields = FieldSelection::parse(params.list("fields").as_deref(), FieldSelection::all());
    let expand = Expand::parse(params.get("expand"));
    let properties = params.list("properties").unwrap_or_default();
    let view = request_view(&shared, &store, &caller, &fields, expand, &properties);
    ok(&view.issue(&store.issues[&id]))
}

async fn edit(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    params: Params,
    body: Bytes,
) -> Reply {
    let body = json_object(&body)?;
    let properties = read_properties(body.get("properties"))?;
    let now = shared.now();
    let (mut store, id) = write_issue(&shared, &caller, &key, Permission::Edit)?;
    let project = store.issues[&id].project;
    let mut parser = Parser::new(&shared, &store, project);
    parser.read(body.get("fields"), body.get("update"), &[]);
    for field in CREATE_ONLY.iter().chain(["status", "resolution"].iter()) {
        let named = |v: Option<&Value>| {
            v.and_then(Value::as_object)
                .is_some_and(|o| o.contains_key(*field))
        };
        if named(body.get("fields")) || named(body.get("update")) {
            parser.problems.add(field, format!("Field '{field}' cannot be set. It is not on the appropriate screen, or unknown."));
        }
    }
    if let Some(Edit::IssueType(t)) = parser
        .edits
        .iter()
        .find(|e| matches!(e, Edit::IssueType(_)))
    {
        if t.is_subtask() != store.issues[&id].issue_type.is_subtask() {
            parser.problems.add(
                "issuetype",
                "Changing between sub-tasks and standard issue types needs the Move Issue wizard.",
            );
        }
    }
    let Parser {
        problems, edits, ..
    } = parser;
    problems.into_result()?;

    let mut issue = store.take_issue(id).ok_or_else(ApiError::issue_not_found)?;
    let comments_before = issue.comments.len();
    let items = apply(&shared, &mut store, &mut issue, edits, caller.person, now);
    if issue.comments.len() != comments_before {
        issue.touch(now);
    }
    record(&mut store, &mut issue, caller.person, now, items);
    for (key, value) in properties {
        issue.set_property(&key, value);
    }
    store.put_back(issue);
    // Only Cloud knows `returnIssue`; Data Center always answers 204.
    if shared.is_cloud() && params.flag("returnIssue") {
        let fields = FieldSelection::all();
        let view = request_view(
            &shared,
            &store,
            &caller,
            &fields,
            Expand::parse(params.get("expand")),
            &[],
        );
        return ok(&view.issue(&store.issues[&id]));
    }
    no_content()
}

async fn delete(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    params: Params,
) -> Reply {
    let now = shared.now();
    let (mut store, id) = write_issue(&shared, &caller, &key, Permission::Delete)?;
    let subtasks = store.issues[&id].subtasks.clone();
    if !subtasks.is_empty() && !params.flag("deleteSubtasks") {
        let key = store.issue_key(&store.issues[&id]);
        return Err(ApiError::bad_request(format!(
            "The issue '{key}' has subtasks. You must specify the 'deleteSubtasks' parameter to delete this issue with all its subtasks."
        )));
    }
    for subtask in subtasks {
        store.remove_issue(subtask, now);
    }
    store.remove_issue(id, now);
    no_content()
}

async fn changelog(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    params: Params,
) -> Reply {
    let (store, id) = read_issue(&shared, &caller, &key)?;
    let (start, max) = page_bounds(&params, 100, 100)?;
    let issue = &store.issues[&id];
    let values: Vec<Value> = issue
        .history
        .iter()
        .skip(start)
        .take(max)
        .map(|h| history_json(&shared, h, caller.person))
        .collect();
    let total = issue.history.len();
    ok(&json!({
        "self": shared.api_url(&format!("/issue/{key}/changelog?maxResults={max}&startAt={start}")),
        "maxResults": max,
        "startAt": start,
        "total": total,
        "isLast": start + values.len() >= total,
        "values": values,
    }))
}

/// Whether `transition_id` may be taken from the issue's current status.
pub fn transition_target(issue: &Issue, transition_id: &str) -> Option<Status> {
    transitions_from(issue.status)
        .find(|t| t.id == transition_id)
        .map(|t| t.to)
}
