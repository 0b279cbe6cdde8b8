//! Connections screen and the demo workspace offered on Home.

use tauri::{AppHandle, State};

use kakehashi_core::status::HomeStatus;
use kakehashi_core::workspace::connections::{self, ConnectionOverview};
use kakehashi_core::workspace::{servers, Server};
use kakehashi_core::{demo, AppError};
use kakehashi_secrets::Keychain;

use crate::demo::{label, DemoRuntime};
use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_servers(state: State<'_, AppState>) -> Result<Vec<Server>, AppError> {
    state.with_db(servers::list)
}

#[tauri::command]
#[specta::specta]
pub async fn list_connections(
    state: State<'_, AppState>,
) -> Result<Vec<ConnectionOverview>, AppError> {
    state.with_db(connections::overview)
}

/// "Try the demo workspace": start the simulators inside the app and
/// register them with service credentials in the keychain and connections.
#[tauri::command]
#[specta::specta]
pub async fn start_demo_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
    runtime: State<'_, DemoRuntime>,
) -> Result<HomeStatus, AppError> {
    // Asked again while a demo exists (a second window, a double click that
    // slipped through): refuse before touching the simulators it runs on.
    if state.with_db(demo::summary)?.is_some() {
        return Err(AppError::conflict(
            "The demo workspace exists already; remove it first to start afresh.",
        ));
    }
    let endpoints = runtime.ensure_started().await?;
    let language = crate::preferences::read(&app)?.effective_language;
    let created = state.with_db(|db| demo::create(db, &Keychain, &endpoints, label(language)));
    if let Err(err) = created {
        // Nothing was registered (create rolls back), so nothing needs them.
        runtime.stop().await;
        return Err(err);
    }
    tracing::info!("demo workspace created");
    status_changed(&app, &state)
}

/// Removes the demo servers, their credentials (and keychain entries) and
/// connections, and stops the simulators. Real servers stay.
#[tauri::command]
#[specta::specta]
pub async fn remove_demo_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
    runtime: State<'_, DemoRuntime>,
) -> Result<HomeStatus, AppError> {
    state.with_db(|db| demo::remove(db, &Keychain))?;
    runtime.stop().await;
    tracing::info!("demo workspace removed");
    status_changed(&app, &state)
}

fn status_changed(app: &AppHandle, state: &State<'_, AppState>) -> Result<HomeStatus, AppError> {
    let status = state.with_db(HomeStatus::read)?;
    crate::tray::status_changed(app, status.clone());
    Ok(status)
}
