//! A stored server → a vendor client signed in with the server's SERVICE
//! credential, for features that act on a server without a connection
//! (member management, seeding members from a Jira role). The credential
//! is found and read the way a connection side without its own credential
//! reads it (`workspace::credentials::side`), so the service credential,
//! OAuth tokens and keychain errors behave the same everywhere.
//!
//! Jira needs the network to build a client (`serverInfo` tells Cloud from
//! Data Center), so it is split: [`jira_sign_in`] reads the database and
//! the keychain, [`JiraSignIn::connect`] goes to the network. A caller that
//! holds the database behind a lock (the desktop app) releases it between
//! the two; [`jira_client`] runs both for callers that own the database.

use kakehashi_http::Endpoint;
use kakehashi_jira::JiraClient;
use kakehashi_secrets::SecretStore;
use kakehashi_ttnx::TtnxClient;

use super::credentials::ClientCredentials;
use super::endpoint::endpoint_for;
use crate::store::Database;
use crate::workspace::credentials::side::for_side;
use crate::workspace::{servers, Server, ServerKind};
use crate::{AppError, AppResult};

/// The server's TimeTracker NX client, signed in with its service
/// credential. Fails, saying what to do, when the server is not a
/// TimeTracker NX server, has no service credential, its OAuth credential
/// is not signed in, or the keychain lost its secret.
pub fn ttnx_client(
    db: &Database,
    secrets: &dyn SecretStore,
    server_id: u32,
) -> AppResult<(Server, TtnxClient)> {
    let server = servers::get(db, server_id)?;
    require_kind(&server, &[ServerKind::TimeTrackerNx], "TimeTracker NX")?;
    match service_signing(db, secrets, &server)? {
        ClientCredentials::Ttnx(credentials) => {
            let client = TtnxClient::new(endpoint_for(&server)?, credentials)?;
            Ok((server, client))
        }
        other => Err(wrong_vendor(&server, &other)),
    }
}

/// Everything a Jira client needs, read from the database and keychain;
/// `Send`, so it can cross an `.await` without the database.
#[derive(Debug)]
pub struct JiraSignIn {
    pub server: Server,
    endpoint: Endpoint,
    credentials: kakehashi_jira::Credentials,
}

impl JiraSignIn {
    /// Asks the server what it is (one anonymous `serverInfo`) and returns
    /// the client signed in with the service credential.
    pub async fn connect(self) -> AppResult<(Server, JiraClient)> {
        let client = JiraClient::connect(self.endpoint, self.credentials).await?;
        Ok((self.server, client))
    }
}

/// The database-and-keychain half of [`jira_client`].
pub fn jira_sign_in(
    db: &Database,
    secrets: &dyn SecretStore,
    server_id: u32,
) -> AppResult<JiraSignIn> {
    let server = servers::get(db, server_id)?;
    require_kind(
        &server,
        &[ServerKind::JiraCloud, ServerKind::JiraDataCenter],
        "Jira",
    )?;
    match service_signing(db, secrets, &server)? {
        ClientCredentials::Jira(credentials) => Ok(JiraSignIn {
            endpoint: endpoint_for(&server)?,
            server,
            credentials,
        }),
        other => Err(wrong_vendor(&server, &other)),
    }
}

/// The server's Jira client, signed in with its service credential (the
/// same failures as [`ttnx_client`]). Holds `db` across the network call;
/// see [`jira_sign_in`] for callers that must not.
pub async fn jira_client(
    db: &Database,
    secrets: &dyn SecretStore,
    server_id: u32,
) -> AppResult<(Server, JiraClient)> {
    jira_sign_in(db, secrets, server_id)?.connect().await
}

fn require_kind(server: &Server, kinds: &[ServerKind], wanted: &str) -> AppResult<()> {
    if kinds.contains(&server.kind) {
        return Ok(());
    }
    Err(AppError::validation(
        "serverId",
        format!(
            "“{}” is a {} server, not {wanted}: pick a {wanted} server.",
            server.name,
            server.kind.product_name()
        ),
    ))
}

/// What the server's service credential signs requests with.
fn service_signing(
    db: &Database,
    secrets: &dyn SecretStore,
    server: &Server,
) -> AppResult<ClientCredentials> {
    let credential = for_side(db, secrets, server, None)?.ok_or_else(|| {
        AppError::validation(
            "serverId",
            format!(
                "“{}” has no service credential. Add a credential for it and mark it as the service credential on Credentials (kakehashi credential edit ID --service).",
                server.name
            ),
        )
    })?;
    // Not signed in (OAuth), secret gone from the keychain, a kind that
    // cannot sign in to the REST API: the error already says what to do.
    credential.signing.map_err(|err| {
        let hint = format!(
            "(The service credential “{}” of “{}”.)",
            credential.label, server.name
        );
        err.with_hint(&hint)
    })
}

/// A service credential of another vendor's kind: registration refuses
/// that, so only a database edited by hand gets here.
fn wrong_vendor(server: &Server, credentials: &ClientCredentials) -> AppError {
    let vendor = match credentials {
        ClientCredentials::Jira(_) => "Jira",
        ClientCredentials::Ttnx(_) => "TimeTracker NX",
        ClientCredentials::Asana(_) => "Asana",
    };
    AppError::validation(
        "serverId",
        format!(
            "The service credential of “{}” is a {vendor} credential, which a {} server does not accept: mark one of this server's own credentials as the service credential.",
            server.name,
            server.kind.product_name()
        ),
    )
}

#[cfg(test)]
mod tests {
    use kakehashi_secrets::{MemoryStore, Sensitive};

    use super::*;
    use crate::clock;
    use crate::workspace::credentials::{self, CredentialInput, CredentialKind};
    use crate::workspace::{NewServer, ServerProxy, ServerTls};

    fn server(db: &Database, kind: ServerKind, url: &str) -> Server {
        servers::add(
            db,
            &NewServer {
                kind,
                name: format!("{} test", kind.product_name()),
                base_url: url.into(),
                alt_url: None,
                time_zone: None,
                is_demo: false,
                tls: ServerTls::default(),
                proxy: ServerProxy::Direct,
            },
        )
        .unwrap()
    }

    fn credential(
        db: &Database,
        secrets: &MemoryStore,
        server: &Server,
        kind: CredentialKind,
        service: bool,
    ) -> u32 {
        credentials::add(
            db,
            secrets,
            &CredentialInput {
                server_id: server.id,
                kind,
                label: "bot".into(),
                login: Some("bot@example.com".into()),
                expires_at: None,
                is_service: service,
                secret: Sensitive::new("k-123456".into()),
            },
            clock::now(),
        )
        .unwrap()
        .credential
        .id
    }

    #[test]
    fn a_ttnx_server_with_a_service_credential_gives_a_client() {
        let db = Database::open_in_memory().unwrap();
        let secrets = MemoryStore::default();
        let tt = server(
            &db,
            ServerKind::TimeTrackerNx,
            "https://tt.example.com/TimeTrackerNX",
        );
        credential(&db, &secrets, &tt, CredentialKind::TtnxApiKey, true);
        let (found, _client) = ttnx_client(&db, &secrets, tt.id).unwrap();
        assert_eq!(found.id, tt.id);
    }

    #[test]
    fn each_missing_piece_is_named_with_what_to_do() {
        let db = Database::open_in_memory().unwrap();
        let secrets = MemoryStore::default();
        let tt = server(
            &db,
            ServerKind::TimeTrackerNx,
            "https://tt.example.com/TimeTrackerNX",
        );
        let jira = server(&db, ServerKind::JiraCloud, "https://acme.atlassian.net");

        let err = ttnx_client(&db, &secrets, jira.id).unwrap_err();
        assert!(err.to_string().contains("not TimeTracker NX"), "{err}");
        let err = jira_sign_in(&db, &secrets, tt.id).unwrap_err();
        assert!(err.to_string().contains("not Jira"), "{err}");

        // A credential that is not the service credential does not count.
        credential(&db, &secrets, &tt, CredentialKind::TtnxApiKey, false);
        let err = ttnx_client(&db, &secrets, tt.id).unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert!(err.to_string().contains("service credential"), "{err}");

        // The secret vanished from the keychain.
        let id = credential(&db, &secrets, &tt, CredentialKind::TtnxApiKey, true);
        let account = credentials::secret_account(&db, id).unwrap();
        secrets.delete(&account).unwrap();
        let err = ttnx_client(&db, &secrets, tt.id).unwrap_err();
        assert_eq!(err.code(), "NotFound");
        assert!(err.to_string().contains("Rotate"), "{err}");

        let err = ttnx_client(&db, &secrets, 999).unwrap_err();
        assert_eq!(err.code(), "NotFound");
    }

    #[test]
    fn a_jira_server_signs_in_without_the_network_until_connect() {
        let db = Database::open_in_memory().unwrap();
        let secrets = MemoryStore::default();
        let jira = server(&db, ServerKind::JiraCloud, "https://acme.atlassian.net");
        credential(&db, &secrets, &jira, CredentialKind::JiraCloudToken, true);
        let sign_in = jira_sign_in(&db, &secrets, jira.id).unwrap();
        assert_eq!(sign_in.server.id, jira.id);
        assert!(
            !format!("{sign_in:?}").contains("k-123456"),
            "no secret in Debug"
        );
    }
}
