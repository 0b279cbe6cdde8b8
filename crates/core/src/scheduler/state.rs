//! The scheduler as the UI and the tray see it. Sent over specta like every
//! other core type, so times are RFC 3339 strings and ids are `u32`.

use serde::{Deserialize, Serialize};

use super::runner::ScheduledOutcome;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SchedulerState {
    /// "Pause all" is on: no scheduled run starts (running ones finish).
    pub paused: bool,
    /// Why the profiles could not be read, e.g. the database failed; the
    /// scheduler keeps trying on its own.
    pub problem: Option<String>,
    /// Ascending by profile id.
    pub profiles: Vec<ProfileState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileState {
    pub profile_id: u32,
    pub name: String,
    /// RFC 3339, UTC, to the second; `None` when the schedule is off or the
    /// profile is paused.
    pub next_run_at: Option<String>,
    /// A run of this profile is in flight, scheduled or started by hand.
    pub running: bool,
    pub consecutive_failures: u32,
    /// Set when the profile stopped running on its own (its credential
    /// expired); says what to do. Cleared by resuming it or reloading.
    pub paused_reason: Option<String>,
    /// How the last scheduled run ended, since the app started.
    pub last_outcome: Option<ScheduledOutcome>,
}
