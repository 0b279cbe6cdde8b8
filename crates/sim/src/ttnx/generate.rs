//! `POST /__sim/ttnx/users`: adds generated users, optionally as members
//! of one project — the 1,000-member project of the members benchmark
//! (`crates/core/benches/members.rs`) without a seed of its own.
//!
//! Body: `{"count": N, "project": "CODE"|null, "unitCost": N|null}`.
//! `count` 1–10,000; users are `gen00013` (`gen00013@example.com`, "Generated
//! 00013", numbered by user id), members, in organisation "Generated";
//! `project` (a code) makes them its members at `unitCost` (default: the
//! system default). Answers `{"created": N, "users": [{"id", "login"}]}`.
//! `/__sim/reset` removes them with the rest of the data.

use jiff::Timestamp;
use serde_json::{json, Map, Value};

use super::store::{Id, Member, Organization, Store, User};
use crate::people::{Person, Role};

/// Most users one call adds: enough for any benchmark, bounded so a typo
/// cannot exhaust memory.
pub const MAX_GENERATED: u64 = 10_000;

const ORGANIZATION: &str = "Generated";

/// Adds the users `body` asks for; the error says what to send instead.
pub fn generate(store: &mut Store, body: &Map<String, Value>) -> Result<Value, String> {
    for key in body.keys() {
        if !matches!(key.as_str(), "count" | "project" | "unitCost") {
            return Err(format!(
                "unknown field {key:?}: send count, project and unitCost"
            ));
        }
    }
    let count = body
        .get("count")
        .and_then(Value::as_u64)
        .filter(|count| (1..=MAX_GENERATED).contains(count))
        .ok_or_else(|| format!("count must be a number from 1 to {MAX_GENERATED}"))?;
    let project = match body.get("project") {
        None | Some(Value::Null) => None,
        Some(Value::String(code)) => Some(
            store
                .projects
                .values()
                .find(|p| p.code == *code)
                .map(|p| p.id)
                .ok_or_else(|| format!("no project has the code {code:?}"))?,
        ),
        Some(_) => return Err("project must be a project code or null".into()),
    };
    let unit_cost = match body.get("unitCost") {
        None | Some(Value::Null) => store.settings.default_unit_cost,
        Some(value) => value
            .as_f64()
            .filter(|cost| *cost >= 0.0)
            .ok_or("unitCost must be a number of at least 0")?,
    };
    let now = Timestamp::now();
    let organization_id = organization(store, now);
    let mut created = Vec::new();
    for _ in 0..count {
        // Users are stored at index id - 1 (see `Store::user`).
        let id = store.users.len() as Id + 1;
        let login = format!("gen{id:05}");
        let name = format!("Generated {id:05}");
        store.users.push(User {
            id,
            person: Person {
                number: id as u32,
                email: format!("{login}@example.com"),
                login: login.clone(),
                name_en: name.clone(),
                name_ja: name,
                time_zone: "Asia/Tokyo",
                organization: ORGANIZATION,
                role: Role::Member,
            },
            unit_cost: 0.0,
            organization_id,
            created_at: now,
            local_authentication: true,
        });
        if let Some(project) = project {
            let member_id = store.take_member_id();
            if let Some(project) = store.projects.get_mut(&project) {
                project.members.push(Member {
                    id: member_id,
                    user_id: id,
                    unit_cost,
                    is_deleted: false,
                    created_at: now,
                    created_by: 1,
                    updated_at: now,
                    updated_by: 1,
                });
            }
        }
        created.push(json!({ "id": id.to_string(), "login": login }));
    }
    Ok(json!({ "created": count, "users": created }))
}

fn organization(store: &mut Store, now: Timestamp) -> Id {
    if let Some(org) = store.organizations.iter().find(|o| o.name == ORGANIZATION) {
        return org.id;
    }
    let id = store.organizations.iter().map(|o| o.id).max().unwrap_or(0) + 1;
    store.organizations.push(Organization {
        id,
        name: ORGANIZATION.to_owned(),
        created_at: now,
    });
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ttnx::seed;
    use crate::Seed;

    fn body(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn generated_users_are_numbered_on_and_join_the_project_asked_for() {
        let mut store = seed::build(Seed::Demo);
        let users = store.users.len();
        let int = store
            .projects
            .values()
            .find(|p| p.code == "INT")
            .unwrap()
            .id;
        let members = store.projects[&int].members.len();
        let answer = generate(
            &mut store,
            &body(json!({ "count": 3, "project": "INT", "unitCost": 4200 })),
        )
        .unwrap();
        assert_eq!(answer["created"], 3);
        assert_eq!(store.users.len(), users + 3);
        let last = store.users.last().unwrap();
        assert_eq!(store.user(last.id).unwrap().person.login, last.person.login);
        assert_eq!(answer["users"][2]["login"], last.person.login.as_str());
        let project = &store.projects[&int];
        assert_eq!(project.members.len(), members + 3);
        assert_eq!(project.active_member(last.id).unwrap().unit_cost, 4200.0);
        // Without a project: users only, in the same organisation.
        generate(&mut store, &body(json!({ "count": 1 }))).unwrap();
        assert_eq!(store.projects[&int].members.len(), members + 3);
        let orgs = store
            .organizations
            .iter()
            .filter(|o| o.name == ORGANIZATION)
            .count();
        assert_eq!(orgs, 1);
    }

    #[test]
    fn bad_bodies_say_what_to_send() {
        let mut store = seed::build(Seed::Demo);
        for (value, says) in [
            (json!({ "count": 0 }), "count"),
            (json!({ "count": 10_001 }), "count"),
            (json!({ "count": 1, "project": "NOPE" }), "NOPE"),
            (json!({ "count": 1, "unitCost": -1 }), "unitCost"),
            (json!({ "count": 1, "colour": "red" }), "colour"),
        ] {
            let err = generate(&mut store, &body(value)).unwrap_err();
            assert!(err.contains(says), "{err}");
        }
    }
}
