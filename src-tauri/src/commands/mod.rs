//! Typed commands, one file per feature. Each is a few lines over the core;
//! all are `async` so slow work never blocks the UI thread.

pub mod connections;
pub mod credentials;
pub mod diagnostics;
pub mod members;
pub mod oauth;
pub mod preferences;
pub mod status;
pub mod sync;
pub mod transfer;
pub mod workspace;
