//! What the scheduler needs from the rest of the app, as traits: something
//! that runs a profile's sync, something that lists the profiles' schedules,
//! and a wall clock. The desktop implements them over its database and the
//! sync engine; the tests implement them with fakes, so the scheduler's
//! rules are tested without a server, a database or real time.

use futures_util::future::BoxFuture;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::sync::model::Schedule;
use crate::AppResult;

/// How a scheduled run ended, as far as scheduling cares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ScheduledOutcome {
    Succeeded,
    /// Retried later with a growing back-off.
    Failed {
        message: String,
    },
    /// The server refused the credential: retrying cannot help until the
    /// person signs in again, so the profile pauses instead.
    CredentialExpired {
        message: String,
    },
    /// The run stopped to ask a person (the mass-change breaker): another
    /// run on the timer would only ask again, so the profile pauses until
    /// they have decided.
    NeedsDecision {
        message: String,
    },
    /// The token was cancelled (by the person, or because the app quits).
    Cancelled,
    /// Another process on this computer (the app, the daemon, the CLI) was
    /// running the profile: its run covers this tick, so the profile just
    /// waits for its next one, with no back-off and no notification.
    Busy {
        message: String,
    },
}

/// Runs one profile's sync to its end. The scheduler has already reserved
/// the profile in the [`RunRegistry`](super::RunRegistry) and frees it when
/// the future completes; the runner may call `registry.started` with the
/// engine's run id so the UI can cancel the run. The runner must stop soon
/// after `cancel` fires and report [`ScheduledOutcome::Cancelled`].
pub trait SyncRunner: Send + Sync + 'static {
    fn run(
        &self,
        profile_id: u32,
        cancel: CancellationToken,
    ) -> BoxFuture<'static, ScheduledOutcome>;
}

/// A profile as the scheduler sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledProfile {
    pub id: u32,
    pub name: String,
    pub schedule: Schedule,
    /// When its last run started, if it ran: the schedule counts from
    /// there, so a profile whose run is overdue when the app starts (it was
    /// not running overnight) runs once soon after, not an interval later.
    pub last_run_at: Option<Timestamp>,
}

/// The profiles to schedule. Read again on every
/// [`Scheduler::reload`](super::Scheduler::reload), so the scheduler never
/// holds a database handle of its own.
pub trait ProfileSource: Send + Sync + 'static {
    fn schedules(&self) -> AppResult<Vec<ScheduledProfile>>;
}

/// "Now" on the wall. Schedules are wall-clock times, and the wall clock
/// can jump (suspend, time sync) while tokio's monotonic clock does not, so
/// the scheduler compares due times with this and uses tokio only to sleep.
pub trait WallClock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl WallClock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}
