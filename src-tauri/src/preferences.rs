//! UI preferences (language, close-to-tray) in tauri-plugin-store, kept in
//! the data folder so `--data-dir` isolates them too. Domain data never goes
//! here: it lives in SQLite.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::{Store, StoreExt};

use crate::error;
use crate::i18n::Language;
use kakehashi_core::AppResult;

const FILE: &str = "preferences.json";
const LANGUAGE: &str = "language";
const CLOSE_TO_TRAY: &str = "closeToTray";
const NOTIFY_MANUAL_SYNC: &str = "notifyManualSync";

/// Preferences as the UI sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    /// The chosen language; `None` follows the operating system.
    pub language: Option<Language>,
    /// The language in effect (the choice, or the OS language).
    pub effective_language: Language,
    /// Closing the window hides it to the tray instead of quitting.
    pub close_to_tray: bool,
    /// A notification also when a sync started by hand finishes cleanly
    /// (failures and items needing action are always announced).
    pub notify_manual_sync: bool,
}

/// What the UI may change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PreferencesUpdate {
    pub language: Option<Language>,
    pub close_to_tray: bool,
    pub notify_manual_sync: bool,
}

fn store<R: Runtime>(app: &AppHandle<R>) -> AppResult<Arc<Store<R>>> {
    let path = crate::state(app).paths.data_dir.join(FILE);
    app.store(path).map_err(error::from_store)
}

pub fn read<R: Runtime>(app: &AppHandle<R>) -> AppResult<Preferences> {
    let store = store(app)?;
    // A hand-edited or older file with a bad value falls back to the default.
    let language = store
        .get(LANGUAGE)
        .and_then(|value| serde_json::from_value::<Option<Language>>(value).ok())
        .flatten();
    let close_to_tray = store
        .get(CLOSE_TO_TRAY)
        .and_then(|value| value.as_bool())
        .unwrap_or(true);
    let notify_manual_sync = store
        .get(NOTIFY_MANUAL_SYNC)
        .and_then(|value| value.as_bool())
        .unwrap_or(false);
    Ok(Preferences {
        language,
        effective_language: language.unwrap_or_else(Language::from_os),
        close_to_tray,
        notify_manual_sync,
    })
}

pub fn write<R: Runtime>(app: &AppHandle<R>, update: &PreferencesUpdate) -> AppResult<Preferences> {
    let store = store(app)?;
    store.set(LANGUAGE, serde_json::json!(update.language));
    store.set(CLOSE_TO_TRAY, update.close_to_tray);
    store.set(NOTIFY_MANUAL_SYNC, update.notify_manual_sync);
    store.save().map_err(error::from_store)?;
    read(app)
}
