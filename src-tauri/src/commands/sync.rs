//! Sync profiles and runs: edit a profile (with the editor's lookups on
//! the two servers), preview a run, start and cancel one, read the run
//! history and the problems inbox, undo the last run.
//!
//! A run is a tokio task with its own database connection: the command
//! that starts it returns the run id at once, progress and the end arrive
//! as typed events.

use std::future::Future;
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, State};
use tauri_specta::Event;
use tokio::sync::oneshot;
use tokio_util::sync::CancellationToken;

use kakehashi_core::sync::jira_ttnx::{self, Choice, MappingSuggestions, ScopeOptions};
use kakehashi_core::sync::{
    self, engine, profile, FieldMapping, ItemProblem, ProblemAction, ProfileDraft, RunDetail,
    RunOptions, RunReport, RunSummary, SyncProfile, SyncProgress, Trigger,
};
use kakehashi_core::{AppError, AppResult};
use kakehashi_secrets::{Keychain, SecretStore};

use crate::events::{SyncFinished, SyncProgressed};
use crate::sync_runs::SyncRuns;
use crate::AppState;

fn keychain() -> Arc<dyn SecretStore> {
    Arc::new(Keychain)
}

/// Every sync profile, with its last run.
#[tauri::command]
#[specta::specta]
pub async fn sync_profiles(state: State<'_, AppState>) -> Result<Vec<SyncProfile>, AppError> {
    state.with_db(profile::list)
}

#[tauri::command]
#[specta::specta]
pub async fn sync_profile_get(
    state: State<'_, AppState>,
    id: u32,
) -> Result<SyncProfile, AppError> {
    state.with_db(|db| profile::get(db, id))
}

/// Creates the profile (no id) or replaces its definition (with an id).
#[tauri::command]
#[specta::specta]
pub async fn sync_profile_save(
    state: State<'_, AppState>,
    draft: ProfileDraft,
) -> Result<SyncProfile, AppError> {
    state.with_db(|db| profile::save(db, &draft))
}

#[tauri::command]
#[specta::specta]
pub async fn sync_profile_remove(
    state: State<'_, AppState>,
    runs: State<'_, SyncRuns>,
    id: u32,
) -> Result<(), AppError> {
    runs.refuse_while_running(id)?;
    state.with_db(|db| profile::remove(db, id))
}

/// The field table a new profile starts from.
#[tauri::command]
#[specta::specta]
pub async fn sync_default_fields() -> Result<Vec<FieldMapping>, AppError> {
    Ok(profile::default_fields())
}

/// The Jira projects and TimeTracker NX projects the connection can see.
#[tauri::command]
#[specta::specta]
pub async fn sync_scope_options(
    state: State<'_, AppState>,
    connection_id: u32,
) -> Result<ScopeOptions, AppError> {
    jira_ttnx::scope_options(&state.paths.database_path(), keychain(), connection_id).await
}

/// The folders directly under a TimeTracker NX project.
#[tauri::command]
#[specta::specta]
pub async fn sync_ttnx_folders(
    state: State<'_, AppState>,
    connection_id: u32,
    ttnx_project_id: String,
) -> Result<Vec<Choice>, AppError> {
    let path = state.paths.database_path();
    jira_ttnx::ttnx_folders(&path, keychain(), connection_id, &ttnx_project_id).await
}

/// The boards of a Jira project (for grouping by sprint).
#[tauri::command]
#[specta::specta]
pub async fn sync_jira_boards(
    state: State<'_, AppState>,
    connection_id: u32,
    jira_project: String,
) -> Result<Vec<Choice>, AppError> {
    let path = state.paths.database_path();
    jira_ttnx::jira_boards(&path, keychain(), connection_id, &jira_project).await
}

/// Value and user maps suggested for a draft, and the permissions it needs.
#[tauri::command]
#[specta::specta]
pub async fn sync_suggestions(
    state: State<'_, AppState>,
    draft: ProfileDraft,
) -> Result<MappingSuggestions, AppError> {
    jira_ttnx::suggestions(&state.paths.database_path(), keychain(), &draft).await
}

/// A dry run: what a run would do now, with nothing written.
#[tauri::command]
#[specta::specta]
pub async fn sync_preview(
    state: State<'_, AppState>,
    runs: State<'_, SyncRuns>,
    profile_id: u32,
) -> Result<RunReport, AppError> {
    let options = RunOptions {
        trigger: Trigger::Ui,
        dry_run: true,
        confirm_breaker: false,
    };
    let path = state.paths.database_path();
    let cancel = runs.begin(profile_id)?;
    // The preview dialog waits for its answer; progress events would leave a
    // "running" panel behind for a run that never announces its end.
    let result = engine::run_profile(&path, keychain(), profile_id, options, quiet(), cancel).await;
    runs.finished(profile_id);
    result
}

/// Starts a real run and returns its id as soon as the engine has one;
/// progress and the end arrive as `SyncProgressed` and `SyncFinished`.
#[tauri::command]
#[specta::specta]
pub async fn sync_start(
    app: AppHandle,
    state: State<'_, AppState>,
    runs: State<'_, SyncRuns>,
    profile_id: u32,
    confirm_breaker: bool,
) -> Result<u32, AppError> {
    let options = RunOptions {
        trigger: Trigger::Ui,
        dry_run: false,
        confirm_breaker,
    };
    let path = state.paths.database_path();
    spawn_run(
        app,
        runs.inner().clone(),
        profile_id,
        move |progress, cancel| async move {
            engine::run_profile(&path, keychain(), profile_id, options, progress, cancel).await
        },
    )
    .await
}

/// Asks a running run to stop after the write in flight; the journal
/// resumes what it had planned at the next run.
#[tauri::command]
#[specta::specta]
pub async fn sync_cancel(runs: State<'_, SyncRuns>, run_id: u32) -> Result<(), AppError> {
    runs.cancel(run_id)
}

/// The newest runs first.
#[tauri::command]
#[specta::specta]
pub async fn sync_runs(
    state: State<'_, AppState>,
    limit: u32,
) -> Result<Vec<RunSummary>, AppError> {
    state.with_db(|db| sync::runs(db, limit))
}

/// One run with its operations and the problems it met.
#[tauri::command]
#[specta::specta]
pub async fn sync_run_detail(
    state: State<'_, AppState>,
    run_id: u32,
) -> Result<RunDetail, AppError> {
    state.with_db(|db| sync::run_detail(db, run_id))
}

/// What undoing the profile's last run would write, with nothing written.
#[tauri::command]
#[specta::specta]
pub async fn sync_undo_preview(
    state: State<'_, AppState>,
    runs: State<'_, SyncRuns>,
    profile_id: u32,
) -> Result<RunReport, AppError> {
    let path = state.paths.database_path();
    let cancel = runs.begin(profile_id)?;
    let result = engine::undo_last(&path, keychain(), profile_id, true, quiet(), cancel).await;
    runs.finished(profile_id);
    result
}

/// Undoes the profile's last run as a run of its own; returns its id.
#[tauri::command]
#[specta::specta]
pub async fn sync_undo(
    app: AppHandle,
    state: State<'_, AppState>,
    runs: State<'_, SyncRuns>,
    profile_id: u32,
) -> Result<u32, AppError> {
    let path = state.paths.database_path();
    spawn_run(
        app,
        runs.inner().clone(),
        profile_id,
        move |progress, cancel| async move {
            engine::undo_last(&path, keychain(), profile_id, false, progress, cancel).await
        },
    )
    .await
}

/// The problems inbox (open ones only, or every one).
#[tauri::command]
#[specta::specta]
pub async fn sync_problems(
    state: State<'_, AppState>,
    open_only: bool,
) -> Result<Vec<ItemProblem>, AppError> {
    state.with_db(|db| sync::problems(db, open_only))
}

/// A one-click fix: map the user or value, retry, skip, keep a side.
#[tauri::command]
#[specta::specta]
pub async fn sync_resolve_problem(
    state: State<'_, AppState>,
    problem_id: u32,
    action: ProblemAction,
) -> Result<ItemProblem, AppError> {
    state.with_db(|db| sync::resolve_problem(db, problem_id, &action))
}

type Progress = Arc<dyn Fn(SyncProgress) + Send + Sync>;

/// No progress reports: for previews, whose caller awaits the answer.
fn quiet() -> Progress {
    Arc::new(|_| {})
}
type RunIdSender = Arc<Mutex<Option<oneshot::Sender<AppResult<u32>>>>>;

/// Forwards the engine's progress to the UI, and hands the run id to
/// `first` the first time one is seen.
fn forward_progress(
    app: &AppHandle,
    runs: &SyncRuns,
    profile_id: u32,
    first: RunIdSender,
) -> Progress {
    let app = app.clone();
    let runs = runs.clone();
    Arc::new(move |progress: SyncProgress| {
        if let Some(sender) = first.lock().ok().and_then(|mut slot| slot.take()) {
            runs.started(profile_id, progress.run_id);
            let _ = sender.send(Ok(progress.run_id));
        }
        if let Err(err) = SyncProgressed(progress).emit(&app) {
            tracing::debug!("sync progress event not delivered: {err}");
        }
    })
}

/// Runs `work` as a task of its own; returns the run id once the engine
/// reports one, or the error that stopped the run before it had one.
async fn spawn_run<F, Fut>(
    app: AppHandle,
    runs: SyncRuns,
    profile_id: u32,
    work: F,
) -> AppResult<u32>
where
    F: FnOnce(Progress, CancellationToken) -> Fut + Send + 'static,
    Fut: Future<Output = AppResult<RunReport>> + Send + 'static,
{
    let cancel = runs.begin(profile_id)?;
    let (sender, receiver) = oneshot::channel();
    let slot: RunIdSender = Arc::new(Mutex::new(Some(sender)));
    let progress = forward_progress(&app, &runs, profile_id, slot.clone());
    tauri::async_runtime::spawn(async move {
        let result = work(progress, cancel).await;
        runs.finished(profile_id);
        let early = slot.lock().ok().and_then(|mut sender| sender.take());
        match (result, early) {
            (Err(err), Some(sender)) => {
                let _ = sender.send(Err(err));
            }
            (Ok(report), _) => announce(&app, report.summary),
            (Err(err), None) => {
                tracing::warn!("sync run of profile {profile_id} failed: {err}");
                if let Some(summary) = last_run_of(&app, profile_id) {
                    announce(&app, summary);
                }
            }
        }
    });
    receiver.await.unwrap_or_else(|_| {
        Err(AppError::internal(
            "The sync run ended without saying how; see the log file.",
        ))
    })
}

fn announce(app: &AppHandle, summary: RunSummary) {
    if let Err(err) = SyncFinished(summary).emit(app) {
        tracing::debug!("sync finished event not delivered: {err}");
    }
}

/// The stored summary of the profile's newest run (the engine records a
/// failed run before it returns the error).
fn last_run_of(app: &AppHandle, profile_id: u32) -> Option<RunSummary> {
    use tauri::Manager;
    let state = app.state::<AppState>();
    let runs = state.with_db(|db| sync::runs(db, 50)).ok()?;
    runs.into_iter().find(|run| run.profile_id == profile_id)
}
