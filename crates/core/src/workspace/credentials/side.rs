//! The credential a connection side signs in with — its own, or else the
//! server's service credential — read for the connection test, which
//! reports a missing or unusable credential as a finding instead of
//! failing, so every problem of a side shows in one checklist.

use kakehashi_secrets::SecretStore;

use super::model::CredentialKind;
use super::{service, store, verify};
use crate::remote::ClientCredentials;
use crate::store::Database;
use crate::workspace::Server;
use crate::{AppError, AppResult};

/// A side's credential, everything read that its check needs.
#[derive(Debug)]
pub(crate) struct SideCredential {
    pub id: u32,
    pub label: String,
    pub kind: CredentialKind,
    pub login: Option<String>,
    /// The OAuth scopes it was registered with (`None`: the provider's default).
    pub scopes: Option<String>,
    /// What requests are signed with, or why there is nothing to sign with
    /// (not signed in, secret gone from the keychain, a kind that cannot
    /// sign in to the REST API).
    pub signing: Result<ClientCredentials, AppError>,
    /// See `verify::Signing::cloud_token_shape`.
    pub cloud_token_shape: bool,
}

/// The credential the side (`server`, `credential_id`) uses; `None` when it
/// names none and the server has no service credential.
pub(crate) fn for_side(
    db: &Database,
    secrets: &dyn SecretStore,
    server: &Server,
    credential_id: Option<u32>,
) -> AppResult<Option<SideCredential>> {
    let Some(row) = service::effective(db, server.id, credential_id)? else {
        return Ok(None);
    };
    if row.server_id != server.id {
        return Err(AppError::validation(
            "credentialId",
            format!(
                "The credential “{}” belongs to the server “{}”, not to “{}”: pick one of this server's credentials.",
                row.label, row.server_name, server.name
            ),
        ));
    }
    let scopes = store::scopes(db, row.id)?;
    let (signing, cloud_token_shape) = match verify::signing(secrets, &row, server) {
        Ok(signing) => (Ok(signing.credentials), signing.cloud_token_shape),
        Err(err) => (Err(err), false),
    };
    Ok(Some(SideCredential {
        id: row.id,
        label: row.label,
        kind: row.kind,
        login: row.login,
        scopes,
        signing,
        cloud_token_shape,
    }))
}

/// The id of the credential a side uses (see [`for_side`]).
pub(crate) fn effective_id(
    db: &Database,
    server_id: u32,
    credential_id: Option<u32>,
) -> AppResult<Option<u32>> {
    Ok(service::effective(db, server_id, credential_id)?.map(|row| row.id))
}
