//! Servers: a vendor kind and the URLs to reach it.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use kakehashi_secrets::SecretStore;

use super::credentials;
use super::server_validation as validate;
use crate::store::Database;
use crate::{clock, AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ServerKind {
    JiraCloud,
    JiraDataCenter,
    TimeTrackerNx,
    Asana,
}

impl ServerKind {
    const ALL: [ServerKind; 4] = [
        ServerKind::JiraCloud,
        ServerKind::JiraDataCenter,
        ServerKind::TimeTrackerNx,
        ServerKind::Asana,
    ];

    /// The value stored in SQLite (the same as the serialised name).
    pub fn as_db(self) -> &'static str {
        match self {
            ServerKind::JiraCloud => "jiraCloud",
            ServerKind::JiraDataCenter => "jiraDataCenter",
            ServerKind::TimeTrackerNx => "timeTrackerNx",
            ServerKind::Asana => "asana",
        }
    }

    fn from_db(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_db() == value)
    }

    /// The name on the command line (`kakehashi server add --kind`).
    pub fn cli_name(self) -> &'static str {
        match self {
            ServerKind::JiraCloud => "jira-cloud",
            ServerKind::JiraDataCenter => "jira-dc",
            ServerKind::TimeTrackerNx => "ttnx",
            ServerKind::Asana => "asana",
        }
    }

    pub fn from_cli(name: &str) -> AppResult<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.cli_name() == name.trim())
            .ok_or_else(|| {
                AppError::validation(
                    "kind",
                    format!(
                        "“{name}” is not a server kind. Use jira-cloud, jira-dc, ttnx or asana."
                    ),
                )
            })
    }

    /// The product name, the same in every language.
    pub fn product_name(self) -> &'static str {
        match self {
            ServerKind::JiraCloud => "Jira Cloud",
            ServerKind::JiraDataCenter => "Jira Data Center",
            ServerKind::TimeTrackerNx => "TimeTracker NX",
            ServerKind::Asana => "Asana",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Server {
    pub id: u32,
    pub kind: ServerKind,
    pub name: String,
    pub base_url: String,
    pub alt_url: Option<String>,
    pub time_zone: Option<String>,
    pub is_demo: bool,
    pub created_at: String,
    pub tls: ServerTls,
    pub proxy: ServerProxy,
}

/// The trust decisions for one server's certificate. Public data, not secret.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ServerTls {
    /// PEM certificates (a company CA) trusted in addition to the OS store.
    pub extra_ca_pem: Option<String>,
    /// SHA-256 fingerprint (`AB:CD:…`) of the one certificate the user trusted.
    pub pinned_fingerprint: Option<String>,
}

/// How this server is reached.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "mode", rename_all = "camelCase")]
pub enum ServerProxy {
    /// `HTTPS_PROXY`/`NO_PROXY` and the OS settings.
    #[default]
    System,
    /// No proxy, whatever the system says.
    Direct,
    /// This proxy for every request to the server.
    Custom { url: String },
}

impl ServerProxy {
    fn to_db(&self) -> Option<String> {
        match self {
            ServerProxy::System => None,
            ServerProxy::Direct => Some("direct".to_owned()),
            ServerProxy::Custom { url } => Some(url.clone()),
        }
    }

    fn from_db(value: Option<String>) -> Self {
        match value.as_deref() {
            None => ServerProxy::System,
            Some("direct") => ServerProxy::Direct,
            Some(url) => ServerProxy::Custom {
                url: url.to_owned(),
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewServer {
    pub kind: ServerKind,
    pub name: String,
    pub base_url: String,
    pub alt_url: Option<String>,
    pub time_zone: Option<String>,
    pub is_demo: bool,
    pub tls: ServerTls,
    pub proxy: ServerProxy,
}

const COLUMNS: &str = "id, kind, name, base_url, alt_url, time_zone, is_demo, created_at, \
                       extra_ca_pem, pinned_fingerprint, proxy";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Server> {
    let kind: String = row.get(1)?;
    Ok(Server {
        id: row.get(0)?,
        kind: ServerKind::from_db(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                format!("unknown server kind {kind:?}").into(),
            )
        })?,
        name: row.get(2)?,
        base_url: row.get(3)?,
        alt_url: row.get(4)?,
        time_zone: row.get(5)?,
        is_demo: row.get(6)?,
        created_at: row.get(7)?,
        tls: ServerTls {
            extra_ca_pem: row.get(8)?,
            pinned_fingerprint: row.get(9)?,
        },
        proxy: ServerProxy::from_db(row.get(10)?),
    })
}

pub fn add(db: &Database, server: &NewServer) -> AppResult<Server> {
    if server.name.trim().is_empty() {
        return Err(AppError::validation(
            "name",
            "Give the server a name, for example “Jira (production)”.",
        ));
    }
    let checked = validate::server(server)?;
    db.conn().execute(
        "INSERT INTO servers (kind, name, base_url, alt_url, time_zone, is_demo, created_at,
                              extra_ca_pem, pinned_fingerprint, proxy)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            server.kind.as_db(),
            server.name.trim(),
            checked.base_url,
            checked.alt_url,
            server.time_zone,
            server.is_demo,
            clock::now_rfc3339()?,
            checked.tls.extra_ca_pem,
            checked.tls.pinned_fingerprint,
            checked.proxy.to_db(),
        ],
    )?;
    get(db, db.conn().last_insert_rowid() as u32)
}

pub fn get(db: &Database, id: u32) -> AppResult<Server> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM servers WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| {
            AppError::not_found(format!(
                "There is no server {id}; list them with `kakehashi server list`."
            ))
        })
}

pub fn list(db: &Database) -> AppResult<Vec<Server>> {
    let mut statement = db
        .conn()
        .prepare(&format!("SELECT {COLUMNS} FROM servers ORDER BY id"))?;
    let servers = statement
        .query_map([], from_row)?
        .collect::<Result<_, _>>()?;
    Ok(servers)
}

/// Points a server at a new URL (the demo simulators get new ports each start).
pub fn set_base_url(db: &Database, id: u32, base_url: &str) -> AppResult<()> {
    let changed = db.conn().execute(
        "UPDATE servers SET base_url = ?2 WHERE id = ?1",
        params![id, base_url],
    )?;
    if changed == 0 {
        return Err(AppError::not_found(format!("There is no server {id}.")));
    }
    Ok(())
}

/// Removes a server with its credentials (their keychain entries too) and
/// the connections that use it.
pub fn remove(db: &Database, secrets: &dyn SecretStore, id: u32) -> AppResult<Server> {
    let server = get(db, id)?;
    for credential in credentials::on_server(db, id)? {
        credentials::remove(db, secrets, credential)?;
    }
    db.conn()
        .execute("DELETE FROM servers WHERE id = ?1", [id])?;
    Ok(server)
}

/// Stores the trust decisions (after validating them): the user trusted a
/// certificate by its fingerprint, or gave a CA bundle.
pub fn set_tls(db: &Database, id: u32, tls: &ServerTls) -> AppResult<Server> {
    let checked = validate::tls(tls)?;
    let changed = db.conn().execute(
        "UPDATE servers SET extra_ca_pem = ?2, pinned_fingerprint = ?3 WHERE id = ?1",
        params![id, checked.extra_ca_pem, checked.pinned_fingerprint],
    )?;
    if changed == 0 {
        return Err(AppError::not_found(format!("There is no server {id}.")));
    }
    get(db, id)
}

/// The server with this kind and base URL if one is registered (the wizard
/// run twice, or a second connection to the same Jira), else a new one. What
/// the admin settled on the way — an alternative URL, a trusted certificate —
/// is applied to an existing server too; its other settings stay.
pub fn add_or_reuse(db: &Database, server: &NewServer) -> AppResult<Server> {
    let checked = validate::server(server)?;
    let existing = list(db)?
        .into_iter()
        .find(|s| s.kind == server.kind && s.base_url == checked.base_url);
    let Some(existing) = existing else {
        return add(db, server);
    };
    if checked.alt_url.is_some() && checked.alt_url != existing.alt_url {
        db.conn().execute(
            "UPDATE servers SET alt_url = ?2 WHERE id = ?1",
            params![existing.id, checked.alt_url],
        )?;
    }
    match checked.tls.pinned_fingerprint {
        Some(fingerprint) if existing.tls.pinned_fingerprint.as_ref() != Some(&fingerprint) => {
            set_tls(
                db,
                existing.id,
                &ServerTls {
                    pinned_fingerprint: Some(fingerprint),
                    ..existing.tls
                },
            )
        }
        _ => get(db, existing.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kakehashi_secrets::MemoryStore;

    fn jira(base_url: &str) -> NewServer {
        NewServer {
            kind: ServerKind::JiraDataCenter,
            name: "Jira".into(),
            base_url: base_url.into(),
            alt_url: None,
            time_zone: None,
            is_demo: false,
            tls: ServerTls::default(),
            proxy: ServerProxy::System,
        }
    }

    #[test]
    fn adding_the_same_server_twice_reuses_it_and_keeps_a_newly_trusted_certificate() {
        let db = Database::open_in_memory().unwrap();
        let first = add_or_reuse(&db, &jira("https://jira.example.com/jira/")).unwrap();
        let fingerprint = ["AB"; 32].join(":");
        let again = add_or_reuse(
            &db,
            &NewServer {
                tls: ServerTls {
                    extra_ca_pem: None,
                    pinned_fingerprint: Some(fingerprint.clone()),
                },
                ..jira("https://jira.example.com/jira")
            },
        )
        .unwrap();
        assert_eq!(again.id, first.id);
        assert_eq!(again.tls.pinned_fingerprint, Some(fingerprint.clone()));
        assert_eq!(list(&db).unwrap().len(), 1);

        // "Use the alternative URL" on a registered server sets it there.
        let with_alt = add_or_reuse(
            &db,
            &NewServer {
                alt_url: Some("http://10.0.0.5:8080/jira/".into()),
                ..jira("jira.example.com/jira/browse/ABC-1")
            },
        )
        .unwrap();
        assert_eq!(with_alt.id, first.id);
        assert_eq!(
            with_alt.alt_url.as_deref(),
            Some("http://10.0.0.5:8080/jira")
        );
        assert_eq!(with_alt.tls.pinned_fingerprint, Some(fingerprint));

        let other_kind = add_or_reuse(
            &db,
            &NewServer {
                kind: ServerKind::JiraCloud,
                ..jira("https://jira.example.com/jira")
            },
        )
        .unwrap();
        assert_ne!(other_kind.id, first.id);
    }

    #[test]
    fn urls_are_checked_and_stored_without_a_trailing_slash() {
        let db = Database::open_in_memory().unwrap();
        let server = add(
            &db,
            &NewServer {
                alt_url: Some("http://10.0.0.5:8080/jira/".into()),
                ..jira(" https://jira.example.com/jira/ ")
            },
        )
        .unwrap();
        assert_eq!(server.base_url, "https://jira.example.com/jira");
        assert_eq!(server.alt_url.as_deref(), Some("http://10.0.0.5:8080/jira"));

        let err = add(&db, &jira("ftp://jira.example.com")).unwrap_err();
        assert!(
            matches!(&err, AppError::Validation { field, .. } if field == "baseUrl"),
            "{err:?}"
        );
        let err = add(
            &db,
            &NewServer {
                alt_url: Some("not a url".into()),
                ..jira("https://jira.example.com")
            },
        )
        .unwrap_err();
        assert!(
            matches!(&err, AppError::Validation { field, .. } if field == "altUrl"),
            "{err:?}"
        );
    }

    #[test]
    fn a_pasted_page_is_stored_as_its_server_like_the_wizard_does() {
        let db = Database::open_in_memory().unwrap();
        let server = add(
            &db,
            &NewServer {
                alt_url: Some(" 10.0.0.5:8080/jira/login.jsp ".into()),
                ..jira("jira.example.com/jira/browse/WEB-12?focusedCommentId=1")
            },
        )
        .unwrap();
        assert_eq!(server.base_url, "https://jira.example.com/jira");
        assert_eq!(
            server.alt_url.as_deref(),
            Some("https://10.0.0.5:8080/jira")
        );
        let ttnx = add(
            &db,
            &NewServer {
                kind: ServerKind::TimeTrackerNx,
                ..jira("https://tt.example.com/TimeTrackerNX/#/timesheet")
            },
        )
        .unwrap();
        assert_eq!(ttnx.base_url, "https://tt.example.com/TimeTrackerNX");
        // An empty alternative URL is none.
        let plain = add(
            &db,
            &NewServer {
                alt_url: Some("  ".into()),
                ..jira("https://other.example.com")
            },
        )
        .unwrap();
        assert_eq!(plain.alt_url, None);
    }

    #[test]
    fn trusting_a_certificate_stores_its_canonical_fingerprint() {
        let db = Database::open_in_memory().unwrap();
        let server = add(&db, &jira("https://jira.example.com")).unwrap();
        let hex = "ab".repeat(32);
        let trusted = set_tls(
            &db,
            server.id,
            &ServerTls {
                extra_ca_pem: None,
                pinned_fingerprint: Some(hex),
            },
        )
        .unwrap();
        let shown = trusted.tls.pinned_fingerprint.unwrap();
        assert_eq!(shown, ["AB"; 32].join(":"));

        let err = set_tls(
            &db,
            server.id,
            &ServerTls {
                extra_ca_pem: Some(
                    "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----".into(),
                ),
                pinned_fingerprint: None,
            },
        )
        .unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert_eq!(
            get(&db, server.id)
                .unwrap()
                .tls
                .pinned_fingerprint
                .as_deref(),
            Some(shown.as_str())
        );
    }

    #[test]
    fn a_proxy_with_a_password_is_refused_and_others_round_trip() {
        let db = Database::open_in_memory().unwrap();
        let err = add(
            &db,
            &NewServer {
                proxy: ServerProxy::Custom {
                    url: "http://me:hunter2x@proxy.example.com:8080".into(),
                },
                ..jira("https://jira.example.com")
            },
        )
        .unwrap_err();
        assert!(matches!(&err, AppError::Validation { field, .. } if field == "proxy"));
        assert!(!err.to_string().contains("hunter2x"));
        for proxy in [
            ServerProxy::Direct,
            ServerProxy::Custom {
                url: "http://proxy.example.com:8080".into(),
            },
        ] {
            let server = add(
                &db,
                &NewServer {
                    proxy: proxy.clone(),
                    ..jira("https://jira.example.com")
                },
            )
            .unwrap();
            assert_eq!(get(&db, server.id).unwrap().proxy, proxy);
        }
    }

    #[test]
    fn removing_a_server_removes_its_credentials_secrets() {
        use crate::workspace::{credentials, CredentialInput, CredentialKind};
        use kakehashi_secrets::Sensitive;
        let db = Database::open_in_memory().unwrap();
        let secrets = MemoryStore::default();
        let server = add(&db, &jira("https://jira.example.com")).unwrap();
        credentials::add(
            &db,
            &secrets,
            &CredentialInput {
                server_id: server.id,
                kind: CredentialKind::JiraDcPat,
                label: "bot".into(),
                login: None,
                is_service: true,
                expires_at: None,
                secret: Sensitive::new("pat-value".to_owned()),
            },
            crate::clock::now(),
        )
        .unwrap();
        assert_eq!(secrets.accounts().len(), 1);
        remove(&db, &secrets, server.id).unwrap();
        assert!(secrets.accounts().is_empty());
        assert_eq!(get(&db, server.id).unwrap_err().code(), "NotFound");
    }
}
