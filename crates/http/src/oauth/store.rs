//! Where a grant's tokens live between requests and between runs: the OS
//! keychain in the app (the core's `KeychainTokenStore`), memory in tests.

use std::sync::Mutex;

use futures_util::future::BoxFuture;

use super::TokenSet;
use crate::error::{ErrorKind, HttpError};

/// Loads and saves one grant's tokens. Providers that rotate refresh tokens
/// (Jira Data Center) spend the old one with every refresh, so `save` is
/// called with the new tokens before the new access token is used: a
/// refresh whose result could not be saved is reported, not used.
pub trait TokenStore: Send + Sync + 'static {
    /// The stored tokens; an `Unauthorized` error when there are none
    /// (signed out), saying to sign in.
    fn load(&self) -> BoxFuture<'_, Result<TokenSet, HttpError>>;
    /// Replaces the stored tokens.
    fn save<'a>(&'a self, tokens: &'a TokenSet) -> BoxFuture<'a, Result<(), HttpError>>;
}

/// Tokens held in memory only: tests, and a sign-in not yet saved.
#[derive(Debug, Default)]
pub struct MemoryTokenStore {
    tokens: Mutex<Option<TokenSet>>,
}

impl MemoryTokenStore {
    /// A store holding `tokens`.
    pub fn new(tokens: TokenSet) -> Self {
        MemoryTokenStore {
            tokens: Mutex::new(Some(tokens)),
        }
    }

    /// The tokens held now, if any.
    pub fn current(&self) -> Option<TokenSet> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<TokenSet>> {
        self.tokens.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<TokenSet, HttpError>> {
        let tokens = self.current();
        Box::pin(async move {
            tokens.ok_or_else(|| {
                HttpError::new(
                    ErrorKind::Unauthorized,
                    "There are no OAuth 2.0 tokens for this credential. Sign in first.",
                )
            })
        })
    }

    fn save<'a>(&'a self, tokens: &'a TokenSet) -> BoxFuture<'a, Result<(), HttpError>> {
        *self.lock() = Some(tokens.clone());
        Box::pin(async { Ok(()) })
    }
}
