//! The opening every issue handler shares: who may do what, and which issue
//! the path names, checked in the order Jira checks them.

use std::sync::{RwLockReadGuard, RwLockWriteGuard};

use super::auth::Caller;
use super::catalog::Permission;
use super::errors::ApiError;
use super::state::Shared;
use super::store::{Issue, PersonIx, Store};

/// The id of the issue a path names, or Jira's 404.
pub fn find_issue(store: &Store, key_or_id: &str) -> Result<u64, ApiError> {
    store
        .issue_id(key_or_id)
        .ok_or_else(ApiError::issue_not_found)
}

/// The index of the project a path names (key or id), or Jira's 404.
pub fn find_project(store: &Store, key_or_id: &str) -> Result<usize, ApiError> {
    store
        .project_index(key_or_id)
        .ok_or_else(|| ApiError::project_not_found(key_or_id))
}

/// For handlers that only read: the caller must be allowed to browse before
/// anything is looked up (403 before 404), then the store stays locked for
/// reading while the answer is written.
pub fn browse<'a>(
    shared: &'a Shared,
    caller: &Caller,
) -> Result<RwLockReadGuard<'a, Store>, ApiError> {
    caller.require(shared, Permission::Browse)?;
    Ok(shared.read())
}

/// [`browse`], then the issue the path names.
pub fn read_issue<'a>(
    shared: &'a Shared,
    caller: &Caller,
    key: &str,
) -> Result<(RwLockReadGuard<'a, Store>, u64), ApiError> {
    let store = browse(shared, caller)?;
    let id = find_issue(&store, key)?;
    Ok((store, id))
}

/// The store locked for writing, with the issue the path names; the caller's
/// right to change it is for the handler to check.
pub fn lock_issue<'a>(
    shared: &'a Shared,
    key: &str,
) -> Result<(RwLockWriteGuard<'a, Store>, u64), ApiError> {
    let store = shared.write();
    let id = find_issue(&store, key)?;
    Ok((store, id))
}

/// For handlers that change an issue: the issue is looked up first, so a
/// missing one is a 404 even for a caller who may not make the change; the
/// store stays locked for writing until the change is made.
pub fn write_issue<'a>(
    shared: &'a Shared,
    caller: &Caller,
    key: &str,
    permission: Permission,
) -> Result<(RwLockWriteGuard<'a, Store>, u64), ApiError> {
    let (store, id) = lock_issue(shared, key)?;
    caller.require(shared, permission)?;
    Ok((store, id))
}

/// An issue found earlier under the same lock; the 404 only guards against
/// a handler that removed it in between.
pub fn issue_mut(store: &mut Store, id: u64) -> Result<&mut Issue, ApiError> {
    store
        .issues
        .get_mut(&id)
        .ok_or_else(ApiError::issue_not_found)
}

/// People may change what they wrote themselves; admins anyone's. `action`
/// completes "You do not have permission to …", e.g. "delete this worklog".
pub fn require_author_or_admin(
    shared: &Shared,
    caller: &Caller,
    permission: Permission,
    author: PersonIx,
    action: &str,
) -> Result<(), ApiError> {
    caller.require(shared, permission)?;
    if author != caller.person && !shared.role(caller.person).can_administer() {
        return Err(ApiError::forbidden(format!(
            "You do not have permission to {action}: it belongs to someone else."
        )));
    }
    Ok(())
}
