//! `memberChange` of `PUT /project/projects/{ids}` (seed 004):
//!
//! - `adds: [{partyId, partyType: "User", unitCost?}]`, or `user` (a user
//!   name) instead of `partyId` — with several users of that name the first
//!   is taken; no `unitCost` means the system default;
//! - `updates: [{ids: "<memberId,...>", unitCost?}]` — *member* ids;
//! - `removes: "<memberId,...>"`;
//! - `removeUsers: "<loginName or email,...>"`.
//!
//! The whole change is checked before anything is written: one unknown id
//! refuses the request and leaves the project as it was.

use jiff::Timestamp;
use serde_json::{Map, Value};

use super::reply::{self, ApiError};
use super::store::{Id, Member, Project, Store, User};

#[derive(Debug, Clone, PartialEq)]
enum Party {
    UserId(Id),
    UserName(String),
}

#[derive(Debug, Clone, PartialEq)]
struct Add {
    party: Party,
    unit_cost: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
struct Update {
    member_ids: Vec<Id>,
    unit_cost: Option<f64>,
}

/// A parsed, type-checked `memberChange`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberChange {
    adds: Vec<Add>,
    updates: Vec<Update>,
    removes: Vec<Id>,
    remove_users: Vec<String>,
}

/// Who does the change and when; written into the members' audit fields.
#[derive(Debug, Clone, Copy)]
pub struct Actor {
    pub user_id: Id,
    pub now: Timestamp,
}

impl MemberChange {
    pub fn parse(value: &Value) -> Result<Self, ApiError> {
        let Value::Object(map) = value else {
            return Err(ApiError::bad_request(
                "memberChange はオブジェクトで指定してください。",
            ));
        };
        reply::only_known_keys(map, &["adds", "updates", "removes", "removeUsers"])?;
        let adds = objects(map, "adds")?
            .into_iter()
            .map(parse_add)
            .collect::<Result<_, _>>()?;
        let updates = objects(map, "updates")?
            .into_iter()
            .map(parse_update)
            .collect::<Result<_, _>>()?;
        let removes = match reply::opt_str(map, "removes")? {
            Some(ids) if !ids.trim().is_empty() => reply::id_list(ids, "メンバー")?,
            _ => Vec::new(),
        };
        let remove_users = reply::opt_str(map, "removeUsers")?
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|user| !user.is_empty())
            .map(str::to_owned)
            .collect();
        Ok(Self {
            adds,
            updates,
            removes,
            remove_users,
        })
    }

    /// Applies the change to `project` (a copy the caller commits only on
    /// success) and returns the ids of the added members.
    pub fn apply(
        &self,
        store: &Store,
        project: &mut Project,
        actor: Actor,
        next_member_id: &mut Id,
    ) -> Result<Vec<Id>, ApiError> {
        let mut added = Vec::with_capacity(self.adds.len());
        let default_cost = store.settings.default_unit_cost;
        for add in &self.adds {
            let user = resolve_party(store, &add.party)?;
            if project.active_member(user.id).is_some() {
                return Err(ApiError::bad_request(format!(
                    "ユーザー '{}' は既にプロジェクトのメンバーです。",
                    user.name()
                )));
            }
            let id = *next_member_id;
            *next_member_id += 1;
            project.members.push(Member {
                id,
                user_id: user.id,
                unit_cost: add.unit_cost.unwrap_or(default_cost),
                is_deleted: false,
                created_at: actor.now,
                created_by: actor.user_id,
                updated_at: actor.now,
                updated_by: actor.user_id,
            });
            added.push(id);
        }
        for update in &self.updates {
            for member_id in &update.member_ids {
                let member = active_member_mut(project, *member_id)?;
                member.unit_cost = update.unit_cost.unwrap_or(default_cost);
                member.updated_at = actor.now;
                member.updated_by = actor.user_id;
            }
        }
        for member_id in &self.removes {
            remove(active_member_mut(project, *member_id)?, actor);
        }
        for wanted in &self.remove_users {
            let user = store
                .users
                .iter()
                .find(|user| {
                    user.person.login == *wanted || user.person.email.eq_ignore_ascii_case(wanted)
                })
                .ok_or_else(|| {
                    ApiError::bad_request(format!("ユーザー '{wanted}' が見つかりません。"))
                })?;
            let member = project
                .members
                .iter_mut()
                .find(|m| m.user_id == user.id && !m.is_deleted)
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "ユーザー '{wanted}' はプロジェクトのメンバーではありません。"
                    ))
                })?;
            remove(member, actor);
        }
        Ok(added)
    }
}

fn remove(member: &mut Member, actor: Actor) {
    member.is_deleted = true;
    member.updated_at = actor.now;
    member.updated_by = actor.user_id;
}

fn active_member_mut(project: &mut Project, member_id: Id) -> Result<&mut Member, ApiError> {
    let project_id = project.id;
    project.members.iter_mut().find(|m| m.id == member_id && !m.is_deleted).ok_or_else(|| {
        ApiError::bad_request(format!("メンバー ID '{member_id}' はプロジェクト '{project_id}' のメンバーではありません。"))
    })
}

fn resolve_party<'a>(store: &'a Store, party: &Party) -> Result<&'a User, ApiError> {
    match party {
        Party::UserId(id) => store.user(*id).ok_or_else(|| {
            ApiError::bad_request(format!("partyId '{id}' のユーザーが見つかりません。"))
        }),
        // The vendor takes the first user of that name.
        Party::UserName(name) => store
            .users
            .iter()
            .find(|user| user.name() == name || user.person.name_en == *name)
            .ok_or_else(|| {
                ApiError::bad_request(format!("ユーザー名 '{name}' のユーザーが見つかりません。"))
            }),
    }
}

fn objects<'a>(
    map: &'a Map<String, Value>,
    key: &str,
) -> Result<Vec<&'a Map<String, Value>>, ApiError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_object().ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "memberChange.{key} の要素はオブジェクトで指定してください。"
                    ))
                })
            })
            .collect(),
        Some(_) => Err(ApiError::bad_request(format!(
            "memberChange.{key} は配列で指定してください。"
        ))),
    }
}

fn unit_cost(map: &Map<String, Value>) -> Result<Option<f64>, ApiError> {
    match reply::opt_number(map, "unitCost")? {
        Some(cost) if cost < 0.0 => Err(ApiError::bad_request(
            "unitCost は 0 以上で指定してください。",
        )),
        cost => Ok(cost),
    }
}

fn parse_add(map: &Map<String, Value>) -> Result<Add, ApiError> {
    match reply::opt_str(map, "partyType")? {
        Some("User") => {}
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "partyType '{other}' には対応していません。\"User\" を指定してください。"
            )))
        }
        None => {
            return Err(ApiError::bad_request(
                "memberChange.adds の partyType は必須です。",
            ))
        }
    }
    let party = match (
        reply::opt_str(map, "partyId")?,
        reply::opt_str(map, "user")?,
    ) {
        (Some(id), _) => Party::UserId(id.trim().parse().map_err(|_| {
            ApiError::bad_request(format!("partyId '{id}' のユーザーが見つかりません。"))
        })?),
        (None, Some(name)) if !name.trim().is_empty() => Party::UserName(name.trim().to_owned()),
        _ => {
            return Err(ApiError::bad_request(
                "memberChange.adds には partyId または user を指定してください。",
            ))
        }
    };
    Ok(Add {
        party,
        unit_cost: unit_cost(map)?,
    })
}

fn parse_update(map: &Map<String, Value>) -> Result<Update, ApiError> {
    let Some(ids) = reply::opt_str(map, "ids")? else {
        return Err(ApiError::bad_request(
            "memberChange.updates の ids は必須です。",
        ));
    };
    Ok(Update {
        member_ids: reply::id_list(ids, "メンバー")?,
        unit_cost: unit_cost(map)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ttnx::seed;
    use crate::Seed;
    use serde_json::json;

    fn actor() -> Actor {
        Actor {
            user_id: 1,
            now: Timestamp::now(),
        }
    }

    #[test]
    fn a_user_name_shared_by_several_users_adds_the_first() {
        let mut store = seed::build(Seed::Demo);
        // A second 鈴木 一郎 (a namesake in another department).
        let mut namesake = store.users[2].clone();
        namesake.id = store.users.len() as Id + 1;
        namesake.person.login = "suzuki.ichiro2".into();
        store.users.push(namesake);
        let project_id = *store
            .projects
            .keys()
            .find(|id| store.projects[id].code == "INT")
            .unwrap();
        let mut project = store.projects[&project_id].clone();
        let change =
            MemberChange::parse(&json!({ "adds": [{ "user": "鈴木 一郎", "partyType": "User" }] }))
                .unwrap();
        let mut next = store.next_member_id;
        let added = change
            .apply(&store, &mut project, actor(), &mut next)
            .unwrap();
        let member = project.members.iter().find(|m| m.id == added[0]).unwrap();
        assert_eq!(member.user_id, 3, "the first of the two");
        assert_eq!(member.unit_cost, store.settings.default_unit_cost);
    }

    #[test]
    fn removing_twice_in_one_change_is_refused() {
        let store = seed::build(Seed::Demo);
        let project = store.projects.values().find(|p| p.code == "WEB").unwrap();
        let member = project.members[0].id;
        let change =
            MemberChange::parse(&json!({ "removes": format!("{member},{member}") })).unwrap();
        let mut copy = project.clone();
        let mut next = store.next_member_id;
        assert!(change.apply(&store, &mut copy, actor(), &mut next).is_err());
    }
}
