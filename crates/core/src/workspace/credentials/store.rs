//! The `credentials` rows (and their reminders) in SQLite. Only metadata:
//! `secret_account` names the keychain entry that holds the secret.

use rusqlite::{params, OptionalExtension};

use super::model::CredentialKind;
use crate::store::Database;
use crate::{AppError, AppResult};

/// One credential row with its server's name and URL.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub id: u32,
    pub server_id: u32,
    pub server_name: String,
    pub server_url: String,
    pub kind: CredentialKind,
    pub label: String,
    pub login: Option<String>,
    pub secret_account: String,
    pub is_service: bool,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub last_verified_at: Option<String>,
    pub verify_ok: Option<bool>,
    pub verify_code: Option<String>,
    pub verify_message: Option<String>,
    pub identity: Option<String>,
    pub oauth_client_id: Option<String>,
    pub oauth_redirect_port: Option<u16>,
}

impl Row {
    /// The client ID and redirect port of an OAuth credential; `None` for
    /// other kinds (and for an OAuth row missing either, which only a hand
    /// edit of the database can produce).
    pub fn oauth(&self) -> Option<(&str, u16)> {
        match (&self.oauth_client_id, self.oauth_redirect_port) {
            (Some(client_id), Some(port)) if self.kind.is_oauth() => Some((client_id, port)),
            _ => None,
        }
    }
}

const SELECT: &str = "SELECT c.id, c.server_id, s.name, s.base_url, c.kind, c.label, c.login,
        c.secret_account, c.is_service, c.created_at, c.expires_at, c.last_verified_at,
        c.verify_ok, c.verify_code, c.verify_message, c.identity, c.oauth_client_id,
        c.oauth_redirect_port
    FROM credentials c JOIN servers s ON s.id = c.server_id";

fn from_sql(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let kind: String = row.get(4)?;
    Ok(Row {
        id: row.get(0)?,
        server_id: row.get(1)?,
        server_name: row.get(2)?,
        server_url: row.get(3)?,
        kind: CredentialKind::from_db(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                4,
                rusqlite::types::Type::Text,
                format!("unknown credential kind {kind:?}").into(),
            )
        })?,
        label: row.get(5)?,
        login: row.get(6)?,
        secret_account: row.get(7)?,
        is_service: row.get(8)?,
        created_at: row.get(9)?,
        expires_at: row.get(10)?,
        last_verified_at: row.get(11)?,
        verify_ok: row.get(12)?,
        verify_code: row.get(13)?,
        verify_message: row.get(14)?,
        identity: row.get(15)?,
        oauth_client_id: row.get(16)?,
        oauth_redirect_port: row.get(17)?,
    })
}

pub(super) fn row(db: &Database, id: u32) -> AppResult<Row> {
    db.conn()
        .query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], from_sql)
        .optional()?
        .ok_or_else(|| {
            AppError::not_found(format!(
                "There is no credential {id}; list them with `kakehashi credential list`."
            ))
        })
}

pub(super) fn rows(db: &Database) -> AppResult<Vec<Row>> {
    let mut statement = db
        .conn()
        .prepare(&format!("{SELECT} ORDER BY s.name, c.label, c.id"))?;
    let rows = statement
        .query_map([], from_sql)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// What a new row holds; it starts as a regular credential (the service
/// flag is set afterwards, see `service::take_over`).
pub(super) struct NewRow<'a> {
    pub server_id: u32,
    pub kind: CredentialKind,
    pub label: &'a str,
    pub login: Option<&'a str>,
    pub secret_account: &'a str,
    pub created_at: &'a str,
    pub expires_at: Option<&'a str>,
    pub oauth_client_id: Option<&'a str>,
    pub oauth_redirect_port: Option<u16>,
    pub scopes: Option<&'a str>,
}

pub(super) fn insert(db: &Database, new: &NewRow<'_>) -> AppResult<u32> {
    db.conn().execute(
        "INSERT INTO credentials (server_id, kind, label, login, secret_account, is_service,
                                  created_at, expires_at, oauth_client_id, oauth_redirect_port, scopes)
         VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8, ?9, ?10)",
        params![
            new.server_id,
            new.kind.as_str(),
            new.label,
            new.login,
            new.secret_account,
            new.created_at,
            new.expires_at,
            new.oauth_client_id,
            new.oauth_redirect_port,
            new.scopes,
        ],
    )?;
    u32::try_from(db.conn().last_insert_rowid())
        .map_err(|_| AppError::internal("Credential ids ran out of range."))
}

pub(super) fn update_details(
    db: &Database,
    id: u32,
    label: &str,
    login: Option<&str>,
    expires_at: Option<&str>,
) -> AppResult<()> {
    db.conn().execute(
        "UPDATE credentials SET label = ?2, login = ?3, expires_at = ?4 WHERE id = ?1",
        params![id, label, login, expires_at],
    )?;
    Ok(())
}

pub(super) fn set_service(db: &Database, id: u32, is_service: bool) -> AppResult<()> {
    db.conn().execute(
        "UPDATE credentials SET is_service = ?2 WHERE id = ?1",
        params![id, is_service],
    )?;
    Ok(())
}

/// Points the row at a new keychain entry (rotation) with its expiry.
pub(super) fn swap_secret(
    db: &Database,
    id: u32,
    secret_account: &str,
    expires_at: Option<&str>,
) -> AppResult<()> {
    db.conn().execute(
        "UPDATE credentials SET secret_account = ?2, expires_at = ?3 WHERE id = ?1",
        params![id, secret_account, expires_at],
    )?;
    Ok(())
}

/// Forgets the last check: it was about another secret or login.
pub(super) fn clear_verification(db: &Database, id: u32) -> AppResult<()> {
    db.conn().execute(
        "UPDATE credentials SET last_verified_at = NULL, verify_ok = NULL, verify_code = NULL,
                                verify_message = NULL, identity = NULL
         WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// The result of a check: who it signed in as, or the error's code and message.
pub(super) fn record_verification(
    db: &Database,
    id: u32,
    at: &str,
    outcome: Result<&str, (&str, &str)>,
) -> AppResult<()> {
    let (ok, identity, code, message) = match outcome {
        Ok(identity) => (true, Some(identity), None, None),
        Err((code, message)) => (false, None, Some(code), Some(message)),
    };
    let changed = db.conn().execute(
        "UPDATE credentials SET last_verified_at = ?2, verify_ok = ?3, identity = ?4,
                                verify_code = ?5, verify_message = ?6
         WHERE id = ?1",
        params![id, at, ok, identity, code, message],
    )?;
    if changed == 0 {
        return Err(AppError::not_found(format!(
            "Credential {id} was removed while it was being checked."
        )));
    }
    Ok(())
}

pub(super) fn delete(db: &Database, id: u32) -> AppResult<()> {
    db.conn()
        .execute("DELETE FROM credentials WHERE id = ?1", [id])?;
    Ok(())
}

/// The service credential of a server, if it has one.
pub(super) fn service_of(db: &Database, server_id: u32) -> AppResult<Option<Row>> {
    Ok(db
        .conn()
        .query_row(
            &format!("{SELECT} WHERE c.server_id = ?1 AND c.is_service = 1"),
            [server_id],
            from_sql,
        )
        .optional()?)
}

/// Names of the connections that use the credential: directly, or (for a
/// service credential) through a side that names no credential.
pub(super) fn used_by(db: &Database, row: &Row) -> AppResult<Vec<String>> {
    let mut statement = db.conn().prepare_cached(
        "SELECT name FROM connections
         WHERE left_credential_id = ?1 OR right_credential_id = ?1
            OR (?2 AND ((left_credential_id IS NULL AND left_server_id = ?3)
                     OR (right_credential_id IS NULL AND right_server_id = ?3)))
         ORDER BY name",
    )?;
    let names = statement
        .query_map(params![row.id, row.is_service, row.server_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(names)
}

/// Moves every connection side that names `from` over to `to`.
pub(super) fn repoint_connections(db: &Database, from: u32, to: u32) -> AppResult<()> {
    db.conn().execute(
        "UPDATE connections SET left_credential_id = ?2 WHERE left_credential_id = ?1",
        params![from, to],
    )?;
    db.conn().execute(
        "UPDATE connections SET right_credential_id = ?2 WHERE right_credential_id = ?1",
        params![from, to],
    )?;
    Ok(())
}

/// Thresholds (days) already reminded of for the current expiry.
pub(super) fn reminded(db: &Database, id: u32) -> AppResult<Vec<u32>> {
    let mut statement = db.conn().prepare_cached(
        "SELECT threshold_days FROM credential_reminders WHERE credential_id = ?1",
    )?;
    let thresholds = statement
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(thresholds)
}

pub(super) fn mark_reminded(db: &Database, id: u32, threshold: u32, at: &str) -> AppResult<()> {
    db.conn().execute(
        "INSERT OR IGNORE INTO credential_reminders (credential_id, threshold_days, sent_at)
         VALUES (?1, ?2, ?3)",
        params![id, threshold, at],
    )?;
    Ok(())
}

/// A new secret or a new expiry date: the reminders start over.
pub(super) fn clear_reminders(db: &Database, id: u32) -> AppResult<()> {
    db.conn().execute(
        "DELETE FROM credential_reminders WHERE credential_id = ?1",
        [id],
    )?;
    Ok(())
}

/// The OAuth scopes a credential was registered with.
pub(super) fn scopes(db: &Database, id: u32) -> AppResult<Option<String>> {
    Ok(db
        .conn()
        .query_row("SELECT scopes FROM credentials WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .flatten())
}

/// Labels by id, for screens that only name credentials.
pub(super) fn labels(db: &Database) -> AppResult<Vec<(u32, String)>> {
    let mut statement = db
        .conn()
        .prepare("SELECT id, label FROM credentials ORDER BY id")?;
    let labels = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(labels)
}
