//! The sync profile editor's lookups against the simulators (in-process,
//! demo seed, registered like the desktop's demo workspace): the scope
//! options of the Jira Cloud ↔ TT NX demo connection, the folders of the
//! TT NX project WEB with what they hold, the boards of Jira WEB, the maps
//! suggested for a WEB ↔ WEB draft (statuses paired, people matched and
//! how, the unresolved queue, the draft's own pairs kept), a missing
//! permission named exactly, and a connection of the wrong kinds refused.

use std::path::PathBuf;
use std::sync::Arc;

use kakehashi_core::demo::{self, DemoEndpoint};
use kakehashi_core::store::Database;
use kakehashi_core::sync::jira_ttnx::{
    jira_boards, scope_options, suggestions, ttnx_folders, MappingSuggestions, MatchedBy,
};
use kakehashi_core::sync::model::*;
use kakehashi_core::workspace::{
    connections, credentials, servers, ConnectionSide, CredentialInput, CredentialKind, Direction,
    NewConnection, ServerKind,
};
use kakehashi_core::AppError;
use kakehashi_http::{Endpoint, HttpClient, PlainDecoder};
use kakehashi_secrets::{MemoryStore, SecretStore, Sensitive};
use kakehashi_sim::people::{people, Person};
use kakehashi_sim::{start, RunningSim, Seed, SimKind, SimOptions};
use serde_json::{json, Value};
use tempfile::TempDir;

struct World {
    _dir: TempDir,
    db_path: PathBuf,
    secrets: Arc<dyn SecretStore>,
    jira: RunningSim,
    ttnx: RunningSim,
    _others: Vec<RunningSim>,
}

async fn world() -> World {
    let options = SimOptions {
        seed: Seed::Demo,
        ..SimOptions::default()
    };
    let mut sims = Vec::new();
    for kind in [
        SimKind::JiraCloud,
        SimKind::Ttnx,
        SimKind::JiraDataCenter,
        SimKind::Asana,
    ] {
        sims.push(start(kind, &options, 0).await.unwrap());
    }
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("kakehashi.db");
    let secrets: Arc<dyn SecretStore> = Arc::new(MemoryStore::default());
    let endpoints: Vec<DemoEndpoint> = sims
        .iter()
        .map(|sim| DemoEndpoint {
            kind: match sim.kind() {
                SimKind::JiraCloud => ServerKind::JiraCloud,
                SimKind::JiraDataCenter => ServerKind::JiraDataCenter,
                SimKind::Ttnx => ServerKind::TimeTrackerNx,
                SimKind::Asana => ServerKind::Asana,
            },
            url: sim.url().to_owned(),
            login: sim.login().to_owned(),
            secret: Sensitive::new(sim.secret().to_owned()),
        })
        .collect();
    {
        let db = Database::open(&db_path).unwrap();
        demo::create(&db, secrets.as_ref(), &endpoints, "Demo").unwrap();
    }
    let mut sims = sims.into_iter();
    let jira = sims.next().unwrap();
    let ttnx = sims.next().unwrap();
    World {
        _dir: dir,
        db_path,
        secrets,
        jira,
        ttnx,
        _others: sims.collect(),
    }
}

fn person(login: &str) -> Person {
    people(Seed::Demo)
        .into_iter()
        .find(|p| p.login == login)
        .unwrap()
}

fn control(sim: &RunningSim) -> HttpClient {
    HttpClient::new(Endpoint::new(&sim.admin_url()).unwrap(), PlainDecoder).unwrap()
}

impl World {
    fn db(&self) -> Database {
        Database::open(&self.db_path).unwrap()
    }

    /// The demo connection named "Demo: A ↔ B".
    fn connection(&self, left: &str, right: &str) -> u32 {
        let name = format!("Demo: {left} ↔ {right}");
        connections::list(&self.db())
            .unwrap()
            .into_iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no connection {name}"))
            .id
    }

    fn server(&self, kind: ServerKind) -> u32 {
        servers::list(&self.db())
            .unwrap()
            .into_iter()
            .find(|s| s.kind == kind)
            .unwrap()
            .id
    }

    /// A Jira Cloud ↔ TT NX connection signing in as these people.
    fn connection_as(&self, jira_login: &str, ttnx_login: &str) -> u32 {
        let db = self.db();
        let credential = |kind: ServerKind, cred: CredentialKind, who: &Person, sim: SimKind| {
            credentials::add(
                &db,
                self.secrets.as_ref(),
                &CredentialInput {
                    server_id: self.server(kind),
                    kind: cred,
                    label: format!("{} ({})", who.login, sim.as_str()),
                    login: Some(match kind {
                        ServerKind::JiraCloud => who.email.clone(),
                        _ => who.login.clone(),
                    }),
                    expires_at: None,
                    is_service: false,
                    secret: Sensitive::new(who.secret(sim)),
                },
                kakehashi_core::clock::now(),
            )
            .unwrap()
            .credential
            .id
        };
        let jira = credential(
            ServerKind::JiraCloud,
            CredentialKind::JiraCloudToken,
            &person(jira_login),
            SimKind::JiraCloud,
        );
        let ttnx = credential(
            ServerKind::TimeTrackerNx,
            CredentialKind::TtnxApiKey,
            &person(ttnx_login),
            SimKind::Ttnx,
        );
        connections::add(
            &db,
            &NewConnection {
                name: format!("{jira_login} ↔ {ttnx_login}"),
                left: ConnectionSide {
                    server_id: self.server(ServerKind::TimeTrackerNx),
                    credential_id: Some(ttnx),
                },
                right: ConnectionSide {
                    server_id: self.server(ServerKind::JiraCloud),
                    credential_id: Some(jira),
                },
                direction: Direction::Both,
            },
        )
        .unwrap()
        .id
    }

    async fn ttnx_stat(&self, what: &str) -> u64 {
        let stats: Value = control(&self.ttnx).get("stats").send_json().await.unwrap();
        stats["byEndpoint"][what].as_u64().unwrap_or(0)
    }
}

fn draft(connection_id: u32, ttnx_project: &str, folder: &str) -> ProfileDraft {
    ProfileDraft {
        id: None,
        name: "WEB".into(),
        connection_id,
        scope: Scope::JiraTtnx {
            jira_project: "WEB".into(),
            ttnx_project_id: ttnx_project.into(),
            ttnx_folder_id: folder.into(),
            group_by: GroupBy::Version,
            board_id: None,
        },
        entities: Entities {
            items: true,
            worklogs: false,
        },
        fields: Vec::new(),
        value_maps: ValueMaps {
            status: vec![],
            item_type: vec![],
            priority: vec![],
        },
        user_map: vec![],
        conflict_policy: ConflictPolicy::NewestWins,
        deletion: DeletionPolicy::Ignore,
        schedule: Schedule::Off,
        threshold_percent: 20,
    }
}

fn assert_send<T: Send>(value: T) -> T {
    value
}

/// The demo TT NX project WEB's id, from the connection's options.
async fn web_project(world: &World, connection: u32) -> String {
    let options = scope_options(&world.db_path, world.secrets.clone(), connection)
        .await
        .unwrap();
    options
        .ttnx_projects
        .iter()
        .find(|p| p.detail.as_deref() == Some("WEB"))
        .unwrap()
        .id
        .clone()
}

#[tokio::test]
async fn the_demo_connection_offers_projects_folders_and_boards() {
    let world = world().await;
    let connection = world.connection("Jira Cloud", "TimeTracker NX");
    let options = assert_send(scope_options(
        &world.db_path,
        world.secrets.clone(),
        connection,
    ))
    .await
    .unwrap();
    assert_eq!(options.left_kind, ServerKind::JiraCloud);
    assert_eq!(options.right_kind, ServerKind::TimeTrackerNx);
    let web = options
        .jira_projects
        .iter()
        .find(|p| p.id == "WEB")
        .expect("Jira WEB is offered by key");
    assert!(!web.name.is_empty());
    assert!(options.jira_projects.iter().any(|p| p.id == "MOB"));
    let ttnx_web = options
        .ttnx_projects
        .iter()
        .find(|p| p.detail.as_deref() == Some("WEB"))
        .expect("TT NX WEB is offered with its code");
    assert!(
        ttnx_web.id.chars().all(|c| c.is_ascii_digit()),
        "{ttnx_web:?}"
    );

    let before = world
        .ttnx_stat("GET /TimeTrackerNX/api/workitem/workItems/{ids}/subItems")
        .await;
    let folders = assert_send(ttnx_folders(
        &world.db_path,
        world.secrets.clone(),
        connection,
        &ttnx_web.id,
    ))
    .await
    .unwrap();
    let after = world
        .ttnx_stat("GET /TimeTrackerNX/api/workitem/workItems/{ids}/subItems")
        .await;
    assert_eq!(after - before, 1, "the tree is read once");
    let dev = folders
        .iter()
        .find(|f| f.name == "WEB 開発")
        .expect("the demo folder is offered");
    let detail = dev.detail.as_deref().unwrap();
    let (versions, tasks) = detail.split_once(", ").unwrap();
    let number = |text: &str| text.split(' ').next().unwrap().parse::<u32>().unwrap();
    assert!(
        number(versions) > 0 && versions.contains("version"),
        "{detail}"
    );
    assert!(number(tasks) > 0 && tasks.contains("task"), "{detail}");
    assert!(
        folders.iter().all(|f| f.detail.is_some()),
        "every folder says what it holds: {folders:?}"
    );

    let boards = assert_send(jira_boards(
        &world.db_path,
        world.secrets.clone(),
        connection,
        "WEB",
    ))
    .await
    .unwrap();
    assert!(!boards.is_empty());
    let first_non_scrum = boards
        .iter()
        .position(|b| b.detail.as_deref() != Some("scrum"))
        .unwrap_or(boards.len());
    assert!(
        boards[first_non_scrum..]
            .iter()
            .all(|b| b.detail.as_deref() != Some("scrum")),
        "scrum boards first: {boards:?}"
    );
    assert!(boards.iter().all(|b| b.id.parse::<u64>().is_ok()));
}

fn pair_of(s: &MappingSuggestions, jira_status: &str) -> Option<String> {
    // The demo connection has Jira on the left.
    s.status
        .pairs
        .iter()
        .find(|p| p.left == jira_status)
        .map(|p| p.right.clone())
}

#[tokio::test]
async fn suggestions_pair_statuses_match_people_and_keep_the_drafts_pairs() {
    let world = world().await;
    let connection = world.connection("Jira Cloud", "TimeTracker NX");
    let project = web_project(&world, connection).await;
    let mut draft = draft(connection, &project, "");
    // The draft says Jira "To Do" is TT NX "in progress" (2): that stays.
    draft.value_maps.status.push(ValuePair {
        left: "10000".into(),
        right: "2".into(),
    });
    let s = assert_send(suggestions(&world.db_path, world.secrets.clone(), &draft))
        .await
        .unwrap();

    assert_eq!(s.status.left.len(), 3, "{:?}", s.status.left);
    assert_eq!(s.status.right.len(), 3);
    assert_eq!(pair_of(&s, "10000").as_deref(), Some("2"), "kept");
    assert_eq!(
        s.status.pairs.iter().filter(|p| p.left == "10000").count(),
        1,
        "no second pair for a mapped value"
    );
    assert_eq!(pair_of(&s, "3").as_deref(), Some("2"), "in progress");
    assert_eq!(
        pair_of(&s, "10001").as_deref(),
        Some("3"),
        "done ↔ completed"
    );

    assert!(
        s.item_type.right.iter().all(|t| t.id != "1" && t.id != "2"),
        "tasks only"
    );
    let task = s.item_type.left.iter().find(|t| t.name == "Task").unwrap();
    assert!(s
        .item_type
        .pairs
        .iter()
        .any(|p| p.left == task.id && p.right == "3"));
    assert_eq!(s.item_type.pairs.len(), s.item_type.left.len());

    assert_eq!(s.priority.left.len(), 5);
    assert!(s.priority.right.is_empty() && s.priority.pairs.is_empty());

    // People: matched by e-mail on Cloud; whoever is left is queued.
    assert!(!s.users.is_empty());
    assert!(s.users.iter().all(|u| u.matched_by == MatchedBy::Email));
    let sato = s
        .users
        .iter()
        .find(|u| u.pair.left_name == "佐藤 花子")
        .expect("an admin is assignable and a WEB member");
    assert_eq!(sato.pair.right, person("sato.hanako").number.to_string());
    let matched_left: Vec<&str> = s.users.iter().map(|u| u.pair.left.as_str()).collect();
    assert_eq!(
        s.left_users.len(),
        matched_left.len() + s.unresolved_left.len(),
        "every Jira person is matched or queued"
    );
    assert!(s
        .unresolved_left
        .iter()
        .all(|c| !matched_left.contains(&c.id.as_str())));
    let matched_right: Vec<&str> = s.users.iter().map(|u| u.pair.right.as_str()).collect();
    assert_eq!(
        s.right_users.len(),
        matched_right.len() + s.unresolved_right.len()
    );
    assert!(
        !s.unresolved_left.is_empty() || !s.unresolved_right.is_empty(),
        "the demo has people on one side only: {:?} / {:?}",
        s.unresolved_left,
        s.unresolved_right
    );
    assert!(
        s.left_users.iter().all(|c| c.name != "小林 葵"),
        "a viewer cannot be assigned issues"
    );

    // All granted for the demo's technical users, each permission named.
    let names: Vec<&str> = s
        .permissions
        .iter()
        .map(|p| p.permission.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "BROWSE_PROJECTS",
            "CREATE_ISSUES",
            "EDIT_ISSUES",
            "TRANSITION_ISSUES",
            "Manage Project"
        ]
    );
    assert!(
        s.permissions.iter().all(|p| p.granted),
        "{:?}",
        s.permissions
    );
    assert_eq!(s.permissions[4].side, Side::Right);

    // A pair the draft has is not suggested again; with e-mails hidden
    // the others are matched by name.
    control(&world.jira)
        .put("jira/settings")
        .json(&json!({"emailVisibility": "hidden"}))
        .send()
        .await
        .unwrap();
    let mut with_user = draft.clone();
    with_user.user_map.push(sato.pair.clone());
    let again = suggestions(&world.db_path, world.secrets.clone(), &with_user)
        .await
        .unwrap();
    assert!(again.users.iter().all(|u| u.pair.left != sato.pair.left));
    assert!(again.users.iter().all(|u| u.pair.right != sato.pair.right));
    assert!(!again.users.is_empty());
    assert!(again.users.iter().all(|u| u.matched_by == MatchedBy::Name));
    assert!(again.unresolved_left.iter().all(|c| c.id != sato.pair.left));
}

#[tokio::test]
async fn a_missing_permission_is_named_with_where_to_grant_it() {
    let world = world().await;
    let demo = world.connection("Jira Cloud", "TimeTracker NX");
    let project = web_project(&world, demo).await;
    // A Jira viewer and a TT NX member; TT NX is on the left here.
    let connection = world.connection_as("kobayashi.aoi", "suzuki.ichiro");
    let mut draft = draft(connection, &project, "");
    draft.entities.worklogs = true;
    draft.deletion = DeletionPolicy::Mirror;
    let s = suggestions(&world.db_path, world.secrets.clone(), &draft)
        .await
        .unwrap();
    let check = |name: &str| {
        s.permissions
            .iter()
            .find(|p| p.permission == name)
            .unwrap_or_else(|| panic!("{name} not checked: {:?}", s.permissions))
    };
    assert!(check("BROWSE_PROJECTS").granted);
    for name in [
        "CREATE_ISSUES",
        "EDIT_ISSUES",
        "WORK_ON_ISSUES",
        "DELETE_ISSUES",
    ] {
        let p = check(name);
        assert!(!p.granted, "{p:?}");
        assert_eq!(p.side, Side::Right);
        assert_eq!(p.project, "WEB");
        assert!(
            p.message.contains(name) && p.message.contains("permission scheme"),
            "{}",
            p.message
        );
    }
    let manage = check("Manage Project");
    assert!(!manage.granted);
    assert_eq!(manage.side, Side::Left);
    assert!(
        manage.message.contains("Manage Project"),
        "{}",
        manage.message
    );
    // Sides follow the connection: TT NX people on the left now.
    assert!(s.status.left.iter().any(|c| c.id == "1"));
    assert!(s
        .status
        .pairs
        .iter()
        .any(|p| p.left == "3" && p.right == "10001"));
}

#[tokio::test]
async fn a_connection_between_other_kinds_is_refused_by_name() {
    let world = world().await;
    let connection = world.connection("Jira Data Center", "Jira Cloud");
    let err = scope_options(&world.db_path, world.secrets.clone(), connection)
        .await
        .unwrap_err();
    match &err {
        AppError::Validation { field, message } => {
            assert_eq!(field, "connectionId");
            assert!(
                message.contains("Demo: Jira Data Center ↔ Jira Cloud"),
                "{message}"
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let err = suggestions(
        &world.db_path,
        world.secrets.clone(),
        &draft(connection, "1", "2"),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, AppError::Validation { .. }), "{err:?}");
}
