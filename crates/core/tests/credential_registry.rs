//! The credential registry on a real SQLite schema with an in-memory secret
//! store and a fixed clock: validation, service credentials (seed 000),
//! edit, rotate (never losing the old secret), remove.

mod support;

use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials::{
    self, CredentialEdit, CredentialInput, CredentialKind, Expiry, ReplacedService, Verification,
};
use kakehashi_core::workspace::{
    connections, ConnectionSide, Direction, NewConnection, ServerKind,
};
use kakehashi_core::AppError;
use kakehashi_secrets::SecretStore;
use support::{secret, server, Flaky};
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2026-01-10 09:30 UTC);

fn input(server_id: u32, kind: CredentialKind, label: &str, value: &str) -> CredentialInput {
    CredentialInput {
        server_id,
        kind,
        label: label.into(),
        login: None,
        expires_at: None,
        is_service: false,
        secret: secret(value),
    }
}

fn field(err: &AppError) -> &str {
    match err {
        AppError::Validation { field, .. } => field,
        other => panic!("not a validation error: {other:?}"),
    }
}

#[test]
fn add_checks_every_input_and_stores_nothing_when_refused() {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let cloud = server(
        &db,
        ServerKind::JiraCloud,
        "Cloud",
        "https://acme.atlassian.net",
    );
    let tt = server(
        &db,
        ServerKind::TimeTrackerNx,
        "TT",
        "https://tt.example.com/TimeTrackerNX",
    );
    let token = |f: &dyn Fn(&mut CredentialInput)| {
        let mut i = input(
            cloud.id,
            CredentialKind::JiraCloudToken,
            "bot",
            "ATATT-value",
        );
        i.login = Some("bot@example.com".into());
        f(&mut i);
        credentials::add(&db, &store, &i, NOW).unwrap_err()
    };
    assert_eq!(field(&token(&|i| i.label = "  ".into())), "label");
    assert_eq!(field(&token(&|i| i.secret = secret(" \n"))), "secret");
    assert_eq!(field(&token(&|i| i.login = None)), "login");
    assert_eq!(field(&token(&|i| i.login = Some("bot".into()))), "login");
    assert_eq!(
        field(&token(&|i| i.expires_at = Some("31/12/2026".into()))),
        "expiresAt"
    );
    assert_eq!(
        field(&token(&|i| i.expires_at = Some("2026-01-09".into()))),
        "expiresAt"
    );
    let too_long = token(&|i| i.expires_at = Some("2027-01-11".into()));
    assert_eq!(field(&too_long), "expiresAt");
    assert!(
        too_long.to_string().contains("id.atlassian.com"),
        "{too_long}"
    );
    let wrong_server = token(&|i| i.server_id = tt.id);
    assert_eq!(field(&wrong_server), "kind");
    assert!(
        wrong_server.to_string().contains("ttnx-api-key"),
        "{wrong_server}"
    );
    let oauth = token(&|i| {
        i.kind = CredentialKind::AsanaOauth;
    });
    assert_eq!(field(&oauth), "kind");
    assert_eq!(token(&|i| i.server_id = 99).code(), "NotFound");

    assert!(store.inner.accounts().is_empty());
    assert!(credentials::list(&db, &store, NOW).unwrap().is_empty());
}

#[test]
fn a_new_credential_reads_back_with_its_server_and_computed_status() {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let cloud = server(
        &db,
        ServerKind::JiraCloud,
        "Cloud",
        "https://acme.atlassian.net",
    );
    let mut assets = input(
        cloud.id,
        CredentialKind::AssetsAdapters,
        " importer ",
        " adapter-token\n",
    );
    assets.login = Some("  ".into());
    let saved = credentials::add(&db, &store, &assets, NOW).unwrap();
    assert_eq!(saved.replaced, None);
    let c = saved.credential;
    assert_eq!((c.label.as_str(), c.login.as_deref()), ("importer", None));
    assert_eq!(
        (c.server_name.as_str(), c.server_url.as_str()),
        ("Cloud", "https://acme.atlassian.net")
    );
    assert_eq!(c.created_at, "2026-01-10T09:30:00Z");
    // Assets tokens live 3 months unless told otherwise.
    assert_eq!(c.expires_at.as_deref(), Some("2026-04-10"));
    assert_eq!(c.expiry, Expiry::Valid { days: 90 });
    assert_eq!(c.verification, Verification::Never);
    assert_eq!(c.oauth, None);
    assert!(c.used_by.is_empty());
    assert_eq!(
        credentials::secret(&db, &store, c.id).unwrap().expose(),
        "adapter-token"
    );

    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["kind"], "assets-adapters");
    assert_eq!(
        json["expiry"],
        serde_json::json!({"state": "valid", "days": 90})
    );
    assert_eq!(json["verification"], serde_json::json!({"state": "never"}));
    assert!(!json.to_string().contains("adapter-token"));
}

#[test]
fn registering_another_service_credential_replaces_the_old_one_and_says_so() {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let dc = server(
        &db,
        ServerKind::JiraDataCenter,
        "Jira",
        "https://jira.example.com",
    );
    let tt = server(
        &db,
        ServerKind::TimeTrackerNx,
        "TT",
        "https://tt.example.com/TimeTrackerNX",
    );
    let other = server(
        &db,
        ServerKind::JiraDataCenter,
        "Jira 2",
        "https://jira2.example.com",
    );
    let mut first = input(
        dc.id,
        CredentialKind::JiraDcPassword,
        "admin",
        "first-password",
    );
    first.login = Some("admin".into());
    first.is_service = true;
    let first = credentials::add(&db, &store, &first, NOW)
        .unwrap()
        .credential;
    let mut elsewhere = input(
        other.id,
        CredentialKind::JiraDcPat,
        "other admin",
        "other-pat",
    );
    elsewhere.is_service = true;
    let elsewhere = credentials::add(&db, &store, &elsewhere, NOW)
        .unwrap()
        .credential;
    let tt_key = credentials::add(
        &db,
        &store,
        &input(tt.id, CredentialKind::TtnxApiKey, "tt", "tt-key"),
        NOW,
    )
    .unwrap()
    .credential;
    let connect = |name: &str, credential_id| {
        connections::add(
            &db,
            &NewConnection {
                name: name.into(),
                left: ConnectionSide {
                    server_id: dc.id,
                    credential_id,
                },
                right: ConnectionSide {
                    server_id: tt.id,
                    credential_id: Some(tt_key.id),
                },
                direction: Direction::Both,
            },
        )
        .unwrap()
    };
    let named = connect("named", Some(first.id));
    let by_service = connect("by service", None);
    assert_eq!(
        credentials::get(&db, &store, first.id, NOW)
            .unwrap()
            .used_by,
        ["by service", "named"]
    );

    let mut second = input(dc.id, CredentialKind::JiraDcPat, "sync bot", "second-pat");
    second.is_service = true;
    let saved = credentials::add(&db, &store, &second, NOW).unwrap();
    assert_eq!(
        saved.replaced,
        Some(ReplacedService {
            id: first.id,
            label: "admin".into()
        })
    );
    let second = saved.credential;
    assert!(second.is_service);
    assert_eq!(second.used_by, ["by service", "named"]);
    assert_eq!(
        credentials::get(&db, &store, first.id, NOW)
            .unwrap_err()
            .code(),
        "NotFound"
    );
    let repointed = connections::list(&db).unwrap();
    assert_eq!(
        repointed
            .iter()
            .find(|c| c.id == named.id)
            .unwrap()
            .left
            .credential_id,
        Some(second.id)
    );
    assert_eq!(
        repointed
            .iter()
            .find(|c| c.id == by_service.id)
            .unwrap()
            .left
            .credential_id,
        None
    );

    // The old secret is gone from the keychain; the other server's is untouched.
    assert_eq!(store.inner.accounts().len(), 3);
    assert_eq!(
        credentials::secret(&db, &store, second.id)
            .unwrap()
            .expose(),
        "second-pat"
    );
    assert_eq!(
        credentials::secret(&db, &store, elsewhere.id)
            .unwrap()
            .expose(),
        "other-pat"
    );
    let all = credentials::list(&db, &store, NOW).unwrap();
    let services: Vec<_> = all
        .iter()
        .filter(|c| c.is_service)
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(services, ["sync bot", "other admin"], "one per server");
    let listed = serde_json::to_string(&all).unwrap();
    for value in ["first-password", "second-pat", "other-pat", "tt-key"] {
        assert!(!listed.contains(value), "{value} in {listed}");
    }
}

#[test]
fn a_failing_save_leaves_the_old_service_credential_and_no_stray_secret() {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let dc = server(
        &db,
        ServerKind::JiraDataCenter,
        "Jira",
        "https://jira.example.com",
    );
    let mut first = input(dc.id, CredentialKind::JiraDcPat, "first", "first-pat");
    first.is_service = true;
    let first = credentials::add(&db, &store, &first, NOW)
        .unwrap()
        .credential;
    store.fail_set(true);
    let mut second = input(dc.id, CredentialKind::JiraDcPat, "second", "second-pat");
    second.is_service = true;
    let err = credentials::add(&db, &store, &second, NOW).unwrap_err();
    assert_eq!(err.code(), "KeychainUnavailable");
    let all = credentials::list(&db, &store, NOW).unwrap();
    assert_eq!(all.len(), 1);
    assert!(all[0].is_service && all[0].id == first.id);
    assert_eq!(
        credentials::secret(&db, &store, first.id).unwrap().expose(),
        "first-pat"
    );
}

#[test]
fn edit_changes_details_and_moves_the_service_role() {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let tt = server(
        &db,
        ServerKind::TimeTrackerNx,
        "TT",
        "https://tt.example.com/TimeTrackerNX",
    );
    let mut a = input(tt.id, CredentialKind::TtnxPassword, "a", "pw-a");
    a.login = Some("alice".into());
    a.is_service = true;
    let a = credentials::add(&db, &store, &a, NOW).unwrap().credential;
    let mut b = input(tt.id, CredentialKind::TtnxPassword, "b", "pw-b");
    b.login = Some("bob".into());
    let b = credentials::add(&db, &store, &b, NOW).unwrap().credential;

    let edit = |id, label: &str, login: Option<&str>, expires: Option<&str>, service| {
        credentials::edit(
            &db,
            &store,
            id,
            &CredentialEdit {
                label: label.into(),
                login: login.map(str::to_owned),
                expires_at: expires.map(str::to_owned),
                is_service: service,
            },
            NOW,
        )
    };
    let saved = edit(b.id, "b renamed", Some("bob"), Some("2026-06-30"), true).unwrap();
    assert_eq!(
        saved.replaced,
        Some(ReplacedService {
            id: a.id,
            label: "a".into()
        })
    );
    assert_eq!(saved.credential.label, "b renamed");
    assert_eq!(saved.credential.expires_at.as_deref(), Some("2026-06-30"));
    assert!(saved.credential.is_service);
    assert_eq!(store.inner.accounts().len(), 1, "a's secret went with it");

    let saved = edit(b.id, "b renamed", Some("bob"), None, false).unwrap();
    assert!(!saved.credential.is_service && saved.replaced.is_none());
    assert_eq!(saved.credential.expires_at, None);
    assert_eq!(
        field(&edit(b.id, "b", None, None, false).unwrap_err()),
        "login"
    );
    assert_eq!(
        field(&edit(b.id, "b", Some("bob"), Some("2025-12-31"), false).unwrap_err()),
        "expiresAt"
    );
    assert_eq!(
        edit(77, "x", None, None, false).unwrap_err().code(),
        "NotFound"
    );
}

#[test]
fn rotate_swaps_the_secret_and_never_loses_the_old_one() {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let cloud = server(
        &db,
        ServerKind::JiraCloud,
        "Cloud",
        "https://acme.atlassian.net",
    );
    let mut token = input(cloud.id, CredentialKind::JiraCloudToken, "bot", "old-token");
    token.login = Some("bot@example.com".into());
    token.expires_at = Some("2026-01-20".into());
    let c = credentials::add(&db, &store, &token, NOW)
        .unwrap()
        .credential;
    credentials::mark_reminded(&db, c.id, 14, NOW).unwrap();
    assert!(credentials::reminders_due(&db, NOW).unwrap().is_empty());

    // The keychain refuses the new secret: nothing changes.
    store.fail_set(true);
    let err = credentials::rotate(
        &db,
        &store,
        c.id,
        &secret("new-token"),
        Some("2026-12-31"),
        NOW,
    )
    .unwrap_err();
    assert_eq!(err.code(), "KeychainUnavailable");
    store.fail_set(false);
    assert_eq!(
        credentials::secret(&db, &store, c.id).unwrap().expose(),
        "old-token"
    );
    assert_eq!(
        credentials::get(&db, &store, c.id, NOW)
            .unwrap()
            .expires_at
            .as_deref(),
        Some("2026-01-20")
    );
    assert_eq!(store.inner.accounts().len(), 1);

    // A bad date is refused before the keychain is touched.
    let err = credentials::rotate(
        &db,
        &store,
        c.id,
        &secret("new-token"),
        Some("2027-06-01"),
        NOW,
    )
    .unwrap_err();
    assert_eq!(field(&err), "expiresAt");
    assert_eq!(store.inner.accounts().len(), 1);

    // The old entry cannot be deleted: the rotation still stands.
    store.fail_delete(true);
    let rotated = credentials::rotate(
        &db,
        &store,
        c.id,
        &secret("new-token"),
        Some("2026-12-31"),
        NOW,
    )
    .unwrap();
    store.fail_delete(false);
    assert_eq!(rotated.expires_at.as_deref(), Some("2026-12-31"));
    assert_eq!(rotated.verification, Verification::Never);
    assert_eq!(
        credentials::secret(&db, &store, c.id).unwrap().expose(),
        "new-token"
    );

    // Rotating again cleans up after itself, and reminders start over.
    let later = datetime!(2026-12-20 08:00 UTC);
    let rotated = credentials::rotate(
        &db,
        &store,
        c.id,
        &secret("newest-token"),
        Some("2027-01-01"),
        later,
    )
    .unwrap();
    assert_eq!(rotated.expiry, Expiry::Soon { days: 12 });
    assert_eq!(
        store.inner.accounts().len(),
        2,
        "one from the failed delete, one in use"
    );
    let due = credentials::reminders_due(&db, later).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].threshold_days, 14);

    let err = credentials::rotate(&db, &store, c.id, &secret(" "), None, NOW).unwrap_err();
    assert_eq!(field(&err), "secret");
}

#[test]
fn remove_takes_row_and_secret_together() {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let asana = server(&db, ServerKind::Asana, "Asana", "https://app.asana.com");
    let c = credentials::add(
        &db,
        &store,
        &input(asana.id, CredentialKind::AsanaPat, "pat", "1/2:abc"),
        NOW,
    )
    .unwrap()
    .credential;
    store.fail_delete(true);
    assert_eq!(
        credentials::remove(&db, &store, c.id).unwrap_err().code(),
        "KeychainUnavailable"
    );
    assert_eq!(
        credentials::list(&db, &store, NOW).unwrap().len(),
        1,
        "the row stays with its secret"
    );
    store.fail_delete(false);
    credentials::remove(&db, &store, c.id).unwrap();
    assert!(credentials::list(&db, &store, NOW).unwrap().is_empty());
    assert!(store.inner.accounts().is_empty());
    assert_eq!(
        credentials::remove(&db, &store, c.id).unwrap_err().code(),
        "NotFound"
    );
}

#[test]
fn oauth_credentials_start_signed_out_and_show_their_redirect() {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let dc = server(
        &db,
        ServerKind::JiraDataCenter,
        "Jira",
        "https://jira.example.com",
    );
    let registration = |port| credentials::OAuthRegistration {
        server_id: dc.id,
        kind: CredentialKind::JiraDcOauth,
        label: "link".into(),
        client_id: "abc123".into(),
        redirect_port: port,
        is_service: true,
        scopes: Some("WRITE".into()),
    };
    assert_eq!(
        field(&credentials::add_oauth(&db, &store, &registration(80), NOW).unwrap_err()),
        "redirectPort"
    );
    let c = credentials::add_oauth(&db, &store, &registration(53682), NOW)
        .unwrap()
        .credential;
    let oauth = c.oauth.clone().unwrap();
    assert_eq!(oauth.redirect_url, "http://127.0.0.1:53682/callback");
    assert!(!oauth.signed_in);
    assert!(c.is_service);
    // What the OAuth module does after the browser came back:
    let account = credentials::secret_account(&db, c.id).unwrap();
    store
        .set(&account, &secret(r#"{"access_token":"a"}"#))
        .unwrap();
    assert!(
        credentials::get(&db, &store, c.id, NOW)
            .unwrap()
            .oauth
            .unwrap()
            .signed_in
    );
    let err = credentials::rotate(&db, &store, c.id, &secret("x"), None, NOW).unwrap_err();
    assert!(err.to_string().contains("signing in again"), "{err}");
}

#[test]
fn kinds_list_the_whole_table() {
    let kinds = credentials::kinds();
    assert_eq!(kinds.len(), 11);
    assert_eq!(kinds[0].kind, CredentialKind::JiraCloudToken);
}
