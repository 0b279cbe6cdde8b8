//! "Verify" against the simulators (started in-process on loopback ports):
//! each credential kind signs in with the real client and records who it
//! is; a wrong secret is recorded as Failed with Unauthorized.

mod support;

use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials::{
    self, verify, CredentialInput, CredentialKind, Verification,
};
use kakehashi_core::workspace::ServerKind;
use kakehashi_sim::{people, start, RunningSim, Seed, SimKind, SimOptions};
use support::{secret, server, Flaky};
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2026-02-01 12:00 UTC);

async fn sim(kind: SimKind) -> RunningSim {
    start(kind, &SimOptions::default(), 0).await.unwrap()
}

struct Case {
    kind: CredentialKind,
    login: Option<String>,
    secret: String,
}

/// Adds the credential on a fresh server for `sim`, verifies it, returns the result.
async fn verify_on(sim: &RunningSim, server_kind: ServerKind, case: Case) -> (Verification, Flaky) {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let server = server(&db, server_kind, "Sim", sim.url());
    let credential = credentials::add(
        &db,
        &store,
        &CredentialInput {
            server_id: server.id,
            kind: case.kind,
            label: format!("{:?}", case.kind),
            login: case.login,
            expires_at: None,
            is_service: false,
            secret: secret(&case.secret),
        },
        NOW,
    )
    .unwrap()
    .credential;
    let checked = verify(&db, &store, credential.id, NOW).await.unwrap();
    // What verify returned is what was recorded.
    let stored = credentials::get(&db, &store, credential.id, NOW).unwrap();
    assert_eq!(stored.verification, checked.verification);
    (checked.verification, store)
}

fn assert_verified(verification: &Verification, who: &str) {
    match verification {
        Verification::Verified { at, identity } => {
            assert_eq!(at, "2026-02-01T12:00:00Z");
            assert!(identity.contains(who), "{identity} should name {who}");
        }
        other => panic!("not verified: {other:?}"),
    }
}

fn assert_unauthorized(verification: &Verification, wrong: &str) {
    match verification {
        Verification::Failed { code, message, at } => {
            assert_eq!(code, "Unauthorized", "{message}");
            assert_eq!(at, "2026-02-01T12:00:00Z");
            assert!(!message.contains(wrong), "the secret leaked into {message}");
        }
        other => panic!("not a failure: {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn jira_cloud_api_token() {
    let sim = sim(SimKind::JiraCloud).await;
    let login = Some(sim.login().to_owned());
    let (ok, _) = verify_on(
        &sim,
        ServerKind::JiraCloud,
        Case {
            kind: CredentialKind::JiraCloudToken,
            login: login.clone(),
            secret: sim.secret().into(),
        },
    )
    .await;
    assert_verified(&ok, sim.login());
    let wrong = "ATATT-wrong-token-value";
    let (failed, _) = verify_on(
        &sim,
        ServerKind::JiraCloud,
        Case {
            kind: CredentialKind::JiraCloudToken,
            login,
            secret: wrong.into(),
        },
    )
    .await;
    assert_unauthorized(&failed, wrong);
    sim.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn jira_data_center_password_and_personal_access_token() {
    let sim = sim(SimKind::JiraDataCenter).await;
    let login = sim.login().to_owned();
    let (ok, _) = verify_on(
        &sim,
        ServerKind::JiraDataCenter,
        Case {
            kind: CredentialKind::JiraDcPassword,
            login: Some(login.clone()),
            secret: sim.secret().into(),
        },
    )
    .await;
    assert_verified(&ok, &login);
    let pat = people::service_account(Seed::Demo).personal_access_token();
    let (ok, _) = verify_on(
        &sim,
        ServerKind::JiraDataCenter,
        Case {
            kind: CredentialKind::JiraDcPat,
            login: None,
            secret: pat,
        },
    )
    .await;
    assert_verified(&ok, &login);
    let wrong = "sim-pat-nobody-at-all";
    let (failed, _) = verify_on(
        &sim,
        ServerKind::JiraDataCenter,
        Case {
            kind: CredentialKind::JiraDcPat,
            login: None,
            secret: wrong.into(),
        },
    )
    .await;
    assert_unauthorized(&failed, wrong);
    let wrong = "not-the-password";
    let (failed, _) = verify_on(
        &sim,
        ServerKind::JiraDataCenter,
        Case {
            kind: CredentialKind::JiraDcPassword,
            login: Some(login),
            secret: wrong.into(),
        },
    )
    .await;
    assert_unauthorized(&failed, wrong);
    sim.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn timetracker_api_key_and_login_with_password() {
    let sim = sim(SimKind::Ttnx).await;
    let login = sim.login().to_owned();
    let (ok, _) = verify_on(
        &sim,
        ServerKind::TimeTrackerNx,
        Case {
            kind: CredentialKind::TtnxApiKey,
            login: None,
            secret: sim.secret().into(),
        },
    )
    .await;
    assert_verified(&ok, &login);
    let password = kakehashi_sim::ttnx::password(&people::service_account(Seed::Demo));
    let (ok, _) = verify_on(
        &sim,
        ServerKind::TimeTrackerNx,
        Case {
            kind: CredentialKind::TtnxPassword,
            login: Some(login.clone()),
            secret: password,
        },
    )
    .await;
    assert_verified(&ok, &login);
    let wrong = "wrong-api-key-123456";
    let (failed, _) = verify_on(
        &sim,
        ServerKind::TimeTrackerNx,
        Case {
            kind: CredentialKind::TtnxApiKey,
            login: None,
            secret: wrong.into(),
        },
    )
    .await;
    assert_unauthorized(&failed, wrong);
    let wrong = "wrong-password-xyz";
    let (failed, _) = verify_on(
        &sim,
        ServerKind::TimeTrackerNx,
        Case {
            kind: CredentialKind::TtnxPassword,
            login: Some(login),
            secret: wrong.into(),
        },
    )
    .await;
    assert_unauthorized(&failed, wrong);
    sim.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn asana_personal_access_token() {
    let sim = sim(SimKind::Asana).await;
    let (ok, _) = verify_on(
        &sim,
        ServerKind::Asana,
        Case {
            kind: CredentialKind::AsanaPat,
            login: None,
            secret: sim.secret().into(),
        },
    )
    .await;
    assert_verified(&ok, sim.login());
    let wrong = "1/1234567:00000000000000000000000000000000";
    let (failed, _) = verify_on(
        &sim,
        ServerKind::Asana,
        Case {
            kind: CredentialKind::AsanaPat,
            login: None,
            secret: wrong.into(),
        },
    )
    .await;
    assert_unauthorized(&failed, wrong);
    sim.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn what_cannot_be_checked_says_why_and_records_nothing() {
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let cloud = server(
        &db,
        ServerKind::JiraCloud,
        "Cloud",
        "https://acme.atlassian.net",
    );
    let assets = credentials::add(
        &db,
        &store,
        &CredentialInput {
            server_id: cloud.id,
            kind: CredentialKind::AssetsCleanseImport,
            label: "importer".into(),
            login: None,
            expires_at: None,
            is_service: false,
            secret: secret("assets-token"),
        },
        NOW,
    )
    .unwrap()
    .credential;
    let err = verify(&db, &store, assets.id, NOW).await.unwrap_err();
    assert_eq!(err.code(), "Validation");
    assert!(err.to_string().contains("tracks its expiry"), "{err}");
    assert_eq!(
        credentials::get(&db, &store, assets.id, NOW)
            .unwrap()
            .verification,
        Verification::Never
    );

    let asana = server(&db, ServerKind::Asana, "Asana", "https://app.asana.com");
    let oauth = credentials::add_oauth(
        &db,
        &store,
        &credentials::OAuthRegistration {
            server_id: asana.id,
            kind: CredentialKind::AsanaOauth,
            label: "asana app".into(),
            client_id: "123".into(),
            redirect_port: 53682,
            is_service: false,
            scopes: None,
        },
        NOW,
    )
    .unwrap()
    .credential;
    let err = verify(&db, &store, oauth.id, NOW).await.unwrap_err();
    assert!(err.to_string().starts_with("Sign in first"), "{err}");

    // The keychain lost the secret: the error says to rotate.
    let pat = credentials::add(
        &db,
        &store,
        &CredentialInput {
            server_id: asana.id,
            kind: CredentialKind::AsanaPat,
            label: "pat".into(),
            login: None,
            expires_at: None,
            is_service: false,
            secret: secret("1/2:abc"),
        },
        NOW,
    )
    .unwrap()
    .credential;
    for account in store.inner.accounts() {
        kakehashi_secrets::SecretStore::delete(&store.inner, &account).unwrap();
    }
    let err = verify(&db, &store, pat.id, NOW).await.unwrap_err();
    assert_eq!(err.code(), "NotFound");
    assert!(err.to_string().contains("Rotate"), "{err}");
    assert_eq!(
        verify(&db, &store, 999, NOW).await.unwrap_err().code(),
        "NotFound"
    );
}

/// The desktop app holds the database lock only around `prepare` and
/// `record`; the network part must be `Send` to run on Tauri's runtime.
#[tokio::test(flavor = "multi_thread")]
async fn the_network_step_runs_on_another_task_without_the_database() {
    let sim = sim(SimKind::Asana).await;
    let db = Database::open_in_memory().unwrap();
    let store = Flaky::default();
    let asana = server(&db, ServerKind::Asana, "Asana", sim.url());
    let pat = credentials::add(
        &db,
        &store,
        &CredentialInput {
            server_id: asana.id,
            kind: CredentialKind::AsanaPat,
            label: "pat".into(),
            login: None,
            expires_at: None,
            is_service: false,
            secret: secret(sim.secret()),
        },
        NOW,
    )
    .unwrap()
    .credential;
    let check = credentials::verify::prepare(&db, &store, pat.id).unwrap();
    let outcome = tokio::spawn(check.run()).await.unwrap();
    assert!(outcome.result.is_ok(), "{:?}", outcome.result);
    let recorded = credentials::verify::record(&db, &store, &outcome, NOW).unwrap();
    assert_verified(&recorded.verification, sim.login());
    sim.stop().await;
}
