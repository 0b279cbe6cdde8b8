//! Worklogs per issue, and the change feeds a sync reads them through:
//! `/worklog/updated?since=` and `/worklog/deleted?since=` (at most 1,000 a
//! page, never the last minute — Jira leaves it out so that a write still in
//! flight is not skipped) and `POST /worklog/list {"ids":[...]}`.

use std::sync::RwLockWriteGuard;

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::access::{issue_mut, lock_issue, read_issue, require_author_or_admin, write_issue};
use super::auth::Caller;
use super::catalog::Permission;
use super::errors::{created, no_content, ok, ApiError, Reply};
use super::issue_input::{Parser, Problems};
use super::issue_json::body_json;
use super::params::{json_object, only_known, page_bounds, Params};
use super::state::{Jira, Shared};
use super::store::{take, PersonIx, Store, Worklog};
use super::text::Body;
use super::time::{format_duration, format_jira, parse_duration, parse_jira, Millis, MINUTE};
use super::users::user_json;
use super::Flavor;

/// Entries per page of `/worklog/updated` and `/worklog/deleted`.
const CHANGES_PER_PAGE: usize = 1000;
/// Ids per `POST /worklog/list`.
const IDS_PER_LIST: usize = 1000;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    let api = flavor.api();
    Router::new()
        .route(&format!("{api}/issue/{{key}}/worklog"), get(list).post(add))
        .route(
            &format!("{api}/issue/{{key}}/worklog/{{id}}"),
            get(read).put(update).delete(delete),
        )
        .route(&format!("{api}/worklog/updated"), get(updated))
        .route(&format!("{api}/worklog/deleted"), get(deleted))
        .route(&format!("{api}/worklog/list"), post(by_ids))
}

pub fn worklog_json(shared: &Shared, worklog: &Worklog, reader: PersonIx) -> Value {
    let zone = shared.zone(reader);
    let mut value = json!({
        "self": shared.api_url(&format!("/issue/{}/worklog/{}", worklog.issue, worklog.id)),
        "author": user_json(shared, worklog.author),
        "updateAuthor": user_json(shared, worklog.update_author),
        "created": format_jira(worklog.created, zone),
        "updated": format_jira(worklog.updated, zone),
        "started": format_jira(worklog.started, zone),
        "timeSpent": format_duration(worklog.seconds),
        "timeSpentSeconds": worklog.seconds,
        "id": worklog.id.to_string(),
        "issueId": worklog.issue.to_string(),
    });
    if let Some(comment) = &worklog.comment {
        value["comment"] = body_json(shared, comment);
    }
    value
}

fn check_adjust_estimate(params: &Params) -> Result<(), ApiError> {
    match params.get("adjustEstimate") {
        None | Some("new" | "leave" | "manual" | "auto") => Ok(()),
        Some(other) => Err(ApiError::bad_request(format!(
            "Invalid adjustEstimate '{other}': use new, leave, manual or auto."
        ))),
    }
}

/// What a worklog create or update sets.
struct WorklogInput {
    started: Option<Millis>,
    seconds: Option<u64>,
    comment: Option<Option<Body>>,
}

fn read_input(
    shared: &Shared,
    store: &Store,
    project: usize,
    bytes: &Bytes,
    creating: bool,
) -> Result<WorklogInput, ApiError> {
    let object = json_object(bytes)?;
    let mut problems = Problems::default();
    let started = match object.get("started") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => match parse_jira(text) {
            Some(at) => Some(at),
            None => {
                problems.add("started", "Invalid date format. Please enter the date in the format \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\".");
                None
            }
        },
        Some(_) => {
            problems.add(
                "started",
                "'started' must be a string like 2021-01-17T12:34:00.000+0000.",
            );
            None
        }
    };
    let seconds = match (object.get("timeSpentSeconds"), object.get("timeSpent")) {
        (Some(Value::Number(n)), _) => match n.as_u64() {
            Some(s) if s > 0 => Some(s),
            _ => {
                problems.add(
                    "timeLogged",
                    "Time spent must be a positive number of seconds.",
                );
                None
            }
        },
        (Some(other), _) if !other.is_null() => {
            problems.add(
                "timeSpentSeconds",
                "'timeSpentSeconds' must be a whole number.",
            );
            None
        }
        (_, Some(Value::String(text))) => match parse_duration(text) {
            Some(s) if s > 0 => Some(s),
            _ => {
                problems.add(
                    "timeLogged",
                    format!("Invalid time duration entered: '{text}'."),
                );
                None
            }
        },
        _ => None,
    };
    if creating && seconds.is_none() {
        problems.add("timeLogged", "You must indicate the time spent working.");
    }
    let mut parser = Parser::new(shared, store, project);
    let comment = match object.get("comment") {
        None => None,
        Some(value) => parser.body("comment", value, true),
    };
    for (field, message) in parser
        .problems
        .into_result()
        .err()
        .map(|e| e.errors)
        .unwrap_or_default()
    {
        problems.add(&field, message);
    }
    problems.into_result()?;
    Ok(WorklogInput {
        started,
        seconds,
        comment,
    })
}

async fn list(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    params: Params,
) -> Reply {
    let (store, issue_id) = read_issue(&shared, &caller, &key)?;
    let (start, max) = page_bounds(&params, 5000, 5000)?;
    let after = params.int("startedAfter")?;
    let before = params.int("startedBefore")?;
    let matching: Vec<&Worklog> = store.issues[&issue_id]
        .worklogs
        .iter()
        .filter_map(|id| store.worklogs.get(id))
        .filter(|w| after.is_none_or(|a| w.started >= a) && before.is_none_or(|b| w.started < b))
        .collect();
    let page: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(max)
        .map(|w| worklog_json(&shared, w, caller.person))
        .collect();
    ok(&json!({ "startAt": start, "maxResults": max, "total": matching.len(), "worklogs": page }))
}

async fn add(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    params: Params,
    bytes: Bytes,
) -> Reply {
    check_adjust_estimate(&params)?;
    let now = shared.now();
    let (mut store, issue_id) = write_issue(&shared, &caller, &key, Permission::WorkOn)?;
    let input = read_input(
        &shared,
        &store,
        store.issues[&issue_id].project,
        &bytes,
        true,
    )?;
    let id = take(&mut store.ids.worklog);
    let worklog = Worklog {
        id,
        issue: issue_id,
        author: caller.person,
        update_author: caller.person,
        comment: input.comment.flatten(),
        started: input.started.unwrap_or(now),
        seconds: input.seconds.unwrap_or(60),
        created: now,
        updated: now,
    };
    let value = worklog_json(&shared, &worklog, caller.person);
    store.worklogs.insert(id, worklog);
    let issue = issue_mut(&mut store, issue_id)?;
    issue.worklogs.push(id);
    issue.touch(now);
    created(&value)
}

/// The worklog of `issue_id` the path names, or Jira's 404.
fn find_worklog(store: &Store, issue_id: u64, id: &str) -> Result<u64, ApiError> {
    id.parse::<u64>()
        .ok()
        .filter(|id| store.worklogs.get(id).is_some_and(|w| w.issue == issue_id))
        .ok_or_else(|| ApiError::not_found(format!("Cannot find worklog with id: '{id}'.")))
}

async fn read(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, id)): Path<(String, String)>,
) -> Reply {
    let (store, issue_id) = read_issue(&shared, &caller, &key)?;
    let id = find_worklog(&store, issue_id, &id)?;
    ok(&worklog_json(&shared, &store.worklogs[&id], caller.person))
}

/// The store, locked for writing, with the issue and the worklog the path
/// names, once the caller may edit or delete that worklog.
fn changeable_worklog<'a>(
    shared: &'a Shared,
    caller: &Caller,
    key: &str,
    id: &str,
) -> Result<(RwLockWriteGuard<'a, Store>, u64, u64), ApiError> {
    let (store, issue_id) = lock_issue(shared, key)?;
    let id = find_worklog(&store, issue_id, id)?;
    require_author_or_admin(
        shared,
        caller,
        Permission::WorkOn,
        store.worklogs[&id].author,
        "edit or delete this worklog",
    )?;
    Ok((store, issue_id, id))
}

async fn update(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, id)): Path<(String, String)>,
    params: Params,
    bytes: Bytes,
) -> Reply {
    check_adjust_estimate(&params)?;
    let now = shared.now();
    let (mut store, issue_id, id) = changeable_worklog(&shared, &caller, &key, &id)?;
    let input = read_input(
        &shared,
        &store,
        store.issues[&issue_id].project,
        &bytes,
        false,
    )?;
    let worklog = store
        .worklogs
        .get_mut(&id)
        .ok_or_else(ApiError::issue_not_found)?;
    if let Some(started) = input.started {
        worklog.started = started;
    }
    if let Some(seconds) = input.seconds {
        worklog.seconds = seconds;
    }
    if let Some(comment) = input.comment {
        worklog.comment = comment;
    }
    worklog.update_author = caller.person;
    worklog.updated = now;
    let value = worklog_json(&shared, worklog, caller.person);
    if let Some(issue) = store.issues.get_mut(&issue_id) {
        issue.touch(now);
    }
    ok(&value)
}

async fn delete(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, id)): Path<(String, String)>,
    params: Params,
) -> Reply {
    check_adjust_estimate(&params)?;
    let now = shared.now();
    let (mut store, issue_id, id) = changeable_worklog(&shared, &caller, &key, &id)?;
    store.worklogs.remove(&id);
    store.deleted_worklogs.push((id, now));
    if let Some(issue) = store.issues.get_mut(&issue_id) {
        issue.worklogs.retain(|w| *w != id);
        issue.touch(now);
    }
    no_content()
}

/// One page of a change feed: entries changed at or after `since` and
/// before the last minute, oldest first. A page never splits the entries of
/// one millisecond, so continuing from `until + 1` neither skips nor repeats.
fn change_page(
    shared: &Shared,
    path: &str,
    since: Millis,
    mut entries: Vec<(Millis, u64)>,
) -> Value {
    let cutoff = shared.now() - MINUTE;
    entries.retain(|(at, _)| *at >= since && *at < cutoff);
    entries.sort_unstable();
    let mut last_page = entries.len() <= CHANGES_PER_PAGE;
    if !last_page {
        let boundary = entries[CHANGES_PER_PAGE].0;
        let mut end = CHANGES_PER_PAGE;
        while end > 0 && entries[end - 1].0 == boundary {
            end -= 1;
        }
        // One millisecond with more than a page of changes: cut it anyway.
        entries.truncate(if end == 0 { CHANGES_PER_PAGE } else { end });
        last_page = false;
    }
    let until = entries.last().map_or(since, |(at, _)| *at);
    let values: Vec<Value> = entries
        .iter()
        .map(|(at, id)| json!({ "worklogId": id, "updatedTime": at, "properties": [] }))
        .collect();
    let mut page = Map::new();
    page.insert("values".into(), Value::Array(values));
    page.insert("since".into(), json!(since));
    page.insert("until".into(), json!(until));
    page.insert(
        "self".into(),
        json!(shared.api_url(&format!("{path}?since={since}"))),
    );
    page.insert("lastPage".into(), json!(last_page));
    if !last_page {
        page.insert(
            "nextPage".into(),
            json!(shared.api_url(&format!("{path}?since={}", until + 1))),
        );
    }
    if shared.flavor == Flavor::DataCenter {
        page.insert("isLastPage".into(), json!(last_page));
    }
    Value::Object(page)
}

fn since(params: &Params) -> Result<Millis, ApiError> {
    let since = params.int("since")?.unwrap_or(0);
    if since < 0 {
        return Err(ApiError::bad_request(
            "'since' must be a time in milliseconds since 1970, zero or more.",
        ));
    }
    Ok(since)
}

async fn updated(State(shared): State<Jira>, caller: Caller, params: Params) -> Reply {
    caller.require(&shared, Permission::Browse)?;
    let since = since(&params)?;
    let entries: Vec<(Millis, u64)> = shared
        .read()
        .worklogs
        .values()
        .map(|w| (w.updated, w.id))
        .collect();
    ok(&change_page(&shared, "/worklog/updated", since, entries))
}

async fn deleted(State(shared): State<Jira>, caller: Caller, params: Params) -> Reply {
    caller.require(&shared, Permission::Browse)?;
    let since = since(&params)?;
    let entries: Vec<(Millis, u64)> = shared
        .read()
        .deleted_worklogs
        .iter()
        .map(|(id, at)| (*at, *id))
        .collect();
    ok(&change_page(&shared, "/worklog/deleted", since, entries))
}

async fn by_ids(State(shared): State<Jira>, caller: Caller, bytes: Bytes) -> Reply {
    caller.require(&shared, Permission::Browse)?;
    let object = json_object(&bytes)?;
    if shared.is_cloud() {
        only_known(&object, &["ids"])?;
    }
    let ids: Vec<u64> = match object.get("ids") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|id| {
                id.as_u64().ok_or_else(|| {
                    ApiError::bad_request("'ids' must be a list of worklog ids (numbers).")
                })
            })
            .collect::<Result<_, _>>()?,
        _ => {
            return Err(ApiError::bad_request(
                "'ids' is required: a list of worklog ids (numbers).",
            ))
        }
    };
    if ids.len() > IDS_PER_LIST {
        return Err(ApiError::bad_request(format!(
            "The number of worklog ids must not exceed {IDS_PER_LIST}."
        )));
    }
    let store = shared.read();
    let found: Vec<Value> = ids
        .iter()
        .filter_map(|id| store.worklogs.get(id))
        .map(|w| worklog_json(&shared, w, caller.person))
        .collect();
    ok(&Value::Array(found))
}
