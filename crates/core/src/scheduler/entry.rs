//! One profile's scheduling bookkeeping: when it is due, how often it has
//! failed in a row, and whether it is paused for a credential. Plain data and
//! rules with the current time passed in, so the scheduler's loop only
//! decides *when* to ask and the rules stay testable on their own.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};

use super::runner::ScheduledOutcome;
use super::timing::{backoff, first_allowed, jitter, next_due, next_due_after};
use super::SchedulerConfig;
use crate::sync::model::Schedule;

#[derive(Debug, Clone)]
pub(super) struct Entry {
    pub(super) name: String,
    pub(super) schedule: Schedule,
    /// The tick the schedule itself asks for, without jitter: the next tick
    /// is counted from this one, so jitter never makes the cadence drift.
    base: Option<Timestamp>,
    jitter: Duration,
    pub(super) consecutive_failures: u32,
    /// Why the profile does not run although its schedule says so.
    pub(super) paused_reason: Option<String>,
    pub(super) last_outcome: Option<ScheduledOutcome>,
}

impl Entry {
    pub(super) fn new(
        id: u32,
        name: String,
        schedule: Schedule,
        now: Timestamp,
        config: &SchedulerConfig,
    ) -> Entry {
        let mut entry = Entry {
            name,
            schedule,
            base: None,
            jitter: Duration::ZERO,
            consecutive_failures: 0,
            paused_reason: None,
            last_outcome: None,
        };
        entry.set_base(id, next_due(&entry.schedule, now), config);
        entry
    }

    /// When the profile should start next; `None` when never, or while it
    /// is paused for its credential.
    pub(super) fn due_at(&self) -> Option<Timestamp> {
        if self.paused_reason.is_some() {
            return None;
        }
        self.base.map(|base| plus(base, self.jitter))
    }

    /// The due tick has been used (a run started, or the profile was
    /// already running so the tick is moot). The next tick follows the
    /// consumed one; when that is already past too (the machine slept
    /// through several ticks, or a run took longer than the interval) it is
    /// counted from now instead, so missed ticks add up to one run, never a
    /// burst.
    pub(super) fn advance(&mut self, id: u32, now: Timestamp, config: &SchedulerConfig) {
        let Some(base) = self.base else { return };
        let next = next_due_after(&self.schedule, base)
            .filter(|next| *next > now)
            .or_else(|| next_due_after(&self.schedule, now));
        self.set_base(id, next, config);
    }

    /// Records how a run ended and moves the next run for failures.
    pub(super) fn finished(
        &mut self,
        id: u32,
        outcome: ScheduledOutcome,
        now: Timestamp,
        config: &SchedulerConfig,
    ) {
        match &outcome {
            ScheduledOutcome::Succeeded => self.consecutive_failures = 0,
            ScheduledOutcome::Failed { .. } => {
                self.consecutive_failures = self.consecutive_failures.saturating_add(1);
                let wait = backoff(
                    self.consecutive_failures,
                    config.backoff_base,
                    config.backoff_cap,
                );
                let earliest = plus(now, wait);
                if self.base.is_some_and(|base| base < earliest) {
                    // Not before the back-off has passed, and still inside
                    // the schedule's hours.
                    self.set_base(id, first_allowed(&self.schedule, earliest), config);
                }
            }
            ScheduledOutcome::CredentialExpired { message }
            | ScheduledOutcome::NeedsDecision { message } => {
                self.paused_reason = Some(message.clone());
            }
            // Cancelling is a person's (or the app's) choice, not a failure;
            // a run elsewhere is not one either.
            ScheduledOutcome::Cancelled | ScheduledOutcome::Busy { .. } => {}
        }
        self.last_outcome = Some(outcome);
    }

    /// Pulls the due time back after the wall clock went backwards (a time
    /// sync, a manual change): a due time later than both the schedule's
    /// next tick from now and the current back-off cannot have come from
    /// going forward, and waiting for it would stall the profile for as
    /// long as the clock jumped.
    pub(super) fn realign(&mut self, id: u32, now: Timestamp, config: &SchedulerConfig) {
        let Some(base) = self.base else { return };
        // Strictly after: a tick due exactly now may just have fired.
        let Some(fresh) = next_due_after(&self.schedule, now) else {
            return;
        };
        let wait = backoff(
            self.consecutive_failures,
            config.backoff_base,
            config.backoff_cap,
        );
        let retry = first_allowed(&self.schedule, plus(now, wait)).unwrap_or(fresh);
        let limit = fresh.max(retry);
        if base > limit {
            self.set_base(id, Some(limit), config);
        }
    }

    /// A due time already past when the profile is first scheduled (its
    /// last run is older than its interval) becomes one run as soon as the
    /// schedule allows — now, or when its hours next begin.
    pub(super) fn catch_up(&mut self, id: u32, now: Timestamp, config: &SchedulerConfig) {
        if self.base.is_some_and(|base| base < now) {
            self.set_base(id, first_allowed(&self.schedule, now), config);
        }
    }

    /// The person fixed what paused the profile: schedule it afresh.
    pub(super) fn resume(&mut self, id: u32, now: Timestamp, config: &SchedulerConfig) {
        if self.paused_reason.take().is_some() {
            self.consecutive_failures = 0;
            self.set_base(id, next_due(&self.schedule, now), config);
        }
    }

    fn set_base(&mut self, id: u32, base: Option<Timestamp>, config: &SchedulerConfig) {
        self.base = base;
        self.jitter = base.map_or(Duration::ZERO, |base| {
            jitter(id, base.as_second().unsigned_abs(), config.jitter_max)
        });
    }
}

/// `at + wait`, saturating: a far-future cap must not wrap into the past.
fn plus(at: Timestamp, wait: Duration) -> Timestamp {
    SignedDuration::try_from(wait)
        .ok()
        .and_then(|wait| at.checked_add(wait).ok())
        .unwrap_or(Timestamp::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().expect("test timestamp")
    }

    #[test]
    fn scheduler_entry_an_overdue_profile_catches_up_once_inside_its_hours() {
        let config = SchedulerConfig {
            jitter_max: Duration::ZERO,
            ..SchedulerConfig::default()
        };
        // Last ran at 08:00; every 15 minutes; the app starts at 12:00.
        let every = Schedule::Every { minutes: 15 };
        let now = ts("2026-01-05T12:00:00Z");
        let mut entry = Entry::new(1, "p".into(), every, ts("2026-01-05T08:00:00Z"), &config);
        entry.catch_up(1, now, &config);
        assert_eq!(entry.due_at(), Some(now));
        // Office hours Mon–Fri 09–17 in Stockholm; the app starts on a
        // Saturday: the catch-up waits for Monday 09:00.
        let office = Schedule::BusinessHours {
            days: vec![1, 2, 3, 4, 5],
            from: "09:00".into(),
            to: "17:00".into(),
            time_zone: "Europe/Stockholm".into(),
            every_minutes: 30,
        };
        let saturday = ts("2026-01-10T10:00:00Z");
        let mut entry = Entry::new(2, "q".into(), office, ts("2026-01-09T15:00:00Z"), &config);
        entry.catch_up(2, saturday, &config);
        assert_eq!(entry.due_at(), Some(ts("2026-01-12T08:00:00Z")));
        // Not overdue: left alone.
        let mut entry = Entry::new(
            3,
            "r".into(),
            Schedule::Every { minutes: 60 },
            ts("2026-01-05T11:30:00Z"),
            &config,
        );
        entry.catch_up(3, now, &config);
        assert_eq!(entry.due_at(), Some(ts("2026-01-05T12:30:00Z")));
    }

    fn config() -> SchedulerConfig {
        SchedulerConfig {
            jitter_max: Duration::ZERO,
            ..SchedulerConfig::default()
        }
    }

    #[test]
    fn scheduler_entry_missed_ticks_collapse_into_one() {
        let config = config();
        let every = Schedule::Every { minutes: 10 };
        let mut entry = Entry::new(1, "p".into(), every, ts("2026-01-01T00:00:00Z"), &config);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T00:10:00Z")));
        // On time: the cadence is kept.
        entry.advance(1, ts("2026-01-01T00:10:05Z"), &config);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T00:20:00Z")));
        // Three hours late: the next is counted from now.
        entry.advance(1, ts("2026-01-01T03:00:00Z"), &config);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T03:10:00Z")));
    }

    #[test]
    fn scheduler_entry_failure_backs_off_and_success_resets() {
        let config = config();
        let every = Schedule::Every { minutes: 10 };
        let start = ts("2026-01-01T00:00:00Z");
        let mut entry = Entry::new(1, "p".into(), every, start, &config);
        let failed = ScheduledOutcome::Failed {
            message: "down".into(),
        };
        // Fires at 00:10, next would be 00:20; backoff 1 min keeps 00:20.
        entry.advance(1, ts("2026-01-01T00:10:00Z"), &config);
        entry.finished(1, failed.clone(), ts("2026-01-01T00:10:00Z"), &config);
        assert_eq!(entry.consecutive_failures, 1);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T00:20:00Z")));
        // A run that failed late: now + backoff is later than the tick.
        entry.advance(1, ts("2026-01-01T00:20:00Z"), &config);
        entry.finished(1, failed.clone(), ts("2026-01-01T00:29:30Z"), &config);
        assert_eq!(entry.consecutive_failures, 2);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T00:31:30Z")));
        entry.finished(
            1,
            ScheduledOutcome::Succeeded,
            ts("2026-01-01T00:31:40Z"),
            &config,
        );
        assert_eq!(entry.consecutive_failures, 0);
        assert_eq!(entry.last_outcome, Some(ScheduledOutcome::Succeeded));
    }

    #[test]
    fn scheduler_entry_realigns_after_the_clock_went_back() {
        let config = config();
        let every = Schedule::Every { minutes: 10 };
        let mut entry = Entry::new(1, "p".into(), every, ts("2026-01-01T12:00:00Z"), &config);
        // Forward time never moves it.
        entry.realign(1, ts("2026-01-01T12:05:00Z"), &config);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T12:10:00Z")));
        // Two hours back: due ten minutes from the new now, not in 2 h 10.
        entry.realign(1, ts("2026-01-01T10:00:00Z"), &config);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T10:10:00Z")));
        // A back-off in force is kept, counted from the new now.
        let failed = ScheduledOutcome::Failed {
            message: "down".into(),
        };
        for _ in 0..5 {
            entry.finished(1, failed.clone(), ts("2026-01-01T10:00:00Z"), &config);
        }
        // The fifth failure waits 16 minutes, past the 10:10 tick.
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T10:16:00Z")));
        entry.realign(1, ts("2026-01-01T10:00:30Z"), &config);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T10:16:00Z")));
        entry.realign(1, ts("2026-01-01T09:00:00Z"), &config);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T09:16:00Z")));
    }

    #[test]
    fn scheduler_entry_credential_pause_until_resumed() {
        let config = config();
        let every = Schedule::Every { minutes: 10 };
        let mut entry = Entry::new(1, "p".into(), every, ts("2026-01-01T00:00:00Z"), &config);
        let expired = ScheduledOutcome::CredentialExpired {
            message: "sign in again".into(),
        };
        entry.finished(1, expired, ts("2026-01-01T00:10:00Z"), &config);
        assert_eq!(entry.due_at(), None);
        assert_eq!(entry.paused_reason.as_deref(), Some("sign in again"));
        entry.resume(1, ts("2026-01-01T01:00:00Z"), &config);
        assert_eq!(entry.paused_reason, None);
        assert_eq!(entry.due_at(), Some(ts("2026-01-01T01:10:00Z")));
    }
}
