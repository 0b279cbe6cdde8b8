//! The three zones a worklog meets, each named explicitly (never the
//! process's zone by accident):
//!
//! - the TT NX server's zone: time entries are server-local wall-clock
//!   times without an offset (`ServerZone`, from the server's setting in
//!   Kakehashi or the technical user's profile);
//! - the Jira technical user's profile zone: `started` is written with that
//!   zone's offset, so Jira shows the author's wall clock as the technical
//!   user sees it (`/myself` `timeZone`);
//! - the desktop's zone: only for what a person reads (record titles).
//!
//! Both sides' native `StartDate` is the UTC instant, so the engine
//! compares instants; only the writers turn it into a side's wall clock.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use kakehashi_jira::JiraTime;
use kakehashi_ttnx::time::Rounding;
use kakehashi_ttnx::{Granularity, ServerZone};

use crate::{AppError, AppResult};

/// A worklog placed on the TT NX server's clock and grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryTimes {
    pub start: DateTime,
    pub finish: DateTime,
    /// The grid moved the start or changed the length.
    pub rounded: bool,
}

impl EntryTimes {
    pub fn minutes(&self) -> i64 {
        self.finish.duration_since(self.start).as_mins().max(0)
    }
}

/// Where an instant and a length land on the TT NX server: its local wall
/// clock, the start rounded to the nearest grid line and the length to
/// whole grid steps (at least one).
pub fn entry_times(
    zone: &ServerZone,
    granularity: Granularity,
    start: Timestamp,
    seconds: i64,
) -> AppResult<EntryTimes> {
    let local = zone.to_local(start);
    let minutes = (seconds + 30) / 60;
    if minutes <= 0 {
        return Err(AppError::validation(
            "timeSpent",
            "A worklog shorter than half a minute cannot be booked in TimeTracker NX; log at least one minute.",
        ));
    }
    let (begin, end) = granularity.fit(local, minutes)?;
    let exact = granularity.round(local, Rounding::Nearest)? == local
        && begin == local
        && end.duration_since(begin).as_mins() == minutes
        && seconds % 60 == 0;
    Ok(EntryTimes {
        start: begin,
        finish: end,
        rounded: !exact,
    })
}

/// The instant a TT NX work time stands for.
pub fn entry_instant(zone: &ServerZone, local: DateTime) -> AppResult<Timestamp> {
    Ok(zone.to_utc(local)?)
}

/// `started` for Jira: the instant at the Jira user's offset then.
pub fn jira_started(start: Timestamp, jira_zone: &TimeZone) -> JiraTime {
    JiraTime::in_zone(start, jira_zone)
}

/// An instant as a person at this desktop reads it ("2026-03-02 00:30").
pub fn display(instant: Timestamp, desktop: &TimeZone) -> String {
    instant
        .to_zoned(desktop.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// The desktop's zone (UTC when the system names none jiff knows).
pub fn desktop() -> TimeZone {
    TimeZone::try_system().unwrap_or(TimeZone::UTC)
}

/// An RFC 3339 UTC instant (the native `StartDate` of a worklog).
pub fn instant_of(value: &serde_json::Value) -> Option<Timestamp> {
    value.as_str()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn tokyo() -> ServerZone {
        ServerZone::named("Asia/Tokyo").unwrap()
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn a_jira_worklog_late_in_the_utc_evening_is_the_next_day_in_tokyo() {
        // Jira user in UTC logs 15:30 on 1 March: 00:30 on 2 March in Tokyo.
        let placed = entry_times(
            &tokyo(),
            Granularity::default(),
            at("2026-03-01T15:30:00Z"),
            3600,
        )
        .unwrap();
        assert_eq!(placed.start, date(2026, 3, 2).at(0, 30, 0, 0));
        assert_eq!(placed.finish, date(2026, 3, 2).at(1, 30, 0, 0));
        assert_eq!(placed.start.date(), date(2026, 3, 2), "the work date");
        assert!(!placed.rounded);
    }

    #[test]
    fn a_tokyo_entry_just_after_midnight_is_the_previous_day_in_utc() {
        let instant = entry_instant(&tokyo(), date(2026, 3, 2).at(0, 15, 0, 0)).unwrap();
        assert_eq!(instant, at("2026-03-01T15:15:00Z"));
        let started = jira_started(instant, &TimeZone::UTC);
        assert_eq!(started.to_jira_string(), "2026-03-01T15:15:00.000+0000");
        // The same instant for a Jira user in Tokyo keeps the Tokyo day.
        let tz = TimeZone::get("Asia/Tokyo").unwrap();
        assert_eq!(
            jira_started(instant, &tz).to_jira_string(),
            "2026-03-02T00:15:00.000+0900"
        );
    }

    #[test]
    fn rounding_to_the_grid_is_reported() {
        let placed = entry_times(
            &tokyo(),
            Granularity::default(),
            at("2026-03-01T14:52:00Z"),
            40 * 60,
        )
        .unwrap();
        // 23:52 Tokyo → 23:45, 40 minutes → 45: crosses midnight.
        assert_eq!(placed.start, date(2026, 3, 1).at(23, 45, 0, 0));
        assert_eq!(placed.finish, date(2026, 3, 2).at(0, 30, 0, 0));
        assert_eq!(placed.minutes(), 45);
        assert!(placed.rounded);
        assert!(entry_times(
            &tokyo(),
            Granularity::default(),
            at("2026-03-01T00:00:00Z"),
            10
        )
        .is_err());
    }

    #[test]
    fn the_desktop_zone_only_changes_what_is_shown() {
        // A desktop in Stockholm (CET, +1 in March) sees 00:30 Tokyo as
        // 16:30 the day before; the zone is passed, never set globally.
        let stockholm = TimeZone::get("Europe/Stockholm").unwrap();
        let instant = at("2026-03-01T15:30:00Z");
        assert_eq!(display(instant, &stockholm), "2026-03-01 16:30");
        assert_eq!(display(instant, &TimeZone::UTC), "2026-03-01 15:30");
        // A Stockholm desktop in summer: +2.
        assert_eq!(
            display(at("2026-07-01T22:30:00Z"), &stockholm),
            "2026-07-02 00:30"
        );
    }
}
