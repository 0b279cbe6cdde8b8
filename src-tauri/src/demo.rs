//! The demo workspace's simulators, running inside the app. The core
//! registers them like any other servers; this owns the running servers and
//! restarts them (on new free ports) whenever the app starts while a demo
//! workspace is registered.

use kakehashi_core::demo::DemoEndpoint;
use kakehashi_core::workspace::ServerKind;
use kakehashi_core::AppError;
use kakehashi_secrets::Sensitive;
use kakehashi_sim::{RunningSim, SimKind, SimOptions};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Mutex;

use crate::i18n::Language;

/// The running demo simulators; empty while there is no demo workspace.
#[derive(Default)]
pub struct DemoRuntime {
    running: Mutex<Vec<RunningSim>>,
}

impl DemoRuntime {
    /// Starts the simulators unless they run already; returns their endpoints.
    pub async fn ensure_started(&self) -> Result<Vec<DemoEndpoint>, AppError> {
        let mut running = self.running.lock().await;
        if running.is_empty() {
            *running = kakehashi_sim::start_all(&SimOptions::default(), None)
                .await
                .map_err(|err| {
                    AppError::internal(format!("The demo servers could not start: {err}"))
                })?;
            tracing::info!(count = running.len(), "demo simulators started");
        }
        Ok(running.iter().map(endpoint).collect())
    }

    pub async fn stop(&self) {
        let stopped: Vec<_> = std::mem::take(&mut *self.running.lock().await);
        for sim in stopped {
            sim.stop().await;
        }
    }
}

fn endpoint(sim: &RunningSim) -> DemoEndpoint {
    DemoEndpoint {
        kind: match sim.kind() {
            SimKind::JiraCloud => ServerKind::JiraCloud,
            SimKind::JiraDataCenter => ServerKind::JiraDataCenter,
            SimKind::Ttnx => ServerKind::TimeTrackerNx,
            SimKind::Asana => ServerKind::Asana,
        },
        url: sim.url().to_owned(),
        login: sim.login().to_owned(),
        secret: Sensitive::new(sim.secret().to_owned()),
    }
}

/// The word that starts every demo name, so nobody mistakes it for real data.
pub fn label(language: Language) -> &'static str {
    match language {
        Language::Japanese => "デモ",
        Language::English | Language::Swedish => "Demo",
    }
}

/// At start-up: if a demo workspace is registered, bring its servers back
/// on this run's ports. Failure leaves the app usable and is logged.
pub fn resume<R: Runtime>(app: &AppHandle<R>) {
    let registered = crate::state(app).with_db(kakehashi_core::demo::summary);
    if !matches!(registered, Ok(Some(_))) {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let runtime = app.state::<DemoRuntime>();
        let result = match runtime.ensure_started().await {
            Ok(endpoints) => {
                crate::state(&app).with_db(|db| kakehashi_core::demo::update_urls(db, &endpoints))
            }
            Err(err) => Err(err),
        };
        match result {
            Ok(()) => tracing::info!("demo workspace resumed"),
            Err(err) => tracing::warn!("demo workspace could not resume: {err}"),
        }
    });
}
