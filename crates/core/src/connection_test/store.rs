//! The last test per server and credential (table `connection_tests`).
//! A connection's last test is its two sides' rows, looked up by the
//! credential each side uses now: a connection saved after a wizard's test
//! shows that test, and a side whose credential changed shows none.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::findings::Checked;
use super::model::{ConnectionTestReport, LastTest, Outcome, Side};
use super::report::{RecordedTest, SideRecord};
use crate::language::Language;
use crate::store::Database;
use crate::workspace::credentials::side::effective_id;
use crate::workspace::{connections, credentials, servers, Connection, ConnectionSide, Server};
use crate::{AppError, AppResult};

/// The stored form of one side's checks.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    checks: Vec<Checked>,
}

/// Stores each side as the last test of its server with its credential,
/// replacing the previous one. A side whose server or credential was
/// removed while the test ran is left out: there is nothing to show it on.
pub fn record(db: &Database, test: &RecordedTest) -> AppResult<()> {
    db.atomic(|| {
        for side in [&test.left, &test.right] {
            store_side(db, side)?;
        }
        Ok(())
    })
}

fn store_side(db: &Database, side: &SideRecord) -> AppResult<()> {
    let report = serde_json::to_string(&Stored {
        checks: side.checks.clone(),
    })
    .map_err(|err| AppError::internal(format!("The test result could not be written: {err}")))?;
    db.conn().execute(
        "DELETE FROM connection_tests WHERE server_id = ?1 AND IFNULL(credential_id, 0) = IFNULL(?2, 0)",
        params![side.server_id, side.credential_id],
    )?;
    db.conn().execute(
        "INSERT INTO connection_tests (server_id, credential_id, ran_at, outcome, report)
         SELECT ?1, ?2, ?3, ?4, ?5
         WHERE EXISTS (SELECT 1 FROM servers WHERE id = ?1)
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM credentials WHERE id = ?2))",
        params![
            side.server_id,
            side.credential_id,
            side.ran_at,
            side.outcome().as_db(),
            report
        ],
    )?;
    Ok(())
}

/// The connection's last test in `language`; `None` until both sides have
/// been tested with the credentials they use now.
pub fn last(
    db: &Database,
    connection_id: u32,
    language: Language,
) -> AppResult<Option<ConnectionTestReport>> {
    let connection = connections::get(db, connection_id)?;
    let Some(left) = side_record(db, Side::Left, connection.left)? else {
        return Ok(None);
    };
    let Some(right) = side_record(db, Side::Right, connection.right)? else {
        return Ok(None);
    };
    let ran_at = older(&left.ran_at, &right.ran_at).to_owned();
    let test = RecordedTest {
        left,
        right,
        ran_at,
    };
    Ok(Some(test.report(language)))
}

/// When the connection was last tested and how it went, for the list:
/// the older time and the worse outcome of the two sides.
pub fn last_summary(db: &Database, connection: &Connection) -> AppResult<Option<LastTest>> {
    let Some((left_at, left)) = side_summary(db, connection.left)? else {
        return Ok(None);
    };
    let Some((right_at, right)) = side_summary(db, connection.right)? else {
        return Ok(None);
    };
    Ok(Some(LastTest {
        ran_at: older(&left_at, &right_at).to_owned(),
        outcome: left.max(right),
    }))
}

/// Trusts exactly the certificate with this SHA-256 fingerprint for the
/// server (the “Trust this certificate” of a failed TLS check), keeping
/// its CA bundle. The fingerprint is checked and stored as `AB:CD:…`.
pub fn trust_certificate(db: &Database, server_id: u32, fingerprint: &str) -> AppResult<Server> {
    let server = servers::get(db, server_id)?;
    servers::set_tls(
        db,
        server_id,
        &crate::workspace::ServerTls {
            extra_ca_pem: server.tls.extra_ca_pem,
            pinned_fingerprint: Some(fingerprint.to_owned()),
        },
    )
}

/// RFC 3339 times in UTC to the second compare as text.
fn older<'a>(a: &'a str, b: &'a str) -> &'a str {
    a.min(b)
}

fn side_summary(db: &Database, side: ConnectionSide) -> AppResult<Option<(String, Outcome)>> {
    let credential = effective_id(db, side.server_id, side.credential_id)?;
    let row: Option<(String, String)> = db
        .conn()
        .query_row(
            "SELECT ran_at, outcome FROM connection_tests
             WHERE server_id = ?1 AND IFNULL(credential_id, 0) = IFNULL(?2, 0)",
            params![side.server_id, credential],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.and_then(|(at, outcome)| Some((at, Outcome::from_db(&outcome)?))))
}

fn side_record(db: &Database, which: Side, side: ConnectionSide) -> AppResult<Option<SideRecord>> {
    let server = servers::get(db, side.server_id)?;
    let credential = effective_id(db, side.server_id, side.credential_id)?;
    let row: Option<(String, String)> = db
        .conn()
        .query_row(
            "SELECT ran_at, report FROM connection_tests
             WHERE server_id = ?1 AND IFNULL(credential_id, 0) = IFNULL(?2, 0)",
            params![side.server_id, credential],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((ran_at, report)) = row else {
        return Ok(None);
    };
    let stored: Stored = match serde_json::from_str(&report) {
        Ok(stored) => stored,
        Err(err) => {
            // Written by another version: as good as not tested.
            tracing::warn!(
                server = side.server_id,
                "a stored connection test could not be read: {err}"
            );
            return Ok(None);
        }
    };
    let credential_label = match credential {
        Some(id) => credentials::labels(db)?
            .into_iter()
            .find(|(cid, _)| *cid == id)
            .map(|(_, label)| label),
        None => None,
    };
    Ok(Some(SideRecord {
        side: which,
        server_id: server.id,
        server_name: server.name,
        server_kind: server.kind,
        credential_id: credential,
        credential_label,
        ran_at,
        checks: stored.checks,
    }))
}
