//! Project versions (fix versions, or the TimeTracker NX folders a sync maps
//! them to): list, paged list, read, create and update. Managing versions
//! needs project administration.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use jiff::civil::Date;
use serde_json::{json, Map, Value};

use super::access::{browse, find_project};
use super::auth::Caller;
use super::catalog::Permission;
use super::errors::{created, ok, ApiError, Reply};
use super::issue_input::Problems;
use super::params::{
    json_object, linked_page, only_known, opt_bool, opt_str, page_bounds, type_error, Params,
};
use super::state::{Jira, Shared};
use super::store::{take, Store, Version};
use super::time::local_date;
use super::Flavor;

/// The properties of Cloud's `Version` schema, which forbids any other.
const VERSION_PROPERTIES: [&str; 19] = [
    "approvers",
    "archived",
    "description",
    "driver",
    "expand",
    "id",
    "issuesStatusForFixVersion",
    "moveUnfixedIssuesTo",
    "name",
    "operations",
    "overdue",
    "project",
    "projectId",
    "releaseDate",
    "released",
    "self",
    "startDate",
    "userReleaseDate",
    "userStartDate",
];

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    let api = flavor.api();
    Router::new()
        .route(&format!("{api}/project/{{key}}/versions"), get(list))
        .route(&format!("{api}/project/{{key}}/version"), get(page))
        .route(&format!("{api}/version"), post(create))
        .route(&format!("{api}/version/{{id}}"), get(read).put(update))
}

/// `01/Dec/26`, the user-facing date Jira adds next to the ISO one.
fn user_date(date: Date) -> String {
    date.strftime("%d/%b/%y").to_string()
}

/// A version date as each contract types it: a `date` on Cloud; Data
/// Center's 10.3 document says `date-time`, so midnight UTC there.
fn contract_date(shared: &Shared, date: Date) -> String {
    match shared.flavor {
        Flavor::Cloud => date.to_string(),
        Flavor::DataCenter => format!("{date}T00:00:00.000+0000"),
    }
}

/// Reads `2027-03-31`, or the date of `2027-03-31T00:00:00.000+0000`.
fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    match text.split_once('T') {
        Some((date, _)) => date.parse().ok(),
        None => text.parse().ok(),
    }
}

pub fn version_json(shared: &Shared, store: &Store, version: &Version) -> Value {
    let mut value = json!({
        "self": shared.api_url(&format!("/version/{}", version.id)),
        "id": version.id.to_string(),
        "description": version.description,
        "name": version.name,
        "archived": version.archived,
        "released": version.released,
        "projectId": store.projects[version.project].id,
    });
    if let Some(start) = version.start_date {
        value["startDate"] = json!(contract_date(shared, start));
        value["userStartDate"] = json!(user_date(start));
    }
    if let Some(release) = version.release_date {
        value["releaseDate"] = json!(contract_date(shared, release));
        value["userReleaseDate"] = json!(user_date(release));
        let today = local_date(shared.now(), &jiff::tz::TimeZone::UTC);
        value["overdue"] = json!(!version.released && release < today);
    }
    value
}

async fn list(State(shared): State<Jira>, caller: Caller, Path(key): Path<String>) -> Reply {
    let store = browse(&shared, &caller)?;
    let project = find_project(&store, &key)?;
    let versions: Vec<Value> = store
        .versions
        .iter()
        .filter(|v| v.project == project)
        .map(|v| version_json(&shared, &store, v))
        .collect();
    ok(&Value::Array(versions))
}

async fn page(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    params: Params,
) -> Reply {
    let store = browse(&shared, &caller)?;
    let project = find_project(&store, &key)?;
    let (start, max) = page_bounds(&params, 50, 50)?;
    let query = params.get("query").map(str::to_lowercase);
    let all: Vec<&Version> = store
        .versions
        .iter()
        .filter(|v| v.project == project)
        .filter(|v| {
            query.as_ref().is_none_or(|q| {
                v.name.to_lowercase().contains(q) || v.description.to_lowercase().contains(q)
            })
        })
        .collect();
    let values: Vec<Value> = all
        .iter()
        .skip(start)
        .take(max)
        .map(|v| version_json(&shared, &store, v))
        .collect();
    let path = format!("/project/{key}/version");
    ok(&linked_page(&shared, &path, start, max, all.len(), values))
}

fn find_version(store: &Store, id: &str) -> Result<usize, ApiError> {
    store
        .versions
        .iter()
        .position(|v| v.id.to_string() == id)
        .ok_or_else(|| ApiError::not_found(format!("Could not find version for id '{id}'")))
}

async fn read(State(shared): State<Jira>, caller: Caller, Path(id): Path<String>) -> Reply {
    let store = browse(&shared, &caller)?;
    let index = find_version(&store, &id)?;
    ok(&version_json(&shared, &store, &store.versions[index]))
}

/// The changes a create or update asks for.
struct VersionInput {
    name: Option<String>,
    description: Option<String>,
    released: Option<bool>,
    archived: Option<bool>,
    start_date: Option<Option<Date>>,
    release_date: Option<Option<Date>>,
}

fn read_input(shared: &Shared, object: &Map<String, Value>) -> Result<VersionInput, ApiError> {
    if shared.is_cloud() {
        only_known(object, &VERSION_PROPERTIES)?;
    }
    let mut problems = Problems::default();
    let mut date = |field: &str| -> Option<Option<Date>> {
        match object.get(field) {
            None => None,
            Some(Value::Null) => Some(None),
            Some(Value::String(text)) => match parse_date(text) {
                Some(date) => Some(Some(date)),
                None => {
                    problems.add(
                        field,
                        format!("The date '{text}' is not valid: use YYYY-MM-DD."),
                    );
                    None
                }
            },
            Some(other) => {
                problems.add(
                    field,
                    type_error(field, "a date string", other).messages.concat(),
                );
                None
            }
        }
    };
    let start_date = date("startDate");
    let release_date = date("releaseDate");
    let name = opt_str(object, "name")?.map(|n| n.trim().to_owned());
    if let Some(name) = &name {
        if name.is_empty() {
            problems.add("name", "You must specify a valid version name");
        } else if name.chars().count() > 255 {
            problems.add(
                "name",
                "The version name must not be longer than 255 characters.",
            );
        }
    }
    problems.into_result()?;
    Ok(VersionInput {
        name,
        description: opt_str(object, "description")?.map(str::to_owned),
        released: opt_bool(object, "released")?,
        archived: opt_bool(object, "archived")?,
        start_date,
        release_date,
    })
}

fn name_taken(store: &Store, project: usize, name: &str, except: Option<u64>) -> bool {
    store
        .versions
        .iter()
        .any(|v| v.project == project && Some(v.id) != except && v.name.eq_ignore_ascii_case(name))
}

async fn create(State(shared): State<Jira>, caller: Caller, body: Bytes) -> Reply {
    let object = json_object(&body)?;
    let input = read_input(&shared, &object)?;
    let mut store = shared.write();
    let project = match (object.get("projectId"), opt_str(&object, "project")?) {
        (Some(Value::Number(id)), _) => store.project_index(&id.to_string()),
        (Some(other), _) if !other.is_null() => {
            return Err(type_error("projectId", "a number", other))
        }
        (_, Some(key)) => store.project_index(key),
        _ => None,
    }
    .ok_or_else(|| ApiError::field("project", "Project must be specified to create a version."))?;
    caller.require(&shared, Permission::AdministerProjects)?;
    let Some(name) = input.name else {
        return Err(ApiError::field(
            "name",
            "You must specify a valid version name",
        ));
    };
    if name_taken(&store, project, &name, None) {
        return Err(ApiError::field(
            "name",
            "A version with this name already exists in this project.",
        ));
    }
    let id = take(&mut store.ids.version);
    let version = Version {
        id,
        project,
        name,
        description: input.description.unwrap_or_default(),
        released: input.released.unwrap_or(false),
        archived: input.archived.unwrap_or(false),
        start_date: input.start_date.flatten(),
        release_date: input.release_date.flatten(),
    };
    let value = version_json(&shared, &store, &version);
    store.versions.push(version);
    created(&value)
}

async fn update(
    State(shared): State<Jira>,
    caller: Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> Reply {
    let object = json_object(&body)?;
    let input = read_input(&shared, &object)?;
    let mut store = shared.write();
    let index = find_version(&store, &id)?;
    caller.require(&shared, Permission::AdministerProjects)?;
    let (project, version_id) = (store.versions[index].project, store.versions[index].id);
    if let Some(name) = &input.name {
        if name_taken(&store, project, name, Some(version_id)) {
            return Err(ApiError::field(
                "name",
                "A version with this name already exists in this project.",
            ));
        }
    }
    let version = &mut store.versions[index];
    if let Some(name) = input.name {
        version.name = name;
    }
    if let Some(description) = input.description {
        version.description = description;
    }
    if let Some(released) = input.released {
        version.released = released;
    }
    if let Some(archived) = input.archived {
        version.archived = archived;
    }
    if let Some(start) = input.start_date {
        version.start_date = start;
    }
    if let Some(release) = input.release_date {
        version.release_date = release;
    }
    ok(&version_json(&shared, &store, &store.versions[index]))
}
