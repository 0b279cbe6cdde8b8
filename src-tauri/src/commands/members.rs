//! TimeTracker NX project members: pick a project, read its members, search
//! users to add, preview and apply staged edits (logged for audit and undo),
//! seed from another project or a Jira project role, import and export CSV.
//!
//! Every command signs in with the server's service credential, does its
//! work with no database lock held, and closes the TimeTracker NX session a
//! password sign-in opened.

use std::future::Future;

use tauri::{AppHandle, State};

use kakehashi_core::members::csv_io::{self, ImportReport};
use kakehashi_core::members::seeding::{self, JiraRole, SeedProposal};
use kakehashi_core::members::users::{self, UserMatches};
use kakehashi_core::members::{
    self, audit, session, AuditEntry, MemberDiff, MembersApplied, MembersView, ProjectMembers,
    ProjectSummary, Staged, UndoProposal,
};
use kakehashi_core::{clock, remote, AppError, AppResult};
use kakehashi_jira::JiraClient;
use kakehashi_secrets::Keychain;
use kakehashi_ttnx::TtnxClient;
use serde::Serialize;

use crate::{downloads, AppState};

/// A file written to the Downloads folder.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFile {
    pub path: String,
    pub rows: u32,
}

/// Runs `work` with the server's TimeTracker NX client, then signs out.
async fn with_ttnx<T, F, Fut>(state: &AppState, server_id: u32, work: F) -> AppResult<T>
where
    F: FnOnce(TtnxClient) -> Fut,
    Fut: Future<Output = AppResult<T>>,
{
    let (_, client) = state.with_db(|db| remote::ttnx_client(db, &Keychain, server_id))?;
    let result = work(client.clone()).await;
    if let Err(err) = client.logout().await {
        tracing::debug!("TimeTracker NX sign-out after a member command failed: {err}");
    }
    result
}

/// Projects whose name or code contains `text` (all of them for "").
#[tauri::command]
#[specta::specta]
pub async fn members_projects(
    state: State<'_, AppState>,
    server_id: u32,
    text: String,
) -> Result<Vec<ProjectSummary>, AppError> {
    with_ttnx(&state, server_id, |client| async move {
        members::search_projects(&client, &text).await
    })
    .await
}

/// A project's members, who is signed in, and whether they may edit.
#[tauri::command]
#[specta::specta]
pub async fn members_load(
    state: State<'_, AppState>,
    server_id: u32,
    project_id: String,
) -> Result<MembersView, AppError> {
    with_ttnx(&state, server_id, |client| async move {
        session::view(&client, &project_id).await
    })
    .await
}

/// Users to add: name, e-mail or organisation contains `query`.
#[tauri::command]
#[specta::specta]
pub async fn members_search_users(
    state: State<'_, AppState>,
    server_id: u32,
    project: ProjectMembers,
    query: String,
    limit: u32,
) -> Result<UserMatches, AppError> {
    with_ttnx(&state, server_id, |client| async move {
        users::search_users(&client, &project, &query, limit).await
    })
    .await
}

/// What the staged edits will change; a bad edit is refused with its fix.
/// Nothing is sent to the server.
#[tauri::command]
#[specta::specta]
pub async fn members_preview(base: ProjectMembers, staged: Staged) -> Result<MemberDiff, AppError> {
    staged.validate(&base)?;
    Ok(staged.preview(&base))
}

/// Checks nobody changed the members since `base`, applies, reads back,
/// and logs what really changed.
#[tauri::command]
#[specta::specta]
pub async fn members_apply(
    state: State<'_, AppState>,
    server_id: u32,
    base: ProjectMembers,
    staged: Staged,
) -> Result<MembersApplied, AppError> {
    let state = &state;
    let applied = with_ttnx(state, server_id, |client| async move {
        session::apply_and_log(&client, server_id, &base, &staged, |who, report| {
            state.with_db(|db| audit::record(db, who, report))
        })
        .await
    })
    .await?;
    tracing::info!(audit_id = ?applied.audit_id, "project members applied");
    Ok(applied)
}

/// The members of another project of the same server, matched to `target`.
#[tauri::command]
#[specta::specta]
pub async fn members_copy_from_project(
    state: State<'_, AppState>,
    server_id: u32,
    target: ProjectMembers,
    source_project_id: String,
) -> Result<SeedProposal, AppError> {
    with_ttnx(&state, server_id, |client| async move {
        seeding::from_project(&client, &target, &source_project_id).await
    })
    .await
}

/// The roles of a Jira project, to seed members from one.
#[tauri::command]
#[specta::specta]
pub async fn members_jira_roles(
    state: State<'_, AppState>,
    jira_server_id: u32,
    jira_project: String,
) -> Result<Vec<JiraRole>, AppError> {
    let jira = jira_client(&state, jira_server_id).await?;
    seeding::jira_roles(&jira, &jira_project).await
}

/// The people of a Jira project role, matched to TimeTracker NX users.
#[tauri::command]
#[specta::specta]
pub async fn members_seed_from_jira_role(
    state: State<'_, AppState>,
    server_id: u32,
    target: ProjectMembers,
    jira_server_id: u32,
    jira_project: String,
    role_id: String,
) -> Result<SeedProposal, AppError> {
    let jira = jira_client(&state, jira_server_id).await?;
    with_ttnx(&state, server_id, |client| async move {
        seeding::from_jira_role(&client, &target, &jira, &jira_project, &role_id).await
    })
    .await
}

/// Reads a CSV of (login name or e-mail, unit cost) into staged edits and
/// a report of every row; nothing is applied.
#[tauri::command]
#[specta::specta]
pub async fn members_import_csv(
    state: State<'_, AppState>,
    server_id: u32,
    target: ProjectMembers,
    text: String,
    remove_missing: bool,
) -> Result<ImportReport, AppError> {
    with_ttnx(&state, server_id, |client| async move {
        csv_io::import_csv(&client, &target, &text, remove_missing).await
    })
    .await
}

/// Writes the members (with e-mail addresses) as CSV to the Downloads folder.
#[tauri::command]
#[specta::specta]
pub async fn members_export_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    server_id: u32,
    members: ProjectMembers,
) -> Result<ExportedFile, AppError> {
    let directory = with_ttnx(&state, server_id, |client| async move {
        users::user_directory(&client).await
    })
    .await?;
    let text = csv_io::export_members_csv(&members, Some(&directory));
    let stem = format!(
        "kakehashi-members-{}-{}",
        file_safe(
            members
                .project
                .code
                .as_deref()
                .unwrap_or(&members.project.id)
        ),
        clock::now().date()
    );
    write_export(&app, &stem, &text, members.members.len())
}

/// Every logged apply, newest first.
#[tauri::command]
#[specta::specta]
pub async fn member_audit_list(state: State<'_, AppState>) -> Result<Vec<AuditEntry>, AppError> {
    state.with_db(|db| audit::list(db, None))
}

/// The whole member audit log as CSV in the Downloads folder.
#[tauri::command]
#[specta::specta]
pub async fn member_audit_export(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<ExportedFile, AppError> {
    let entries = state.with_db(|db| audit::list(db, None))?;
    let text = audit::export_csv(&entries);
    let rows = entries
        .iter()
        .map(|entry| entry.changes.len() + entry.failures.len())
        .sum();
    let stem = format!("kakehashi-member-audit-{}", clock::now().date());
    write_export(&app, &stem, &text, rows)
}

/// The inverse of a logged apply, on the project's members as they are now.
#[tauri::command]
#[specta::specta]
pub async fn members_undo_plan(
    state: State<'_, AppState>,
    audit_id: u32,
) -> Result<UndoProposal, AppError> {
    let state = &state;
    let entry = state.with_db(|db| audit::get(db, audit_id))?;
    with_ttnx(state, entry.server_id, |client| async move {
        session::undo_proposal(&client, &entry, |current| {
            state.with_db(|db| audit::undo_plan(db, audit_id, current))
        })
        .await
    })
    .await
}

/// The Jira server's client; the database is read first and released
/// before the network call.
async fn jira_client(state: &AppState, server_id: u32) -> AppResult<JiraClient> {
    let sign_in = state.with_db(|db| remote::jira_sign_in(db, &Keychain, server_id))?;
    Ok(sign_in.connect().await?.1)
}

fn write_export(app: &AppHandle, stem: &str, text: &str, rows: usize) -> AppResult<ExportedFile> {
    let path = downloads::free_path(app, stem, "csv")?;
    std::fs::write(&path, text).map_err(|err| {
        AppError::internal(format!(
            "Could not write {}: {err}. Free some disk space or check the folder's permissions.",
            path.display()
        ))
    })?;
    tracing::info!(path = %path.display(), rows, "CSV exported");
    Ok(ExportedFile {
        path: path.display().to_string(),
        rows: u32::try_from(rows).unwrap_or(u32::MAX),
    })
}

/// A project code as part of a file name: letters, digits, `-` and `_`.
fn file_safe(text: &str) -> String {
    let safe: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() {
        "project".to_owned()
    } else {
        safe
    }
}
