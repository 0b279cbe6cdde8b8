//! People as Jira shows them (Cloud: `accountId`; Data Center: `name` and
//! `key`), and the endpoints about the caller and the server: `serverInfo`
//! (anonymous), `myself`, `mypermissions`, `user` and `user/search`.

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::catalog::{permission_by_key, PERMISSIONS};
use super::errors::{ok, ApiError, Reply};
use super::params::Params;
use super::state::{Jira, Shared};
use super::store::PersonIx;
use super::time;
use super::Flavor;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    let api = flavor.api();
    Router::new()
        .route(&format!("{api}/serverInfo"), get(server_info))
        .route(&format!("{api}/myself"), get(myself))
        .route(&format!("{api}/mypermissions"), get(my_permissions))
        .route(&format!("{api}/user"), get(user))
        .route(&format!("{api}/user/search"), get(user_search))
}

/// Cloud also answers `serverInfo` on REST v2: clients probe it there first
/// to tell Cloud from Data Center.
pub(super) fn cloud_v2_routes() -> Router<Jira> {
    Router::new().route("/rest/api/2/serverInfo", get(server_info))
}

/// Data Center's stable user key (`JIRAUSER10001`), distinct from the login.
pub fn user_key(shared: &Shared, ix: PersonIx) -> String {
    format!("JIRAUSER{}", 10000 + shared.person(ix).number)
}

fn avatar_urls(shared: &Shared, ix: PersonIx) -> Value {
    let owner = shared.person(ix).number;
    let url = |size: &str| shared.url(&format!("/secure/useravatar?size={size}&ownerId={owner}"));
    json!({ "48x48": url("large"), "24x24": url("small"), "16x16": url("xsmall"), "32x32": url("medium") })
}

/// The user object embedded in issues, comments, worklogs and changelogs.
pub fn user_json(shared: &Shared, ix: PersonIx) -> Value {
    let person = shared.person(ix);
    match shared.flavor {
        Flavor::Cloud => {
            let account = &shared.account_ids[ix as usize];
            let mut user = json!({
                "self": shared.api_url(&format!("/user?accountId={}", super::params::percent_encode(account))),
                "accountId": account,
                "accountType": "atlassian",
                "emailAddress": person.email,
                "avatarUrls": avatar_urls(shared, ix),
                "displayName": person.display_name(),
                "active": true,
                "timeZone": shared.zone_name(ix),
            });
            // Cloud leaves the field out (not null) when the person's profile
            // hides it; `myself` puts the caller's own back.
            if shared.emails_hidden() {
                if let Some(object) = user.as_object_mut() {
                    object.remove("emailAddress");
                }
            }
            user
        }
        Flavor::DataCenter => json!({
            "self": shared.api_url(&format!("/user?username={}", person.login)),
            "name": person.login,
            "key": user_key(shared, ix),
            "emailAddress": person.email,
            "avatarUrls": avatar_urls(shared, ix),
            "displayName": person.display_name(),
            "active": true,
            "timeZone": shared.zone_name(ix),
        }),
    }
}

pub fn user_or_null(shared: &Shared, ix: Option<PersonIx>) -> Value {
    ix.map_or(Value::Null, |ix| user_json(shared, ix))
}

/// The id a client uses to name this person: accountId on Cloud, the user
/// name on Data Center (changelogs and role actors use it).
pub fn user_ref(shared: &Shared, ix: PersonIx) -> String {
    match shared.flavor {
        Flavor::Cloud => shared.account_ids[ix as usize].clone(),
        Flavor::DataCenter => shared.person(ix).login.clone(),
    }
}

/// A person by accountId (Cloud) or by user name or key (Data Center).
pub fn find_person(shared: &Shared, reference: &str) -> Option<PersonIx> {
    let position = match shared.flavor {
        Flavor::Cloud => shared.account_ids.iter().position(|a| a == reference),
        Flavor::DataCenter => (0..shared.people.len()).find(|&i| {
            shared.people[i].login.eq_ignore_ascii_case(reference)
                || user_key(shared, i as PersonIx) == reference
        }),
    };
    position.map(|p| p as PersonIx)
}

/// A person from a user object in a request body: `{"accountId": ...}` on
/// Cloud, `{"name": ...}` or `{"key": ...}` on Data Center.
pub fn person_from_object(
    shared: &Shared,
    field: &str,
    value: &Value,
) -> Result<Option<PersonIx>, ApiError> {
    if value.is_null() {
        return Ok(None);
    }
    let object = value
        .as_object()
        .ok_or_else(|| ApiError::field(field, format!("Specify a user object for '{field}'.")))?;
    let reference = match shared.flavor {
        Flavor::Cloud => object.get("accountId").and_then(Value::as_str),
        Flavor::DataCenter => object
            .get("name")
            .or_else(|| object.get("key"))
            .and_then(Value::as_str),
    };
    let Some(reference) = reference else {
        let what = if shared.is_cloud() {
            "accountId"
        } else {
            "name"
        };
        return Err(ApiError::field(
            field,
            format!("Specify the user by '{what}'."),
        ));
    };
    find_person(shared, reference)
        .map(Some)
        .ok_or_else(|| ApiError::field(field, format!("User '{reference}' does not exist.")))
}

fn locale(shared: &Shared, ix: PersonIx) -> &'static str {
    match shared.person(ix).time_zone {
        "Asia/Tokyo" => "ja_JP",
        "Europe/Stockholm" => "sv_SE",
        _ => "en_US",
    }
}

async fn server_info(State(shared): State<Jira>) -> Reply {
    let now = time::format_jira(shared.now(), &jiff::tz::TimeZone::UTC);
    let body = match shared.flavor {
        Flavor::Cloud => json!({
            "baseUrl": shared.base_url,
            "displayUrl": shared.base_url,
            "version": "1001.0.0-SNAPSHOT",
            "versionNumbers": [1001, 0, 0],
            "deploymentType": "Cloud",
            "buildNumber": 100_298,
            "buildDate": "2026-11-02T00:00:00.000+0000",
            "serverTime": now,
            "scmInfo": "5b8bbb3a1d1f6f2c0c2a0f86a5f3f0f0e3f0a9c1",
            "serverTitle": "Jira (simulated)",
            "serverTimeZone": "Etc/UTC",
        }),
        Flavor::DataCenter => json!({
            "baseUrl": shared.base_url,
            "version": "10.3.1",
            "versionNumbers": [10, 3, 1],
            "deploymentType": "Server",
            "buildNumber": 10_030_001,
            "buildDate": "2024-12-10T00:00:00.000+0000",
            "serverTime": now,
            "scmInfo": "0c8b0a7e1c5b2b1a3e5f8d9c6b4a2e1f0d9c8b7a",
            "serverTitle": "Jira (simulated)",
        }),
    };
    ok(&body)
}

async fn myself(State(shared): State<Jira>, caller: Caller) -> Reply {
    let mut body = user_json(&shared, caller.person);
    let object = body.as_object_mut().expect("a user is an object");
    // Everyone sees their own email, whatever their profile visibility.
    object.insert(
        "emailAddress".into(),
        json!(shared.person(caller.person).email),
    );
    object.insert("locale".into(), json!(locale(&shared, caller.person)));
    object.insert("groups".into(), json!({ "size": 1, "items": [] }));
    object.insert("applicationRoles".into(), json!({ "size": 1, "items": [] }));
    object.insert("expand".into(), json!("groups,applicationRoles"));
    if shared.flavor == Flavor::DataCenter {
        object.insert("deleted".into(), json!(false));
    }
    ok(&body)
}

async fn my_permissions(State(shared): State<Jira>, caller: Caller, params: Params) -> Reply {
    let asked = params.list("permissions");
    let keys: Vec<&str> = match &asked {
        Some(keys) if !keys.is_empty() => keys.iter().map(String::as_str).collect(),
        _ if shared.is_cloud() => {
            return Err(ApiError::bad_request(
                "The 'permissions' query parameter is required: list the permission keys to check, e.g. permissions=BROWSE_PROJECTS,CREATE_ISSUES.",
            ))
        }
        _ => PERMISSIONS.iter().map(|p| p.key).collect(),
    };
    {
        let store = shared.read();
        for name in ["projectKey", "projectId"] {
            if let Some(project) = params.get(name) {
                store
                    .project_index(project)
                    .ok_or_else(|| ApiError::project_not_found(project))?;
            }
        }
        for name in ["issueKey", "issueId"] {
            if let Some(issue) = params.get(name) {
                store
                    .issue_id(issue)
                    .ok_or_else(ApiError::issue_not_found)?;
            }
        }
    }
    let mut permissions = Map::new();
    for key in keys {
        let info = permission_by_key(key).ok_or_else(|| {
            ApiError::bad_request(format!("The permission key '{key}' is not valid."))
        })?;
        permissions.insert(
            info.key.to_owned(),
            json!({
                "id": info.id,
                "key": info.key,
                "name": info.name,
                "type": if info.global { "GLOBAL" } else { "PROJECT" },
                "description": info.description,
                "havePermission": caller.may(&shared, info.permission),
            }),
        );
    }
    ok(&json!({ "permissions": permissions }))
}

async fn user(State(shared): State<Jira>, _caller: Caller, params: Params) -> Reply {
    let reference = match shared.flavor {
        Flavor::Cloud => params.get("accountId"),
        Flavor::DataCenter => params.get("username").or_else(|| params.get("key")),
    };
    let Some(reference) = reference else {
        let what = if shared.is_cloud() {
            "accountId"
        } else {
            "username"
        };
        return Err(ApiError::bad_request(format!(
            "The '{what}' query parameter is required."
        )));
    };
    let person = find_person(&shared, reference).ok_or_else(|| {
        ApiError::not_found(format!(
            "The user with the identifier '{reference}' does not exist."
        ))
    })?;
    ok(&user_json(&shared, person))
}

/// Users whose name, login or email contains the query (case-insensitive).
async fn user_search(State(shared): State<Jira>, _caller: Caller, params: Params) -> Reply {
    let query = match shared.flavor {
        Flavor::Cloud => params.get("query").or_else(|| params.get("accountId")),
        Flavor::DataCenter => params.get("username").or_else(|| params.get("query")),
    };
    let Some(query) = query.map(str::to_lowercase) else {
        let what = if shared.is_cloud() {
            "query"
        } else {
            "username"
        };
        return Err(ApiError::bad_request(format!(
            "The '{what}' query parameter is required."
        )));
    };
    let (start, max) = super::params::page_bounds(&params, 50, 1000)?;
    // `username=.` is Data Center's idiom for "everyone".
    let everyone = query == "." && shared.flavor == Flavor::DataCenter;
    let found: Vec<Value> = (0..shared.people.len() as PersonIx)
        .filter(|&ix| {
            let p = shared.person(ix);
            let named = [&p.login, &p.email, &p.name_en, &p.name_ja]
                .iter()
                .any(|text| text.to_lowercase().contains(&query));
            everyone || named || shared.account_ids[ix as usize] == query
        })
        .skip(start)
        .take(max)
        .map(|ix| user_json(&shared, ix))
        .collect();
    ok(&Value::Array(found))
}
