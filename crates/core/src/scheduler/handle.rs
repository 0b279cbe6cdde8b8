//! The handle the app keeps: it owns the scheduler's task, and dropping it
//! stops the loop (the same shape as a file watcher's handle). Runs already
//! started finish on their own when the handle is merely dropped; an orderly
//! quit calls [`Scheduler::shutdown`], which also cancels them.

use std::future::Future;
use std::sync::{Arc, Mutex};

use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::driver::{run_loop, Book, Shared};
use super::registry::RunRegistry;
use super::runner::{ProfileSource, SyncRunner, WallClock};
use super::state::SchedulerState;
use super::SchedulerConfig;
use crate::AppResult;

pub struct Scheduler {
    shared: Arc<Shared>,
    stop: CancellationToken,
    task: Option<JoinHandle<()>>,
}

impl Scheduler {
    /// Reads the profiles and starts the loop on the current tokio runtime.
    /// When the profiles cannot be read, the state's `problem` says why and
    /// the loop keeps trying; nothing is scheduled meanwhile. Panics
    /// outside a tokio runtime, like `tokio::spawn`.
    pub fn start(
        config: SchedulerConfig,
        source: Arc<dyn ProfileSource>,
        runner: Arc<dyn SyncRunner>,
        registry: RunRegistry,
        clock: Arc<dyn WallClock>,
    ) -> Scheduler {
        let (state, _) = watch::channel(SchedulerState::default());
        let shared = Arc::new(Shared {
            config: config.sane(),
            source,
            runner,
            registry,
            clock,
            book: Mutex::new(Book::default()),
            wake: Notify::new(),
            state,
        });
        if let Err(err) = shared.reload() {
            tracing::warn!(
                code = err.code(),
                "scheduler: reading the profiles failed: {err}"
            );
        }
        let stop = CancellationToken::new();
        let task = tokio::spawn(run_loop(Arc::clone(&shared), stop.clone()));
        Scheduler {
            shared,
            stop,
            task: Some(task),
        }
    }

    /// No scheduled run starts until [`resume_all`](Self::resume_all); runs
    /// in flight finish normally.
    pub fn pause_all(&self) {
        self.shared.set_paused(true);
    }

    /// Scheduling again; ticks missed while paused add up to one run.
    pub fn resume_all(&self) {
        self.shared.set_paused(false);
    }

    pub fn is_paused(&self) -> bool {
        self.shared.book().paused
    }

    /// Lifts a profile's credential pause (after the person signed in
    /// again) and schedules it afresh. `NotFound` for an unknown profile.
    pub fn resume_profile(&self, profile_id: u32) -> AppResult<()> {
        self.shared.resume_profile(profile_id)
    }

    /// Reads the profiles again after they were added, removed or edited.
    /// Unchanged profiles keep their timing and back-off.
    pub fn reload(&self) -> AppResult<()> {
        self.shared.reload()
    }

    pub fn state(&self) -> SchedulerState {
        self.shared.snapshot()
    }

    /// Receives the state each time it changes (the tray and the window
    /// rebuild from it).
    pub fn subscribe(&self) -> watch::Receiver<SchedulerState> {
        self.shared.state.subscribe()
    }

    /// Stops the loop and cancels the runs it started, then waits for them
    /// (at most ten seconds) so each ends in a state its journal resumes.
    pub fn shutdown(mut self) -> impl Future<Output = ()> + Send + 'static {
        self.stop.cancel();
        let task = self.task.take();
        async move {
            if let Some(task) = task {
                if let Err(err) = task.await {
                    tracing::error!("scheduler: the loop ended abnormally: {err}");
                }
            }
        }
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}
