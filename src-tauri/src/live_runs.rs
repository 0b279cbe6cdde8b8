//! The newest progress of each run in flight, by profile: what the tray's
//! labels and tooltip show while a sync is going. Filled from every run's
//! progress (manual and scheduled alike), emptied when the run ends.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kakehashi_core::sync::SyncProgress;

/// Tray menus are rebuilt at most this often from progress alone; a phase
/// change or the end of a run rebuilds at once.
const TRAY_REFRESH_EVERY: Duration = Duration::from_millis(700);

#[derive(Debug, Default, Clone)]
pub struct LiveRuns {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug, Default)]
struct Inner {
    runs: BTreeMap<u32, SyncProgress>,
    last_refresh: Option<Instant>,
}

impl LiveRuns {
    /// Records `progress`; true when the tray should be rebuilt now.
    pub fn update(&self, progress: SyncProgress) -> bool {
        let Ok(mut inner) = self.inner.lock() else {
            return false;
        };
        let phase_changed = inner
            .runs
            .get(&progress.profile_id)
            .is_none_or(|before| before.phase != progress.phase);
        inner.runs.insert(progress.profile_id, progress);
        let due = inner
            .last_refresh
            .is_none_or(|at| at.elapsed() >= TRAY_REFRESH_EVERY);
        if phase_changed || due {
            inner.last_refresh = Some(Instant::now());
            return true;
        }
        false
    }

    pub fn ended(&self, profile_id: u32) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.runs.remove(&profile_id);
        }
    }

    /// The runs in flight, by profile id.
    pub fn snapshot(&self) -> BTreeMap<u32, SyncProgress> {
        self.inner
            .lock()
            .map(|inner| inner.runs.clone())
            .unwrap_or_default()
    }
}
