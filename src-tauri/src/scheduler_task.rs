//! The scheduler of automatic syncs (kakehashi-core's `Scheduler`) inside
//! the app: started once the window is set up, told about edited profiles,
//! paused and resumed with the setting Home and the tray share, and shut
//! down on quit so a run it cancelled resumes from its journal next time.
//! Every state change reaches the window (`SchedulerChanged`) and the tray.

use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use kakehashi_core::scheduler::{
    DatabaseProfiles, EngineRunner, RunHooks, RunRegistry, ScheduledOutcome, Scheduler,
    SchedulerConfig, SchedulerState, SystemClock,
};
use kakehashi_core::settings;
use kakehashi_core::sync::{RunSummary, SyncProgress, Trigger};

use crate::events::SchedulerChanged;
use crate::sync_notify_text::SyncNotice;

/// Managed state: the running scheduler, once started.
#[derive(Default)]
pub struct SchedulerTask {
    scheduler: Mutex<Option<Scheduler>>,
}

impl SchedulerTask {
    fn with<T>(&self, f: impl FnOnce(&Scheduler) -> T) -> Option<T> {
        self.scheduler.lock().ok()?.as_ref().map(f)
    }
}

/// What the scheduler's runs do in the app: the same events, tray updates
/// and notifications as runs started by hand.
struct DesktopHooks {
    app: AppHandle,
}

impl RunHooks for DesktopHooks {
    fn progress(&self, progress: SyncProgress) {
        crate::sync_launch::progressed(&self.app, progress);
    }

    fn finished(&self, profile_id: u32, summary: Option<&RunSummary>, outcome: &ScheduledOutcome) {
        crate::sync_launch::ended(&self.app, profile_id, summary, Trigger::Schedule);
        if let ScheduledOutcome::CredentialExpired { message } = outcome {
            let name = profile_name(&self.app, profile_id);
            let notice = SyncNotice::CredentialExpired {
                message: message.clone(),
            };
            crate::sync_notify::raise(&self.app, profile_id, &name, &notice);
        }
    }
}

fn profile_name(app: &AppHandle, profile_id: u32) -> String {
    crate::state(app)
        .with_db(|db| kakehashi_core::sync::profile::get(db, profile_id))
        .map(|p| p.name)
        .unwrap_or_else(|_| format!("#{profile_id}"))
}

/// Starts the scheduler on the app's async runtime.
pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let db_path = crate::state(&app).paths.database_path();
        let registry = app.state::<RunRegistry>().inner().clone();
        let runner = EngineRunner {
            db_path: db_path.clone(),
            secrets: crate::sync_launch::keychain(),
            registry: registry.clone(),
            hooks: Arc::new(DesktopHooks { app: app.clone() }),
        };
        let scheduler = Scheduler::start(
            SchedulerConfig::default(),
            Arc::new(DatabaseProfiles { db_path }),
            Arc::new(runner),
            registry,
            Arc::new(SystemClock),
        );
        if crate::state(&app)
            .with_db(settings::sync_paused)
            .unwrap_or(false)
        {
            scheduler.pause_all();
        }
        let mut changes = scheduler.subscribe();
        if let Ok(mut slot) = app.state::<SchedulerTask>().scheduler.lock() {
            *slot = Some(scheduler);
        }
        tracing::info!("scheduler started");
        announce(&app, changes.borrow_and_update().clone());
        while changes.changed().await.is_ok() {
            let state = changes.borrow_and_update().clone();
            announce(&app, state);
        }
    });
}

fn announce(app: &AppHandle, state: SchedulerState) {
    crate::tray::refresh(app);
    if let Err(err) = SchedulerChanged(state).emit(app) {
        tracing::debug!("scheduler event not delivered: {err}");
    }
}

/// The scheduler as Home shows it (empty until it has started).
pub fn state(app: &AppHandle) -> SchedulerState {
    app.state::<SchedulerTask>()
        .with(Scheduler::state)
        .unwrap_or_default()
}

/// Profiles were added, edited or removed, or a credential was renewed.
pub fn reload(app: &AppHandle) {
    let result = app.state::<SchedulerTask>().with(Scheduler::reload);
    if let Some(Err(err)) = result {
        tracing::warn!(code = err.code(), "scheduler: profiles not re-read: {err}");
    }
}

/// Follows the "pause automatic sync" setting.
pub fn set_paused(app: &AppHandle, paused: bool) {
    app.state::<SchedulerTask>().with(|scheduler| {
        if paused {
            scheduler.pause_all();
        } else {
            scheduler.resume_all();
        }
    });
}

/// Quitting: cancels the scheduled runs and waits (bounded) for them to
/// stop between writes.
pub fn shutdown(app: &AppHandle) {
    let taken = app
        .state::<SchedulerTask>()
        .scheduler
        .lock()
        .ok()
        .and_then(|mut slot| slot.take());
    if let Some(scheduler) = taken {
        tauri::async_runtime::block_on(scheduler.shutdown());
        tracing::info!("scheduler stopped");
    }
}
