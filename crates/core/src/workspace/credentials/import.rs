//! "Import workspace": a file from `export` onto this computer. Servers
//! already here (same kind and base URL) are reused, connections whose name
//! exists are skipped, credentials already here (same server, kind, label and
//! login) are reused; new credentials need their secrets, typed again —
//! the file has none — except OAuth ones, which sign in afterwards.
//!
//! Everything is checked before anything is written; then the keychain
//! entries are written, then every row in one transaction. If the rows fail,
//! the keychain entries written for them are deleted again.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use kakehashi_secrets::{SecretStore, Sensitive};

use super::file_format::parse;
use super::import_plan::{plan, Plan};
use super::model::CredentialKind;
use super::{forget_secret, new_secret_account, service, store, today, validate};
use crate::store::Database;
use crate::workspace::{
    connections, servers, ConnectionSide, NewConnection, NewServer, ServerKind, ServerTls,
};
use crate::{clock, AppError, AppResult};

/// What importing the file would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub servers: Vec<ImportedServer>,
    /// Names of the connections that will be added.
    pub connections: Vec<String>,
    pub credentials: Vec<ImportedCredential>,
    /// Plain sentences: what is reused, skipped, or needs doing afterwards.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedServer {
    pub name: String,
    pub kind: ServerKind,
    pub base_url: String,
    /// A server with this kind and base URL is here already and is reused.
    pub existing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportedCredential {
    /// Its position in the file (0-based); `ImportSecret::index` refers to it.
    pub index: u32,
    pub label: String,
    pub kind: CredentialKind,
    pub server_name: String,
    pub login: Option<String>,
    /// False for OAuth kinds (they sign in afterwards) and reused credentials.
    pub needs_secret: bool,
    /// The same credential is here already and is reused.
    pub existing: bool,
}

/// The secret typed for the credential at `index`.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportSecret {
    pub index: u32,
    pub secret: Sensitive<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub servers_added: u32,
    pub servers_reused: u32,
    pub connections_added: u32,
    /// Names of connections that existed already.
    pub connections_skipped: Vec<String>,
    pub credentials_added: u32,
    pub credentials_reused: u32,
    /// Labels of OAuth credentials that need "Sign in" now.
    pub sign_in_needed: Vec<String>,
}

/// What the file would add, reuse and skip. Changes nothing.
pub fn preview(db: &Database, text: &str, now: OffsetDateTime) -> AppResult<ImportPreview> {
    let plan = plan(db, parse(text)?, now)?;
    let servers = plan
        .file
        .servers
        .iter()
        .zip(&plan.servers)
        .map(|(server, existing)| ImportedServer {
            name: server.name.clone(),
            kind: server.kind,
            base_url: server.base_url.clone(),
            existing: existing.is_some(),
        })
        .collect();
    let credentials = plan
        .file
        .credentials
        .iter()
        .zip(&plan.credentials)
        .enumerate()
        .map(|(index, (credential, planned))| ImportedCredential {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            label: credential.label.clone(),
            kind: credential.kind,
            server_name: plan.file.servers[planned.server_index].name.clone(),
            login: credential.login.clone(),
            needs_secret: planned.needs_secret(credential),
            existing: planned.existing.is_some(),
        })
        .collect();
    let connections = plan
        .file
        .connections
        .iter()
        .zip(&plan.skipped)
        .filter(|(_, skipped)| !**skipped)
        .map(|(connection, _)| connection.name.clone())
        .collect();
    Ok(ImportPreview {
        servers,
        connections,
        credentials,
        notes: plan.notes,
    })
}

/// A new credential, checked, with the secret it will be stored with.
struct Checked {
    label: String,
    login: Option<String>,
    expires_at: Option<String>,
    secret: Option<Sensitive<String>>,
}

/// Imports the file with the secrets typed for its credentials (by index).
pub fn apply(
    db: &Database,
    secrets: &dyn SecretStore,
    text: &str,
    given: &[ImportSecret],
    now: OffsetDateTime,
) -> AppResult<ImportSummary> {
    let plan = plan(db, parse(text)?, now)?;
    let checked = check_credentials(&plan, given, now)?;

    // The keychain first: if it is unreachable, nothing has been written.
    let mut written: Vec<Option<String>> = Vec::new();
    for item in &checked {
        let account = match item.as_ref().and_then(|c| c.secret.as_ref()) {
            Some(secret) => {
                let account = new_secret_account();
                if let Err(err) = secrets.set(&account, secret) {
                    forget_all(secrets, &written);
                    return Err(err.into());
                }
                Some(account)
            }
            None => None,
        };
        written.push(account);
    }
    let result = db.atomic(|| write_rows(db, &plan, &checked, &written, now));
    if result.is_err() {
        forget_all(secrets, &written);
    }
    result
}

fn forget_all(secrets: &dyn SecretStore, written: &[Option<String>]) {
    for account in written.iter().flatten() {
        forget_secret(secrets, account, "an import that did not complete");
    }
}

/// Checks every new credential with the same rules as "add" (an expiry in
/// the past is allowed: the token may have run out since the export) and
/// pairs it with its secret. `None` for reused credentials.
fn check_credentials(
    plan: &Plan,
    given: &[ImportSecret],
    now: OffsetDateTime,
) -> AppResult<Vec<Option<Checked>>> {
    let count = plan.file.credentials.len();
    if let Some(stray) = given.iter().find(|s| s.index as usize >= count) {
        return Err(AppError::validation(
            "secrets",
            format!(
                "A secret was given for credential {}, but the file has {count} credentials.",
                stray.index
            ),
        ));
    }
    let mut checked = Vec::new();
    for (index, (credential, planned)) in plan
        .file
        .credentials
        .iter()
        .zip(&plan.credentials)
        .enumerate()
    {
        if planned.existing.is_some() {
            checked.push(None);
            continue;
        }
        let server = &plan.file.servers[planned.server_index];
        if !credential.kind.fits(server.kind) {
            return Err(AppError::validation(
                "file",
                format!(
                    "The credential “{}” ({}) does not fit the server “{}” ({}).",
                    credential.label,
                    credential.kind.as_str(),
                    server.name,
                    server.kind.product_name()
                ),
            ));
        }
        let in_credential = |err: AppError| {
            err.with_hint(&format!("(Credential “{}” in the file.)", credential.label))
        };
        let label = validate::label(&credential.label).map_err(in_credential)?;
        let login =
            validate::login(credential.kind, credential.login.as_deref()).map_err(in_credential)?;
        let expires_at = validate::expiry(
            credential.kind,
            credential.expires_at.as_deref(),
            today(now),
            true,
        )
        .map_err(in_credential)?;
        let secret = if planned.needs_secret(credential) {
            let typed = given
                .iter()
                .rev()
                .find(|s| s.index as usize == index)
                .ok_or_else(|| {
                    AppError::validation(
                        "secrets",
                        format!(
                            "Enter the secret of “{label}” ({}) to import it: the file holds no secrets.",
                            credential.kind.describe()
                        ),
                    )
                })?;
            Some(validate::secret(credential.kind, &typed.secret).map_err(in_credential)?)
        } else {
            None
        };
        checked.push(Some(Checked {
            label,
            login,
            expires_at,
            secret,
        }));
    }
    Ok(checked)
}

fn write_rows(
    db: &Database,
    plan: &Plan,
    checked: &[Option<Checked>],
    written: &[Option<String>],
    now: OffsetDateTime,
) -> AppResult<ImportSummary> {
    let mut summary = ImportSummary {
        servers_added: 0,
        servers_reused: 0,
        connections_added: 0,
        connections_skipped: Vec::new(),
        credentials_added: 0,
        credentials_reused: 0,
        sign_in_needed: Vec::new(),
    };
    let mut server_ids = Vec::new();
    for (server, existing) in plan.file.servers.iter().zip(&plan.servers) {
        let id = match existing {
            Some(id) => {
                summary.servers_reused += 1;
                *id
            }
            None => {
                summary.servers_added += 1;
                servers::add(
                    db,
                    &NewServer {
                        kind: server.kind,
                        name: server.name.clone(),
                        base_url: server.base_url.clone(),
                        alt_url: server.alt_url.clone(),
                        time_zone: server.time_zone.clone(),
                        is_demo: false,
                        tls: ServerTls {
                            extra_ca_pem: server.extra_ca_pem.clone(),
                            pinned_fingerprint: server.pinned_fingerprint.clone(),
                        },
                        proxy: server.proxy.clone(),
                    },
                )
                .map_err(|err| err.with_hint(&format!("(Server “{}” in the file.)", server.name)))?
                .id
            }
        };
        server_ids.push(id);
    }
    let created_at = clock::rfc3339(now)?;
    let mut credential_ids = Vec::new();
    for (i, (credential, planned)) in plan
        .file
        .credentials
        .iter()
        .zip(&plan.credentials)
        .enumerate()
    {
        if let Some(id) = planned.existing {
            summary.credentials_reused += 1;
            credential_ids.push(id);
            continue;
        }
        let item = checked[i]
            .as_ref()
            .ok_or_else(|| AppError::internal("An import credential was not checked."))?;
        // OAuth credentials get an account for the tokens their sign-in stores.
        let account = written[i].clone().unwrap_or_else(new_secret_account);
        let oauth = credential
            .oauth
            .as_ref()
            .filter(|_| credential.kind.is_oauth());
        let server_id = server_ids[planned.server_index];
        let id = store::insert(
            db,
            &store::NewRow {
                server_id,
                kind: credential.kind,
                label: &item.label,
                login: item.login.as_deref(),
                secret_account: &account,
                created_at: &created_at,
                expires_at: item.expires_at.as_deref(),
                oauth_client_id: oauth.map(|o| o.client_id.as_str()),
                oauth_redirect_port: oauth.map(|o| o.redirect_port),
                scopes: None,
            },
        )?;
        if planned.service {
            // The plan kept service credentials of servers here, so none is displaced.
            if service::take_over(db, server_id, id)?.is_some() {
                return Err(AppError::conflict(
                    "A service credential appeared during the import; import again.",
                ));
            }
        }
        if credential.kind.is_oauth() {
            summary.sign_in_needed.push(item.label.clone());
        }
        summary.credentials_added += 1;
        credential_ids.push(id);
    }
    let credential_id = |reference: &Option<String>| {
        reference.as_ref().and_then(|r| {
            plan.file
                .credentials
                .iter()
                .position(|c| &c.reference == r)
                .map(|i| credential_ids[i])
        })
    };
    let server_id = |reference: &str| {
        plan.file
            .servers
            .iter()
            .position(|s| s.reference == reference)
            .map(|i| server_ids[i])
            .ok_or_else(|| AppError::internal("A checked server reference vanished."))
    };
    for (connection, skipped) in plan.file.connections.iter().zip(&plan.skipped) {
        if *skipped {
            summary.connections_skipped.push(connection.name.clone());
            continue;
        }
        connections::add(
            db,
            &NewConnection {
                name: connection.name.clone(),
                left: ConnectionSide {
                    server_id: server_id(&connection.left)?,
                    credential_id: credential_id(&connection.left_credential),
                },
                right: ConnectionSide {
                    server_id: server_id(&connection.right)?,
                    credential_id: credential_id(&connection.right_credential),
                },
                direction: connection.direction,
            },
        )?;
        summary.connections_added += 1;
    }
    Ok(summary)
}
