//! OAuth 2.0 sign-in from the Credentials screen: the system browser opens
//! on the provider's page and the command resolves when the browser comes
//! back to the loopback listener, or when the user presses Cancel.

use std::sync::Mutex;

use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;
use tokio_util::sync::CancellationToken;

use kakehashi_core::clock;
use kakehashi_core::oauth::{Language as PageLanguage, SignOut};
use kakehashi_core::workspace::credentials::{self, Credential, OAuthSignInInput, Saved};
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;
use serde::Serialize;

use crate::i18n::Language;
use crate::AppState;

/// The sign-in waiting for its browser, if any; Cancel ends it.
#[derive(Default)]
pub struct PendingSignIn(Mutex<Option<CancellationToken>>);

impl PendingSignIn {
    /// Starts a new wait, cancelling one still running (a second dialog
    /// would otherwise find the loopback port taken).
    fn begin(&self) -> CancellationToken {
        let token = CancellationToken::new();
        if let Ok(mut pending) = self.0.lock() {
            if let Some(previous) = pending.replace(token.clone()) {
                previous.cancel();
            }
        }
        token
    }

    fn cancel(&self) {
        if let Ok(mut pending) = self.0.lock() {
            if let Some(token) = pending.take() {
                token.cancel();
            }
        }
    }
}

/// Signs in through the system browser and stores the tokens in the
/// keychain: a new credential, or with `credentialId` the same credential
/// on another account ("Switch account"). Checks it at once.
#[tauri::command]
#[specta::specta]
pub async fn sign_in_oauth(
    app: AppHandle,
    state: State<'_, AppState>,
    pending: State<'_, PendingSignIn>,
    input: OAuthSignInInput,
) -> Result<Saved, AppError> {
    let plan = state.with_db(|db| credentials::plan_sign_in(db, &Keychain, &input))?;
    let language = page_language(crate::preferences::read(&app)?.effective_language);
    let cancel = pending.begin();
    let opener = app.clone();
    let tokens = plan
        .run(
            language,
            move |url| {
                opener.opener().open_url(url, None::<&str>).map_err(|err| {
                    AppError::internal(format!(
                        "The system browser could not be opened ({err}). Open Kakehashi's log folder from About for details."
                    ))
                })
            },
            &cancel,
        )
        .await;
    pending.cancel();
    let saved = state.with_db(|db| plan.finish(db, &Keychain, &tokens?, clock::now()))?;
    tracing::info!(credential = saved.credential.id, "signed in with OAuth 2.0");
    Ok(Saved {
        credential: super::credentials::check_now(&state, saved.credential).await?,
        replaced: saved.replaced,
    })
}

/// Ends a sign-in that is waiting for the browser.
#[tauri::command]
#[specta::specta]
pub async fn cancel_oauth_sign_in(pending: State<'_, PendingSignIn>) -> Result<(), AppError> {
    pending.cancel();
    Ok(())
}

/// What Sign out did, and the credential afterwards.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SignedOut {
    pub outcome: SignOut,
    pub credential: Credential,
}

/// Revokes the tokens where the provider can (Asana), forgets them here,
/// and says which of the two happened.
#[tauri::command]
#[specta::specta]
pub async fn sign_out_credential(
    state: State<'_, AppState>,
    id: u32,
) -> Result<SignedOut, AppError> {
    let plan = state.with_db(|db| credentials::plan_sign_out(db, &Keychain, id))?;
    let outcome = plan.run().await?;
    let credential = state.with_db(|db| plan.finish(db, &Keychain, clock::now()))?;
    tracing::info!(credential = id, "signed out");
    Ok(SignedOut {
        outcome,
        credential,
    })
}

fn page_language(language: Language) -> PageLanguage {
    match language {
        Language::Japanese => PageLanguage::Japanese,
        Language::English => PageLanguage::English,
        Language::Swedish => PageLanguage::Swedish,
    }
}
