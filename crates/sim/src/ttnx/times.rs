//! The two ways TimeTracker NX writes time, and how requests are read.
//!
//! Work times (time entries, planned dates) are the server's local wall-clock
//! time with no offset, e.g. `2019-01-07T10:30:00`; the simulated server runs
//! in Asia/Tokyo. Audit times (`createdAt`, `updatedAt`) are UTC with `Z`.
//! Clients that forget this shift every entry by nine hours, which is exactly
//! what the tests must be able to catch.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// The zone of the simulated server.
pub const SERVER_ZONE: &str = "Asia/Tokyo";

pub fn server_zone() -> TimeZone {
    // The bundled tzdb always has Tokyo; fall back to its fixed offset anyway
    // rather than panicking in a request.
    TimeZone::get(SERVER_ZONE).unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(9)))
}

/// The server's local wall-clock time now.
pub fn local_now() -> DateTime {
    Timestamp::now().to_zoned(server_zone()).datetime()
}

/// `2019-01-07T10:30:00` — a work time as the vendor writes it.
pub fn format_local(time: DateTime) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A work date as the vendor writes it: midnight, no offset.
pub fn format_date(date: Date) -> String {
    format_local(date.to_datetime(jiff::civil::Time::midnight()))
}

/// `2023-09-13T08:44:16Z` — an audit time.
pub fn format_utc(time: Timestamp) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Reads a work time. Without an offset it is server local time (what the
/// vendor's own clients send); with `Z` or an offset it is converted to the
/// server's zone, like the vendor's .NET back end does. A bare date means
/// midnight.
pub fn parse_local(text: &str) -> Option<DateTime> {
    let text = text.trim();
    if let Ok(time) = text.parse::<DateTime>() {
        if !has_offset(text) {
            return Some(time);
        }
    }
    if let Ok(instant) = text.parse::<Timestamp>() {
        return Some(instant.to_zoned(server_zone()).datetime());
    }
    if text.len() == 10 {
        return text
            .parse::<Date>()
            .ok()
            .map(|date| date.to_datetime(jiff::civil::Time::midnight()));
    }
    None
}

/// Reads a date filter (`2024-05-01`, or a date-time whose date is taken).
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    text.parse::<Date>()
        .ok()
        .or_else(|| parse_local(text).map(|time| time.date()))
}

fn has_offset(text: &str) -> bool {
    let Some((_, time)) = text.split_once('T') else {
        return false;
    };
    time.ends_with('Z') || time.ends_with('z') || time.contains('+') || time.contains('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_keep_their_wall_clock() {
        let time = parse_local("2019-01-07T10:30:00").unwrap();
        assert_eq!(format_local(time), "2019-01-07T10:30:00");
    }

    #[test]
    fn times_with_an_offset_become_tokyo_time() {
        let time = parse_local("2019-01-07T01:30:00Z").unwrap();
        assert_eq!(format_local(time), "2019-01-07T10:30:00");
        let time = parse_local("2019-01-07T02:30:00+01:00").unwrap();
        assert_eq!(format_local(time), "2019-01-07T10:30:00");
    }

    #[test]
    fn bare_dates_are_midnight_and_nonsense_is_refused() {
        assert_eq!(
            format_local(parse_local("2019-01-07").unwrap()),
            "2019-01-07T00:00:00"
        );
        assert!(parse_local("07/01/2019").is_none());
        assert!(parse_local("").is_none());
    }

    #[test]
    fn audit_times_are_utc_with_z() {
        let time: Timestamp = "2023-09-13T17:44:16+09:00".parse().unwrap();
        assert_eq!(format_utc(time), "2023-09-13T08:44:16Z");
    }
}
