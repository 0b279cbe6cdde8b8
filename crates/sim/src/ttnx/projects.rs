//! `/project/projects`: list, get by ids (an array, with `includes=Members`)
//! and the partial update `PUT /project/projects/{ids}` with `memberChange`.
//!
//! A project's own fields are those of the contract's `getProject.json`
//! (which forbids any other) plus `description`, as on the vendor's help
//! page (seed 004); `members` appear only with `includes=Members`, in the
//! shape of that page, which the contract does not describe. The simulator
//! has no user groups or work calendars, so `includes=UserGroups` and
//! `WorkCalendar` are accepted and add nothing.
//! Administrators see every project, other users the projects they belong to.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use jiff::Timestamp;
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::members::{Actor, MemberChange};
use super::reply::{self, contains_ci, ApiError, Paging, Params, ParamsQuery, Reply};
use super::store::{Id, Member, Project, Shared, Store, User};
use super::times::{format_utc, parse_local};
use super::users::caller_user;

/// Which dependent objects `includes` asks for.
#[derive(Debug, Clone, Copy, Default)]
struct Includes {
    members: bool,
}

impl Includes {
    fn from_params(params: &Params) -> Result<Self, ApiError> {
        let mut includes = Includes::default();
        for part in params
            .get("includes")
            .map(String::as_str)
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
        {
            match part {
                "" | "UserGroups" | "WorkCalendar" => {}
                "Members" => includes.members = true,
                other => {
                    return Err(ApiError::bad_request(format!(
                        "includes '{other}' は指定できません。UserGroups、Members、WorkCalendar のいずれかを指定してください。"
                    )))
                }
            }
        }
        Ok(includes)
    }
}

fn project_json(store: &Store, project: &Project, includes: Includes) -> Value {
    let root = store.items.get(&project.id);
    let audit =
        |pick: fn(&super::store::WorkItem) -> Timestamp| root.map(|item| format_utc(pick(item)));
    let manager = store.user(project.manager_id);
    let mut body = json!({
        "id": project.id.to_string(),
        "name": store.project_name(project.id),
        "code": project.code,
        "description": project.description,
        "managerId": project.manager_id.to_string(),
        "managerName": manager.map_or("", User::name),
        "organizationId": project.organization_id.to_string(),
        "organizationName": store.organization_name(project.organization_id),
        "isFinished": project.is_finished,
        "standardUnitCost": project.standard_unit_cost,
        "createdAt": audit(|item| item.created_at),
        "updatedAt": audit(|item| item.updated_at),
    });
    if includes.members {
        let members: Vec<Value> = project
            .members
            .iter()
            .filter(|m| !m.is_deleted)
            .map(|member| member_json(store, project, member))
            .collect();
        body["members"] = Value::Array(members);
    }
    body
}

/// A project member: `partyId` is the user id, `id` the member id.
fn member_json(store: &Store, project: &Project, member: &Member) -> Value {
    let user = store.user(member.user_id);
    json!({
        "partyId": member.user_id.to_string(),
        "name": user.map_or("", User::name),
        "englishName": user.map_or("", User::english_name),
        "partyType": "User",
        "id": member.id.to_string(),
        "projectId": project.id.to_string(),
        "projectUserGroupIds": null,
        "unitCost": member.unit_cost,
        "isDeleted": member.is_deleted,
        "organizationId": user.map(|u| u.organization_id.to_string()),
        "organizationName": user.map_or("", |u| store.organization_name(u.organization_id)),
        "avatarUrl": null,
        "createdAt": format_utc(member.created_at),
        "createdBy": member.created_by.to_string(),
        "updatedAt": format_utc(member.updated_at),
        "updatedBy": member.updated_by.to_string(),
    })
}

/// `GET /project/projects?name&code&organizationIds&managerIds&isManager&isFinished&includes&limit&offset`
pub async fn list(State(shared): State<Arc<Shared>>, caller: Caller, query: ParamsQuery) -> Reply {
    let params = reply::params(query)?;
    let paging = Paging::from_params(&params)?;
    let includes = Includes::from_params(&params)?;
    let is_finished = reply::bool_param(&params, "isFinished")?;
    let is_manager = reply::bool_param(&params, "isManager")?.unwrap_or(false);
    let ids = |key: &str| -> Result<Option<Vec<Id>>, ApiError> {
        match params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            Some(list) => reply::id_list(list, key).map(Some),
            None => Ok(None),
        }
    };
    let (organizations, managers) = (ids("organizationIds")?, ids("managerIds")?);
    let text = |key: &str| params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let (name, code) = (text("name"), text("code"));
    let store = shared.read();
    let me = caller_user(&store, &caller)?;
    let found: Vec<&Project> = store
        .projects
        .values()
        .filter(|p| store.can_browse(me, p.id))
        .filter(|p| name.is_none_or(|name| contains_ci(store.project_name(p.id), name)))
        .filter(|p| code.is_none_or(|code| contains_ci(&p.code, code)))
        .filter(|p| is_finished.is_none_or(|finished| p.is_finished == finished))
        .filter(|p| !is_manager || p.manager_id == me.id)
        .filter(|p| {
            organizations
                .as_ref()
                .is_none_or(|ids| ids.contains(&p.organization_id))
        })
        .filter(|p| {
            managers
                .as_ref()
                .is_none_or(|ids| ids.contains(&p.manager_id))
        })
        .collect();
    reply::ok(&paging.page(&found, |project| project_json(&store, project, includes)))
}

/// `GET /project/projects/{ids}?includes=Members` — an array; 404 only when
/// none of the ids is a project the caller may see.
pub async fn by_ids(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(ids): Path<String>,
    query: ParamsQuery,
) -> Reply {
    let ids = reply::id_list(&ids, "プロジェクト")?;
    let includes = Includes::from_params(&reply::params(query)?)?;
    let store = shared.read();
    let me = caller_user(&store, &caller)?;
    let found: Vec<Value> = ids
        .iter()
        .filter(|id| store.can_browse(me, **id))
        .filter_map(|id| store.projects.get(id))
        .map(|project| project_json(&store, project, includes))
        .collect();
    reply::found_by_ids(found, "プロジェクト")
}

const PUT_KEYS: &[&str] = &[
    "name",
    "code",
    "description",
    "managerId",
    "manager",
    "organizationId",
    "organization",
    "userGroupChange",
    "memberChange",
    "forceUnlock",
    "plannedStartDate",
    "plannedFinishDate",
    "standardUnitCost",
    "isFinished",
    "projectCategories",
    "allowEditingItemsWithBrowsePermission",
    "recordTransitionData",
];

/// `PUT /project/projects/{ids}`: a partial update of every listed project.
/// Needs Manage Project. All listed projects must exist, and every part of
/// the request must be valid for each of them, or nothing changes.
pub async fn update(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(ids): Path<String>,
    body: Bytes,
) -> Reply {
    {
        let store = shared.read();
        if !caller_user(&store, &caller)?.can_manage_projects() {
            return Err(ApiError::forbidden(
                "プロジェクトを管理する権限がありません。",
            ));
        }
    }
    let ids = reply::id_list(&ids, "プロジェクト")?;
    let map = reply::json_object(&body)?;
    reply::only_known_keys(&map, PUT_KEYS)?;
    if map.get("userGroupChange").is_some_and(|v| !v.is_null()) {
        return Err(ApiError::bad_request(
            "userGroupChange: このサーバーにはユーザーグループがありません。",
        ));
    }
    let member_change = map
        .get("memberChange")
        .filter(|v| !v.is_null())
        .map(MemberChange::parse)
        .transpose()?;
    let now = Timestamp::now();
    let actor = Actor {
        user_id: caller.user_id,
        now,
    };

    let mut store = shared.write();
    let changes = ProjectFields::parse(&store, &map)?;
    if ids.len() > 1 && changes.code.as_deref().is_some_and(|code| !code.is_empty()) {
        return Err(ApiError::bad_request(
            "プロジェクトコードは複数のプロジェクトに同時に設定できません。",
        ));
    }
    if let Some(missing) = ids.iter().find(|id| !store.projects.contains_key(id)) {
        return Err(ApiError::not_found(format!(
            "プロジェクト '{missing}' が見つかりません。"
        )));
    }
    let mut next_member_id = store.next_member_id;
    let mut updated = Vec::with_capacity(ids.len());
    let mut answer = Vec::with_capacity(ids.len());
    for id in &ids {
        let mut project = store.projects.get(id).cloned().ok_or_else(|| {
            ApiError::not_found(format!("プロジェクト '{id}' が見つかりません。"))
        })?;
        changes.apply_to(&store, &mut project)?;
        let added = match &member_change {
            Some(change) => change.apply(&store, &mut project, actor, &mut next_member_id)?,
            None => Vec::new(),
        };
        answer.push(json!({
            "id": id.to_string(),
            "addedMemberIds": added.iter().map(Id::to_string).collect::<Vec<_>>(),
            "addedUserGroupIds": [],
        }));
        updated.push(project);
    }
    // Everything checked: commit.
    store.next_member_id = next_member_id;
    for project in updated {
        let id = project.id;
        if let Some(root) = store.items.get_mut(&id) {
            if let Some(name) = &changes.name {
                root.name.clone_from(name);
            }
            if let Some(start) = changes.planned_start {
                root.planned_start = Some(start);
            }
            if let Some(finish) = changes.planned_finish {
                root.planned_finish = Some(finish);
            }
            root.updated_at = now;
            root.updated_by = caller.user_id;
        }
        store.projects.insert(id, project);
    }
    reply::ok(&Value::Array(answer))
}

/// A manager or organization given by id (`managerId`) or by name
/// (`manager`); the id wins when both come. `what` names the kind in the
/// 400 when nothing matches (`named` gets the name trimmed).
fn by_id_or_name(
    map: &Map<String, Value>,
    (id_key, name_key): (&str, &str),
    what: &str,
    exists: impl Fn(Id) -> bool,
    named: impl Fn(&str) -> Option<Id>,
) -> Result<Option<Id>, ApiError> {
    match (reply::opt_str(map, id_key)?, reply::opt_str(map, name_key)?) {
        (Some(id), _) => id
            .trim()
            .parse()
            .ok()
            .filter(|id| exists(*id))
            .map(Some)
            .ok_or_else(|| {
                ApiError::bad_request(format!("{id_key} '{id}' の{what}が見つかりません。"))
            }),
        (None, Some(name)) => named(name.trim()).map(Some).ok_or_else(|| {
            ApiError::bad_request(format!("{name_key} '{name}' の{what}が見つかりません。"))
        }),
        (None, None) => Ok(None),
    }
}

/// The plain fields of a project update, checked once for all projects.
#[derive(Debug, Default)]
struct ProjectFields {
    name: Option<String>,
    code: Option<String>,
    description: Option<String>,
    manager_id: Option<Id>,
    organization_id: Option<Id>,
    planned_start: Option<jiff::civil::DateTime>,
    planned_finish: Option<jiff::civil::DateTime>,
    standard_unit_cost: Option<f64>,
    is_finished: Option<bool>,
    categories: Option<BTreeMap<String, String>>,
    allow_editing: Option<bool>,
    record_transition: Option<bool>,
}

impl ProjectFields {
    fn parse(store: &Store, map: &Map<String, Value>) -> Result<Self, ApiError> {
        reply::opt_bool(map, "forceUnlock")?;
        let name = reply::opt_str(map, "name")?
            .map(str::trim)
            .map(str::to_owned);
        if name.as_deref() == Some("") {
            return Err(ApiError::bad_request("プロジェクト名を入力してください。"));
        }
        let manager_id = by_id_or_name(
            map,
            ("managerId", "manager"),
            "ユーザー",
            |id| store.user(id).is_some(),
            |name| {
                store
                    .users
                    .iter()
                    .find(|user| user.name() == name)
                    .map(|user| user.id)
            },
        )?;
        let organization_id = by_id_or_name(
            map,
            ("organizationId", "organization"),
            "組織",
            |id| store.organization(id).is_some(),
            |name| {
                store
                    .organizations
                    .iter()
                    .find(|org| org.name == name)
                    .map(|org| org.id)
            },
        )?;
        let date = |key: &str| -> Result<Option<jiff::civil::DateTime>, ApiError> {
            reply::opt_str(map, key)?
                .map(|text| {
                    parse_local(text).ok_or_else(|| {
                        ApiError::bad_request(format!("{key} の日時 '{text}' が正しくありません。"))
                    })
                })
                .transpose()
        };
        let standard_unit_cost = reply::opt_number(map, "standardUnitCost")?;
        if standard_unit_cost.is_some_and(|cost| cost < 0.0) {
            return Err(ApiError::bad_request(
                "standardUnitCost は 0 以上で指定してください。",
            ));
        }
        let categories = match map.get("projectCategories") {
            None | Some(Value::Null) => None,
            Some(Value::Object(values)) => Some(
                values
                    .iter()
                    .map(|(key, value)| match value {
                        Value::String(text) => Ok((key.clone(), text.clone())),
                        _ => Err(ApiError::bad_request(format!(
                            "projectCategories の '{key}' は文字列で指定してください。"
                        ))),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            Some(_) => {
                return Err(ApiError::bad_request(
                    "projectCategories はオブジェクトで指定してください。",
                ))
            }
        };
        Ok(Self {
            name,
            code: reply::opt_str(map, "code")?.map(|code| code.trim().to_owned()),
            description: reply::opt_str(map, "description")?.map(str::to_owned),
            manager_id,
            organization_id,
            planned_start: date("plannedStartDate")?,
            planned_finish: date("plannedFinishDate")?,
            standard_unit_cost,
            is_finished: reply::opt_bool(map, "isFinished")?,
            categories,
            allow_editing: reply::opt_bool(map, "allowEditingItemsWithBrowsePermission")?,
            record_transition: reply::opt_bool(map, "recordTransitionData")?,
        })
    }

    fn apply_to(&self, store: &Store, project: &mut Project) -> Result<(), ApiError> {
        if let Some(code) = &self.code {
            let taken = store
                .projects
                .values()
                .any(|other| other.id != project.id && !code.is_empty() && other.code == *code);
            if taken {
                return Err(ApiError::bad_request(format!(
                    "プロジェクトコード '{code}' は既に使われています。"
                )));
            }
            project.code.clone_from(code);
        }
        let root = store.items.get(&project.id);
        let start = self
            .planned_start
            .or(root.and_then(|item| item.planned_start));
        let finish = self
            .planned_finish
            .or(root.and_then(|item| item.planned_finish));
        if let (Some(start), Some(finish)) = (start, finish) {
            if start > finish {
                return Err(ApiError::bad_request(
                    "プロジェクトの終了日は開始日以降の日付を指定してください。",
                ));
            }
        }
        if let Some(description) = &self.description {
            project.description.clone_from(description);
        }
        if let Some(manager_id) = self.manager_id {
            project.manager_id = manager_id;
        }
        if let Some(organization_id) = self.organization_id {
            project.organization_id = organization_id;
        }
        if let Some(cost) = self.standard_unit_cost {
            project.standard_unit_cost = cost;
        }
        if let Some(finished) = self.is_finished {
            project.is_finished = finished;
        }
        if let Some(categories) = &self.categories {
            project.categories.clone_from(categories);
        }
        if let Some(flag) = self.allow_editing {
            project.allow_editing_with_browse_permission = flag;
        }
        if let Some(flag) = self.record_transition {
            project.record_transition_data = flag;
        }
        Ok(())
    }
}
