//! Compact records (`gid`, `resource_type`, `name`): what lists answer by
//! default and what records embed for the records they point at.

use serde_json::{json, Value};

use super::store::{Gid, Store, Task};

/// What the `Compact` view of each resource keeps.
pub(crate) const NAMED: &[&str] = &["gid", "resource_type", "name"];
pub(crate) const TASK: &[&str] = &["gid", "resource_type", "name", "resource_subtype"];

pub(crate) fn gid(gid: Gid) -> Value {
    Value::String(gid.to_string())
}

fn named(kind: &str, gid: Gid, name: &str) -> Value {
    json!({ "gid": gid.to_string(), "resource_type": kind, "name": name })
}

/// A user, or `null` for a user that is gone.
pub(crate) fn user(store: &Store, gid: Gid) -> Value {
    store.user(gid).map_or(Value::Null, |user| {
        named("user", gid, user.person.display_name())
    })
}

pub(crate) fn optional_user(store: &Store, gid: Option<Gid>) -> Value {
    gid.map_or(Value::Null, |gid| user(store, gid))
}

pub(crate) fn workspace(store: &Store) -> Value {
    named("workspace", store.workspace.gid, &store.workspace.name)
}

pub(crate) fn project(store: &Store, gid: Gid) -> Value {
    store
        .projects
        .get(&gid)
        .map_or(Value::Null, |project| named("project", gid, &project.name))
}

pub(crate) fn section(store: &Store, gid: Gid) -> Value {
    store
        .sections
        .get(&gid)
        .map_or(Value::Null, |section| named("section", gid, &section.name))
}

pub(crate) fn task(task: &Task) -> Value {
    json!({ "gid": task.gid.to_string(), "resource_type": "task", "name": task.name, "resource_subtype": "default_task" })
}

pub(crate) fn optional_task(store: &Store, gid: Option<Gid>) -> Value {
    gid.and_then(|gid| store.tasks.get(&gid))
        .map_or(Value::Null, task)
}
