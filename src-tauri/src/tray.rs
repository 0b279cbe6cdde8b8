//! The system tray: created once, its menu rebuilt from `tray_menu::build`
//! whenever the status or the language changes. On Linux only the menu is
//! used (tray clicks are not delivered there).

use tauri::menu::{CheckMenuItem, IsMenuItem, Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Wry};
use tauri_specta::Event;

use crate::events::StatusChanged;
use crate::live_runs::LiveRuns;
use crate::tray_menu::{self, TrayAction, TrayEntry, TrayInput, TrayProfile};
use crate::window;
use kakehashi_core::status::HomeStatus;
use kakehashi_core::sync::{profile, RunSummary, Trigger};
use kakehashi_core::{settings, AppResult};
use tauri::Manager;

const TRAY_ID: &str = "main";

pub fn create(app: &AppHandle) -> tauri::Result<()> {
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
pub fn exists<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> bool {
    app.tray_by_id(TRAY_ID).is_some()
}

/// Rebuild the menu and tooltip from the current state. Failures are logged,
/// never fatal: the window still works without a tray.
pub fn refresh(app: &AppHandle) {
    if let Err(err) = try_refresh(app) {
        tracing::warn!("tray menu not updated: {err}");
    }
}

fn try_refresh(app: &AppHandle) -> Result<(), String> {
    let (status, profiles) = crate::state(app)
        .with_db(|db| Ok((HomeStatus::read(db)?, profile::list(db)?)))
        .map_err(|e| e.to_string())?;
    let language = crate::preferences::read(app)
        .map(|p| p.effective_language)
        .map_err(|e| e.to_string())?;
    let live = app.state::<LiveRuns>().snapshot();
    let input = TrayInput {
        status,
        profiles: profiles
            .into_iter()
            .map(|p| TrayProfile {
                running: live.get(&p.id).cloned(),
                last: p.last_run.as_ref().and_then(last_result),
                id: p.id,
                name: p.name,
                has_run: p.has_run,
            })
            .collect(),
    };
    let model = tray_menu::build(&input, language);
    let menu = to_menu(app, &model.entries).map_err(|e| e.to_string())?;
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        tray.set_menu(Some(menu)).map_err(|e| e.to_string())?;
        tray.set_tooltip(Some(&model.tooltip))
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A run's outcome and its end in local time: "10:32" today, else the date.
fn last_result(run: &RunSummary) -> Option<(kakehashi_core::sync::RunOutcome, String)> {
    let at = run.finished_at.as_deref().unwrap_or(&run.started_at);
    let local = at
        .parse::<jiff::Timestamp>()
        .ok()?
        .to_zoned(jiff::tz::TimeZone::system());
    let today = jiff::Zoned::now().date();
    let text = if local.date() == today {
        local.strftime("%H:%M").to_string()
    } else {
        local.strftime("%Y-%m-%d %H:%M").to_string()
    };
    Some((run.outcome, text))
}

fn to_menu(app: &AppHandle, entries: &[TrayEntry]) -> tauri::Result<Menu<Wry>> {
    let items = to_items(app, entries)?;
    let refs: Vec<&dyn IsMenuItem<Wry>> = items.iter().map(|item| item.as_ref()).collect();
    Menu::with_items(app, &refs)
}

fn to_items(
    app: &AppHandle,
    entries: &[TrayEntry],
) -> tauri::Result<Vec<Box<dyn IsMenuItem<Wry>>>> {
    let mut items: Vec<Box<dyn IsMenuItem<Wry>>> = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry {
            TrayEntry::Separator => items.push(Box::new(PredefinedMenuItem::separator(app)?)),
            TrayEntry::Submenu { label, entries } => {
                let children = to_items(app, entries)?;
                let refs: Vec<&dyn IsMenuItem<Wry>> =
                    children.iter().map(|item| item.as_ref()).collect();
                items.push(Box::new(Submenu::with_items(app, label, true, &refs)?));
            }
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
    Ok(items)
}

fn on_menu_event(app: &AppHandle, id: &str) {
    let Some(action) = TrayAction::from_id(id) else {
        return;
    };
    tracing::debug!(?action, "tray menu chosen");
    match action {
        TrayAction::Open => window::show_main(app),
        TrayAction::SyncNow => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                match crate::sync_launch::start_all(&app, Trigger::Tray).await {
                    Ok(result) => {
                        tracing::info!(started = result.started.len(), "sync now from the tray")
                    }
                    Err(err) => tracing::warn!("sync now from the tray failed: {err}"),
                }
            });
        }
        TrayAction::SyncProfile(profile_id) => {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                if let Err(err) =
                    crate::sync_launch::start_run(&app, profile_id, Trigger::Tray, false).await
                {
                    tracing::warn!(profile_id, "sync from the tray failed: {err}");
                }
            });
        }
        TrayAction::TogglePause => {
            if let Err(err) = toggle_pause(app) {
                tracing::warn!("pause toggle failed: {err}");
            }
        }
        TrayAction::Quit => app.exit(0),
    }
}

fn toggle_pause(app: &AppHandle) -> AppResult<()> {
    let state = crate::state(app);
    let status = state.with_db(|db| {
        settings::set_sync_paused(db, !settings::sync_paused(db)?)?;
        HomeStatus::read(db)
    })?;
    crate::scheduler_task::set_paused(app, status.sync_paused);
    status_changed(app, status);
    Ok(())
}

/// Tell the tray and the UI that the status changed.
pub fn status_changed(app: &AppHandle, status: HomeStatus) {
    refresh(app);
    if let Err(err) = StatusChanged(status).emit(app) {
        tracing::warn!("status event not delivered: {err}");
    }
}
