//! The scheduler's parts for a real workspace: the profiles from the
//! database, and a runner over the sync engine. The desktop app and
//! `kakehashi daemon` share them and differ only in what they do with a
//! run's progress and end (events and notifications, or log lines).

use std::path::PathBuf;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use jiff::Timestamp;
use kakehashi_secrets::SecretStore;
use tokio_util::sync::CancellationToken;

use super::registry::RunRegistry;
use super::runner::{ProfileSource, ScheduledOutcome, ScheduledProfile, SyncRunner};
use crate::store::Database;
use crate::sync::engine::{self, RunOptions};
use crate::sync::model::{RunOutcome as SyncOutcome, RunSummary, SyncProgress, Trigger};
use crate::sync::profile;
use crate::sync::run_lock;
use crate::workspace::credentials;
use crate::{clock, AppError, AppResult};

/// The profiles of the workspace at `db_path`. A profile that has never
/// run is left out: its first run is started by a person after the preview,
/// never by the clock.
pub struct DatabaseProfiles {
    pub db_path: PathBuf,
}

impl ProfileSource for DatabaseProfiles {
    fn schedules(&self) -> AppResult<Vec<ScheduledProfile>> {
        let db = Database::open(&self.db_path)?;
        Ok(profile::list(&db)?
            .into_iter()
            .filter(|p| p.has_run)
            .map(|p| ScheduledProfile {
                id: p.id,
                last_run_at: p
                    .last_run
                    .as_ref()
                    .and_then(|run| run.started_at.parse::<Timestamp>().ok()),
                name: p.name,
                schedule: p.schedule,
            })
            .collect())
    }
}

/// What the app does with a scheduled run's progress and end.
pub trait RunHooks: Send + Sync + 'static {
    /// Every progress report (the first carries the run id).
    fn progress(&self, progress: SyncProgress);
    /// The run ended; `summary` is None when it failed before it had a run
    /// record, or when the profile's credential has expired and it did not
    /// start.
    fn finished(&self, profile_id: u32, summary: Option<&RunSummary>, outcome: &ScheduledOutcome);
}

/// Runs a profile through [`engine::run_profile`] as a scheduled run.
pub struct EngineRunner {
    pub db_path: PathBuf,
    pub secrets: Arc<dyn SecretStore>,
    pub registry: RunRegistry,
    pub hooks: Arc<dyn RunHooks>,
}

impl SyncRunner for EngineRunner {
    fn run(
        &self,
        profile_id: u32,
        cancel: CancellationToken,
    ) -> BoxFuture<'static, ScheduledOutcome> {
        let db_path = self.db_path.clone();
        let secrets = self.secrets.clone();
        let registry = self.registry.clone();
        let hooks = self.hooks.clone();
        async move {
            let (summary, outcome) = run_once(
                db_path,
                secrets,
                registry,
                hooks.clone(),
                profile_id,
                cancel,
            )
            .await;
            hooks.finished(profile_id, summary.as_ref(), &outcome);
            outcome
        }
        .boxed()
    }
}

async fn run_once(
    db_path: PathBuf,
    secrets: Arc<dyn SecretStore>,
    registry: RunRegistry,
    hooks: Arc<dyn RunHooks>,
    profile_id: u32,
    cancel: CancellationToken,
) -> (Option<RunSummary>, ScheduledOutcome) {
    // An expired credential would only fail at the server: pause instead,
    // with what to do (the Home screen shows the same alert).
    match expired_credential(&db_path, profile_id) {
        Ok(Some(message)) => return (None, ScheduledOutcome::CredentialExpired { message }),
        Ok(None) => {}
        Err(err) => {
            return (
                None,
                ScheduledOutcome::Failed {
                    message: err.to_string(),
                },
            )
        }
    }
    let options = RunOptions {
        trigger: Trigger::Schedule,
        dry_run: false,
        confirm_breaker: false,
    };
    let progress = {
        let registry = registry.clone();
        Arc::new(move |report: SyncProgress| {
            registry.started(profile_id, report.run_id);
            hooks.progress(report);
        })
    };
    let run = engine::run_profile_if_free(&db_path, secrets, profile_id, options, progress, cancel);
    match run.await {
        // Another process is running this profile: not a failure, skip the tick.
        Ok(None) => (
            None,
            ScheduledOutcome::Busy {
                message: run_lock::busy(&profile_name(&db_path, profile_id)).to_string(),
            },
        ),
        Ok(Some(report)) => {
            let outcome = outcome_of(&report.summary);
            (Some(report.summary), outcome)
        }
        Err(err) => {
            let outcome = match err {
                AppError::Unauthorized { message } => {
                    ScheduledOutcome::CredentialExpired { message }
                }
                other => ScheduledOutcome::Failed {
                    message: other.to_string(),
                },
            };
            // The engine records a failed run before it returns the error.
            (last_run(&db_path, profile_id), outcome)
        }
    }
}

fn expired_credential(db_path: &std::path::Path, profile_id: u32) -> AppResult<Option<String>> {
    let db = Database::open(db_path)?;
    let profile = profile::get(&db, profile_id)?;
    let now = clock::now();
    Ok(
        credentials::blocking_credential(&db, profile.connection_id, now)?.map(|alert| {
            format!(
                "The credential \"{}\" for {} expired on {}. Rotate it on the Credentials screen; automatic sync of \"{}\" resumes then.",
                alert.label, alert.server_name, alert.expires_at, profile.name
            )
        }),
    )
}

/// The profile's name for a message, or its id if it cannot be read.
fn profile_name(db_path: &std::path::Path, profile_id: u32) -> String {
    Database::open(db_path)
        .and_then(|db| profile::get(&db, profile_id))
        .map_or_else(|_| format!("profile {profile_id}"), |profile| profile.name)
}

fn last_run(db_path: &std::path::Path, profile_id: u32) -> Option<RunSummary> {
    let db = Database::open(db_path).ok()?;
    profile::get(&db, profile_id).ok()?.last_run
}

/// A finished run as scheduling sees it.
fn outcome_of(summary: &RunSummary) -> ScheduledOutcome {
    match summary.outcome {
        SyncOutcome::Succeeded | SyncOutcome::SucceededWithProblems => ScheduledOutcome::Succeeded,
        SyncOutcome::Cancelled | SyncOutcome::Interrupted => ScheduledOutcome::Cancelled,
        // The breaker asks a person; running it again on a timer would only
        // ask again. The profile waits until they have decided.
        SyncOutcome::Paused => ScheduledOutcome::NeedsDecision {
            message: summary.message.clone().unwrap_or_else(|| {
                "The run would change more linked items than the profile's threshold allows. Open the profile, preview the run and confirm it, or change the threshold.".into()
            }),
        },
        SyncOutcome::Failed | SyncOutcome::Running => ScheduledOutcome::Failed {
            message: summary
                .message
                .clone()
                .unwrap_or_else(|| "The run failed; open it on the Activity screen for details.".into()),
        },
    }
}
