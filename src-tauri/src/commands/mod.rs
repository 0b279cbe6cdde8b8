//! Typed commands, one file per feature. Each is a few lines over the core;
//! all are `async` so slow work never blocks the UI thread.

pub mod diagnostics;
pub mod preferences;
pub mod status;
pub mod workspace;
