//! "Sign out": revoke the grant at the provider where it can be asked to
//! (Asana, any server with an RFC 7009 endpoint), then forget the tokens.
//! Jira Data Center has no revocation endpoint: the tokens are forgotten
//! here and the user is told where to revoke them. Neither is an error.

use kakehashi_http::oauth::{OAuthClient, TokenSet};
use serde::Serialize;

use super::keychain_store::KeychainTokenStore;
use super::loopback::redirect_url;
use super::provider::Provider;
use crate::AppResult;

/// What revoking a grant came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum Revocation {
    /// The provider revoked the grant.
    Revoked,
    /// The provider cannot revoke; `advice` says where the user can.
    Unsupported { advice: String },
}

/// How "Sign out" ended. The keychain entry is gone in every case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum SignOut {
    /// Revoked at the provider and forgotten here.
    Revoked,
    /// Forgotten here only; `advice` says where to revoke it
    /// ("… revoke it in Jira under Profile → Authorized applications").
    Forgotten { advice: String },
    /// There was no sign-in to sign out of.
    NotSignedIn,
}

/// Revokes `tokens` (the refresh token, which takes its access tokens
/// along) where `provider` has a revocation endpoint. A failure to reach
/// the provider is an error, so the caller can keep the tokens and try
/// again.
pub async fn revoke(
    provider: &Provider,
    client: OAuthClient,
    tokens: &TokenSet,
) -> AppResult<Revocation> {
    if !provider.can_revoke() {
        return Ok(Revocation::Unsupported {
            advice: provider.revoke_advice(),
        });
    }
    provider.token_endpoint(client)?.revoke(tokens).await?;
    Ok(Revocation::Revoked)
}

/// Signs the credential whose tokens are in `store` out: revokes where
/// the provider can, then deletes the keychain entry. When revoking fails
/// the entry is kept and the error returned, so signing out can be tried
/// again rather than leaving a live grant nobody can revoke from here.
pub async fn sign_out(
    provider: &Provider,
    client_id: &str,
    redirect_port: u16,
    store: &KeychainTokenStore,
) -> AppResult<SignOut> {
    let Some(grant) = store.read()? else {
        return Ok(SignOut::NotSignedIn);
    };
    let client = provider.client(client_id, grant.client_secret, &redirect_url(redirect_port))?;
    let outcome = match revoke(provider, client, &grant.tokens).await? {
        Revocation::Revoked => SignOut::Revoked,
        Revocation::Unsupported { advice } => SignOut::Forgotten { advice },
    };
    store.forget()?;
    tracing::info!(provider = provider.name(), "signed out of OAuth 2.0");
    Ok(outcome)
}
