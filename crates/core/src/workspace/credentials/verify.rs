//! "Verify": sign in to the real server with the credential and record who
//! it signed in as, or why it failed. Split in three so the desktop app can
//! hold the database lock only while reading and recording, never across
//! the network call: [`prepare`] (database + keychain), [`VerifyCheck::run`]
//! (network only, `Send`), [`record`] (database). [`verify`] runs all three.

use time::OffsetDateTime;

use kakehashi_http::Endpoint;
use kakehashi_secrets::SecretStore;

use super::model::Credential;
use super::store::Row;
use super::{present, secret_of, store};
use crate::remote::credentials::{
    check_endpoint, client_credentials, not_verifiable, oauth_client_credentials, who_am_i,
    OAuthRegistered,
};
use crate::remote::{ClientCredentials, Identity};
use crate::store::Database;
use crate::workspace::{servers, Server};
use crate::{clock, AppError, AppResult};

/// Everything one check needs, read out of the database and the keychain.
#[derive(Debug)]
pub struct VerifyCheck {
    credential_id: u32,
    endpoint: Endpoint,
    credentials: ClientCredentials,
}

/// The answer of one check.
#[derive(Debug, Clone)]
pub struct VerifyOutcome {
    pub credential_id: u32,
    pub result: Result<Identity, AppError>,
}

/// Reads the credential, its server and its secret. Fails (and records
/// nothing) when there is nothing to check with: an Assets Data Manager
/// token, an OAuth credential not signed in, a secret missing from the
/// keychain, or a keychain that cannot be reached.
pub fn prepare(db: &Database, secrets: &dyn SecretStore, id: u32) -> AppResult<VerifyCheck> {
    let row = store::row(db, id)?;
    if !row.kind.info().verifiable {
        return Err(not_verifiable(row.kind));
    }
    let server = servers::get(db, row.server_id)?;
    let signing = signing(secrets, &row, &server)?;
    Ok(VerifyCheck {
        credential_id: id,
        endpoint: check_endpoint(&server)?,
        credentials: signing.credentials,
    })
}

/// What requests made with a credential are signed with.
pub(super) struct Signing {
    pub credentials: ClientCredentials,
    /// The secret has the shape of an Atlassian Cloud API token (they all
    /// start with `ATATT`), so a refusal by Data Center, or by Cloud of
    /// another shape, can be explained as the wrong kind of secret. Only
    /// this flag leaves here, never the secret.
    pub cloud_token_shape: bool,
}

/// The client credential of `row` on `server`: its secret from the
/// keychain, or for OAuth kinds the signed-in tokens (refreshed through
/// the vendor client). Fails when there is nothing to sign with.
pub(super) fn signing(secrets: &dyn SecretStore, row: &Row, server: &Server) -> AppResult<Signing> {
    if row.kind.is_oauth() {
        let Some((client_id, redirect_port)) = row.oauth() else {
            return Err(AppError::internal(format!(
                "OAuth credential {} was stored without its client ID or redirect port; remove it and sign in again.",
                row.id
            )));
        };
        let registered = OAuthRegistered {
            secret_account: &row.secret_account,
            client_id,
            redirect_port,
        };
        return Ok(Signing {
            credentials: oauth_client_credentials(server, row.kind, &registered, secrets)?,
            cloud_token_shape: false,
        });
    }
    let secret = secret_of(secrets, row)?;
    Ok(Signing {
        credentials: client_credentials(row.kind, row.login.as_deref(), &secret)?,
        cloud_token_shape: secret.expose().trim().starts_with("ATATT"),
    })
}

impl VerifyCheck {
    /// Signs in and asks who that is. Never fails: a refusal is the outcome.
    pub async fn run(self) -> VerifyOutcome {
        let result = who_am_i(self.endpoint, self.credentials).await;
        if let Err(err) = &result {
            tracing::info!(
                credential = self.credential_id,
                code = err.code(),
                "credential check failed: {err}"
            );
        }
        VerifyOutcome {
            credential_id: self.credential_id,
            result,
        }
    }
}

/// Stores the outcome as the credential's last verification.
pub fn record(
    db: &Database,
    secrets: &dyn SecretStore,
    outcome: &VerifyOutcome,
    now: OffsetDateTime,
) -> AppResult<Credential> {
    let at = clock::rfc3339(now)?;
    let id = outcome.credential_id;
    match &outcome.result {
        Ok(identity) => store::record_verification(db, id, &at, Ok(&identity.to_string()))?,
        Err(err) => store::record_verification(db, id, &at, Err((err.code(), &err.to_string())))?,
    }
    present(db, secrets, store::row(db, id)?, now)
}

/// Checks the credential against its server now and records the result.
/// A refusal by the server is not an error here: the returned credential's
/// `verification` is `Failed` with the reason.
pub async fn verify(
    db: &Database,
    secrets: &dyn SecretStore,
    id: u32,
    now: OffsetDateTime,
) -> AppResult<Credential> {
    let outcome = prepare(db, secrets, id)?.run().await;
    record(db, secrets, &outcome, now)
}
