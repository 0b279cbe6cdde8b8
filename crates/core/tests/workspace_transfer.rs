//! Export and import of a workspace: a file without secrets, and an import
//! that asks for them, reuses what exists, and is all-or-nothing.

mod support;

use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials::import::{self, ImportSecret};
use kakehashi_core::workspace::credentials::{
    self, export, CredentialInput, CredentialKind, OAuthRegistration,
};
use kakehashi_core::workspace::{
    connections, servers, ConnectionSide, Direction, NewConnection, NewServer, ServerKind,
    ServerProxy, ServerTls,
};
use kakehashi_secrets::SecretStore;
use support::{secret, server, Flaky};
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2026-02-01 12:00 UTC);
const SECRETS: [&str; 3] = [
    "ATATT-export-test-token",
    "tt-export-api-key",
    "oauth-client-secret-xyz",
];

/// A workspace with a Jira Cloud service token, a TT NX key, a Jira DC
/// OAuth credential (signed in, client secret in the keychain), two
/// connections, and a demo server that must not be exported.
fn source() -> (Database, Flaky) {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let cloud = server(
        &db,
        ServerKind::JiraCloud,
        "Cloud",
        "https://acme.atlassian.net",
    );
    let tt = servers::add(
        &db,
        &NewServer {
            kind: ServerKind::TimeTrackerNx,
            name: "TT".into(),
            base_url: "https://tt.example.com/TimeTrackerNX".into(),
            alt_url: Some("http://10.0.0.7/TimeTrackerNX".into()),
            time_zone: Some("Asia/Tokyo".into()),
            is_demo: false,
            tls: ServerTls {
                extra_ca_pem: None,
                pinned_fingerprint: Some("ab".repeat(32)),
            },
            proxy: ServerProxy::Direct,
        },
    )
    .unwrap();
    let dc = server(
        &db,
        ServerKind::JiraDataCenter,
        "DC",
        "https://jira.example.com",
    );
    let token = credentials::add(
        &db,
        &store,
        &CredentialInput {
            server_id: cloud.id,
            kind: CredentialKind::JiraCloudToken,
            label: "sync token".into(),
            login: Some("bot@example.com".into()),
            expires_at: Some("2026-12-31".into()),
            is_service: true,
            secret: secret(SECRETS[0]),
        },
        NOW,
    )
    .unwrap()
    .credential;
    let key = credentials::add(
        &db,
        &store,
        &CredentialInput {
            server_id: tt.id,
            kind: CredentialKind::TtnxApiKey,
            label: "tt key".into(),
            login: None,
            expires_at: None,
            is_service: false,
            secret: secret(SECRETS[1]),
        },
        NOW,
    )
    .unwrap()
    .credential;
    let oauth = credentials::add_oauth(
        &db,
        &store,
        &OAuthRegistration {
            server_id: dc.id,
            kind: CredentialKind::JiraDcOauth,
            label: "dc link".into(),
            client_id: "client-abc".into(),
            redirect_port: 53682,
            is_service: true,
            scopes: None,
        },
        NOW,
    )
    .unwrap()
    .credential;
    let account = credentials::secret_account(&db, oauth.id).unwrap();
    let tokens = format!(
        r#"{{"access_token":"at","refresh_token":"rt","client_secret":"{}"}}"#,
        SECRETS[2]
    );
    store.set(&account, &secret(&tokens)).unwrap();
    let connect = |name: &str, left, left_credential, right, right_credential| {
        connections::add(
            &db,
            &NewConnection {
                name: name.into(),
                left: ConnectionSide {
                    server_id: left,
                    credential_id: left_credential,
                },
                right: ConnectionSide {
                    server_id: right,
                    credential_id: right_credential,
                },
                direction: Direction::LeftToRight,
            },
        )
        .unwrap();
    };
    connect("Cloud → TT", cloud.id, None, tt.id, Some(key.id));
    connect(
        "DC → Cloud",
        dc.id,
        Some(oauth.id),
        cloud.id,
        Some(token.id),
    );
    servers::add(
        &db,
        &NewServer {
            kind: ServerKind::Asana,
            name: "Demo: Asana".into(),
            base_url: "http://127.0.0.1:4004".into(),
            alt_url: None,
            time_zone: None,
            is_demo: true,
            tls: ServerTls::default(),
            proxy: ServerProxy::System,
        },
    )
    .unwrap();
    (db, store)
}

fn exported(db: &Database) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("workspace.json");
    let summary = export::write(db, &path, NOW).unwrap();
    assert_eq!(
        (summary.servers, summary.credentials, summary.connections),
        (3, 3, 2)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no partial file left behind");
    text
}

#[test]
fn the_file_holds_everything_but_secrets_and_the_demo() {
    let (db, _store) = source();
    let text = exported(&db);
    for value in SECRETS.iter().chain(&["\"at\"", "\"rt\"", "refresh_token"]) {
        assert!(
            !text.contains(value),
            "{value} leaked into the file:\n{text}"
        );
    }
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["format"], "kakehashi-workspace");
    assert_eq!(file["version"], 1);
    assert_eq!(file["exportedAt"], "2026-02-01T12:00:00Z");
    assert!(!text.contains("Demo"), "{text}");
    let tt = &file["servers"][1];
    assert_eq!(tt["altUrl"], "http://10.0.0.7/TimeTrackerNX");
    assert_eq!(tt["timeZone"], "Asia/Tokyo");
    assert_eq!(tt["proxy"]["mode"], "direct");
    assert_eq!(tt["pinnedFingerprint"], ["AB"; 32].join(":"));
    let oauth = file["credentials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "jira-dc-oauth")
        .unwrap();
    assert_eq!(
        oauth["oauth"],
        serde_json::json!({"clientId": "client-abc", "redirectPort": 53682})
    );
    let connection = &file["connections"][1];
    assert_eq!(connection["name"], "DC → Cloud");
    assert_eq!(connection["direction"], "leftToRight");
    assert!(connection["leftCredential"].is_string() && connection["rightCredential"].is_string());
    assert!(file["connections"][0]["leftCredential"].is_null());
}

#[test]
fn import_asks_for_the_secrets_and_round_trips_the_workspace() {
    let (db, _store) = source();
    let text = exported(&db);
    let target = Database::open_in_memory().unwrap();
    let store = Flaky::default();

    let preview = import::preview(&target, &text, NOW).unwrap();
    assert!(preview.servers.iter().all(|s| !s.existing));
    assert_eq!(preview.connections, ["Cloud → TT", "DC → Cloud"]);
    let asked: Vec<_> = preview
        .credentials
        .iter()
        .map(|c| (c.index, c.label.as_str(), c.needs_secret))
        .collect();
    assert_eq!(
        asked,
        [
            (0, "sync token", true),
            (1, "tt key", true),
            (2, "dc link", false)
        ]
    );
    assert!(
        preview
            .notes
            .iter()
            .any(|n| n.contains("dc link") && n.contains("Sign in")),
        "{:?}",
        preview.notes
    );

    // A secret missing: refused before anything is written.
    let only_one = [ImportSecret {
        index: 0,
        secret: secret(SECRETS[0]),
    }];
    let err = import::apply(&target, &store, &text, &only_one, NOW).unwrap_err();
    assert_eq!(err.code(), "Validation");
    assert!(err.to_string().contains("tt key"), "{err}");
    assert!(servers::list(&target).unwrap().is_empty());
    assert!(store.inner.accounts().is_empty());

    let typed = [
        ImportSecret {
            index: 1,
            secret: secret("tt-key-typed-again"),
        },
        ImportSecret {
            index: 0,
            secret: secret("ATATT-typed-again"),
        },
    ];
    let summary = import::apply(&target, &store, &text, &typed, NOW).unwrap();
    assert_eq!((summary.servers_added, summary.servers_reused), (3, 0));
    assert_eq!(
        (summary.credentials_added, summary.connections_added),
        (3, 2)
    );
    assert_eq!(summary.sign_in_needed, ["dc link"]);

    let imported = credentials::list(&target, &store, NOW).unwrap();
    let by_label = |label: &str| imported.iter().find(|c| c.label == label).unwrap().clone();
    let token = by_label("sync token");
    assert!(token.is_service);
    assert_eq!(token.expires_at.as_deref(), Some("2026-12-31"));
    assert_eq!(
        credentials::secret(&target, &store, token.id)
            .unwrap()
            .expose(),
        "ATATT-typed-again"
    );
    let key = by_label("tt key");
    assert_eq!(
        credentials::secret(&target, &store, key.id)
            .unwrap()
            .expose(),
        "tt-key-typed-again"
    );
    let link = by_label("dc link");
    let oauth = link.oauth.clone().unwrap();
    assert_eq!(
        (
            oauth.client_id.as_str(),
            oauth.redirect_port,
            oauth.signed_in
        ),
        ("client-abc", 53682, false)
    );
    assert!(link.is_service);
    assert_eq!(token.used_by, ["Cloud → TT", "DC → Cloud"]);
    let tt = servers::list(&target)
        .unwrap()
        .into_iter()
        .find(|s| s.name == "TT")
        .unwrap();
    assert_eq!(tt.proxy, ServerProxy::Direct);
    assert_eq!(tt.time_zone.as_deref(), Some("Asia/Tokyo"));

    // The same file again: everything is here already.
    let preview = import::preview(&target, &text, NOW).unwrap();
    assert!(preview.servers.iter().all(|s| s.existing));
    assert!(preview
        .credentials
        .iter()
        .all(|c| c.existing && !c.needs_secret));
    assert!(preview.connections.is_empty());
    let again = import::apply(&target, &store, &text, &[], NOW).unwrap();
    assert_eq!((again.servers_added, again.servers_reused), (0, 3));
    assert_eq!((again.credentials_added, again.credentials_reused), (0, 3));
    assert_eq!(again.connections_skipped, ["Cloud → TT", "DC → Cloud"]);
    assert_eq!(credentials::list(&target, &store, NOW).unwrap().len(), 3);
}

#[test]
fn a_server_here_keeps_its_service_credential() {
    let (db, _store) = source();
    let text = exported(&db);
    let target = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let cloud = server(
        &target,
        ServerKind::JiraCloud,
        "Our cloud",
        "https://acme.atlassian.net/",
    );
    let ours = credentials::add(
        &target,
        &store,
        &CredentialInput {
            server_id: cloud.id,
            kind: CredentialKind::JiraCloudToken,
            label: "our token".into(),
            login: Some("me@example.com".into()),
            expires_at: None,
            is_service: true,
            secret: secret("ATATT-ours"),
        },
        NOW,
    )
    .unwrap()
    .credential;
    let preview = import::preview(&target, &text, NOW).unwrap();
    assert!(preview.servers[0].existing);
    assert!(
        preview
            .notes
            .iter()
            .any(|n| n.contains("keeps its service credential “our token”")),
        "{:?}",
        preview.notes
    );
    let typed = [
        ImportSecret {
            index: 0,
            secret: secret("ATATT-imported"),
        },
        ImportSecret {
            index: 1,
            secret: secret("tt-key"),
        },
    ];
    import::apply(&target, &store, &text, &typed, NOW).unwrap();
    let all = credentials::list(&target, &store, NOW).unwrap();
    let services: Vec<_> = all
        .iter()
        .filter(|c| c.is_service)
        .map(|c| c.label.as_str())
        .collect();
    assert!(
        services.contains(&"our token") && !services.contains(&"sync token"),
        "{services:?}"
    );
    assert_eq!(
        credentials::secret(&target, &store, ours.id)
            .unwrap()
            .expose(),
        "ATATT-ours"
    );
    assert_eq!(
        servers::list(&target).unwrap().len(),
        3,
        "the cloud server was reused"
    );
}

#[test]
fn a_failure_half_way_rolls_back_rows_and_keychain_entries() {
    let (db, _store) = source();
    let mut file: serde_json::Value = serde_json::from_str(&exported(&db)).unwrap();
    // The last server carries a proxy with a password: refused when it is added,
    // after the keychain entries were written.
    file["servers"][2]["proxy"] =
        serde_json::json!({"mode": "custom", "url": "http://u:pw@proxy:8080"});
    let text = file.to_string();
    let target = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let typed = [
        ImportSecret {
            index: 0,
            secret: secret("ATATT-x"),
        },
        ImportSecret {
            index: 1,
            secret: secret("tt-x"),
        },
    ];
    let err = import::apply(&target, &store, &text, &typed, NOW).unwrap_err();
    assert_eq!(err.code(), "Validation");
    assert!(err.to_string().contains("DC"), "{err}");
    assert!(servers::list(&target).unwrap().is_empty());
    assert!(
        store.inner.accounts().is_empty(),
        "{:?}",
        store.inner.accounts()
    );

    // An unreachable keychain: nothing at all.
    store.fail_set(true);
    let err = import::apply(&target, &store, &exported(&db), &typed, NOW).unwrap_err();
    assert_eq!(err.code(), "KeychainUnavailable");
    assert!(servers::list(&target).unwrap().is_empty());

    let err = import::apply(
        &target,
        &store,
        "{\"format\":\"kakehashi-workspace\",\"version\":9}",
        &[],
        NOW,
    )
    .unwrap_err();
    assert!(err.to_string().contains("version 9"), "{err}");
    let stray = [ImportSecret {
        index: 7,
        secret: secret("x"),
    }];
    store.fail_set(false);
    let err = import::apply(&target, &store, &exported(&db), &stray, NOW).unwrap_err();
    assert_eq!(err.code(), "Validation");
}
