//! The Jira ↔ TimeTracker NX connector against the simulators (Jira Cloud
//! and TT NX, demo seeds, in-process): the layout is read and whatever does
//! not fit is a StructureMismatch problem with the fix; creates carry their
//! marker (Jira issue property in the create request, TT NX metadata) and
//! are found again by it; TT NX creates are one `subItems[]` request per
//! parent; a read with no changes costs few requests per side, and Jira's
//! ids are listed for deletions only when the issue count says one went.

use std::collections::BTreeSet;
use std::time::Duration;

use kakehashi_core::sync::jira_ttnx::{prepare, JiraTtnx, JIRA_PROPERTY};
use kakehashi_core::sync::model::*;
use kakehashi_core::sync::{Connector, Fields, Record, WriteOp, WriteResult};
use kakehashi_http::{Endpoint, HttpClient, PlainDecoder, RatePolicy, RetryPolicy, Timeouts};
use kakehashi_jira::JiraClient;
use kakehashi_sim::people::service_account;
use kakehashi_sim::{start, RunningSim, Seed, SimKind, SimOptions};
use kakehashi_ttnx::model::{WorkItem, WorkItemId};
use kakehashi_ttnx::TtnxClient;
use serde_json::{json, Value};

struct Sims {
    jira: RunningSim,
    ttnx: RunningSim,
}

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

async fn sims() -> Sims {
    let options = SimOptions {
        seed: Seed::Demo,
        ..SimOptions::default()
    };
    Sims {
        jira: start(SimKind::JiraCloud, &options, 0).await.unwrap(),
        ttnx: start(SimKind::Ttnx, &options, 0).await.unwrap(),
    }
}

impl Sims {
    async fn jira(&self) -> JiraClient {
        let bot = service_account(Seed::Demo);
        let credentials = kakehashi_jira::Credentials::cloud_api_token(
            bot.email.clone(),
            bot.secret(SimKind::JiraCloud),
        );
        JiraClient::connect(endpoint(self.jira.url()), credentials)
            .await
            .unwrap()
    }

    fn ttnx(&self) -> TtnxClient {
        let key = kakehashi_sim::ttnx::api_key(&service_account(Seed::Demo));
        TtnxClient::new(
            endpoint(self.ttnx.url()),
            kakehashi_ttnx::Credentials::api_key(key),
        )
        .unwrap()
    }

    async fn ttnx_stat(&self, what: &str) -> u64 {
        let control =
            HttpClient::new(Endpoint::new(&self.ttnx.admin_url()).unwrap(), PlainDecoder).unwrap();
        let stats: Value = control.get("stats").send_json().await.unwrap();
        stats["byEndpoint"][what].as_u64().unwrap_or(0)
    }
}

/// The demo's TT NX project WEB and its folder "WEB 開発".
async fn web_ids(ttnx: &TtnxClient) -> (String, String) {
    let project = ttnx.resolve_project("WEB").await.unwrap();
    let tree = ttnx
        .tree(
            &WorkItemId::from(project.id.as_str()),
            &["Id", "Name"],
            false,
        )
        .await
        .unwrap();
    let folder = tree
        .iter()
        .find(|i| i.fields.name.as_deref() == Some("WEB 開発"))
        .and_then(WorkItem::id)
        .unwrap()
        .to_string();
    (project.id.to_string(), folder)
}

fn profile(project: &str, folder: &str) -> SyncProfile {
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
        created_at: String::new(),
        updated_at: String::new(),
        has_run: false,
        last_run: None,
    }
}

async fn connector(sims: &Sims) -> (JiraTtnx, String, String) {
    let ttnx = sims.ttnx();
    let (project, folder) = web_ids(&ttnx).await;
    let setup = prepare(
        &profile(&project, &folder),
        Side::Left,
        (1, "Jira".into()),
        (2, "TT NX".into()),
        &ttnx,
        None,
    )
    .await
    .unwrap();
    (
        JiraTtnx::new(sims.jira().await, ttnx, setup),
        project,
        folder,
    )
}

fn source(id: &str, display: &str, kind: EntityKind) -> Record {
    Record {
        id: id.into(),
        display: display.into(),
        kind,
        parent: None,
        fields: Fields::new(),
        updated_at: None,
        by_us: false,
        marker: None,
    }
}

fn create(key: &str, kind: EntityKind, parent: &str, name: &str) -> WriteOp {
    let mut fields = Fields::new();
    fields.insert(SyncField::Summary, json!(name));
    WriteOp {
        key: key.into(),
        action: OpAction::Create,
        kind,
        target_id: None,
        parent: Some(parent.into()),
        fields,
        source: source("x", name, kind),
    }
}

fn done_id(result: &WriteResult) -> String {
    match result {
        WriteResult::Done { id, .. } => id.clone(),
        other => panic!("not done: {other:?}"),
    }
}

#[tokio::test]
async fn the_ttnx_layout_is_read_and_a_misplaced_task_is_a_problem_with_the_fix() {
    let sims = sims().await;
    let (sync, _, folder) = connector(&sims).await;
    let read = sync
        .read(Side::Right, None, &BTreeSet::new())
        .await
        .unwrap();
    let groups: Vec<&str> = read
        .records
        .iter()
        .filter(|r| r.kind == EntityKind::Group)
        .map(|r| r.display.as_str())
        .collect();
    assert_eq!(groups, ["v1.0 ベータ", "v1.1"]);
    assert_eq!(
        read.records
            .iter()
            .filter(|r| r.kind == EntityKind::Item)
            .count(),
        7
    );
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(read.present.as_ref().unwrap().len(), read.records.len());

    // A task put directly under the folder does not fit: a problem, not silence.
    let ttnx = sims.ttnx();
    let task = kakehashi_ttnx::workitems::NewWorkItem::new(
        &kakehashi_ttnx::model::ItemTypeId::from("3"),
        "迷子のタスク",
    );
    ttnx.create_sub_items(&WorkItemId::from(folder.as_str()), &[task])
        .await
        .unwrap();
    let again = sync
        .read(Side::Right, Some(&read.watermark), &BTreeSet::new())
        .await
        .unwrap();
    let problem = again
        .problems
        .iter()
        .find(|p| p.item == "迷子のタスク")
        .expect("the misplaced task is reported");
    assert!(matches!(
        problem.cause,
        ProblemCause::StructureMismatch { .. }
    ));
    assert!(
        problem.message.contains("Move it into"),
        "{}",
        problem.message
    );
    // The task itself is no record; what comes again is only what lies in
    // the minute of overlap before the watermark (the seed's items all
    // share one timestamp), which the engine finds equal to its snapshots.
    let mark: jiff::Timestamp = read.watermark.parse().unwrap();
    let overlap = mark
        .checked_sub(jiff::SignedDuration::from_secs(60))
        .unwrap();
    assert!(again
        .records
        .iter()
        .all(|r| r.display != "迷子のタスク" && r.updated_at.is_some_and(|u| u >= overlap)));
}

#[tokio::test]
async fn a_folder_of_another_project_is_reported_and_present_stays_unknown() {
    let sims = sims().await;
    let ttnx = sims.ttnx();
    let (project, _) = web_ids(&ttnx).await;
    let setup = prepare(
        &profile(&project, "999999"),
        Side::Left,
        (1, "Jira".into()),
        (2, "TT NX".into()),
        &ttnx,
        None,
    )
    .await
    .unwrap();
    let sync = JiraTtnx::new(sims.jira().await, ttnx, setup);
    let read = sync
        .read(Side::Right, None, &BTreeSet::new())
        .await
        .unwrap();
    assert!(read.records.is_empty());
    assert_eq!(read.present, None, "no deletions may be inferred");
    assert!(read.problems[0].message.contains("pick a folder"));
}

#[tokio::test]
async fn jira_issues_without_a_version_are_problems_and_the_rest_is_placed() {
    let sims = sims().await;
    let (sync, _, _) = connector(&sims).await;
    let read = sync.read(Side::Left, None, &BTreeSet::new()).await.unwrap();
    let groups = read
        .records
        .iter()
        .filter(|r| r.kind == EntityKind::Group)
        .count();
    assert_eq!(groups, 3, "the demo's three WEB versions");
    let items: Vec<&Record> = read
        .records
        .iter()
        .filter(|r| r.kind == EntityKind::Item)
        .collect();
    assert!(!items.is_empty());
    assert!(items.iter().all(|r| r
        .parent
        .as_deref()
        .is_some_and(|p| p.starts_with("version:"))));
    for problem in &read.problems {
        assert!(matches!(
            problem.cause,
            ProblemCause::StructureMismatch { .. }
        ));
        assert!(
            problem.message.contains("fix version"),
            "{}",
            problem.message
        );
    }
    let present = read.present.unwrap();
    assert!(read.records.iter().all(|r| present.contains(&r.id)));
    // Nothing changed: the next read returns the (feed-less) groups and only
    // issues inside the minute of overlap before the watermark, which the
    // engine finds equal to their snapshots.
    let again = sync
        .read(Side::Left, Some(&read.watermark), &BTreeSet::new())
        .await
        .unwrap();
    let mark: i64 = read.watermark.split('~').next().unwrap().parse().unwrap();
    let overlap = jiff::Timestamp::from_millisecond(mark - 60_000).unwrap();
    assert!(again
        .records
        .iter()
        .all(|r| r.kind == EntityKind::Group || r.updated_at.is_some_and(|u| u >= overlap)));
}

#[tokio::test]
async fn creates_carry_their_marker_and_are_found_again_by_it() {
    let sims = sims().await;
    let (sync, _, _) = connector(&sims).await;
    let tt = sync
        .read(Side::Right, None, &BTreeSet::new())
        .await
        .unwrap();
    let beta = tt
        .records
        .iter()
        .find(|r| r.display == "v1.0 ベータ")
        .unwrap()
        .id
        .clone();

    // TT NX: two items under one parent → one POST.
    let before = sims
        .ttnx_stat("POST /TimeTrackerNX/api/workitem/workItems/{ids}/subItems")
        .await;
    let ops = [
        create("kh-1-l-10100", EntityKind::Item, &beta, "検索の改善"),
        create("kh-1-l-10101", EntityKind::Item, &beta, "通知メール"),
    ];
    let results = sync.write(Side::Right, &ops).await.unwrap();
    let ids: Vec<String> = results.iter().map(done_id).collect();
    let after = sims
        .ttnx_stat("POST /TimeTrackerNX/api/workitem/workItems/{ids}/subItems")
        .await;
    assert_eq!(after - before, 1, "one subItems[] request for the batch");
    let keys = vec![
        "kh-1-l-10100".to_owned(),
        "kh-1-l-10101".to_owned(),
        "kh-1-l-404".to_owned(),
    ];
    let found = sync.find_created(Side::Right, &keys).await.unwrap();
    assert_eq!(found.len(), 2);
    assert_eq!(found["kh-1-l-10100"], ids[0]);
    let read = sync
        .read(Side::Right, None, &BTreeSet::new())
        .await
        .unwrap();
    let marked = read.records.iter().find(|r| r.id == ids[1]).unwrap();
    assert_eq!(marked.marker.as_deref(), Some("kh-1-l-10101"));
    assert!(marked.by_us, "the technical user made it");

    // Jira: the marker is an issue property set in the create itself.
    let jira = sync.read(Side::Left, None, &BTreeSet::new()).await.unwrap();
    let version = jira
        .records
        .iter()
        .find(|r| r.kind == EntityKind::Group)
        .unwrap()
        .id
        .clone();
    let results = sync
        .write(
            Side::Left,
            &[create(
                "kh-1-r-1004",
                EntityKind::Item,
                &version,
                "ログイン画面の実装",
            )],
        )
        .await
        .unwrap();
    let issue = done_id(&results[0]);
    let property = sims
        .jira()
        .await
        .issue_property(&issue, JIRA_PROPERTY)
        .await
        .unwrap();
    assert_eq!(property, Some(json!({ "key": "kh-1-r-1004" })));
    let found = sync
        .find_created(Side::Left, &["kh-1-r-1004".to_owned()])
        .await
        .unwrap();
    assert_eq!(found["kh-1-r-1004"], issue);
    let read = sync.read(Side::Left, None, &BTreeSet::new()).await.unwrap();
    let record = read.records.iter().find(|r| r.id == issue).unwrap();
    assert_eq!(record.marker.as_deref(), Some("kh-1-r-1004"));
    assert_eq!(record.parent.as_deref(), Some(version.as_str()));
}

#[tokio::test]
async fn request_counts_are_reported_per_side() {
    let sims = sims().await;
    let (sync, _, _) = connector(&sims).await;
    let [jira_before, tt_before] = sync.servers();
    let read = sync
        .read(Side::Right, None, &BTreeSet::new())
        .await
        .unwrap();
    let jira = sync.read(Side::Left, None, &BTreeSet::new()).await.unwrap();
    let [jira_mid, tt_mid] = sync.servers();
    assert_eq!(tt_mid.requests - tt_before.requests, 1, "one tree request");
    assert!(jira_mid.requests > jira_before.requests);
    // A read with nothing changed: one tree request on TT NX; on Jira the
    // count, the versions and the change search (+ one bulk fetch for the
    // demo's issues, made inside the overlap minute).
    sync.read(Side::Right, Some(&read.watermark), &BTreeSet::new())
        .await
        .unwrap();
    sync.read(Side::Left, Some(&jira.watermark), &BTreeSet::new())
        .await
        .unwrap();
    let [jira_after, tt_after] = sync.servers();
    assert_eq!(tt_after.requests - tt_mid.requests, 1);
    let jira_requests = jira_after.requests - jira_mid.requests;
    assert!((3..=4).contains(&jira_requests), "{jira_requests}");
    assert_eq!(jira_after.server_name, "Jira");
}

/// Moves the simulator's clock (Jira stamps its changes with it).
async fn move_clock(sim: &RunningSim, seconds: i32) {
    let control = HttpClient::new(Endpoint::new(&sim.admin_url()).unwrap(), PlainDecoder).unwrap();
    control
        .put("clock")
        .json(&json!({ "offsetSeconds": seconds }))
        .send()
        .await
        .unwrap();
}

async fn jira_stat(sims: &Sims, what: &str) -> u64 {
    let control =
        HttpClient::new(Endpoint::new(&sims.jira.admin_url()).unwrap(), PlainDecoder).unwrap();
    let stats: Value = control.get("stats").send_json().await.unwrap();
    stats["byEndpoint"][what].as_u64().unwrap_or(0)
}

#[tokio::test]
async fn jira_ids_are_listed_only_when_the_count_says_an_issue_went() {
    let sims = sims().await;
    // The demo's issues were made before the first sync, not in its minute.
    move_clock(&sims.jira, 600).await;
    let (sync, _, _) = connector(&sims).await;
    let first = sync.read(Side::Left, None, &BTreeSet::new()).await.unwrap();
    let linked: BTreeSet<String> = first
        .records
        .iter()
        .filter(|r| r.kind != EntityKind::Group)
        .map(|r| r.id.clone())
        .collect();
    let searches = || jira_stat(&sims, "POST /rest/api/3/search/jql");

    // Nothing changed: the count adds up, so no listing — one search page
    // for the changes, and every linked issue is still present.
    let before = searches().await;
    let quiet = sync
        .read(Side::Left, Some(&first.watermark), &linked)
        .await
        .unwrap();
    assert_eq!(searches().await - before, 1, "the change search only");
    assert!(quiet.records.iter().all(|r| r.kind == EntityKind::Group));
    let present = quiet.present.clone().unwrap();
    assert!(linked.is_subset(&present));

    // A new issue: found by the change search, counted in, still no listing.
    // (Made a few seconds later: an issue made within the second of the
    // last count may or may not be in it, so it costs a listing.)
    move_clock(&sims.jira, 605).await;
    let jira = sims.jira().await;
    let version = first
        .records
        .iter()
        .find(|r| r.kind == EntityKind::Group)
        .and_then(|r| r.id.strip_prefix("version:"))
        .unwrap()
        .to_owned();
    let mut issue = kakehashi_jira::NewIssue::new("WEB", "Task", "数え方の確認");
    issue.fields.fix_versions = Some(vec![version]);
    let created = jira.create_issue(&issue).await.unwrap();
    let before = searches().await;
    let grown = sync
        .read(Side::Left, Some(&quiet.watermark), &linked)
        .await
        .unwrap();
    assert_eq!(searches().await - before, 1, "no listing for a creation");
    assert!(grown.records.iter().any(|r| r.id == created.id));
    assert!(grown.present.as_ref().unwrap().contains(&created.id));

    // A linked issue deleted: the count falls short, the ids are listed
    // and the deleted one is not present any more.
    let gone = linked.iter().next().unwrap().clone();
    jira.delete_issue(&gone, true).await.unwrap();
    let before = searches().await;
    let shrunk = sync
        .read(Side::Left, Some(&grown.watermark), &linked)
        .await
        .unwrap();
    assert_eq!(
        searches().await - before,
        2,
        "the change search and a listing"
    );
    let present = shrunk.present.unwrap();
    assert!(!present.contains(&gone), "the deletion is seen");
    assert!(present.contains(&created.id));
}

/// An unmapped person is named as the reads met them (Jira's display name,
/// TT NX's user name), not by their id; the id stays for mapping them.
#[tokio::test]
async fn an_unmapped_assignee_is_named_by_the_name_the_read_met() {
    let sims = sims().await;
    let (sync, _, _) = connector(&sims).await;
    let mut named = 0;
    for side in [Side::Left, Side::Right] {
        let read = sync.read(side, None, &BTreeSet::new()).await.unwrap();
        for record in &read.records {
            let Some(user) = record
                .fields
                .get(&SyncField::Assignee)
                .and_then(|v| v.as_str())
            else {
                continue;
            };
            let value = serde_json::Value::String(user.to_owned());
            match sync.translate(SyncField::Assignee, side, &value) {
                Err(ProblemCause::UnmappedUser {
                    side: on,
                    user: id,
                    name,
                }) => {
                    assert_eq!((on, id.as_str()), (side, user));
                    assert_ne!(name, user, "{side:?}: named by the id");
                    assert!(!name.is_empty());
                    named += 1;
                }
                other => panic!("{other:?}"),
            }
        }
    }
    assert!(named > 0, "the demo has assigned issues");
}
