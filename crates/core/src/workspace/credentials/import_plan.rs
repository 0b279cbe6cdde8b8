//! The import's decisions, made before anything is written: which servers
//! and credentials of the file are here already (and are reused), which
//! service credentials stay as they are, which connections are skipped, and
//! the notes that tell the user so.

use time::OffsetDateTime;

use super::file_format::{FileCredential, WorkspaceFile};
use super::store;
use crate::store::Database;
use crate::workspace::connections;
use crate::workspace::server_validation::normalised_base_url;
use crate::workspace::servers;
use crate::{AppError, AppResult};

/// The decisions for one file, made before anything is written.
pub(super) struct Plan {
    pub(super) file: WorkspaceFile,
    /// Per file server: the id of the server here that is reused.
    pub(super) servers: Vec<Option<u32>>,
    pub(super) credentials: Vec<PlannedCredential>,
    /// Per file connection: skipped because the name is taken.
    pub(super) skipped: Vec<bool>,
    pub(super) notes: Vec<String>,
}

pub(super) struct PlannedCredential {
    pub(super) server_index: usize,
    /// The credential here that is reused.
    pub(super) existing: Option<u32>,
    /// Becomes the service credential (false when the server here has one).
    pub(super) service: bool,
}

impl PlannedCredential {
    pub(super) fn needs_secret(&self, file: &FileCredential) -> bool {
        self.existing.is_none() && !file.kind.is_oauth()
    }
}

pub(super) fn plan(db: &Database, file: WorkspaceFile, now: OffsetDateTime) -> AppResult<Plan> {
    let mut notes = Vec::new();
    let here = servers::list(db)?;
    let mut reused_servers = Vec::new();
    for server in &file.servers {
        let base_url = normalised_base_url(&server.base_url, server.kind)?;
        let existing = here
            .iter()
            .find(|s| !s.is_demo && s.kind == server.kind && s.base_url == base_url);
        if let Some(existing) = existing {
            notes.push(format!(
                "The server “{}” is here already as “{}” ({}): it is reused, with its own settings.",
                server.name, existing.name, existing.base_url
            ));
        }
        reused_servers.push(existing.map(|s| s.id));
    }
    let rows = store::rows(db)?;
    let mut credentials = Vec::new();
    for credential in &file.credentials {
        let server_index = file
            .servers
            .iter()
            .position(|s| s.reference == credential.server)
            .ok_or_else(|| AppError::internal("A checked reference vanished."))?;
        let server_here = reused_servers[server_index];
        let existing = server_here.and_then(|server_id| {
            rows.iter().find(|row| {
                row.server_id == server_id
                    && row.kind == credential.kind
                    && row.label == credential.label.trim()
                    && row.login.as_deref() == credential.login.as_deref().map(str::trim)
            })
        });
        let mut service = credential.is_service && existing.is_none();
        if let Some(row) = existing {
            notes.push(format!(
                "The credential “{}” is here already: it is reused and keeps its secret.",
                row.label
            ));
        } else if service {
            let current = server_here
                .map(|server_id| store::service_of(db, server_id))
                .transpose()?
                .flatten();
            if let Some(current) = current {
                service = false;
                notes.push(format!(
                    "“{}” keeps its service credential “{}”; “{}” is added as a regular credential.",
                    current.server_name, current.label, credential.label
                ));
            }
        }
        if existing.is_none() {
            if credential.kind.is_oauth() {
                notes.push(format!(
                    "“{}” signs in with OAuth 2.0: choose Sign in for it after the import.",
                    credential.label
                ));
            }
            let expiry = super::expiry_of(credential.expires_at.as_deref(), now);
            if expiry.is_expired() {
                notes.push(format!(
                    "“{}” expired on {}: rotate it after the import.",
                    credential.label,
                    credential.expires_at.as_deref().unwrap_or_default()
                ));
            }
        }
        credentials.push(PlannedCredential {
            server_index,
            existing: existing.map(|row| row.id),
            service,
        });
    }
    let names_here: Vec<String> = connections::list(db)?.into_iter().map(|c| c.name).collect();
    let mut skipped = Vec::new();
    for (i, connection) in file.connections.iter().enumerate() {
        let name = connection.name.trim();
        let taken = names_here.iter().any(|n| n == name)
            || file.connections[..i].iter().any(|c| c.name.trim() == name);
        if taken {
            notes.push(format!(
                "A connection named “{name}” exists already: it is skipped."
            ));
        }
        skipped.push(taken);
    }
    Ok(Plan {
        file,
        servers: reused_servers,
        credentials,
        skipped,
        notes,
    })
}
