//! Credentials: metadata in SQLite, the secret only in the keychain
//! (service = bundle identifier, account = the row's `secret_account`).

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use kakehashi_secrets::{SecretStore, Sensitive};

use crate::store::Database;
use crate::{clock, AppError, AppResult};

/// The kinds of DESIGN §4, named as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum CredentialKind {
    JiraCloudToken,
    JiraDcPassword,
    JiraDcPat,
    JiraDcOauth,
    TtnxApiKey,
    TtnxPassword,
    AsanaPat,
    AsanaOauth,
    AssetsAdapters,
    AssetsCleanseImport,
    AssetsBasic,
}

impl CredentialKind {
    const ALL: [CredentialKind; 11] = [
        CredentialKind::JiraCloudToken,
        CredentialKind::JiraDcPassword,
        CredentialKind::JiraDcPat,
        CredentialKind::JiraDcOauth,
        CredentialKind::TtnxApiKey,
        CredentialKind::TtnxPassword,
        CredentialKind::AsanaPat,
        CredentialKind::AsanaOauth,
        CredentialKind::AssetsAdapters,
        CredentialKind::AssetsCleanseImport,
        CredentialKind::AssetsBasic,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::JiraCloudToken => "jira-cloud-token",
            CredentialKind::JiraDcPassword => "jira-dc-password",
            CredentialKind::JiraDcPat => "jira-dc-pat",
            CredentialKind::JiraDcOauth => "jira-dc-oauth",
            CredentialKind::TtnxApiKey => "ttnx-api-key",
            CredentialKind::TtnxPassword => "ttnx-password",
            CredentialKind::AsanaPat => "asana-pat",
            CredentialKind::AsanaOauth => "asana-oauth",
            CredentialKind::AssetsAdapters => "assets-adapters",
            CredentialKind::AssetsCleanseImport => "assets-cleanse-import",
            CredentialKind::AssetsBasic => "assets-basic",
        }
    }

    fn from_db(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }
}

/// A credential as the UI and CLI see it: never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    pub id: u32,
    pub server_id: u32,
    pub kind: CredentialKind,
    pub label: String,
    pub login: Option<String>,
    pub is_service: bool,
    pub created_at: String,
    pub expires_at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewCredential {
    pub server_id: u32,
    pub kind: CredentialKind,
    pub label: String,
    pub login: Option<String>,
    pub is_service: bool,
    pub expires_at: Option<String>,
    pub secret: Sensitive<String>,
}

const COLUMNS: &str = "id, server_id, kind, label, login, is_service, created_at, expires_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Credential> {
    let kind: String = row.get(2)?;
    Ok(Credential {
        id: row.get(0)?,
        server_id: row.get(1)?,
        kind: CredentialKind::from_db(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                2,
                rusqlite::types::Type::Text,
                format!("unknown credential kind {kind:?}").into(),
            )
        })?,
        label: row.get(3)?,
        login: row.get(4)?,
        is_service: row.get(5)?,
        created_at: row.get(6)?,
        expires_at: row.get(7)?,
    })
}

/// Stores the secret in the keychain first, then the metadata; if the
/// metadata cannot be written the secret is removed again, so neither is
/// left without the other.
pub fn add(
    db: &Database,
    secrets: &dyn SecretStore,
    credential: &NewCredential,
) -> AppResult<Credential> {
    if credential.label.trim().is_empty() {
        return Err(AppError::validation(
            "label",
            "Give the credential a label you will recognise, for example “sync bot”.",
        ));
    }
    if credential.secret.expose().is_empty() {
        return Err(AppError::validation(
            "secret",
            "The secret is empty: paste the token, password or key.",
        ));
    }
    let account = new_secret_account();
    secrets.set(&account, &credential.secret)?;
    let inserted = db.conn().execute(
        "INSERT INTO credentials (server_id, kind, label, login, secret_account, is_service, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            credential.server_id,
            credential.kind.as_str(),
            credential.label.trim(),
            credential.login,
            account,
            credential.is_service,
            clock::now_rfc3339()?,
            credential.expires_at
        ],
    );
    if let Err(err) = inserted {
        let _ = secrets.delete(&account);
        return Err(err.into());
    }
    get(db, db.conn().last_insert_rowid() as u32)
}

pub fn get(db: &Database, id: u32) -> AppResult<Credential> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM credentials WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| AppError::not_found(format!("There is no credential {id}.")))
}

pub fn list(db: &Database) -> AppResult<Vec<Credential>> {
    let mut statement = db
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM credentials ORDER BY id"))?;
    let credentials = statement
        .query_map([], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(credentials)
}

/// The secret, for the code that sends it to the server.
pub fn secret(db: &Database, secrets: &dyn SecretStore, id: u32) -> AppResult<Sensitive<String>> {
    let account = secret_account(db, id)?;
    secrets.get(&account)?.ok_or_else(|| {
        AppError::not_found(format!(
            "The keychain has no secret for credential {id} any more (it was removed outside Kakehashi). Enter it again with Rotate."
        ))
    })
}

/// Removes the metadata and then the keychain entry.
pub fn remove(db: &Database, secrets: &dyn SecretStore, id: u32) -> AppResult<()> {
    let account = secret_account(db, id)?;
    db.conn()
        .execute("DELETE FROM credentials WHERE id = ?1", [id])?;
    secrets.delete(&account)?;
    Ok(())
}

fn secret_account(db: &Database, id: u32) -> AppResult<String> {
    db.conn()
        .query_row(
            "SELECT secret_account FROM credentials WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?
        .ok_or_else(|| AppError::not_found(format!("There is no credential {id}.")))
}

/// A keychain account name that no other credential, past or future, uses.
fn new_secret_account() -> String {
    format!("credential-{}", uuid::Uuid::new_v4().simple())
}
