//! Time as the core sees it. Services that depend on "now" (expiry,
//! reminders, verification times) take it as an `OffsetDateTime` argument,
//! so tests pass fixed instants; the app and the CLI pass [`now`].

use time::format_description::well_known::Rfc3339;
pub use time::{Date, OffsetDateTime};

use crate::{AppError, AppResult};

/// The current instant, UTC.
pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// The one way the core writes "now" into the database: RFC 3339, UTC.
pub fn now_rfc3339() -> AppResult<String> {
    rfc3339(now())
}

/// `at` as RFC 3339 in UTC, to the second (the database's and the UI's form).
pub fn rfc3339(at: OffsetDateTime) -> AppResult<String> {
    at.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .map_err(|err| AppError::internal(format!("clock rounding failed: {err}")))?
        .format(&Rfc3339)
        .map_err(|err| AppError::internal(format!("clock formatting failed: {err}")))
}
