//! The scheduler's loop and the state it shares with its handle. One tokio
//! task decides; it sleeps until the earliest due time (never longer than
//! `poll`, to notice wall-clock jumps), starts what is due, and collects
//! finished runs from a `JoinSet`, so a run's outcome is applied by the same
//! task that starts runs and there is no race between the two.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use jiff::{Timestamp, Unit};
use tokio::sync::{watch, Notify};
use tokio::task::{Id, JoinError, JoinSet};
use tokio_util::sync::CancellationToken;

use super::entry::Entry;
use super::registry::RunRegistry;
use super::runner::{ProfileSource, ScheduledOutcome, ScheduledProfile, SyncRunner, WallClock};
use super::state::{ProfileState, SchedulerState};
use super::SchedulerConfig;
use crate::{AppError, AppResult};

/// How long shutdown waits for cancelled runs to stop before abandoning
/// them (their journal resumes them at the next start either way).
pub(super) const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// What the handle changes and the loop reads.
#[derive(Debug, Default)]
pub(super) struct Book {
    pub(super) paused: bool,
    pub(super) problem: Option<String>,
    /// False until the profile source has been read once successfully; the
    /// loop retries on every wake until then.
    pub(super) loaded: bool,
    pub(super) entries: BTreeMap<u32, Entry>,
}

pub(super) struct Shared {
    pub(super) config: SchedulerConfig,
    pub(super) source: Arc<dyn ProfileSource>,
    pub(super) runner: Arc<dyn SyncRunner>,
    pub(super) registry: RunRegistry,
    pub(super) clock: Arc<dyn WallClock>,
    pub(super) book: Mutex<Book>,
    /// Wakes the loop after the handle changed something.
    pub(super) wake: Notify,
    pub(super) state: watch::Sender<SchedulerState>,
}

/// The scheduled runs this loop started: their profile and token.
type OwnRuns = HashMap<Id, (u32, CancellationToken)>;

impl Shared {
    pub(super) fn book(&self) -> MutexGuard<'_, Book> {
        // A panic while holding the lock leaves plain data behind, still
        // usable; refusing to schedule ever again would be worse.
        self.book
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reads the profiles again. Unchanged profiles keep their due time and
    /// back-off; a changed schedule starts afresh; a credential pause is
    /// lifted, because reloading is what the app does after a sign-in.
    pub(super) fn reload(&self) -> AppResult<()> {
        let listed = match self.source.schedules() {
            Ok(listed) => listed,
            Err(err) => {
                let mut book = self.book();
                book.problem = Some(err.to_string());
                drop(book);
                self.publish();
                return Err(err);
            }
        };
        let now = self.clock.now();
        let mut book = self.book();
        let mut entries = BTreeMap::new();
        for profile in listed {
            let ScheduledProfile {
                id,
                name,
                schedule,
                last_run_at,
            } = profile;
            let entry = match book.entries.remove(&id) {
                Some(mut entry) if entry.schedule == schedule => {
                    entry.name = name;
                    entry.resume(id, now, &self.config);
                    entry
                }
                _ => {
                    // Counted from the last run: overdue means due now.
                    let anchor = last_run_at.map_or(now, |at| at.min(now));
                    let mut entry = Entry::new(id, name, schedule, anchor, &self.config);
                    entry.catch_up(id, now, &self.config);
                    entry
                }
            };
            entries.insert(id, entry);
        }
        book.entries = entries;
        book.loaded = true;
        book.problem = None;
        drop(book);
        self.publish();
        self.wake.notify_one();
        Ok(())
    }

    pub(super) fn resume_profile(&self, profile_id: u32) -> AppResult<()> {
        let now = self.clock.now();
        let mut book = self.book();
        let entry = book.entries.get_mut(&profile_id).ok_or_else(|| {
            AppError::not_found("That profile is not scheduled; reload the list of profiles.")
        })?;
        entry.resume(profile_id, now, &self.config);
        drop(book);
        self.publish();
        self.wake.notify_one();
        Ok(())
    }

    pub(super) fn set_paused(&self, paused: bool) {
        self.book().paused = paused;
        self.publish();
        self.wake.notify_one();
    }

    pub(super) fn snapshot(&self) -> SchedulerState {
        let book = self.book();
        SchedulerState {
            paused: book.paused,
            problem: book.problem.clone(),
            profiles: book
                .entries
                .iter()
                .map(|(&profile_id, entry)| ProfileState {
                    profile_id,
                    name: entry.name.clone(),
                    next_run_at: entry.due_at().map(rfc3339),
                    running: self.registry.is_running(profile_id),
                    consecutive_failures: entry.consecutive_failures,
                    paused_reason: entry.paused_reason.clone(),
                    last_outcome: entry.last_outcome.clone(),
                })
                .collect(),
        }
    }

    /// Tells subscribers, only when something they can see has changed.
    pub(super) fn publish(&self) {
        let next = self.snapshot();
        self.state.send_if_modified(|current| {
            if *current == next {
                return false;
            }
            *current = next;
            true
        });
    }

    /// Starts every due run the limits allow; returns how long to sleep.
    fn start_due(
        &self,
        runs: &mut JoinSet<(u32, ScheduledOutcome)>,
        own: &mut OwnRuns,
    ) -> Duration {
        if !self.book().loaded {
            if let Err(err) = self.reload() {
                tracing::warn!(
                    code = err.code(),
                    "scheduler: reading the profiles failed: {err}"
                );
            }
        }
        let now = self.clock.now();
        let mut book = self.book();
        for (&id, entry) in book.entries.iter_mut() {
            entry.realign(id, now, &self.config);
        }
        if !book.paused {
            let mut due: Vec<(Timestamp, u32)> = book
                .entries
                .iter()
                .filter_map(|(&id, entry)| entry.due_at().map(|at| (at, id)))
                .filter(|(at, _)| *at <= now)
                .collect();
            due.sort();
            for (_, id) in due {
                if self.registry.running_count() >= self.config.max_parallel {
                    // Stays due; a finished run wakes the loop to try again.
                    break;
                }
                let Some(entry) = book.entries.get_mut(&id) else {
                    continue;
                };
                match self.registry.begin(id) {
                    Ok(cancel) => {
                        entry.advance(id, now, &self.config);
                        let handle = runs.spawn(run_one(
                            Arc::clone(&self.runner),
                            self.registry.clone(),
                            id,
                            cancel.clone(),
                        ));
                        own.insert(handle.id(), (id, cancel));
                        tracing::info!(profile_id = id, "scheduler: starting a scheduled sync");
                    }
                    Err(AppError::Conflict { .. }) => {
                        // Already running (by hand, or a slow scheduled run):
                        // that run covers this tick, so skip it rather than
                        // start again the moment it ends.
                        entry.advance(id, now, &self.config);
                    }
                    Err(err) => {
                        tracing::warn!(profile_id = id, "scheduler: could not start: {err}");
                    }
                }
            }
        }
        let soonest = book
            .entries
            .values()
            .filter_map(Entry::due_at)
            .filter(|at| *at > now)
            .min();
        drop(book);
        self.publish();
        soonest.map_or(self.config.poll, |at| {
            Duration::try_from(at.duration_since(now))
                .unwrap_or(Duration::ZERO)
                .min(self.config.poll)
        })
    }

    fn finish(&self, joined: Result<(Id, (u32, ScheduledOutcome)), JoinError>, own: &mut OwnRuns) {
        let (profile_id, outcome) = match joined {
            Ok((id, result)) => {
                own.remove(&id);
                result
            }
            Err(err) => {
                let Some((profile_id, _)) = own.remove(&err.id()) else {
                    return;
                };
                let outcome = if err.is_cancelled() {
                    ScheduledOutcome::Cancelled
                } else {
                    tracing::error!(profile_id, "scheduler: a sync run panicked: {err}");
                    ScheduledOutcome::Failed {
                        message: "The sync stopped unexpectedly; the log has the details.".into(),
                    }
                };
                (profile_id, outcome)
            }
        };
        tracing::info!(profile_id, ?outcome, "scheduler: scheduled sync ended");
        let now = self.clock.now();
        if let Some(entry) = self.book().entries.get_mut(&profile_id) {
            entry.finished(profile_id, outcome, now, &self.config);
        }
        self.publish();
    }
}

/// The loop; ends when `stop` is cancelled, after stopping its own runs.
pub(super) async fn run_loop(shared: Arc<Shared>, stop: CancellationToken) {
    let mut runs = JoinSet::new();
    let mut own = OwnRuns::new();
    loop {
        let sleep = shared.start_due(&mut runs, &mut own);
        tokio::select! {
            biased;
            () = stop.cancelled() => break,
            Some(joined) = runs.join_next_with_id() => shared.finish(joined, &mut own),
            () = shared.wake.notified() => {}
            () = tokio::time::sleep(sleep) => {}
        }
    }
    // Only the runs this scheduler started: a run started by hand belongs
    // to whoever started it.
    own.values().for_each(|(_, cancel)| cancel.cancel());
    let drain = async {
        while let Some(joined) = runs.join_next_with_id().await {
            shared.finish(joined, &mut own);
        }
    };
    if tokio::time::timeout(SHUTDOWN_GRACE, drain).await.is_err() {
        tracing::warn!("scheduler: runs did not stop in time after cancelling; abandoning them");
        // Dropping the set aborts the tasks; their guards free the registry.
        drop(runs);
    }
    shared.publish();
}

/// One run, freeing the profile in the registry however it ends, even when
/// the task is aborted.
async fn run_one(
    runner: Arc<dyn SyncRunner>,
    registry: RunRegistry,
    profile_id: u32,
    cancel: CancellationToken,
) -> (u32, ScheduledOutcome) {
    let _release = Release {
        registry,
        profile_id,
    };
    (profile_id, runner.run(profile_id, cancel).await)
}

struct Release {
    registry: RunRegistry,
    profile_id: u32,
}

impl Drop for Release {
    fn drop(&mut self) {
        self.registry.finished(self.profile_id);
    }
}

/// RFC 3339 in UTC to the second, the form the UI gets every time in.
fn rfc3339(at: Timestamp) -> String {
    at.round(Unit::Second).unwrap_or(at).to_string()
}
