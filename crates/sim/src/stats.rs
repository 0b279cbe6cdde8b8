//! Request counts per endpoint, for `/__sim/stats` and for tests that assert
//! how many calls a client made (batching, retries, rate limiting).

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::Serialize;

use crate::FaultKind;

#[derive(Debug, Default)]
pub(crate) struct Stats {
    inner: Mutex<StatsSnapshot>,
}

/// What `/__sim/stats` answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatsSnapshot {
    /// Every request that reached the simulator, admin calls excluded.
    pub total: u64,
    /// `"GET /rest/api/3/myself"` → count; the path is the route template.
    pub by_endpoint: BTreeMap<String, u64>,
    /// Requests answered 429 by the rate limiter.
    pub rate_limited: u64,
    /// Faults injected, by kind.
    pub faults: BTreeMap<String, u64>,
}

impl Stats {
    pub(crate) fn count_request(&self, endpoint: String) {
        let mut stats = self.lock();
        stats.total += 1;
        *stats.by_endpoint.entry(endpoint).or_default() += 1;
    }

    pub(crate) fn count_rate_limited(&self) {
        self.lock().rate_limited += 1;
    }

    pub(crate) fn count_fault(&self, kind: FaultKind) {
        *self
            .lock()
            .faults
            .entry(kind.as_str().to_owned())
            .or_default() += 1;
    }

    pub(crate) fn snapshot(&self) -> StatsSnapshot {
        self.lock().clone()
    }

    pub(crate) fn reset(&self) {
        *self.lock() = StatsSnapshot::default();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, StatsSnapshot> {
        // A panic while counting cannot leave the counters inconsistent.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
