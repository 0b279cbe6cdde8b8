//! The sync runs in flight, one per profile at most, each with the token
//! that cancels it. This is the single place that refuses a second run of a
//! profile: manual runs ("Sync now" in the window or the tray) and scheduled
//! runs all go through the same registry, so a scheduled tick can never
//! start a profile a person has just started, nor the other way round. Two
//! runs of one profile would race on its links and its journal.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio_util::sync::CancellationToken;

use crate::{AppError, AppResult};

/// One reserved profile: the run id once the engine has one, and its token.
#[derive(Debug, Clone)]
struct Running {
    run_id: Option<u32>,
    cancel: CancellationToken,
}

/// Shared, cheap to clone: every clone sees the same runs.
#[derive(Debug, Default, Clone)]
pub struct RunRegistry {
    running: Arc<Mutex<BTreeMap<u32, Running>>>,
}

impl RunRegistry {
    pub fn new() -> RunRegistry {
        RunRegistry::default()
    }

    /// Reserves the profile for a new run and hands out its token; refuses
    /// at once when the profile is already running.
    pub fn begin(&self, profile_id: u32) -> AppResult<CancellationToken> {
        let mut running = self.lock()?;
        if running.contains_key(&profile_id) {
            return Err(AppError::conflict(
                "This profile is already syncing. Wait for that run to finish, or cancel it first.",
            ));
        }
        let cancel = CancellationToken::new();
        running.insert(
            profile_id,
            Running {
                run_id: None,
                cancel: cancel.clone(),
            },
        );
        Ok(cancel)
    }

    /// Remembers the run id the engine gave the profile's run, so the run
    /// can be cancelled by the id the UI shows.
    pub fn started(&self, profile_id: u32, run_id: u32) {
        if let Ok(mut running) = self.lock() {
            if let Some(entry) = running.get_mut(&profile_id) {
                entry.run_id = Some(run_id);
            }
        }
    }

    /// Frees the profile once its run has ended, whatever the outcome.
    pub fn finished(&self, profile_id: u32) {
        if let Ok(mut running) = self.lock() {
            running.remove(&profile_id);
        }
    }

    /// Cancels the run with this id; `NotFound` when it is not running.
    pub fn cancel(&self, run_id: u32) -> AppResult<()> {
        let running = self.lock()?;
        let entry = running
            .values()
            .find(|entry| entry.run_id == Some(run_id))
            .ok_or_else(|| {
                AppError::not_found("That run is not running any more; refresh the list of runs.")
            })?;
        entry.cancel.cancel();
        Ok(())
    }

    /// Cancels every run (the app is quitting); the journal resumes them at
    /// the next start.
    pub fn cancel_all(&self) {
        if let Ok(running) = self.lock() {
            running.values().for_each(|entry| entry.cancel.cancel());
        }
    }

    pub fn is_running(&self, profile_id: u32) -> bool {
        self.lock()
            .map(|running| running.contains_key(&profile_id))
            .unwrap_or(false)
    }

    /// How many runs are in flight, manual and scheduled alike: the
    /// scheduler's parallelism limit counts them all.
    pub fn running_count(&self) -> usize {
        self.lock().map(|running| running.len()).unwrap_or(0)
    }

    /// The profiles with a run in flight, ascending.
    pub fn running_profiles(&self) -> Vec<u32> {
        self.lock()
            .map(|running| running.keys().copied().collect())
            .unwrap_or_default()
    }

    fn lock(&self) -> AppResult<MutexGuard<'_, BTreeMap<u32, Running>>> {
        self.running.lock().map_err(|_| {
            AppError::internal(
                "The list of running syncs was poisoned by an earlier failure; restart Kakehashi.",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scheduler_registry_runs_a_profile_once_at_a_time() {
        let runs = RunRegistry::new();
        let token = runs.begin(7).expect("first run");
        let refused = runs.begin(7).expect_err("second run of the same profile");
        assert_eq!(refused.code(), "Conflict");
        assert!(refused.to_string().contains("Wait for that run to finish"));
        runs.clone()
            .begin(8)
            .expect("another profile may run alongside");
        assert_eq!(runs.running_count(), 2);
        assert_eq!(runs.running_profiles(), [7, 8]);
        runs.started(7, 42);
        runs.cancel(42).expect("cancel by run id");
        assert!(token.is_cancelled());
        runs.finished(7);
        assert!(!runs.is_running(7));
        assert!(runs.is_running(8));
        runs.begin(7).expect("free again");
    }

    #[test]
    fn scheduler_registry_cancelling_an_unknown_run_says_so() {
        let runs = RunRegistry::new();
        runs.begin(1).expect("run without an id yet");
        assert_eq!(runs.cancel(1).expect_err("no run id 1").code(), "NotFound");
    }

    #[test]
    fn scheduler_registry_cancel_all_reaches_every_run() {
        let runs = RunRegistry::new();
        let a = runs.begin(1).expect("a");
        let b = runs.begin(2).expect("b");
        runs.cancel_all();
        assert!(a.is_cancelled() && b.is_cancelled());
        // Cancelling does not free: the run frees itself when it has stopped.
        assert_eq!(runs.running_count(), 2);
    }
}
