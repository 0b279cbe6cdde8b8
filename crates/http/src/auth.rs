//! How a request proves who it is. The values are [`Sensitive`], so an
//! `Auth` inside any struct prints as redacted, and the headers built from it
//! are marked sensitive so hyper never logs them.

use base64::Engine as _;
use futures_util::future::BoxFuture;
use kakehashi_secrets::Sensitive;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};

use crate::error::HttpError;

#[derive(Debug, Clone, Default)]
pub enum Auth {
    /// Anonymous, e.g. Jira's `serverInfo`.
    #[default]
    None,
    /// `Authorization: Basic base64(user:password)`: Jira Cloud email + API
    /// token, Jira DC user + password, TimeTracker NX login + password.
    Basic {
        user: String,
        password: Sensitive<String>,
    },
    /// `Authorization: Bearer <token>`: Jira DC personal access token or OAuth
    /// access token, TimeTracker NX session token, Asana PAT or OAuth token.
    Bearer(Sensitive<String>),
    /// A vendor header carrying a key, e.g. TimeTracker NX `X-TT-ApiKey`.
    Header {
        name: &'static str,
        value: Sensitive<String>,
    },
}

impl Auth {
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::Basic {
            user: user.into(),
            password: Sensitive::new(password.into()),
        }
    }

    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::Bearer(Sensitive::new(token.into()))
    }

    pub fn header(name: &'static str, value: impl Into<String>) -> Self {
        Auth::Header {
            name,
            value: Sensitive::new(value.into()),
        }
    }

    /// The header to send, already marked sensitive.
    pub(crate) fn to_header(&self) -> Result<Option<(HeaderName, HeaderValue)>, HttpError> {
        let (name, raw) = match self {
            Auth::None => return Ok(None),
            Auth::Basic { user, password } => {
                let pair = format!("{user}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                (AUTHORIZATION, format!("Basic {encoded}"))
            }
            Auth::Bearer(token) => (AUTHORIZATION, format!("Bearer {}", token.expose())),
            Auth::Header { name, value } => {
                (HeaderName::from_static(name), value.expose().to_owned())
            }
        };
        let mut value = HeaderValue::from_str(&raw).map_err(|_| {
            HttpError::invalid_input(
                "credential",
                "The credential contains characters that cannot be sent in an HTTP header. Paste it again without line breaks.",
            )
        })?;
        value.set_sensitive(true);
        Ok(Some((name, value)))
    }

    /// The secret values, so error excerpts can be scrubbed of them: the
    /// secret itself and, for Basic, the encoded `user:password` a server
    /// that echoes the `Authorization` header would show.
    pub(crate) fn secrets(&self) -> Vec<String> {
        match self {
            Auth::None => Vec::new(),
            Auth::Basic { user, password } => vec![
                password.expose().clone(),
                base64::engine::general_purpose::STANDARD
                    .encode(format!("{user}:{}", password.expose())),
            ],
            Auth::Bearer(token) => vec![token.expose().clone()],
            Auth::Header { value, .. } => vec![value.expose().clone()],
        }
    }
}

/// Where a request's [`Auth`] comes from. A fixed credential never changes;
/// a session or OAuth token can be renewed once when the server answers 401
/// (TimeTracker NX logs in again, Jira DC and Asana OAuth use the refresh
/// token). The credentials layer implements this over the keychain.
pub trait Authenticator: Send + Sync + 'static {
    /// The auth to send now.
    fn auth(&self) -> BoxFuture<'_, Result<Auth, HttpError>>;

    /// The server rejected `rejected` with 401: a fresh auth to try once
    /// more, or `None` when there is nothing to renew.
    fn renew<'a>(&'a self, rejected: &'a Auth) -> BoxFuture<'a, Result<Option<Auth>, HttpError>> {
        let _ = rejected;
        Box::pin(async { Ok(None) })
    }
}

impl Authenticator for Auth {
    fn auth(&self) -> BoxFuture<'_, Result<Auth, HttpError>> {
        let auth = self.clone();
        Box::pin(async move { Ok(auth) })
    }
}
