//! Sync profiles and runs: edit a profile (with the editor's lookups on
//! the two servers), preview a run, start and cancel one, read the run
//! history and the problems inbox, undo the last run.
//!
//! Runs are started through [`crate::sync_launch`], the same path the tray
//! and the scheduler's events take.

use std::sync::Arc;

use tauri::{AppHandle, State};

use kakehashi_core::scheduler::RunRegistry;
use kakehashi_core::sync::jira_ttnx::{self, Choice, MappingSuggestions, ScopeOptions};
use kakehashi_core::sync::{
    self, engine, profile, FieldMapping, ItemProblem, ProblemAction, ProfileDraft, RunDetail,
    RunOptions, RunReport, RunSummary, SyncProfile, Trigger,
};
use kakehashi_core::AppError;

use crate::sync_launch::{self, keychain, Progress, SyncNowResult};
use crate::AppState;

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
    app: AppHandle,
    state: State<'_, AppState>,
    draft: ProfileDraft,
) -> Result<SyncProfile, AppError> {
    let saved = state.with_db(|db| profile::save(db, &draft))?;
    // A new schedule, or a profile the scheduler has not seen yet.
    crate::scheduler_task::reload(&app);
    Ok(saved)
}

#[tauri::command]
#[specta::specta]
pub async fn sync_profile_remove(
    app: AppHandle,
    state: State<'_, AppState>,
    runs: State<'_, RunRegistry>,
    id: u32,
) -> Result<(), AppError> {
    if runs.is_running(id) {
        return Err(AppError::Conflict {
            message: "This profile is syncing right now. Cancel the run or wait for it to finish, then try again.".into(),
        });
    }
    state.with_db(|db| profile::remove(db, id))?;
    crate::scheduler_task::reload(&app);
    Ok(())
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
    runs: State<'_, RunRegistry>,
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
    profile_id: u32,
    confirm_breaker: bool,
) -> Result<u32, AppError> {
    sync_launch::start_run(&app, profile_id, Trigger::Ui, confirm_breaker).await
}

/// "Sync now" for every profile — what Home's button and the tray's
/// "Sync now" do. Profiles that never ran wait for their preview.
#[tauri::command]
#[specta::specta]
pub async fn sync_now_all(app: AppHandle) -> Result<SyncNowResult, AppError> {
    sync_launch::start_all(&app, Trigger::Ui).await
}

/// Asks a running run to stop after the write in flight; the journal
/// resumes what it had planned at the next run.
#[tauri::command]
#[specta::specta]
pub async fn sync_cancel(runs: State<'_, RunRegistry>, run_id: u32) -> Result<(), AppError> {
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
    runs: State<'_, RunRegistry>,
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
    profile_id: u32,
) -> Result<u32, AppError> {
    let path = state.paths.database_path();
    sync_launch::spawn_run(
        app,
        profile_id,
        Trigger::Undo,
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

/// No progress reports: for previews, whose caller awaits the answer.
fn quiet() -> Progress {
    Arc::new(|_| {})
}
