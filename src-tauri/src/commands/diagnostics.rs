//! Settings → About: the doctor report, "Copy diagnostics", and opening the
//! data and log folders.

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_opener::OpenerExt;

use crate::{error, AppState};
use kakehashi_core::diagnostics::DoctorReport;
use kakehashi_core::AppError;

/// The same report as `kakehashi doctor`, plus Tauri and WebView versions.
#[tauri::command]
#[specta::specta]
pub async fn doctor(state: State<'_, AppState>) -> Result<DoctorReport, AppError> {
    // The keychain probe talks to D-Bus and may wait; keep it off the runtime.
    let keychain = tauri::async_runtime::spawn_blocking(kakehashi_secrets::probe)
        .await
        .map_err(|err| AppError::internal(format!("The keychain check stopped: {err}")))?;
    let mut report = state.with_db(|db| DoctorReport::gather(&state.paths, db, keychain.into()))?;
    report.tauri_version = Some(tauri::VERSION.to_string());
    report.webview_version = tauri::webview_version().ok();
    Ok(report)
}

/// Copy the redacted text report to the clipboard, for a support request.
#[tauri::command]
#[specta::specta]
pub async fn copy_diagnostics(app: AppHandle, state: State<'_, AppState>) -> Result<(), AppError> {
    let text = doctor(state).await?.to_text();
    app.clipboard()
        .write_text(text)
        .map_err(error::from_clipboard)
}

/// Which of our folders to show in the file manager.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Folder {
    Data,
    Logs,
}

#[tauri::command]
#[specta::specta]
pub async fn open_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    folder: Folder,
) -> Result<(), AppError> {
    let path = match folder {
        Folder::Data => &state.paths.data_dir,
        Folder::Logs => &state.paths.log_dir,
    };
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(error::from_opener)
}
