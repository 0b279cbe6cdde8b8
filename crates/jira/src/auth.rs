//! The ways to sign in to Jira, and the OAuth 2.0 refresh for Data Center.
//!
//! - Jira Cloud: the Atlassian account's email and an API token, as Basic.
//! - Data Center: user name and password as Basic (off by default from
//!   Jira 11), a personal access token as Bearer (8.14+), or an OAuth 2.0
//!   access token as Bearer (an incoming application link), renewed with
//!   the refresh token shortly before it expires and when the server
//!   answers 401.
//!
//! Each kind fits one deployment only; [`Credentials::fits`] says whether
//! it fits the server, so a 401 can be explained ("a personal access token
//! does not work on Jira Cloud") instead of just refused.
//!
//! OAuth 2.0 is the shared one of `kakehashi_http::oauth`: [`dc_oauth_client`]
//! names Data Center's endpoints, and the tokens live in a
//! [`TokenStore`] (the keychain, in the app). Data Center rotates refresh
//! tokens on every use; the refresher saves each new one before using it.

use std::sync::Arc;

use kakehashi_http::oauth::{OAuthClient, OAuthCredential, TokenStore};
use kakehashi_http::{Auth, Authenticator, HttpClient};
use kakehashi_secrets::Sensitive;

use crate::model::server::Deployment;

/// Data Center's OAuth 2.0 authorization page, below the server's URL.
pub const OAUTH_AUTHORIZE_PATH: &str = "rest/oauth2/latest/authorize";
/// Data Center's OAuth 2.0 token endpoint. There is no revocation
/// endpoint: users revoke under Profile → Authorized applications.
pub const OAUTH_TOKEN_PATH: &str = "rest/oauth2/latest/token";

/// The OAuth 2.0 client of a Data Center incoming application link.
/// `client_secret` where the link has one; a public PKCE client has none.
pub fn dc_oauth_client(
    client_id: impl Into<String>,
    client_secret: Option<Sensitive<String>>,
) -> OAuthClient {
    OAuthClient::new("Jira", client_id, OAUTH_TOKEN_PATH).with_secret(client_secret)
}

/// The kind of a credential, without its secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredentialKind {
    CloudApiToken,
    DataCenterPassword,
    DataCenterPersonalAccessToken,
    DataCenterOAuth,
}

impl CredentialKind {
    /// The deployment this kind of credential works on.
    pub fn deployment(self) -> Deployment {
        match self {
            CredentialKind::CloudApiToken => Deployment::Cloud,
            _ => Deployment::DataCenter,
        }
    }

    /// "an API token", for messages.
    pub fn describe(self) -> &'static str {
        match self {
            CredentialKind::CloudApiToken => "a Jira Cloud email and API token",
            CredentialKind::DataCenterPassword => "a Data Center user name and password",
            CredentialKind::DataCenterPersonalAccessToken => "a Data Center personal access token",
            CredentialKind::DataCenterOAuth => "a Data Center OAuth 2.0 authorization",
        }
    }
}

/// Who the client signs in as. Secrets are [`Sensitive`]; `Debug` shows
/// the kind and the login only.
#[derive(Clone)]
pub enum Credentials {
    /// Jira Cloud: the account's email and an API token.
    CloudApiToken {
        email: String,
        token: Sensitive<String>,
    },
    /// Data Center: user name and password.
    DataCenterPassword {
        user: String,
        password: Sensitive<String>,
    },
    /// Data Center: a personal access token.
    DataCenterPersonalAccessToken(Sensitive<String>),
    /// Data Center: OAuth 2.0 tokens that renew themselves.
    DataCenterOAuth(OAuthCredential),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::CloudApiToken { email, token } => f
                .debug_struct("CloudApiToken")
                .field("email", email)
                .field("token", token)
                .finish(),
            Credentials::DataCenterPassword { user, password } => f
                .debug_struct("DataCenterPassword")
                .field("user", user)
                .field("password", password)
                .finish(),
            Credentials::DataCenterPersonalAccessToken(token) => f
                .debug_tuple("DataCenterPersonalAccessToken")
                .field(token)
                .finish(),
            Credentials::DataCenterOAuth(oauth) => {
                f.debug_tuple("DataCenterOAuth").field(oauth).finish()
            }
        }
    }
}

impl Credentials {
    /// Jira Cloud email + API token.
    pub fn cloud_api_token(email: impl Into<String>, token: impl Into<String>) -> Self {
        Credentials::CloudApiToken {
            email: email.into(),
            token: Sensitive::new(token.into()),
        }
    }

    /// Data Center user name + password.
    pub fn dc_password(user: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials::DataCenterPassword {
            user: user.into(),
            password: Sensitive::new(password.into()),
        }
    }

    /// Data Center personal access token.
    pub fn dc_personal_access_token(token: impl Into<String>) -> Self {
        Credentials::DataCenterPersonalAccessToken(Sensitive::new(token.into()))
    }

    /// Data Center OAuth 2.0: tokens from `store`, renewed at the token
    /// endpoint through the client's own transport (its rate limiter too).
    /// `client` usually comes from [`dc_oauth_client`].
    pub fn dc_oauth(client: OAuthClient, store: Arc<dyn TokenStore>) -> Self {
        Credentials::DataCenterOAuth(OAuthCredential::Tokens { client, store })
    }

    /// Data Center OAuth 2.0 through a ready authenticator (the core's
    /// `authenticator_for`).
    pub fn dc_oauth_with(authenticator: Arc<dyn Authenticator>) -> Self {
        Credentials::DataCenterOAuth(OAuthCredential::Authenticator(authenticator))
    }

    /// The kind, without the secret.
    pub fn kind(&self) -> CredentialKind {
        match self {
            Credentials::CloudApiToken { .. } => CredentialKind::CloudApiToken,
            Credentials::DataCenterPassword { .. } => CredentialKind::DataCenterPassword,
            Credentials::DataCenterPersonalAccessToken(_) => {
                CredentialKind::DataCenterPersonalAccessToken
            }
            Credentials::DataCenterOAuth(_) => CredentialKind::DataCenterOAuth,
        }
    }

    /// Whether this kind of credential can work on `deployment` at all.
    pub fn fits(&self, deployment: Deployment) -> bool {
        self.kind().deployment() == deployment
    }

    /// What the transport sends, renewable where the credential allows;
    /// OAuth refreshes go through `http`, the client's own transport.
    pub fn authenticator(&self, http: &HttpClient) -> Arc<dyn Authenticator> {
        match self {
            Credentials::CloudApiToken { email, token } => {
                Arc::new(Auth::basic(email.clone(), token.expose().clone()))
            }
            Credentials::DataCenterPassword { user, password } => {
                Arc::new(Auth::basic(user.clone(), password.expose().clone()))
            }
            Credentials::DataCenterPersonalAccessToken(token) => {
                Arc::new(Auth::bearer(token.expose().clone()))
            }
            Credentials::DataCenterOAuth(oauth) => oauth.bind(http),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_names_the_kind_but_never_the_secret() {
        let all = [
            Credentials::cloud_api_token("a@example.com", "tok-secret-1"),
            Credentials::dc_password("kakehashi-sync", "pw-secret-2"),
            Credentials::dc_personal_access_token("pat-secret-3"),
        ];
        for credentials in all {
            let shown = format!("{credentials:?}");
            assert!(!shown.contains("secret"), "{shown}");
        }
        let tokens = kakehashi_http::oauth::TokenSet {
            access_token: Sensitive::new("oat-secret".into()),
            refresh_token: Some(Sensitive::new("ort-secret".into())),
            expires_at: None,
            scope: None,
        };
        let store = Arc::new(kakehashi_http::oauth::MemoryTokenStore::new(tokens.clone()));
        let client = dc_oauth_client("link-1", Some(Sensitive::new("client-secret".into())));
        let oauth = Credentials::dc_oauth(client, store.clone());
        let shown = format!("{tokens:?} {store:?} {oauth:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("link-1"), "{shown}");
    }

    #[test]
    fn each_kind_fits_one_deployment() {
        assert!(Credentials::cloud_api_token("a", "b").fits(Deployment::Cloud));
        assert!(!Credentials::cloud_api_token("a", "b").fits(Deployment::DataCenter));
        assert!(!Credentials::dc_personal_access_token("p").fits(Deployment::Cloud));
        assert!(Credentials::dc_password("u", "p").fits(Deployment::DataCenter));
    }
}
