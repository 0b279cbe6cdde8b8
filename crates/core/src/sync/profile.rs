//! Sync profiles: list, get, find, save (validated), remove.

use super::model::{FieldDirection, FieldMapping, ProfileDraft, SyncField, SyncProfile};
use super::{profile_check, profile_store};
use crate::store::Database;
use crate::{AppError, AppResult};

/// Every field both ways, except type and priority, which Jira owns (TT NX
/// item types and priorities rarely carry the same meaning back).
pub fn default_fields() -> Vec<FieldMapping> {
    SyncField::ALL
        .into_iter()
        .map(|field| FieldMapping {
            field,
            direction: match field {
                SyncField::ItemType | SyncField::Priority => FieldDirection::LeftToRight,
                _ => FieldDirection::Both,
            },
        })
        .collect()
}

/// The threshold a new profile starts with.
pub const DEFAULT_THRESHOLD_PERCENT: u32 = 20;

pub fn list(db: &Database) -> AppResult<Vec<SyncProfile>> {
    profile_store::all(db)
}

pub fn get(db: &Database, id: u32) -> AppResult<SyncProfile> {
    profile_store::by_id(db, id)?.ok_or_else(|| {
        AppError::not_found(format!(
            "There is no sync profile {id}; it may have been removed. List them with `kakehashi profile list`."
        ))
    })
}

/// The profile named `name_or_id` (exact name first, then a numeric id):
/// the CLI's PROFILE argument.
pub fn find(db: &Database, name_or_id: &str) -> AppResult<SyncProfile> {
    let wanted = name_or_id.trim();
    if let Some(profile) = profile_store::by_name(db, wanted)? {
        return Ok(profile);
    }
    if let Ok(id) = wanted.parse::<u32>() {
        if let Some(profile) = profile_store::by_id(db, id)? {
            return Ok(profile);
        }
    }
    Err(AppError::not_found(format!(
        "There is no sync profile “{wanted}”; list them with `kakehashi profile list`."
    )))
}

/// Inserts (`draft.id` None) or updates a profile after validating it.
pub fn save(db: &Database, draft: &ProfileDraft) -> AppResult<SyncProfile> {
    profile_check::check(db, draft)?;
    let id = db.atomic(|| profile_store::write(db, draft))?;
    get(db, id)
}

/// Removes the profile with its links, journal, watermarks and problems.
/// Its past runs stay in the history under its name.
pub fn remove(db: &Database, id: u32) -> AppResult<()> {
    if profile_store::delete(db, id)? {
        Ok(())
    } else {
        Err(AppError::not_found(format!(
            "There is no sync profile {id}; it may have been removed already."
        )))
    }
}

#[cfg(test)]
#[path = "profile_tests.rs"]
mod tests;
