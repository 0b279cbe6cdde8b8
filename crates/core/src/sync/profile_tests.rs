use super::*;
use crate::sync::model::{
    ConflictPolicy, DeletionPolicy, Entities, GroupBy, ProfileDraft, Schedule, Scope, UserPair,
    ValueMaps, ValuePair,
};
use crate::workspace::{
    connections, servers, ConnectionSide, Direction, NewConnection, NewServer, ServerKind,
};

fn server(db: &Database, kind: ServerKind, name: &str, url: &str) -> u32 {
    servers::add(
        db,
        &NewServer {
            kind,
            name: name.into(),
            base_url: url.into(),
            alt_url: None,
            time_zone: None,
            is_demo: false,
            tls: Default::default(),
            proxy: Default::default(),
        },
    )
    .unwrap()
    .id
}

fn connection(db: &Database, name: &str, left: u32, right: u32, direction: Direction) -> u32 {
    connections::add(
        db,
        &NewConnection {
            name: name.into(),
            left: ConnectionSide {
                server_id: left,
                credential_id: None,
            },
            right: ConnectionSide {
                server_id: right,
                credential_id: None,
            },
            direction,
        },
    )
    .unwrap()
    .id
}

/// A database with a Jira ↔ TT NX connection (1), a Jira ↔ Jira one (2)
/// and a one-way Jira → TT NX one (3).
fn setup() -> Database {
    let db = Database::open_in_memory().unwrap();
    let jira = server(
        &db,
        ServerKind::JiraCloud,
        "Jira",
        "https://example.atlassian.net",
    );
    let ttnx = server(
        &db,
        ServerKind::TimeTrackerNx,
        "TT NX",
        "https://tt.example.com/TimeTrackerNX",
    );
    let jira2 = server(
        &db,
        ServerKind::JiraDataCenter,
        "Jira DC",
        "https://jira.example.com",
    );
    assert_eq!(connection(&db, "Jira ↔ TT", jira, ttnx, Direction::Both), 1);
    assert_eq!(
        connection(&db, "Jira ↔ Jira", jira, jira2, Direction::Both),
        2
    );
    assert_eq!(
        connection(&db, "TT ← Jira", ttnx, jira, Direction::RightToLeft),
        3
    );
    db
}

fn draft(name: &str) -> ProfileDraft {
    ProfileDraft {
        id: None,
        name: name.into(),
        connection_id: 1,
        scope: Scope::JiraTtnx {
            jira_project: "WEB".into(),
            ttnx_project_id: "12".into(),
            ttnx_folder_id: "340".into(),
            group_by: GroupBy::Version,
            board_id: None,
        },
        entities: Entities {
            items: true,
            worklogs: false,
        },
        fields: default_fields(),
        value_maps: ValueMaps {
            status: vec![ValuePair {
                left: "10001".into(),
                right: "3".into(),
            }],
            ..Default::default()
        },
        user_map: vec![UserPair {
            left: "acc-1".into(),
            left_name: "Yamada".into(),
            right: "7".into(),
            right_name: "山田".into(),
        }],
        conflict_policy: ConflictPolicy::NewestWins,
        deletion: DeletionPolicy::Archive,
        schedule: Schedule::Every { minutes: 15 },
        threshold_percent: DEFAULT_THRESHOLD_PERCENT,
    }
}

fn field_of(err: AppError) -> String {
    match err {
        AppError::Validation { field, .. } => field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn default_fields_are_both_ways_except_type_and_priority() {
    let fields = default_fields();
    assert_eq!(fields.len(), SyncField::ALL.len());
    for mapping in fields {
        let expected = match mapping.field {
            SyncField::ItemType | SyncField::Priority => FieldDirection::LeftToRight,
            _ => FieldDirection::Both,
        };
        assert_eq!(mapping.direction, expected, "{:?}", mapping.field);
    }
}

#[test]
fn save_inserts_then_updates_and_reads_back_everything() {
    let db = setup();
    let saved = save(&db, &draft("  WEB sync ")).unwrap();
    assert_eq!(saved.name, "WEB sync");
    assert_eq!(saved.connection_name, "Jira ↔ TT");
    assert!(!saved.has_run);
    assert_eq!(saved.last_run, None);
    let mut back = saved.to_draft();
    back.name = "WEB sync".into();
    let mut expected = draft("WEB sync");
    expected.id = Some(saved.id);
    assert_eq!(back, expected);

    let mut edit = saved.to_draft();
    edit.deletion = DeletionPolicy::Mirror;
    edit.schedule = Schedule::BusinessHours {
        days: vec![1, 2, 3, 4, 5],
        from: "09:00".into(),
        to: "18:00".into(),
        time_zone: "Asia/Tokyo".into(),
        every_minutes: 30,
    };
    let updated = save(&db, &edit).unwrap();
    assert_eq!(updated.id, saved.id);
    assert_eq!(updated.deletion, DeletionPolicy::Mirror);
    assert_eq!(updated.schedule, edit.schedule);
    assert_eq!(list(&db).unwrap(), vec![updated.clone()]);
    assert_eq!(find(&db, "WEB sync").unwrap(), updated);
    assert_eq!(find(&db, &saved.id.to_string()).unwrap(), updated);
    assert_eq!(find(&db, "nope").unwrap_err().code(), "NotFound");
}

#[test]
fn names_are_required_and_unique() {
    let db = setup();
    save(&db, &draft("A")).unwrap();
    assert_eq!(field_of(save(&db, &draft("A")).unwrap_err()), "name");
    assert_eq!(field_of(save(&db, &draft("  ")).unwrap_err()), "name");
    // Saving a profile under its own name is not a clash.
    let b = save(&db, &draft("B")).unwrap();
    save(&db, &b.to_draft()).unwrap();
}

#[test]
fn the_connection_must_exist_and_join_jira_and_ttnx_either_way_round() {
    let db = setup();
    let mut wrong = draft("x");
    wrong.connection_id = 2;
    assert_eq!(field_of(save(&db, &wrong).unwrap_err()), "connectionId");
    wrong.connection_id = 99;
    assert_eq!(field_of(save(&db, &wrong).unwrap_err()), "connectionId");
    let mut reversed = draft("TT first");
    reversed.connection_id = 3;
    reversed.fields = default_fields()
        .into_iter()
        .map(|mut mapping| {
            mapping.direction = FieldDirection::RightToLeft;
            mapping
        })
        .collect();
    save(&db, &reversed).unwrap();
}

#[test]
fn a_one_way_connection_refuses_fields_flowing_the_other_way() {
    let db = setup();
    let mut against = draft("x");
    against.connection_id = 3; // right → left only
    assert_eq!(field_of(save(&db, &against).unwrap_err()), "fields");
}

#[test]
fn scope_threshold_schedule_and_maps_are_checked() {
    let db = setup();
    type Change = Box<dyn Fn(&mut ProfileDraft)>;
    let cases: Vec<(&str, Change)> = vec![
        ("thresholdPercent", Box::new(|d| d.threshold_percent = 0)),
        ("thresholdPercent", Box::new(|d| d.threshold_percent = 101)),
        (
            "schedule.minutes",
            Box::new(|d| d.schedule = Schedule::Every { minutes: 4 }),
        ),
        (
            "entities",
            Box::new(|d| {
                d.entities = Entities {
                    items: false,
                    worklogs: false,
                }
            }),
        ),
        (
            "scope.boardId",
            Box::new(|d| {
                d.scope = Scope::JiraTtnx {
                    jira_project: "WEB".into(),
                    ttnx_project_id: "1".into(),
                    ttnx_folder_id: "2".into(),
                    group_by: GroupBy::Sprint,
                    board_id: None,
                }
            }),
        ),
        (
            "scope.ttnxFolderId",
            Box::new(|d| {
                d.scope = Scope::JiraTtnx {
                    jira_project: "WEB".into(),
                    ttnx_project_id: "1".into(),
                    ttnx_folder_id: " ".into(),
                    group_by: GroupBy::Version,
                    board_id: None,
                }
            }),
        ),
        ("fields", Box::new(|d| d.fields.push(d.fields[0].clone()))),
        (
            "valueMaps.status",
            Box::new(|d| {
                d.value_maps.status.push(ValuePair {
                    left: "10001".into(),
                    right: "4".into(),
                })
            }),
        ),
        (
            "userMap",
            Box::new(|d| {
                let mut twin = d.user_map[0].clone();
                twin.left = "acc-2".into();
                d.user_map.push(twin);
            }),
        ),
    ];
    for (field, change) in cases {
        let mut bad = draft("x");
        change(&mut bad);
        assert_eq!(field_of(save(&db, &bad).unwrap_err()), field);
    }
    let hours =
        |from: &str, to: &str, zone: &str, days: Vec<u8>, every: u32| Schedule::BusinessHours {
            days,
            from: from.into(),
            to: to.into(),
            time_zone: zone.into(),
            every_minutes: every,
        };
    for (field, schedule) in [
        (
            "schedule.days",
            hours("09:00", "18:00", "Asia/Tokyo", vec![], 30),
        ),
        (
            "schedule.days",
            hours("09:00", "18:00", "Asia/Tokyo", vec![8], 30),
        ),
        (
            "schedule.from",
            hours("9", "18:00", "Asia/Tokyo", vec![1], 30),
        ),
        (
            "schedule.to",
            hours("09:00", "08:00", "Asia/Tokyo", vec![1], 30),
        ),
        (
            "schedule.timeZone",
            hours("09:00", "18:00", "Mars/Olympus", vec![1], 30),
        ),
        (
            "schedule.everyMinutes",
            hours("09:00", "18:00", "Asia/Tokyo", vec![1], 2),
        ),
    ] {
        let mut bad = draft("x");
        bad.schedule = schedule;
        assert_eq!(field_of(save(&db, &bad).unwrap_err()), field);
    }
    assert!(list(&db).unwrap().is_empty(), "nothing invalid was stored");
}

#[test]
fn updating_a_removed_profile_is_not_found_and_remove_cascades() {
    let db = setup();
    let saved = save(&db, &draft("A")).unwrap();
    db.conn()
        .execute(
            "INSERT INTO sync_links (profile_id, kind, left_id, right_id, snapshot_left, snapshot_right,
                 left_hash, right_hash, display, updated_at)
             VALUES (?1, 'item', '1', '2', '{}', '{}', 'h', 'h', 'x', 't')",
            [saved.id],
        )
        .unwrap();
    remove(&db, saved.id).unwrap();
    let links: i64 = db
        .conn()
        .query_row("SELECT count(*) FROM sync_links", [], |r| r.get(0))
        .unwrap();
    assert_eq!(links, 0);
    assert_eq!(remove(&db, saved.id).unwrap_err().code(), "NotFound");
    assert_eq!(save(&db, &saved.to_draft()).unwrap_err().code(), "NotFound");
    assert_eq!(get(&db, saved.id).unwrap_err().code(), "NotFound");
}

#[test]
fn removing_the_connection_removes_its_profiles() {
    let db = setup();
    save(&db, &draft("A")).unwrap();
    connections::remove(&db, 1).unwrap();
    assert!(list(&db).unwrap().is_empty());
}
