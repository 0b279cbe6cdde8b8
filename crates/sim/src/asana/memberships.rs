//! A task's place in projects and sections, the events a move makes, and
//! who sees a task's events.
//!
//! Kakehashi's rules fire on "task enters section X", which it sees as an
//! `added` event whose `parent` is the section. Moving a task does not
//! change its `modified_at` (Asana: "moving to a new container" does not).

use jiff::Timestamp;

use super::events::{Action, Change, Named};
use super::store::{Gid, Membership, Store};

/// The projects and tasks whose event subscriptions see a change to `task`.
pub(crate) fn audience(store: &Store, task: Gid) -> Vec<Gid> {
    let Some(record) = store.tasks.get(&task) else {
        return vec![task];
    };
    let mut audience: Vec<Gid> = record.memberships.iter().map(|m| m.project).collect();
    audience.push(task);
    audience.extend(record.parent);
    audience
}

/// After properties of `task` were written: stamps its `modified_at` with
/// `at` and records one `changed` event per change, named as the task is
/// now. No changes (or no such task) leave it untouched.
pub(crate) fn record_changes(
    store: &mut Store,
    task: Gid,
    user: Gid,
    at: Timestamp,
    changes: impl IntoIterator<Item = Change>,
) {
    let mut changes = changes.into_iter().peekable();
    if changes.peek().is_none() {
        return;
    }
    let audience = audience(store, task);
    let Some(record) = store.tasks.get_mut(&task) else {
        return;
    };
    record.modified_at = at;
    let named = Named::task(record);
    for change in changes {
        store.events.record(
            Action::Changed,
            named.clone(),
            None,
            user,
            Some(change),
            audience.clone(),
        );
    }
}

/// Puts `task` into `section` (of `project`), adding it to the project when
/// it is not there yet. Returns whether anything changed.
pub(crate) fn place(store: &mut Store, task: Gid, project: Gid, section: Gid, user: Gid) -> bool {
    let Some(record) = store.tasks.get_mut(&task) else {
        return false;
    };
    let previous = record.memberships.iter().position(|m| m.project == project);
    let old_section = match previous {
        Some(index) if record.memberships[index].section == section => return false,
        Some(index) => {
            let old = record.memberships[index].section;
            record.memberships[index].section = section;
            Some(old)
        }
        None => {
            record.memberships.push(Membership { project, section });
            None
        }
    };
    let named = Named::task(record);
    let audience = audience(store, task);
    match old_section {
        Some(old) => {
            let old = Named::section(store, old);
            store.events.record(
                Action::Removed,
                named.clone(),
                Some(old),
                user,
                None,
                audience.clone(),
            );
        }
        None => {
            let parent = Named::project(store, project);
            store.events.record(
                Action::Added,
                named.clone(),
                Some(parent),
                user,
                None,
                audience.clone(),
            );
        }
    }
    let parent = Named::section(store, section);
    store
        .events
        .record(Action::Added, named, Some(parent), user, None, audience);
    true
}

/// Takes `task` out of `project`. Returns whether it was there.
pub(crate) fn remove(store: &mut Store, task: Gid, project: Gid, user: Gid) -> bool {
    let audience = audience(store, task);
    let Some(record) = store.tasks.get_mut(&task) else {
        return false;
    };
    let before = record.memberships.len();
    record.memberships.retain(|m| m.project != project);
    if record.memberships.len() == before {
        return false;
    }
    let named = Named::task(record);
    let parent = Named::project(store, project);
    store
        .events
        .record(Action::Removed, named, Some(parent), user, None, audience);
    true
}

/// The section a task lands in when none is named: the project's first.
pub(crate) fn default_section(store: &Store, project: Gid) -> Option<Gid> {
    store.projects.get(&project)?.sections.first().copied()
}
