//! Worklogs through the Jira ↔ TimeTracker NX connector against the
//! simulators (Jira Cloud, TT NX in Asia/Tokyo; the Jira technical user set
//! to UTC): entries near midnight land on the right day on both sides, the
//! real author is named, times fit the TT NX grid, unmapped authors are a
//! problem, updates and deletes go both ways and are seen by the reads, and
//! a create whose answer was lost is found again by its marker.

use std::collections::BTreeSet;
use std::time::Duration;

use kakehashi_core::sync::jira_ttnx::{prepare, JiraTtnx};
use kakehashi_core::sync::model::*;
use kakehashi_core::sync::{Connector, Fields, Record, WriteOp, WriteResult};
use kakehashi_http::{Endpoint, HttpClient, PlainDecoder, RatePolicy, RetryPolicy, Timeouts};
use kakehashi_jira::model::worklog::WorklogInput;
use kakehashi_jira::{AdjustEstimate, JiraClient, JiraTime};
use kakehashi_sim::people::{people, service_account};
use kakehashi_sim::{start, RunningSim, Seed, SimKind, SimOptions};
use kakehashi_ttnx::model::{TimeEntryId, UserId, WorkItem, WorkItemId};
use kakehashi_ttnx::time_entries::NewTimeEntry;
use kakehashi_ttnx::TtnxClient;
use serde_json::{json, Value};

fn endpoint(url: &str) -> Endpoint {
    Endpoint::new(url)
        .unwrap()
        .with_rate(RatePolicy::unlimited())
        .with_timeouts(Timeouts {
            connect: Duration::from_secs(2),
            request: Duration::from_secs(10),
        })
        .with_retry(RetryPolicy {
            max_attempts: 1,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(1),
        })
}

struct World {
    jira: RunningSim,
    ttnx: RunningSim,
    sync: JiraTtnx,
    /// A WEB issue with a version ↔ a TT NX task under the folder.
    issue: String,
    item: String,
    /// 佐藤 花子: Jira accountId and TT NX user id.
    sato_jira: String,
    sato_ttnx: String,
}

async fn jira_as(sim: &RunningSim, login: &str) -> JiraClient {
    let person = people(Seed::Demo)
        .into_iter()
        .find(|p| p.login == login)
        .unwrap();
    let credentials = kakehashi_jira::Credentials::cloud_api_token(
        person.email.clone(),
        person.secret(SimKind::JiraCloud),
    );
    JiraClient::connect(endpoint(sim.url()), credentials)
        .await
        .unwrap()
}

fn ttnx_client(sim: &RunningSim) -> TtnxClient {
    let key = kakehashi_sim::ttnx::api_key(&service_account(Seed::Demo));
    TtnxClient::new(
        endpoint(sim.url()),
        kakehashi_ttnx::Credentials::api_key(key),
    )
    .unwrap()
}

async fn control(sim: &RunningSim, method: &str, path: &str, body: Value) -> Value {
    let client = HttpClient::new(Endpoint::new(&sim.admin_url()).unwrap(), PlainDecoder).unwrap();
    let request = match method {
        "PUT" => client.put(path),
        _ => client.post(path),
    };
    request.json(&body).send_json().await.unwrap()
}

/// Lets the Jira simulator's clock pass the minute its worklog feed omits.
async fn a_minute_passes(world: &World) {
    control(
        &world.jira,
        "POST",
        "jira-cloud/clock",
        json!({"advanceMs": 120_000}),
    )
    .await;
}

fn profile(project: &str, folder: &str, user_map: Vec<UserPair>) -> SyncProfile {
    SyncProfile {
        id: 1,
        name: "WEB".into(),
        connection_id: 1,
        connection_name: "Jira ↔ TT NX".into(),
        scope: Scope::JiraTtnx {
            jira_project: "WEB".into(),
            ttnx_project_id: project.into(),
            ttnx_folder_id: folder.into(),
            group_by: GroupBy::Version,
            board_id: None,
        },
        entities: Entities {
            items: true,
            worklogs: true,
        },
        fields: Vec::new(),
        value_maps: ValueMaps {
            status: vec![],
            item_type: vec![],
            priority: vec![],
        },
        user_map,
        conflict_policy: ConflictPolicy::NewestWins,
        deletion: DeletionPolicy::Mirror,
        schedule: Schedule::Off,
        threshold_percent: 20,
        created_at: String::new(),
        updated_at: String::new(),
        has_run: false,
        last_run: None,
    }
}

async fn world() -> World {
    let options = SimOptions {
        seed: Seed::Demo,
        ..SimOptions::default()
    };
    let jira = start(SimKind::JiraCloud, &options, 0).await.unwrap();
    let ttnx = start(SimKind::Ttnx, &options, 0).await.unwrap();
    // The Jira technical user works in UTC; TT NX runs in Asia/Tokyo.
    control(
        &jira,
        "PUT",
        "jira-cloud/time-zones",
        json!({"kakehashi-sync": "UTC"}),
    )
    .await;
    let tt = ttnx_client(&ttnx);
    let project = tt.resolve_project("WEB").await.unwrap();
    let root = WorkItemId::from(project.id.as_str());
    let tree = tt
        .tree(&root, &["Id", "Name", "ItemTypeId"], false)
        .await
        .unwrap();
    let folder = tree
        .iter()
        .find(|i| i.fields.name.as_deref() == Some("WEB 開発"))
        .unwrap();
    let folder_id = folder.id().unwrap().to_string();
    let item = folder
        .walk()
        .into_iter()
        .find(|i| {
            i.fields
                .item_type_id
                .as_ref()
                .map(ToString::to_string)
                .as_deref()
                == Some("3")
        })
        .and_then(WorkItem::id)
        .unwrap()
        .to_string();
    let members = tt.project(&project.id).await.unwrap().members;
    let sato_ttnx = members
        .iter()
        .find(|m| m.name == "佐藤 花子")
        .unwrap()
        .party_id
        .to_string();
    let sato = jira_as(&jira, "sato.hanako").await;
    let sato_jira = sato.myself().await.unwrap().account_id.unwrap();
    let pair = UserPair {
        left: sato_jira.clone(),
        left_name: "佐藤 花子".into(),
        right: sato_ttnx.clone(),
        right_name: "佐藤 花子".into(),
    };
    let setup = prepare(
        &profile(project.id.as_str(), &folder_id, vec![pair]),
        Side::Left,
        (1, "Jira".into()),
        (2, "TT NX".into()),
        &tt,
        None,
    )
    .await
    .unwrap();
    let bot = jira_as(&jira, "kakehashi-sync").await;
    let sync = JiraTtnx::new(bot, tt, setup);
    let read = sync.read(Side::Left, None, &BTreeSet::new()).await.unwrap();
    let issue = read
        .records
        .iter()
        .find(|r| r.kind == EntityKind::Item)
        .unwrap()
        .id
        .clone();
    World {
        jira,
        ttnx,
        sync,
        issue,
        item,
        sato_jira,
        sato_ttnx,
    }
}

/// The engine's create op for `record`, written on the other side.
fn create_from(sync: &JiraTtnx, record: &Record, from: Side, parent: &str, key: &str) -> WriteOp {
    let mut fields = Fields::new();
    for field in sync.fields(EntityKind::Worklog) {
        let value = record.fields.get(&field).cloned().unwrap_or(Value::Null);
        fields.insert(field, sync.translate(field, from, &value).unwrap());
    }
    WriteOp {
        key: key.into(),
        action: OpAction::Create,
        kind: EntityKind::Worklog,
        target_id: None,
        parent: Some(parent.into()),
        fields,
        source: record.clone(),
    }
}

fn done(result: &WriteResult) -> (String, Fields) {
    match result {
        WriteResult::Done { id, fields } => (id.clone(), fields.clone()),
        other => panic!("not done: {other:?}"),
    }
}

fn linked(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

async fn sato_logs(world: &World, started: &str, seconds: u64, comment: &str) -> String {
    let sato = jira_as(&world.jira, "sato.hanako").await;
    let input = WorklogInput::new(JiraTime::parse(started).unwrap(), seconds).comment(comment);
    let worklog = sato
        .add_worklog(&world.issue, &input, AdjustEstimate::Leave)
        .await
        .unwrap();
    format!("worklog:{}:{}", world.issue, worklog.id)
}

async fn jira_record(world: &World, id: &str) -> Record {
    a_minute_passes(world).await;
    let read = world
        .sync
        .read(Side::Left, None, &linked(&[&world.issue]))
        .await
        .unwrap();
    read.records
        .into_iter()
        .find(|r| r.id == id)
        .expect("the worklog is read")
}

#[tokio::test]
async fn entries_near_midnight_land_on_the_right_day_on_both_sides() {
    let world = world().await;
    // Jira → TT NX: 15:30 UTC on 1 March is 00:30 on 2 March in Tokyo.
    let id = sato_logs(&world, "2026-03-01T15:30:00.000+0000", 3600, "夜間対応").await;
    let record = jira_record(&world, &id).await;
    assert_eq!(
        record.fields[&SyncField::StartDate],
        json!("2026-03-01T15:30:00Z")
    );
    assert_eq!(record.parent.as_deref(), Some(world.issue.as_str()));
    let op = create_from(&world.sync, &record, Side::Left, &world.item, "kh-1-l-x1");
    let results = world.sync.write(Side::Right, &[op]).await.unwrap();
    let (entry_id, fields) = done(&results[0]);
    assert_eq!(fields[&SyncField::OriginalEstimate], json!(60));
    let (user, entry) = entry_id
        .strip_prefix("entry:")
        .unwrap()
        .split_once(':')
        .unwrap();
    assert_eq!(user, world.sato_ttnx, "booked for the mapped author");
    let tt = ttnx_client(&world.ttnx);
    let booked = tt
        .time_entry(&UserId::from(user), &TimeEntryId::from(entry))
        .await
        .unwrap();
    assert_eq!(booked.work_date, jiff::civil::date(2026, 3, 2));
    assert_eq!(
        booked.start_time,
        jiff::civil::date(2026, 3, 2).at(0, 30, 0, 0)
    );
    assert_eq!(
        booked.finish_time,
        jiff::civil::date(2026, 3, 2).at(1, 30, 0, 0)
    );
    assert_eq!(booked.memo.as_deref(), Some("夜間対応"));

    // TT NX → Jira: 00:15 in Tokyo on 2 March is 15:15 UTC on 1 March.
    let new = NewTimeEntry::new(
        WorkItemId::from(world.item.as_str()),
        jiff::civil::date(2026, 3, 2).at(0, 15, 0, 0),
        jiff::civil::date(2026, 3, 2).at(1, 0, 0, 0),
    )
    .memo("朝の確認");
    let created = tt
        .create_time_entry(&UserId::from(world.sato_ttnx.as_str()), &new)
        .await
        .unwrap();
    let read = world
        .sync
        .read(Side::Right, None, &BTreeSet::new())
        .await
        .unwrap();
    let source = read
        .records
        .iter()
        .find(|r| r.id == format!("entry:{}:{}", world.sato_ttnx, created.id))
        .expect("the entry is read");
    assert_eq!(
        source.fields[&SyncField::StartDate],
        json!("2026-03-01T15:15:00Z")
    );
    assert_eq!(source.parent.as_deref(), Some(world.item.as_str()));
    let key = format!("kh-1-r-{}", source.id);
    let op = create_from(&world.sync, source, Side::Right, &world.issue, &key);
    let results = world.sync.write(Side::Left, &[op]).await.unwrap();
    let (worklog_id, fields) = done(&results[0]);
    assert_eq!(fields[&SyncField::OriginalEstimate], json!(2700));
    assert_eq!(
        fields[&SyncField::Summary],
        json!("朝の確認"),
        "the memo, without the author line"
    );
    let (_, wid) = worklog_id.rsplit_once(':').unwrap();
    let written = jira_as(&world.jira, "kakehashi-sync")
        .await
        .worklog(&world.issue, wid)
        .await
        .unwrap();
    assert_eq!(
        written.started.timestamp().to_string(),
        "2026-03-01T15:15:00Z"
    );
    assert_eq!(
        written.started.zoned().date(),
        jiff::civil::date(2026, 3, 1),
        "the UTC day"
    );
    let comment = written.comment.unwrap().to_text();
    assert!(comment.contains("佐藤 花子 (TimeTracker NX)"), "{comment}");
    assert!(comment.contains("朝の確認"), "{comment}");
}

#[tokio::test]
async fn times_fit_the_grid_and_an_unmapped_author_is_a_problem() {
    let world = world().await;
    // 10:07 for 40 minutes → 10:00 for 45 on the 15-minute grid.
    let id = sato_logs(&world, "2026-03-03T10:07:00.000+0900", 2400, "").await;
    let record = jira_record(&world, &id).await;
    let op = create_from(&world.sync, &record, Side::Left, &world.item, "kh-1-l-x2");
    let (_, fields) = done(
        &world
            .sync
            .write(Side::Right, std::slice::from_ref(&op))
            .await
            .unwrap()[0],
    );
    assert_eq!(fields[&SyncField::StartDate], json!("2026-03-03T01:00:00Z"));
    assert_eq!(fields[&SyncField::OriginalEstimate], json!(45));
    assert_ne!(
        fields[&SyncField::StartDate],
        op.fields[&SyncField::StartDate],
        "rounded"
    );

    // The technical user's own worklog has no partner in the user map.
    let mut stranger = op.clone();
    stranger.key = "kh-1-l-x3".into();
    stranger
        .source
        .fields
        .insert(SyncField::Assignee, json!("712020:nobody"));
    match &world.sync.write(Side::Right, &[stranger]).await.unwrap()[0] {
        WriteResult::Failed {
            cause: ProblemCause::UnmappedUser { user, .. },
            message,
            ..
        } => {
            assert_eq!(user, "712020:nobody");
            assert!(message.contains("map this user"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn updates_and_deletes_go_both_ways_and_reads_see_them() {
    let world = world().await;
    let id = sato_logs(&world, "2026-03-04T01:00:00.000+0000", 1800, "設計").await;
    let record = jira_record(&world, &id).await;
    let op = create_from(&world.sync, &record, Side::Left, &world.item, "kh-1-l-x4");
    let (entry, _) = done(&world.sync.write(Side::Right, &[op]).await.unwrap()[0]);
    let tt_read = world
        .sync
        .read(Side::Right, None, &linked(&[&entry]))
        .await
        .unwrap();
    assert!(tt_read.present.as_ref().unwrap().contains(&entry));
    let ours = tt_read.records.iter().find(|r| r.id == entry).unwrap();
    assert!(ours.by_us, "booked by the technical user");

    // Jira → TT NX update: a new memo and length.
    let mut fields = Fields::new();
    fields.insert(SyncField::Summary, json!("設計レビュー"));
    fields.insert(SyncField::OriginalEstimate, json!(60));
    let update = WriteOp {
        key: "kh-1-l-x4".into(),
        action: OpAction::Update,
        kind: EntityKind::Worklog,
        target_id: Some(entry.clone()),
        parent: None,
        fields,
        source: record.clone(),
    };
    let (_, written) = done(&world.sync.write(Side::Right, &[update]).await.unwrap()[0]);
    assert_eq!(written[&SyncField::OriginalEstimate], json!(60));
    let again = world
        .sync
        .read(Side::Right, Some(&tt_read.watermark), &linked(&[&entry]))
        .await
        .unwrap();
    let changed = again.records.iter().find(|r| r.id == entry).unwrap();
    assert_eq!(changed.fields[&SyncField::Summary], json!("設計レビュー"));
    assert_eq!(changed.fields[&SyncField::OriginalEstimate], json!(60));

    // TT NX → Jira update of a person's worklog: just the text changes.
    let mut fields = Fields::new();
    fields.insert(SyncField::Summary, json!("設計レビュー"));
    let to_jira = WriteOp {
        key: "kh-1-l-x4".into(),
        action: OpAction::Update,
        kind: EntityKind::Worklog,
        target_id: Some(id.clone()),
        parent: None,
        fields,
        source: changed.clone(),
    };
    let (_, written) = done(&world.sync.write(Side::Left, &[to_jira]).await.unwrap()[0]);
    assert_eq!(written[&SyncField::Summary], json!("設計レビュー"));

    // Deletes both ways; the next reads no longer count them present.
    let delete = |side_target: &str| WriteOp {
        key: "kh-1-l-x4".into(),
        action: OpAction::Delete,
        kind: EntityKind::Worklog,
        target_id: Some(side_target.to_owned()),
        parent: None,
        fields: Fields::new(),
        source: record.clone(),
    };
    done(
        &world
            .sync
            .write(Side::Right, &[delete(&entry)])
            .await
            .unwrap()[0],
    );
    done(&world.sync.write(Side::Left, &[delete(&id)]).await.unwrap()[0]);
    // Deleting what is gone already is done too.
    done(&world.sync.write(Side::Left, &[delete(&id)]).await.unwrap()[0]);
    a_minute_passes(&world).await;
    let jira = world
        .sync
        .read(Side::Left, None, &linked(&[&world.issue]))
        .await
        .unwrap();
    let jira_again = world
        .sync
        .read(
            Side::Left,
            Some(&jira.watermark),
            &linked(&[&world.issue, &id]),
        )
        .await
        .unwrap();
    assert!(
        !jira_again.present.unwrap().contains(&id),
        "deleted in Jira"
    );
    let tt = world
        .sync
        .read(Side::Right, Some(&again.watermark), &linked(&[&entry]))
        .await
        .unwrap();
    assert!(!tt.present.unwrap().contains(&entry), "deleted in TT NX");
}

#[tokio::test]
async fn a_lost_create_is_found_again_without_a_duplicate() {
    let world = world().await;
    let id = sato_logs(&world, "2026-03-05T00:00:00.000+0000", 3600, "障害対応").await;
    let record = jira_record(&world, &id).await;
    let key = format!("kh-1-l-{id}");
    let op = create_from(&world.sync, &record, Side::Left, &world.item, &key);
    let (entry, _) = done(&world.sync.write(Side::Right, &[op]).await.unwrap()[0]);
    // The answer "was lost": the natural key finds the entry.
    let found = world
        .sync
        .find_created(Side::Right, &[key.clone(), "kh-1-l-worklog:1:404".into()])
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[&key], entry);

    // Jira: the marker line in the comment, found at once (recent issues)
    // and after the feed's minute too.
    let tt_read = world
        .sync
        .read(Side::Right, None, &BTreeSet::new())
        .await
        .unwrap();
    let source = tt_read.records.iter().find(|r| r.id == entry).unwrap();
    let jira_key = format!("kh-1-r-{entry}");
    let op = create_from(&world.sync, source, Side::Right, &world.issue, &jira_key);
    let (worklog, _) = done(&world.sync.write(Side::Left, &[op]).await.unwrap()[0]);
    let found = world
        .sync
        .find_created(Side::Left, std::slice::from_ref(&jira_key))
        .await
        .unwrap();
    assert_eq!(found.get(&jira_key), Some(&worklog));
    a_minute_passes(&world).await;
    let found = world
        .sync
        .find_created(Side::Left, std::slice::from_ref(&jira_key))
        .await
        .unwrap();
    assert_eq!(found.get(&jira_key), Some(&worklog));
    // The worklog reads back with its marker, made by us.
    let read = world
        .sync
        .read(Side::Left, None, &linked(&[&world.issue]))
        .await
        .unwrap();
    let ours = read.records.iter().find(|r| r.id == worklog).unwrap();
    assert_eq!(ours.marker.as_deref(), Some(jira_key.as_str()));
    assert!(ours.by_us);
    assert_eq!(ours.fields[&SyncField::Summary], json!("障害対応"));
    assert_eq!(
        world
            .sync
            .translate(SyncField::Assignee, Side::Left, &json!(world.sato_jira)),
        Ok(json!(world.sato_ttnx))
    );
}
