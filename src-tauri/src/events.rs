//! Typed events from Rust to the UI (exported into ui/src/bindings.ts).

use kakehashi_core::status::HomeStatus;
use serde::{Deserialize, Serialize};

/// Automatic-sync status changed outside the UI (e.g. paused from the tray).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct StatusChanged(pub HomeStatus);
