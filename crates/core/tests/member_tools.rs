//! Issue 7's tools around the member list, against the simulators, with
//! the clients built the way the app builds them (a server and its service
//! credential in the database, the secret in a keychain): the user search,
//! copying members from another project, seeding from a Jira project role
//! (Data Center with e-mail addresses, Cloud with them hidden), and CSV
//! import → apply → export → import again.

use kakehashi_core::clock;
use kakehashi_core::members::{
    self, apply, export_members_csv, from_jira_role, from_project, import_csv, jira_roles,
    plan_import, search_users, user_directory, ApplyOutcome, ImportStatus, MatchedBy,
    ProjectMembers,
};
use kakehashi_core::remote::{jira_client, ttnx_client};
use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials::{self, CredentialInput, CredentialKind};
use kakehashi_core::workspace::{servers, NewServer, ServerKind, ServerProxy, ServerTls};
use kakehashi_http::{Endpoint, HttpClient, PlainDecoder};
use kakehashi_secrets::{MemoryStore, Sensitive};
use kakehashi_sim::people::{people, SERVICE_LOGIN};
use kakehashi_sim::{start, RunningSim, Seed, SimKind, SimOptions};
use kakehashi_ttnx::TtnxClient;
use serde_json::Value;

/// A database and keychain with one server and its service credential.
struct Workspace {
    db: Database,
    secrets: MemoryStore,
}

impl Workspace {
    fn new() -> Self {
        Workspace {
            db: Database::open_in_memory().unwrap(),
            secrets: MemoryStore::default(),
        }
    }

    /// Registers `sim` with a service credential of `kind`; its server id.
    fn register(&self, sim: &RunningSim, server: ServerKind, kind: CredentialKind) -> u32 {
        let server = servers::add(
            &self.db,
            &NewServer {
                kind: server,
                name: format!("{} sim", server.product_name()),
                base_url: sim.url().to_owned(),
                alt_url: None,
                time_zone: None,
                is_demo: false,
                tls: ServerTls::default(),
                proxy: ServerProxy::Direct,
            },
        )
        .unwrap();
        credentials::add(
            &self.db,
            &self.secrets,
            &CredentialInput {
                server_id: server.id,
                kind,
                label: "service".into(),
                login: Some(sim.login().to_owned()),
                expires_at: None,
                is_service: true,
                secret: Sensitive::new(sim.secret().to_owned()),
            },
            clock::now(),
        )
        .unwrap();
        server.id
    }

    fn ttnx(&self, server_id: u32) -> TtnxClient {
        ttnx_client(&self.db, &self.secrets, server_id).unwrap().1
    }
}

async fn sim(kind: SimKind) -> RunningSim {
    start(kind, &SimOptions::default(), 0).await.unwrap()
}

/// Requests the simulator served so far, control calls excluded.
async fn served(sim: &RunningSim) -> u64 {
    let control = HttpClient::new(Endpoint::new(&sim.admin_url()).unwrap(), PlainDecoder).unwrap();
    let stats: Value = control.get("stats").send_json().await.unwrap();
    stats["total"].as_u64().unwrap()
}

async fn project(client: &TtnxClient, code: &str) -> ProjectMembers {
    let found = members::search_projects(client, code).await.unwrap();
    let id = &found
        .iter()
        .find(|p| p.code.as_deref() == Some(code))
        .unwrap()
        .id;
    members::load(client, id).await.unwrap()
}

fn user_id(login: &str) -> String {
    people(Seed::Demo)
        .into_iter()
        .find(|p| p.login == login)
        .unwrap()
        .number
        .to_string()
}

#[tokio::test]
async fn users_are_found_by_name_email_or_organisation_reading_only_the_pages_needed() {
    let tt = sim(SimKind::Ttnx).await;
    let ws = Workspace::new();
    let client = ws.ttnx(ws.register(&tt, ServerKind::TimeTrackerNx, CredentialKind::TtnxApiKey));
    let web = project(&client, "WEB").await;

    // By organisation: 開発部 has members of WEB (with their member ids) and others.
    let dev = search_users(&client, &web, "開発部", 50).await.unwrap();
    assert!(!dev.has_more);
    assert!(dev.users.len() >= 4, "{dev:?}");
    assert!(dev
        .users
        .iter()
        .all(|u| u.organization.as_deref() == Some("開発部")));
    let sato = dev
        .users
        .iter()
        .find(|u| u.login.as_deref() == Some("sato.hanako"))
        .unwrap();
    assert_eq!(
        sato.member_id,
        web.member_of(&sato.user_id).map(|m| m.member_id.clone())
    );
    assert!(sato.member_id.is_some());
    assert!(
        dev.users.iter().any(|u| u.member_id.is_none()),
        "non-members too"
    );

    // By e-mail and by English name; each user once.
    let emma = search_users(&client, &web, "emma", 10).await.unwrap();
    assert_eq!(emma.users.len(), 1, "{emma:?}");
    assert_eq!(
        emma.users[0].email.as_deref(),
        Some("emma.lindqvist@example.co.jp")
    );

    // Everyone, two at a time: one request, and more to come.
    let before = served(&tt).await;
    let two = search_users(&client, &web, "  ", 2).await.unwrap();
    assert_eq!(served(&tt).await - before, 1);
    assert_eq!(two.users.len(), 2);
    assert!(two.has_more);

    let err = search_users(&client, &web, "x", 0).await.unwrap_err();
    assert_eq!(err.code(), "Validation");
    assert!(search_users(&client, &web, "x", 201).await.is_err());
    assert!(search_users(&client, &web, "nobody-like-this", 5)
        .await
        .unwrap()
        .users
        .is_empty());
}

#[tokio::test]
async fn copying_from_another_project_proposes_its_members_with_their_costs() {
    let tt = sim(SimKind::Ttnx).await;
    let ws = Workspace::new();
    let client = ws.ttnx(ws.register(&tt, ServerKind::TimeTrackerNx, CredentialKind::TtnxApiKey));
    let web = project(&client, "WEB").await;
    let int = project(&client, "INT").await;

    let before = served(&tt).await;
    let proposal = from_project(&client, &int, &web.project.id).await.unwrap();
    assert_eq!(served(&tt).await - before, 2, "the project and its users");
    assert_eq!(proposal.source, "WEB – Webサイト刷新");
    assert_eq!(proposal.candidates.len(), web.members.len());
    for (candidate, member) in proposal.candidates.iter().zip(&web.members) {
        let user = candidate.user.as_ref().unwrap();
        assert_eq!(user.user_id, member.user_id);
        assert_eq!(candidate.unit_cost, member.unit_cost);
        assert_eq!(candidate.matched_by, Some(MatchedBy::SameUser));
        assert_eq!(candidate.source_login, member.login);
        assert!(candidate
            .source_email
            .as_deref()
            .unwrap()
            .ends_with("@example.co.jp"));
        assert_eq!(
            candidate.already_member,
            int.member_of(&member.user_id).is_some()
        );
    }
    assert!(proposal.candidates.iter().any(|c| c.already_member));
    assert!(proposal.candidates.iter().any(|c| !c.already_member));

    let err = from_project(&client, &int, &int.project.id)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("pick another project"), "{err}");
    let err = from_project(&client, &int, "999999").await.unwrap_err();
    assert_eq!(err.code(), "NotFound");
}

#[tokio::test]
async fn a_jira_role_is_matched_by_email_on_data_center_and_by_name_when_cloud_hides_emails() {
    let (tt, dc, cloud) = (
        sim(SimKind::Ttnx).await,
        sim(SimKind::JiraDataCenter).await,
        sim(SimKind::JiraCloud).await,
    );
    let ws = Workspace::new();
    let client = ws.ttnx(ws.register(&tt, ServerKind::TimeTrackerNx, CredentialKind::TtnxApiKey));
    let dc_id = ws.register(
        &dc,
        ServerKind::JiraDataCenter,
        CredentialKind::JiraDcPassword,
    );
    let cloud_id = ws.register(
        &cloud,
        ServerKind::JiraCloud,
        CredentialKind::JiraCloudToken,
    );
    let web = project(&client, "WEB").await;

    let (_, jira) = jira_client(&ws.db, &ws.secrets, dc_id).await.unwrap();
    let roles = jira_roles(&jira, "SYS").await.unwrap();
    let names: Vec<&str> = roles.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Users", "Developers", "Administrators"]);
    let developers = &roles[1].id;

    let before = served(&dc).await;
    let proposal = from_jira_role(&client, &web, &jira, "SYS", developers)
        .await
        .unwrap();
    assert_eq!(proposal.source, "SYS · Developers");
    let people = proposal.candidates.len() as u64;
    assert!(people >= 5, "{proposal:?}");
    assert_eq!(
        served(&dc).await - before,
        1 + people,
        "the role, one lookup each"
    );
    for candidate in &proposal.candidates {
        assert_eq!(
            candidate.matched_by,
            Some(MatchedBy::Email),
            "{candidate:?}"
        );
        let user = candidate.user.as_ref().unwrap();
        assert_eq!(candidate.source_email, user.email);
        assert_eq!(
            candidate.source_login, user.login,
            "Data Center names logins"
        );
        assert_eq!(
            candidate.already_member,
            web.member_of(&user.user_id).is_some()
        );
        assert_eq!(candidate.unit_cost, None);
    }
    let suzuki = user_id("suzuki.ichiro");
    assert!(proposal
        .candidates
        .iter()
        .any(|c| c.already_member && c.user.as_ref().unwrap().user_id == suzuki));

    // Administrators hold a group: unmatched, saying so.
    let admins = from_jira_role(&client, &web, &jira, "SYS", &roles[2].id)
        .await
        .unwrap();
    let group = admins.candidates.iter().find(|c| c.user.is_none()).unwrap();
    assert!(
        group.source_name.contains("jira-administrators"),
        "{group:?}"
    );
    assert!(group.source_name.contains("Jira group"), "{group:?}");
    assert!(admins.candidates.iter().any(|c| c
        .user
        .as_ref()
        .is_some_and(|u| u.login.as_deref() == Some(SERVICE_LOGIN))));

    // Cloud with every e-mail hidden: actors carry accountIds only, the
    // lookups no address, and the display names find the people.
    cloud.set_email_visibility(true).unwrap();
    let (_, jira) = jira_client(&ws.db, &ws.secrets, cloud_id).await.unwrap();
    let proposal = from_jira_role(&client, &web, &jira, "WEB", developers)
        .await
        .unwrap();
    assert!(!proposal.candidates.is_empty());
    for candidate in &proposal.candidates {
        assert_eq!(candidate.source_email, None);
        assert_eq!(candidate.source_login, None, "Cloud has no logins");
        assert_eq!(candidate.matched_by, Some(MatchedBy::Name), "{candidate:?}");
    }

    let err = from_jira_role(&client, &web, &jira, "WEB", "developers")
        .await
        .unwrap_err();
    assert_eq!(err.code(), "Validation");
    let err = jira_roles(&jira, "NOPE").await.unwrap_err();
    assert_eq!(err.code(), "NotFound");
}

#[tokio::test]
async fn a_csv_import_is_applied_and_the_export_reads_back_unchanged() {
    let tt = sim(SimKind::Ttnx).await;
    let ws = Workspace::new();
    let client = ws.ttnx(ws.register(&tt, ServerKind::TimeTrackerNx, CredentialKind::TtnxApiKey));
    let int = project(&client, "INT").await;
    let outsider = int
        .members
        .iter()
        .find(|m| m.login.as_deref() != Some(SERVICE_LOGIN))
        .unwrap();
    let newcomer = people(Seed::Demo)
        .into_iter()
        .find(|p| int.member_of(&p.number.to_string()).is_none() && p.number > 1)
        .unwrap();

    // Semicolons and decimal commas, an e-mail, and a bad row.
    let csv = format!(
        "Login;Unit cost (JPY)\n{};\"7.250,50\"\n{};6100\nnobody.here;1\n",
        newcomer.email,
        outsider.login.as_deref().unwrap()
    );
    let report = import_csv(&client, &int, &csv, false).await.unwrap();
    let statuses: Vec<ImportStatus> = report.rows.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            ImportStatus::Add,
            ImportStatus::Update,
            ImportStatus::UnknownUser
        ]
    );
    assert_eq!(report.bad_rows, 1);
    assert_eq!(report.rows[0].unit_cost, Some(7250.5));

    let outcome = apply(&client, &int, &report.staged).await.unwrap();
    let ApplyOutcome::Applied(applied) = outcome else {
        panic!("conflict");
    };
    assert!(applied.failures.is_empty());
    assert_eq!(applied.changes.adds.len(), 1);
    assert_eq!(applied.changes.updates.len(), 1);

    let after = members::load(&client, &int.project.id).await.unwrap();
    let directory = user_directory(&client).await.unwrap();
    let exported = export_members_csv(&after, Some(&directory));
    assert!(exported.contains(&newcomer.email));
    assert!(exported.contains(",7250.5,"), "{exported}");
    let again = plan_import(&after, &directory, &exported, true).unwrap();
    assert!(
        again
            .rows
            .iter()
            .all(|r| r.status == ImportStatus::Unchanged),
        "{again:?}"
    );
    assert!(again.staged.is_empty());
}
