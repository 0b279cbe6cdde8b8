//! OAuth 2.0 tokens as the transport's [`Authenticator`]: the access token
//! as `Bearer`, renewed shortly before it expires and once when the server
//! answers 401.
//!
//! Refreshes are serialised behind one lock, and every caller that waited
//! on it looks again before refreshing: requests rejected together share
//! one refresh. That matters beyond saving calls: with rotating refresh
//! tokens (Jira Data Center) a second refresh with the same token would be
//! refused and end the sign-in.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::future::BoxFuture;
use kakehashi_secrets::Sensitive;
use tokio::sync::Mutex;

use super::{TokenEndpoint, TokenSet, TokenStore};
use crate::auth::{Auth, Authenticator};
use crate::error::HttpError;

/// A token this close to its expiry is renewed before it is sent, so a
/// request does not set out with a token that dies on the way.
const EXPIRY_MARGIN: Duration = Duration::from_secs(60);

pub struct OAuthRefresher {
    endpoint: TokenEndpoint,
    store: Arc<dyn TokenStore>,
    /// The tokens in use, loaded from the store the first time; `None`
    /// until then. The lock is held for the whole of a refresh.
    current: Mutex<Option<TokenSet>>,
}

impl std::fmt::Debug for OAuthRefresher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuthRefresher")
            .field("provider", &self.endpoint.client().provider)
            .field("client_id", &self.endpoint.client().client_id)
            .finish_non_exhaustive()
    }
}

impl OAuthRefresher {
    /// Tokens from `store`, refreshed at `endpoint`.
    pub fn new(endpoint: TokenEndpoint, store: Arc<dyn TokenStore>) -> Self {
        OAuthRefresher {
            endpoint,
            store,
            current: Mutex::new(None),
        }
    }

    /// The access token to send now, renewed first when it is about to
    /// expire and there is a refresh token to renew it with.
    pub async fn access_token(&self) -> Result<Sensitive<String>, HttpError> {
        let mut slot = self.current.lock().await;
        let tokens = self.cached(&mut slot).await?;
        if !renewable_soon(&tokens) {
            return Ok(tokens.access_token);
        }
        // Someone else (another client over the same store) may have
        // renewed already.
        let stored = self.store.load().await?;
        let tokens = if stored.access_token != tokens.access_token && !renewable_soon(&stored) {
            stored
        } else {
            self.renew_and_save(&stored).await?
        };
        *slot = Some(tokens.clone());
        Ok(tokens.access_token)
    }

    /// The server refused `rejected` (401): a fresh access token. When
    /// another request renewed meanwhile, its token is the answer.
    pub async fn renew_rejected(
        &self,
        rejected: &Sensitive<String>,
    ) -> Result<Sensitive<String>, HttpError> {
        let mut slot = self.current.lock().await;
        let cached = self.cached(&mut slot).await?;
        if cached.access_token != *rejected {
            return Ok(cached.access_token);
        }
        let stored = self.store.load().await?;
        let tokens = if stored.access_token != *rejected {
            stored
        } else {
            self.renew_and_save(&stored).await?
        };
        *slot = Some(tokens.clone());
        Ok(tokens.access_token)
    }

    async fn cached(&self, slot: &mut Option<TokenSet>) -> Result<TokenSet, HttpError> {
        if let Some(tokens) = slot {
            return Ok(tokens.clone());
        }
        let tokens = self.store.load().await?;
        *slot = Some(tokens.clone());
        Ok(tokens)
    }

    /// Refreshes and saves before the new tokens are used: a rotated
    /// refresh token that is not saved is lost with the next start.
    async fn renew_and_save(&self, tokens: &TokenSet) -> Result<TokenSet, HttpError> {
        let provider = &self.endpoint.client().provider;
        let fresh = self.endpoint.refresh(tokens).await?;
        self.store.save(&fresh).await.map_err(|err| {
            HttpError::new(
                err.kind,
                format!("{provider} renewed the sign-in, but the new tokens could not be saved, so the sign-in is lost: {} Then sign in to {provider} again.", err.message),
            )
        })?;
        tracing::info!(provider = %provider, "renewed the OAuth 2.0 access token");
        Ok(fresh)
    }
}

/// Expiring within the margin, with a refresh token to renew it.
fn renewable_soon(tokens: &TokenSet) -> bool {
    tokens.refresh_token.is_some() && tokens.expires_within(EXPIRY_MARGIN, SystemTime::now())
}

impl Authenticator for OAuthRefresher {
    fn auth(&self) -> BoxFuture<'_, Result<Auth, HttpError>> {
        Box::pin(async move { Ok(Auth::Bearer(self.access_token().await?)) })
    }

    fn renew<'a>(&'a self, rejected: &'a Auth) -> BoxFuture<'a, Result<Option<Auth>, HttpError>> {
        Box::pin(async move {
            let Auth::Bearer(rejected) = rejected else {
                return Ok(None);
            };
            Ok(Some(Auth::Bearer(self.renew_rejected(rejected).await?)))
        })
    }
}
