//! Home: automatic-sync status, and pausing/resuming it.

use tauri::{AppHandle, State};

use crate::AppState;
use kakehashi_core::scheduler::SchedulerState;
use kakehashi_core::status::HomeStatus;
use kakehashi_core::{settings, AppError};

#[tauri::command]
#[specta::specta]
pub async fn get_status(state: State<'_, AppState>) -> Result<HomeStatus, AppError> {
    state.with_db(HomeStatus::read)
}

/// Pause or resume automatic sync; the tray follows.
#[tauri::command]
#[specta::specta]
pub async fn set_sync_paused(
    app: AppHandle,
    state: State<'_, AppState>,
    paused: bool,
) -> Result<HomeStatus, AppError> {
    let status = state.with_db(|db| {
        settings::set_sync_paused(db, paused)?;
        HomeStatus::read(db)
    })?;
    crate::scheduler_task::set_paused(&app, status.sync_paused);
    crate::tray::status_changed(&app, status.clone());
    Ok(status)
}

/// The scheduler as Home shows it: next run per profile, running ones,
/// pauses and why.
#[tauri::command]
#[specta::specta]
pub async fn scheduler_state(app: AppHandle) -> Result<SchedulerState, AppError> {
    Ok(crate::scheduler_task::state(&app))
}
