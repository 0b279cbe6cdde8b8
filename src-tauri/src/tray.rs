//! The system tray: created once, its menu rebuilt from `tray_menu::build`
//! whenever the status or the language changes. On Linux only the menu is
//! used (tray clicks are not delivered there).

use tauri::menu::{CheckMenuItem, IsMenuItem, Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Runtime};
use tauri_specta::Event;

use crate::events::StatusChanged;
use crate::tray_menu::{self, TrayAction, TrayEntry};
use crate::window;
use kakehashi_core::status::HomeStatus;
use kakehashi_core::{settings, AppResult};

const TRAY_ID: &str = "main";

pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("Kakehashi")
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| on_menu_event(app, event.id().as_ref()));
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    refresh(app);
    tracing::info!("tray created");
    Ok(())
}

/// Whether the tray icon was created (hiding the window needs a way back).
pub fn exists<R: Runtime>(app: &AppHandle<R>) -> bool {
    app.tray_by_id(TRAY_ID).is_some()
}

/// Rebuild the menu and tooltip from the current state. Failures are logged,
/// never fatal: the window still works without a tray.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    if let Err(err) = try_refresh(app) {
        tracing::warn!("tray menu not updated: {err}");
    }
}

fn try_refresh<R: Runtime>(app: &AppHandle<R>) -> Result<(), String> {
    let status = crate::state(app)
        .with_db(HomeStatus::read)
        .map_err(|e| e.to_string())?;
    let language = crate::preferences::read(app)
        .map(|p| p.effective_language)
        .map_err(|e| e.to_string())?;
    let model = tray_menu::build(&status, language);
    let menu = to_menu(app, &model.entries).map_err(|e| e.to_string())?;
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        tray.set_menu(Some(menu)).map_err(|e| e.to_string())?;
        tray.set_tooltip(Some(&model.tooltip))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn to_menu<R: Runtime>(app: &AppHandle<R>, entries: &[TrayEntry]) -> tauri::Result<Menu<R>> {
    let mut items: Vec<Box<dyn IsMenuItem<R>>> = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry {
            TrayEntry::Separator => items.push(Box::new(PredefinedMenuItem::separator(app)?)),
            TrayEntry::Item {
                action,
                label,
                enabled,
                checked: Some(checked),
            } => items.push(Box::new(CheckMenuItem::with_id(
                app,
                action.id(),
                label,
                *enabled,
                *checked,
                None::<&str>,
            )?)),
            TrayEntry::Item {
                action,
                label,
                enabled,
                checked: None,
            } => items.push(Box::new(MenuItem::with_id(
                app,
                action.id(),
                label,
                *enabled,
                None::<&str>,
            )?)),
        }
    }
    let refs: Vec<&dyn IsMenuItem<R>> = items.iter().map(|item| item.as_ref()).collect();
    Menu::with_items(app, &refs)
}

fn on_menu_event<R: Runtime>(app: &AppHandle<R>, id: &str) {
    let Some(action) = TrayAction::from_id(id) else {
        return;
    };
    tracing::debug!(?action, "tray menu chosen");
    match action {
        TrayAction::Open => window::show_main(app),
        // Runs start from Home until the scheduler exists; the item is only
        // enabled once a profile does.
        TrayAction::SyncNow => window::show_main(app),
        TrayAction::TogglePause => {
            if let Err(err) = toggle_pause(app) {
                tracing::warn!("pause toggle failed: {err}");
            }
        }
        TrayAction::Quit => app.exit(0),
    }
}

fn toggle_pause<R: Runtime>(app: &AppHandle<R>) -> AppResult<()> {
    let state = crate::state(app);
    let status = state.with_db(|db| {
        settings::set_sync_paused(db, !settings::sync_paused(db)?)?;
        HomeStatus::read(db)
    })?;
    status_changed(app, status);
    Ok(())
}

/// Tell the tray and the UI that the status changed.
pub fn status_changed<R: Runtime>(app: &AppHandle<R>, status: HomeStatus) {
    refresh(app);
    if let Err(err) = StatusChanged(status).emit(app) {
        tracing::warn!("status event not delivered: {err}");
    }
}
