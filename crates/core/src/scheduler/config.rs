//! The scheduler's knobs. The defaults are what the desktop uses; tests
//! shorten or zero them to make call times exact.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchedulerConfig {
    /// Most runs in flight at once, manual runs included (at least 1): each
    /// run holds server connections and rate-limit budget.
    pub max_parallel: usize,
    /// Each tick starts up to this much later, per profile and tick, so
    /// profiles on the same interval do not hit the servers together.
    pub jitter_max: Duration,
    /// Wait added after the first failure in a row; doubles per failure.
    pub backoff_base: Duration,
    /// The longest back-off.
    pub backoff_cap: Duration,
    /// The longest the loop sleeps without looking at the wall clock: a
    /// suspended laptop wakes with its wall clock far ahead while tokio's
    /// timers have not moved, and this bounds how late the catch-up run is.
    pub poll: Duration,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            max_parallel: 2,
            jitter_max: Duration::from_secs(30),
            backoff_base: Duration::from_secs(60),
            backoff_cap: Duration::from_secs(60 * 60),
            poll: Duration::from_secs(30),
        }
    }
}

impl SchedulerConfig {
    /// The limits the loop relies on: a zero poll would spin, a zero
    /// parallelism would never run anything.
    pub(super) fn sane(mut self) -> SchedulerConfig {
        self.max_parallel = self.max_parallel.max(1);
        self.poll = self.poll.max(Duration::from_secs(1));
        self
    }
}
