//! The ways to sign in to Jira, and the OAuth 2.0 refresh for Data Center.
//!
//! - Jira Cloud: the Atlassian account's email and an API token, as Basic.
//! - Data Center: user name and password as Basic (off by default from
//!   Jira 11), a personal access token as Bearer (8.14+), or an OAuth 2.0
//!   access token as Bearer, renewed with the refresh token when the server
//!   answers 401.
//!
//! Each kind fits one deployment only; [`Credentials::fits`] says whether
//! it fits the server, so a 401 can be explained ("a personal access token
//! does not work on Jira Cloud") instead of just refused.
//!
//! The OAuth tokens live behind [`OAuthTokens`]; the credentials layer
//! implements it over the keychain. [`RefreshingOAuth`] is the ready-made
//! one: it runs the `refresh_token` grant against
//! `rest/oauth2/latest/token` and keeps the rotated tokens in a
//! [`TokenStore`].

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::Timestamp;
use kakehashi_http::{
    Auth, Authenticator, BoxFuture, Endpoint, ErrorKind, HttpClient, HttpError, StatusCode,
};
use kakehashi_secrets::Sensitive;
use serde::Deserialize;

use crate::errors::JiraDecoder;
use crate::model::server::Deployment;

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
    /// Data Center: OAuth 2.0 tokens that renew themselves on 401.
    DataCenterOAuth(Arc<dyn OAuthTokens>),
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
            Credentials::DataCenterOAuth(_) => f.write_str("DataCenterOAuth(..)"),
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

    /// Data Center OAuth 2.0, renewed through `tokens` on 401.
    pub fn dc_oauth(tokens: Arc<dyn OAuthTokens>) -> Self {
        Credentials::DataCenterOAuth(tokens)
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

    /// What the transport sends, renewable where the credential allows.
    pub fn authenticator(&self) -> Arc<dyn Authenticator> {
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
            Credentials::DataCenterOAuth(tokens) => Arc::new(OAuthAuthenticator {
                tokens: tokens.clone(),
            }),
        }
    }
}

/// Where OAuth 2.0 access tokens come from. The credentials layer
/// implements it over the keychain; [`RefreshingOAuth`] is a complete one.
pub trait OAuthTokens: Send + Sync + 'static {
    /// The access token to send now.
    fn access_token(&self) -> BoxFuture<'_, Result<Sensitive<String>, HttpError>>;

    /// The server refused `rejected` (401): a fresh access token. Called at
    /// most once per request; an error ends the request with that error.
    fn refresh<'a>(
        &'a self,
        rejected: &'a Sensitive<String>,
    ) -> BoxFuture<'a, Result<Sensitive<String>, HttpError>>;
}

/// [`OAuthTokens`] as the transport's [`Authenticator`]: a 401 refreshes
/// once and the request is sent again with the new token.
struct OAuthAuthenticator {
    tokens: Arc<dyn OAuthTokens>,
}

impl Authenticator for OAuthAuthenticator {
    fn auth(&self) -> BoxFuture<'_, Result<Auth, HttpError>> {
        Box::pin(async move {
            let token = self.tokens.access_token().await?;
            Ok(Auth::bearer(token.expose().clone()))
        })
    }

    fn renew<'a>(&'a self, rejected: &'a Auth) -> BoxFuture<'a, Result<Option<Auth>, HttpError>> {
        Box::pin(async move {
            let Auth::Bearer(rejected) = rejected else {
                return Ok(None);
            };
            let fresh = self.tokens.refresh(rejected).await?;
            Ok(Some(Auth::bearer(fresh.expose().clone())))
        })
    }
}

/// An OAuth 2.0 access token and the refresh token that renews it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthTokenSet {
    pub access_token: Sensitive<String>,
    pub refresh_token: Sensitive<String>,
    /// When the access token stops working, if the server said.
    pub expires_at: Option<Timestamp>,
}

/// Where [`RefreshingOAuth`] keeps the tokens: the keychain in the app,
/// memory in tests. Data Center rotates refresh tokens, so every refresh
/// must be saved before the old one is forgotten.
pub trait TokenStore: Send + Sync + 'static {
    fn load(&self) -> BoxFuture<'_, Result<OAuthTokenSet, HttpError>>;
    fn save<'a>(&'a self, tokens: &'a OAuthTokenSet) -> BoxFuture<'a, Result<(), HttpError>>;
}

/// Tokens held in memory only (tests, a session that is never resumed).
#[derive(Debug)]
pub struct MemoryTokenStore {
    tokens: Mutex<OAuthTokenSet>,
}

impl MemoryTokenStore {
    /// A store holding `tokens`.
    pub fn new(tokens: OAuthTokenSet) -> Self {
        MemoryTokenStore {
            tokens: Mutex::new(tokens),
        }
    }

    /// The tokens held now.
    pub fn current(&self) -> OAuthTokenSet {
        self.tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<OAuthTokenSet, HttpError>> {
        let tokens = self.current();
        Box::pin(async move { Ok(tokens) })
    }

    fn save<'a>(&'a self, tokens: &'a OAuthTokenSet) -> BoxFuture<'a, Result<(), HttpError>> {
        *self.tokens.lock().unwrap_or_else(|p| p.into_inner()) = tokens.clone();
        Box::pin(async { Ok(()) })
    }
}

/// The OAuth 2.0 client registered in Jira's incoming application link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthApp {
    pub client_id: String,
    /// Data Center application links have one; a public PKCE client may not.
    pub client_secret: Option<Sensitive<String>>,
}

/// Renew an access token this long before Jira says it expires.
const EXPIRY_MARGIN: Duration = Duration::from_secs(30);

/// Data Center OAuth 2.0 tokens that refresh themselves with the
/// `refresh_token` grant at `rest/oauth2/latest/token`, keeping the rotated
/// tokens in a [`TokenStore`]. Refreshes are serialised: with rotating
/// refresh tokens, two at once would spend the same token twice and the
/// second would fail.
pub struct RefreshingOAuth {
    http: HttpClient,
    app: OAuthApp,
    store: Arc<dyn TokenStore>,
    refreshing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for RefreshingOAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshingOAuth")
            .field("endpoint", self.http.endpoint())
            .field("client_id", &self.app.client_id)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: Option<String>,
    refresh_token: Option<String>,
    expires_in: Option<u64>,
    error: Option<String>,
    error_description: Option<String>,
}

impl RefreshingOAuth {
    /// Tokens for the Data Center server at `endpoint`.
    pub fn new(
        endpoint: Endpoint,
        app: OAuthApp,
        store: Arc<dyn TokenStore>,
    ) -> Result<Self, HttpError> {
        Ok(RefreshingOAuth {
            http: HttpClient::new(endpoint, JiraDecoder)?,
            app,
            store,
            refreshing: tokio::sync::Mutex::new(()),
        })
    }

    /// Runs the `refresh_token` grant and saves the answer.
    async fn grant(&self, current: &OAuthTokenSet) -> Result<OAuthTokenSet, HttpError> {
        let form = {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            form.append_pair("grant_type", "refresh_token");
            form.append_pair("refresh_token", current.refresh_token.expose());
            form.append_pair("client_id", &self.app.client_id);
            if let Some(secret) = &self.app.client_secret {
                form.append_pair("client_secret", secret.expose());
            }
            form.finish()
        };
        // Not idempotent: the server rotates the refresh token, so a lost
        // answer means the old token is spent and a repeat would fail anyway.
        let response = self
            .http
            .post("rest/oauth2/latest/token")
            .body("application/x-www-form-urlencoded", form)
            .accept_status(StatusCode::BAD_REQUEST)
            .accept_status(StatusCode::UNAUTHORIZED)
            .send()
            .await?;
        let answer: TokenAnswer = response.json()?;
        let status = response.status();
        let access = match (&answer.access_token, status.is_success()) {
            (Some(access), true) => access.clone(),
            _ => {
                let said = answer
                    .error_description
                    .or(answer.error)
                    .unwrap_or_else(|| format!("status {status}"));
                return Err(HttpError::new(
                    ErrorKind::Unauthorized,
                    format!("Jira Data Center refused to renew the OAuth 2.0 authorization ({said}). Sign in to Jira again and allow Kakehashi access."),
                )
                .with_status(status.as_u16()));
            }
        };
        let tokens = OAuthTokenSet {
            access_token: Sensitive::new(access),
            // A server that does not rotate keeps the old refresh token valid.
            refresh_token: answer
                .refresh_token
                .map(Sensitive::new)
                .unwrap_or_else(|| current.refresh_token.clone()),
            expires_at: answer
                .expires_in
                .and_then(|s| Timestamp::now().checked_add(Duration::from_secs(s)).ok()),
        };
        self.store.save(&tokens).await.map_err(|err| {
            HttpError::new(
                err.kind.clone(),
                format!("The renewed OAuth 2.0 tokens could not be saved, so the authorization is lost: {} Sign in to Jira again.", err.message),
            )
        })?;
        tracing::info!(client_id = %self.app.client_id, "renewed the Jira OAuth 2.0 access token");
        Ok(tokens)
    }

    fn expiring(tokens: &OAuthTokenSet) -> bool {
        tokens.expires_at.is_some_and(|at| {
            Timestamp::now()
                .checked_add(EXPIRY_MARGIN)
                .is_ok_and(|soon| soon >= at)
        })
    }
}

impl OAuthTokens for RefreshingOAuth {
    fn access_token(&self) -> BoxFuture<'_, Result<Sensitive<String>, HttpError>> {
        Box::pin(async move {
            let tokens = self.store.load().await?;
            if !Self::expiring(&tokens) {
                return Ok(tokens.access_token);
            }
            let _turn = self.refreshing.lock().await;
            let tokens = self.store.load().await?;
            if !Self::expiring(&tokens) {
                return Ok(tokens.access_token);
            }
            Ok(self.grant(&tokens).await?.access_token)
        })
    }

    fn refresh<'a>(
        &'a self,
        rejected: &'a Sensitive<String>,
    ) -> BoxFuture<'a, Result<Sensitive<String>, HttpError>> {
        Box::pin(async move {
            let _turn = self.refreshing.lock().await;
            let tokens = self.store.load().await?;
            // Another request refreshed while this one waited: use its token.
            if tokens.access_token.expose() != rejected.expose() {
                return Ok(tokens.access_token);
            }
            Ok(self.grant(&tokens).await?.access_token)
        })
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
        let tokens = OAuthTokenSet {
            access_token: Sensitive::new("oat-secret".into()),
            refresh_token: Sensitive::new("ort-secret".into()),
            expires_at: None,
        };
        let shown = format!("{tokens:?} {:?}", MemoryTokenStore::new(tokens.clone()));
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn each_kind_fits_one_deployment() {
        assert!(Credentials::cloud_api_token("a", "b").fits(Deployment::Cloud));
        assert!(!Credentials::cloud_api_token("a", "b").fits(Deployment::DataCenter));
        assert!(!Credentials::dc_personal_access_token("p").fits(Deployment::Cloud));
        assert!(Credentials::dc_password("u", "p").fits(Deployment::DataCenter));
    }
}
