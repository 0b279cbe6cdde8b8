//! An OAuth 2.0 credential's life in the registry: sign in (a new
//! credential, or "Switch account" on an existing one) and sign out. Each is
//! split into a plan read from the database, the part that waits on the
//! browser or the provider (no database lock held), and the part that
//! records the result, so the desktop app never holds its database across a
//! minutes-long browser wait.

use std::sync::Arc;

use serde::Deserialize;
use time::OffsetDateTime;
use tokio_util::sync::CancellationToken;

use kakehashi_secrets::{SecretStore, Sensitive};

use super::model::{Credential, CredentialKind, OAuthRegistration, Saved};
use super::store;
use crate::oauth::{
    sign_in, sign_out, KeychainTokenStore, Language, OAuthApp, Provider, SignInOptions, SignOut,
    TokenSet,
};
use crate::store::Database;
use crate::workspace::servers;
use crate::{AppError, AppResult};

/// What the sign-in dialog (or `kakehashi credential sign-in`) sends.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OAuthSignInInput {
    pub server_id: u32,
    pub kind: CredentialKind,
    pub label: String,
    pub client_id: String,
    /// Where the application link (Jira) or app (Asana) has one; on "Switch
    /// account" none keeps the stored one.
    pub client_secret: Option<Sensitive<String>>,
    pub redirect_port: u16,
    pub is_service: bool,
    /// "Switch account": sign in again into this credential.
    pub credential_id: Option<u32>,
}

/// Where the tokens of a finished sign-in go.
#[derive(Debug)]
enum Target {
    New(OAuthRegistration),
    Existing { id: u32, account: String },
}

/// A sign-in, read and checked before the browser opens.
#[derive(Debug)]
pub struct SignInPlan {
    provider: Provider,
    app: OAuthApp,
    redirect_port: u16,
    target: Target,
}

/// Checks the input against the server and, for "Switch account", the
/// stored credential, so a mistake is reported before the browser opens.
pub fn plan_sign_in(
    db: &Database,
    secrets: &dyn SecretStore,
    input: &OAuthSignInInput,
) -> AppResult<SignInPlan> {
    match input.credential_id {
        Some(id) => plan_switch_account(db, secrets, id, input.client_secret.clone()),
        None => plan_new(db, input),
    }
}

fn plan_new(db: &Database, input: &OAuthSignInInput) -> AppResult<SignInPlan> {
    let server = servers::get(db, input.server_id)?;
    let provider = Provider::for_server(&server, input.kind)?;
    let client_secret = input
        .client_secret
        .clone()
        .filter(|secret| !secret.expose().trim().is_empty());
    let registration = OAuthRegistration {
        server_id: input.server_id,
        kind: input.kind,
        label: input.label.clone(),
        client_id: input.client_id.trim().to_owned(),
        redirect_port: input.redirect_port,
        is_service: input.is_service,
        scopes: Some(provider.scopes().join(" ")).filter(|scopes| !scopes.is_empty()),
    };
    // The same rules `add_oauth` applies, checked now rather than after the
    // user went through the browser.
    super::validate::label(&registration.label)?;
    super::validate::client_id(&registration.client_id)?;
    Ok(SignInPlan {
        app: OAuthApp {
            client_id: registration.client_id.clone(),
            client_secret,
        },
        redirect_port: input.redirect_port,
        provider,
        target: Target::New(registration),
    })
}

fn plan_switch_account(
    db: &Database,
    secrets: &dyn SecretStore,
    id: u32,
    new_secret: Option<Sensitive<String>>,
) -> AppResult<SignInPlan> {
    let row = store::row(db, id)?;
    let Some((client_id, redirect_port)) = row.oauth().map(|(id, port)| (id.to_owned(), port))
    else {
        return Err(AppError::validation(
            "credentialId",
            format!("Credential {id} is not an OAuth 2.0 credential: rotate its secret instead."),
        ));
    };
    let server = servers::get(db, row.server_id)?;
    let provider = Provider::for_server(&server, row.kind)?;
    let stored = KeychainTokenStore::new(secrets.shared(), row.secret_account.clone());
    let client_secret = match new_secret.filter(|secret| !secret.expose().trim().is_empty()) {
        Some(secret) => Some(secret),
        None => stored.client_secret()?,
    };
    Ok(SignInPlan {
        provider,
        app: OAuthApp {
            client_id,
            client_secret,
        },
        redirect_port,
        target: Target::Existing {
            id,
            account: row.secret_account,
        },
    })
}

impl SignInPlan {
    /// The exact redirect URL the provider must have registered.
    pub fn redirect_url(&self) -> String {
        crate::oauth::redirect_url(self.redirect_port)
    }

    /// Whether the provider wants a client secret this plan does not have
    /// yet (Asana; on "Switch account" the stored one counts).
    pub fn needs_client_secret(&self) -> bool {
        self.provider.needs_client_secret() && self.app.client_secret.is_none()
    }

    /// Opens the browser through `open_browser` and waits for the provider
    /// to send it back (or for `cancel`, or the time-out).
    pub async fn run(
        &self,
        language: Language,
        open_browser: impl FnOnce(&str) -> AppResult<()>,
        cancel: &CancellationToken,
    ) -> AppResult<TokenSet> {
        let options = SignInOptions::new(self.redirect_port, language);
        sign_in(&self.provider, &self.app, &options, open_browser, cancel).await
    }

    /// Stores the tokens: a new credential gets its row and keychain entry
    /// (the row is removed again if the keychain refuses); "Switch account"
    /// replaces the tokens of the existing one and forgets its last check,
    /// which was about the previous account.
    pub fn finish(
        self,
        db: &Database,
        secrets: &dyn SecretStore,
        tokens: &TokenSet,
        now: OffsetDateTime,
    ) -> AppResult<Saved> {
        let client_secret = self.app.client_secret.as_ref();
        match self.target {
            Target::New(registration) => {
                let saved = super::add_oauth(db, secrets, &registration, now)?;
                let id = saved.credential.id;
                let account = super::secret_account(db, id)?;
                let store = KeychainTokenStore::new(secrets.shared(), account);
                if let Err(err) = store.write(tokens, client_secret) {
                    let _ = super::remove(db, secrets, id);
                    return Err(err);
                }
                Ok(Saved {
                    credential: super::get(db, secrets, id, now)?,
                    replaced: saved.replaced,
                })
            }
            Target::Existing { id, account } => {
                KeychainTokenStore::new(secrets.shared(), account).write(tokens, client_secret)?;
                store::clear_verification(db, id)?;
                Ok(Saved {
                    credential: super::get(db, secrets, id, now)?,
                    replaced: None,
                })
            }
        }
    }
}

/// A sign-out, read before the provider is asked to revoke.
#[derive(Debug)]
pub struct SignOutPlan {
    id: u32,
    provider: Provider,
    client_id: String,
    redirect_port: u16,
    store: Arc<KeychainTokenStore>,
}

pub fn plan_sign_out(db: &Database, secrets: &dyn SecretStore, id: u32) -> AppResult<SignOutPlan> {
    let row = store::row(db, id)?;
    let Some((client_id, redirect_port)) = row.oauth().map(|(id, port)| (id.to_owned(), port))
    else {
        return Err(AppError::validation(
            "credentialId",
            format!("Credential {id} is not an OAuth 2.0 credential: there is nothing to sign out of. Remove it instead."),
        ));
    };
    let server = servers::get(db, row.server_id)?;
    Ok(SignOutPlan {
        id,
        provider: Provider::for_server(&server, row.kind)?,
        client_id,
        redirect_port,
        store: Arc::new(KeychainTokenStore::new(
            secrets.shared(),
            row.secret_account,
        )),
    })
}

impl SignOutPlan {
    /// Revokes where the provider can, then forgets the tokens. A failed
    /// revocation keeps them, so Sign out can be tried again.
    pub async fn run(&self) -> AppResult<SignOut> {
        sign_out(
            &self.provider,
            &self.client_id,
            self.redirect_port,
            &self.store,
        )
        .await
    }

    /// The credential as it is now: signed out, its last check forgotten.
    pub fn finish(
        self,
        db: &Database,
        secrets: &dyn SecretStore,
        now: OffsetDateTime,
    ) -> AppResult<Credential> {
        store::clear_verification(db, self.id)?;
        super::get(db, secrets, self.id, now)
    }
}
