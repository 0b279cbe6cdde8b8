//! Everything that touches secrets: the OS keychain (and nothing else ever
//! stores a secret), and the redaction that keeps secrets out of logs and
//! diagnostics.

mod keychain;
mod redact;

pub use keychain::{probe, KeychainStatus, KEYCHAIN_SERVICE};
pub use redact::{redact, REDACTED};
