//! The journal (outbox): every remote write is stored `Planned` before
//! anything is sent, `Sent` just before the call, and its result together
//! with the link in one transaction after it. An op left `Sent` by a crash
//! or a lost answer is healed by the next run (`find_created` for creates,
//! the three-way diff for the rest).

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::connector::Fields;
use super::db_text::{json, name, parse_json, parse_name};
use super::links::Link;
use super::model::{EntityKind, OpAction, OpStatus, PlannedOp, Side};
use crate::store::Database;
use crate::{clock, AppResult};

/// What undoing an op needs: the target's values before it, and the link
/// as it was (None: the op made the link).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct UndoInfo {
    pub before: Fields,
    pub link_before: Option<Link>,
}

/// Stores the run's ops as `Planned`; returns their row ids, in order.
/// The caller wraps this in one transaction with the run's other writes.
pub(crate) fn insert(
    db: &Database,
    run_id: u32,
    profile_id: u32,
    entries: &[(&PlannedOp, &UndoInfo)],
) -> AppResult<Vec<i64>> {
    let now = clock::now_rfc3339()?;
    let mut ids = Vec::with_capacity(entries.len());
    for (seq, (op, undo)) in entries.iter().enumerate() {
        db.conn().execute(
            "INSERT INTO sync_journal (run_id, profile_id, seq, key, side, action, entity, title, target_id,
                 source, changes, status, undo, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                run_id,
                profile_id,
                i64::try_from(seq).unwrap_or(i64::MAX),
                op.key,
                name(&op.side)?,
                name(&op.action)?,
                name(&op.entity)?,
                op.title,
                op.target_id,
                op.source,
                json(&op.changes)?,
                name(&OpStatus::Planned)?,
                json(undo)?,
                now,
            ],
        )?;
        ids.push(db.conn().last_insert_rowid());
    }
    Ok(ids)
}

pub(crate) fn set_status(
    db: &Database,
    id: i64,
    status: OpStatus,
    result_id: Option<&str>,
    message: Option<&str>,
) -> AppResult<()> {
    db.conn().execute(
        "UPDATE sync_journal SET status = ?2, result_id = COALESCE(?3, result_id),
             message = COALESCE(?4, message), updated_at = ?5
         WHERE id = ?1",
        params![
            id,
            name(&status)?,
            result_id,
            message,
            clock::now_rfc3339()?
        ],
    )?;
    Ok(())
}

/// An op an earlier run left unfinished (Planned or Sent).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pending {
    pub id: i64,
    pub key: String,
    pub side: Side,
    pub action: OpAction,
    pub entity: EntityKind,
    pub status: OpStatus,
}

pub(crate) fn pending(db: &Database, profile_id: u32, current_run: u32) -> AppResult<Vec<Pending>> {
    let mut statement = db.conn().prepare(
        "SELECT id, key, side, action, status, entity FROM sync_journal
         WHERE profile_id = ?1 AND run_id <> ?2 AND status IN ('planned', 'sent') ORDER BY id",
    )?;
    let raw = statement
        .query_map(params![profile_id, current_run], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, String>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    raw.into_iter()
        .map(|(id, key, side, action, status, entity)| {
            Ok(Pending {
                id,
                key,
                side: parse_name(&side)?,
                action: parse_name(&action)?,
                entity: parse_name(&entity)?,
                status: parse_name(&status)?,
            })
        })
        .collect()
}

/// A journal row with everything undo needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub op: PlannedOp,
    pub undo: UndoInfo,
}

fn entries(db: &Database, run_id: u32) -> AppResult<Vec<Entry>> {
    let mut statement = db.conn().prepare(
        "SELECT key, side, action, entity, title, COALESCE(result_id, target_id), source, changes, status, undo
         FROM sync_journal WHERE run_id = ?1 ORDER BY seq",
    )?;
    type Raw = (
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        String,
        Option<String>,
    );
    let raw = statement
        .query_map([run_id], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
                row.get(8)?,
                row.get(9)?,
            ))
        })?
        .collect::<Result<Vec<Raw>, _>>()?;
    raw.into_iter()
        .map(
            |(key, side, action, entity, title, target_id, source, changes, status, undo)| {
                Ok(Entry {
                    op: PlannedOp {
                        key,
                        side: parse_name(&side)?,
                        action: parse_name(&action)?,
                        entity: parse_name(&entity)?,
                        title,
                        target_id,
                        source,
                        changes: parse_json(&changes)?,
                        status: parse_name(&status)?,
                    },
                    undo: undo
                        .map(|text| parse_json(&text))
                        .transpose()?
                        .unwrap_or_default(),
                })
            },
        )
        .collect()
}

/// The run's ops with their final status (a create's target is the record
/// it made).
pub(crate) fn ops_of_run(db: &Database, run_id: u32) -> AppResult<Vec<PlannedOp>> {
    Ok(entries(db, run_id)?
        .into_iter()
        .map(|entry| entry.op)
        .collect())
}

/// The ops of `run_id` that took effect, for undo.
pub(crate) fn applied_of_run(db: &Database, run_id: u32) -> AppResult<Vec<Entry>> {
    Ok(entries(db, run_id)?
        .into_iter()
        .filter(|entry| matches!(entry.op.status, OpStatus::Done | OpStatus::Healed))
        .collect())
}
