//! Jira's timestamps: `2021-01-17T12:34:00.000+0000` — always with an
//! offset, shown in the reader's profile zone. [`JiraTime`] keeps the
//! instant and the offset it was written with, so a worklog read and written
//! back keeps the author's wall-clock time.

use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use kakehashi_http::HttpError;

/// An instant with the UTC offset Jira wrote it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JiraTime {
    zoned: Zoned,
}

/// The form Jira writes and reads: milliseconds and a `+hhmm` offset.
const JIRA_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.3f%z";

impl JiraTime {
    /// Reads `2021-01-17T12:34:00.000+0000` (fraction optional, offset as
    /// `+hhmm` or `+hh:mm`); a time without an offset is refused, because
    /// it would be read in some unknown zone.
    pub fn parse(text: &str) -> Result<Self, HttpError> {
        let text = text.trim();
        for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M:%S%.f%:z"] {
            if let Ok(zoned) = jiff::fmt::strtime::parse(format, text).and_then(|t| t.to_zoned()) {
                return Ok(JiraTime { zoned });
            }
        }
        // Jira Cloud's agile API writes UTC with `Z`.
        if let Ok(timestamp) = text.parse::<Timestamp>() {
            return Ok(JiraTime::from_timestamp(timestamp, Offset::UTC));
        }
        Err(HttpError::invalid_input(
            "time",
            format!("“{text}” is not a Jira time like 2021-01-17T12:34:00.000+0900 (an offset is required)."),
        ))
    }

    /// The instant shown at a fixed offset.
    pub fn from_timestamp(timestamp: Timestamp, offset: Offset) -> Self {
        JiraTime {
            zoned: timestamp.to_zoned(TimeZone::fixed(offset)),
        }
    }

    /// The instant shown in `zone` (its offset at that instant is kept).
    pub fn in_zone(timestamp: Timestamp, zone: &TimeZone) -> Self {
        JiraTime::from_timestamp(timestamp, zone.to_offset(timestamp))
    }

    /// From a zoned datetime; only its offset at that instant is kept.
    pub fn from_zoned(zoned: &Zoned) -> Self {
        JiraTime::from_timestamp(zoned.timestamp(), zoned.offset())
    }

    /// The instant, zone-free.
    pub fn timestamp(&self) -> Timestamp {
        self.zoned.timestamp()
    }

    /// The UTC offset it was written with.
    pub fn offset(&self) -> Offset {
        self.zoned.offset()
    }

    /// The datetime at the offset it was written with.
    pub fn zoned(&self) -> &Zoned {
        &self.zoned
    }

    /// Milliseconds since 1970, the unit of JQL and `worklog/updated?since=`.
    pub fn epoch_millis(&self) -> i64 {
        self.timestamp().as_millisecond()
    }

    /// `2021-01-17T12:34:00.000+0000`, as Jira wants it in a request.
    pub fn to_jira_string(&self) -> String {
        self.zoned.strftime(JIRA_FORMAT).to_string()
    }
}

impl std::fmt::Display for JiraTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_jira_string())
    }
}

impl PartialOrd for JiraTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for JiraTime {
    /// By instant; the offset only breaks ties so the order is total.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.timestamp()
            .cmp(&other.timestamp())
            .then(self.offset().cmp(&other.offset()))
    }
}

impl std::hash::Hash for JiraTime {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.timestamp().hash(state);
        self.offset().seconds().hash(state);
    }
}

impl Serialize for JiraTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_jira_string())
    }
}

impl<'de> Deserialize<'de> for JiraTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        JiraTime::parse(&text).map_err(|e| serde::de::Error::custom(e.message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_writes_back_with_the_same_offset() {
        let time = JiraTime::parse("2021-01-17T12:34:00.000+0900").unwrap();
        assert_eq!(time.to_jira_string(), "2021-01-17T12:34:00.000+0900");
        assert_eq!(time.offset(), Offset::constant(9));
        assert_eq!(time.timestamp().to_string(), "2021-01-17T03:34:00Z");
        let colon = JiraTime::parse("2021-01-17T03:34:00+00:00").unwrap();
        assert_eq!(colon.timestamp(), time.timestamp());
        assert_eq!(colon.to_jira_string(), "2021-01-17T03:34:00.000+0000");
        assert_eq!(
            JiraTime::parse("2026-11-20T01:15:30.123Z")
                .unwrap()
                .to_jira_string(),
            "2026-11-20T01:15:30.123+0000"
        );
    }

    #[test]
    fn a_time_without_an_offset_is_refused() {
        let err = JiraTime::parse("2021-01-17T12:34:00.000").unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert!(JiraTime::parse("2021-01-17 12:34").is_err());
    }

    #[test]
    fn a_zone_gives_its_offset_at_that_instant() {
        let stockholm = TimeZone::get("Europe/Stockholm").unwrap();
        let winter: Timestamp = "2026-01-10T08:00:00Z".parse().unwrap();
        let summer: Timestamp = "2026-07-10T08:00:00Z".parse().unwrap();
        assert_eq!(
            JiraTime::in_zone(winter, &stockholm).to_jira_string(),
            "2026-01-10T09:00:00.000+0100"
        );
        assert_eq!(
            JiraTime::in_zone(summer, &stockholm).to_jira_string(),
            "2026-07-10T10:00:00.000+0200"
        );
    }

    #[test]
    fn serde_uses_the_jira_form() {
        let time: JiraTime = serde_json::from_str("\"2026-11-20T10:15:30.123+0900\"").unwrap();
        assert_eq!(
            serde_json::to_string(&time).unwrap(),
            "\"2026-11-20T10:15:30.123+0900\""
        );
        assert!(serde_json::from_str::<JiraTime>("\"yesterday\"").is_err());
    }
}
