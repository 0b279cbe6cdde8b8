//! Asana credentials: a personal access token, or OAuth 2.0 access tokens
//! (they live one hour) renewed shortly before they expire and when Asana
//! rejects them.
//!
//! OAuth is the shared one of `kakehashi_http::oauth`: [`oauth_client`]
//! names Asana's endpoints (on the server's origin, beside `/api/1.0`), the
//! tokens live in a [`TokenStore`] (the keychain, in the app), and the
//! refresher runs on the client's own transport, so refreshes count against
//! the same rate limit as the API calls. Asana keeps the refresh token for
//! the life of the grant; it is saved again all the same.

use std::sync::Arc;

use kakehashi_http::oauth::{OAuthClient, OAuthCredential, TokenStore};
use kakehashi_http::{Auth, Authenticator, HttpClient};
use kakehashi_secrets::Sensitive;

/// Asana's consent page, below the server's URL (`https://app.asana.com`).
pub const OAUTH_AUTHORIZE_PATH: &str = "-/oauth_authorize";
/// Asana's token endpoint.
pub const OAUTH_TOKEN_PATH: &str = "-/oauth_token";
/// Asana's revocation endpoint (it wants the refresh token).
pub const OAUTH_REVOKE_PATH: &str = "-/oauth_revoke";

/// A registered Asana app: its client id and secret (Asana's token
/// endpoint always wants the secret) and the redirect URI it was
/// registered with, which Asana wants in refresh requests too.
pub fn oauth_client(
    client_id: impl Into<String>,
    client_secret: Sensitive<String>,
    redirect_uri: impl Into<String>,
) -> OAuthClient {
    OAuthClient::new("Asana", client_id, OAUTH_TOKEN_PATH)
        .with_secret(Some(client_secret))
        .with_revoke_path(Some(OAUTH_REVOKE_PATH.to_owned()))
        .with_redirect_uri(Some(redirect_uri.into()))
}

/// How a client signs in to Asana.
#[derive(Clone)]
pub enum Credentials {
    /// A personal access token, sent as `Bearer`.
    PersonalAccessToken(Sensitive<String>),
    /// OAuth 2.0 tokens that renew themselves.
    OAuth(OAuthCredential),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::PersonalAccessToken(token) => {
                f.debug_tuple("PersonalAccessToken").field(token).finish()
            }
            Credentials::OAuth(oauth) => f.debug_tuple("OAuth").field(oauth).finish(),
        }
    }
}

impl Credentials {
    /// A personal access token.
    pub fn pat(token: impl Into<String>) -> Self {
        Credentials::PersonalAccessToken(Sensitive::new(token.into()))
    }

    /// OAuth 2.0: tokens from `store`, renewed through the client's own
    /// transport. `client` usually comes from [`oauth_client`].
    pub fn oauth(client: OAuthClient, store: Arc<dyn TokenStore>) -> Self {
        Credentials::OAuth(OAuthCredential::Tokens { client, store })
    }

    /// OAuth 2.0 through a ready authenticator (the core's
    /// `authenticator_for`).
    pub fn oauth_with(authenticator: Arc<dyn Authenticator>) -> Self {
        Credentials::OAuth(OAuthCredential::Authenticator(authenticator))
    }

    /// What kind of credential this is, for `Debug` and diagnostics.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Credentials::PersonalAccessToken(_) => "personal access token",
            Credentials::OAuth(_) => "OAuth 2.0",
        }
    }

    /// The authenticator the transport asks; `http` reaches the token endpoint.
    pub(crate) fn into_authenticator(self, http: &HttpClient) -> Arc<dyn Authenticator> {
        match self {
            Credentials::PersonalAccessToken(token) => Arc::new(Auth::Bearer(token)),
            Credentials::OAuth(oauth) => oauth.bind(http),
        }
    }
}
