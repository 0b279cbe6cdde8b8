//! Credentials screen and Home's expiry alerts: the token registry over the
//! core. Secrets come in (add, rotate) and never go back out: every command
//! returns the credential's metadata only.
//!
//! Checks against a server run in three steps (read, ask the server,
//! record) so the database is never held while the network is slow.

use tauri::State;

use kakehashi_core::clock;
use kakehashi_core::workspace::credentials::{
    self, verify, Credential, CredentialAlert, CredentialEdit, CredentialInput, KindInfo, Saved,
};
use kakehashi_core::{AppError, AppResult};
use kakehashi_secrets::{Keychain, Sensitive};

use crate::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_credentials(state: State<'_, AppState>) -> Result<Vec<Credential>, AppError> {
    state.with_db(|db| credentials::list(db, &Keychain, clock::now()))
}

#[tauri::command]
#[specta::specta]
pub async fn credential_kinds() -> Result<Vec<KindInfo>, AppError> {
    Ok(credentials::kinds())
}

/// Stores the secret in the keychain and the rest in the database, then
/// checks it against the server at once.
#[tauri::command]
#[specta::specta]
pub async fn add_credential(
    state: State<'_, AppState>,
    input: CredentialInput,
) -> Result<Saved, AppError> {
    let saved = state.with_db(|db| credentials::add(db, &Keychain, &input, clock::now()))?;
    tracing::info!(
        credential = saved.credential.id,
        kind = saved.credential.kind.as_str(),
        "credential added"
    );
    Ok(Saved {
        credential: check_now(&state, saved.credential).await?,
        replaced: saved.replaced,
    })
}

#[tauri::command]
#[specta::specta]
pub async fn edit_credential(
    state: State<'_, AppState>,
    id: u32,
    edit: CredentialEdit,
) -> Result<Saved, AppError> {
    state.with_db(|db| credentials::edit(db, &Keychain, id, &edit, clock::now()))
}

/// Replaces the secret (the old one stays until the new one is stored) and
/// checks the new one at once.
#[tauri::command]
#[specta::specta]
pub async fn rotate_credential(
    state: State<'_, AppState>,
    id: u32,
    secret: Sensitive<String>,
    expires_at: Option<String>,
) -> Result<Credential, AppError> {
    let rotated = state.with_db(|db| {
        credentials::rotate(
            db,
            &Keychain,
            id,
            &secret,
            expires_at.as_deref(),
            clock::now(),
        )
    })?;
    tracing::info!(credential = id, "credential rotated");
    check_now(&state, rotated).await
}

/// Signs in with the credential and records who it is, or why it failed.
#[tauri::command]
#[specta::specta]
pub async fn verify_credential(
    state: State<'_, AppState>,
    id: u32,
) -> Result<Credential, AppError> {
    let check = state.with_db(|db| verify::prepare(db, &Keychain, id))?;
    let outcome = check.run().await;
    state.with_db(|db| verify::record(db, &Keychain, &outcome, clock::now()))
}

#[tauri::command]
#[specta::specta]
pub async fn remove_credential(state: State<'_, AppState>, id: u32) -> Result<(), AppError> {
    state.with_db(|db| credentials::remove(db, &Keychain, id))?;
    tracing::info!(credential = id, "credential removed");
    Ok(())
}

/// Credentials that expire within 14 days or have expired (Home).
#[tauri::command]
#[specta::specta]
pub async fn credential_alerts(
    state: State<'_, AppState>,
) -> Result<Vec<CredentialAlert>, AppError> {
    state.with_db(|db| credentials::alerts(db, clock::now()))
}

/// The exact redirect URL an OAuth app must register for this port.
#[tauri::command]
#[specta::specta]
pub async fn oauth_redirect_url(port: u16) -> Result<String, AppError> {
    Ok(kakehashi_core::oauth::redirect_url(port))
}

/// Checks a credential that was just stored. Kinds that cannot be checked
/// from here (Assets Data Manager tokens) are returned as they are: the
/// credential is saved, and its status says it was never verified.
pub(crate) async fn check_now(
    state: &State<'_, AppState>,
    credential: Credential,
) -> AppResult<Credential> {
    if !credential.kind.info().verifiable {
        return Ok(credential);
    }
    let check = match state.with_db(|db| verify::prepare(db, &Keychain, credential.id)) {
        Ok(check) => check,
        // Saved, but not checkable right now (e.g. its secret vanished):
        // show it as stored; Verify reports the reason.
        Err(err) => {
            tracing::info!(
                credential = credential.id,
                code = err.code(),
                "not checked after saving"
            );
            return Ok(credential);
        }
    };
    let outcome = check.run().await;
    state.with_db(|db| verify::record(db, &Keychain, &outcome, clock::now()))
}
