//! The scheduler end to end on tokio's paused clock. The fake wall clock is
//! tokio's clock plus an offset, so tokio's auto-advance moves both together
//! and a test can still make the wall clock jump (a suspended laptop). Every
//! wait is bounded in virtual time, and call times are asserted exactly.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::BoxFuture;
use futures_util::FutureExt;
use jiff::{SignedDuration, Timestamp};
use tokio::sync::{mpsc, Notify};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::*;
use crate::sync::model::Schedule;
use crate::{AppError, AppResult};

// ---- fakes ----------------------------------------------------------------

struct FakeClock {
    origin: Timestamp,
    start: Instant,
    jumped: Mutex<SignedDuration>,
}

impl FakeClock {
    fn new(origin: &str) -> Arc<FakeClock> {
        Arc::new(FakeClock {
            origin: ts(origin),
            start: Instant::now(),
            jumped: Mutex::new(SignedDuration::ZERO),
        })
    }

    /// The wall clock leaps ahead while tokio's clock stands still.
    fn jump(&self, by: Duration) {
        let mut jumped = self.jumped.lock().unwrap();
        *jumped += SignedDuration::try_from(by).unwrap();
    }

    /// The wall clock is set back (a time sync).
    fn jump_back(&self, by: Duration) {
        let mut jumped = self.jumped.lock().unwrap();
        *jumped -= SignedDuration::try_from(by).unwrap();
    }
}

impl WallClock for FakeClock {
    fn now(&self) -> Timestamp {
        let elapsed = SignedDuration::try_from(self.start.elapsed()).unwrap();
        self.origin + elapsed + *self.jumped.lock().unwrap()
    }
}

#[derive(Clone)]
enum Act {
    Succeed,
    Fail,
    Expire,
    /// Another process was running the profile.
    Busy,
    /// Holds until released (then succeeds) or cancelled.
    Block(Arc<Notify>),
    /// Ignores its token: shutdown must still return.
    Stubborn,
}

struct FakeRunner {
    clock: Arc<FakeClock>,
    script: Mutex<HashMap<u32, VecDeque<Act>>>,
    calls: mpsc::UnboundedSender<(u32, Timestamp)>,
    cancelled: Arc<Mutex<Vec<u32>>>,
}

impl SyncRunner for FakeRunner {
    fn run(
        &self,
        profile_id: u32,
        cancel: CancellationToken,
    ) -> BoxFuture<'static, ScheduledOutcome> {
        let _ = self.calls.send((profile_id, self.clock.now()));
        let act = self
            .script
            .lock()
            .unwrap()
            .get_mut(&profile_id)
            .and_then(VecDeque::pop_front)
            .unwrap_or(Act::Succeed);
        let cancelled = Arc::clone(&self.cancelled);
        async move {
            match act {
                Act::Succeed => ScheduledOutcome::Succeeded,
                Act::Fail => ScheduledOutcome::Failed {
                    message: "server down".into(),
                },
                Act::Expire => ScheduledOutcome::CredentialExpired {
                    message: "Sign in to Jira again.".into(),
                },
                Act::Busy => ScheduledOutcome::Busy {
                    message: "\"WEB\" is being synced by another Kakehashi.".into(),
                },
                Act::Block(release) => {
                    tokio::select! {
                        () = release.notified() => ScheduledOutcome::Succeeded,
                        () = cancel.cancelled() => {
                            cancelled.lock().unwrap().push(profile_id);
                            ScheduledOutcome::Cancelled
                        }
                    }
                }
                Act::Stubborn => {
                    std::future::pending::<()>().await;
                    ScheduledOutcome::Succeeded
                }
            }
        }
        .boxed()
    }
}

struct FakeSource {
    profiles: Mutex<AppResult<Vec<ScheduledProfile>>>,
}

impl Default for FakeSource {
    fn default() -> Self {
        FakeSource {
            profiles: Mutex::new(Ok(Vec::new())),
        }
    }
}

impl FakeSource {
    fn set(&self, profiles: &[(u32, Schedule)]) {
        *self.profiles.lock().unwrap() = Ok(profiles
            .iter()
            .map(|(id, schedule)| ScheduledProfile {
                id: *id,
                name: format!("profile {id}"),
                schedule: schedule.clone(),
                last_run_at: None,
            })
            .collect());
    }
}

impl ProfileSource for FakeSource {
    fn schedules(&self) -> AppResult<Vec<ScheduledProfile>> {
        self.profiles.lock().unwrap().clone()
    }
}

struct Harness {
    clock: Arc<FakeClock>,
    runner: Arc<FakeRunner>,
    source: Arc<FakeSource>,
    registry: RunRegistry,
    calls: mpsc::UnboundedReceiver<(u32, Timestamp)>,
    cancelled: Arc<Mutex<Vec<u32>>>,
    scheduler: Option<Scheduler>,
}

const START: &str = "2026-01-05T00:00:00Z";

fn ts(text: &str) -> Timestamp {
    text.parse().expect("test timestamp")
}

fn at(minutes: i64) -> Timestamp {
    ts(START) + SignedDuration::from_mins(minutes)
}

fn every(minutes: u32) -> Schedule {
    Schedule::Every { minutes }
}

fn exact() -> SchedulerConfig {
    SchedulerConfig {
        jitter_max: Duration::ZERO,
        ..SchedulerConfig::default()
    }
}

impl Harness {
    fn start(origin: &str, config: SchedulerConfig, profiles: &[(u32, Schedule)]) -> Harness {
        let clock = FakeClock::new(origin);
        let (tx, calls) = mpsc::unbounded_channel();
        let cancelled = Arc::new(Mutex::new(Vec::new()));
        let runner = Arc::new(FakeRunner {
            clock: Arc::clone(&clock),
            script: Mutex::default(),
            calls: tx,
            cancelled: Arc::clone(&cancelled),
        });
        let source = Arc::new(FakeSource::default());
        source.set(profiles);
        let registry = RunRegistry::new();
        let scheduler = Scheduler::start(
            config,
            source.clone(),
            runner.clone(),
            registry.clone(),
            clock.clone(),
        );
        Harness {
            clock,
            runner,
            source,
            registry,
            calls,
            cancelled,
            scheduler: Some(scheduler),
        }
    }

    fn scheduler(&self) -> &Scheduler {
        self.scheduler.as_ref().unwrap()
    }

    fn script(&self, profile_id: u32, acts: &[Act]) {
        self.runner
            .script
            .lock()
            .unwrap()
            .entry(profile_id)
            .or_default()
            .extend(acts.iter().cloned());
    }

    /// The next run the scheduler starts; fails after five virtual days.
    async fn next_call(&mut self) -> (u32, Timestamp) {
        tokio::time::timeout(Duration::from_secs(5 * 24 * 3600), self.calls.recv())
            .await
            .expect("the scheduler started no run within five days")
            .expect("runner alive")
    }

    /// Lets virtual time pass until the wall clock shows `until`.
    async fn sleep_until(&self, until: Timestamp) {
        let wait = Duration::try_from(until.duration_since(self.clock.now())).unwrap();
        tokio::time::sleep(wait).await;
    }

    /// No run started before the wall clock reached `until`.
    async fn no_call_until(&mut self, until: Timestamp) {
        self.sleep_until(until).await;
        // Let the loop act on what is due exactly now.
        tokio::task::yield_now().await;
        if let Ok(call) = self.calls.try_recv() {
            panic!("unexpected run {call:?} before {until}");
        }
    }

    fn profile(&self, profile_id: u32) -> ProfileState {
        self.scheduler()
            .state()
            .profiles
            .into_iter()
            .find(|p| p.profile_id == profile_id)
            .expect("profile in state")
    }
}

// ---- tests ----------------------------------------------------------------

#[tokio::test(start_paused = true)]
async fn scheduler_interval_fires_at_the_right_times() {
    let mut h = Harness::start(START, exact(), &[(1, every(15))]);
    assert_eq!(
        h.profile(1).next_run_at.as_deref(),
        Some("2026-01-05T00:15:00Z")
    );
    for minute in [15, 30, 45] {
        assert_eq!(h.next_call().await, (1, at(minute)));
    }
    h.no_call_until(at(59)).await;
}

#[tokio::test(start_paused = true)]
async fn scheduler_jitter_delays_each_tick_deterministically() {
    let config = SchedulerConfig {
        jitter_max: Duration::from_secs(30),
        ..SchedulerConfig::default()
    };
    let mut h = Harness::start(START, config, &[(3, every(10))]);
    for minute in [10, 20] {
        let tick = at(minute);
        let expected = tick
            + SignedDuration::try_from(timing::jitter(
                3,
                tick.as_second().unsigned_abs(),
                Duration::from_secs(30),
            ))
            .unwrap();
        let (_, when) = h.next_call().await;
        assert_eq!(when, expected);
        assert!(when >= tick && when < tick + SignedDuration::from_secs(30));
    }
}

#[tokio::test(start_paused = true)]
async fn scheduler_business_hours_follow_the_dst_change() {
    // Friday 2026-03-27 12:30 CET; weekdays 09:00–17:00 every 4 hours.
    // Europe switches to summer time on Sunday 2026-03-29.
    let office = Schedule::BusinessHours {
        days: vec![1, 2, 3, 4, 5],
        from: "09:00".into(),
        to: "17:00".into(),
        time_zone: "Europe/Stockholm".into(),
        every_minutes: 240,
    };
    let mut h = Harness::start("2026-03-27T11:30:00Z", exact(), &[(1, office)]);
    // 13:00 CET, then Monday 09:00 and 13:00 CEST (an hour earlier in UTC).
    assert_eq!(h.next_call().await, (1, ts("2026-03-27T12:00:00Z")));
    assert_eq!(h.next_call().await, (1, ts("2026-03-30T07:00:00Z")));
    assert_eq!(h.next_call().await, (1, ts("2026-03-30T11:00:00Z")));
}

#[tokio::test(start_paused = true)]
async fn scheduler_does_not_start_a_slow_run_twice() {
    let mut h = Harness::start(START, exact(), &[(1, every(10))]);
    let release = Arc::new(Notify::new());
    h.script(1, &[Act::Block(release.clone())]);
    assert_eq!(h.next_call().await, (1, at(10)));
    // Still running at 00:20: that tick is skipped, not queued.
    h.no_call_until(at(25)).await;
    assert!(h.profile(1).running);
    release.notify_one();
    h.no_call_until(at(29)).await;
    assert_eq!(h.next_call().await, (1, at(30)));
}

#[tokio::test(start_paused = true)]
async fn scheduler_a_manual_run_blocks_the_scheduled_one() {
    let mut h = Harness::start(START, exact(), &[(1, every(10))]);
    let manual = h.registry.begin(1).expect("manual run");
    h.no_call_until(at(15)).await;
    assert!(!manual.is_cancelled());
    h.registry.finished(1);
    assert_eq!(h.next_call().await, (1, at(20)));
}

#[tokio::test(start_paused = true)]
async fn scheduler_respects_max_parallel_including_manual_runs() {
    let config = SchedulerConfig {
        max_parallel: 2,
        ..exact()
    };
    let profiles = [(1, every(10)), (2, every(10)), (3, every(10))];
    let mut h = Harness::start(START, config, &profiles);
    let releases: Vec<_> = (0..3).map(|_| Arc::new(Notify::new())).collect();
    for (id, release) in (1..=3).zip(&releases) {
        h.script(id, &[Act::Block(release.clone())]);
    }
    assert_eq!(h.next_call().await, (1, at(10)));
    assert_eq!(h.next_call().await, (2, at(10)));
    h.no_call_until(at(13)).await;
    assert_eq!(h.registry.running_count(), 2);
    // A slot frees: the waiting profile starts at once.
    releases[0].notify_one();
    assert_eq!(h.next_call().await, (3, at(13)));

    // A manual run of another profile takes a slot too.
    releases[1].notify_one();
    releases[2].notify_one();
    let _manual = h.registry.begin(9).expect("manual run");
    h.script(1, &[Act::Block(releases[0].clone())]);
    assert_eq!(h.next_call().await, (1, at(20)));
    h.no_call_until(at(22)).await;
    assert_eq!(h.registry.running_profiles(), [1, 9]);
}

#[tokio::test(start_paused = true)]
async fn scheduler_backs_off_on_failures_and_resets_after_success() {
    let config = SchedulerConfig {
        backoff_base: Duration::from_secs(15 * 60),
        ..exact()
    };
    let mut h = Harness::start(START, config, &[(1, every(10))]);
    h.script(1, &[Act::Fail, Act::Fail, Act::Fail, Act::Succeed]);
    // +15 min, +30 min, +60 min after each failure, then back to every 10.
    for (minute, failures) in [(10, 1), (25, 2), (55, 3), (115, 0)] {
        assert_eq!(h.next_call().await, (1, at(minute)));
        h.sleep_until(at(minute + 1)).await;
        assert_eq!(
            h.profile(1).consecutive_failures,
            failures,
            "after {minute}"
        );
    }
    assert_eq!(h.profile(1).last_outcome, Some(ScheduledOutcome::Succeeded));
    assert_eq!(h.next_call().await, (1, at(125)));
}

#[tokio::test(start_paused = true)]
async fn scheduler_skips_a_tick_the_profile_ran_elsewhere_without_backing_off() {
    let config = SchedulerConfig {
        backoff_base: Duration::from_secs(15 * 60),
        ..exact()
    };
    let mut h = Harness::start(START, config, &[(1, every(10))]);
    h.script(1, &[Act::Fail, Act::Busy, Act::Busy, Act::Succeed]);
    assert_eq!(h.next_call().await, (1, at(10)));
    // The failure backs off 15 minutes; a busy tick neither adds to that
    // nor counts as a success: the next tick comes on the schedule.
    for minute in [25, 35, 45] {
        assert_eq!(h.next_call().await, (1, at(minute)));
        h.sleep_until(at(minute + 1)).await;
        let expected = if minute == 45 { 0 } else { 1 };
        assert_eq!(
            h.profile(1).consecutive_failures,
            expected,
            "after {minute}"
        );
        assert_eq!(h.profile(1).paused_reason, None);
    }
    assert_eq!(h.next_call().await, (1, at(55)));
}

#[tokio::test(start_paused = true)]
async fn scheduler_runs_once_after_a_wall_clock_jump() {
    let config = SchedulerConfig {
        poll: Duration::from_secs(30),
        ..exact()
    };
    let mut h = Harness::start(START, config, &[(1, every(10))]);
    assert_eq!(h.next_call().await, (1, at(10)));
    h.sleep_until(at(12) + SignedDuration::from_secs(10)).await;
    // The laptop sleeps for three hours: 18 ticks missed.
    h.clock.jump(Duration::from_secs(3 * 3600));
    // The next poll (00:12:30 on tokio's clock) notices and runs once.
    let woke = at(180 + 12) + SignedDuration::from_secs(30);
    assert_eq!(h.next_call().await, (1, woke));
    h.no_call_until(woke + SignedDuration::from_mins(9)).await;
    assert_eq!(
        h.next_call().await,
        (1, woke + SignedDuration::from_mins(10))
    );
}

#[tokio::test(start_paused = true)]
async fn scheduler_keeps_running_after_the_wall_clock_goes_back() {
    let mut h = Harness::start(START, exact(), &[(1, every(10))]);
    assert_eq!(h.next_call().await, (1, at(10)));
    h.sleep_until(at(12) + SignedDuration::from_secs(10)).await;
    h.clock.jump_back(Duration::from_secs(2 * 3600));
    // Noticed at the next poll (wall 22:12:30 the day before): due ten
    // minutes later, not two hours and ten minutes later.
    let noticed = at(12 - 120) + SignedDuration::from_secs(30);
    assert_eq!(
        h.next_call().await,
        (1, noticed + SignedDuration::from_mins(10))
    );
}

#[tokio::test(start_paused = true)]
async fn scheduler_pause_all_stops_new_runs_until_resumed() {
    let mut h = Harness::start(START, exact(), &[(1, every(10)), (2, every(30))]);
    let release = Arc::new(Notify::new());
    h.script(1, &[Act::Block(release.clone())]);
    assert_eq!(h.next_call().await, (1, at(10)));
    let mut updates = h.scheduler().subscribe();
    h.scheduler().pause_all();
    assert!(h.scheduler().is_paused());
    assert!(updates.has_changed().unwrap());
    assert!(updates.borrow_and_update().paused);
    // The run in flight is not touched and finishes.
    release.notify_one();
    h.no_call_until(at(45)).await;
    assert!(h.cancelled.lock().unwrap().is_empty());
    assert!(!h.registry.is_running(1));
    // Resuming catches up once per profile, then the schedule continues.
    h.scheduler().resume_all();
    let mut caught_up = vec![h.next_call().await, h.next_call().await];
    caught_up.sort();
    assert_eq!(caught_up, [(1, at(45)), (2, at(45))]);
    assert_eq!(h.next_call().await, (1, at(55)));
}

#[tokio::test(start_paused = true)]
async fn scheduler_credential_expired_pauses_the_profile() {
    let mut h = Harness::start(START, exact(), &[(1, every(10))]);
    h.script(1, &[Act::Expire]);
    assert_eq!(h.next_call().await, (1, at(10)));
    h.no_call_until(at(60)).await;
    let paused = h.profile(1);
    assert_eq!(
        paused.paused_reason.as_deref(),
        Some("Sign in to Jira again.")
    );
    assert_eq!(paused.next_run_at, None);
    assert_eq!(paused.consecutive_failures, 0);
    // Signing in again: resume schedules it afresh from now.
    h.scheduler().resume_profile(1).expect("known profile");
    assert_eq!(h.next_call().await, (1, at(70)));
    assert_eq!(h.profile(1).paused_reason, None);
    assert_eq!(
        h.scheduler()
            .resume_profile(99)
            .expect_err("unknown")
            .code(),
        "NotFound"
    );
}

#[tokio::test(start_paused = true)]
async fn scheduler_reload_keeps_backoff_and_lifts_credential_pause() {
    let mut h = Harness::start(START, exact(), &[(1, every(10)), (2, every(10))]);
    h.script(1, &[Act::Fail]);
    h.script(2, &[Act::Expire]);
    let mut first = vec![h.next_call().await, h.next_call().await];
    first.sort();
    assert_eq!(first, [(1, at(10)), (2, at(10))]);
    tokio::task::yield_now().await;
    h.sleep_until(at(12)).await;
    assert_eq!(h.profile(1).consecutive_failures, 1);
    assert!(h.profile(2).paused_reason.is_some());
    // Profile 3 added, 2 unchanged, 1 unchanged.
    h.source
        .set(&[(1, every(10)), (2, every(10)), (3, every(60))]);
    h.scheduler().reload().expect("reload");
    let state = h.scheduler().state();
    assert_eq!(
        state
            .profiles
            .iter()
            .map(|p| p.profile_id)
            .collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(h.profile(1).consecutive_failures, 1);
    assert_eq!(
        h.profile(1).next_run_at.as_deref(),
        Some("2026-01-05T00:20:00Z")
    );
    assert_eq!(h.profile(2).paused_reason, None);
    assert_eq!(
        h.profile(2).next_run_at.as_deref(),
        Some("2026-01-05T00:22:00Z")
    );
    assert_eq!(
        h.profile(3).next_run_at.as_deref(),
        Some("2026-01-05T01:12:00Z")
    );
    // Profile 1's schedule changes (state starts afresh), 3 is removed.
    h.source.set(&[(1, every(30)), (2, every(10))]);
    h.scheduler().reload().expect("reload");
    assert_eq!(h.profile(1).consecutive_failures, 0);
    assert_eq!(
        h.profile(1).next_run_at.as_deref(),
        Some("2026-01-05T00:42:00Z")
    );
    assert_eq!(h.scheduler().state().profiles.len(), 2);
    assert_eq!(h.next_call().await, (2, at(22)));
    // A failing source keeps the schedule and says why.
    *h.source.profiles.lock().unwrap() = Err(AppError::internal("database locked"));
    assert!(h.scheduler().reload().is_err());
    assert_eq!(
        h.scheduler().state().problem.as_deref(),
        Some("database locked")
    );
    assert_eq!(h.next_call().await, (2, at(32)));
}

#[tokio::test(start_paused = true)]
async fn scheduler_retries_reading_profiles_until_it_works() {
    let clock = FakeClock::new(START);
    let (tx, mut calls) = mpsc::unbounded_channel();
    let runner = Arc::new(FakeRunner {
        clock: Arc::clone(&clock),
        script: Mutex::default(),
        calls: tx,
        cancelled: Arc::default(),
    });
    let source = Arc::new(FakeSource {
        profiles: Mutex::new(Err(AppError::internal("database locked"))),
    });
    let scheduler = Scheduler::start(exact(), source.clone(), runner, RunRegistry::new(), clock);
    assert_eq!(
        scheduler.state().problem.as_deref(),
        Some("database locked")
    );
    tokio::time::sleep(Duration::from_secs(45)).await;
    source.set(&[(1, every(10))]);
    // Read at the next poll (00:01:00), so due at 00:11:00.
    let call = tokio::time::timeout(Duration::from_secs(3600), calls.recv())
        .await
        .expect("a run")
        .expect("runner alive");
    assert_eq!(call, (1, at(11)));
    assert_eq!(scheduler.state().problem, None);
}

#[tokio::test(start_paused = true)]
async fn scheduler_shutdown_cancels_its_runs_and_waits_for_them() {
    let mut h = Harness::start(START, exact(), &[(1, every(10))]);
    h.script(1, &[Act::Block(Arc::new(Notify::new()))]);
    assert_eq!(h.next_call().await, (1, at(10)));
    // A manual run of another profile is not the scheduler's to cancel.
    let manual = h.registry.begin(2).expect("manual");
    h.sleep_until(at(11)).await;
    let before = Instant::now();
    h.scheduler.take().unwrap().shutdown().await;
    assert_eq!(*h.cancelled.lock().unwrap(), [1]);
    assert!(before.elapsed() < Duration::from_secs(1));
    assert!(!h.registry.is_running(1));
    assert!(!manual.is_cancelled());
    assert_eq!(h.registry.running_profiles(), [2]);
}

#[tokio::test(start_paused = true)]
async fn scheduler_shutdown_gives_up_on_a_run_that_ignores_cancel() {
    let mut h = Harness::start(START, exact(), &[(1, every(10))]);
    h.script(1, &[Act::Stubborn]);
    assert_eq!(h.next_call().await, (1, at(10)));
    let before = Instant::now();
    h.scheduler.take().unwrap().shutdown().await;
    assert_eq!(before.elapsed(), Duration::from_secs(10));
    // The abandoned task was aborted and freed its profile.
    tokio::task::yield_now().await;
    assert_eq!(h.registry.running_count(), 0);
}

#[tokio::test(start_paused = true)]
async fn scheduler_dropping_the_handle_stops_scheduling() {
    let mut h = Harness::start(START, exact(), &[(1, every(10))]);
    assert_eq!(h.next_call().await, (1, at(10)));
    drop(h.scheduler.take());
    h.no_call_until(at(60)).await;
}

#[tokio::test(start_paused = true)]
async fn scheduler_state_serialises_for_the_ui() {
    let h = Harness::start(START, exact(), &[(4, every(10))]);
    let value = serde_json::to_value(h.scheduler().state()).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "paused": false,
            "problem": null,
            "profiles": [{
                "profileId": 4,
                "name": "profile 4",
                "nextRunAt": "2026-01-05T00:10:00Z",
                "running": false,
                "consecutiveFailures": 0,
                "pausedReason": null,
                "lastOutcome": null,
            }],
        })
    );
    let outcome = serde_json::to_value(ScheduledOutcome::CredentialExpired {
        message: "m".into(),
    })
    .unwrap();
    assert_eq!(
        outcome,
        serde_json::json!({"kind": "credentialExpired", "message": "m"})
    );
}
