//! `kakehashi sync run|undo PROFILE` (DESIGN §7): the same engine as the
//! app, headless. Unless `--yes`, a dry run shows the plan first and the
//! person is asked; a tripped mass-change breaker needs `--yes
//! --allow-mass-change`. Ctrl-C cancels between batches through the
//! engine's CancellationToken: what was applied is journalled and the next
//! run goes on from there.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use kakehashi_core::paths::AppPaths;
use kakehashi_core::store::Database;
use kakehashi_core::sync::engine::{self, RunOptions, RunReport};
use kakehashi_core::sync::model::{ItemProblem, Phase, RunOutcome, SyncProgress, Trigger};
use kakehashi_core::sync::{profile, runs};
use kakehashi_core::AppError;
use kakehashi_secrets::{Keychain, SecretStore};
use serde::Serialize;
use tokio_util::sync::CancellationToken;

use crate::args::{SyncCommand, SyncRunArgs, SyncUndoArgs};
use crate::output::Rendered;
use crate::secret_input::Input;
use crate::sync_text;

/// What `--json` prints: the run, its plan, and the problems it recorded.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RunDocument<'a> {
    /// False for a dry run or a preview that was not applied.
    applied: bool,
    #[serde(flatten)]
    report: &'a RunReport,
    problems: &'a [ItemProblem],
    /// The profile's problems met by earlier runs and still open: a run
    /// reads only what changed, so it does not meet them again, but they
    /// still need a person.
    still_open: &'a [ItemProblem],
}

/// Runs or undoes one profile: dry run or real, undo or not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Job {
    Run,
    Undo,
}

struct Session {
    db_path: PathBuf,
    profile_id: u32,
    profile_name: String,
    secrets: Arc<dyn SecretStore>,
    json: bool,
}

pub fn run(paths: &AppPaths, command: &SyncCommand, json: bool) -> Result<Rendered, AppError> {
    let (name, job) = match command {
        SyncCommand::Run(args) => (&args.profile, Job::Run),
        SyncCommand::Undo(args) => (&args.profile, Job::Undo),
    };
    let db_path = paths.database_path();
    let found = profile::find(&Database::open(&db_path)?, name)?;
    let session = Session {
        db_path,
        profile_id: found.id,
        profile_name: found.name,
        secrets: Arc::new(Keychain),
        json,
    };
    match command {
        SyncCommand::Run(args) => run_profile(&session, args),
        SyncCommand::Undo(args) => undo(&session, args, job),
    }
}

fn run_profile(session: &Session, args: &SyncRunArgs) -> Result<Rendered, AppError> {
    if args.dry_run {
        return preview_only(session, Job::Run);
    }
    if !args.yes {
        let preview = ask(session, Job::Run, args.allow_mass_change)?;
        if let Some(rendered) = preview {
            return Ok(rendered);
        }
    }
    let report = execute(
        session,
        Job::Run,
        RunOptions {
            trigger: Trigger::Cli,
            dry_run: false,
            confirm_breaker: args.allow_mass_change,
        },
    )?;
    finished(session, &report, true)
}

fn undo(session: &Session, args: &SyncUndoArgs, job: Job) -> Result<Rendered, AppError> {
    if args.dry_run {
        return preview_only(session, job);
    }
    if !args.yes {
        if let Some(rendered) = ask(session, job, false)? {
            return Ok(rendered);
        }
    }
    let report = execute(session, job, options(false))?;
    finished(session, &report, true)
}

fn options(dry_run: bool) -> RunOptions {
    RunOptions {
        trigger: Trigger::Cli,
        dry_run,
        confirm_breaker: false,
    }
}

fn preview_only(session: &Session, job: Job) -> Result<Rendered, AppError> {
    let report = execute(session, job, options(true))?;
    finished(session, &report, false)
}

/// The dry run, shown on stderr, and the question. `Some` ends the command
/// here (nothing to do, or a breaker that needs the flags); `None` goes on
/// to apply.
fn ask(session: &Session, job: Job, allow_mass_change: bool) -> Result<Option<Rendered>, AppError> {
    let mut input = Input::stdin();
    if !input.is_terminal() {
        return Err(AppError::validation(
            "yes",
            "Standard input is not a terminal, so nobody can be asked: pass --yes to apply, or --dry-run for the plan only.",
        ));
    }
    let preview = execute(session, job, options(true))?;
    if preview.plan.breaker.is_some() && !allow_mass_change {
        // Shown in full, and refused: a mass change is never one keypress.
        return finished(session, &preview, false).map(|r| Some(r.failing()));
    }
    if preview.plan.ops.is_empty() {
        return finished(session, &preview, false).map(Some);
    }
    eprint!("{}", sync_text::plan(&preview, &[]));
    if !input.confirm("Apply?")? {
        return Err(AppError::validation("yes", "Nothing was applied."));
    }
    Ok(None)
}

/// One engine call with progress on stderr and Ctrl-C wired to cancel.
fn execute(session: &Session, job: Job, options: RunOptions) -> Result<RunReport, AppError> {
    let runtime = crate::runtime::current_thread()?;
    let cancel = CancellationToken::new();
    let progress = progress_printer(session.json);
    let db_path: &Path = &session.db_path;
    runtime.block_on(async {
        let on_interrupt = cancel.clone();
        let watcher = tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                eprintln!("Stopping after the current batch (Ctrl-C)…");
                on_interrupt.cancel();
            }
        });
        let secrets = session.secrets.clone();
        let report = match job {
            Job::Run => {
                engine::run_profile(
                    db_path,
                    secrets,
                    session.profile_id,
                    options,
                    progress,
                    cancel,
                )
                .await
            }
            Job::Undo => {
                engine::undo_last(
                    db_path,
                    secrets,
                    session.profile_id,
                    options.dry_run,
                    progress,
                    cancel,
                )
                .await
            }
        };
        watcher.abort();
        report
    })
}

/// Prints a line on stderr whenever the phase changes (text mode only;
/// stdout keeps the one result document).
fn progress_printer(json: bool) -> Arc<dyn Fn(SyncProgress) + Send + Sync> {
    let last: Mutex<Option<Phase>> = Mutex::new(None);
    Arc::new(move |progress: SyncProgress| {
        if json {
            return;
        }
        let mut last = last.lock().unwrap_or_else(|p| p.into_inner());
        if *last != Some(progress.phase) {
            *last = Some(progress.phase);
            if let Some(line) = sync_text::phase_line(&progress) {
                eprintln!("{line}");
            }
        }
    })
}

/// The result document and text; the exit code follows the outcome.
fn finished(session: &Session, report: &RunReport, applied: bool) -> Result<Rendered, AppError> {
    let db = Database::open(&session.db_path)?;
    let problems = runs::run_detail(&db, report.summary.id)?.problems;
    let still_open: Vec<ItemProblem> = kakehashi_core::sync::problems(&db, true)?
        .into_iter()
        .filter(|problem| {
            problem.profile_id == session.profile_id && problem.run_id != report.summary.id
        })
        .collect();
    let mut text = if applied {
        sync_text::result(&session.profile_name, report, &problems)
    } else {
        sync_text::plan(report, &problems)
    };
    sync_text::still_open(&mut text, &still_open);
    let document = RunDocument {
        applied: applied && !report.summary.dry_run,
        report,
        problems: &problems,
        still_open: &still_open,
    };
    let rendered = Rendered::new(&document, text)?;
    let ok = match report.summary.outcome {
        RunOutcome::Succeeded => true,
        // A preview's problems and breaker are information, not a failure.
        RunOutcome::SucceededWithProblems | RunOutcome::Paused => !applied,
        RunOutcome::Running
        | RunOutcome::Failed
        | RunOutcome::Cancelled
        | RunOutcome::Interrupted => false,
    };
    Ok(if ok { rendered } else { rendered.failing() })
}
