//! Settings: language, close-to-tray, notifications, and starting at login.

use tauri::AppHandle;

use crate::preferences::{self, Preferences, PreferencesUpdate};
use kakehashi_core::AppError;

#[tauri::command]
#[specta::specta]
pub async fn get_preferences(app: AppHandle) -> Result<Preferences, AppError> {
    preferences::read(&app)
}

/// Save preferences; the tray is re-labelled in the new language.
#[tauri::command]
#[specta::specta]
pub async fn set_preferences(
    app: AppHandle,
    update: PreferencesUpdate,
) -> Result<Preferences, AppError> {
    let saved = preferences::write(&app, &update)?;
    crate::tray::refresh(&app);
    Ok(saved)
}

/// Whether Kakehashi starts when the person signs in (hidden in the tray).
/// Read from the operating system (the login item itself), not a copy.
#[tauri::command]
#[specta::specta]
pub async fn autostart_enabled(app: AppHandle) -> Result<bool, AppError> {
    use tauri_plugin_autostart::ManagerExt;
    app.autolaunch().is_enabled().map_err(autostart_error)
}

/// Turns starting at login on or off; answers the state the system now has.
#[tauri::command]
#[specta::specta]
pub async fn set_autostart(app: AppHandle, enabled: bool) -> Result<bool, AppError> {
    use tauri_plugin_autostart::ManagerExt;
    let launcher = app.autolaunch();
    if enabled {
        launcher.enable().map_err(autostart_error)?;
    } else {
        launcher.disable().map_err(autostart_error)?;
    }
    tracing::info!(enabled, "start at login changed");
    launcher.is_enabled().map_err(autostart_error)
}

fn autostart_error(err: tauri_plugin_autostart::Error) -> AppError {
    AppError::internal(format!(
        "The login item could not be changed: {err}. Check that your user may add programs that start at sign-in (on Linux: ~/.config/autostart), then try again."
    ))
}
