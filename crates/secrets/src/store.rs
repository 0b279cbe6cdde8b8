//! Where secrets are kept: the OS keychain in the product, an in-memory map
//! in unit tests. Callers hold a `&dyn SecretStore`, so the core's logic is
//! tested without a desktop session while the product never has a fallback:
//! there is no file store, ever.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use keyring::Entry;

use crate::keychain::{
    describe, platform_guidance, session_bus_problem, KEYCHAIN_LOCK, KEYCHAIN_SERVICE,
};
use crate::Sensitive;

/// Why a secret could not be stored or read. Never contains the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SecretError(pub String);

/// A place for secrets, addressed by account name (Kakehashi uses one
/// account per credential).
pub trait SecretStore: Send + Sync {
    fn set(&self, account: &str, secret: &Sensitive<String>) -> Result<(), SecretError>;
    /// `Ok(None)` when nothing is stored under `account`.
    fn get(&self, account: &str) -> Result<Option<Sensitive<String>>, SecretError>;
    /// Deleting what is not there is not an error.
    fn delete(&self, account: &str) -> Result<(), SecretError>;
    /// The same store behind an `Arc`, for work that outlives the caller's
    /// borrow (an OAuth refresher saves rotated tokens long after sign-in).
    fn shared(&self) -> Arc<dyn SecretStore>;
}

/// The OS keychain, under the service [`KEYCHAIN_SERVICE`]; every call is
/// serialised behind the one keychain lock.
#[derive(Debug, Default, Clone, Copy)]
pub struct Keychain;

impl Keychain {
    fn entry(account: &str) -> Result<Entry, SecretError> {
        Entry::new(KEYCHAIN_SERVICE, account).map_err(fail)
    }
}

fn fail(err: keyring::Error) -> SecretError {
    SecretError(format!("{} {}", describe(err), platform_guidance()))
}

/// Runs one keychain call behind the lock, after checking (as `probe` does)
/// that a session bus exists at all.
fn locked<T>(f: impl FnOnce() -> Result<T, SecretError>) -> Result<T, SecretError> {
    if let Some(reason) = session_bus_problem() {
        return Err(SecretError(format!("{reason} {}", platform_guidance())));
    }
    let _guard = KEYCHAIN_LOCK
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    f()
}

impl SecretStore for Keychain {
    fn set(&self, account: &str, secret: &Sensitive<String>) -> Result<(), SecretError> {
        locked(|| {
            Self::entry(account)?
                .set_password(secret.expose())
                .map_err(fail)
        })
    }

    fn get(&self, account: &str) -> Result<Option<Sensitive<String>>, SecretError> {
        locked(|| match Self::entry(account)?.get_password() {
            Ok(secret) => Ok(Some(Sensitive::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(err) => Err(fail(err)),
        })
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        locked(|| match Self::entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(fail(err)),
        })
    }

    fn shared(&self) -> Arc<dyn SecretStore> {
        Arc::new(Keychain)
    }
}

/// For unit tests of code that stores secrets. Not used by the product.
/// Clones share their entries, like two handles on one keychain.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    entries: Arc<Mutex<HashMap<String, Sensitive<String>>>>,
}

impl MemoryStore {
    /// The accounts currently stored, sorted (for assertions).
    pub fn accounts(&self) -> Vec<String> {
        let mut accounts: Vec<_> = self.lock().keys().cloned().collect();
        accounts.sort();
        accounts
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Sensitive<String>>> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecretStore for MemoryStore {
    fn set(&self, account: &str, secret: &Sensitive<String>) -> Result<(), SecretError> {
        self.lock().insert(account.to_owned(), secret.clone());
        Ok(())
    }

    fn get(&self, account: &str) -> Result<Option<Sensitive<String>>, SecretError> {
        Ok(self.lock().get(account).cloned())
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.lock().remove(account);
        Ok(())
    }

    fn shared(&self) -> Arc<dyn SecretStore> {
        Arc::new(self.clone())
    }
}
