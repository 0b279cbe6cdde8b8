//! Settings: language and close-to-tray.

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
