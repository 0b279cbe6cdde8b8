//! "Export workspace": servers, credentials and connections to a file that
//! another computer can import. No secret ever goes in — not a token, not a
//! password, not an OAuth client secret: the types written here have no
//! field that could hold one, and `Sensitive` cannot be serialised at all.
//! The demo workspace is not exported.

use std::path::Path;

use serde::Serialize;
use time::OffsetDateTime;

use super::file_format::{
    FileConnection, FileCredential, FileOAuth, FileServer, WorkspaceFile, FORMAT, VERSION,
};
use super::store;
use crate::store::Database;
use crate::workspace::{connections, servers};
use crate::{clock, AppError, AppResult};

/// What was written where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    pub path: String,
    pub servers: u32,
    pub connections: u32,
    pub credentials: u32,
}

/// The workspace as a file document.
pub fn document(db: &Database, now: OffsetDateTime) -> AppResult<WorkspaceFile> {
    let servers: Vec<_> = servers::list(db)?
        .into_iter()
        .filter(|server| !server.is_demo)
        .collect();
    let server_ref = |id: u32| {
        servers
            .iter()
            .position(|server| server.id == id)
            .map(|i| format!("s{}", i + 1))
    };
    // In the order they were added, which import asks for their secrets in.
    let mut rows: Vec<_> = store::rows(db)?
        .into_iter()
        .filter(|row| server_ref(row.server_id).is_some())
        .collect();
    rows.sort_by_key(|row| row.id);
    let credential_ref = |id: u32| {
        rows.iter()
            .position(|row| row.id == id)
            .map(|i| format!("c{}", i + 1))
    };
    let file_servers = servers
        .iter()
        .enumerate()
        .map(|(i, server)| FileServer {
            reference: format!("s{}", i + 1),
            kind: server.kind,
            name: server.name.clone(),
            base_url: server.base_url.clone(),
            alt_url: server.alt_url.clone(),
            time_zone: server.time_zone.clone(),
            extra_ca_pem: server.tls.extra_ca_pem.clone(),
            pinned_fingerprint: server.tls.pinned_fingerprint.clone(),
            proxy: server.proxy.clone(),
        })
        .collect();
    let mut file_credentials = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let server = server_ref(row.server_id)
            .ok_or_else(|| AppError::internal("A credential's server vanished during export."))?;
        file_credentials.push(FileCredential {
            reference: format!("c{}", i + 1),
            server,
            kind: row.kind,
            label: row.label.clone(),
            login: row.login.clone(),
            is_service: row.is_service,
            expires_at: row.expires_at.clone(),
            oauth: row.oauth().map(|(client_id, redirect_port)| FileOAuth {
                client_id: client_id.to_owned(),
                redirect_port,
            }),
        });
    }
    let mut file_connections = Vec::new();
    for connection in connections::list(db)? {
        let (Some(left), Some(right)) = (
            server_ref(connection.left.server_id),
            server_ref(connection.right.server_id),
        ) else {
            continue; // a demo connection
        };
        file_connections.push(FileConnection {
            name: connection.name,
            left,
            left_credential: connection.left.credential_id.and_then(credential_ref),
            right,
            right_credential: connection.right.credential_id.and_then(credential_ref),
            direction: connection.direction,
        });
    }
    Ok(WorkspaceFile {
        format: FORMAT.to_owned(),
        version: VERSION,
        exported_at: clock::rfc3339(now)?,
        servers: file_servers,
        credentials: file_credentials,
        connections: file_connections,
    })
}

/// The document as the file's text (indented, for people who look inside).
pub fn to_json(file: &WorkspaceFile) -> AppResult<String> {
    let mut text = serde_json::to_string_pretty(file)
        .map_err(|err| AppError::internal(format!("Could not write the workspace file: {err}")))?;
    text.push('\n');
    Ok(text)
}

/// Writes the workspace to `path` (through a temporary file next to it, so
/// an interrupted export never leaves half a file under the name).
pub fn write(db: &Database, path: &Path, now: OffsetDateTime) -> AppResult<ExportSummary> {
    let file = document(db, now)?;
    let text = to_json(&file)?;
    let unwritable = |err: std::io::Error| {
        AppError::validation(
            "file",
            format!(
                "Cannot write {}: {err}. Choose a folder you can write to.",
                path.display()
            ),
        )
    };
    let partial = path.with_extension("partial");
    std::fs::write(&partial, text).map_err(unwritable)?;
    if let Err(err) = std::fs::rename(&partial, path) {
        let _ = std::fs::remove_file(&partial);
        return Err(unwritable(err));
    }
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Ok(ExportSummary {
        path: path.display().to_string(),
        servers: count(file.servers.len()),
        connections: count(file.connections.len()),
        credentials: count(file.credentials.len()),
    })
}
