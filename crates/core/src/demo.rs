//! The demo workspace: the simulators running inside the app, registered
//! like real servers — servers, service credentials with their secrets in the
//! keychain, and connections — all marked as demo and removable in one step.
//!
//! The core does not start simulators (it depends on no simulator code); the
//! app starts them and hands their addresses and logins in as [`DemoEndpoint`]s.

use serde::{Deserialize, Serialize};

use kakehashi_secrets::{SecretStore, Sensitive};

use crate::store::Database;
use crate::workspace::{
    connections, credentials, servers, ConnectionSide, CredentialInput, CredentialKind, Direction,
    NewConnection, NewServer, ServerKind, ServerProxy, ServerTls,
};
use crate::{clock, AppError, AppResult};

/// One running simulator, as the app announces it.
#[derive(Debug, Clone)]
pub struct DemoEndpoint {
    pub kind: ServerKind,
    pub url: String,
    pub login: String,
    pub secret: Sensitive<String>,
}

/// What Home shows about the demo workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub servers: u32,
    pub connections: u32,
}

/// Which credential kind the demo uses on each server: the simplest one the
/// vendor offers for a service account.
fn credential_kind(kind: ServerKind) -> CredentialKind {
    match kind {
        ServerKind::JiraCloud => CredentialKind::JiraCloudToken,
        ServerKind::JiraDataCenter => CredentialKind::JiraDcPassword,
        ServerKind::TimeTrackerNx => CredentialKind::TtnxApiKey,
        ServerKind::Asana => CredentialKind::AsanaPat,
    }
}

/// The demo's connections: the three pairs Kakehashi syncs.
const DEMO_PAIRS: [(ServerKind, ServerKind); 3] = [
    (ServerKind::JiraCloud, ServerKind::TimeTrackerNx),
    (ServerKind::JiraDataCenter, ServerKind::JiraCloud),
    (ServerKind::Asana, ServerKind::JiraCloud),
];

pub fn summary(db: &Database) -> AppResult<Option<DemoSummary>> {
    let (servers, connections): (u32, u32) = db.conn().query_row(
        "SELECT (SELECT count(*) FROM servers WHERE is_demo = 1),
                (SELECT count(*) FROM connections c JOIN servers s ON s.id = c.left_server_id WHERE s.is_demo = 1)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok((servers > 0).then_some(DemoSummary {
        servers,
        connections,
    }))
}

/// Registers the demo workspace. `label` is the word for "Demo" in the
/// user's language; it starts every name so nobody mistakes demo for real.
pub fn create(
    db: &Database,
    secrets: &dyn SecretStore,
    endpoints: &[DemoEndpoint],
    label: &str,
) -> AppResult<DemoSummary> {
    if summary(db)?.is_some() {
        return Err(AppError::conflict(
            "The demo workspace exists already; remove it first to start afresh.",
        ));
    }
    let tx = db.conn().unchecked_transaction()?;
    let mut created_credentials = Vec::new();
    let result = register(db, secrets, endpoints, label, &mut created_credentials);
    match result {
        Ok(()) => {
            tx.commit()?;
            summary(db)?.ok_or_else(|| {
                AppError::internal("The demo workspace vanished right after it was created.")
            })
        }
        Err(err) => {
            // The rows roll back with the transaction; the keychain does not.
            for id in created_credentials {
                let _ = credentials::remove(db, secrets, id);
            }
            Err(err)
        }
    }
}

fn register(
    db: &Database,
    secrets: &dyn SecretStore,
    endpoints: &[DemoEndpoint],
    label: &str,
    created_credentials: &mut Vec<u32>,
) -> AppResult<()> {
    let mut sides = Vec::new();
    for endpoint in endpoints {
        let server = servers::add(
            db,
            &NewServer {
                kind: endpoint.kind,
                name: format!("{label}: {}", endpoint.kind.product_name()),
                base_url: endpoint.url.clone(),
                alt_url: None,
                time_zone: (endpoint.kind == ServerKind::TimeTrackerNx)
                    .then(|| "Asia/Tokyo".to_owned()),
                is_demo: true,
                tls: ServerTls::default(),
                proxy: ServerProxy::System,
            },
        )?;
        let credential = credentials::add(
            db,
            secrets,
            &CredentialInput {
                server_id: server.id,
                kind: credential_kind(endpoint.kind),
                label: format!("{label}: {}", endpoint.login),
                login: Some(endpoint.login.clone()),
                is_service: true,
                expires_at: None,
                secret: endpoint.secret.clone(),
            },
            clock::now(),
        )?
        .credential;
        created_credentials.push(credential.id);
        sides.push((
            endpoint.kind,
            ConnectionSide {
                server_id: server.id,
                credential_id: Some(credential.id),
            },
        ));
    }
    let side = |kind: ServerKind| {
        sides
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, side)| *side)
            .ok_or_else(|| {
                AppError::internal(format!(
                    "The demo simulator for {} did not start.",
                    kind.product_name()
                ))
            })
    };
    for (left, right) in DEMO_PAIRS {
        connections::add(
            db,
            &NewConnection {
                name: format!(
                    "{label}: {} ↔ {}",
                    left.product_name(),
                    right.product_name()
                ),
                left: side(left)?,
                right: side(right)?,
                direction: Direction::Both,
            },
        )?;
    }
    Ok(())
}

/// Points the demo servers at the simulators of this run (their ports change
/// with every start of the app).
pub fn update_urls(db: &Database, endpoints: &[DemoEndpoint]) -> AppResult<()> {
    for server in servers::list(db)?
        .into_iter()
        .filter(|server| server.is_demo)
    {
        if let Some(endpoint) = endpoints
            .iter()
            .find(|endpoint| endpoint.kind == server.kind)
        {
            servers::set_base_url(db, server.id, &endpoint.url)?;
        }
    }
    Ok(())
}

/// Removes every demo server with its credentials (and their keychain
/// entries) and connections. Real servers are untouched.
pub fn remove(db: &Database, secrets: &dyn SecretStore) -> AppResult<()> {
    let demo_servers: Vec<u32> = servers::list(db)?
        .into_iter()
        .filter(|s| s.is_demo)
        .map(|s| s.id)
        .collect();
    for server in demo_servers {
        for credential in credentials::on_server(db, server)? {
            credentials::remove(db, secrets, credential)?;
        }
    }
    db.conn()
        .execute("DELETE FROM servers WHERE is_demo = 1", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kakehashi_secrets::MemoryStore;

    fn endpoints() -> Vec<DemoEndpoint> {
        [
            (
                ServerKind::JiraCloud,
                "http://127.0.0.1:4001",
                "bot@example.com",
            ),
            (ServerKind::JiraDataCenter, "http://127.0.0.1:4002", "bot"),
            (
                ServerKind::TimeTrackerNx,
                "http://127.0.0.1:4003/TimeTrackerNX",
                "bot",
            ),
            (
                ServerKind::Asana,
                "http://127.0.0.1:4004",
                "bot@example.com",
            ),
        ]
        .into_iter()
        .map(|(kind, url, login)| DemoEndpoint {
            kind,
            url: url.into(),
            login: login.into(),
            secret: Sensitive::new(format!("secret-for-{}", kind.as_db())),
        })
        .collect()
    }

    #[test]
    fn create_registers_servers_service_credentials_and_connections() {
        let db = Database::open_in_memory().unwrap();
        let secrets = MemoryStore::default();
        let summary = create(&db, &secrets, &endpoints(), "Demo").unwrap();
        assert_eq!(
            summary,
            DemoSummary {
                servers: 4,
                connections: 3
            }
        );

        let servers = servers::list(&db).unwrap();
        assert!(servers
            .iter()
            .all(|s| s.is_demo && s.name.starts_with("Demo: ")));
        let credentials = credentials::list(&db, &secrets, clock::now()).unwrap();
        assert_eq!(credentials.len(), 4);
        assert!(credentials.iter().all(|c| c.is_service));
        // The secrets are in the (here: memory) keychain, one per credential.
        assert_eq!(secrets.accounts().len(), 4);
        let jira = credentials
            .iter()
            .find(|c| c.kind == CredentialKind::JiraCloudToken)
            .unwrap();
        assert_eq!(
            credentials::secret(&db, &secrets, jira.id)
                .unwrap()
                .expose(),
            "secret-for-jiraCloud"
        );
        let names: Vec<_> = connections::list(&db)
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            names,
            [
                "Demo: Jira Cloud ↔ TimeTracker NX",
                "Demo: Jira Data Center ↔ Jira Cloud",
                "Demo: Asana ↔ Jira Cloud"
            ]
        );
    }

    #[test]
    fn create_twice_is_a_conflict_and_changes_nothing() {
        let db = Database::open_in_memory().unwrap();
        let secrets = MemoryStore::default();
        create(&db, &secrets, &endpoints(), "デモ").unwrap();
        let err = create(&db, &secrets, &endpoints(), "デモ").unwrap_err();
        assert_eq!(err.code(), "Conflict");
        assert_eq!(secrets.accounts().len(), 4);
    }

    #[test]
    fn a_missing_simulator_rolls_everything_back_including_the_keychain() {
        let db = Database::open_in_memory().unwrap();
        let secrets = MemoryStore::default();
        let mut partial = endpoints();
        partial.retain(|e| e.kind != ServerKind::Asana);
        let err = create(&db, &secrets, &partial, "Demo").unwrap_err();
        assert!(err.to_string().contains("Asana"), "{err}");
        assert!(servers::list(&db).unwrap().is_empty());
        assert!(credentials::list(&db, &secrets, clock::now())
            .unwrap()
            .is_empty());
        assert!(secrets.accounts().is_empty(), "{:?}", secrets.accounts());
    }

    #[test]
    fn remove_takes_only_the_demo_and_its_secrets() {
        let db = Database::open_in_memory().unwrap();
        let secrets = MemoryStore::default();
        let real = servers::add(
            &db,
            &NewServer {
                kind: ServerKind::JiraCloud,
                name: "Production Jira".into(),
                base_url: "https://example.atlassian.net".into(),
                alt_url: None,
                time_zone: None,
                is_demo: false,
                tls: ServerTls::default(),
                proxy: ServerProxy::System,
            },
        )
        .unwrap();
        create(&db, &secrets, &endpoints(), "Demo").unwrap();
        remove(&db, &secrets).unwrap();
        assert_eq!(servers::list(&db).unwrap(), vec![real]);
        assert!(connections::list(&db).unwrap().is_empty());
        assert!(secrets.accounts().is_empty());
        assert_eq!(summary(&db).unwrap(), None);
    }

    #[test]
    fn update_urls_follows_the_new_ports() {
        let db = Database::open_in_memory().unwrap();
        let secrets = MemoryStore::default();
        create(&db, &secrets, &endpoints(), "Demo").unwrap();
        let mut moved = endpoints();
        moved[0].url = "http://127.0.0.1:5001".into();
        update_urls(&db, &moved).unwrap();
        let jira = servers::list(&db)
            .unwrap()
            .into_iter()
            .find(|s| s.kind == ServerKind::JiraCloud)
            .unwrap();
        assert_eq!(jira.base_url, "http://127.0.0.1:5001");
    }
}
