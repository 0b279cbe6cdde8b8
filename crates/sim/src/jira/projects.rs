//! Projects (list, search, read) and their roles with actors (list, read,
//! add actors, remove an actor). Changing role actors needs project
//! administration.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::access::{browse, find_project};
use super::auth::Caller;
use super::catalog::{IssueType, Permission, ProjectRole, GROUPS};
use super::errors::{no_content, ok, ApiError, Reply};
use super::issue_json::{issue_type_json, project_avatars};
use super::params::{json_object, linked_page, only_known, opt_str_list, page_bounds, Params};
use super::state::{Jira, Shared};
use super::store::{take, Actor, ActorKind, Project, Store};
use super::users::{find_person, user_json};
use super::versions::version_json;
use super::Flavor;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    let api = flavor.api();
    Router::new()
        .route(&format!("{api}/project"), get(list))
        .route(&format!("{api}/project/search"), get(search))
        .route(&format!("{api}/project/{{key}}"), get(read))
        .route(&format!("{api}/project/{{key}}/role"), get(roles))
        .route(
            &format!("{api}/project/{{key}}/role/{{id}}"),
            get(role).post(add_actors).delete(remove_actor),
        )
}

/// The short project shape of lists.
fn project_summary(shared: &Shared, project: &Project) -> Value {
    let mut value = json!({
        "expand": "description,lead,issueTypes,url,projectKeys,permissions,insight",
        "self": shared.api_url(&format!("/project/{}", project.id)),
        "id": project.id.to_string(),
        "key": project.key,
        "name": project.name.as_str(),
        "avatarUrls": project_avatars(shared, project.id),
        "projectTypeKey": "software",
    });
    match shared.flavor {
        Flavor::Cloud => {
            value["simplified"] = json!(false);
            value["style"] = json!("classic");
            value["isPrivate"] = json!(false);
            value["properties"] = json!({});
        }
        Flavor::DataCenter => value["archived"] = json!(false),
    }
    value
}

fn project_detail(shared: &Shared, store: &Store, index: usize) -> Value {
    let project = &store.projects[index];
    let mut value = project_summary(shared, project);
    let roles: Map<String, Value> = ProjectRole::ALL
        .iter()
        .map(|r| (r.name().to_owned(), json!(role_url(shared, project, *r))))
        .collect();
    let object = value.as_object_mut().expect("a project is an object");
    object.insert("description".into(), json!(project.description.as_str()));
    object.insert("lead".into(), user_json(shared, project.lead));
    object.insert("components".into(), json!([]));
    object.insert(
        "issueTypes".into(),
        Value::Array(
            IssueType::ALL
                .iter()
                .map(|t| issue_type_json(shared, *t))
                .collect(),
        ),
    );
    object.insert("assigneeType".into(), json!("UNASSIGNED"));
    object.insert(
        "versions".into(),
        Value::Array(
            store
                .versions
                .iter()
                .filter(|v| v.project == index)
                .map(|v| version_json(shared, store, v))
                .collect(),
        ),
    );
    object.insert("roles".into(), Value::Object(roles));
    value
}

fn role_url(shared: &Shared, project: &Project, role: ProjectRole) -> String {
    shared.api_url(&format!("/project/{}/role/{}", project.id, role.id()))
}

async fn list(State(shared): State<Jira>, caller: Caller) -> Reply {
    let store = browse(&shared, &caller)?;
    ok(&Value::Array(
        store
            .projects
            .iter()
            .map(|p| project_summary(&shared, p))
            .collect(),
    ))
}

/// Cloud's paged project search: `query` matches key or name, `keys` picks.
async fn search(State(shared): State<Jira>, caller: Caller, params: Params) -> Reply {
    let store = browse(&shared, &caller)?;
    let (start, max) = page_bounds(&params, 50, 100)?;
    let query = params.get("query").map(str::to_lowercase);
    let keys = params.list("keys");
    let mut matching: Vec<&Project> = store
        .projects
        .iter()
        .filter(|p| {
            query.as_ref().is_none_or(|q| {
                p.key.to_lowercase().contains(q) || p.name.as_str().to_lowercase().contains(q)
            })
        })
        .filter(|p| {
            keys.as_ref()
                .is_none_or(|k| k.iter().any(|k| k.eq_ignore_ascii_case(&p.key)))
        })
        .collect();
    match params.get("orderBy").unwrap_or("key") {
        "key" | "+key" => matching.sort_by(|a, b| a.key.cmp(&b.key)),
        "-key" => matching.sort_by(|a, b| b.key.cmp(&a.key)),
        "name" | "+name" => matching.sort_by(|a, b| a.name.as_str().cmp(&b.name.as_str())),
        "-name" => matching.sort_by(|a, b| b.name.as_str().cmp(&a.name.as_str())),
        other => {
            return Err(ApiError::bad_request(format!(
                "Cannot order projects by '{other}'."
            )))
        }
    }
    let values: Vec<Value> = matching
        .iter()
        .skip(start)
        .take(max)
        .map(|p| project_summary(&shared, p))
        .collect();
    let total = matching.len();
    ok(&linked_page(
        &shared,
        "/project/search",
        start,
        max,
        total,
        values,
    ))
}

async fn read(State(shared): State<Jira>, caller: Caller, Path(key): Path<String>) -> Reply {
    let store = browse(&shared, &caller)?;
    let index = find_project(&store, &key)?;
    ok(&project_detail(&shared, &store, index))
}

async fn roles(State(shared): State<Jira>, caller: Caller, Path(key): Path<String>) -> Reply {
    let store = browse(&shared, &caller)?;
    let project = &store.projects[find_project(&store, &key)?];
    let roles: Map<String, Value> = ProjectRole::ALL
        .iter()
        .map(|r| (r.name().to_owned(), json!(role_url(&shared, project, *r))))
        .collect();
    ok(&Value::Object(roles))
}

/// A stable group id for Cloud, derived from the group name.
fn group_id(name: &str) -> String {
    let digest = Sha256::digest(format!("kakehashi-sim-group:{name}"));
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn actor_json(shared: &Shared, actor: &Actor) -> Value {
    match (actor.kind, shared.flavor) {
        (ActorKind::User(person), Flavor::Cloud) => json!({
            "id": actor.id,
            "displayName": shared.person(person).display_name(),
            "type": "atlassian-user-role-actor",
            "actorUser": { "accountId": shared.account_ids[person as usize] },
        }),
        (ActorKind::User(person), Flavor::DataCenter) => json!({
            "id": actor.id,
            "displayName": shared.person(person).display_name(),
            "type": "atlassian-user-role-actor",
            "name": shared.person(person).login,
            "avatarUrl": user_json(shared, person)["avatarUrls"]["16x16"],
        }),
        (ActorKind::Group(group), Flavor::Cloud) => json!({
            "id": actor.id,
            "displayName": group,
            "type": "atlassian-group-role-actor",
            "name": group,
            "actorGroup": { "name": group, "displayName": group, "groupId": group_id(group) },
        }),
        (ActorKind::Group(group), Flavor::DataCenter) => json!({
            "id": actor.id,
            "displayName": group,
            "type": "atlassian-group-role-actor",
            "name": group,
            "avatarUrl": shared.url("/images/icons/avatars/group.png"),
        }),
    }
}

fn role_json(shared: &Shared, project: &Project, role: ProjectRole) -> Value {
    json!({
        "self": role_url(shared, project, role),
        "name": role.name(),
        "id": role.id(),
        "description": role.description(),
        "actors": project.actors(role).iter().map(|a| actor_json(shared, a)).collect::<Vec<_>>(),
    })
}

fn find_role(id: &str) -> Result<ProjectRole, ApiError> {
    id.parse::<u64>()
        .ok()
        .and_then(ProjectRole::by_id)
        .ok_or_else(|| {
            ApiError::not_found(format!("The project role with id '{id}' does not exist."))
        })
}

async fn role(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, id)): Path<(String, String)>,
) -> Reply {
    let store = browse(&shared, &caller)?;
    let project = &store.projects[find_project(&store, &key)?];
    ok(&role_json(&shared, project, find_role(&id)?))
}

/// A group by name, or by Cloud group id.
fn find_group(reference: &str) -> Option<&'static str> {
    GROUPS
        .into_iter()
        .find(|g| *g == reference || group_id(g) == reference)
}

async fn add_actors(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, id)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    {
        let store = shared.read();
        find_project(&store, &key)?;
        find_role(&id)?;
    }
    caller.require(&shared, Permission::AdministerProjects)?;
    let object = json_object(&body)?;
    if shared.is_cloud() {
        only_known(&object, &["user", "group", "groupId"])?;
    }
    let users = opt_str_list(&object, "user")?.unwrap_or_default();
    let groups: Vec<String> = opt_str_list(&object, "group")?
        .unwrap_or_default()
        .into_iter()
        .chain(opt_str_list(&object, "groupId")?.unwrap_or_default())
        .collect();
    let mut wanted = Vec::new();
    for user in &users {
        let person = find_person(&shared, user)
            .ok_or_else(|| ApiError::bad_request(format!("The user '{user}' does not exist.")))?;
        wanted.push(ActorKind::User(person));
    }
    for group in &groups {
        let group = find_group(group)
            .ok_or_else(|| ApiError::bad_request(format!("The group '{group}' does not exist.")))?;
        wanted.push(ActorKind::Group(group));
    }
    if wanted.is_empty() {
        return Err(ApiError::bad_request(
            "Name at least one actor in 'user' or 'group'.",
        ));
    }
    let mut store = shared.write();
    let index = find_project(&store, &key)?;
    let role = find_role(&id)?;
    for kind in &wanted {
        if store.projects[index]
            .actors(role)
            .iter()
            .any(|a| a.kind == *kind)
        {
            let name = match kind {
                ActorKind::User(p) => shared.person(*p).display_name().to_owned(),
                ActorKind::Group(g) => (*g).to_owned(),
            };
            return Err(ApiError::bad_request(format!(
                "'{name}' is already a member of the project role."
            )));
        }
    }
    for kind in wanted {
        let id = take(&mut store.ids.actor);
        store.projects[index].roles[role.index()].push(Actor { id, kind });
    }
    ok(&role_json(&shared, &store.projects[index], role))
}

async fn remove_actor(
    State(shared): State<Jira>,
    caller: Caller,
    Path((key, id)): Path<(String, String)>,
    params: Params,
) -> Reply {
    let kind =
        match (
            params.get("user"),
            params.get("group").or_else(|| params.get("groupId")),
        ) {
            (Some(user), _) => ActorKind::User(find_person(&shared, user).ok_or_else(|| {
                ApiError::not_found(format!("The user '{user}' does not exist."))
            })?),
            (None, Some(group)) => ActorKind::Group(find_group(group).ok_or_else(|| {
                ApiError::not_found(format!("The group '{group}' does not exist."))
            })?),
            (None, None) => {
                return Err(ApiError::bad_request(
                    "Name the actor to remove with 'user' or 'group'.",
                ))
            }
        };
    let mut store = shared.write();
    let index = find_project(&store, &key)?;
    let role = find_role(&id)?;
    caller.require(&shared, Permission::AdministerProjects)?;
    let actors = &mut store.projects[index].roles[role.index()];
    let before = actors.len();
    actors.retain(|a| a.kind != kind);
    if actors.len() == before {
        return Err(ApiError::not_found(
            "The actor is not a member of this project role.",
        ));
    }
    no_content()
}
