//! One run of a profile: read both sides, heal what an earlier run left
//! unfinished, plan, check the breaker, apply through the journal, commit
//! snapshots and watermarks. A run owns its database connection and never
//! holds a borrow of it across an `.await` (rusqlite's connection is not
//! `Sync`; the desktop runs this on tokio).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use kakehashi_secrets::SecretStore;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use super::connector::Connector;
use super::diff::ix;
use super::model::{
    ActionCounts, EntityKind, OpAction, Phase, Plan, RunOutcome, RunSummary, Side, SyncProfile,
    Trigger,
};
use super::plan::{plan, PlanInput, Planned};
use super::progress::{Progress, ProgressFn};
use super::{apply, breaker, commit, jira_ttnx, journal, links, problems, profile, run_lock, runs};
use crate::store::Database;
use crate::workspace::connections;
use crate::AppResult;

pub use super::undo::{undo_last, undo_with};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RunOptions {
    pub trigger: Trigger,
    /// Read and plan only; nothing is written remotely.
    pub dry_run: bool,
    /// Apply even when the mass-change breaker trips.
    pub confirm_breaker: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RunReport {
    pub summary: RunSummary,
    pub plan: Plan,
}

/// Opens the connector for the profile's pair (`jira_ttnx::open`) and runs it.
/// When another process is running the profile, a run that writes is
/// refused with a `Conflict` that says so.
pub async fn run_profile(
    db_path: &Path,
    secrets: Arc<dyn SecretStore>,
    profile_id: u32,
    options: RunOptions,
    progress: ProgressFn,
    cancel: CancellationToken,
) -> AppResult<RunReport> {
    match run_profile_if_free(db_path, secrets, profile_id, options, progress, cancel).await? {
        Some(report) => Ok(report),
        None => {
            let db = Database::open(db_path)?;
            Err(run_lock::busy(&profile::get(&db, profile_id)?.name))
        }
    }
}

/// [`run_profile`], but `None` when another process is running the
/// profile: the scheduler skips that tick instead of failing it. A run that
/// writes holds the profile's [`run_lock`] to its end; a preview only
/// reads, so it goes ahead regardless.
pub async fn run_profile_if_free(
    db_path: &Path,
    secrets: Arc<dyn SecretStore>,
    profile_id: u32,
    options: RunOptions,
    progress: ProgressFn,
    cancel: CancellationToken,
) -> AppResult<Option<RunReport>> {
    let mut db = Database::open(db_path)?;
    let profile = profile::get(&db, profile_id)?;
    let _lock = if options.dry_run {
        None
    } else {
        match run_lock::claim(&db, &profile)? {
            Some(lock) => Some(lock),
            None => return Ok(None),
        }
    };
    let run = runs::start(
        &db,
        profile.id,
        &profile.name,
        options.trigger,
        options.dry_run,
    )?;
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
        options,
        &mut progress,
        &cancel,
        run.id,
    )
    .await
    .map(Some)
}

/// The engine proper, generic over the pair: what the property tests drive.
pub async fn run_with<C: Connector>(
    db: &mut Database,
    connector: &C,
    profile: &SyncProfile,
    options: RunOptions,
    progress: ProgressFn,
    cancel: CancellationToken,
) -> AppResult<RunReport> {
    let run = runs::start(
        db,
        profile.id,
        &profile.name,
        options.trigger,
        options.dry_run,
    )?;
    let mut progress = Progress::new(progress, run.id, profile.id);
    progress.phase(Phase::Connecting);
    execute(
        db,
        connector,
        profile,
        options,
        &mut progress,
        &cancel,
        run.id,
    )
    .await
}

/// The database state a run starts from.
struct Start {
    links: Vec<links::Link>,
    watermarks: [Option<String>; 2],
    skipped: BTreeSet<(Side, String)>,
    settled: Vec<problems::Settled>,
    pending: Vec<journal::Pending>,
    direction: crate::workspace::Direction,
}

fn load(db: &Database, profile: &SyncProfile, run_id: u32) -> AppResult<Start> {
    Ok(Start {
        links: links::load(db, profile.id)?,
        watermarks: links::watermarks(db, profile.id)?,
        skipped: problems::skipped_records(db, profile.id)?,
        settled: problems::settled_conflicts(db, profile.id)?,
        pending: journal::pending(db, profile.id, run_id)?,
        direction: connections::get(db, profile.connection_id)?.direction,
    })
}

async fn execute<C: Connector>(
    db: &mut Database,
    connector: &C,
    profile: &SyncProfile,
    options: RunOptions,
    progress: &mut Progress,
    cancel: &CancellationToken,
    run_id: u32,
) -> AppResult<RunReport> {
    let start = match load(db, profile, run_id) {
        Ok(start) => start,
        Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
    };
    progress.phase(Phase::Reading);
    let mut reads = Vec::with_capacity(2);
    for side in [Side::Left, Side::Right] {
        if cancel.is_cancelled() {
            return commit::cancelled_before_apply(db, run_id, profile.id, &connector.servers());
        }
        let linked: BTreeSet<String> = start
            .links
            .iter()
            .filter(|link| !link.gone(side))
            .map(|link| link.id_on(side).to_owned())
            .collect();
        let read = connector
            .read(side, start.watermarks[ix(side)].as_deref(), &linked)
            .await;
        match read {
            Ok(read) => {
                progress.read(read.records.len());
                reads.push(read);
            }
            Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
        }
    }
    let found = match heal_lost_creates(connector, &start.pending).await {
        Ok(found) => found,
        Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
    };
    if cancel.is_cancelled() {
        return commit::cancelled_before_apply(db, run_id, profile.id, &connector.servers());
    }
    progress.phase(Phase::Planning);
    let server_names = connector.servers().map(|server| server.server_name);
    let mut planned = plan(
        connector,
        PlanInput {
            profile,
            connection: start.direction,
            reads: [&reads[0], &reads[1]],
            links: start.links.clone(),
            skipped: &start.skipped,
            settled: &start.settled,
            found: &found,
            server_names: server_names.clone(),
        },
    );
    progress.planned(planned.works.len());
    let breaker = breaker::check(&planned, [&reads[0], &reads[1]], profile.threshold_percent);
    let shown = commit::plan_view(profile.id, &planned, breaker.clone());
    if options.dry_run {
        return commit::preview(
            db,
            run_id,
            &shown,
            &connector.servers(),
            RunOutcome::Succeeded,
        );
    }
    if breaker.is_some() && !options.confirm_breaker {
        return commit::preview(db, run_id, &shown, &connector.servers(), RunOutcome::Paused);
    }
    progress.phase(Phase::Applying);
    let journal_ids =
        match commit::prepare(db, profile.id, run_id, &planned, &start.pending, &found) {
            Ok(ids) => ids,
            Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
        };
    let ctx = apply::Context {
        profile_id: profile.id,
        run_id,
        server_names: &server_names,
    };
    let applied = match apply::apply(
        db,
        connector,
        &ctx,
        &mut planned,
        &journal_ids,
        progress,
        cancel,
    )
    .await
    {
        Ok(applied) => applied,
        Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
    };
    progress.phase(Phase::Committing);
    let finish = commit::Finish {
        profile_id: profile.id,
        run_id,
        planned: &planned,
        applied: &applied,
        reads: Some([&reads[0], &reads[1]]),
        full_read: start.watermarks == [None, None],
        breaker,
    };
    let report = match commit::finish(db, &finish, &connector.servers()) {
        Ok(report) => report,
        Err(err) => return Err(commit::failed(db, run_id, &connector.servers(), err)),
    };
    progress.phase(Phase::Done);
    Ok(report)
}

/// Asks the connector for the records that unfinished creates of earlier
/// runs may have made: key → (side, id, kind).
async fn heal_lost_creates<C: Connector>(
    connector: &C,
    pending: &[journal::Pending],
) -> AppResult<BTreeMap<String, (Side, String, EntityKind)>> {
    let mut found = BTreeMap::new();
    for side in [Side::Left, Side::Right] {
        let creates: Vec<&journal::Pending> = pending
            .iter()
            .filter(|op| op.side == side && op.action == OpAction::Create)
            .collect();
        if creates.is_empty() {
            continue;
        }
        let keys: Vec<String> = creates.iter().map(|op| op.key.clone()).collect();
        let ids = connector.find_created(side, &keys).await?;
        for op in creates {
            if let Some(id) = ids.get(&op.key) {
                found.insert(op.key.clone(), (side, id.clone(), op.entity));
            }
        }
    }
    Ok(found)
}

/// Per side counts of a plan: what it would write there.
pub(crate) fn planned_counts(planned: &Planned) -> [ActionCounts; 2] {
    let mut counts = [ActionCounts::default(), ActionCounts::default()];
    for work in &planned.works {
        let counts = &mut counts[ix(work.op.side)];
        match work.op.action {
            OpAction::Create => counts.created += 1,
            OpAction::Update => counts.updated += 1,
            OpAction::Delete | OpAction::Archive => counts.deleted += 1,
        }
    }
    for side in [Side::Left, Side::Right] {
        counts[ix(side)].unchanged = planned.unchanged[ix(side)];
    }
    let problems = commit::problems_per_side(&problems::distinct(&planned.problems));
    for side in [Side::Left, Side::Right] {
        counts[ix(side)].problems = problems[ix(side)];
    }
    counts
}

/// A compile-time check that a run can be spawned on a multi-threaded
/// runtime (the desktop does): its future must be `Send`.
#[allow(dead_code)]
fn assert_send(db_path: &Path, secrets: Arc<dyn SecretStore>, progress: ProgressFn) {
    fn is_send<T: Send>(_: T) {}
    let options = RunOptions {
        trigger: Trigger::Ui,
        dry_run: true,
        confirm_breaker: false,
    };
    is_send(run_profile(
        db_path,
        secrets,
        1,
        options,
        progress,
        CancellationToken::new(),
    ));
}
