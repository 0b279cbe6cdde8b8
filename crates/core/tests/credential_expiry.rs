//! Expiry status, Home alerts, reminders and paused connections, with a
//! clock the test controls (fixed instants, including the edges of a day).

mod support;

use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials::{
    self, CredentialEdit, CredentialInput, CredentialKind, Expiry,
};
use kakehashi_core::workspace::{
    connections, ConnectionSide, Direction, NewConnection, ServerKind,
};
use support::{secret, server, Flaky};
use time::macros::datetime;
use time::OffsetDateTime;

struct Workspace {
    db: Database,
    store: Flaky,
    token: u32,
    connection: u32,
}

/// A Jira Cloud service token ending on 2026-03-31, used by a connection
/// through the service role (no credential named on its side).
fn workspace() -> Workspace {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let cloud = server(
        &db,
        ServerKind::JiraCloud,
        "Cloud",
        "https://acme.atlassian.net",
    );
    let tt = server(
        &db,
        ServerKind::TimeTrackerNx,
        "TT",
        "https://tt.example.com/TimeTrackerNX",
    );
    let created = datetime!(2026-01-01 10:00 UTC);
    let token = credentials::add(
        &db,
        &store,
        &CredentialInput {
            server_id: cloud.id,
            kind: CredentialKind::JiraCloudToken,
            label: "sync token".into(),
            login: Some("bot@example.com".into()),
            expires_at: Some("2026-03-31".into()),
            is_service: true,
            secret: secret("ATATT-token"),
        },
        created,
    )
    .unwrap()
    .credential
    .id;
    let key = credentials::add(
        &db,
        &store,
        &CredentialInput {
            server_id: tt.id,
            kind: CredentialKind::TtnxApiKey,
            label: "tt key".into(),
            login: None,
            expires_at: None,
            is_service: false,
            secret: secret("tt-key"),
        },
        created,
    )
    .unwrap()
    .credential
    .id;
    let connection = connections::add(
        &db,
        &NewConnection {
            name: "Jira ↔ TT".into(),
            left: ConnectionSide {
                server_id: cloud.id,
                credential_id: None,
            },
            right: ConnectionSide {
                server_id: tt.id,
                credential_id: Some(key),
            },
            direction: Direction::Both,
        },
    )
    .unwrap()
    .id;
    Workspace {
        db,
        store,
        token,
        connection,
    }
}

/// The reminders due at `now`, as (credential, threshold), marked as shown.
fn show(w: &Workspace, now: OffsetDateTime) -> Vec<(u32, u32)> {
    let due = credentials::reminders_due(&w.db, now).unwrap();
    for reminder in &due {
        credentials::mark_reminded(&w.db, reminder.credential_id, reminder.threshold_days, now)
            .unwrap();
    }
    due.iter()
        .map(|r| (r.credential_id, r.threshold_days))
        .collect()
}

#[test]
fn reminders_come_at_14_7_1_days_and_on_expiry_once_each() {
    let w = workspace();
    let t = w.token;
    assert_eq!(show(&w, datetime!(2026-03-16 23:59:59 UTC)), []);
    // 14 days before, the first second of the day.
    assert_eq!(show(&w, datetime!(2026-03-17 00:00:00 UTC)), [(t, 14)]);
    assert_eq!(
        show(&w, datetime!(2026-03-17 18:00 UTC)),
        [],
        "once per threshold"
    );
    assert_eq!(show(&w, datetime!(2026-03-23 12:00 UTC)), []);
    assert_eq!(show(&w, datetime!(2026-03-24 00:00 UTC)), [(t, 7)]);
    assert_eq!(show(&w, datetime!(2026-03-30 08:00 UTC)), [(t, 1)]);
    // The last day: still "1 day" territory, already shown.
    assert_eq!(show(&w, datetime!(2026-03-31 23:59:59 UTC)), []);
    assert_eq!(show(&w, datetime!(2026-04-01 00:00:00 UTC)), [(t, 0)]);
    assert_eq!(show(&w, datetime!(2026-04-20 00:00 UTC)), []);
}

#[test]
fn a_reminder_missed_while_the_app_was_closed_is_not_shown_late() {
    let w = workspace();
    assert_eq!(show(&w, datetime!(2026-03-18 09:00 UTC)), [(w.token, 14)]);
    // Closed from the 18th until the 30th: the 7-day reminder was missed;
    // only the most urgent one due now is shown, and the 7 never comes.
    assert_eq!(show(&w, datetime!(2026-03-30 09:00 UTC)), [(w.token, 1)]);
    assert_eq!(show(&w, datetime!(2026-03-31 09:00 UTC)), []);
    // Closed over the expiry: straight to "expired".
    let w = workspace();
    assert_eq!(show(&w, datetime!(2026-04-03 09:00 UTC)), [(w.token, 0)]);
    assert_eq!(show(&w, datetime!(2026-04-04 09:00 UTC)), []);
}

#[test]
fn the_day_ends_in_utc_whatever_the_local_zone() {
    let w = workspace();
    // 08:59 in Tokyo on April 1st is still March 31st in UTC.
    let tokyo = datetime!(2026-04-01 08:59 +09:00);
    let alerts = credentials::alerts(&w.db, tokyo).unwrap();
    assert_eq!(alerts[0].expiry, Expiry::Soon { days: 0 });
    assert!(alerts[0].paused.is_empty());
    assert_eq!(
        credentials::blocking_credential(&w.db, w.connection, tokyo).unwrap(),
        None
    );
    let expired = datetime!(2026-04-01 09:00 +09:00);
    let blocking = credentials::blocking_credential(&w.db, w.connection, expired)
        .unwrap()
        .unwrap();
    assert_eq!(blocking.credential_id, w.token);
    assert_eq!(blocking.expiry, Expiry::Expired { days: 1 });
}

#[test]
fn alerts_list_soon_and_expired_with_the_connections_they_pause() {
    let w = workspace();
    assert!(credentials::alerts(&w.db, datetime!(2026-03-16 12:00 UTC))
        .unwrap()
        .is_empty());
    let soon = credentials::alerts(&w.db, datetime!(2026-03-21 12:00 UTC)).unwrap();
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0].expiry, Expiry::Soon { days: 10 });
    assert_eq!(
        (soon[0].label.as_str(), soon[0].server_name.as_str()),
        ("sync token", "Cloud")
    );
    assert_eq!(soon[0].expires_at, "2026-03-31");
    assert!(
        soon[0].paused.is_empty(),
        "nothing is paused before it expires"
    );

    let after = datetime!(2026-04-02 12:00 UTC);
    let expired = credentials::alerts(&w.db, after).unwrap();
    assert_eq!(expired[0].expiry, Expiry::Expired { days: 2 });
    assert_eq!(
        expired[0].paused,
        ["Jira ↔ TT"],
        "used as the service credential"
    );
    let listed = credentials::get(&w.db, &w.store, w.token, after).unwrap();
    assert_eq!(listed.expiry, Expiry::Expired { days: 2 });
    let json = serde_json::to_value(&expired[0]).unwrap();
    assert_eq!(
        json["expiry"],
        serde_json::json!({"state": "expired", "days": 2})
    );
    assert_eq!(json["paused"], serde_json::json!(["Jira ↔ TT"]));
}

#[test]
fn a_new_expiry_date_or_a_rotation_starts_the_reminders_over() {
    let w = workspace();
    assert_eq!(show(&w, datetime!(2026-03-25 09:00 UTC)), [(w.token, 7)]);
    // Extended by a month: the reminders belong to the new date.
    let edit_at = datetime!(2026-03-26 09:00 UTC);
    credentials::edit(
        &w.db,
        &w.store,
        w.token,
        &CredentialEdit {
            label: "sync token".into(),
            login: Some("bot@example.com".into()),
            expires_at: Some("2026-04-30".into()),
            is_service: true,
        },
        edit_at,
    )
    .unwrap();
    assert_eq!(show(&w, edit_at), []);
    assert_eq!(show(&w, datetime!(2026-04-16 09:00 UTC)), [(w.token, 14)]);
    // Edited without touching the date: nothing starts over.
    credentials::edit(
        &w.db,
        &w.store,
        w.token,
        &CredentialEdit {
            label: "renamed".into(),
            login: Some("bot@example.com".into()),
            expires_at: Some("2026-04-30".into()),
            is_service: true,
        },
        edit_at,
    )
    .unwrap();
    assert_eq!(show(&w, datetime!(2026-04-17 09:00 UTC)), []);
    // Expired, then rotated: the connection runs again, reminders reset.
    let late = datetime!(2026-05-02 09:00 UTC);
    assert!(credentials::blocking_credential(&w.db, w.connection, late)
        .unwrap()
        .is_some());
    credentials::rotate(
        &w.db,
        &w.store,
        w.token,
        &secret("ATATT-new"),
        Some("2026-05-10"),
        late,
    )
    .unwrap();
    assert_eq!(
        credentials::blocking_credential(&w.db, w.connection, late).unwrap(),
        None
    );
    assert_eq!(show(&w, late), [(w.token, 14)]);
}

#[test]
fn marking_checks_its_input() {
    let w = workspace();
    let now = datetime!(2026-03-20 09:00 UTC);
    let err = credentials::mark_reminded(&w.db, w.token, 3, now).unwrap_err();
    assert_eq!(err.code(), "Validation");
    assert_eq!(
        credentials::mark_reminded(&w.db, 999, 7, now)
            .unwrap_err()
            .code(),
        "NotFound"
    );
    assert_eq!(
        credentials::blocking_credential(&w.db, 999, now)
            .unwrap_err()
            .code(),
        "NotFound"
    );
}
