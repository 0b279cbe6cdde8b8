//! Jira Cloud's `POST /rest/api/3/issue/bulkfetch`: up to 100 issues by id
//! or key in one request, in ascending id order, with an `issueErrors` entry
//! for each one that cannot be returned. Clients pair it with ids-only
//! searches (5,000 ids a page) to read many issues without 100 sequential
//! pages.

use axum::body::Bytes;
use axum::extract::State;
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};

use super::access::browse;
use super::auth::Caller;
use super::errors::{ok, ApiError, Reply};
use super::issue_json::{Expand, FieldSelection};
use super::issues::request_view;
use super::params::{json_object, only_known, opt_bool, opt_str_list, type_error};
use super::state::Jira;
use super::Flavor;

/// The most issues one request may name.
const MAX_ISSUES: usize = 100;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    match flavor {
        Flavor::Cloud => Router::new().route("/rest/api/3/issue/bulkfetch", post(bulk_fetch)),
        Flavor::DataCenter => Router::new(),
    }
}

async fn bulk_fetch(State(shared): State<Jira>, caller: Caller, body: Bytes) -> Reply {
    let object = json_object(&body)?;
    only_known(
        &object,
        &[
            "expand",
            "fields",
            "fieldsByKeys",
            "issueIdsOrKeys",
            "properties",
        ],
    )?;
    opt_bool(&object, "fieldsByKeys")?;
    let wanted = match object.get("issueIdsOrKeys") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                other => Err(type_error("issueIdsOrKeys", "a list of strings", other)),
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(other) => return Err(type_error("issueIdsOrKeys", "a list of strings", other)),
        None => return Err(ApiError::bad_request("issueIdsOrKeys is required.")),
    };
    if wanted.is_empty() || wanted.len() > MAX_ISSUES {
        return Err(ApiError::bad_request(format!(
            "issueIdsOrKeys must name between 1 and {MAX_ISSUES} issues."
        )));
    }
    let fields = opt_str_list(&object, "fields")?;
    let expand = opt_str_list(&object, "expand")?.unwrap_or_default();
    let properties = opt_str_list(&object, "properties")?.unwrap_or_default();

    let store = browse(&shared, &caller)?;
    let selection = FieldSelection::parse(fields.as_deref(), FieldSelection::navigable());
    let view = request_view(
        &shared,
        &store,
        &caller,
        &selection,
        Expand::parse(expand.iter().map(String::as_str)),
        &properties,
    );
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for key_or_id in &wanted {
        match store.issue_id(key_or_id) {
            Some(id) if !found.contains(&id) => found.push(id),
            Some(_) => {}
            None => errors.push(json!({
                "id": key_or_id,
                "errorMessage": "Issue does not exist or you do not have permission to see it.",
            })),
        }
    }
    found.sort_unstable();
    let issues: Vec<Value> = found
        .iter()
        .map(|id| view.issue(&store.issues[id]))
        .collect();
    ok(&json!({ "issues": issues, "issueErrors": errors }))
}
