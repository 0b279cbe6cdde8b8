//! Comments: ADF bodies on REST v3, plain strings on v2. Adding, editing or
//! deleting one bumps the issue's `updated`, so change searches see it.

use std::sync::RwLockWriteGuard;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use serde_json::{json, Value};

use super::access::{issue_mut, lock_issue, read_issue, require_author_or_admin, write_issue};
use super::auth::Caller;
use super::catalog::Permission;
use super::errors::{created, no_content, ok, ApiError, Reply};
use super::issue_input::Parser;
use super::issue_json::body_json;
use super::params::{json_object, page_bounds, Params};
use super::state::{Jira, Shared};
use super::store::{take, Comment, Issue, PersonIx, Store};
use super::text::Body;
use super::time::format_jira;
use super::users::user_json;
use super::Flavor;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    let api = flavor.api();
    Router::new()
        .route(&format!("{api}/issue/{{key}}/comment"), get(list).post(add))
        .route(
            &format!("{api}/issue/{{key}}/comment/{{id}}"),
            get(read).put(update).delete(delete),
        )
}

pub fn comment_json(shared: &Shared, issue: u64, comment: &Comment, reader: PersonIx) -> Value {
    let zone = shared.zone(reader);
    let mut value = json!({
        "self": shared.api_url(&format!("/issue/{issue}/comment/{}", comment.id)),
        "id": comment.id.to_string(),
        "author": user_json(shared, comment.author),
        "body": body_json(shared, &comment.body),
        "updateAuthor": user_json(shared, comment.update_author),
        "created": format_jira(comment.created, zone),
        "updated": format_jira(comment.updated, zone),
    });
    if shared.is_cloud() {
        value["jsdPublic"] = json!(true);
    }
    value
}

async fn list(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    params: Params,
) -> Reply {
    let (store, id) = read_issue(&shared, &caller, &key)?;
    let default_max = if shared.is_cloud() { 100 } else { 5000 };
    let (start, max) = page_bounds(&params, default_max, 5000)?;
    let issue = &store.issues[&id];
    let mut comments: Vec<&Comment> = issue.comments.iter().collect();
    match params.get("orderBy") {
        Some("-created") => comments.sort_by_key(|c| std::cmp::Reverse((c.created, c.id))),
        Some("created" | "+created") | None => comments.sort_by_key(|c| (c.created, c.id)),
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "Cannot order comments by '{other}': use created or -created."
            )))
        }
    }
    let page: Vec<Value> = comments
        .iter()
        .skip(start)
        .take(max)
        .map(|c| comment_json(&shared, id, c, caller.person))
        .collect();
    ok(&json!({ "startAt": start, "maxResults": max, "total": comments.len(), "comments": page }))
}

/// The comment body of a request, in this flavour's dialect.
fn read_body(
    shared: &Shared,
    store: &Store,
    project: usize,
    bytes: &Bytes,
) -> Result<Body, ApiError> {
    let object = json_object(bytes)?;
    let value = object.get("body").unwrap_or(&Value::Null);
    let mut parser = Parser::new(shared, store, project);
    let body = parser.body("comment", value, false);
    parser.problems.into_result()?;
    match body.flatten() {
        Some(body) if !body.is_blank() => Ok(body),
        _ => Err(ApiError::field("comment", "Comment body can not be empty!")),
    }
}

async fn add(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    bytes: Bytes,
) -> Reply {
    let now = shared.now();
    let (mut store, issue_id) = write_issue(&shared, &caller, &key, Permission::Comment)?;
    let body = read_body(&shared, &store, store.issues[&issue_id].project, &bytes)?;
    let id = take(&mut store.ids.comment);
    let comment = Comment {
        id,
        author: caller.person,
        update_author: caller.person,
        body,
        created: now,
        updated: now,
    };
    let value = comment_json(&shared, issue_id, &comment, caller.person);
    let issue = issue_mut(&mut store, issue_id)?;
    issue.comments.push(comment);
    issue.touch(now);
    created(&value)
}

/// Where in `issue.comments` the comment the path names is, or Jira's 404
/// (the same for an id that is not a number).
fn find_comment(issue: &Issue, id: &str) -> Result<usize, ApiError> {
    id.parse::<u64>()
        .ok()
        .and_then(|wanted| issue.comments.iter().position(|c| c.id == wanted))
        .ok_or_else(|| ApiError::not_found(format!("Can not find a comment for the id: {id}.")))
}

async fn read(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, id)): Path<(String, String)>,
) -> Reply {
    let (store, issue_id) = read_issue(&shared, &caller, &key)?;
    let issue = &store.issues[&issue_id];
    let comment = &issue.comments[find_comment(issue, &id)?];
    ok(&comment_json(&shared, issue_id, comment, caller.person))
}

/// The store, locked for writing, with the issue the path names and where
/// in its comments the comment is, once the caller may edit or delete it.
fn changeable_comment<'a>(
    shared: &'a Shared,
    caller: &Caller,
    key: &str,
    id: &str,
) -> Result<(RwLockWriteGuard<'a, Store>, u64, usize), ApiError> {
    let (store, issue_id) = lock_issue(shared, key)?;
    let issue = &store.issues[&issue_id];
    let index = find_comment(issue, id)?;
    let author = issue.comments[index].author;
    require_author_or_admin(
        shared,
        caller,
        Permission::Comment,
        author,
        "edit or delete this comment",
    )?;
    Ok((store, issue_id, index))
}

async fn update(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, id)): Path<(String, String)>,
    bytes: Bytes,
) -> Reply {
    let now = shared.now();
    let (mut store, issue_id, index) = changeable_comment(&shared, &caller, &key, &id)?;
    let body = read_body(&shared, &store, store.issues[&issue_id].project, &bytes)?;
    let issue = issue_mut(&mut store, issue_id)?;
    issue.touch(now);
    let comment = &mut issue.comments[index];
    comment.body = body;
    comment.update_author = caller.person;
    comment.updated = now;
    ok(&comment_json(&shared, issue_id, comment, caller.person))
}

async fn delete(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, id)): Path<(String, String)>,
) -> Reply {
    let now = shared.now();
    let (mut store, issue_id, index) = changeable_comment(&shared, &caller, &key, &id)?;
    let issue = issue_mut(&mut store, issue_id)?;
    issue.comments.remove(index);
    issue.touch(now);
    no_content()
}
