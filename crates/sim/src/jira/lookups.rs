//! The lists a sync profile editor picks from: a project's statuses per
//! issue type, the site's priorities (Data Center's list, Cloud's paged
//! search) and the people issues of a project can be assigned to.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use super::access::{browse, find_project};
use super::auth::Caller;
use super::catalog::{IssueType, Permission, Priority, Status};
use super::errors::{ok, ApiError, Reply};
use super::issue_json::{priority_json, status_json};
use super::params::{linked_page, page_bounds, Params};
use super::state::Jira;
use super::store::PersonIx;
use super::users::user_json;
use super::Flavor;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    let api = flavor.api();
    let router = Router::new()
        .route(&format!("{api}/project/{{key}}/statuses"), get(statuses))
        .route(&format!("{api}/priority"), get(priorities))
        .route(&format!("{api}/user/assignable/search"), get(assignable));
    match flavor {
        Flavor::Cloud => router.route(&format!("{api}/priority/search"), get(priority_search)),
        Flavor::DataCenter => router,
    }
}

/// Every issue type with the statuses of its workflow (all share one).
async fn statuses(State(shared): State<Jira>, caller: Caller, Path(key): Path<String>) -> Reply {
    let store = browse(&shared, &caller)?;
    find_project(&store, &key)?;
    let types: Vec<Value> = IssueType::ALL
        .iter()
        .map(|t| {
            json!({
                "self": shared.api_url(&format!("/issuetype/{}", t.id())),
                "id": t.id(),
                "name": t.name(),
                "subtask": t.is_subtask(),
                "statuses": Status::ALL.iter().map(|s| status_json(&shared, *s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    ok(&Value::Array(types))
}

fn all_priorities(shared: &super::state::Shared) -> Vec<Value> {
    Priority::ALL
        .iter()
        .map(|p| {
            let mut value = priority_json(shared, *p);
            value["description"] = json!(format!("{} priority.", p.name()));
            value["statusColor"] = json!("#555555");
            value
        })
        .collect()
}

async fn priorities(State(shared): State<Jira>, _caller: Caller) -> Reply {
    ok(&Value::Array(all_priorities(&shared)))
}

/// Cloud's paged priority list (`/priority` is deprecated there).
async fn priority_search(State(shared): State<Jira>, _caller: Caller, params: Params) -> Reply {
    let (start, max) = page_bounds(&params, 50, 50)?;
    let all = all_priorities(&shared);
    let total = all.len();
    let values = all.into_iter().skip(start).take(max).collect();
    ok(&linked_page(
        &shared,
        "/priority/search",
        start,
        max,
        total,
        values,
    ))
}

/// People who may be assigned issues of the project: those whose role
/// holds Assign Issues. Cloud pages with `startAt`; both cap `maxResults`.
async fn assignable(State(shared): State<Jira>, caller: Caller, params: Params) -> Reply {
    let project = params
        .get("project")
        .or_else(|| params.get("issueKey"))
        .ok_or_else(|| {
            ApiError::bad_request("Specify the project or issue to find assignable users for.")
        })?;
    {
        let store = browse(&shared, &caller)?;
        match params.get("project") {
            Some(key) => {
                find_project(&store, key)?;
            }
            None => {
                store
                    .issue_id(project)
                    .ok_or_else(ApiError::issue_not_found)?;
            }
        }
    }
    let (start, max) = page_bounds(&params, 50, 1000)?;
    let query = params
        .get("query")
        .or_else(|| params.get("username"))
        .map(str::to_lowercase)
        .unwrap_or_default();
    let found: Vec<Value> = (0..shared.people.len() as PersonIx)
        .filter(|&ix| Permission::Assign.granted_to(shared.role(ix)))
        .filter(|&ix| {
            let p = shared.person(ix);
            query.is_empty()
                || [&p.login, &p.email, &p.name_en, &p.name_ja]
                    .iter()
                    .any(|text| text.to_lowercase().contains(&query))
        })
        .skip(start)
        .take(max)
        .map(|ix| user_json(&shared, ix))
        .collect();
    ok(&Value::Array(found))
}
