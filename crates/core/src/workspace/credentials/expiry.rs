//! When credentials run out (seed 002): the expiry status shown next to each
//! one, the alerts on Home, the reminders 14, 7 and 1 days before and on
//! expiry, and the check that pauses a connection whose credential expired.
//!
//! An expiry date is the last day the token works, to the end of that day in
//! UTC. Every function takes "now" from its caller, so tests use fixed
//! instants and the app passes the real clock.

use time::OffsetDateTime;

use super::model::{CredentialAlert, Expiry, Reminder};
use super::service;
use super::store::{self, Row};
use super::validate::parse_date;
use crate::store::Database;
use crate::{clock, AppError, AppResult};

/// At most this many days left counts as "soon".
pub const SOON_DAYS: i64 = 14;

/// The reminders: days before expiry, and 0 for "has expired".
pub const REMINDER_THRESHOLDS: [u32; 4] = [14, 7, 1, 0];

/// The status of an expiry date at `now`.
pub fn expiry_of(expires_at: Option<&str>, now: OffsetDateTime) -> Expiry {
    let Some(raw) = expires_at else {
        return Expiry::None;
    };
    let Ok(last_day) = parse_date(raw) else {
        tracing::warn!(expires_at = raw, "a stored expiry date is not YYYY-MM-DD");
        return Expiry::None;
    };
    let today = now.to_offset(time::UtcOffset::UTC).date();
    // Dates are years apart at most, far inside an i32 of days.
    let days_left = i32::try_from((last_day - today).whole_days()).unwrap_or(i32::MAX);
    if days_left < 0 {
        Expiry::Expired { days: -days_left }
    } else if i64::from(days_left) <= SOON_DAYS {
        Expiry::Soon { days: days_left }
    } else {
        Expiry::Valid { days: days_left }
    }
}

/// The most urgent reminder threshold reached: a reminder missed while the
/// app was closed is not shown late when a more urgent one is due.
fn threshold_reached(expiry: Expiry) -> Option<u32> {
    match expiry {
        Expiry::Expired { .. } => Some(0),
        Expiry::Soon { days } => REMINDER_THRESHOLDS
            .into_iter()
            .filter(|&t| t > 0 && i64::from(days) <= i64::from(t))
            .min(),
        Expiry::Valid { .. } | Expiry::None => None,
    }
}

fn alert(db: &Database, row: &Row, expiry: Expiry) -> AppResult<CredentialAlert> {
    let paused = if expiry.is_expired() {
        store::used_by(db, row)?
    } else {
        Vec::new()
    };
    Ok(CredentialAlert {
        credential_id: row.id,
        label: row.label.clone(),
        server_name: row.server_name.clone(),
        expiry,
        expires_at: row.expires_at.clone().unwrap_or_default(),
        paused,
    })
}

/// Every credential that has expired or expires within 14 days, the most
/// urgent first, with the connections an expired one pauses.
pub fn alerts(db: &Database, now: OffsetDateTime) -> AppResult<Vec<CredentialAlert>> {
    let mut alerts = Vec::new();
    for row in store::rows(db)? {
        let expiry = expiry_of(row.expires_at.as_deref(), now);
        if matches!(expiry, Expiry::Soon { .. } | Expiry::Expired { .. }) {
            alerts.push(alert(db, &row, expiry)?);
        }
    }
    // Expired first (longest ago first), then the soonest to expire.
    alerts.sort_by_key(|alert| match alert.expiry {
        Expiry::Expired { days } => (0, -days),
        Expiry::Soon { days } | Expiry::Valid { days } => (1, days),
        Expiry::None => (2, 0),
    });
    Ok(alerts)
}

/// The reminders to show now: per credential at most one, for the most
/// urgent threshold reached, unless that one (or a more urgent one) was
/// shown for the current expiry date already.
pub fn reminders_due(db: &Database, now: OffsetDateTime) -> AppResult<Vec<Reminder>> {
    let mut due = Vec::new();
    for row in store::rows(db)? {
        let expiry = expiry_of(row.expires_at.as_deref(), now);
        let Some(threshold) = threshold_reached(expiry) else {
            continue;
        };
        let shown = store::reminded(db, row.id)?;
        if shown.iter().any(|&t| t <= threshold) {
            continue;
        }
        due.push(Reminder {
            credential_id: row.id,
            label: row.label,
            server_name: row.server_name,
            threshold_days: threshold,
            expiry,
            expires_at: row.expires_at.unwrap_or_default(),
        });
    }
    Ok(due)
}

/// Records that the reminder was shown, so it is not shown again for this
/// expiry date (rotating or changing the date starts over).
pub fn mark_reminded(
    db: &Database,
    credential_id: u32,
    threshold_days: u32,
    now: OffsetDateTime,
) -> AppResult<()> {
    if !REMINDER_THRESHOLDS.contains(&threshold_days) {
        return Err(AppError::validation(
            "thresholdDays",
            format!("{threshold_days} is not a reminder threshold (14, 7, 1 or 0)."),
        ));
    }
    store::row(db, credential_id)?;
    store::mark_reminded(db, credential_id, threshold_days, &clock::rfc3339(now)?)
}

/// Why a connection cannot sync now: the credential of one of its sides
/// (its own, or the server's service credential) has expired. The scheduler
/// pauses the connection's syncs with this problem and offers "Rotate".
pub fn blocking_credential(
    db: &Database,
    connection_id: u32,
    now: OffsetDateTime,
) -> AppResult<Option<CredentialAlert>> {
    let connection = crate::workspace::connections::get(db, connection_id)?;
    for side in [connection.left, connection.right] {
        let Some(row) = service::effective(db, side.server_id, side.credential_id)? else {
            continue;
        };
        let expiry = expiry_of(row.expires_at.as_deref(), now);
        if expiry.is_expired() {
            return Ok(Some(alert(db, &row, expiry)?));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_last_day_counts_to_its_end_in_utc() {
        let on = Some("2026-03-10");
        assert_eq!(
            expiry_of(on, datetime!(2026-03-10 23:59:59 UTC)),
            Expiry::Soon { days: 0 }
        );
        assert_eq!(
            expiry_of(on, datetime!(2026-03-11 00:00:00 UTC)),
            Expiry::Expired { days: 1 }
        );
        // 08:30 in Tokyo on the 11th is still the 10th in UTC.
        assert_eq!(
            expiry_of(on, datetime!(2026-03-11 08:30 +09:00)),
            Expiry::Soon { days: 0 }
        );
        assert_eq!(
            expiry_of(on, datetime!(2026-03-11 09:00 +09:00)),
            Expiry::Expired { days: 1 }
        );
        assert_eq!(
            expiry_of(on, datetime!(2026-02-24 12:00 UTC)),
            Expiry::Soon { days: 14 }
        );
        assert_eq!(
            expiry_of(on, datetime!(2026-02-23 12:00 UTC)),
            Expiry::Valid { days: 15 }
        );
        assert_eq!(
            expiry_of(on, datetime!(2026-03-20 00:00 UTC)),
            Expiry::Expired { days: 10 }
        );
        assert_eq!(
            expiry_of(None, datetime!(2026-03-20 00:00 UTC)),
            Expiry::None
        );
    }

    #[test]
    fn the_most_urgent_threshold_reached_wins() {
        assert_eq!(threshold_reached(Expiry::Valid { days: 15 }), None);
        assert_eq!(threshold_reached(Expiry::Soon { days: 14 }), Some(14));
        assert_eq!(threshold_reached(Expiry::Soon { days: 8 }), Some(14));
        assert_eq!(threshold_reached(Expiry::Soon { days: 7 }), Some(7));
        assert_eq!(threshold_reached(Expiry::Soon { days: 2 }), Some(7));
        assert_eq!(threshold_reached(Expiry::Soon { days: 1 }), Some(1));
        assert_eq!(threshold_reached(Expiry::Soon { days: 0 }), Some(1));
        assert_eq!(threshold_reached(Expiry::Expired { days: 3 }), Some(0));
        assert_eq!(threshold_reached(Expiry::None), None);
    }

    #[test]
    fn serialises_with_state_and_days() {
        assert_eq!(
            serde_json::to_value(Expiry::Soon { days: 3 }).unwrap(),
            serde_json::json!({"state": "soon", "days": 3})
        );
        assert_eq!(
            serde_json::to_value(Expiry::None).unwrap(),
            serde_json::json!({"state": "none"})
        );
    }
}
