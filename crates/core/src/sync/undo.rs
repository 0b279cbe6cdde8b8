//! Undo the last run: the journal's before-values written back, as a run of
//! its own (Trigger::Undo). Creates are deleted again, updates get their
//! old values back, deletions are not undone (the record is gone; the run's
//! message says so). The links return to their state before the undone
//! run and the watermarks are forgotten, so the next run plans afresh.

use std::path::Path;
use std::sync::Arc;

use kakehashi_secrets::SecretStore;
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use super::connector::{Connector, Fields, Record, WriteOp};
use super::echo::text;
use super::engine::RunReport;
use super::journal::{self, Entry, UndoInfo};
use super::model::{FieldChange, OpAction, Phase, SyncProfile, Trigger};
use super::plan::{planned_op, Planned, Work};
use super::progress::{Progress, ProgressFn};
use super::{apply, commit, diff, jira_ttnx, links, profile, run_lock, runs};
use crate::store::Database;
use crate::{AppError, AppResult};

/// Undoes the profile's last run through its pair's connector.
pub async fn undo_last(
    db_path: &Path,
    secrets: Arc<dyn SecretStore>,
    profile_id: u32,
    dry_run: bool,
    progress: ProgressFn,
    cancel: CancellationToken,
) -> AppResult<RunReport> {
    let mut db = Database::open(db_path)?;
    let profile = profile::get(&db, profile_id)?;
    // Undo writes like a run: never while another process runs the profile.
    let _lock = if dry_run {
        None
    } else {
        Some(run_lock::claim(&db, &profile)?.ok_or_else(|| run_lock::busy(&profile.name))?)
    };
    let undone = undoable(&db, &profile)?;
    let run = runs::start(&db, profile.id, &profile.name, Trigger::Undo, dry_run)?;
    let mut progress = Progress::new(progress, run.id, profile.id);
    progress.phase(Phase::Connecting);
    let connector = match jira_ttnx::open(db_path, secrets, &profile).await {
        Ok(connector) => connector,
        Err(err) => return Err(commit::failed(&db, run.id, &[], err)),
    };
    execute(
        &mut db,
        &connector,
        &profile,
        undone,
        dry_run,
        &mut progress,
        &cancel,
        run.id,
    )
    .await
}

/// The same, generic over the pair (what the tests drive).
pub async fn undo_with<C: Connector>(
    db: &mut Database,
    connector: &C,
    profile: &SyncProfile,
    dry_run: bool,
    progress: ProgressFn,
    cancel: CancellationToken,
) -> AppResult<RunReport> {
    let undone = undoable(db, profile)?;
    let run = runs::start(db, profile.id, &profile.name, Trigger::Undo, dry_run)?;
    let mut progress = Progress::new(progress, run.id, profile.id);
    progress.phase(Phase::Connecting);
    execute(
        db,
        connector,
        profile,
        undone,
        dry_run,
        &mut progress,
        &cancel,
        run.id,
    )
    .await
}

fn undoable(db: &Database, profile: &SyncProfile) -> AppResult<u32> {
    match runs::undoable(db, profile.id)? {
        None => Err(AppError::conflict(format!(
            "Nothing to undo: no run of “{}” has changed anything yet.",
            profile.name
        ))),
        Some((run, Some(undo))) => Err(AppError::conflict(format!(
            "The last run that changed something (run {run}) was already undone by run {undo}."
        ))),
        Some((run, None)) => Ok(run),
    }
}

#[allow(clippy::too_many_arguments)]
async fn execute<C: Connector>(
    db: &mut Database,
    connector: &C,
    profile: &SyncProfile,
    undone: u32,
    dry_run: bool,
    progress: &mut Progress,
    cancel: &CancellationToken,
    run_id: u32,
) -> AppResult<RunReport> {
    let names = connector.servers().map(|server| server.server_name);
    let mut planned = match load(db, profile.id, undone) {
        Ok((links, entries)) => inverse(undone, links, &entries, &names),
        Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
    };
    progress.phase(Phase::Planning);
    progress.planned(planned.works.len());
    let shown = commit::plan_view(profile.id, &planned, None);
    if dry_run {
        return commit::preview(
            db,
            run_id,
            &shown,
            &connector.servers(),
            super::model::RunOutcome::Succeeded,
        );
    }
    progress.phase(Phase::Applying);
    let ids = match commit::prepare(db, profile.id, run_id, &planned, &[], &Default::default()) {
        Ok(ids) => ids,
        Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
    };
    let ctx = apply::Context {
        profile_id: profile.id,
        run_id,
        server_names: &names,
    };
    let applied =
        match apply::apply(db, connector, &ctx, &mut planned, &ids, progress, cancel).await {
            Ok(applied) => applied,
            Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
        };
    progress.phase(Phase::Committing);
    let finish = commit::Finish {
        profile_id: profile.id,
        run_id,
        planned: &planned,
        applied: &applied,
        reads: None,
        full_read: false,
        breaker: None,
    };
    let after = commit::finish(db, &finish, &connector.servers()).and_then(|report| {
        runs::link_undo(db, undone, run_id)?;
        // Read everything again next time: the undone changes are older
        // than the watermarks.
        links::clear_watermarks(db, profile.id)?;
        Ok(report)
    });
    let report = match after {
        Ok(report) => report,
        Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
    };
    progress.phase(Phase::Done);
    Ok(report)
}

fn load(db: &Database, profile_id: u32, undone: u32) -> AppResult<(Vec<links::Link>, Vec<Entry>)> {
    Ok((
        links::load(db, profile_id)?,
        journal::applied_of_run(db, undone)?,
    ))
}

/// The inverse of each op of the undone run, last op first.
fn inverse(
    undone: u32,
    links: Vec<links::Link>,
    entries: &[Entry],
    names: &[String; 2],
) -> Planned {
    let mut planned = Planned {
        links,
        ..Planned::default()
    };
    for entry in entries.iter().rev() {
        let op = &entry.op;
        let Some(target_id) = op.target_id.clone() else {
            continue;
        };
        let side = op.side;
        let link = planned
            .links
            .iter()
            .position(|link| link.id_on(side) == target_id);
        let key = format!("undo-{undone}-{}", op.key);
        let stand_in = |fields: Fields| Record {
            id: target_id.clone(),
            display: op.title.clone(),
            kind: op.entity,
            parent: None,
            fields,
            updated_at: None,
            by_us: true,
            marker: None,
        };
        let (action, fields, on_success) = match op.action {
            OpAction::Create => (OpAction::Delete, Fields::new(), Vec::new()),
            OpAction::Update => {
                let before = &entry.undo.before;
                let mut restore = Vec::new();
                for (field, value) in before {
                    restore.push((side, *field, value.clone()));
                    // The source's snapshot as it was, so the next run sees
                    // its change again (and redoes it if still wanted).
                    let old = entry.undo.link_before.as_ref().map_or(Value::Null, |link| {
                        link.snapshot(side.other())
                            .get(field)
                            .cloned()
                            .unwrap_or(Value::Null)
                    });
                    restore.push((side.other(), *field, old));
                }
                (OpAction::Update, before.clone(), restore)
            }
            OpAction::Delete | OpAction::Archive => {
                planned.notes.push(format!(
                    "{}: {} on {} is not undone; restore it there by hand if it is needed.",
                    op.title,
                    if op.action == OpAction::Delete {
                        "the deletion"
                    } else {
                        "the archiving"
                    },
                    names[diff::ix(side)]
                ));
                continue;
            }
        };
        let mut planned_op = planned_op(
            key.clone(),
            side,
            action,
            op.entity,
            &op.title,
            Some(target_id.clone()),
            Some(target_id.clone()),
        );
        let current = link
            .map(|index| planned.links[index].snapshot(side).clone())
            .unwrap_or_default();
        planned_op.changes = fields
            .iter()
            .map(|(field, value)| FieldChange {
                field: diff::field_name(*field),
                before: current.get(field).and_then(text),
                after: text(value),
            })
            .collect();
        let source_side = side.other();
        let source_id = link.map_or_else(String::new, |index| {
            planned.links[index].id_on(source_side).to_owned()
        });
        planned.works.push(Work {
            op: planned_op,
            write: WriteOp {
                key,
                action,
                kind: op.entity,
                target_id: Some(target_id.clone()),
                parent: None,
                fields: fields.clone(),
                source: stand_in(fields),
            },
            link,
            parent_source: None,
            on_success,
            source: (source_side, source_id),
            source_fields: Fields::new(),
            undo: UndoInfo {
                before: current,
                link_before: link.map(|index| planned.links[index].clone()),
            },
            breaker: false,
        });
    }
    planned
}
