//! The one way the core writes "now" into the database: RFC 3339, UTC.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::{AppError, AppResult};

pub fn now_rfc3339() -> AppResult<String> {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .map_err(|err| AppError::internal(format!("clock formatting failed: {err}")))
}
