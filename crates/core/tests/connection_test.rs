//! Test connection against the simulators (in-process, on loopback ports):
//! every diagnosis produced for real — wrong password, wrong kind of token
//! both ways, CAPTCHA, missing permissions, a self-signed certificate then
//! trusted, only the alternative URL answering, a proxy, a clock that is
//! off, hidden Cloud email addresses, an SSO-only TimeTracker NX account —
//! plus progress, storage, and a report without secrets.

mod support;

use std::sync::Mutex;

use kakehashi_core::connection_test::{
    self, last, last_summary, prepare, record, report_text, trust_certificate, CheckId,
    CheckResult, CheckStatus, ConnectionTestReport, Outcome, RecordedTest, SideReport, Suggestion,
    TestProgress, TestTarget,
};
use kakehashi_core::language::Language;
use kakehashi_core::store::Database;
use kakehashi_core::workspace::connections::{self, overview};
use kakehashi_core::workspace::credentials::{self, CredentialInput, CredentialKind};
use kakehashi_core::workspace::{
    servers, ConnectionSide, Direction, NewConnection, NewServer, Server, ServerKind, ServerProxy,
    ServerTls,
};
use kakehashi_secrets::{MemoryStore, Sensitive};
use kakehashi_sim::{people, start, RunningSim, Seed, SimKind, SimOptions};
use support::proxy::TestProxy;
use support::tls_forwarder::TlsForwarder;

const EN: Language = Language::English;

async fn sim(kind: SimKind) -> RunningSim {
    start(kind, &SimOptions::default(), 0).await.unwrap()
}

fn person(login: &str) -> people::Person {
    people::people(Seed::Demo)
        .into_iter()
        .find(|p| p.login == login)
        .unwrap()
}

/// A workspace in memory.
struct World {
    db: Database,
    secrets: MemoryStore,
}

impl World {
    fn new() -> Self {
        World {
            db: Database::open_in_memory().unwrap(),
            secrets: MemoryStore::default(),
        }
    }

    fn server(&self, kind: ServerKind, url: &str) -> Server {
        self.server_with(kind, url, None, ServerProxy::Direct)
    }

    fn server_with(
        &self,
        kind: ServerKind,
        url: &str,
        alt: Option<&str>,
        proxy: ServerProxy,
    ) -> Server {
        servers::add(
            &self.db,
            &NewServer {
                kind,
                name: format!("{} at {url}", kind.product_name()),
                base_url: url.into(),
                alt_url: alt.map(str::to_owned),
                time_zone: None,
                is_demo: false,
                tls: ServerTls::default(),
                proxy,
            },
        )
        .unwrap()
    }

    /// Adds a credential as the server's service credential; the side
    /// that names no credential of its own.
    fn service(
        &self,
        server: &Server,
        kind: CredentialKind,
        login: Option<&str>,
        secret: &str,
    ) -> ConnectionSide {
        let saved = credentials::add(
            &self.db,
            &self.secrets,
            &CredentialInput {
                server_id: server.id,
                kind,
                label: format!("{kind:?} for {}", server.name),
                login: login.map(str::to_owned),
                expires_at: None,
                is_service: true,
                secret: Sensitive::new(secret.to_owned()),
            },
            kakehashi_core::clock::now(),
        )
        .unwrap();
        assert_eq!(saved.credential.server_id, server.id);
        ConnectionSide {
            server_id: server.id,
            credential_id: None,
        }
    }

    /// Runs the test and returns it with every progress event, in order.
    async fn test(&self, target: TestTarget) -> (RecordedTest, Vec<TestProgress>) {
        let plan = prepare(&self.db, &self.secrets, target).unwrap();
        let seen = Mutex::new(Vec::new());
        let test = plan
            .run(EN, &|event| seen.lock().unwrap().push(event))
            .await;
        (test, seen.into_inner().unwrap())
    }

    async fn draft(&self, left: ConnectionSide, right: ConnectionSide) -> ConnectionTestReport {
        let (test, _) = self.test(TestTarget::Draft { left, right }).await;
        record(&self.db, &test).unwrap();
        test.report(EN)
    }
}

/// A TimeTracker NX simulator with the service account's API key: the
/// healthy other side of a connection.
async fn partner(world: &World) -> (RunningSim, ConnectionSide) {
    let ttnx = sim(SimKind::Ttnx).await;
    let server = world.server(ServerKind::TimeTrackerNx, ttnx.url());
    let side = world.service(&server, CredentialKind::TtnxApiKey, None, ttnx.secret());
    (ttnx, side)
}

fn check(side: &SideReport, id: CheckId) -> &CheckResult {
    side.checks
        .iter()
        .find(|check| check.id == id)
        .unwrap_or_else(|| panic!("no {id:?} check in {:#?}", side.checks))
}

fn status(side: &SideReport, id: CheckId) -> CheckStatus {
    check(side, id).status
}

#[track_caller]
fn assert_status(side: &SideReport, id: CheckId, expected: CheckStatus) {
    let found = check(side, id);
    assert_eq!(found.status, expected, "{id:?}: {found:#?}");
}

/// Every check passed (TLS: plain http is skipped, which is fine).
#[track_caller]
fn assert_healthy(side: &SideReport) {
    for check in &side.checks {
        let fine = check.status == CheckStatus::Passed
            || (check.id == CheckId::Tls && check.status == CheckStatus::Skipped);
        assert!(fine, "{} is not healthy: {check:#?}", side.server_name);
    }
    assert_eq!(side.outcome, Outcome::Passed);
}

/// Sends a control request to a simulator's admin panel.
async fn control(sim: &RunningSim, method: reqwest::Method, path: &str, body: &str) {
    let url = format!("http://{}{path}", sim.addr());
    let answer = reqwest::Client::new()
        .request(method, &url)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    assert!(
        answer.status().is_success(),
        "{path}: {}",
        answer.text().await.unwrap_or_default()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_healthy_connection_passes_and_streams_every_check_as_it_happens() {
    let world = World::new();
    let cloud = sim(SimKind::JiraCloud).await;
    let jira = world.server(ServerKind::JiraCloud, cloud.url());
    let left = world.service(
        &jira,
        CredentialKind::JiraCloudToken,
        Some(cloud.login()),
        cloud.secret(),
    );
    let (_ttnx, right) = partner(&world).await;
    let (test, events) = world.test(TestTarget::Draft { left, right }).await;
    let report = test.report(EN);
    assert_healthy(&report.left);
    assert_healthy(&report.right);
    assert_eq!(report.outcome, Outcome::Passed);

    // Cloud gets the email check; TimeTracker NX does not.
    let ids = |side: &SideReport| side.checks.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(&report.left), CheckId::ALL.to_vec());
    assert!(!ids(&report.right).contains(&CheckId::EmailVisibility));
    assert_eq!(ids(&report.right).len(), CheckId::ALL.len() - 1);
    assert_eq!(
        check(&report.left, CheckId::Product).summary,
        "Jira Cloud 1001.0.0-SNAPSHOT"
    );
    assert!(check(&report.left, CheckId::Identity)
        .summary
        .contains("never synced back"));
    assert!(check(&report.left, CheckId::EmailVisibility)
        .summary
        .contains("show their email address"));
    let permissions = &check(&report.left, CheckId::Permissions).permissions;
    assert_eq!(permissions.len(), 7, "{permissions:?}");
    assert!(permissions.iter().all(|p| p.granted));
    let manage = &check(&report.right, CheckId::Permissions).permissions;
    assert_eq!(manage.len(), 1);
    assert_eq!(
        (manage[0].key.as_str(), manage[0].granted),
        ("MANAGE_PROJECT", true)
    );

    // Started first, every check pending; Finished last, the whole report.
    match events.first() {
        Some(TestProgress::Started { report: pending }) => {
            for side in [&pending.left, &pending.right] {
                assert!(side
                    .checks
                    .iter()
                    .all(|c| c.status == CheckStatus::Pending && !c.summary.is_empty()));
            }
            assert_eq!(pending.left.checks.len(), report.left.checks.len());
        }
        other => panic!("first event: {other:?}"),
    }
    match events.last() {
        Some(TestProgress::Finished { report: finished }) => assert_eq!(finished, &report),
        other => panic!("last event: {other:?}"),
    }
    // In between, each check of each side starts and ends (proxy and
    // identity are decided at once, so they only end).
    let changes: Vec<(connection_test::Side, CheckId, CheckStatus)> = events
        .iter()
        .filter_map(|event| match event {
            TestProgress::Check { side, check } => Some((*side, check.id, check.status)),
            _ => None,
        })
        .collect();
    for side in [connection_test::Side::Left, connection_test::Side::Right] {
        let of_side: Vec<_> = changes.iter().filter(|c| c.0 == side).collect();
        let side_report = match side {
            connection_test::Side::Left => &report.left,
            connection_test::Side::Right => &report.right,
        };
        for final_check in &side_report.checks {
            let last = of_side
                .iter()
                .rev()
                .find(|c| c.1 == final_check.id)
                .unwrap();
            assert_eq!(last.2, final_check.status, "{side:?} {:?}", final_check.id);
        }
        let dns_running = of_side
            .iter()
            .position(|c| c.1 == CheckId::Dns && c.2 == CheckStatus::Running)
            .unwrap();
        let clock_done = of_side
            .iter()
            .position(|c| c.1 == CheckId::Clock && c.2 == CheckStatus::Passed)
            .unwrap();
        assert!(dns_running < clock_done);
    }
    cloud.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_draft_test_becomes_the_connections_last_test_until_a_credential_changes() {
    let world = World::new();
    let dc = sim(SimKind::JiraDataCenter).await;
    let jira = world.server(ServerKind::JiraDataCenter, dc.url());
    let pat = people::service_account(Seed::Demo).personal_access_token();
    let left = world.service(&jira, CredentialKind::JiraDcPat, None, &pat);
    let (_ttnx, right) = partner(&world).await;

    let report = world.draft(left, right).await;
    assert_eq!(report.outcome, Outcome::Passed, "{report:#?}");
    let connection = connections::add(
        &world.db,
        &NewConnection {
            name: "Jira ↔ TimeTracker".into(),
            left,
            right,
            direction: Direction::Both,
        },
    )
    .unwrap();
    let stored = last(&world.db, connection.id, EN).unwrap().unwrap();
    assert_eq!(stored.left.checks, report.left.checks);
    assert_eq!(stored.right.checks, report.right.checks);
    assert_eq!(stored.outcome, Outcome::Passed);
    // Stored without words, read in another language.
    let japanese = last(&world.db, connection.id, Language::Japanese)
        .unwrap()
        .unwrap();
    assert_eq!(check(&japanese.left, CheckId::Dns).title, "名前解決（DNS）");
    assert_eq!(
        check(&japanese.left, CheckId::Auth).status,
        CheckStatus::Passed
    );
    let summary = last_summary(&world.db, &connection).unwrap().unwrap();
    assert_eq!(summary.outcome, Outcome::Passed);
    assert_eq!(summary.ran_at, report.ran_at);
    let listed = overview(&world.db).unwrap();
    assert_eq!(listed[0].last_test.as_ref(), Some(&summary));
    assert_eq!(
        connections::by_name(&world.db, " Jira ↔ TimeTracker ")
            .unwrap()
            .id,
        connection.id
    );

    // A failing test of one side makes the connection's outcome failed.
    let wrong = people::service_account(Seed::Demo).personal_access_token() + "-revoked";
    let jira_again = world.server(ServerKind::JiraDataCenter, dc.url());
    world.service(&jira_again, CredentialKind::JiraDcPat, None, &wrong);
    let failing = world
        .draft(
            ConnectionSide {
                server_id: jira_again.id,
                credential_id: None,
            },
            right,
        )
        .await;
    assert_eq!(failing.outcome, Outcome::Failed);

    // A new service credential on the left has not been tested.
    world.service(&jira, CredentialKind::JiraDcPat, None, &pat);
    assert_eq!(last(&world.db, connection.id, EN).unwrap(), None);
    assert_eq!(last_summary(&world.db, &connection).unwrap(), None);
    assert_eq!(overview(&world.db).unwrap()[0].last_test, None);

    let removed = connections::remove(&world.db, connection.id).unwrap();
    assert_eq!(removed.name, "Jira ↔ TimeTracker");
    assert_eq!(
        connections::by_name(&world.db, "Jira ↔ TimeTracker")
            .unwrap_err()
            .code(),
        "NotFound"
    );
    assert_eq!(
        last(&world.db, connection.id, EN).unwrap_err().code(),
        "NotFound"
    );
    dc.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_refused_and_what_needs_a_sign_in_is_skipped() {
    let world = World::new();
    let dc = sim(SimKind::JiraDataCenter).await;
    let jira = world.server(ServerKind::JiraDataCenter, dc.url());
    let wrong = "not-the-password-4711";
    let left = world.service(
        &jira,
        CredentialKind::JiraDcPassword,
        Some(dc.login()),
        wrong,
    );
    let ttnx = sim(SimKind::Ttnx).await;
    let tt = world.server(ServerKind::TimeTrackerNx, ttnx.url());
    let right = world.service(
        &tt,
        CredentialKind::TtnxPassword,
        Some(ttnx.login()),
        "also-wrong-0815",
    );
    let report = world.draft(left, right).await;
    let auth = check(&report.left, CheckId::Auth);
    assert_eq!(auth.status, CheckStatus::Failed);
    assert_eq!(auth.summary, "The server refused the credential.");
    assert!(auth.fix.as_deref().unwrap().contains("Rotate"));
    for id in [CheckId::Identity, CheckId::Permissions] {
        let skipped = check(&report.left, id);
        assert_eq!(skipped.status, CheckStatus::Skipped);
        assert_eq!(skipped.summary, "Not checked, because of “Sign-in” above.");
    }
    // Reaching the server and its clock do not need the sign-in.
    for id in [CheckId::Dns, CheckId::Tcp, CheckId::Product, CheckId::Clock] {
        assert_status(&report.left, id, CheckStatus::Passed);
    }
    let tt_auth = check(&report.right, CheckId::Auth);
    assert_eq!(tt_auth.status, CheckStatus::Failed);
    assert_eq!(
        tt_auth.summary,
        format!("TimeTracker NX refused the password of {}.", ttnx.login())
    );
    assert!(tt_auth
        .why
        .as_deref()
        .unwrap()
        .contains("password is wrong"));
    assert!(tt_auth.fix.as_deref().unwrap().contains("API key"));
    assert_eq!(report.outcome, Outcome::Failed);
    dc.stop().await;
    ttnx.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_wrong_kind_of_jira_token_is_named_both_ways() {
    let world = World::new();
    let dc = sim(SimKind::JiraDataCenter).await;
    let cloud = sim(SimKind::JiraCloud).await;
    // A Cloud API token pasted as a Data Center personal access token.
    let data_center = world.server(ServerKind::JiraDataCenter, dc.url());
    let left = world.service(
        &data_center,
        CredentialKind::JiraDcPat,
        None,
        "ATATT3xFfGF0-not-a-data-center-token",
    );
    // A Data Center personal access token pasted as a Cloud API token.
    let cloud_server = world.server(ServerKind::JiraCloud, cloud.url());
    let right = world.service(
        &cloud_server,
        CredentialKind::JiraCloudToken,
        Some(cloud.login()),
        &people::service_account(Seed::Demo).personal_access_token(),
    );
    let report = world.draft(left, right).await;
    let on_dc = check(&report.left, CheckId::Auth);
    assert_eq!(on_dc.status, CheckStatus::Failed);
    assert_eq!(
        on_dc.summary,
        "A Jira Cloud API token was used on Jira Data Center."
    );
    assert!(on_dc
        .fix
        .as_deref()
        .unwrap()
        .contains("personal access token"));
    let on_cloud = check(&report.right, CheckId::Auth);
    assert_eq!(on_cloud.status, CheckStatus::Failed);
    assert!(on_cloud.summary.contains("not a Jira Cloud API token"));
    assert!(on_cloud
        .fix
        .as_deref()
        .unwrap()
        .contains("id.atlassian.com"));
    // The secret does not appear in the words, and the Cloud sim's real
    // token was never needed.
    for side in [&report.left, &report.right] {
        for check in &side.checks {
            let all = format!("{check:?}");
            assert!(!all.contains("ATATT3xFfGF0-not"), "{all}");
            assert!(!all.contains("sim-pat-"), "{all}");
        }
    }
    dc.stop().await;
    cloud.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_data_center_stored_as_cloud_fails_the_product_check_and_sends_no_token() {
    let world = World::new();
    let dc = sim(SimKind::JiraDataCenter).await;
    let stored_as_cloud = world.server(ServerKind::JiraCloud, dc.url());
    let left = world.service(
        &stored_as_cloud,
        CredentialKind::JiraCloudToken,
        Some("kakehashi-sync@example.co.jp"),
        "ATATT3xFfGF0-cloud-token",
    );
    let (_ttnx, right) = partner(&world).await;
    let report = world.draft(left, right).await;
    let product = check(&report.left, CheckId::Product);
    assert_eq!(product.status, CheckStatus::Failed);
    assert_eq!(
        product.summary,
        "This server is Jira Data Center, not Jira Cloud."
    );
    assert!(product
        .fix
        .as_deref()
        .unwrap()
        .contains("add it again as Jira Data Center"));
    assert_eq!(
        check(&report.left, CheckId::Auth).summary,
        "A Jira Cloud API token was used on Jira Data Center."
    );
    let stats: serde_json::Value = reqwest::get(format!("{}/stats", dc.admin_url()))
        .await
        .unwrap()
        .text()
        .await
        .map(|body| serde_json::from_str(&body).unwrap())
        .unwrap();
    let myself = stats["byEndpoint"]["GET /rest/api/2/myself"]
        .as_u64()
        .unwrap_or(0);
    assert_eq!(myself, 0, "a token of the wrong kind was sent: {stats}");
    dc.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_captcha_lock_says_how_to_clear_it() {
    let world = World::new();
    let dc = sim(SimKind::JiraDataCenter).await;
    // Three wrong passwords lock the account behind a CAPTCHA.
    for _ in 0..3 {
        let answer = reqwest::Client::new()
            .get(format!("{}/rest/api/2/myself", dc.url()))
            .basic_auth(dc.login(), Some("three-wrong-passwords"))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 401);
    }
    let jira = world.server(ServerKind::JiraDataCenter, dc.url());
    let left = world.service(
        &jira,
        CredentialKind::JiraDcPassword,
        Some(dc.login()),
        dc.secret(),
    );
    let (_ttnx, right) = partner(&world).await;
    let report = world.draft(left, right).await;
    let auth = check(&report.left, CheckId::Auth);
    assert_eq!(auth.status, CheckStatus::Failed);
    assert_eq!(
        auth.summary,
        "Jira has locked the account behind a CAPTCHA."
    );
    let steps = auth.fix.as_deref().unwrap();
    assert!(
        steps.contains(&format!("{}/login.jsp", dc.url())),
        "{steps}"
    );
    assert!(steps.contains("answer the CAPTCHA"), "{steps}");
    dc.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_permissions_are_named_one_by_one() {
    let world = World::new();
    let dc = sim(SimKind::JiraDataCenter).await;
    let viewer = person("kobayashi.aoi");
    let jira = world.server(ServerKind::JiraDataCenter, dc.url());
    let left = world.service(
        &jira,
        CredentialKind::JiraDcPassword,
        Some(&viewer.login),
        &viewer.secret(SimKind::JiraDataCenter),
    );
    let ttnx = sim(SimKind::Ttnx).await;
    let member = person("suzuki.ichiro");
    let tt = world.server(ServerKind::TimeTrackerNx, ttnx.url());
    let right = world.service(
        &tt,
        CredentialKind::TtnxApiKey,
        None,
        &kakehashi_sim::ttnx::api_key(&member),
    );
    let report = world.draft(left, right).await;

    let jira_permissions = check(&report.left, CheckId::Permissions);
    assert_eq!(jira_permissions.status, CheckStatus::Failed);
    let granted: Vec<(&str, bool)> = jira_permissions
        .permissions
        .iter()
        .map(|p| (p.key.as_str(), p.granted))
        .collect();
    assert_eq!(
        granted,
        [
            ("BROWSE_PROJECTS", true),
            ("CREATE_ISSUES", false),
            ("EDIT_ISSUES", false),
            ("TRANSITION_ISSUES", false),
            ("ADD_COMMENTS", false),
            ("CREATE_ATTACHMENTS", false),
            ("WORK_ON_ISSUES", false),
        ]
    );
    assert_eq!(jira_permissions.permissions[1].label, "Create issues");
    assert!(jira_permissions
        .summary
        .starts_with("Missing: Create issues, Edit issues"));
    assert!(jira_permissions
        .fix
        .as_deref()
        .unwrap()
        .contains("Jira administrator"));

    let manage = check(&report.right, CheckId::Permissions);
    assert_eq!(manage.status, CheckStatus::Failed);
    assert_eq!(manage.permissions.len(), 1);
    assert!(!manage.permissions[0].granted);
    assert!(manage.summary.contains("Manage Project"), "{manage:#?}");
    assert!(manage
        .fix
        .as_deref()
        .unwrap()
        .contains("system administrator"));

    // Asana: a viewer may not write.
    let asana = sim(SimKind::Asana).await;
    let asana_server = world.server(ServerKind::Asana, asana.url());
    let asana_viewer = world.service(
        &asana_server,
        CredentialKind::AsanaPat,
        None,
        &viewer.secret(SimKind::Asana),
    );
    let (_partner, healthy) = partner(&world).await;
    let report = world.draft(asana_viewer, healthy).await;
    let write = check(&report.left, CheckId::Permissions);
    assert_eq!(write.status, CheckStatus::Failed, "{write:#?}");
    assert_eq!(
        (
            write.permissions[0].key.as_str(),
            write.permissions[0].granted
        ),
        ("WRITE", false)
    );
    assert!(write.fix.as_deref().unwrap().contains("not a guest"));
    dc.stop().await;
    ttnx.stop().await;
    asana.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_self_signed_certificate_is_shown_and_once_trusted_passes() {
    let world = World::new();
    let ttnx = sim(SimKind::Ttnx).await;
    let front = TlsForwarder::start(ttnx.addr()).await;
    let tt = world.server(ServerKind::TimeTrackerNx, &front.url_for(ttnx.url()));
    let left = world.service(&tt, CredentialKind::TtnxApiKey, None, ttnx.secret());
    let (_partner, right) = partner(&world).await;

    let report = world.draft(left, right).await;
    let tls = check(&report.left, CheckId::Tls);
    assert_eq!(tls.status, CheckStatus::Failed);
    assert_eq!(
        tls.summary,
        "This computer does not trust the server's certificate."
    );
    let certificate = tls.certificate.as_ref().unwrap();
    assert_eq!(certificate.fingerprint, front.fingerprint);
    assert!(
        certificate.subject.contains("Kakehashi test server"),
        "{certificate:?}"
    );
    assert!(!certificate.not_before.is_empty() && !certificate.not_after.is_empty());
    assert_eq!(
        tls.suggestion,
        Some(Suggestion::TrustCertificate {
            fingerprint: front.fingerprint.clone()
        })
    );
    // DNS and TCP worked; what needs the server's answers waits for trust.
    assert_status(&report.left, CheckId::Tcp, CheckStatus::Passed);
    for id in [CheckId::Product, CheckId::Auth, CheckId::Clock] {
        let skipped = check(&report.left, id);
        assert_eq!(skipped.status, CheckStatus::Skipped);
        assert!(skipped.summary.contains("Secure connection (TLS)"));
    }
    let text = report_text(&report, EN);
    assert!(text.contains(&front.fingerprint), "{text}");

    let trusted = trust_certificate(&world.db, tt.id, &front.fingerprint.to_lowercase()).unwrap();
    assert_eq!(
        trusted.tls.pinned_fingerprint.as_deref(),
        Some(front.fingerprint.as_str())
    );
    let again = world.draft(left, right).await;
    assert_eq!(
        check(&again.left, CheckId::Tls).summary,
        "Trusted: you chose to trust exactly this certificate for this server."
    );
    assert_healthy(&again.left);
    assert_eq!(
        trust_certificate(&world.db, tt.id, "not a fingerprint")
            .unwrap_err()
            .code(),
        "Validation"
    );
    ttnx.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn which_of_base_and_alternative_url_answer() {
    let world = World::new();
    let asana = sim(SimKind::Asana).await;
    let closed = format!("http://127.0.0.1:{}", support::free_port());
    let (_partner, right) = partner(&world).await;

    // Only the alternative URL answers: fine, and said so.
    let only_alt = world.server_with(
        ServerKind::Asana,
        &closed,
        Some(asana.url()),
        ServerProxy::Direct,
    );
    let side = world.service(&only_alt, CredentialKind::AsanaPat, None, asana.secret());
    let report = world.draft(side, right).await;
    let addresses = check(&report.left, CheckId::Addresses);
    assert_eq!(addresses.status, CheckStatus::Passed);
    assert!(
        addresses
            .summary
            .starts_with(&format!("Only the alternative URL {} answers", asana.url())),
        "{addresses:#?}"
    );
    assert_healthy(&report.left);

    // The alternative URL is set but dead: a warning, and nothing reaches.
    let dead_alt = world.server_with(
        ServerKind::Asana,
        asana.url(),
        Some(&closed),
        ServerProxy::Direct,
    );
    let side = world.service(&dead_alt, CredentialKind::AsanaPat, None, asana.secret());
    let report = world.draft(side, right).await;
    assert_status(&report.left, CheckId::Addresses, CheckStatus::Warning);
    assert_status(&report.left, CheckId::Tcp, CheckStatus::Failed);
    assert_status(&report.left, CheckId::Auth, CheckStatus::Skipped);

    // No alternative URL and the base does not answer: suggest setting one.
    let dead = world.server(ServerKind::Asana, &closed);
    let side = world.service(&dead, CredentialKind::AsanaPat, None, asana.secret());
    let report = world.draft(side, right).await;
    let addresses = check(&report.left, CheckId::Addresses);
    assert_eq!(addresses.status, CheckStatus::Failed);
    assert!(addresses
        .fix
        .as_deref()
        .unwrap()
        .contains("alternative URL"));
    let tcp = check(&report.left, CheckId::Tcp);
    assert_eq!(tcp.status, CheckStatus::Failed);
    assert!(tcp.summary.contains("refused the connection"), "{tcp:#?}");
    assert_eq!(status(&report.left, CheckId::Product), CheckStatus::Skipped);
    asana.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_proxy_is_named_and_carries_the_requests() {
    let world = World::new();
    let dc = sim(SimKind::JiraDataCenter).await;
    let proxy = TestProxy::start().await;
    let jira = world.server_with(
        ServerKind::JiraDataCenter,
        dc.url(),
        None,
        ServerProxy::Custom { url: proxy.url() },
    );
    let pat = people::service_account(Seed::Demo).personal_access_token();
    let left = world.service(&jira, CredentialKind::JiraDcPat, None, &pat);
    let (_partner, right) = partner(&world).await;
    let report = world.draft(left, right).await;
    assert_healthy(&report.left);
    assert_eq!(
        check(&report.left, CheckId::Proxy).summary,
        format!("Requests go through {}.", proxy.url())
    );
    assert!(check(&report.left, CheckId::Dns)
        .summary
        .starts_with(&format!("Proxy {}", proxy.url())));
    assert_eq!(
        check(&report.left, CheckId::Tcp).summary,
        format!("Connected to the proxy at 127.0.0.1:{}.", proxy.port)
    );
    let seen = proxy.seen();
    for path in [
        "/rest/api/2/serverInfo",
        "/rest/api/2/myself",
        "/rest/api/2/mypermissions",
    ] {
        let through = format!("GET {}{path}", dc.url());
        assert!(
            seen.iter().any(|line| line.starts_with(&through)),
            "{through} did not go through the proxy: {seen:#?}"
        );
    }
    // The other side connects directly.
    assert_eq!(
        check(&report.right, CheckId::Proxy).summary,
        "None: this computer connects directly."
    );
    dc.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_clock_that_is_off_is_measured_in_minutes() {
    let world = World::new();
    let dc = sim(SimKind::JiraDataCenter).await;
    let ttnx = sim(SimKind::Ttnx).await;
    // The server runs 15 minutes ahead: this computer is behind.
    control(
        &dc,
        reqwest::Method::PUT,
        "/__sim/clock",
        r#"{"offsetSeconds":900}"#,
    )
    .await;
    // TimeTracker NX runs 5 minutes behind: this computer is ahead.
    control(
        &ttnx,
        reqwest::Method::PUT,
        "/__sim/clock",
        r#"{"offsetSeconds":-300}"#,
    )
    .await;
    let jira = world.server(ServerKind::JiraDataCenter, dc.url());
    let pat = people::service_account(Seed::Demo).personal_access_token();
    let left = world.service(&jira, CredentialKind::JiraDcPat, None, &pat);
    let tt = world.server(ServerKind::TimeTrackerNx, ttnx.url());
    let right = world.service(&tt, CredentialKind::TtnxApiKey, None, ttnx.secret());
    let report = world.draft(left, right).await;
    let jira_clock = check(&report.left, CheckId::Clock);
    assert_eq!(jira_clock.status, CheckStatus::Failed, "{jira_clock:#?}");
    assert_eq!(
        jira_clock.summary,
        "This computer's clock is 15 minutes behind the server's."
    );
    assert!(jira_clock.fix.as_deref().unwrap().contains("NTP"));
    let tt_clock = check(&report.right, CheckId::Clock);
    assert_eq!(tt_clock.status, CheckStatus::Warning, "{tt_clock:#?}");
    assert_eq!(
        tt_clock.summary,
        "This computer's clock is 5 minutes ahead of the server's."
    );
    // Back in step after a reset.
    control(&ttnx, reqwest::Method::POST, "/__sim/reset", "{}").await;
    let report = world.draft(left, right).await;
    assert_status(&report.right, CheckId::Clock, CheckStatus::Passed);
    dc.stop().await;
    ttnx.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn hidden_cloud_email_addresses_warn_that_mapping_by_email_fails() {
    let world = World::new();
    let cloud = sim(SimKind::JiraCloud).await;
    let jira = world.server(ServerKind::JiraCloud, cloud.url());
    let left = world.service(
        &jira,
        CredentialKind::JiraCloudToken,
        Some(cloud.login()),
        cloud.secret(),
    );
    let (_partner, right) = partner(&world).await;
    let visible = world.draft(left, right).await;
    assert_status(&visible.left, CheckId::EmailVisibility, CheckStatus::Passed);

    control(
        &cloud,
        reqwest::Method::PUT,
        "/__sim/jira/settings",
        r#"{"emailVisibility":"hidden"}"#,
    )
    .await;
    let hidden = world.draft(left, right).await;
    let email = check(&hidden.left, CheckId::EmailVisibility);
    assert_eq!(email.status, CheckStatus::Warning, "{email:#?}");
    assert!(email.summary.starts_with("None of the"), "{email:#?}");
    assert!(email.why.as_deref().unwrap().contains("by email address"));
    assert!(email.fix.as_deref().unwrap().contains("map people by name"));
    // The account's own sign-in still shows its address.
    assert!(check(&hidden.left, CheckId::Auth)
        .summary
        .contains(cloud.login()));
    assert_eq!(hidden.outcome, Outcome::Warning);
    cloud.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_sso_only_timetracker_account_is_told_to_use_an_api_key() {
    let world = World::new();
    let ttnx = sim(SimKind::Ttnx).await;
    let sso = kakehashi_sim::ttnx::sso_only_person();
    let tt = world.server(ServerKind::TimeTrackerNx, ttnx.url());
    let password = world.service(
        &tt,
        CredentialKind::TtnxPassword,
        Some(&sso.login),
        &kakehashi_sim::ttnx::password(&sso),
    );
    let (_partner, right) = partner(&world).await;
    let report = world.draft(password, right).await;
    let auth = check(&report.left, CheckId::Auth);
    assert_eq!(auth.status, CheckStatus::Failed);
    assert_eq!(
        auth.summary,
        "suzuki.sso signs in only through single sign-on (SSO): TimeTracker NX accepts no password for this account."
    );
    assert!(auth.fix.as_deref().unwrap().contains("API key"));
    let japanese = last_of_draft(&world, password, right, Language::Japanese).await;
    assert!(check(&japanese.left, CheckId::Auth)
        .summary
        .contains("シングルサインオン（SSO）専用"));

    // The account exists and signs in with its API key.
    let tt_key = world.server(ServerKind::TimeTrackerNx, ttnx.url());
    let key = world.service(
        &tt_key,
        CredentialKind::TtnxApiKey,
        None,
        &kakehashi_sim::ttnx::api_key(&sso),
    );
    let report = world.draft(key, right).await;
    let auth = check(&report.left, CheckId::Auth);
    assert_eq!(auth.status, CheckStatus::Passed, "{auth:#?}");
    assert!(auth.summary.contains("suzuki.sso"), "{auth:#?}");
    ttnx.stop().await;
}

/// The draft's result as stored, read in `language`.
async fn last_of_draft(
    world: &World,
    left: ConnectionSide,
    right: ConnectionSide,
    language: Language,
) -> ConnectionTestReport {
    let connection = connections::add(
        &world.db,
        &NewConnection {
            name: format!("draft {}", language.tag()),
            left,
            right,
            direction: Direction::Both,
        },
    )
    .unwrap();
    last(&world.db, connection.id, language).unwrap().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn credential_problems_are_findings_not_errors() {
    let world = World::new();
    let asana = sim(SimKind::Asana).await;
    let (_partner, right) = partner(&world).await;
    // No credential at all.
    let bare = world.server(ServerKind::Asana, asana.url());
    let none = ConnectionSide {
        server_id: bare.id,
        credential_id: None,
    };
    let report = world.draft(none, right).await;
    let auth = check(&report.left, CheckId::Auth);
    assert_eq!(auth.status, CheckStatus::Failed);
    assert_eq!(auth.summary, "There is no credential to sign in with.");
    assert_eq!(report.left.credential_id, None);
    // An OAuth credential nobody signed in with.
    let oauth = credentials::add_oauth(
        &world.db,
        &world.secrets,
        &credentials::OAuthRegistration {
            server_id: bare.id,
            kind: CredentialKind::AsanaOauth,
            label: "asana app".into(),
            client_id: "123".into(),
            redirect_port: 53682,
            is_service: false,
            scopes: None,
        },
        kakehashi_core::clock::now(),
    )
    .unwrap()
    .credential;
    let chosen = ConnectionSide {
        server_id: bare.id,
        credential_id: Some(oauth.id),
    };
    let report = world.draft(chosen, right).await;
    assert_eq!(report.left.credential_label.as_deref(), Some("asana app"));
    assert_eq!(check(&report.left, CheckId::Auth).summary, "Not signed in.");
    // A credential of another server is refused before anything runs.
    let other = world.server(ServerKind::Asana, asana.url());
    let err = prepare(
        &world.db,
        &world.secrets,
        TestTarget::Draft {
            left: ConnectionSide {
                server_id: other.id,
                credential_id: Some(oauth.id),
            },
            right,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "Validation");
    assert_eq!(
        prepare(&world.db, &world.secrets, TestTarget::Connection(99))
            .unwrap_err()
            .code(),
        "NotFound"
    );
    asana.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_copied_report_and_the_stored_result_hold_no_secret() {
    let world = World::new();
    let dc = sim(SimKind::JiraDataCenter).await;
    let jira = world.server(ServerKind::JiraDataCenter, dc.url());
    let wrong = "Secret-Password-Never-Shown-42";
    let left = world.service(
        &jira,
        CredentialKind::JiraDcPassword,
        Some(dc.login()),
        wrong,
    );
    let (ttnx, right) = partner(&world).await;
    let (test, events) = world.test(TestTarget::Draft { left, right }).await;
    record(&world.db, &test).unwrap();
    for language in [Language::English, Language::Japanese, Language::Swedish] {
        let report = test.report(language);
        let text = report_text(&report, language);
        assert!(!text.contains(wrong), "{text}");
        assert!(!text.contains(ttnx.secret()), "{text}");
        assert!(text.contains(&report.left.server_name));
        assert!(text.contains(&check(&report.left, CheckId::Auth).summary));
        assert!(text.contains(check(&report.left, CheckId::Auth).fix.as_deref().unwrap()));
        let json = serde_json::to_string(&report).unwrap();
        assert!(!json.contains(wrong) && !json.contains(ttnx.secret()));
    }
    let japanese = report_text(&test.report(Language::Japanese), Language::Japanese);
    assert!(
        japanese.contains("サーバーが認証情報を拒否しました。"),
        "{japanese}"
    );
    assert!(japanese.contains("対処方法"), "{japanese}");
    let swedish = report_text(&test.report(Language::Swedish), Language::Swedish);
    assert!(
        swedish.contains("Servern nekade inloggningsuppgiften."),
        "{swedish}"
    );
    let shown = format!("{events:?}");
    assert!(!shown.contains(wrong) && !shown.contains(ttnx.secret()));
    let stored: Vec<String> = {
        let mut statement = world
            .db
            .conn()
            .prepare("SELECT report FROM connection_tests")
            .unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(stored.len(), 2);
    for row in &stored {
        assert!(
            !row.contains(wrong) && !row.contains(ttnx.secret()),
            "{row}"
        );
    }
    // Stored as codes and parameters, not as words.
    assert!(
        stored
            .iter()
            .any(|row| row.contains("\"code\":\"authRefused\"")),
        "{stored:?}"
    );
    assert!(stored
        .iter()
        .all(|row| !row.contains("refused the credential")));
    dc.stop().await;
}

/// The desktop app holds the database only around `prepare` and `record`:
/// the plan must run on another task, with no database in reach.
#[tokio::test(flavor = "multi_thread")]
async fn the_test_runs_on_another_task_without_the_database() {
    let world = World::new();
    let asana = sim(SimKind::Asana).await;
    let server = world.server(ServerKind::Asana, asana.url());
    let left = world.service(&server, CredentialKind::AsanaPat, None, asana.secret());
    let (_partner, right) = partner(&world).await;
    let plan = prepare(&world.db, &world.secrets, TestTarget::Draft { left, right }).unwrap();
    let pending = plan.pending(Language::Swedish);
    assert!(pending
        .left
        .checks
        .iter()
        .all(|c| c.status == CheckStatus::Pending && c.summary == "Väntar…"));
    let (test, events) = tokio::spawn(async move {
        let seen = Mutex::new(0usize);
        let test = plan.run(EN, &|_| *seen.lock().unwrap() += 1).await;
        (test, seen.into_inner().unwrap())
    })
    .await
    .unwrap();
    assert!(events > 2 * CheckId::ALL.len());
    record(&world.db, &test).unwrap();
    assert_healthy(&test.report(EN).left);
    assert_eq!(test.outcome(), Outcome::Passed);
    asana.stop().await;
}
