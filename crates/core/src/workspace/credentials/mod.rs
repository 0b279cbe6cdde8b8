//! Credentials (DESIGN §4, seeds 000 and 002): metadata in SQLite, the
//! secret only in the OS keychain (service = bundle identifier, account =
//! the row's `secret_account`, a fresh random name per secret).
//!
//! The order of every change keeps the two stores consistent: the keychain
//! is written first, then the rows change all-or-nothing, and an entry is
//! deleted only after no row points at it any more. So a failure at any
//! step leaves either the old state or the new one, and never loses a
//! secret that a row still needs.

mod expiry;
pub mod export;
pub mod file_format;
pub mod import;
mod import_plan;
mod kinds;
mod model;
pub mod oauth;
mod service;
pub(crate) mod side;
mod store;
mod validate;
pub mod verify;

use time::OffsetDateTime;

use kakehashi_secrets::{SecretStore, Sensitive};

pub use expiry::{
    alerts, blocking_credential, expiry_of, mark_reminded, reminders_due, REMINDER_THRESHOLDS,
    SOON_DAYS,
};
pub use kinds::all as kinds;
pub use model::{
    Credential, CredentialAlert, CredentialEdit, CredentialInput, CredentialKind, Expiry, KindInfo,
    LoginField, OAuthInfo, OAuthRegistration, Reminder, ReplacedService, Saved, SecretField,
    Verification,
};
pub use oauth::{plan_sign_in, plan_sign_out, OAuthSignInInput, SignInPlan, SignOutPlan};
pub use verify::{verify, VerifyCheck, VerifyOutcome};

use crate::store::Database;
use crate::workspace::servers;
use crate::{clock, AppError, AppResult};
use store::Row;

/// Adds a token, password or key credential: validated, the secret in the
/// keychain, the row in SQLite. With `is_service` it becomes the server's
/// service credential and replaces the previous one (`Saved::replaced`).
pub fn add(
    db: &Database,
    secrets: &dyn SecretStore,
    input: &CredentialInput,
    now: OffsetDateTime,
) -> AppResult<Saved> {
    if input.kind.is_oauth() {
        return Err(AppError::validation(
            "kind",
            "An OAuth 2.0 credential is created by signing in through the browser (Credentials → Sign in), not by pasting a secret.",
        ));
    }
    let server = servers::get(db, input.server_id)?;
    validate::fits(input.kind, &server)?;
    let label = validate::label(&input.label)?;
    let login = validate::login(input.kind, input.login.as_deref())?;
    let expires_at =
        validate::expiry_or_default(input.kind, input.expires_at.as_deref(), today(now))?;
    let secret = validate::secret(input.kind, &input.secret)?;

    let account = new_secret_account();
    secrets.set(&account, &secret)?;
    let created = db.atomic(|| {
        let id = store::insert(
            db,
            &store::NewRow {
                server_id: server.id,
                kind: input.kind,
                label: &label,
                login: login.as_deref(),
                secret_account: &account,
                created_at: &clock::rfc3339(now)?,
                expires_at: expires_at.as_deref(),
                oauth_client_id: None,
                oauth_redirect_port: None,
                scopes: None,
            },
        )?;
        let displaced = if input.is_service {
            service::take_over(db, server.id, id)?
        } else {
            None
        };
        Ok((id, displaced))
    });
    let (id, displaced) = match created {
        Ok(created) => created,
        Err(err) => {
            forget_secret(secrets, &account, "a credential that could not be saved");
            return Err(err);
        }
    };
    let replaced = service::forget(secrets, displaced);
    Ok(Saved {
        credential: get(db, secrets, id, now)?,
        replaced,
    })
}

/// Registers an OAuth 2.0 credential before anyone signs in: the row only,
/// no keychain entry (it shows as signed out). The OAuth sign-in stores the
/// tokens under its `secret_account` afterwards.
pub fn add_oauth(
    db: &Database,
    secrets: &dyn SecretStore,
    registration: &OAuthRegistration,
    now: OffsetDateTime,
) -> AppResult<Saved> {
    let kind = registration.kind;
    if !kind.is_oauth() {
        return Err(AppError::validation(
            "kind",
            format!(
                "{} is not an OAuth 2.0 kind: add it with its secret.",
                kind.as_str()
            ),
        ));
    }
    let server = servers::get(db, registration.server_id)?;
    validate::fits(kind, &server)?;
    let label = validate::label(&registration.label)?;
    let client_id = validate::client_id(&registration.client_id)?;
    if registration.redirect_port < 1024 {
        return Err(AppError::validation(
            "redirectPort",
            "Choose a redirect port between 1024 and 65535, the one registered with the provider.",
        ));
    }
    let scopes = registration
        .scopes
        .as_deref()
        .map(str::trim)
        .filter(|scopes| !scopes.is_empty());
    let account = new_secret_account();
    let (id, displaced) = db.atomic(|| {
        let id = store::insert(
            db,
            &store::NewRow {
                server_id: server.id,
                kind,
                label: &label,
                login: None,
                secret_account: &account,
                created_at: &clock::rfc3339(now)?,
                expires_at: None,
                oauth_client_id: Some(&client_id),
                oauth_redirect_port: Some(registration.redirect_port),
                scopes,
            },
        )?;
        let displaced = if registration.is_service {
            service::take_over(db, server.id, id)?
        } else {
            None
        };
        Ok((id, displaced))
    })?;
    let replaced = service::forget(secrets, displaced);
    Ok(Saved {
        credential: get(db, secrets, id, now)?,
        replaced,
    })
}

/// Changes label, login, expiry and the service flag. A new expiry date
/// starts the reminders over; a new login forgets the last verification.
pub fn edit(
    db: &Database,
    secrets: &dyn SecretStore,
    id: u32,
    edit: &CredentialEdit,
    now: OffsetDateTime,
) -> AppResult<Saved> {
    let row = store::row(db, id)?;
    let label = validate::label(&edit.label)?;
    let login = validate::login(row.kind, edit.login.as_deref())?;
    let wanted = edit
        .expires_at
        .as_deref()
        .map(str::trim)
        .filter(|date| !date.is_empty());
    // An unchanged date may lie in the past (the credential has expired);
    // a new one must not.
    let expires_at = if wanted == row.expires_at.as_deref() {
        row.expires_at.clone()
    } else {
        validate::expiry(row.kind, wanted, today(now), false)?
    };
    let displaced = db.atomic(|| {
        store::update_details(db, id, &label, login.as_deref(), expires_at.as_deref())?;
        if expires_at != row.expires_at {
            store::clear_reminders(db, id)?;
        }
        if login != row.login {
            store::clear_verification(db, id)?;
        }
        match (edit.is_service, row.is_service) {
            (true, false) => service::take_over(db, row.server_id, id),
            (false, true) => store::set_service(db, id, false).map(|()| None),
            _ => Ok(None),
        }
    })?;
    let replaced = service::forget(secrets, displaced);
    Ok(Saved {
        credential: get(db, secrets, id, now)?,
        replaced,
    })
}

/// Replaces the secret (a new token after the old one expired or leaked).
/// The new secret goes to a new keychain entry first, then the row is
/// switched over, and only then is the old entry deleted — if any step
/// fails, the old secret is still there and still in use. The reminders and
/// the last verification start over; `expires_at` none means the kind's
/// default life (Assets: 90 days) or no expiry.
pub fn rotate(
    db: &Database,
    secrets: &dyn SecretStore,
    id: u32,
    secret: &Sensitive<String>,
    expires_at: Option<&str>,
    now: OffsetDateTime,
) -> AppResult<Credential> {
    let row = store::row(db, id)?;
    if row.kind.is_oauth() {
        return Err(AppError::validation(
            "kind",
            "An OAuth 2.0 credential gets new tokens by signing in again (Switch account), not by pasting a secret.",
        ));
    }
    let secret = validate::secret(row.kind, secret)?;
    let expires_at = validate::expiry_or_default(row.kind, expires_at, today(now))?;
    let account = new_secret_account();
    secrets.set(&account, &secret)?;
    let swapped = db.atomic(|| {
        store::swap_secret(db, id, &account, expires_at.as_deref())?;
        store::clear_verification(db, id)?;
        store::clear_reminders(db, id)
    });
    if let Err(err) = swapped {
        forget_secret(secrets, &account, "a rotation that could not be saved");
        return Err(err);
    }
    forget_secret(secrets, &row.secret_account, "the rotated-out secret");
    get(db, secrets, id, now)
}

/// Removes the credential and its keychain entry, together: if the keychain
/// cannot delete the entry, the row stays too. Connection sides that named
/// it fall back to the server's service credential.
pub fn remove(db: &Database, secrets: &dyn SecretStore, id: u32) -> AppResult<()> {
    let row = store::row(db, id)?;
    db.atomic(|| {
        store::delete(db, id)?;
        secrets.delete(&row.secret_account)?;
        Ok(())
    })
}

pub fn get(
    db: &Database,
    secrets: &dyn SecretStore,
    id: u32,
    now: OffsetDateTime,
) -> AppResult<Credential> {
    present(db, secrets, store::row(db, id)?, now)
}

/// Every credential, by server name and label. Never a secret.
pub fn list(
    db: &Database,
    secrets: &dyn SecretStore,
    now: OffsetDateTime,
) -> AppResult<Vec<Credential>> {
    store::rows(db)?
        .into_iter()
        .map(|row| present(db, secrets, row, now))
        .collect()
}

/// The secret, for the code that sends it to the server.
pub fn secret(db: &Database, secrets: &dyn SecretStore, id: u32) -> AppResult<Sensitive<String>> {
    secret_of(secrets, &store::row(db, id)?)
}

/// The keychain account holding the credential's secret (for OAuth kinds:
/// the token document the OAuth module keeps there).
pub fn secret_account(db: &Database, id: u32) -> AppResult<String> {
    Ok(store::row(db, id)?.secret_account)
}

/// Ids and labels, for screens that only name credentials.
pub(crate) fn labels(db: &Database) -> AppResult<Vec<(u32, String)>> {
    store::labels(db)
}

/// The ids of a server's credentials (removing a server removes them).
pub(crate) fn on_server(db: &Database, server_id: u32) -> AppResult<Vec<u32>> {
    Ok(store::rows(db)?
        .into_iter()
        .filter(|row| row.server_id == server_id)
        .map(|row| row.id)
        .collect())
}

fn present(
    db: &Database,
    secrets: &dyn SecretStore,
    row: Row,
    now: OffsetDateTime,
) -> AppResult<Credential> {
    let used_by = store::used_by(db, &row)?;
    let oauth = row.kind.is_oauth().then(|| {
        let port = row.oauth_redirect_port.unwrap_or_default();
        OAuthInfo {
            client_id: row.oauth_client_id.clone().unwrap_or_default(),
            redirect_port: port,
            redirect_url: crate::oauth::redirect_url(port),
            signed_in: signed_in(secrets, &row),
        }
    });
    let verification = match row.verify_ok {
        None => Verification::Never,
        Some(true) => Verification::Verified {
            at: row.last_verified_at.unwrap_or_default(),
            identity: row.identity.unwrap_or_default(),
        },
        Some(false) => Verification::Failed {
            at: row.last_verified_at.unwrap_or_default(),
            code: row.verify_code.unwrap_or_default(),
            message: row.verify_message.unwrap_or_default(),
        },
    };
    Ok(Credential {
        id: row.id,
        server_id: row.server_id,
        server_name: row.server_name,
        server_url: row.server_url,
        kind: row.kind,
        label: row.label,
        login: row.login,
        is_service: row.is_service,
        created_at: row.created_at,
        expiry: expiry_of(row.expires_at.as_deref(), now),
        expires_at: row.expires_at,
        verification,
        oauth,
        used_by,
    })
}

/// An OAuth credential is signed in while the keychain holds its tokens. A
/// keychain that cannot be asked shows it as signed out (the list stays
/// usable; signing in will then report the keychain's problem).
fn signed_in(secrets: &dyn SecretStore, row: &Row) -> bool {
    match secrets.get(&row.secret_account) {
        Ok(found) => found.is_some(),
        Err(err) => {
            tracing::warn!(credential = row.id, "could not read the keychain: {err}");
            false
        }
    }
}

fn secret_of(secrets: &dyn SecretStore, row: &Row) -> AppResult<Sensitive<String>> {
    secrets.get(&row.secret_account)?.ok_or_else(|| {
        AppError::not_found(format!(
            "The keychain has no secret for “{}” any more (it was removed outside Kakehashi). Enter it again with Rotate.",
            row.label
        ))
    })
}

/// Deletes a keychain entry no row needs; a failure only leaves an entry
/// nobody refers to (accounts are never reused), so it is logged, not raised.
fn forget_secret(secrets: &dyn SecretStore, account: &str, what: &str) {
    if let Err(err) = secrets.delete(account) {
        tracing::warn!("the keychain entry of {what} could not be deleted: {err}");
    }
}

/// A keychain account name that no other secret, past or future, uses.
fn new_secret_account() -> String {
    format!("credential-{}", uuid::Uuid::new_v4().simple())
}

/// The calendar day in UTC, the zone expiry dates are counted in.
fn today(now: OffsetDateTime) -> time::Date {
    now.to_offset(time::UtcOffset::UTC).date()
}
