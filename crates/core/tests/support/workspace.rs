//! Shared by the credential tests: a workspace in memory, and a secret
//! store that can be told to fail.

use std::sync::atomic::{AtomicBool, Ordering};

use kakehashi_core::store::Database;
use kakehashi_core::workspace::{servers, NewServer, Server, ServerKind, ServerProxy, ServerTls};
use kakehashi_secrets::{MemoryStore, SecretError, SecretStore, Sensitive};

pub fn server(db: &Database, kind: ServerKind, name: &str, url: &str) -> Server {
    servers::add(
        db,
        &NewServer {
            kind,
            name: name.into(),
            base_url: url.into(),
            alt_url: None,
            time_zone: None,
            is_demo: false,
            tls: ServerTls::default(),
            proxy: ServerProxy::System,
        },
    )
    .unwrap()
}

/// A memory store whose writes or deletes fail on demand, like a keychain
/// that locks or goes away in the middle of a change.
#[derive(Debug, Default)]
pub struct Flaky {
    pub inner: MemoryStore,
    pub fail_set: AtomicBool,
    pub fail_delete: AtomicBool,
}

impl Flaky {
    pub fn fail_set(&self, fail: bool) {
        self.fail_set.store(fail, Ordering::SeqCst);
    }
    pub fn fail_delete(&self, fail: bool) {
        self.fail_delete.store(fail, Ordering::SeqCst);
    }
}

fn locked() -> SecretError {
    SecretError("The keychain is locked (test).".into())
}

impl SecretStore for Flaky {
    fn set(&self, account: &str, secret: &Sensitive<String>) -> Result<(), SecretError> {
        if self.fail_set.load(Ordering::SeqCst) {
            return Err(locked());
        }
        self.inner.set(account, secret)
    }
    fn get(&self, account: &str) -> Result<Option<Sensitive<String>>, SecretError> {
        self.inner.get(account)
    }
    fn delete(&self, account: &str) -> Result<(), SecretError> {
        if self.fail_delete.load(Ordering::SeqCst) {
            return Err(locked());
        }
        self.inner.delete(account)
    }
    /// Work that outlives the call sees the same entries, without the faults.
    fn shared(&self) -> std::sync::Arc<dyn SecretStore> {
        self.inner.shared()
    }
}

pub fn secret(value: &str) -> Sensitive<String> {
    Sensitive::new(value.to_owned())
}
