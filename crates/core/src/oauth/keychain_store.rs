//! An OAuth credential's tokens in the OS keychain: one entry per
//! credential (account = the row's `secret_account`) holding one JSON
//! document,
//! `{"access_token","refresh_token","expires_at":<unix secs|null>,"scope","client_secret":..|null}`.
//! The client secret lives beside the tokens because it is as secret as
//! they are and the refresh needs it.
//!
//! No entry means "signed out": the credential row stays, and the UI offers
//! to sign in. Rotated refresh tokens are written here before they are
//! used (the refresher calls [`TokenStore::save`] first).

use std::sync::Arc;

use kakehashi_http::oauth::{TokenSet, TokenStore};
use kakehashi_http::{BoxFuture, ErrorKind, HttpError};
use kakehashi_secrets::{SecretStore, Sensitive};
use serde::{Deserialize, Serialize};

use crate::{AppError, AppResult};

/// What one keychain entry holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredGrant {
    pub tokens: TokenSet,
    pub client_secret: Option<Sensitive<String>>,
}

/// The JSON document. No `Debug`: it holds the secrets in the clear for
/// the moment it takes to (de)serialise.
#[derive(Serialize, Deserialize)]
struct Entry {
    access_token: String,
    refresh_token: Option<String>,
    expires_at: Option<i64>,
    scope: Option<String>,
    client_secret: Option<String>,
}

/// The keychain entry of one OAuth credential.
#[derive(Clone)]
pub struct KeychainTokenStore {
    secrets: Arc<dyn SecretStore>,
    account: String,
}

impl std::fmt::Debug for KeychainTokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeychainTokenStore")
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

impl KeychainTokenStore {
    /// The entry `account` in `secrets` (the keychain; memory in tests).
    pub fn new(secrets: Arc<dyn SecretStore>, account: impl Into<String>) -> Self {
        KeychainTokenStore {
            secrets,
            account: account.into(),
        }
    }

    pub fn account(&self) -> &str {
        &self.account
    }

    /// The stored grant, or `None` when signed out.
    pub fn read(&self) -> AppResult<Option<StoredGrant>> {
        let Some(raw) = self.secrets.get(&self.account)? else {
            return Ok(None);
        };
        // serde's message could quote a token: never pass it on.
        let entry: Entry = serde_json::from_str(raw.expose()).map_err(|_| {
            AppError::Unauthorized {
                message: "The stored OAuth 2.0 sign-in of this credential cannot be read (it was not written by this version of Kakehashi). Sign in again.".to_owned(),
            }
        })?;
        Ok(Some(StoredGrant {
            tokens: TokenSet {
                access_token: Sensitive::new(entry.access_token),
                refresh_token: entry.refresh_token.map(Sensitive::new),
                expires_at: entry.expires_at.map(TokenSet::expiry_from_unix),
                scope: entry.scope,
            },
            client_secret: entry.client_secret.map(Sensitive::new),
        }))
    }

    /// Writes the tokens of a sign-in together with the client secret
    /// the admin entered (`None` for a public client).
    pub fn write(
        &self,
        tokens: &TokenSet,
        client_secret: Option<&Sensitive<String>>,
    ) -> AppResult<()> {
        let entry = Entry {
            access_token: tokens.access_token.expose().clone(),
            refresh_token: tokens.refresh_token.as_ref().map(|t| t.expose().clone()),
            expires_at: tokens.expires_at_unix(),
            scope: tokens.scope.clone(),
            client_secret: client_secret.map(|s| s.expose().clone()),
        };
        let json = serde_json::to_string(&entry).map_err(|_| {
            AppError::internal("The OAuth 2.0 tokens could not be prepared for the keychain.")
        })?;
        self.secrets.set(&self.account, &Sensitive::new(json))?;
        Ok(())
    }

    /// Replaces the tokens and keeps the client secret stored with them.
    pub fn replace_tokens(&self, tokens: &TokenSet) -> AppResult<()> {
        let client_secret = self.read()?.and_then(|grant| grant.client_secret);
        self.write(tokens, client_secret.as_ref())
    }

    /// The client secret stored with the tokens, if any.
    pub fn client_secret(&self) -> AppResult<Option<Sensitive<String>>> {
        Ok(self.read()?.and_then(|grant| grant.client_secret))
    }

    pub fn is_signed_in(&self) -> AppResult<bool> {
        Ok(self.secrets.get(&self.account)?.is_some())
    }

    /// Deletes the entry: the credential is signed out.
    pub fn forget(&self) -> AppResult<()> {
        Ok(self.secrets.delete(&self.account)?)
    }
}

/// The keychain's calls block (D-Bus, Keychain Services), so they run on
/// the blocking pool, never on the thread that drives requests.
impl TokenStore for KeychainTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<TokenSet, HttpError>> {
        let store = self.clone();
        Box::pin(async move {
            let grant = blocking(move || store.read()).await?;
            grant.map(|grant| grant.tokens).ok_or_else(|| {
                HttpError::new(
                    ErrorKind::Unauthorized,
                    "This OAuth 2.0 credential is signed out: the keychain holds no sign-in for it. Sign in again under Credentials.",
                )
            })
        })
    }

    fn save<'a>(&'a self, tokens: &'a TokenSet) -> BoxFuture<'a, Result<(), HttpError>> {
        let store = self.clone();
        let tokens = tokens.clone();
        Box::pin(async move { blocking(move || store.replace_tokens(&tokens)).await })
    }
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> AppResult<T> + Send + 'static,
) -> Result<T, HttpError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(to_http(error)),
        Err(_) => Err(HttpError::new(
            ErrorKind::Keychain,
            "The keychain call was interrupted. Try again.",
        )),
    }
}

/// The transport's error for a store failure, keeping what the user must do.
fn to_http(error: AppError) -> HttpError {
    let kind = match &error {
        AppError::Unauthorized { .. } => ErrorKind::Unauthorized,
        _ => ErrorKind::Keychain,
    };
    HttpError::new(kind, error.to_string())
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, SystemTime};

    use kakehashi_secrets::MemoryStore;

    use super::*;

    fn tokens(access: &str, refresh: &str) -> TokenSet {
        TokenSet {
            access_token: Sensitive::new(access.into()),
            refresh_token: Some(Sensitive::new(refresh.into())),
            expires_at: Some(TokenSet::expiry_from_unix(1_767_225_600)),
            scope: Some("WRITE".into()),
        }
    }

    #[test]
    fn the_entry_is_the_documented_json() {
        let secrets = Arc::new(MemoryStore::default());
        let store = KeychainTokenStore::new(secrets.clone(), "credential-7");
        store
            .write(
                &tokens("at-1", "rt-1"),
                Some(&Sensitive::new("cs-1".into())),
            )
            .unwrap();
        let raw = secrets.get("credential-7").unwrap().unwrap();
        let json: serde_json::Value = serde_json::from_str(raw.expose()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "access_token": "at-1", "refresh_token": "rt-1", "expires_at": 1_767_225_600,
                "scope": "WRITE", "client_secret": "cs-1"
            })
        );
        let grant = store.read().unwrap().unwrap();
        assert_eq!(grant.tokens, tokens("at-1", "rt-1"));
        assert_eq!(grant.client_secret.unwrap().expose(), "cs-1");
    }

    #[tokio::test]
    async fn a_saved_refresh_keeps_the_client_secret_and_a_forgotten_one_is_signed_out() {
        let secrets = Arc::new(MemoryStore::default());
        let store = KeychainTokenStore::new(secrets, "credential-8");
        store
            .write(
                &tokens("at-1", "rt-1"),
                Some(&Sensitive::new("cs-1".into())),
            )
            .unwrap();
        let rotated = TokenSet {
            expires_at: Some(SystemTime::now() + Duration::from_secs(3600)),
            ..tokens("at-2", "rt-2")
        };
        TokenStore::save(&store, &rotated).await.unwrap();
        let loaded = TokenStore::load(&store).await.unwrap();
        assert_eq!(loaded.refresh_token.unwrap().expose(), "rt-2");
        assert_eq!(store.client_secret().unwrap().unwrap().expose(), "cs-1");

        store.forget().unwrap();
        assert!(!store.is_signed_in().unwrap());
        let err = TokenStore::load(&store).await.unwrap_err();
        assert_eq!(err.kind, ErrorKind::Unauthorized);
        assert!(err.message.contains("Sign in again"), "{}", err.message);
    }

    #[test]
    fn an_unreadable_entry_is_never_quoted() {
        let secrets = Arc::new(MemoryStore::default());
        secrets
            .set(
                "credential-9",
                &Sensitive::new("{\"access_token\": 5, \"x\": \"rt-secret\"}".into()),
            )
            .unwrap();
        let store = KeychainTokenStore::new(secrets, "credential-9");
        let err = store.read().unwrap_err();
        assert_eq!(err.code(), "Unauthorized");
        assert!(!err.to_string().contains("rt-secret"), "{err}");
        assert!(!format!("{store:?}").contains("secret"));
    }
}
