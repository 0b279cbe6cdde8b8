//! Item problems: one row per item and cause, counted each time a run meets
//! it again. The inbox lists them; `resolve.rs` applies the user's choice.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::params;

use super::db_text::{json, name, parse_json, parse_name};
use super::model::{ItemProblem, ProblemCause, ProblemDraft, ProblemFix, ProblemStatus, Side};
use super::plan::Found;
use crate::store::Database;
use crate::{clock, AppError, AppResult};

/// The one-click fixes the inbox offers for a cause.
pub(crate) fn fixes(cause: &ProblemCause) -> Vec<ProblemFix> {
    use ProblemFix::*;
    match cause {
        ProblemCause::UnmappedUser { .. } => vec![MapUser, OpenProfile, Skip],
        ProblemCause::UnmappedValue { .. } => vec![MapValue, OpenProfile, Skip],
        ProblemCause::PermissionDenied { .. } => vec![GrantPermission, Retry, Skip],
        ProblemCause::StructureMismatch { .. } => vec![OpenProfile, Retry, Skip],
        ProblemCause::FieldConflict { .. } => vec![KeepLeft, KeepRight, Skip],
        ProblemCause::Rejected { .. } => vec![Retry, Skip],
        ProblemCause::Unreachable { .. } => vec![Retry],
    }
}

/// What tells two problems of one item apart: the cause kind, plus the
/// field or user it is about (two conflicting fields are two decisions).
fn cause_key(cause: &ProblemCause) -> String {
    let kind = cause.kind_name();
    match cause {
        ProblemCause::UnmappedUser { side, user, .. } => format!("{kind}:{side:?}:{user}"),
        ProblemCause::UnmappedValue {
            field, side, value, ..
        } => {
            format!("{kind}:{field:?}:{side:?}:{value}")
        }
        ProblemCause::FieldConflict { field, .. } => format!("{kind}:{field:?}"),
        _ => kind.to_owned(),
    }
}

/// The record a problem is about, when known: its side and native id.
pub(crate) type RecordRef<'a> = Option<(Side, &'a str)>;

fn item_key(draft: &ProblemDraft, record: RecordRef<'_>) -> String {
    match record {
        Some((side, id)) => format!("{}:{id}", side.letter()),
        None => format!("item:{}", draft.item),
    }
}

/// What the store keys a problem by: (item key, cause key). Two problems
/// with the same key are one row, so one problem.
pub(crate) fn key(draft: &ProblemDraft, record: RecordRef<'_>) -> (String, String) {
    (item_key(draft, record), cause_key(&draft.cause))
}

/// Each problem once, where it was first met, as it was last met (the
/// store keeps the last message).
pub(crate) fn distinct(found: &[Found]) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    let mut at: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (draft, record) in found {
        let key = key(
            draft,
            record.as_ref().map(|(side, id)| (*side, id.as_str())),
        );
        match at.get(&key) {
            Some(&index) => out[index] = (draft.clone(), record.clone()),
            None => {
                at.insert(key, out.len());
                out.push((draft.clone(), record.clone()));
            }
        }
    }
    out
}

/// The keys of the problems `run_id` met that are open after it (a skipped
/// one met again stays skipped and is not counted).
pub(crate) fn open_of_run(
    db: &Database,
    profile_id: u32,
    run_id: u32,
) -> AppResult<BTreeSet<(String, String)>> {
    let mut statement = db.conn().prepare(
        "SELECT item_key, cause_key FROM sync_problems
         WHERE profile_id = ?1 AND run_id = ?2 AND status = 'open'",
    )?;
    let keys = statement
        .query_map(params![profile_id, run_id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<Result<_, _>>()?;
    Ok(keys)
}

/// Records a problem met by `run_id`: a new row, or the existing one seen
/// again (reopened when it had been resolved; a skipped one stays skipped).
pub(crate) fn upsert(
    db: &Database,
    profile_id: u32,
    run_id: u32,
    draft: &ProblemDraft,
    record: RecordRef<'_>,
) -> AppResult<()> {
    let now = clock::now_rfc3339()?;
    let side = draft.side.map(|side| name(&side)).transpose()?;
    let record_side = record.map(|(side, _)| name(&side)).transpose()?;
    db.conn().execute(
        "INSERT INTO sync_problems (profile_id, run_id, side, item, item_id, record_side, item_key, cause_key,
             cause, message, status, first_seen, last_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'open', ?11, ?11)
         ON CONFLICT (profile_id, item_key, cause_key) DO UPDATE SET
             run_id = excluded.run_id, side = excluded.side, item = excluded.item, cause = excluded.cause,
             message = excluded.message, last_seen = excluded.last_seen,
             occurrences = occurrences + 1,
             status = CASE WHEN status = 'skipped' THEN 'skipped' ELSE 'open' END,
             resolution = CASE WHEN status = 'skipped' THEN resolution ELSE NULL END",
        params![
            profile_id,
            run_id,
            side,
            draft.item,
            record.map(|(_, id)| id),
            record_side,
            item_key(draft, record),
            cause_key(&draft.cause),
            json(&draft.cause)?,
            draft.message,
            now,
        ],
    )?;
    Ok(())
}

/// Marks the open problems of a record resolved: it synced cleanly in
/// `run_id`. The problems `run_id` itself met stay open: a write that went
/// through (a create without its unmapped assignee, the other fields of a
/// conflicting pair) does not settle what the run found wrong with the
/// record.
pub(crate) fn settle_record(
    db: &Database,
    profile_id: u32,
    run_id: u32,
    side: Side,
    id: &str,
) -> AppResult<()> {
    db.conn().execute(
        "UPDATE sync_problems SET status = 'resolved', resolution = NULL
         WHERE profile_id = ?1 AND record_side = ?2 AND item_id = ?3 AND status = 'open'
           AND run_id <> ?4",
        params![profile_id, name(&side)?, id, run_id],
    )?;
    Ok(())
}

/// After a run that read both sides whole: the open problems without a
/// record that this run did not meet again are gone.
pub(crate) fn settle_unseen(db: &Database, profile_id: u32, run_id: u32) -> AppResult<()> {
    db.conn().execute(
        "UPDATE sync_problems SET status = 'resolved', resolution = NULL
         WHERE profile_id = ?1 AND item_id IS NULL AND status = 'open' AND run_id <> ?2",
        params![profile_id, run_id],
    )?;
    Ok(())
}

/// Records the user chose to leave out: (side, id).
pub(crate) fn skipped_records(
    db: &Database,
    profile_id: u32,
) -> AppResult<BTreeSet<(Side, String)>> {
    let mut statement = db.conn().prepare(
        "SELECT record_side, item_id FROM sync_problems
         WHERE profile_id = ?1 AND status = 'skipped' AND record_side IS NOT NULL AND item_id IS NOT NULL",
    )?;
    let raw = statement
        .query_map([profile_id], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    raw.into_iter()
        .map(|(side, id)| Ok((parse_name(&side)?, id)))
        .collect()
}

/// A conflict the user settled: keep `winner`'s value of `field` on the
/// record (`side`, `id`). Consumed by the next run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Settled {
    pub problem_id: u32,
    pub record: (Side, String),
    pub cause: ProblemCause,
    pub winner: Side,
}

pub(crate) fn settled_conflicts(db: &Database, profile_id: u32) -> AppResult<Vec<Settled>> {
    let mut statement = db.conn().prepare(
        "SELECT id, record_side, item_id, cause, resolution FROM sync_problems
         WHERE profile_id = ?1 AND resolution IN ('keepLeft', 'keepRight')
           AND record_side IS NOT NULL AND item_id IS NOT NULL",
    )?;
    let raw = statement
        .query_map([profile_id], |row| {
            Ok((
                row.get::<_, u32>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    raw.into_iter()
        .map(|(problem_id, side, id, cause, resolution)| {
            Ok(Settled {
                problem_id,
                record: (parse_name(&side)?, id),
                cause: parse_json(&cause)?,
                winner: if resolution == "keepLeft" {
                    Side::Left
                } else {
                    Side::Right
                },
            })
        })
        .collect()
}

/// The settled conflict was applied by `run_id` (unless that run met the
/// conflict again: then it is open again).
pub(crate) fn consume_resolution(db: &Database, run_id: u32, problem_id: u32) -> AppResult<()> {
    db.conn().execute(
        "UPDATE sync_problems SET resolution = NULL, status = 'resolved'
         WHERE id = ?1 AND run_id <> ?2",
        params![problem_id, run_id],
    )?;
    Ok(())
}

const SELECT: &str =
    "SELECT p.id, p.profile_id, COALESCE(s.name, ''), p.run_id, p.side, p.item, p.item_id, \
     p.cause, p.message, p.status, p.first_seen, p.last_seen, p.occurrences \
     FROM sync_problems p LEFT JOIN sync_profiles s ON s.id = p.profile_id";

fn select(
    db: &Database,
    filter: &str,
    params: impl rusqlite::Params,
) -> AppResult<Vec<ItemProblem>> {
    let mut statement = db.conn().prepare(&format!("{SELECT} {filter}"))?;
    type Raw = (
        u32,
        u32,
        String,
        u32,
        Option<String>,
        String,
        Option<String>,
        String,
        String,
        String,
        String,
        String,
        u32,
    );
    let raw = statement
        .query_map(params, |row| {
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
                row.get(10)?,
                row.get(11)?,
                row.get(12)?,
            ))
        })?
        .collect::<Result<Vec<Raw>, _>>()?;
    raw.into_iter()
        .map(
            |(
                id,
                profile_id,
                profile_name,
                run_id,
                side,
                item,
                item_id,
                cause,
                message,
                status,
                first,
                last,
                occurrences,
            )| {
                let cause: ProblemCause = parse_json(&cause)?;
                Ok(ItemProblem {
                    id,
                    profile_id,
                    profile_name,
                    run_id,
                    side: side.map(|side| parse_name(&side)).transpose()?,
                    item,
                    item_id,
                    fixes: fixes(&cause),
                    cause,
                    message,
                    status: parse_name::<ProblemStatus>(&status)?,
                    first_seen: first,
                    last_seen: last,
                    occurrences,
                })
            },
        )
        .collect()
}

/// Problems, the most recently seen first; `open_only` leaves out the
/// resolved and skipped ones.
pub fn problems(db: &Database, open_only: bool) -> AppResult<Vec<ItemProblem>> {
    let filter = if open_only {
        "WHERE p.status = 'open' ORDER BY p.last_seen DESC, p.id DESC"
    } else {
        "ORDER BY p.last_seen DESC, p.id DESC"
    };
    select(db, filter, [])
}

pub(crate) fn of_run(db: &Database, run_id: u32) -> AppResult<Vec<ItemProblem>> {
    select(db, "WHERE p.run_id = ?1 ORDER BY p.id", [run_id])
}

pub(crate) fn get(db: &Database, problem_id: u32) -> AppResult<ItemProblem> {
    select(db, "WHERE p.id = ?1", [problem_id])?
        .pop()
        .ok_or_else(|| {
            AppError::not_found(format!(
                "There is no sync problem {problem_id}; reload the inbox."
            ))
        })
}

pub(crate) fn set_status(
    db: &Database,
    problem_id: u32,
    status: ProblemStatus,
    resolution: Option<&str>,
) -> AppResult<()> {
    db.conn().execute(
        "UPDATE sync_problems SET status = ?2, resolution = ?3 WHERE id = ?1",
        params![problem_id, name(&status)?, resolution],
    )?;
    Ok(())
}
