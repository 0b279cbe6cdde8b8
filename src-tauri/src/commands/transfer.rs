//! Export and import of servers, connections and credential metadata. The
//! file never holds a secret; importing asks for each one.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, State};

use kakehashi_core::clock;
use kakehashi_core::workspace::credentials::export::{self, ExportSummary};
use kakehashi_core::workspace::credentials::import::{
    self, ImportPreview, ImportSecret, ImportSummary,
};
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;

use crate::AppState;

/// Writes the workspace to the Downloads folder (or the home folder when
/// there is none) under a dated name that never overwrites an earlier one.
#[tauri::command]
#[specta::specta]
pub async fn export_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<ExportSummary, AppError> {
    let folder = export_folder(&app)?;
    let now = clock::now();
    let path = free_name(&folder, &format!("kakehashi-workspace-{}", now.date()));
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

fn export_folder(app: &AppHandle) -> Result<PathBuf, AppError> {
    let paths = app.path();
    // A Downloads folder that is configured but was never created does not count.
    paths
        .download_dir()
        .ok()
        .filter(|dir| dir.is_dir())
        .map_or_else(|| paths.home_dir(), Ok)
        .map_err(|err| {
            AppError::internal(format!(
                "Neither a Downloads nor a home folder was found for the export ({err})."
            ))
        })
}

/// `stem.json`, or `stem-2.json`, `stem-3.json`… whichever does not exist yet.
fn free_name(folder: &std::path::Path, stem: &str) -> PathBuf {
    let first = folder.join(format!("{stem}.json"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{stem}-{n}.json")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}
