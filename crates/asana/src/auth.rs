//! Asana credentials: a personal access token, or OAuth 2.0 access tokens
//! that are refreshed when Asana rejects them (they live one hour).
//!
//! OAuth is split in two so the credentials layer can keep the tokens in the
//! OS keychain: a [`TokenStore`] holds them, and the [`OAuthRefresher`] (a
//! [`TokenSource`]) hands out the access token and runs the `refresh_token`
//! grant at `/-/oauth_token`. The transport calls the source through
//! [`kakehashi_http::Authenticator`]: on a 401 it refreshes once and resends.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use kakehashi_http::{Auth, Authenticator, BoxFuture, ErrorKind, HttpClient, HttpError};
use kakehashi_secrets::Sensitive;
use serde::Deserialize;
use tokio::sync::Mutex;

/// Where the token endpoint lives below the server's URL.
const TOKEN_PATH: &str = "-/oauth_token";

/// A token this close to its expiry is refreshed before it is sent, so a
/// request does not set out with a token that dies on the way.
const EXPIRY_MARGIN: SignedDuration = SignedDuration::from_secs(60);

/// How a client signs in to Asana.
#[derive(Clone)]
pub enum Credentials {
    /// A personal access token, sent as `Bearer`.
    PersonalAccessToken(Sensitive<String>),
    /// OAuth 2.0 tokens kept in `store`, refreshed through `app`.
    OAuth {
        app: OAuthApp,
        store: Arc<dyn TokenStore>,
    },
    /// Any other source of access tokens (the credentials layer's own).
    TokenSource(Arc<dyn TokenSource>),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::PersonalAccessToken(token) => {
                f.debug_tuple("PersonalAccessToken").field(token).finish()
            }
            Credentials::OAuth { app, .. } => f
                .debug_struct("OAuth")
                .field("app", app)
                .finish_non_exhaustive(),
            Credentials::TokenSource(_) => f.write_str("TokenSource(..)"),
        }
    }
}

impl Credentials {
    /// A personal access token.
    pub fn pat(token: impl Into<String>) -> Self {
        Credentials::PersonalAccessToken(Sensitive::new(token.into()))
    }

    /// What kind of credential this is, for `Debug` and diagnostics.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Credentials::PersonalAccessToken(_) => "personal access token",
            Credentials::OAuth { .. } => "OAuth 2.0",
            Credentials::TokenSource(_) => "token source",
        }
    }

    /// The authenticator the transport asks; `http` reaches the token endpoint.
    pub(crate) fn into_authenticator(self, http: &HttpClient) -> Arc<dyn Authenticator> {
        match self {
            Credentials::PersonalAccessToken(token) => {
                Arc::new(Auth::Bearer(token)) as Arc<dyn Authenticator>
            }
            Credentials::OAuth { app, store } => Arc::new(BearerFrom(Arc::new(
                OAuthRefresher::new(http.clone(), app, store),
            ))),
            Credentials::TokenSource(source) => Arc::new(BearerFrom(source)),
        }
    }
}

/// A registered Asana OAuth app: its client id and secret and the redirect
/// URI it was registered with (Asana wants it in the token requests too).
#[derive(Debug, Clone)]
pub struct OAuthApp {
    pub client_id: String,
    pub client_secret: Sensitive<String>,
    pub redirect_uri: String,
}

impl OAuthApp {
    /// An app from its id, secret and redirect URI.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        OAuthApp {
            client_id: client_id.into(),
            client_secret: Sensitive::new(client_secret.into()),
            redirect_uri: redirect_uri.into(),
        }
    }
}

/// The tokens of one OAuth grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthTokens {
    pub access_token: Sensitive<String>,
    pub refresh_token: Sensitive<String>,
    /// When the access token dies, if Asana said (`expires_in`).
    pub expires_at: Option<Timestamp>,
}

impl OAuthTokens {
    fn expires_soon(&self, now: Timestamp) -> bool {
        self.expires_at
            .is_some_and(|at| at.duration_since(now) <= EXPIRY_MARGIN)
    }
}

/// Where OAuth tokens are kept between runs (the keychain, in the app).
pub trait TokenStore: Send + Sync + 'static {
    /// The stored tokens.
    fn load(&self) -> BoxFuture<'_, Result<OAuthTokens, HttpError>>;
    /// Replaces the stored tokens after a refresh.
    fn save<'a>(&'a self, tokens: &'a OAuthTokens) -> BoxFuture<'a, Result<(), HttpError>>;
}

/// Tokens held in memory only: tests, and a sign-in not yet saved.
#[derive(Debug)]
pub struct MemoryTokenStore {
    tokens: std::sync::Mutex<OAuthTokens>,
}

impl MemoryTokenStore {
    /// A store holding `tokens`.
    pub fn new(tokens: OAuthTokens) -> Self {
        MemoryTokenStore {
            tokens: std::sync::Mutex::new(tokens),
        }
    }

    /// The tokens held now.
    pub fn tokens(&self) -> OAuthTokens {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, OAuthTokens> {
        self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<OAuthTokens, HttpError>> {
        let tokens = self.tokens();
        Box::pin(async move { Ok(tokens) })
    }

    fn save<'a>(&'a self, tokens: &'a OAuthTokens) -> BoxFuture<'a, Result<(), HttpError>> {
        *self.lock() = tokens.clone();
        Box::pin(async { Ok(()) })
    }
}

/// Hands out access tokens and renews them.
pub trait TokenSource: Send + Sync + 'static {
    /// The access token to send now.
    fn access_token(&self) -> BoxFuture<'_, Result<Sensitive<String>, HttpError>>;

    /// Asana rejected `rejected` with 401: a fresh token, or `None` when
    /// there is nothing to refresh with.
    fn refresh<'a>(
        &'a self,
        rejected: &'a Sensitive<String>,
    ) -> BoxFuture<'a, Result<Option<Sensitive<String>>, HttpError>>;
}

/// Adapts a [`TokenSource`] to the transport's [`Authenticator`].
struct BearerFrom(Arc<dyn TokenSource>);

impl Authenticator for BearerFrom {
    fn auth(&self) -> BoxFuture<'_, Result<Auth, HttpError>> {
        Box::pin(async move { Ok(Auth::Bearer(self.0.access_token().await?)) })
    }

    fn renew<'a>(&'a self, rejected: &'a Auth) -> BoxFuture<'a, Result<Option<Auth>, HttpError>> {
        Box::pin(async move {
            let Auth::Bearer(token) = rejected else {
                return Ok(None);
            };
            Ok(self.0.refresh(token).await?.map(Auth::Bearer))
        })
    }
}

/// The answer of `/-/oauth_token`.
#[derive(Deserialize)]
struct TokenAnswer {
    access_token: String,
    /// Only the code exchange hands one out; Asana keeps it for the grant.
    refresh_token: Option<String>,
    expires_in: Option<i64>,
}

/// The grant to run at the token endpoint.
enum Grant<'a> {
    Code {
        code: &'a str,
        code_verifier: Option<&'a str>,
    },
    Refresh(&'a str),
}

/// Runs one grant at `/-/oauth_token`. A refresh is repeated after a lost
/// answer (Asana keeps the refresh token, so it just mints another access
/// token); a code exchange is not, since a code is good for one exchange.
async fn token_request(
    http: &HttpClient,
    app: &OAuthApp,
    grant: Grant<'_>,
) -> Result<TokenAnswer, HttpError> {
    let (form, repeatable) = token_form(app, grant);
    let answer = http
        .post(TOKEN_PATH)
        .body("application/x-www-form-urlencoded", form)
        .idempotent(repeatable)
        .send_json::<TokenAnswer>()
        .await;
    answer.map_err(|error| match error.kind {
        // 400 invalid_grant / 401 invalid_client: the grant or the app is
        // no longer good; nothing but a new sign-in helps.
        ErrorKind::Rejected | ErrorKind::Unauthorized => HttpError::new(
            ErrorKind::Unauthorized,
            format!(
                "Asana refused the OAuth sign-in ({}). Sign in to Asana again.",
                error.message
            ),
        )
        .with_status(error.status.unwrap_or(401)),
        // Never quote a token answer: what is cut off may be a token.
        ErrorKind::Malformed { .. } => HttpError::malformed(
            "POST /-/oauth_token",
            "(not shown: the answer carries tokens)",
        ),
        _ => error,
    })
}

/// The form of a grant, and whether sending it twice is harmless.
fn token_form(app: &OAuthApp, grant: Grant<'_>) -> (String, bool) {
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    form.append_pair("client_id", &app.client_id)
        .append_pair("client_secret", app.client_secret.expose())
        .append_pair("redirect_uri", &app.redirect_uri);
    let repeatable = match grant {
        Grant::Code {
            code,
            code_verifier,
        } => {
            form.append_pair("grant_type", "authorization_code")
                .append_pair("code", code);
            if let Some(verifier) = code_verifier {
                form.append_pair("code_verifier", verifier);
            }
            false
        }
        Grant::Refresh(refresh_token) => {
            form.append_pair("grant_type", "refresh_token")
                .append_pair("refresh_token", refresh_token);
            true
        }
    };
    (form.finish(), repeatable)
}

impl TokenAnswer {
    fn into_tokens(
        self,
        previous_refresh: Option<&Sensitive<String>>,
    ) -> Result<OAuthTokens, HttpError> {
        let refresh_token = match (self.refresh_token, previous_refresh) {
            (Some(fresh), _) => Sensitive::new(fresh),
            (None, Some(previous)) => previous.clone(),
            (None, None) => {
                return Err(HttpError::malformed(
                    "POST /-/oauth_token",
                    "(no refresh_token in the answer to a code exchange)",
                ))
            }
        };
        Ok(OAuthTokens {
            access_token: Sensitive::new(self.access_token),
            refresh_token,
            expires_at: self
                .expires_in
                .map(|seconds| Timestamp::now() + SignedDuration::from_secs(seconds)),
        })
    }
}

/// Exchanges the code of an authorization redirect for tokens
/// (`grant_type=authorization_code`); `code_verifier` when PKCE was used.
pub async fn exchange_code(
    http: &HttpClient,
    app: &OAuthApp,
    code: &str,
    code_verifier: Option<&str>,
) -> Result<OAuthTokens, HttpError> {
    let grant = Grant::Code {
        code,
        code_verifier,
    };
    token_request(http, app, grant).await?.into_tokens(None)
}

/// The OAuth [`TokenSource`]: reads the tokens from a [`TokenStore`],
/// refreshes them at `/-/oauth_token` and saves the result. One refresh at a
/// time: requests that were rejected together share it.
pub struct OAuthRefresher {
    http: HttpClient,
    app: OAuthApp,
    store: Arc<dyn TokenStore>,
    current: Mutex<Option<OAuthTokens>>,
}

impl std::fmt::Debug for OAuthRefresher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthRefresher")
            .field("app", &self.app)
            .finish_non_exhaustive()
    }
}

impl OAuthRefresher {
    /// A refresher that reaches the token endpoint through `http`.
    pub fn new(http: HttpClient, app: OAuthApp, store: Arc<dyn TokenStore>) -> Self {
        OAuthRefresher {
            http,
            app,
            store,
            current: Mutex::new(None),
        }
    }

    /// Runs the refresh grant and saves the new tokens.
    async fn refresh_now(&self, tokens: &OAuthTokens) -> Result<OAuthTokens, HttpError> {
        let grant = Grant::Refresh(tokens.refresh_token.expose());
        let fresh = token_request(&self.http, &self.app, grant)
            .await?
            .into_tokens(Some(&tokens.refresh_token))?;
        self.store.save(&fresh).await?;
        tracing::info!("Asana OAuth access token refreshed");
        Ok(fresh)
    }

    /// The cached tokens, loaded from the store the first time.
    async fn cached(&self, slot: &mut Option<OAuthTokens>) -> Result<OAuthTokens, HttpError> {
        if let Some(tokens) = slot {
            return Ok(tokens.clone());
        }
        let tokens = self.store.load().await?;
        *slot = Some(tokens.clone());
        Ok(tokens)
    }
}

impl TokenSource for OAuthRefresher {
    fn access_token(&self) -> BoxFuture<'_, Result<Sensitive<String>, HttpError>> {
        Box::pin(async move {
            let mut slot = self.current.lock().await;
            let tokens = self.cached(&mut slot).await?;
            if !tokens.expires_soon(Timestamp::now()) {
                return Ok(tokens.access_token);
            }
            let fresh = self.refresh_now(&tokens).await?;
            *slot = Some(fresh.clone());
            Ok(fresh.access_token)
        })
    }

    fn refresh<'a>(
        &'a self,
        rejected: &'a Sensitive<String>,
    ) -> BoxFuture<'a, Result<Option<Sensitive<String>>, HttpError>> {
        Box::pin(async move {
            let mut slot = self.current.lock().await;
            let tokens = self.cached(&mut slot).await?;
            // Another request was rejected too and has refreshed meanwhile.
            if tokens.access_token != *rejected {
                return Ok(Some(tokens.access_token));
            }
            let fresh = self.refresh_now(&tokens).await?;
            *slot = Some(fresh.clone());
            Ok(Some(fresh.access_token))
        })
    }
}
