//! The two ways TimeTracker NX writes time, and the conversions between them.
//!
//! - **Work times** (time entries' `startTime`/`finishTime`/`workDate`, work
//!   items' planned dates) are the server's wall-clock time with no offset,
//!   `2019-01-07T10:30:00`. They are [`jiff::civil::DateTime`] here, never a
//!   `Timestamp`, so nobody can forget that they need a zone to mean an instant.
//! - **Audit times** (`createdAt`, `updatedAt`) are UTC with `Z`:
//!   [`jiff::Timestamp`].
//!
//! The API does not say which zone the server runs in. [`ServerZone`] comes
//! from the server's settings in Kakehashi (DESIGN §4, "time zone") or, as a
//! first guess, from the service account's profile (`users/me` `timeZone`,
//! see [`crate::TtnxClient::profile_zone`]). The tz database is bundled, so
//! every machine converts the same way.
//!
//! The server's input granularity (5, 15 or 30 minutes) is not exposed by the
//! API either: [`Granularity`] takes it as a setting and fits times to it.

use jiff::civil::{Date, DateTime};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{RoundMode, Timestamp, Unit};
use kakehashi_http::HttpError;

/// The zone a TimeTracker NX server reads and writes its work times in.
#[derive(Debug, Clone)]
pub struct ServerZone {
    name: String,
    tz: TimeZone,
}

/// What a server-local wall-clock time means as an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WallClock {
    /// The usual case: exactly one instant.
    Exact(Timestamp),
    /// The clock jumped over this time (spring forward): it never happened.
    /// `earlier` reads it with the offset after the jump, `later` with the
    /// offset before it.
    Skipped {
        earlier: Timestamp,
        later: Timestamp,
    },
    /// The clock passed this time twice (fall back).
    Repeated {
        earlier: Timestamp,
        later: Timestamp,
    },
}

impl ServerZone {
    /// The zone by its IANA name (`Asia/Tokyo`, `Europe/Stockholm`).
    pub fn named(name: &str) -> Result<Self, HttpError> {
        let name = name.trim();
        let tz = TimeZone::get(name).map_err(|_| {
            HttpError::invalid_input(
                "timeZone",
                format!("“{name}” is not a time zone name. Enter the TimeTracker NX server's zone as an IANA name such as Asia/Tokyo or Europe/Stockholm."),
            )
        })?;
        Ok(ServerZone {
            name: name.to_owned(),
            tz,
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The jiff zone, for callers that need more than the conversions here.
    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// The instant a server-local work time stands for.
    ///
    /// A time the clock skipped (Stockholm 2024-03-31 02:30) is read with the
    /// offset before the jump, i.e. moved forward by the gap (03:30 CEST =
    /// 01:30Z): the wall clock never showed it, and this is what java.time,
    /// RFC 5545 and Temporal do, so a Jira worklog written from it agrees with
    /// what Jira's own tools would make of the same text. A time the clock
    /// showed twice (2024-10-27 02:30) is read as the first of the two
    /// (CEST, 00:30Z): the offset-less text cannot say which was meant, and
    /// the first keeps an entry that starts there before its own finish.
    /// [`Self::wall_clock`] tells these cases apart for callers that must
    /// report them.
    pub fn to_utc(&self, local: DateTime) -> Result<Timestamp, HttpError> {
        self.tz
            .to_ambiguous_timestamp(local)
            .compatible()
            .map_err(|err| out_of_range(local, err))
    }

    /// What `local` means here: one instant, a skipped time or a repeated one.
    pub fn wall_clock(&self, local: DateTime) -> Result<WallClock, HttpError> {
        let ambiguous = self.tz.to_ambiguous_timestamp(local);
        let offset = ambiguous.offset();
        let earlier = ambiguous
            .earlier()
            .map_err(|err| out_of_range(local, err))?;
        let later = ambiguous.later().map_err(|err| out_of_range(local, err))?;
        Ok(match offset {
            AmbiguousOffset::Unambiguous { .. } => WallClock::Exact(earlier),
            AmbiguousOffset::Gap { .. } => WallClock::Skipped { earlier, later },
            AmbiguousOffset::Fold { .. } => WallClock::Repeated { earlier, later },
        })
    }

    /// The server-local work time of an instant (never a skipped time).
    pub fn to_local(&self, instant: Timestamp) -> DateTime {
        self.tz.to_datetime(instant)
    }

    /// The server-local date an instant falls on (a time entry's `workDate`).
    pub fn local_date(&self, instant: Timestamp) -> Date {
        self.to_local(instant).date()
    }
}

fn out_of_range(local: DateTime, err: jiff::Error) -> HttpError {
    HttpError::invalid_input(
        "time",
        format!(
            "{local} cannot be placed in time ({err}); use a date between the years 1 and 9999."
        ),
    )
}

/// How to bring a time onto the granularity grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// To the nearest grid line; halfway goes up.
    Nearest,
    Down,
    Up,
}

/// The server's input granularity: start and finish of every time entry must
/// lie on this grid (TT NX offers 5, 15 and 30 minutes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Granularity {
    minutes: u8,
}

impl Default for Granularity {
    /// TT NX's default setting, 15 minutes.
    fn default() -> Self {
        Granularity { minutes: 15 }
    }
}

impl Granularity {
    /// A grid of `minutes`, which must divide an hour (1, 5, 10, 15, 30 ...).
    pub fn minutes(minutes: u32) -> Result<Self, HttpError> {
        match u8::try_from(minutes) {
            Ok(step @ 1..=30) if 60 % step == 0 => Ok(Granularity { minutes: step }),
            _ => Err(HttpError::invalid_input(
                "inputGranularity",
                format!("An input granularity of {minutes} minutes does not divide an hour. Use the server's setting: 5, 15 or 30."),
            )),
        }
    }

    /// The grid step in minutes.
    pub fn get(self) -> u32 {
        u32::from(self.minutes)
    }

    /// Whether `time` lies on the grid (whole minutes, seconds zero).
    pub fn is_aligned(self, time: DateTime) -> bool {
        time.second() == 0
            && time.subsec_nanosecond() == 0
            && (time.minute() as u32).is_multiple_of(self.get())
    }

    /// Refuses a time off the grid, naming the field, before the server does.
    pub fn check(self, field: &str, time: DateTime) -> Result<(), HttpError> {
        if self.is_aligned(time) {
            return Ok(());
        }
        Err(HttpError::invalid_input(
            field,
            format!(
                "{time} is not on the server's {}-minute grid; enter a time such as {}.",
                self.get(),
                self.round(time, Rounding::Nearest).unwrap_or(time)
            ),
        ))
    }

    /// `time` moved onto the grid.
    pub fn round(self, time: DateTime, rounding: Rounding) -> Result<DateTime, HttpError> {
        let mode = match rounding {
            Rounding::Nearest => RoundMode::HalfExpand,
            Rounding::Down => RoundMode::Floor,
            Rounding::Up => RoundMode::Ceil,
        };
        let options = jiff::civil::DateTimeRound::new()
            .smallest(Unit::Minute)
            .mode(mode)
            .increment(i64::from(self.minutes));
        time.round(options).map_err(|err| out_of_range(time, err))
    }

    /// Start and finish on the grid for work that began at `start` and took
    /// `minutes` (a Jira worklog, say): the start goes to the nearest grid
    /// line and the length to the nearest whole number of steps, at least
    /// one, so the booked time stays as close to the real one as the grid
    /// allows and never collapses to nothing.
    pub fn fit(self, start: DateTime, minutes: i64) -> Result<(DateTime, DateTime), HttpError> {
        if minutes <= 0 {
            return Err(HttpError::invalid_input(
                "time",
                format!("A time entry needs a positive length, not {minutes} minutes."),
            ));
        }
        let step = i64::from(self.minutes);
        let steps = ((minutes + step / 2) / step).max(1);
        let start = self.round(start, Rounding::Nearest)?;
        let finish = start
            .checked_add(jiff::Span::new().minutes(steps * step))
            .map_err(|err| out_of_range(start, err))?;
        Ok((start, finish))
    }
}

/// serde for work times: `2019-01-07T10:30:00`, no offset. A bare date reads
/// as midnight. A value with an offset is refused: it would have to be
/// placed in the server's zone, which a parser cannot know.
pub(crate) mod work_time {
    use jiff::civil::DateTime;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format(*time))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).map_err(D::Error::custom)
    }

    /// `2019-01-07T10:30:00`: whole seconds, as the vendor writes them.
    pub fn format(time: DateTime) -> String {
        time.strftime("%Y-%m-%dT%H:%M:%S").to_string()
    }

    pub fn parse(text: &str) -> Result<DateTime, String> {
        let text = text.trim();
        let has_offset = text
            .split_once('T')
            .is_some_and(|(_, time)| time.contains(['Z', 'z', '+', '-']));
        if has_offset {
            return Err(format!(
                "work time {text:?} carries an offset; TimeTracker NX writes server-local times without one"
            ));
        }
        text.parse::<DateTime>()
            .map_err(|err| format!("work time {text:?}: {err}"))
    }

    /// `null` and `""` are no time (a cleared schedule).
    pub mod option {
        use super::*;

        pub fn serialize<S: Serializer>(
            time: &Option<DateTime>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            match time {
                Some(time) => super::serialize(time, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<DateTime>, D::Error> {
            match Option::<String>::deserialize(deserializer)? {
                None => Ok(None),
                Some(text) if text.trim().is_empty() => Ok(None),
                Some(text) => parse(&text).map(Some).map_err(D::Error::custom),
            }
        }
    }

    /// A work date (`workDate`): midnight of the day, or a bare date.
    pub mod date {
        use jiff::civil::Date;

        use super::*;

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
            super::deserialize(deserializer).map(|time| time.date())
        }
    }

    /// An optional work date (`timeEntryLockedDate`, null when unlocked).
    pub mod date_option {
        use jiff::civil::Date;

        use super::*;

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Date>, D::Error> {
            super::option::deserialize(deserializer).map(|time| time.map(|t| t.date()))
        }
    }
}

/// serde for audit times: UTC, `2023-09-13T08:44:16Z`. A value without an
/// offset is read as UTC too, which is what the API documents them to be.
pub(crate) mod audit_time {
    use jiff::Timestamp;
    use serde::{de::Error as _, Deserialize, Deserializer};

    pub fn parse(text: &str) -> Result<Timestamp, String> {
        let text = text.trim();
        if let Ok(instant) = text.parse::<Timestamp>() {
            return Ok(instant);
        }
        text.parse::<jiff::civil::DateTime>()
            .map_err(|err| format!("audit time {text:?}: {err}"))
            .and_then(|local| {
                jiff::tz::TimeZone::UTC
                    .to_timestamp(local)
                    .map_err(|err| format!("audit time {text:?}: {err}"))
            })
    }

    pub fn deserialize_option<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        match Option::<String>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) if text.trim().is_empty() => Ok(None),
            Some(text) => parse(&text).map(Some).map_err(D::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn stockholm() -> ServerZone {
        ServerZone::named("Europe/Stockholm").unwrap()
    }

    fn utc(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn tokyo_has_no_daylight_saving_and_is_nine_hours_ahead() {
        let tokyo = ServerZone::named("Asia/Tokyo").unwrap();
        for (local, instant) in [
            (date(2024, 1, 15).at(9, 0, 0, 0), "2024-01-15T00:00:00Z"),
            (date(2024, 7, 15).at(9, 0, 0, 0), "2024-07-15T00:00:00Z"),
            (date(2024, 3, 31).at(2, 30, 0, 0), "2024-03-30T17:30:00Z"),
            (date(2024, 1, 1).at(0, 0, 0, 0), "2023-12-31T15:00:00Z"),
        ] {
            assert_eq!(tokyo.to_utc(local).unwrap(), utc(instant), "{local}");
            assert_eq!(tokyo.to_local(utc(instant)), local);
            assert_eq!(
                tokyo.wall_clock(local).unwrap(),
                WallClock::Exact(utc(instant))
            );
        }
        assert_eq!(
            tokyo.local_date(utc("2024-05-01T15:30:00Z")),
            date(2024, 5, 2)
        );
    }

    #[test]
    fn stockholm_keeps_ordinary_times_in_winter_and_summer() {
        let zone = stockholm();
        let winter = date(2024, 1, 15).at(9, 0, 0, 0);
        let summer = date(2024, 7, 15).at(9, 0, 0, 0);
        assert_eq!(zone.to_utc(winter).unwrap(), utc("2024-01-15T08:00:00Z"));
        assert_eq!(zone.to_utc(summer).unwrap(), utc("2024-07-15T07:00:00Z"));
        assert_eq!(zone.to_local(utc("2024-07-15T07:00:00Z")), summer);
    }

    #[test]
    fn a_skipped_spring_forward_time_moves_forward_by_the_gap() {
        // 2024-03-31: 02:00 CET becomes 03:00 CEST; 02:30 never happens.
        let zone = stockholm();
        let skipped = date(2024, 3, 31).at(2, 30, 0, 0);
        assert_eq!(
            zone.wall_clock(skipped).unwrap(),
            WallClock::Skipped {
                earlier: utc("2024-03-31T00:30:00Z"),
                later: utc("2024-03-31T01:30:00Z"),
            }
        );
        let instant = zone.to_utc(skipped).unwrap();
        assert_eq!(instant, utc("2024-03-31T01:30:00Z"));
        assert_eq!(
            zone.to_local(instant),
            date(2024, 3, 31).at(3, 30, 0, 0),
            "reads as 03:30 CEST"
        );
        // Around the gap everything is exact.
        assert_eq!(
            zone.to_utc(date(2024, 3, 31).at(1, 59, 0, 0)).unwrap(),
            utc("2024-03-31T00:59:00Z")
        );
        assert_eq!(
            zone.to_utc(date(2024, 3, 31).at(3, 0, 0, 0)).unwrap(),
            utc("2024-03-31T01:00:00Z")
        );
    }

    #[test]
    fn a_repeated_fall_back_time_is_the_first_occurrence() {
        // 2024-10-27: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
        let zone = stockholm();
        let twice = date(2024, 10, 27).at(2, 30, 0, 0);
        assert_eq!(
            zone.wall_clock(twice).unwrap(),
            WallClock::Repeated {
                earlier: utc("2024-10-27T00:30:00Z"),
                later: utc("2024-10-27T01:30:00Z"),
            }
        );
        assert_eq!(zone.to_utc(twice).unwrap(), utc("2024-10-27T00:30:00Z"));
        // Both instants show the same wall clock: the text cannot keep the
        // second one apart, which is why it reads back as the first.
        assert_eq!(zone.to_local(utc("2024-10-27T00:30:00Z")), twice);
        assert_eq!(zone.to_local(utc("2024-10-27T01:30:00Z")), twice);
    }

    #[test]
    fn an_entry_across_the_spring_gap_is_shorter_than_its_wall_clock() {
        let zone = stockholm();
        let start = zone.to_utc(date(2024, 3, 31).at(1, 0, 0, 0)).unwrap();
        let finish = zone.to_utc(date(2024, 3, 31).at(4, 0, 0, 0)).unwrap();
        assert_eq!(finish.duration_since(start).as_secs(), 2 * 3600);
    }

    #[test]
    fn unknown_zone_names_are_refused_with_advice() {
        let err = ServerZone::named("Mars/Olympus").unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert!(err.message.contains("Asia/Tokyo"), "{}", err.message);
    }

    #[test]
    fn granularity_must_divide_an_hour() {
        for good in [1, 5, 10, 15, 30] {
            assert_eq!(Granularity::minutes(good).unwrap().get(), good);
        }
        for bad in [0, 7, 45, 60, 61, 300] {
            assert!(Granularity::minutes(bad).is_err(), "{bad}");
        }
        assert_eq!(Granularity::default().get(), 15);
    }

    #[test]
    fn times_are_checked_and_rounded_onto_the_grid() {
        let fifteen = Granularity::minutes(15).unwrap();
        let at = |h, m, s| date(2024, 5, 1).at(h, m, s, 0);
        assert!(fifteen.is_aligned(at(9, 45, 0)));
        assert!(!fifteen.is_aligned(at(9, 40, 0)));
        assert!(!fifteen.is_aligned(at(9, 45, 30)));
        let err = fifteen.check("startTime", at(9, 40, 0)).unwrap_err();
        assert_eq!(
            err.kind,
            kakehashi_http::ErrorKind::InvalidInput {
                field: "startTime".into()
            }
        );
        assert!(err.message.contains("09:45"), "{}", err.message);
        assert_eq!(
            fifteen.round(at(9, 7, 29), Rounding::Nearest).unwrap(),
            at(9, 0, 0)
        );
        assert_eq!(
            fifteen.round(at(9, 7, 30), Rounding::Nearest).unwrap(),
            at(9, 15, 0)
        );
        assert_eq!(
            fifteen.round(at(9, 14, 0), Rounding::Down).unwrap(),
            at(9, 0, 0)
        );
        assert_eq!(
            fifteen.round(at(9, 1, 0), Rounding::Up).unwrap(),
            at(9, 15, 0)
        );
        assert_eq!(
            fifteen.round(at(23, 55, 0), Rounding::Nearest).unwrap(),
            date(2024, 5, 2).at(0, 0, 0, 0),
            "rounding may cross midnight"
        );
    }

    #[test]
    fn fitting_keeps_the_length_close_and_never_empty() {
        let thirty = Granularity::minutes(30).unwrap();
        let at = |h, m| date(2024, 5, 1).at(h, m, 0, 0);
        assert_eq!(thirty.fit(at(9, 7), 50).unwrap(), (at(9, 0), at(10, 0)));
        assert_eq!(thirty.fit(at(9, 20), 10).unwrap(), (at(9, 30), at(10, 0)));
        assert_eq!(thirty.fit(at(9, 0), 44).unwrap(), (at(9, 0), at(9, 30)));
        assert_eq!(thirty.fit(at(9, 0), 45).unwrap(), (at(9, 0), at(10, 0)));
        assert!(thirty.fit(at(9, 0), 0).is_err());
    }

    #[test]
    fn work_times_have_no_offset_and_audit_times_are_utc() {
        let time = work_time::parse("2019-01-07T10:30:00").unwrap();
        assert_eq!(time, date(2019, 1, 7).at(10, 30, 0, 0));
        assert_eq!(work_time::format(time), "2019-01-07T10:30:00");
        assert_eq!(
            work_time::format(date(2019, 1, 7).at(0, 0, 0, 0)),
            "2019-01-07T00:00:00"
        );
        assert_eq!(
            work_time::parse("2019-01-07").unwrap(),
            date(2019, 1, 7).at(0, 0, 0, 0)
        );
        assert!(work_time::parse("2019-01-07T10:30:00Z").is_err());
        assert!(work_time::parse("2019-01-07T10:30:00+09:00").is_err());
        assert_eq!(
            audit_time::parse("2023-09-13T08:44:16Z").unwrap(),
            utc("2023-09-13T08:44:16Z")
        );
        assert_eq!(
            audit_time::parse("2023-09-13T08:44:16").unwrap(),
            utc("2023-09-13T08:44:16Z")
        );
    }
}
