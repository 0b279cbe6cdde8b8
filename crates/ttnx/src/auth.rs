//! The three ways TimeTracker NX lets a client sign in (API-NOTES):
//!
//! - an API key (NX 7+) in `X-TT-ApiKey` on every request;
//! - Basic `loginName:password` on every request (neither may contain `:`);
//! - login + password exchanged for a token (`POST api/auth/token`), then
//!   `Authorization: Bearer` — what the vendor recommends. The token's
//!   lifetime is not documented, so [`TokenSession`] signs in lazily, keeps
//!   the token, and signs in again once when the server answers 401.
//!
//! Secrets only ever live in [`Sensitive`], so neither [`Credentials`] nor a
//! session prints them.

use kakehashi_http::{Auth, Authenticator, BoxFuture, ErrorKind, HttpClient, HttpError};
use kakehashi_secrets::Sensitive;
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

/// The API-key header, lower-case as the transport wants static names.
pub const API_KEY_HEADER: &str = "x-tt-apikey";

/// What a TT NX credential holds.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// An API key (`X-TT-ApiKey`).
    ApiKey(Sensitive<String>),
    /// Login and password sent as Basic on every request.
    Basic {
        login: String,
        password: Sensitive<String>,
    },
    /// Login and password exchanged for a bearer token.
    Token {
        login: String,
        password: Sensitive<String>,
    },
}

impl Credentials {
    /// An API key.
    pub fn api_key(key: impl Into<String>) -> Self {
        Credentials::ApiKey(Sensitive::new(key.into()))
    }

    /// Login + password as Basic auth on every request.
    pub fn basic(login: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials::Basic {
            login: login.into(),
            password: Sensitive::new(password.into()),
        }
    }

    /// Login + password exchanged for a token (the vendor's recommendation).
    pub fn token(login: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials::Token {
            login: login.into(),
            password: Sensitive::new(password.into()),
        }
    }

    /// Plain words for messages and diagnostics.
    pub fn kind(&self) -> &'static str {
        match self {
            Credentials::ApiKey(_) => "API key",
            Credentials::Basic { .. } => "login and password (Basic)",
            Credentials::Token { .. } => "login and password (token)",
        }
    }

    /// Refuses a credential the server could never accept, before any request.
    pub(crate) fn check(&self) -> Result<(), HttpError> {
        let blank = |field: &str, what: &str| {
            HttpError::invalid_input(field, format!("The {what} is empty. Enter it again."))
        };
        match self {
            Credentials::ApiKey(key) if key.expose().trim().is_empty() => {
                Err(blank("apiKey", "API key"))
            }
            Credentials::ApiKey(_) => Ok(()),
            Credentials::Basic { login, password } | Credentials::Token { login, password } => {
                if login.trim().is_empty() {
                    return Err(blank("login", "login name"));
                }
                if password.expose().is_empty() {
                    return Err(blank("password", "password"));
                }
                let basic = matches!(self, Credentials::Basic { .. });
                if basic && (login.contains(':') || password.expose().contains(':')) {
                    return Err(HttpError::invalid_input(
                        "login",
                        "TimeTracker NX's Basic sign-in cannot carry a login or password containing “:”. Use the token sign-in or an API key instead.",
                    ));
                }
                Ok(())
            }
        }
    }
}

/// A signed-in TT NX session: signs in on first use, keeps the token, and
/// signs in again once when the server rejects it. One async lock guards the
/// token, so many requests that start at once (or are all rejected at once)
/// share one sign-in instead of each making their own.
pub struct TokenSession {
    http: HttpClient,
    login: String,
    password: Sensitive<String>,
    token: Mutex<Option<Sensitive<String>>>,
}

impl std::fmt::Debug for TokenSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSession")
            .field("login", &self.login)
            .field("password", &self.password)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenRequest<'a> {
    login_name: &'a str,
    password: &'a str,
}

#[derive(Deserialize)]
struct TokenAnswer {
    token: String,
}

impl TokenSession {
    /// A session signing in through `http` (the same client, so sign-ins
    /// count against the server's rate limit like every other call).
    pub fn new(http: HttpClient, login: impl Into<String>, password: Sensitive<String>) -> Self {
        TokenSession {
            http,
            login: login.into(),
            password,
            token: Mutex::new(None),
        }
    }

    /// Whether a token is held (it may still have expired on the server).
    pub async fn is_signed_in(&self) -> bool {
        self.token.lock().await.is_some()
    }

    /// Ends the session on the server (`DELETE api/auth/token`) and forgets
    /// the token; the next request signs in again. A token the server no
    /// longer knows counts as ended.
    pub async fn logout(&self) -> Result<(), HttpError> {
        let Some(token) = self.token.lock().await.take() else {
            return Ok(());
        };
        match self
            .http
            .delete("api/auth/token")
            .auth(&Auth::Bearer(token))
            .send()
            .await
        {
            Err(err) if err.kind == ErrorKind::Unauthorized => Ok(()),
            other => other.map(|_| ()),
        }
    }

    /// `POST api/auth/token`. Repeating a sign-in is harmless (at worst a
    /// spare token), so it is retried like a read.
    async fn sign_in(&self) -> Result<Sensitive<String>, HttpError> {
        tracing::debug!(login = %self.login, "signing in to TimeTracker NX");
        let answer: TokenAnswer = self
            .http
            .post("api/auth/token")
            .json(&TokenRequest {
                login_name: &self.login,
                password: self.password.expose(),
            })
            .idempotent(true)
            .send_json()
            .await?;
        if answer.token.trim().is_empty() {
            return Err(HttpError::malformed(
                "POST api/auth/token",
                "{\"token\":\"\"} (an empty token)",
            ));
        }
        Ok(Sensitive::new(answer.token))
    }
}

impl Authenticator for TokenSession {
    fn auth(&self) -> BoxFuture<'_, Result<Auth, HttpError>> {
        Box::pin(async move {
            let mut token = self.token.lock().await;
            let current = match token.as_ref() {
                Some(current) => current.clone(),
                None => {
                    let fresh = self.sign_in().await?;
                    *token = Some(fresh.clone());
                    fresh
                }
            };
            Ok(Auth::Bearer(current))
        })
    }

    fn renew<'a>(&'a self, rejected: &'a Auth) -> BoxFuture<'a, Result<Option<Auth>, HttpError>> {
        Box::pin(async move {
            let mut token = self.token.lock().await;
            let rejected = match rejected {
                Auth::Bearer(rejected) => Some(rejected.expose()),
                _ => None,
            };
            // Another request already signed in again while this one waited
            // for the lock: use its token rather than signing in once more.
            if let Some(current) = token.as_ref() {
                if Some(current.expose()) != rejected {
                    return Ok(Some(Auth::Bearer(current.clone())));
                }
            }
            *token = None;
            let fresh = self.sign_in().await?;
            *token = Some(fresh.clone());
            Ok(Some(Auth::Bearer(fresh)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_print_their_secret() {
        for credentials in [
            Credentials::api_key("key-123-secret"),
            Credentials::basic("sato", "pw-123-secret"),
            Credentials::token("sato", "pw-123-secret"),
        ] {
            let shown = format!("{credentials:?}");
            assert!(!shown.contains("secret"), "{shown}");
        }
    }

    #[test]
    fn unusable_credentials_are_refused_with_the_field() {
        let field = |credentials: Credentials| match credentials.check().unwrap_err().kind {
            ErrorKind::InvalidInput { field } => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(Credentials::api_key("  ")), "apiKey");
        assert_eq!(field(Credentials::token("", "pw")), "login");
        assert_eq!(field(Credentials::basic("sato", "")), "password");
        assert_eq!(field(Credentials::basic("sa:to", "pw")), "login");
        assert_eq!(field(Credentials::basic("sato", "p:w")), "login");
        assert!(Credentials::token("sato", "p:w").check().is_ok());
        assert!(Credentials::api_key("k").check().is_ok());
    }
}
