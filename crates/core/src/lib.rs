//! Kakehashi's core: the domain model, the SQLite store and the services the
//! desktop app and the `kakehashi` CLI share. Nothing here knows about Tauri,
//! so every feature can be exercised headless and in plain unit tests.

pub mod clock;
pub mod connection_test;
pub mod demo;
pub mod diagnostics;
pub mod error;
pub mod language;
pub mod logging;
pub mod members;
pub mod oauth;
pub mod os_user;
pub mod paths;
pub mod remote;
pub mod scheduler;
pub mod settings;
pub mod status;
pub mod store;
pub mod sync;
pub mod workspace;

pub use error::{AppError, AppResult};
