//! Issue properties: small JSON documents stored on an issue by apps (the
//! sync marker lives here). Setting one does not change the issue's
//! `updated`, exactly as in Jira.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use serde_json::{json, Value};

use super::access::{issue_mut, read_issue, write_issue};
use super::auth::Caller;
use super::catalog::Permission;
use super::errors::{no_content, ok, ApiError, Reply};
use super::params::json_body;
use super::state::Jira;
use super::Flavor;

const MAX_KEY_CHARS: usize = 255;
const MAX_VALUE_BYTES: usize = 32_768;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    let api = flavor.api();
    Router::new()
        .route(&format!("{api}/issue/{{key}}/properties"), get(keys))
        .route(
            &format!("{api}/issue/{{key}}/properties/{{property}}"),
            get(read).put(write).delete(delete),
        )
}

/// Jira's rules for a property key.
pub fn check_key(key: &str) -> Result<(), ApiError> {
    if key.trim().is_empty() {
        return Err(ApiError::bad_request("The property key cannot be empty."));
    }
    if key.chars().count() > MAX_KEY_CHARS {
        return Err(ApiError::bad_request(format!(
            "The property key can not be longer than {MAX_KEY_CHARS} characters."
        )));
    }
    Ok(())
}

fn missing(property: &str) -> ApiError {
    ApiError::not_found(format!(
        "The property with key '{property}' does not exist."
    ))
}

async fn keys(State(shared): State<Jira>, caller: Caller, Path(key): Path<String>) -> Reply {
    let (store, id) = read_issue(&shared, &caller, &key)?;
    let keys: Vec<Value> = store.issues[&id]
        .properties
        .iter()
        .map(|(property, _)| {
            json!({
                "self": shared.api_url(&format!("/issue/{id}/properties/{}", super::params::percent_encode(property))),
                "key": property.to_string(),
            })
        })
        .collect();
    ok(&json!({ "keys": keys }))
}

async fn read(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, property)): Path<(String, String)>,
) -> Reply {
    let (store, id) = read_issue(&shared, &caller, &key)?;
    let value = store.issues[&id]
        .property(&property)
        .ok_or_else(|| missing(&property))?;
    ok(&json!({ "key": property, "value": value }))
}

async fn write(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, property)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    check_key(&property)?;
    if body.len() > MAX_VALUE_BYTES {
        return Err(ApiError::bad_request(format!(
            "The property value is too long. It must be {MAX_VALUE_BYTES} characters or less."
        )));
    }
    let value = json_body(&body)?;
    let (mut store, id) = write_issue(&shared, &caller, &key, Permission::Edit)?;
    let issue = issue_mut(&mut store, id)?;
    let status = if issue.set_property(&property, value) {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok(status.into_response())
}

async fn delete(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, property)): Path<(String, String)>,
) -> Reply {
    let (mut store, id) = write_issue(&shared, &caller, &key, Permission::Edit)?;
    let issue = issue_mut(&mut store, id)?;
    let before = issue.properties.len();
    issue.properties.retain(|(k, _)| &**k != property.as_str());
    if issue.properties.len() == before {
        return Err(missing(&property));
    }
    no_content()
}
