//! Scheduled syncs: each profile runs on its own schedule (an interval, or
//! office hours in a time zone), never twice at once, at most
//! `max_parallel` runs in flight, with back-off after failures and a pause
//! when a credential has expired.
//!
//! - [`timing`]: when a schedule is due, back-off and jitter (pure).
//! - [`RunRegistry`]: the runs in flight, manual and scheduled; the one
//!   place that refuses a second run of a profile.
//! - [`SyncRunner`], [`ProfileSource`], [`WallClock`]: what the scheduler
//!   needs from the app, so it knows neither the engine nor the database.
//! - [`Scheduler`]: the handle owning the loop; [`SchedulerState`] is what
//!   the UI shows.
//!
//! Missed ticks (the laptop slept) add up to one run, then the schedule
//! continues from the wake-up; a wall clock set back pulls due times back
//! with it instead of stalling the profile. Manual runs are started by the app through
//! the registry directly; the scheduler only sees them there, skips a tick
//! that falls while the profile is running, and counts them towards the
//! parallel limit.

mod config;
mod driver;
mod entry;
mod handle;
mod registry;
mod runner;
mod state;
pub mod timing;
mod workspace;

pub use config::SchedulerConfig;
pub use handle::Scheduler;
pub use registry::RunRegistry;
pub use runner::{
    ProfileSource, ScheduledOutcome, ScheduledProfile, SyncRunner, SystemClock, WallClock,
};
pub use state::{ProfileState, SchedulerState};
pub use workspace::{DatabaseProfiles, EngineRunner, RunHooks};

#[cfg(test)]
mod tests;
