//! The workspace file: servers, credentials (without secrets) and
//! connections, as `kakehashi workspace export` writes and import reads it.
//! Objects refer to each other by `ref` ("s1", "c1"), never by database id,
//! so a file moves between computers.

use serde::{Deserialize, Serialize};

use super::model::CredentialKind;
use crate::workspace::{Direction, ServerKind, ServerProxy};
use crate::{AppError, AppResult};

pub const FORMAT: &str = "kakehashi-workspace";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceFile {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    pub servers: Vec<FileServer>,
    pub credentials: Vec<FileCredential>,
    pub connections: Vec<FileConnection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileServer {
    #[serde(rename = "ref")]
    pub reference: String,
    pub kind: ServerKind,
    pub name: String,
    pub base_url: String,
    #[serde(default)]
    pub alt_url: Option<String>,
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub extra_ca_pem: Option<String>,
    #[serde(default)]
    pub pinned_fingerprint: Option<String>,
    #[serde(default)]
    pub proxy: ServerProxy,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileCredential {
    #[serde(rename = "ref")]
    pub reference: String,
    /// The `ref` of its server.
    pub server: String,
    pub kind: CredentialKind,
    pub label: String,
    #[serde(default)]
    pub login: Option<String>,
    #[serde(default)]
    pub is_service: bool,
    #[serde(default)]
    pub expires_at: Option<String>,
    /// OAuth kinds: the app's settings; never its secret or any token.
    #[serde(default)]
    pub oauth: Option<FileOAuth>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileOAuth {
    pub client_id: String,
    pub redirect_port: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileConnection {
    pub name: String,
    /// Server `ref`s and credential `ref`s (none: the service credential).
    pub left: String,
    #[serde(default)]
    pub left_credential: Option<String>,
    pub right: String,
    #[serde(default)]
    pub right_credential: Option<String>,
    pub direction: Direction,
}

fn bad_file(message: impl Into<String>) -> AppError {
    AppError::validation("file", message)
}

/// Reads a workspace file, checking its format and version first so that a
/// file from another program or a newer Kakehashi is named as such, and then
/// that every reference points at something in the file.
pub fn parse(text: &str) -> AppResult<WorkspaceFile> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|err| {
        bad_file(format!(
            "The file is not JSON ({err}). Choose a file written by “Export workspace”."
        ))
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(bad_file(
            "This is not a Kakehashi workspace file. Choose a file written by “Export workspace”.",
        ));
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => {
            return Err(bad_file(format!(
                "The file is a workspace file of version {v}; this Kakehashi reads version {VERSION}. Import it with the Kakehashi that wrote it, or a newer one."
            )))
        }
        None => return Err(bad_file("The workspace file has no version number.")),
    }
    let file: WorkspaceFile = serde_json::from_value(value)
        .map_err(|err| bad_file(format!("The workspace file is damaged: {err}.")))?;
    check_references(&file)?;
    Ok(file)
}

fn check_references(file: &WorkspaceFile) -> AppResult<()> {
    let mut seen = std::collections::HashSet::new();
    for reference in file
        .servers
        .iter()
        .map(|s| &s.reference)
        .chain(file.credentials.iter().map(|c| &c.reference))
    {
        if !seen.insert(reference.as_str()) {
            return Err(bad_file(format!(
                "The workspace file names “{reference}” twice; it is damaged."
            )));
        }
    }
    let server = |reference: &str| file.servers.iter().any(|s| s.reference == reference);
    let credential_on = |reference: &str, server_ref: &str| {
        file.credentials
            .iter()
            .any(|c| c.reference == reference && c.server == server_ref)
    };
    for credential in &file.credentials {
        if !server(&credential.server) {
            return Err(bad_file(format!(
                "The credential “{}” names a server that is not in the file.",
                credential.label
            )));
        }
    }
    for (i, credential) in file.credentials.iter().enumerate() {
        let twice = file.credentials[..i].iter().any(|other| {
            other.is_service && credential.is_service && other.server == credential.server
        });
        if twice {
            return Err(bad_file(format!(
                "The file has two service credentials for one server (the second is “{}”); a server has one.",
                credential.label
            )));
        }
    }
    for connection in &file.connections {
        for (server_ref, credential_ref) in [
            (&connection.left, &connection.left_credential),
            (&connection.right, &connection.right_credential),
        ] {
            let fine = server(server_ref)
                && credential_ref
                    .as_deref()
                    .is_none_or(|c| credential_on(c, server_ref));
            if !fine {
                return Err(bad_file(format!(
                    "The connection “{}” names a server or credential that is not in the file.",
                    connection.name
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> serde_json::Value {
        serde_json::json!({
            "format": FORMAT, "version": 1, "exportedAt": "2026-01-01T00:00:00Z",
            "servers": [{"ref": "s1", "kind": "jiraCloud", "name": "J", "baseUrl": "https://x.atlassian.net"},
                        {"ref": "s2", "kind": "asana", "name": "A", "baseUrl": "https://app.asana.com"}],
            "credentials": [{"ref": "c1", "server": "s1", "kind": "jira-cloud-token", "label": "bot", "login": "bot@example.com"}],
            "connections": [{"name": "J-A", "left": "s1", "leftCredential": "c1", "right": "s2", "direction": "both"}]
        })
    }

    fn message(value: serde_json::Value) -> String {
        let err = parse(&value.to_string()).unwrap_err();
        assert!(
            matches!(&err, AppError::Validation { field, .. } if field == "file"),
            "{err:?}"
        );
        err.to_string()
    }

    #[test]
    fn a_good_file_parses_with_defaults() {
        let file = parse(&minimal().to_string()).unwrap();
        assert_eq!(file.servers[0].proxy, ServerProxy::System);
        assert!(!file.credentials[0].is_service);
    }

    #[test]
    fn wrong_format_version_or_references_are_named() {
        assert!(parse("{").unwrap_err().to_string().contains("not JSON"));
        let mut other = minimal();
        other["format"] = "something-else".into();
        assert!(message(other).contains("not a Kakehashi workspace file"));
        let mut newer = minimal();
        newer["version"] = 2.into();
        assert!(message(newer).contains("version 2"));
        let mut dangling = minimal();
        dangling["connections"][0]["leftCredential"] = "c9".into();
        assert!(message(dangling).contains("J-A"));
        let mut wrong_side = minimal();
        wrong_side["connections"][0]["right"] = "s1".into();
        wrong_side["connections"][0]["rightCredential"] = "c1".into();
        wrong_side["connections"][0]["left"] = "s2".into();
        assert!(message(wrong_side).contains("J-A"));
        let mut twice = minimal();
        twice["servers"][1]["ref"] = "s1".into();
        assert!(message(twice).contains("twice"));
    }
}
