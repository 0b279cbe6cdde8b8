//! Everything that touches secrets: the OS keychain (and nothing else ever
//! stores a secret), the `Sensitive` wrapper that keeps secrets out of
//! `Debug` output, and the redaction that keeps them out of logs and
//! diagnostics.

mod keychain;
mod redact;
mod sensitive;
mod store;

pub use keychain::{probe, KeychainStatus, KEYCHAIN_SERVICE};
pub use redact::{redact, REDACTED};
pub use sensitive::Sensitive;
pub use store::{Keychain, MemoryStore, SecretError, SecretStore};
