//! The connection wizards and Test connection: find a server from a pasted
//! URL, register it, trust its certificate, test both sides with live
//! progress, save the connection, test it again later, remove it.

use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use kakehashi_core::connection_test::{self, ConnectionTestReport, TestProgress, TestTarget};
use kakehashi_core::language::Language;
use kakehashi_core::remote::{self, DetectedServer};
use kakehashi_core::workspace::connections::{
    self, Connection, ConnectionSide, Direction, NewConnection,
};
use kakehashi_core::workspace::{servers, NewServer, Server, ServerKind, ServerProxy, ServerTls};
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;
use serde::{Deserialize, Serialize};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::AppState;

/// What the wizard knows about a server once it was detected.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ServerInput {
    pub kind: ServerKind,
    pub name: String,
    pub base_url: String,
    pub alt_url: Option<String>,
    /// The certificate the admin chose to trust while detecting, if any.
    pub trusted_fingerprint: Option<String>,
}

/// A connection as the wizard's last steps describe it.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionInput {
    pub name: String,
    pub left: ConnectionSide,
    pub right: ConnectionSide,
    pub direction: Direction,
}

/// Normalises what the admin pasted and asks the server what it is, without
/// signing in; nothing is stored.
#[tauri::command]
#[specta::specta]
pub async fn detect_server(
    url: String,
    alt_url: Option<String>,
    expected: Option<ServerKind>,
) -> Result<DetectedServer, AppError> {
    remote::detect(&url, alt_url.as_deref(), expected).await
}

/// Registers a server, or returns the one already registered with the same
/// kind and address (the wizard must not make duplicates when run twice).
#[tauri::command]
#[specta::specta]
pub async fn add_server(
    state: State<'_, AppState>,
    input: ServerInput,
) -> Result<Server, AppError> {
    state.with_db(|db| {
        let server = servers::add_or_reuse(
            db,
            &NewServer {
                kind: input.kind,
                name: input.name.clone(),
                base_url: input.base_url.clone(),
                alt_url: input.alt_url.clone(),
                time_zone: None,
                is_demo: false,
                tls: ServerTls {
                    extra_ca_pem: None,
                    pinned_fingerprint: input.trusted_fingerprint.clone(),
                },
                proxy: ServerProxy::System,
            },
        )?;
        tracing::info!(server = server.id, "server registered from the wizard");
        Ok(server)
    })
}

#[tauri::command]
#[specta::specta]
pub async fn trust_certificate(
    state: State<'_, AppState>,
    server_id: u32,
    fingerprint: String,
) -> Result<Server, AppError> {
    state.with_db(|db| connection_test::trust_certificate(db, server_id, &fingerprint))
}

/// Tests two sides before the connection exists (wizard step 4). The result
/// is kept per server and credential, so it becomes the connection's last
/// test once the connection is saved.
#[tauri::command]
#[specta::specta]
pub async fn test_connection_draft(
    app: AppHandle,
    state: State<'_, AppState>,
    left: ConnectionSide,
    right: ConnectionSide,
    on_progress: Channel<TestProgress>,
) -> Result<ConnectionTestReport, AppError> {
    run_test(&app, &state, TestTarget::Draft { left, right }, on_progress).await
}

/// Test connection from the list, at any time.
#[tauri::command]
#[specta::specta]
pub async fn test_connection(
    app: AppHandle,
    state: State<'_, AppState>,
    connection_id: u32,
    on_progress: Channel<TestProgress>,
) -> Result<ConnectionTestReport, AppError> {
    run_test(
        &app,
        &state,
        TestTarget::Connection(connection_id),
        on_progress,
    )
    .await
}

/// Reads under the database lock, tests with no lock held (both servers may
/// take seconds), then records.
async fn run_test(
    app: &AppHandle,
    state: &State<'_, AppState>,
    target: TestTarget,
    on_progress: Channel<TestProgress>,
) -> Result<ConnectionTestReport, AppError> {
    let language = language(app)?;
    let plan = state.with_db(|db| connection_test::prepare(db, &Keychain, target))?;
    let progress = move |event: TestProgress| {
        // The window may have closed meanwhile; the test still finishes and
        // is recorded.
        if let Err(err) = on_progress.send(event) {
            tracing::debug!("test progress not delivered: {err}");
        }
    };
    let recorded = plan.run(language, &progress).await;
    state.with_db(|db| connection_test::record(db, &recorded))?;
    let report = recorded.report(language);
    tracing::info!(outcome = ?report.outcome, "connection tested");
    Ok(report)
}

#[tauri::command]
#[specta::specta]
pub async fn last_connection_test(
    app: AppHandle,
    state: State<'_, AppState>,
    connection_id: u32,
) -> Result<Option<ConnectionTestReport>, AppError> {
    let language = language(&app)?;
    state.with_db(|db| connection_test::last(db, connection_id, language))
}

/// The report as plain text in the UI language, without secrets.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CopiedReport {
    pub text: String,
    /// False when the system clipboard refused: the UI then shows the text
    /// to copy by hand.
    pub copied: bool,
}

/// Copy report: written to the system clipboard from here (the webview's
/// clipboard API is not available on every platform's webview).
#[tauri::command]
#[specta::specta]
pub async fn copy_connection_test_report(
    app: AppHandle,
    report: ConnectionTestReport,
) -> Result<CopiedReport, AppError> {
    let text = connection_test::report_text(&report, language(&app)?);
    let copied = match app.clipboard().write_text(text.clone()) {
        Ok(()) => true,
        Err(err) => {
            tracing::warn!("the clipboard refused the test report: {err}");
            false
        }
    };
    Ok(CopiedReport { text, copied })
}

#[tauri::command]
#[specta::specta]
pub async fn create_connection(
    state: State<'_, AppState>,
    input: ConnectionInput,
) -> Result<Connection, AppError> {
    let connection = state.with_db(|db| {
        connections::add(
            db,
            &NewConnection {
                name: input.name,
                left: input.left,
                right: input.right,
                direction: input.direction,
            },
        )
    })?;
    tracing::info!(connection = connection.id, "connection created");
    Ok(connection)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_connection(
    state: State<'_, AppState>,
    connection_id: u32,
) -> Result<(), AppError> {
    state.with_db(|db| connections::remove(db, connection_id))?;
    tracing::info!(connection = connection_id, "connection removed");
    Ok(())
}

fn language(app: &AppHandle) -> Result<Language, AppError> {
    Ok(crate::preferences::read(app)?.effective_language)
}
