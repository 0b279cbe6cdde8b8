//! Starting sync runs from the window, the tray and Home's "Sync now", and
//! what happens when any run ends (scheduled ones too): the typed events,
//! the notifications, the tray. One path, so a run started from the tray is
//! exactly a run started from the UI.
//!
//! A run is a tokio task with its own database connection: starting it
//! returns the run id at once; progress and the end arrive as typed events.

use std::future::Future;
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use tokio::sync::oneshot;
use tokio_util::sync::CancellationToken;

use kakehashi_core::scheduler::RunRegistry;
use kakehashi_core::sync::{
    self, engine, RunOptions, RunReport, RunSummary, SyncProgress, Trigger,
};
use kakehashi_core::{AppError, AppResult};
use kakehashi_secrets::{Keychain, SecretStore};

use crate::events::{SyncFinished, SyncProgressed};
use crate::live_runs::LiveRuns;
use crate::AppState;

pub type Progress = Arc<dyn Fn(SyncProgress) + Send + Sync>;
type RunIdSender = Arc<Mutex<Option<oneshot::Sender<AppResult<u32>>>>>;

pub fn keychain() -> Arc<dyn SecretStore> {
    Arc::new(Keychain)
}

/// Starts a real run of the profile; the run id as soon as the engine has
/// one, or the error that stopped it before.
pub async fn start_run(
    app: &AppHandle,
    profile_id: u32,
    trigger: Trigger,
    confirm_breaker: bool,
) -> AppResult<u32> {
    let options = RunOptions {
        trigger,
        dry_run: false,
        confirm_breaker,
    };
    let path = crate::state(app).paths.database_path();
    spawn_run(
        app.clone(),
        profile_id,
        trigger,
        move |progress, cancel| async move {
            engine::run_profile(&path, keychain(), profile_id, options, progress, cancel).await
        },
    )
    .await
}

/// "Sync now" for everything: every profile that has had its first run
/// (a first run waits for its preview) and is not running already. The
/// ids of the runs started, and why each other profile was left out.
pub async fn start_all(app: &AppHandle, trigger: Trigger) -> AppResult<SyncNowResult> {
    let profiles = crate::state(app).with_db(sync::profile::list)?;
    let registry = app.state::<RunRegistry>().inner().clone();
    let mut result = SyncNowResult::default();
    for profile in profiles {
        if !profile.has_run {
            result.needs_preview.push(profile.name);
            continue;
        }
        if registry.is_running(profile.id) {
            result.already_running.push(profile.name);
            continue;
        }
        match start_run(app, profile.id, trigger, false).await {
            Ok(run_id) => result.started.push(run_id),
            Err(err) => result.failed.push(format!("{}: {err}", profile.name)),
        }
    }
    Ok(result)
}

/// What "Sync now" for every profile did.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncNowResult {
    /// Run ids, one per profile started.
    pub started: Vec<u32>,
    /// Profiles left out: their first run starts from their preview.
    pub needs_preview: Vec<String>,
    pub already_running: Vec<String>,
    /// "profile: why", for runs that could not start.
    pub failed: Vec<String>,
}

/// Forwards the engine's progress to the UI and the tray, and hands the run
/// id to `first` the first time one is seen.
fn forward_progress(app: &AppHandle, profile_id: u32, first: RunIdSender) -> Progress {
    let app = app.clone();
    Arc::new(move |progress: SyncProgress| {
        if let Some(sender) = first.lock().ok().and_then(|mut slot| slot.take()) {
            app.state::<RunRegistry>()
                .started(profile_id, progress.run_id);
            let _ = sender.send(Ok(progress.run_id));
        }
        progressed(&app, progress);
    })
}

/// Any run's progress (the scheduler's too): the UI's live panel and the
/// tray's label.
pub fn progressed(app: &AppHandle, progress: SyncProgress) {
    if app.state::<LiveRuns>().update(progress) {
        crate::tray::refresh(app);
    }
    if let Err(err) = SyncProgressed(progress).emit(app) {
        tracing::debug!("sync progress event not delivered: {err}");
    }
}

/// Runs `work` as a task of its own; returns the run id once the engine
/// reports one, or the error that stopped the run before it had one.
pub async fn spawn_run<F, Fut>(
    app: AppHandle,
    profile_id: u32,
    trigger: Trigger,
    work: F,
) -> AppResult<u32>
where
    F: FnOnce(Progress, CancellationToken) -> Fut + Send + 'static,
    Fut: Future<Output = AppResult<RunReport>> + Send + 'static,
{
    let registry = app.state::<RunRegistry>().inner().clone();
    let cancel = registry.begin(profile_id)?;
    let (sender, receiver) = oneshot::channel();
    let slot: RunIdSender = Arc::new(Mutex::new(Some(sender)));
    let progress = forward_progress(&app, profile_id, slot.clone());
    tauri::async_runtime::spawn(async move {
        let result = work(progress, cancel).await;
        registry.finished(profile_id);
        let early = slot.lock().ok().and_then(|mut sender| sender.take());
        match (result, early) {
            (Err(err), Some(sender)) => {
                app.state::<LiveRuns>().ended(profile_id);
                let _ = sender.send(Err(err));
            }
            (Ok(report), _) => ended(&app, profile_id, Some(&report.summary), trigger),
            (Err(err), None) => {
                tracing::warn!("sync run of profile {profile_id} failed: {err}");
                let summary = last_run_of(&app, profile_id);
                ended(&app, profile_id, summary.as_ref(), trigger);
            }
        }
    });
    receiver.await.unwrap_or_else(|_| {
        Err(AppError::internal(
            "The sync run ended without saying how; see the log file.",
        ))
    })
}

/// Any run ended (manual or scheduled): the event Activity listens to, the
/// notification, the tray.
pub fn ended(app: &AppHandle, profile_id: u32, summary: Option<&RunSummary>, trigger: Trigger) {
    app.state::<LiveRuns>().ended(profile_id);
    if let Some(summary) = summary {
        if let Err(err) = SyncFinished(summary.clone()).emit(app) {
            tracing::debug!("sync finished event not delivered: {err}");
        }
        crate::sync_notify::run_ended(app, summary, trigger);
    }
    // A first run makes the profile schedulable, and a run by hand moves
    // when the next scheduled one is due.
    if trigger != Trigger::Schedule {
        crate::scheduler_task::reload(app);
    }
    crate::tray::refresh(app);
}

/// The stored summary of the profile's newest run (the engine records a
/// failed run before it returns the error).
pub fn last_run_of(app: &AppHandle, profile_id: u32) -> Option<RunSummary> {
    let state = app.state::<AppState>();
    let profile = state
        .with_db(|db| sync::profile::get(db, profile_id))
        .ok()?;
    profile.last_run
}
