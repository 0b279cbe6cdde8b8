//! A stored OAuth credential put to use: the registered client with the
//! secret kept in its keychain entry, and the authenticator that signs
//! requests with it and renews the access token (rotation included).

use std::sync::Arc;

use kakehashi_http::oauth::{OAuthClient, OAuthRefresher};
use kakehashi_http::Authenticator;

use super::keychain_store::KeychainTokenStore;
use super::loopback::redirect_url;
use super::provider::Provider;
use crate::workspace::{CredentialKind, Server};
use crate::AppResult;

/// The client of the OAuth credential `kind` on `server`, with the client
/// secret read from `store` (one keychain read). For the vendor clients,
/// so refreshes go through their own transport and rate limiter:
/// `kakehashi_jira::Credentials::dc_oauth(client, store)`,
/// `kakehashi_asana::Credentials::oauth(client, store)`.
pub fn oauth_client_for(
    server: &Server,
    kind: CredentialKind,
    client_id: &str,
    redirect_port: u16,
    store: &KeychainTokenStore,
) -> AppResult<OAuthClient> {
    let provider = Provider::for_server(server, kind)?;
    provider.client(
        client_id,
        store.client_secret()?,
        &redirect_url(redirect_port),
    )
}

/// An authenticator for the OAuth credential `kind` on `server` whose
/// tokens are in `store`: it signs requests with the access token, renews
/// it shortly before it expires and once on 401, and saves rotated refresh
/// tokens to the keychain before using them. Its token requests run on a
/// transport of their own for `server` (same TLS, proxy and alternative
/// URL); prefer [`oauth_client_for`] with the vendor client's own
/// constructor where one is being built anyway.
pub fn authenticator_for(
    server: &Server,
    kind: CredentialKind,
    client_id: &str,
    redirect_port: u16,
    store: Arc<KeychainTokenStore>,
) -> AppResult<Arc<dyn Authenticator>> {
    let provider = Provider::for_server(server, kind)?;
    let client = provider.client(
        client_id,
        store.client_secret()?,
        &redirect_url(redirect_port),
    )?;
    let endpoint = provider.token_endpoint(client)?;
    Ok(Arc::new(OAuthRefresher::new(endpoint, store)))
}
