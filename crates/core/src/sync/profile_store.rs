//! Profiles in SQLite: the row, and the definition document that holds
//! everything the editor sets. Validation lives in `profile.rs`.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::db_text::{json, parse_json};
use super::model::{
    ConflictPolicy, DeletionPolicy, Entities, FieldMapping, ProfileDraft, Schedule, Scope,
    SyncProfile, UserPair, ValueMaps,
};
use super::runs;
use crate::store::Database;
use crate::{clock, AppError, AppResult};

/// The `definition` column: the draft without its id, name and connection.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Definition {
    scope: Scope,
    entities: Entities,
    fields: Vec<FieldMapping>,
    value_maps: ValueMaps,
    user_map: Vec<UserPair>,
    conflict_policy: ConflictPolicy,
    deletion: DeletionPolicy,
    schedule: Schedule,
    threshold_percent: u32,
}

impl Definition {
    fn of(draft: &ProfileDraft) -> Self {
        Definition {
            scope: draft.scope.clone(),
            entities: draft.entities,
            fields: draft.fields.clone(),
            value_maps: draft.value_maps.clone(),
            user_map: draft.user_map.clone(),
            conflict_policy: draft.conflict_policy,
            deletion: draft.deletion,
            schedule: draft.schedule.clone(),
            threshold_percent: draft.threshold_percent,
        }
    }
}

struct RawProfile {
    id: u32,
    name: String,
    connection_id: u32,
    connection_name: String,
    definition: String,
    created_at: String,
    updated_at: Option<String>,
    has_run: bool,
}

const SELECT: &str = "SELECT p.id, p.name, p.connection_id, c.name, p.definition, p.created_at, \
     p.updated_at, p.has_run FROM sync_profiles p JOIN connections c ON c.id = p.connection_id";

fn load(db: &Database, filter: &str, params: impl rusqlite::Params) -> AppResult<Vec<SyncProfile>> {
    let mut statement = db.conn().prepare(&format!("{SELECT} {filter}"))?;
    let raw = statement
        .query_map(params, |row| {
            Ok(RawProfile {
                id: row.get(0)?,
                name: row.get(1)?,
                connection_id: row.get(2)?,
                connection_name: row.get(3)?,
                definition: row.get(4)?,
                created_at: row.get(5)?,
                updated_at: row.get(6)?,
                has_run: row.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    raw.into_iter()
        .map(|raw| {
            let definition: Definition = parse_json(&raw.definition)?;
            Ok(SyncProfile {
                last_run: runs::last_of_profile(db, raw.id)?,
                id: raw.id,
                name: raw.name,
                connection_id: raw.connection_id,
                connection_name: raw.connection_name,
                scope: definition.scope,
                entities: definition.entities,
                fields: definition.fields,
                value_maps: definition.value_maps,
                user_map: definition.user_map,
                conflict_policy: definition.conflict_policy,
                deletion: definition.deletion,
                schedule: definition.schedule,
                threshold_percent: definition.threshold_percent,
                updated_at: raw.updated_at.unwrap_or_else(|| raw.created_at.clone()),
                created_at: raw.created_at,
                has_run: raw.has_run,
            })
        })
        .collect()
}

pub(crate) fn all(db: &Database) -> AppResult<Vec<SyncProfile>> {
    load(db, "ORDER BY p.name COLLATE NOCASE, p.id", [])
}

pub(crate) fn by_id(db: &Database, id: u32) -> AppResult<Option<SyncProfile>> {
    Ok(load(db, "WHERE p.id = ?1", [id])?.pop())
}

pub(crate) fn by_name(db: &Database, name: &str) -> AppResult<Option<SyncProfile>> {
    Ok(load(db, "WHERE p.name = ?1", [name])?.pop())
}

/// The id of another profile already called `name`, if any.
pub(crate) fn name_taken(db: &Database, name: &str, except: Option<u32>) -> AppResult<bool> {
    Ok(db
        .conn()
        .query_row(
            "SELECT id FROM sync_profiles WHERE name = ?1 AND id IS NOT ?2",
            params![name, except],
            |row| row.get::<_, u32>(0),
        )
        .optional()?
        .is_some())
}

/// Inserts or updates a validated draft; returns its id.
pub(crate) fn write(db: &Database, draft: &ProfileDraft) -> AppResult<u32> {
    let definition = json(&Definition::of(draft))?;
    let now = clock::now_rfc3339()?;
    let name = draft.name.trim();
    match draft.id {
        Some(id) => {
            let changed = db.conn().execute(
                "UPDATE sync_profiles SET name = ?2, connection_id = ?3, definition = ?4, updated_at = ?5
                 WHERE id = ?1",
                params![id, name, draft.connection_id, definition, now],
            )?;
            if changed == 0 {
                return Err(AppError::not_found(format!(
                    "There is no sync profile {id}; it may have been removed. Reload the list."
                )));
            }
            Ok(id)
        }
        None => {
            db.conn().execute(
                "INSERT INTO sync_profiles (name, connection_id, definition, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![name, draft.connection_id, definition, now],
            )?;
            u32::try_from(db.conn().last_insert_rowid())
                .map_err(|_| AppError::internal("profile ids ran out of the 32-bit range"))
        }
    }
}

/// Deletes the profile; its links, watermarks, journal and problems go with
/// it (foreign keys cascade). Runs stay as history.
pub(crate) fn delete(db: &Database, id: u32) -> AppResult<bool> {
    Ok(db
        .conn()
        .execute("DELETE FROM sync_profiles WHERE id = ?1", [id])?
        > 0)
}

pub(crate) fn mark_has_run(db: &Database, id: u32) -> AppResult<()> {
    db.conn()
        .execute("UPDATE sync_profiles SET has_run = 1 WHERE id = ?1", [id])?;
    Ok(())
}
