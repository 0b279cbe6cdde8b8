//! Export and import of servers, connections and credential metadata. The
//! file never holds a secret; importing asks for each one.

use tauri::{AppHandle, State};

use kakehashi_core::clock;
use kakehashi_core::workspace::credentials::export::{self, ExportSummary};
use kakehashi_core::workspace::credentials::import::{
    self, ImportPreview, ImportSecret, ImportSummary,
};
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;

use crate::{downloads, AppState};

/// Writes the workspace to the Downloads folder (or the home folder when
/// there is none) under a dated name that never overwrites an earlier one.
#[tauri::command]
#[specta::specta]
pub async fn export_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<ExportSummary, AppError> {
    let now = clock::now();
    let path = downloads::free_path(&app, &format!("kakehashi-workspace-{}", now.date()), "json")?;
    let summary = state.with_db(|db| export::write(db, &path, now))?;
    tracing::info!(path = %summary.path, "workspace exported");
    Ok(summary)
}

/// What importing `text` would add, reuse and skip, and which secrets it needs.
#[tauri::command]
#[specta::specta]
pub async fn preview_import(
    state: State<'_, AppState>,
    text: String,
) -> Result<ImportPreview, AppError> {
    state.with_db(|db| import::preview(db, &text, clock::now()))
}

#[tauri::command]
#[specta::specta]
pub async fn import_workspace(
    state: State<'_, AppState>,
    text: String,
    secrets: Vec<ImportSecret>,
) -> Result<ImportSummary, AppError> {
    let summary =
        state.with_db(|db| import::apply(db, &Keychain, &text, &secrets, clock::now()))?;
    tracing::info!("workspace imported");
    Ok(summary)
}
