//! Who asks for tokens, and where: the OAuth 2.0 client registered with the
//! provider (Jira Data Center's incoming application link, an Asana app).

use std::sync::Arc;

use kakehashi_secrets::Sensitive;

use super::{OAuthRefresher, TokenEndpoint, TokenStore};
use crate::auth::Authenticator;
use crate::client::HttpClient;

/// The registered client and the provider's endpoints. The endpoints are
/// paths below the server's [`Endpoint`](crate::Endpoint)
/// (`rest/oauth2/latest/token`, `-/oauth_token`), so token requests go
/// through the same [`HttpClient`] as the API calls: the same trust
/// decisions, proxy, alternative URL and rate limiter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthClient {
    /// The provider as users know it ("Jira", "Asana"), for messages such
    /// as "Sign in to Jira again".
    pub provider: String,
    pub client_id: String,
    /// Jira Data Center links may have one, a public PKCE client has none;
    /// Asana always wants it.
    pub client_secret: Option<Sensitive<String>>,
    /// The token endpoint, below the server's URL.
    pub token_path: String,
    /// The revocation endpoint (RFC 7009), where the provider has one.
    pub revoke_path: Option<String>,
    /// The registered redirect URI, sent with refresh requests as well
    /// where the provider asks for it there (Asana).
    pub redirect_uri: Option<String>,
}

impl OAuthClient {
    /// A client without secret, revocation endpoint or redirect URI.
    pub fn new(
        provider: impl Into<String>,
        client_id: impl Into<String>,
        token_path: impl Into<String>,
    ) -> Self {
        OAuthClient {
            provider: provider.into(),
            client_id: client_id.into(),
            client_secret: None,
            token_path: token_path.into(),
            revoke_path: None,
            redirect_uri: None,
        }
    }

    pub fn with_secret(mut self, secret: Option<Sensitive<String>>) -> Self {
        self.client_secret = secret;
        self
    }

    pub fn with_revoke_path(mut self, path: Option<String>) -> Self {
        self.revoke_path = path;
        self
    }

    pub fn with_redirect_uri(mut self, redirect_uri: Option<String>) -> Self {
        self.redirect_uri = redirect_uri;
        self
    }
}

/// An OAuth 2.0 sign-in as the vendor clients (Jira, Asana) take it: either
/// the client and its token store, bound to the vendor client's own
/// transport when it is made (so refreshes count against that server's rate
/// limit), or a ready [`Authenticator`] (the core's `authenticator_for`).
#[derive(Clone)]
pub enum OAuthCredential {
    Tokens {
        client: OAuthClient,
        store: Arc<dyn TokenStore>,
    },
    Authenticator(Arc<dyn Authenticator>),
}

impl std::fmt::Debug for OAuthCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OAuthCredential::Tokens { client, .. } => f
                .debug_struct("Tokens")
                .field("provider", &client.provider)
                .field("client_id", &client.client_id)
                .finish_non_exhaustive(),
            OAuthCredential::Authenticator(_) => f.write_str("Authenticator(..)"),
        }
    }
}

impl OAuthCredential {
    /// The authenticator for requests through `http`; a token store gets a
    /// refresher whose token requests go through `http` as well.
    pub fn bind(&self, http: &HttpClient) -> Arc<dyn Authenticator> {
        match self {
            OAuthCredential::Tokens { client, store } => Arc::new(OAuthRefresher::new(
                TokenEndpoint::new(http.clone(), client.clone()),
                store.clone(),
            )),
            OAuthCredential::Authenticator(authenticator) => authenticator.clone(),
        }
    }
}
