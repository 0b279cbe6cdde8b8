//! Typed events from Rust to the UI (exported into ui/src/bindings.ts).

use kakehashi_core::status::HomeStatus;
use serde::{Deserialize, Serialize};

/// Automatic-sync status changed outside the UI (e.g. paused from the tray).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct StatusChanged(pub HomeStatus);

/// A sync run moved on: its phase and read / planned / applied counts.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct SyncProgressed(pub kakehashi_core::sync::SyncProgress);

/// A sync run ended (any outcome); the summary as Activity lists it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct SyncFinished(pub kakehashi_core::sync::RunSummary);

/// The scheduler's state changed: next runs, running profiles, pauses.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct SchedulerChanged(pub kakehashi_core::scheduler::SchedulerState);
