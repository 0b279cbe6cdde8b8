//! Time the Jira way. Instants are kept as UTC milliseconds; they are shown
//! in the reader's profile time zone as `2026-11-20T10:15:30.123+0900`, and
//! zone-less JQL dates are read in the searching user's zone.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

pub const MINUTE: Millis = 60_000;
pub const HOUR: Millis = 60 * MINUTE;
pub const DAY: Millis = 24 * HOUR;

pub fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

/// A zone set by a control route, kept for the life of the process so that
/// every handler can borrow it like the seed's zones; one allocation per
/// distinct name, however often tests switch between them.
pub fn interned_zone(name: &str) -> Result<(&'static str, &'static TimeZone), String> {
    use std::collections::BTreeMap;
    use std::sync::Mutex;
    type Interned = BTreeMap<String, (&'static str, &'static TimeZone)>;
    static INTERNED: Mutex<Interned> = Mutex::new(BTreeMap::new());
    let name = name.trim();
    let mut interned = INTERNED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(found) = interned.get(name) {
        return Ok(*found);
    }
    let tz = TimeZone::get(name).map_err(|_| format!("unknown time zone {name:?}: use an IANA name such as UTC, Asia/Tokyo or Europe/Stockholm"))?;
    let entry: (&'static str, &'static TimeZone) = (
        Box::leak(name.to_owned().into_boxed_str()),
        Box::leak(Box::new(tz)),
    );
    interned.insert(name.to_owned(), entry);
    Ok(entry)
}

fn timestamp(ms: Millis) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// `2026-11-20T10:15:30.123+0900`: how Jira writes `created`, `updated`,
/// `started` and changelog times.
pub fn format_jira(ms: Millis, zone: &TimeZone) -> String {
    timestamp(ms)
        .to_zoned(zone.clone())
        .strftime("%Y-%m-%dT%H:%M:%S%.3f%z")
        .to_string()
}

/// `2026-11-20T01:15:30.123Z`: how the agile API writes sprint dates.
pub fn format_iso_utc(ms: Millis) -> String {
    timestamp(ms).strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Reads a worklog `started` the way Jira does: `2021-01-17T12:34:00.000+0000`
/// (fraction optional, offset required, as `+hhmm` or `+hh:mm`).
pub fn parse_jira(text: &str) -> Option<Millis> {
    let text = text.trim();
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M:%S%.f%:z"] {
        if let Ok(zoned) = jiff::fmt::strtime::parse(format, text).and_then(|t| t.to_timestamp()) {
            return Some(zoned.as_millisecond());
        }
    }
    None
}

/// The instant a local wall-clock time means in `zone` (the earlier one when
/// a clock change makes it ambiguous).
pub fn local_to_millis(local: DateTime, zone: &TimeZone) -> Option<Millis> {
    local
        .to_zoned(zone.clone())
        .ok()
        .map(|z| z.timestamp().as_millisecond())
}

/// Today's date in `zone` at `now`.
pub fn local_date(now: Millis, zone: &TimeZone) -> Date {
    timestamp(now).to_zoned(zone.clone()).date()
}

/// `1w 2d 3h 4m`: Jira's duration text, with 8-hour days and 5-day weeks.
pub fn format_duration(seconds: u64) -> String {
    let minutes = seconds / 60;
    let parts = [
        (minutes / (5 * 8 * 60), "w"),
        (minutes / (8 * 60) % 5, "d"),
        (minutes / 60 % 8, "h"),
        (minutes % 60, "m"),
    ];
    let text: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    if text.is_empty() {
        "0m".to_owned()
    } else {
        text.join(" ")
    }
}

/// Reads `1w 2d 3h 30m` (8-hour days, 5-day weeks) into seconds. A bare
/// number is minutes, as in Jira's time-tracking fields.
pub fn parse_duration(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(minutes) = text.parse::<u64>() {
        return Some(minutes * 60);
    }
    let mut seconds = 0u64;
    for part in text.split_whitespace() {
        let unit = part.chars().last()?;
        let number: f64 = part[..part.len() - unit.len_utf8()].parse().ok()?;
        let factor = match unit.to_ascii_lowercase() {
            'w' => 5 * 8 * 3600,
            'd' => 8 * 3600,
            'h' => 3600,
            'm' => 60,
            _ => return None,
        } as f64;
        if !(number.is_finite() && number >= 0.0) {
            return None;
        }
        seconds += (number * factor).round() as u64;
    }
    Some(seconds)
}

/// A signed span in milliseconds from a JQL relative date such as `-1d`,
/// `-2w`, `-4h 30m` or `+15m`.
pub fn parse_relative(text: &str) -> Option<Millis> {
    let text = text.trim();
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => return None,
    };
    let mut total: Millis = 0;
    for part in rest.split_whitespace() {
        let unit = part.chars().last()?;
        let number: i64 = part[..part.len() - unit.len_utf8()].parse().ok()?;
        let factor = match unit.to_ascii_lowercase() {
            'w' => 7 * DAY,
            'd' => DAY,
            'h' => HOUR,
            'm' => MINUTE,
            _ => return None,
        };
        total = total.checked_add(number.checked_mul(factor)?)?;
    }
    if rest.trim().is_empty() {
        return None;
    }
    Some(sign * total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_jira_in_the_readers_zone() {
        let ms = parse_jira("2026-11-20T01:15:30.123+0000").unwrap();
        assert_eq!(
            format_jira(ms, &zone("Asia/Tokyo")),
            "2026-11-20T10:15:30.123+0900"
        );
        assert_eq!(
            format_jira(ms, &zone("Europe/Stockholm")),
            "2026-11-20T02:15:30.123+0100"
        );
        assert_eq!(format_iso_utc(ms), "2026-11-20T01:15:30.123Z");
    }

    #[test]
    fn parses_started_with_or_without_fraction_and_colon() {
        let a = parse_jira("2021-01-17T12:34:00.000+0000").unwrap();
        let b = parse_jira("2021-01-17T21:34:00+09:00").unwrap();
        assert_eq!(a, b);
        assert!(parse_jira("2021-01-17 12:34").is_none());
        assert!(parse_jira("2021-01-17T12:34:00").is_none());
    }

    #[test]
    fn durations_use_working_days_and_weeks() {
        assert_eq!(format_duration(5400), "1h 30m");
        assert_eq!(format_duration(8 * 3600), "1d");
        assert_eq!(format_duration(5 * 8 * 3600 + 3600), "1w 1h");
        assert_eq!(format_duration(0), "0m");
        assert_eq!(parse_duration("1h 30m"), Some(5400));
        assert_eq!(parse_duration("2d"), Some(16 * 3600));
        assert_eq!(parse_duration("1.5h"), Some(5400));
        assert_eq!(parse_duration("90"), Some(5400));
        assert_eq!(parse_duration("soon"), None);
    }

    #[test]
    fn relative_dates_are_signed() {
        assert_eq!(parse_relative("-1d"), Some(-DAY));
        assert_eq!(parse_relative("-4h 30m"), Some(-(4 * HOUR + 30 * MINUTE)));
        assert_eq!(parse_relative("+2w"), Some(14 * DAY));
        assert_eq!(parse_relative("1d"), None);
        assert_eq!(parse_relative("-"), None);
    }
}
