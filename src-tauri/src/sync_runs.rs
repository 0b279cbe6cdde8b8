//! The sync runs this window started and that are still going: one per
//! profile at most, each with the token that cancels it. A run is a tokio
//! task that owns its own database connection, so nothing here holds the
//! app's database lock while a run talks to the servers.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use tokio_util::sync::CancellationToken;

use kakehashi_core::{AppError, AppResult};

/// A started run: its profile, its run id once the engine has one.
#[derive(Debug, Clone)]
struct Running {
    run_id: Option<u32>,
    cancel: CancellationToken,
}

/// Managed state: the runs in flight, by profile id.
#[derive(Debug, Default, Clone)]
pub struct SyncRuns {
    running: Arc<Mutex<BTreeMap<u32, Running>>>,
}

impl SyncRuns {
    /// Reserves the profile for a new run; refuses a second one at once,
    /// because two runs of one profile would race on its links and journal.
    pub fn begin(&self, profile_id: u32) -> AppResult<CancellationToken> {
        let mut running = self.lock()?;
        if running.contains_key(&profile_id) {
            return Err(AppError::Conflict {
                message: "This profile is already syncing. Wait for that run to finish, or cancel it first.".into(),
            });
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

    /// Refuses to change the profile while one of its runs is going.
    pub fn refuse_while_running(&self, profile_id: u32) -> AppResult<()> {
        if self.lock()?.contains_key(&profile_id) {
            return Err(AppError::Conflict {
                message: "This profile is syncing right now. Cancel the run or wait for it to finish, then try again.".into(),
            });
        }
        Ok(())
    }

    /// Remembers the run id the engine gave the profile's run.
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

    /// Cancels the run with this id; `NotFound` when it is not running here.
    pub fn cancel(&self, run_id: u32) -> AppResult<()> {
        let running = self.lock()?;
        let entry = running
            .values()
            .find(|entry| entry.run_id == Some(run_id))
            .ok_or_else(|| AppError::NotFound {
                message: "That run is not running any more; refresh the list of runs.".into(),
            })?;
        entry.cancel.cancel();
        Ok(())
    }

    /// Cancels every run (the app is quitting); the journal resumes them.
    pub fn cancel_all(&self) {
        if let Ok(running) = self.lock() {
            running.values().for_each(|entry| entry.cancel.cancel());
        }
    }

    fn lock(&self) -> AppResult<std::sync::MutexGuard<'_, BTreeMap<u32, Running>>> {
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
    fn a_profile_runs_once_at_a_time_and_is_freed_when_done() {
        let runs = SyncRuns::default();
        let token = runs.begin(7).expect("first run");
        assert!(matches!(runs.begin(7), Err(AppError::Conflict { .. })));
        runs.begin(8).expect("another profile may run alongside");
        runs.started(7, 42);
        runs.cancel(42).expect("cancel by run id");
        assert!(token.is_cancelled());
        runs.finished(7);
        runs.begin(7).expect("free again");
    }

    #[test]
    fn cancelling_an_unknown_run_says_so() {
        let runs = SyncRuns::default();
        assert!(matches!(runs.cancel(1), Err(AppError::NotFound { .. })));
    }
}
