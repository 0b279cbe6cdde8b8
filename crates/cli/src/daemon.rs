//! `kakehashi daemon` (issue 9): every profile on its schedule, without a
//! window. The same scheduler and engine runner as the desktop app, on the
//! same data folder and keychain; what the app shows as events and
//! notifications goes to the log (the app's rolling file, and stderr).
//!
//! Started: runs a killed process left "running" are marked interrupted
//! (their journals resume at the next run), the scheduler starts, one
//! readiness line goes to stdout. Meanwhile the profiles are read again
//! every minute, so profiles added or edited with the CLI or in the app are
//! picked up without a restart, and the app's "Pause all" (a setting in the
//! database) is followed. SIGTERM or Ctrl-C: the scheduler shuts down,
//! cancelling its runs between writes, and the process exits 0.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kakehashi_core::paths::AppPaths;
use kakehashi_core::scheduler::{
    DatabaseProfiles, EngineRunner, ProfileState, RunHooks, RunRegistry, ScheduledOutcome,
    Scheduler, SchedulerConfig, SchedulerState, SystemClock,
};
use kakehashi_core::store::Database;
use kakehashi_core::sync::model::{ActionCounts, RunSummary, SyncProgress};
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;
use serde::Serialize;

use crate::args::DaemonArgs;
use crate::output::{emit, Rendered};
use crate::stop_signal::StopSignal;

/// The daemon logs like the desktop app: info, and debug from Kakehashi's
/// own crates (to the file; stderr gets info and above). This binary's
/// own target is `kakehashi` (`kakehashi::daemon`).
pub const LOG_FILTER: &str = "info,kakehashi_core=debug,kakehashi=debug";

/// For tests: the most a scheduled tick is delayed, in seconds (default
/// 30, as in the app). Zero makes an overdue profile run at once.
pub const JITTER_ENV: &str = "KAKEHASHI_SCHEDULER_JITTER_SECONDS";

/// How often the profiles and the pause setting are read again.
const RELOAD_EVERY: Duration = Duration::from_secs(60);

/// The readiness line with `--json`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Ready<'a> {
    ready: bool,
    pid: u32,
    data_dir: &'a Path,
    log_dir: &'a Path,
    /// Profiles with a next run.
    scheduled: usize,
    /// Every profile the scheduler knows (has run once), scheduled or not.
    profiles: usize,
    /// The app's "Pause all" is on.
    paused: bool,
}

pub fn run(paths: &AppPaths, _args: &DaemonArgs, json: bool) -> Result<Rendered, AppError> {
    let config = config_from_env(std::env::var(JITTER_ENV).ok().as_deref())?;
    let db_path = paths.database_path();
    let db = Database::open(&db_path)?;
    // A run still marked as going was cut off when a process last stopped;
    // its journal resumes at the profile's next run.
    match kakehashi_core::sync::mark_interrupted(&db) {
        Ok(0) => {}
        Ok(count) => tracing::info!(
            count,
            "daemon: {count} sync run(s) were interrupted when Kakehashi last stopped"
        ),
        Err(err) => tracing::warn!("daemon: could not mark interrupted sync runs: {err}"),
    }
    drop(db);
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        data_dir = %paths.data_dir.display(),
        jitter_max_s = config.jitter_max.as_secs(),
        "daemon starting"
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| AppError::internal(format!("Could not start the async runtime: {err}")))?;
    runtime.block_on(serve(paths, db_path, config, json))
}

/// The app's defaults, with the jitter from the environment when set.
fn config_from_env(jitter: Option<&str>) -> Result<SchedulerConfig, AppError> {
    let mut config = SchedulerConfig::default();
    if let Some(value) = jitter {
        let seconds: u64 = value.trim().parse().map_err(|_| {
            AppError::validation(
                JITTER_ENV,
                format!("{JITTER_ENV} must be a whole number of seconds, not {value:?}"),
            )
        })?;
        config.jitter_max = Duration::from_secs(seconds);
    }
    Ok(config)
}

async fn serve(
    paths: &AppPaths,
    db_path: PathBuf,
    config: SchedulerConfig,
    json: bool,
) -> Result<Rendered, AppError> {
    let registry = RunRegistry::new();
    let runner = EngineRunner {
        db_path: db_path.clone(),
        secrets: Arc::new(Keychain),
        registry: registry.clone(),
        hooks: Arc::new(LogHooks::default()),
    };
    let scheduler = Scheduler::start(
        config,
        Arc::new(DatabaseProfiles {
            db_path: db_path.clone(),
        }),
        Arc::new(runner),
        registry,
        Arc::new(SystemClock),
    );
    let mut workspace = WorkspaceWatch::new(&db_path);
    let mut pause = PauseFollower::default();
    pause.follow(&scheduler, &db_path);
    // Before the announcement: a stop right after it must stop cleanly.
    let stop = StopSignal::install();
    let mut states = scheduler.subscribe();
    let state = states.borrow_and_update().clone();
    announce(paths, &state, json);
    let mut shown = StateLog::default();
    shown.log(&state);

    let stopped = stop.wait();
    tokio::pin!(stopped);
    let start = tokio::time::Instant::now() + RELOAD_EVERY;
    let mut reload = tokio::time::interval_at(start, RELOAD_EVERY);
    reload.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = &mut stopped => break,
            changed = states.changed() => {
                if changed.is_err() {
                    // The scheduler's loop is gone; nothing more will run.
                    tracing::error!("daemon: the scheduler stopped on its own");
                    break;
                }
                let state = states.borrow_and_update().clone();
                shown.log(&state);
            }
            _ = reload.tick() => {
                workspace.reload_if_changed(&scheduler, &db_path);
                pause.follow(&scheduler, &db_path);
            }
        }
    }
    tracing::info!("daemon stopping: cancelling scheduled runs in flight");
    scheduler.shutdown().await;
    tracing::info!("daemon stopped");
    Ok(Rendered::streamed())
}

/// One line on stdout: JSON with `--json`, else a sentence.
fn announce(paths: &AppPaths, state: &SchedulerState, json: bool) {
    let scheduled = state
        .profiles
        .iter()
        .filter(|p| p.next_run_at.is_some())
        .count();
    if json {
        let ready = Ready {
            ready: true,
            pid: std::process::id(),
            data_dir: &paths.data_dir,
            log_dir: &paths.log_dir,
            scheduled,
            profiles: state.profiles.len(),
            paused: state.paused,
        };
        let line = serde_json::to_string(&ready).unwrap_or_else(|_| "{\"ready\":true}".into());
        emit(&format!("{line}\n"));
    } else {
        let what = match scheduled {
            0 => "no profile scheduled yet (a profile needs a schedule and a first run by hand)"
                .to_owned(),
            1 => "1 profile scheduled".to_owned(),
            n => format!("{n} profiles scheduled"),
        };
        let paused = if state.paused {
            " (paused in the app)"
        } else {
            ""
        };
        emit(&format!(
            "Kakehashi daemon: {what}{paused}; logs in {}; stop with Ctrl-C or SIGTERM\n",
            paths.log_dir.display()
        ));
    }
}

/// Reloads the scheduler when a person changed something it depends on.
///
/// Not on every tick: a reload also lifts the pause of a profile whose
/// credential was refused or whose run waits for a decision (in the app a
/// reload means a person edited something), and lifting it every minute
/// would sign in with a refused credential again and again. So the reload
/// happens when a profile was added, removed, edited or run for the first
/// time, a credential was added, rotated, edited or removed, or a person
/// ran a profile (the breaker's decision).
struct WorkspaceWatch {
    seen: Option<String>,
}

impl WorkspaceWatch {
    fn new(db_path: &Path) -> WorkspaceWatch {
        WorkspaceWatch {
            seen: fingerprint(db_path).ok(),
        }
    }

    fn reload_if_changed(&mut self, scheduler: &Scheduler, db_path: &Path) {
        let now = match fingerprint(db_path) {
            Ok(now) => now,
            Err(err) => {
                tracing::warn!(
                    code = err.code(),
                    "daemon: reading the profiles failed: {err}"
                );
                return;
            }
        };
        if self.seen.as_ref() == Some(&now) {
            return;
        }
        tracing::info!("daemon: profiles or credentials changed; reading the profiles again");
        match scheduler.reload() {
            Ok(()) => self.seen = Some(now),
            Err(err) => {
                tracing::warn!(
                    code = err.code(),
                    "daemon: reading the profiles failed: {err}"
                )
            }
        }
    }
}

/// What a person changes and the scheduler depends on, as one string: the
/// profiles (edits bump `updated_at`), the credentials (rotation gives a
/// new keychain account), and each profile's latest run not started by the
/// clock.
fn fingerprint(db_path: &Path) -> Result<String, AppError> {
    let db = Database::open(db_path)?;
    let mut parts = Vec::new();
    for sql in [
        "SELECT group_concat(x, ';') FROM (SELECT id || ':' || name || ':' || updated_at || ':' || has_run AS x
           FROM sync_profiles ORDER BY id)",
        "SELECT group_concat(x, ';') FROM (SELECT id || ':' || secret_account || ':' || COALESCE(expires_at, '')
           || ':' || is_service AS x FROM credentials ORDER BY id)",
        "SELECT group_concat(x, ';') FROM (SELECT profile_id || ':' || MAX(id) AS x FROM sync_runs
           WHERE trigger <> 'schedule' GROUP BY profile_id ORDER BY profile_id)",
    ] {
        let part: Option<String> = db
            .conn()
            .query_row(sql, [], |row| row.get(0))
            .map_err(|err| AppError::internal(format!("Could not read the workspace: {err}")))?;
        parts.push(part.unwrap_or_default());
    }
    Ok(parts.join("|"))
}

/// Follows the app's "Pause all" setting, kept in the database.
#[derive(Default)]
struct PauseFollower {
    paused: bool,
}

impl PauseFollower {
    fn follow(&mut self, scheduler: &Scheduler, db_path: &Path) {
        let paused = match Database::open(db_path)
            .and_then(|db| kakehashi_core::settings::sync_paused(&db))
        {
            Ok(paused) => paused,
            Err(err) => {
                tracing::warn!("daemon: could not read whether sync is paused: {err}");
                return;
            }
        };
        if paused == self.paused {
            return;
        }
        self.paused = paused;
        if paused {
            scheduler.pause_all();
        } else {
            scheduler.resume_all();
        }
    }
}

/// What the log says about a profile's schedule; logged again only when
/// it changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ProfileLine {
    name: String,
    next_run_at: Option<String>,
    paused_reason: Option<String>,
}

impl From<&ProfileState> for ProfileLine {
    fn from(state: &ProfileState) -> Self {
        ProfileLine {
            name: state.name.clone(),
            next_run_at: state.next_run_at.clone(),
            paused_reason: state.paused_reason.clone(),
        }
    }
}

/// The scheduler state as last logged.
#[derive(Default)]
struct StateLog {
    logged: bool,
    paused: bool,
    problem: Option<String>,
    profiles: BTreeMap<u32, ProfileLine>,
}

impl StateLog {
    /// Logs what changed since the last call, once per change.
    fn log(&mut self, state: &SchedulerState) {
        if !self.logged || state.paused != self.paused {
            if state.paused {
                tracing::info!(
                    "scheduler: paused (\"Pause all\" in the app); no scheduled run starts"
                );
            } else if self.logged {
                tracing::info!("scheduler: resumed");
            }
            self.paused = state.paused;
        }
        if state.problem != self.problem {
            match &state.problem {
                Some(problem) => tracing::warn!("scheduler: {problem}"),
                None => tracing::info!("scheduler: the profiles can be read again"),
            }
            self.problem = state.problem.clone();
        }
        let mut now = BTreeMap::new();
        for profile in &state.profiles {
            let line = ProfileLine::from(profile);
            if self.profiles.get(&profile.profile_id) != Some(&line) {
                log_profile(profile.profile_id, &line);
            }
            now.insert(profile.profile_id, line);
        }
        for (id, line) in &self.profiles {
            if !now.contains_key(id) {
                tracing::info!(profile_id = id, profile = %line.name, "scheduler: no longer scheduled");
            }
        }
        self.profiles = now;
        self.logged = true;
    }
}

fn log_profile(id: u32, line: &ProfileLine) {
    match (&line.paused_reason, &line.next_run_at) {
        (Some(reason), _) => {
            tracing::warn!(profile_id = id, profile = %line.name, "scheduler: paused: {reason}")
        }
        (None, Some(next)) => {
            tracing::info!(profile_id = id, profile = %line.name, next_run_at = %next, "scheduler: next run at {next}")
        }
        (None, None) => {
            tracing::info!(profile_id = id, profile = %line.name, "scheduler: not scheduled (schedule off)")
        }
    }
}

/// Scheduled runs' progress and ends as log lines.
#[derive(Default)]
struct LogHooks {
    /// Runs in flight: run id → profile id, to log a run's start once.
    started: Mutex<BTreeMap<u32, u32>>,
}

impl RunHooks for LogHooks {
    fn progress(&self, progress: SyncProgress) {
        let first = self
            .started
            .lock()
            .map(|mut started| {
                started
                    .insert(progress.run_id, progress.profile_id)
                    .is_none()
            })
            .unwrap_or(false);
        if first {
            tracing::info!(
                run_id = progress.run_id,
                profile_id = progress.profile_id,
                "scheduled run {} started",
                progress.run_id
            );
        }
        tracing::debug!(
            run_id = progress.run_id,
            phase = ?progress.phase,
            read = progress.read,
            planned = progress.planned,
            applied = progress.applied,
            total = progress.total,
            "scheduled run progress"
        );
    }

    fn finished(&self, profile_id: u32, summary: Option<&RunSummary>, outcome: &ScheduledOutcome) {
        if let Ok(mut started) = self.started.lock() {
            started.retain(|_, profile| *profile != profile_id);
        }
        let run_id = summary.map(|s| s.id);
        let profile = summary.map(|s| s.profile_name.as_str()).unwrap_or("");
        // How the message names it: by name, or by id when it has no run.
        let label = summary
            .map(|s| format!("\"{}\"", s.profile_name))
            .unwrap_or_else(|| format!("profile {profile_id}"));
        let left = summary.map(|s| counts(&s.left)).unwrap_or_default();
        let right = summary.map(|s| counts(&s.right)).unwrap_or_default();
        let problems = summary.map(|s| s.problems).unwrap_or(0);
        let result = summary
            .map(|s| format!("{:?}", s.outcome))
            .unwrap_or_else(|| "none".into());
        match outcome {
            ScheduledOutcome::Succeeded => tracing::info!(
                profile_id,
                profile,
                run_id,
                outcome = %result,
                left = %left,
                right = %right,
                problems,
                "scheduled run of {label} succeeded{}",
                if problems > 0 { " with problems (see Activity in the app)" } else { "" }
            ),
            ScheduledOutcome::Cancelled => tracing::info!(
                profile_id,
                profile,
                run_id,
                left = %left,
                right = %right,
                "scheduled run of {label} cancelled; the next run resumes from its journal"
            ),
            ScheduledOutcome::Failed { message } => tracing::warn!(
                profile_id,
                profile,
                run_id,
                left = %left,
                right = %right,
                problems,
                "scheduled run of {label} failed (retried with back-off): {message}"
            ),
            ScheduledOutcome::CredentialExpired { message } => tracing::warn!(
                profile_id,
                profile,
                run_id,
                "scheduled runs of {label} paused, the credential does not work: {message}"
            ),
            ScheduledOutcome::NeedsDecision { message } => tracing::warn!(
                profile_id,
                profile,
                run_id,
                "scheduled runs of {label} paused until a person decides: {message}"
            ),
            ScheduledOutcome::Busy { message } => tracing::info!(
                profile_id,
                "scheduled run of {label} skipped, it runs elsewhere: {message}"
            ),
        }
    }
}

/// "created 3, updated 1, deleted 0, problems 0"
fn counts(counts: &ActionCounts) -> String {
    format!(
        "created {}, updated {}, deleted {}, problems {}",
        counts.created, counts.updated, counts.deleted, counts.problems
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_comes_from_the_environment_or_the_apps_default() {
        assert_eq!(
            config_from_env(None).unwrap().jitter_max,
            Duration::from_secs(30)
        );
        assert_eq!(
            config_from_env(Some("0")).unwrap().jitter_max,
            Duration::ZERO
        );
        assert_eq!(
            config_from_env(Some(" 5 ")).unwrap().jitter_max,
            Duration::from_secs(5)
        );
        let refused = config_from_env(Some("soon")).unwrap_err();
        assert!(refused.is_bad_input());
        assert!(refused.to_string().contains(JITTER_ENV));
    }

    #[test]
    fn fingerprint_changes_with_runs_by_hand_not_with_scheduled_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let db_path = tmp.path().join("kakehashi.db");
        let db = Database::open(&db_path).unwrap();
        let empty = fingerprint(&db_path).expect("the queries fit the schema");
        let insert = |trigger: &str| {
            db.conn()
                .execute(
                    "INSERT INTO sync_runs (profile_id, profile_name, trigger, dry_run, started_at, outcome)
                     VALUES (1, 'p', ?1, 0, '2026-01-01T00:00:00Z', 'succeeded')",
                    [trigger],
                )
                .unwrap();
        };
        insert("schedule");
        assert_eq!(fingerprint(&db_path).unwrap(), empty);
        insert("cli");
        let by_hand = fingerprint(&db_path).unwrap();
        assert_ne!(by_hand, empty);
        insert("schedule");
        assert_eq!(fingerprint(&db_path).unwrap(), by_hand);
    }

    fn profile(id: u32, next: Option<&str>) -> ProfileState {
        ProfileState {
            profile_id: id,
            name: format!("p{id}"),
            next_run_at: next.map(str::to_owned),
            running: false,
            consecutive_failures: 0,
            paused_reason: None,
            last_outcome: None,
        }
    }

    #[test]
    fn state_log_remembers_each_profile_until_it_changes() {
        let mut log = StateLog::default();
        let mut state = SchedulerState {
            paused: false,
            problem: None,
            profiles: vec![profile(1, Some("2026-01-01T00:15:00Z")), profile(2, None)],
        };
        log.log(&state);
        assert_eq!(log.profiles.len(), 2);
        // Running flags and failure counts are the hooks' business.
        state.profiles[0].running = true;
        let before = log.profiles.clone();
        log.log(&state);
        assert_eq!(log.profiles, before);
        state.profiles.remove(1);
        state.profiles[0].next_run_at = Some("2026-01-01T00:30:00Z".into());
        log.log(&state);
        assert_eq!(log.profiles.len(), 1);
        assert_eq!(
            log.profiles[&1].next_run_at.as_deref(),
            Some("2026-01-01T00:30:00Z")
        );
    }
}
