//! The run history: one row per run (dry, real or undo), written when the
//! run starts so a crash leaves a `Running` row that the next start-up marks
//! `Interrupted`.

use rusqlite::{params, OptionalExtension};

use super::db_text::{json, name, parse_json, parse_name};
use super::journal;
use super::model::{
    ActionCounts, Plan, RunDetail, RunOutcome, RunSummary, ServerRequests, Trigger,
};
use super::problems;
use super::run_lock::RunLock;
use crate::store::Database;
use crate::{clock, AppError, AppResult};

const COLUMNS: &str = "id, profile_id, profile_name, trigger, dry_run, started_at, finished_at, \
     outcome, left_counts, right_counts, problems, requests, message";

struct RawRun {
    id: u32,
    profile_id: u32,
    profile_name: String,
    trigger: String,
    dry_run: bool,
    started_at: String,
    finished_at: Option<String>,
    outcome: String,
    left: String,
    right: String,
    problems: u32,
    requests: String,
    message: Option<String>,
}

impl RawRun {
    fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<Self> {
        Ok(RawRun {
            id: row.get(0)?,
            profile_id: row.get(1)?,
            profile_name: row.get(2)?,
            trigger: row.get(3)?,
            dry_run: row.get(4)?,
            started_at: row.get(5)?,
            finished_at: row.get(6)?,
            outcome: row.get(7)?,
            left: row.get(8)?,
            right: row.get(9)?,
            problems: row.get(10)?,
            requests: row.get(11)?,
            message: row.get(12)?,
        })
    }

    fn into_summary(self) -> AppResult<RunSummary> {
        Ok(RunSummary {
            id: self.id,
            profile_id: self.profile_id,
            profile_name: self.profile_name,
            trigger: parse_name(&self.trigger)?,
            dry_run: self.dry_run,
            started_at: self.started_at,
            finished_at: self.finished_at,
            outcome: parse_name(&self.outcome)?,
            left: parse_json(&self.left)?,
            right: parse_json(&self.right)?,
            problems: self.problems,
            requests: parse_json(&self.requests)?,
            message: self.message,
        })
    }
}

fn select(
    db: &Database,
    filter: &str,
    params: impl rusqlite::Params,
) -> AppResult<Vec<RunSummary>> {
    let mut statement = db
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM sync_runs {filter}"))?;
    let raw = statement
        .query_map(params, RawRun::read)?
        .collect::<Result<Vec<_>, _>>()?;
    raw.into_iter().map(RawRun::into_summary).collect()
}

/// Runs, newest first.
pub fn runs(db: &Database, limit: u32) -> AppResult<Vec<RunSummary>> {
    select(db, "ORDER BY id DESC LIMIT ?1", [limit])
}

pub fn get(db: &Database, run_id: u32) -> AppResult<RunSummary> {
    select(db, "WHERE id = ?1", [run_id])?
        .pop()
        .ok_or_else(|| AppError::not_found(format!("There is no sync run {run_id}.")))
}

/// A run with its operations and the problems it found.
pub fn run_detail(db: &Database, run_id: u32) -> AppResult<RunDetail> {
    let summary = get(db, run_id)?;
    let mut ops = journal::ops_of_run(db, run_id)?;
    if ops.is_empty() {
        // Dry and paused runs applied nothing: show what they planned.
        if let Some(plan) = plan_of(db, run_id)? {
            ops = plan.ops;
        }
    }
    Ok(RunDetail {
        summary,
        ops,
        problems: problems::of_run(db, run_id)?,
    })
}

/// The newest run of a profile (the profile list's "last run").
pub(crate) fn last_of_profile(db: &Database, profile_id: u32) -> AppResult<Option<RunSummary>> {
    Ok(select(
        db,
        "WHERE profile_id = ?1 ORDER BY id DESC LIMIT 1",
        [profile_id],
    )?
    .pop())
}

pub(crate) fn plan_of(db: &Database, run_id: u32) -> AppResult<Option<Plan>> {
    let text: Option<Option<String>> = db
        .conn()
        .query_row(
            "SELECT plan FROM sync_runs WHERE id = ?1",
            [run_id],
            |row| row.get(0),
        )
        .optional()?;
    text.flatten().map(|text| parse_json(&text)).transpose()
}

/// Starts a run: a `Running` row, durable before anything remote happens.
pub(crate) fn start(
    db: &Database,
    profile_id: u32,
    profile_name: &str,
    trigger: Trigger,
    dry_run: bool,
) -> AppResult<RunSummary> {
    db.conn().execute(
        "INSERT INTO sync_runs (profile_id, profile_name, trigger, dry_run, started_at, outcome,
             left_counts, right_counts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            profile_id,
            profile_name,
            name(&trigger)?,
            dry_run,
            clock::now_rfc3339()?,
            name(&RunOutcome::Running)?,
            // Zero counts, readable as ActionCounts (the column default '{}' is not).
            json(&ActionCounts::default())?
        ],
    )?;
    let id = u32::try_from(db.conn().last_insert_rowid())
        .map_err(|_| AppError::internal("run ids ran out of the 32-bit range"))?;
    get(db, id)
}

/// What a finished run records.
pub(crate) struct Finish<'a> {
    pub outcome: RunOutcome,
    pub left: ActionCounts,
    pub right: ActionCounts,
    pub problems: u32,
    pub requests: &'a [ServerRequests],
    pub message: Option<String>,
    pub plan: Option<&'a Plan>,
}

pub(crate) fn finish(db: &Database, run_id: u32, finish: &Finish<'_>) -> AppResult<RunSummary> {
    let plan = finish.plan.map(json).transpose()?;
    db.conn().execute(
        "UPDATE sync_runs SET finished_at = ?2, outcome = ?3, left_counts = ?4, right_counts = ?5,
             problems = ?6, requests = ?7, message = ?8, plan = COALESCE(?9, plan)
         WHERE id = ?1",
        params![
            run_id,
            clock::now_rfc3339()?,
            name(&finish.outcome)?,
            json(&finish.left)?,
            json(&finish.right)?,
            finish.problems,
            json(&finish.requests)?,
            finish.message,
            plan
        ],
    )?;
    get(db, run_id)
}

/// Marks the runs left `Running` by a process that died. Call once at
/// start-up, before any new run starts. A run that writes holds its
/// profile's [`RunLock`] while it lives, so a run whose lock is held belongs
/// to another process that is still running it (the app while the daemon
/// starts, or the reverse) and is left alone. Returns how many were marked.
pub fn mark_interrupted(db: &Database) -> AppResult<u32> {
    let mut statement = db
        .conn()
        .prepare("SELECT id, profile_id, dry_run FROM sync_runs WHERE outcome = ?1 ORDER BY id")?;
    let running = statement
        .query_map(params![name(&RunOutcome::Running)?], |row| {
            Ok((
                row.get::<_, u32>(0)?,
                row.get::<_, u32>(1)?,
                row.get::<_, bool>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut marked = 0;
    for (run_id, profile_id, dry_run) in running {
        if !dry_run && locked_elsewhere(db, profile_id)? {
            continue;
        }
        marked += interrupt(db, run_id)?;
    }
    Ok(marked)
}

/// Marks the profile's real runs left `Running`, for a run that has just
/// taken the profile's lock: any such run's process is gone.
pub(crate) fn mark_interrupted_of(db: &Database, profile_id: u32) -> AppResult<u32> {
    let mut statement = db.conn().prepare(
        "SELECT id FROM sync_runs WHERE profile_id = ?1 AND outcome = ?2 AND dry_run = 0",
    )?;
    let running = statement
        .query_map(params![profile_id, name(&RunOutcome::Running)?], |row| {
            row.get::<_, u32>(0)
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut marked = 0;
    for run_id in running {
        marked += interrupt(db, run_id)?;
    }
    Ok(marked)
}

fn locked_elsewhere(db: &Database, profile_id: u32) -> AppResult<bool> {
    // An in-memory database (tests) has no folder and no other process.
    let Some(path) = db.path() else {
        return Ok(false);
    };
    Ok(RunLock::try_acquire(path, profile_id)?.is_none())
}

fn interrupt(db: &Database, run_id: u32) -> AppResult<u32> {
    let changed = db.conn().execute(
        "UPDATE sync_runs SET outcome = ?1, finished_at = COALESCE(finished_at, ?2),
             message = COALESCE(message, 'The app or the CLI stopped during this run; the next run picks up where it ended.')
         WHERE id = ?3 AND outcome = ?4",
        params![
            name(&RunOutcome::Interrupted)?,
            clock::now_rfc3339()?,
            run_id,
            name(&RunOutcome::Running)?
        ],
    )?;
    Ok(u32::try_from(changed).unwrap_or(u32::MAX))
}

/// The run an undo undoes: the profile's newest finished real run that
/// wrote something and is not an undo itself. None = nothing to undo.
pub(crate) fn undoable(db: &Database, profile_id: u32) -> AppResult<Option<(u32, Option<u32>)>> {
    Ok(db
        .conn()
        .query_row(
            "SELECT r.id, r.undone_by FROM sync_runs r
             WHERE r.profile_id = ?1 AND r.dry_run = 0 AND r.trigger <> 'undo' AND r.outcome <> 'running'
               AND EXISTS (SELECT 1 FROM sync_journal j WHERE j.run_id = r.id AND j.status IN ('done', 'healed'))
             ORDER BY r.id DESC LIMIT 1",
            [profile_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?)
}

pub(crate) fn link_undo(db: &Database, undone: u32, undo_run: u32) -> AppResult<()> {
    db.conn().execute(
        "UPDATE sync_runs SET undone_by = ?2 WHERE id = ?1",
        params![undone, undo_run],
    )?;
    db.conn().execute(
        "UPDATE sync_runs SET undo_of = ?1 WHERE id = ?2",
        params![undone, undo_run],
    )?;
    Ok(())
}
