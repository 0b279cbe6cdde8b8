//! When a profile is due next, how long to back off after failures, and how
//! much to spread runs out. Pure functions of their arguments (no clock, no
//! randomness), so every rule is pinned by a plain unit test.
//!
//! Business hours are evaluated in local civil time of the schedule's zone
//! and only then converted to an instant: "every 60 minutes from 09:00"
//! means 09:00, 10:00, … on the wall of that office, whatever the UTC offset
//! is that day. A tick that falls into a daylight-saving gap moves forward
//! (02:30 on a spring-forward night becomes 03:30); a tick inside a repeated
//! autumn hour fires at its first occurrence.

use std::time::Duration;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::sync::model::Schedule;
use crate::sync::profile_check::minutes_of;

/// The first instant at or after `after` at which `schedule` wants a run;
/// `None` when it never does (`Off`, or a schedule the profile editor would
/// have refused: zero minutes, no valid day, an unknown zone, an empty window).
///
/// `Every { minutes }` is `after + minutes`: an interval counts from the
/// moment it is asked about, which the scheduler anchors on the previous due
/// time so the cadence does not drift.
pub fn next_due(schedule: &Schedule, after: Timestamp) -> Option<Timestamp> {
    match schedule {
        Schedule::Off => None,
        Schedule::Every { minutes } => {
            if *minutes == 0 {
                return None;
            }
            after
                .checked_add(SignedDuration::from_mins(i64::from(*minutes)))
                .ok()
        }
        Schedule::BusinessHours {
            days,
            from,
            to,
            time_zone,
            every_minutes,
        } => {
            let window = Window::parse(days, from, to, time_zone, *every_minutes)?;
            window.next_tick(after)
        }
    }
}

/// The first instant strictly after `after` at which `schedule` wants a run:
/// what the scheduler asks once a tick has fired, so a tick that is due
/// exactly "now" (business hours) is not fired twice.
pub fn next_due_after(schedule: &Schedule, after: Timestamp) -> Option<Timestamp> {
    let due = next_due(schedule, after)?;
    if due > after {
        return Some(due);
    }
    next_due(
        schedule,
        after.checked_add(SignedDuration::from_nanos(1)).ok()?,
    )
}

/// The earliest instant at or after `at` that the schedule allows a run at
/// all: `at` itself for an interval, the next tick for business hours. A
/// retry after a failure waits for this so it never syncs at 3 a.m. on a
/// schedule that says "office hours".
pub fn first_allowed(schedule: &Schedule, at: Timestamp) -> Option<Timestamp> {
    match schedule {
        Schedule::Off => None,
        Schedule::Every { minutes } => (*minutes > 0).then_some(at),
        Schedule::BusinessHours { .. } => next_due(schedule, at),
    }
}

/// Extra wait after `consecutive_failures` failed runs in a row: nothing
/// after a success, then `base`, `2·base`, `4·base`, … never more than `cap`.
/// Doubling keeps a broken server from being hammered while a short outage
/// still recovers quickly.
pub fn backoff(consecutive_failures: u32, base: Duration, cap: Duration) -> Duration {
    if consecutive_failures == 0 {
        return Duration::ZERO;
    }
    // 2^31 · base overflows any useful cap long before the shift does.
    let factor = 1u32
        .checked_shl(consecutive_failures - 1)
        .unwrap_or(u32::MAX);
    base.checked_mul(factor).map_or(cap, |wait| wait.min(cap))
}

/// A deterministic delay in `[0, max)` (millisecond steps) for one profile's
/// one tick. Many profiles on the same "every 15 minutes" would otherwise all
/// hit the servers in the same second; a seeded xorshift spreads them the
/// same way on every machine and in every test, without a random source.
pub fn jitter(profile_id: u32, tick: u64, max: Duration) -> Duration {
    let max_millis = u64::try_from(max.as_millis()).unwrap_or(u64::MAX);
    if max_millis == 0 {
        return Duration::ZERO;
    }
    // Mix both inputs into all 64 bits first (splitmix64's finaliser): plain
    // xorshift of a small seed stays small for its first few rounds.
    let mut state = (u64::from(profile_id) << 32) ^ tick ^ 0x9E37_79B9_7F4A_7C15;
    state = (state ^ (state >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    state = (state ^ (state >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    state ^= state >> 31;
    if state == 0 {
        // xorshift never leaves zero.
        state = 0x2545_F491_4F6C_DD1D;
    }
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    Duration::from_millis(state % max_millis)
}

/// A business-hours schedule with its texts parsed once.
struct Window {
    /// Bit n set = ISO weekday n (1 = Monday … 7 = Sunday) allowed.
    days: u8,
    from: u32,
    to: u32,
    zone: TimeZone,
    every: u32,
}

impl Window {
    fn parse(days: &[u8], from: &str, to: &str, zone: &str, every: u32) -> Option<Window> {
        let days = days
            .iter()
            .filter(|day| (1..=7).contains(*day))
            .fold(0u8, |bits, day| bits | (1 << day));
        let from = minutes_of(from)?;
        let to = minutes_of(to)?;
        if days == 0 || every == 0 || to <= from {
            return None;
        }
        let zone = TimeZone::get(zone).ok()?;
        Some(Window {
            days,
            from,
            to,
            zone,
            every,
        })
    }

    fn allows(&self, date: Date) -> bool {
        let weekday = date.weekday().to_monday_one_offset();
        self.days & (1 << weekday) != 0
    }

    /// Scans the local day of `after` and the following week: some allowed
    /// day is always among them, because the window is non-empty.
    fn next_tick(&self, after: Timestamp) -> Option<Timestamp> {
        let mut date = after.to_zoned(self.zone.clone()).date();
        for _ in 0..=7 {
            if self.allows(date) {
                if let Some(tick) = self.first_tick_on(date, after) {
                    return Some(tick);
                }
            }
            date = date.tomorrow().ok()?;
        }
        None
    }

    /// The earliest tick of `date` at or after `after`. Every tick of the day
    /// is converted, and the minimum taken, because around a DST change the
    /// civil order and the instant order of ticks can differ (several ticks
    /// in a gap all land just after it). A day has at most 1,440 ticks.
    fn first_tick_on(&self, date: Date, after: Timestamp) -> Option<Timestamp> {
        let mut best: Option<Timestamp> = None;
        let mut minute = self.from;
        while minute < self.to {
            let time = Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0).ok()?;
            // `compatible` = forward across a gap, earlier offset in a fold.
            let tick = self
                .zone
                .to_ambiguous_zoned(date.to_datetime(time))
                .compatible()
                .ok()?
                .timestamp();
            if tick >= after && best.is_none_or(|best| tick < best) {
                best = Some(tick);
            }
            minute = minute.saturating_add(self.every);
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().expect("test timestamp")
    }

    fn office(days: &[u8], from: &str, to: &str, zone: &str, every: u32) -> Schedule {
        Schedule::BusinessHours {
            days: days.to_vec(),
            from: from.into(),
            to: to.into(),
            time_zone: zone.into(),
            every_minutes: every,
        }
    }

    const WEEKDAYS: [u8; 5] = [1, 2, 3, 4, 5];

    #[test]
    fn scheduler_timing_off_is_never_due() {
        assert_eq!(next_due(&Schedule::Off, ts("2026-01-01T00:00:00Z")), None);
        assert_eq!(
            first_allowed(&Schedule::Off, ts("2026-01-01T00:00:00Z")),
            None
        );
    }

    #[test]
    fn scheduler_timing_interval_counts_from_the_given_instant() {
        let every = Schedule::Every { minutes: 15 };
        assert_eq!(
            next_due(&every, ts("2026-01-01T10:07:30Z")),
            Some(ts("2026-01-01T10:22:30Z"))
        );
        assert_eq!(
            next_due_after(&every, ts("2026-01-01T10:00:00Z")),
            Some(ts("2026-01-01T10:15:00Z"))
        );
        assert_eq!(
            next_due(&Schedule::Every { minutes: 0 }, ts("2026-01-01T10:00:00Z")),
            None
        );
    }

    #[test]
    fn scheduler_timing_business_hours_ticks_inside_the_window() {
        // 2026-01-05 is a Monday; Tokyo has no DST.
        let s = office(&WEEKDAYS, "09:00", "17:00", "Asia/Tokyo", 60);
        // 10:20 JST → 11:00 JST = 02:00Z.
        assert_eq!(
            next_due(&s, ts("2026-01-05T01:20:00Z")),
            Some(ts("2026-01-05T02:00:00Z"))
        );
        // Exactly on a tick: that tick ("at or after").
        assert_eq!(
            next_due(&s, ts("2026-01-05T02:00:00Z")),
            Some(ts("2026-01-05T02:00:00Z"))
        );
        assert_eq!(
            next_due_after(&s, ts("2026-01-05T02:00:00Z")),
            Some(ts("2026-01-05T03:00:00Z"))
        );
        // Before opening: 09:00 JST = 00:00Z.
        assert_eq!(
            next_due(&s, ts("2026-01-04T22:00:00Z")),
            Some(ts("2026-01-05T00:00:00Z"))
        );
        // Last tick is 16:00; `to` itself is excluded.
        assert_eq!(
            next_due(&s, ts("2026-01-05T07:00:00Z")),
            Some(ts("2026-01-05T07:00:00Z"))
        );
        assert_eq!(
            next_due(&s, ts("2026-01-05T07:00:01Z")),
            Some(ts("2026-01-06T00:00:00Z"))
        );
    }

    #[test]
    fn scheduler_timing_ticks_count_from_the_start_not_the_hour() {
        let s = office(&WEEKDAYS, "09:10", "10:00", "UTC", 25);
        // Ticks 09:10, 09:35; 10:00 is outside.
        assert_eq!(
            next_due(&s, ts("2026-01-05T09:11:00Z")),
            Some(ts("2026-01-05T09:35:00Z"))
        );
        assert_eq!(
            next_due(&s, ts("2026-01-05T09:36:00Z")),
            Some(ts("2026-01-06T09:10:00Z"))
        );
    }

    #[test]
    fn scheduler_timing_skips_disallowed_days() {
        // Friday 2026-01-09 after closing → Monday 2026-01-12.
        let s = office(&WEEKDAYS, "09:00", "17:00", "UTC", 30);
        assert_eq!(
            next_due(&s, ts("2026-01-09T17:00:00Z")),
            Some(ts("2026-01-12T09:00:00Z"))
        );
        // Saturday noon → Monday.
        assert_eq!(
            next_due(&s, ts("2026-01-10T12:00:00Z")),
            Some(ts("2026-01-12T09:00:00Z"))
        );
        // Sunday only (7): from Monday → next Sunday, a week minus a day on.
        let sunday = office(&[7], "09:00", "17:00", "UTC", 30);
        assert_eq!(
            next_due(&sunday, ts("2026-01-05T00:00:00Z")),
            Some(ts("2026-01-11T09:00:00Z"))
        );
        // Sunday after closing → the Sunday after (8 days scanned).
        assert_eq!(
            next_due(&sunday, ts("2026-01-11T18:00:00Z")),
            Some(ts("2026-01-18T09:00:00Z"))
        );
    }

    #[test]
    fn scheduler_timing_local_day_decides_the_weekday() {
        // 2026-01-09 23:30Z is already Saturday 08:30 in Tokyo: skip to Monday.
        let s = office(&WEEKDAYS, "09:00", "17:00", "Asia/Tokyo", 60);
        assert_eq!(
            next_due(&s, ts("2026-01-09T23:30:00Z")),
            Some(ts("2026-01-12T00:00:00Z"))
        );
    }

    #[test]
    fn scheduler_timing_follows_the_wall_clock_across_spring_forward() {
        // Stockholm: Sunday 2026-03-29 02:00 CET → 03:00 CEST.
        let s = office(
            &[1, 2, 3, 4, 5, 6, 7],
            "09:00",
            "17:00",
            "Europe/Stockholm",
            60,
        );
        // Saturday 09:00 CET = 08:00Z; Sunday 09:00 CEST = 07:00Z.
        assert_eq!(
            next_due(&s, ts("2026-03-28T07:30:00Z")),
            Some(ts("2026-03-28T08:00:00Z"))
        );
        assert_eq!(
            next_due(&s, ts("2026-03-28T17:00:00Z")),
            Some(ts("2026-03-29T07:00:00Z"))
        );
    }

    #[test]
    fn scheduler_timing_a_tick_in_the_gap_moves_forward() {
        let s = office(&[7], "01:00", "04:00", "Europe/Stockholm", 30);
        // 01:00, 01:30 CET (00:00Z, 00:30Z); 02:00 and 02:30 do not exist and
        // become 03:00 and 03:30 CEST (01:00Z, 01:30Z), as do the real ones.
        assert_eq!(
            next_due(&s, ts("2026-03-29T00:10:00Z")),
            Some(ts("2026-03-29T00:30:00Z"))
        );
        assert_eq!(
            next_due(&s, ts("2026-03-29T00:31:00Z")),
            Some(ts("2026-03-29T01:00:00Z"))
        );
        assert_eq!(
            next_due_after(&s, ts("2026-03-29T01:00:00Z")),
            Some(ts("2026-03-29T01:30:00Z"))
        );
        // After the last tick (03:30 CEST) → next Sunday, 01:00 CEST = 23:00Z Saturday.
        assert_eq!(
            next_due_after(&s, ts("2026-03-29T01:30:00Z")),
            Some(ts("2026-04-04T23:00:00Z"))
        );
    }

    #[test]
    fn scheduler_timing_follows_the_wall_clock_across_fall_back() {
        // Stockholm: Sunday 2026-10-25 03:00 CEST → 02:00 CET.
        let s = office(&[7], "01:00", "05:00", "Europe/Stockholm", 60);
        // 01:00 CEST = 23:00Z (Sat); 02:00 first occurrence (CEST) = 00:00Z;
        // 03:00 CET = 02:00Z: the repeated hour gets no second tick.
        assert_eq!(
            next_due(&s, ts("2026-10-24T22:00:00Z")),
            Some(ts("2026-10-24T23:00:00Z"))
        );
        assert_eq!(
            next_due_after(&s, ts("2026-10-24T23:00:00Z")),
            Some(ts("2026-10-25T00:00:00Z"))
        );
        assert_eq!(
            next_due_after(&s, ts("2026-10-25T00:00:00Z")),
            Some(ts("2026-10-25T02:00:00Z"))
        );
        assert_eq!(
            next_due_after(&s, ts("2026-10-25T02:00:00Z")),
            Some(ts("2026-10-25T03:00:00Z"))
        );
        // Office hours the following Monday are back to CET: 09:00 = 08:00Z.
        let weekdays = office(&WEEKDAYS, "09:00", "17:00", "Europe/Stockholm", 60);
        assert_eq!(
            next_due(&weekdays, ts("2026-10-23T16:00:00Z")),
            Some(ts("2026-10-26T08:00:00Z"))
        );
    }

    #[test]
    fn scheduler_timing_invalid_business_hours_never_fire() {
        let at = ts("2026-01-05T00:00:00Z");
        for s in [
            office(&[], "09:00", "17:00", "UTC", 60),
            office(&[0, 8], "09:00", "17:00", "UTC", 60),
            office(&WEEKDAYS, "17:00", "09:00", "UTC", 60),
            office(&WEEKDAYS, "9am", "17:00", "UTC", 60),
            office(&WEEKDAYS, "09:00", "17:00", "Mars/Olympus", 60),
            office(&WEEKDAYS, "09:00", "17:00", "UTC", 0),
        ] {
            assert_eq!(next_due(&s, at), None, "{s:?}");
        }
    }

    #[test]
    fn scheduler_timing_first_allowed_waits_for_office_hours() {
        let every = Schedule::Every { minutes: 30 };
        let at = ts("2026-01-05T20:00:00Z");
        assert_eq!(first_allowed(&every, at), Some(at));
        let s = office(&WEEKDAYS, "09:00", "17:00", "UTC", 60);
        assert_eq!(first_allowed(&s, at), Some(ts("2026-01-06T09:00:00Z")));
    }

    #[test]
    fn scheduler_timing_backoff_doubles_up_to_the_cap() {
        let min = Duration::from_secs(60);
        let cap = Duration::from_secs(3600);
        let waits: Vec<u64> = (0..9)
            .map(|n| backoff(n, min, cap).as_secs() / 60)
            .collect();
        assert_eq!(waits, [0, 1, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(backoff(40, min, cap), cap);
        assert_eq!(backoff(u32::MAX, min, cap), cap);
    }

    #[test]
    fn scheduler_timing_jitter_is_deterministic_and_bounded() {
        let max = Duration::from_secs(30);
        assert_eq!(jitter(1, 100, max), jitter(1, 100, max));
        assert_eq!(jitter(1, 100, Duration::ZERO), Duration::ZERO);
        let mut distinct = std::collections::BTreeSet::new();
        for profile in 0..20 {
            for tick in 0..50 {
                let wait = jitter(profile, tick, max);
                assert!(wait < max, "{wait:?}");
                distinct.insert(wait);
            }
        }
        // Spread out, not a handful of values.
        assert!(distinct.len() > 500, "{}", distinct.len());
    }
}
