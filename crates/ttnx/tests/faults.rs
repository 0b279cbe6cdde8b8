//! Every fault the simulator injects. Reads (and the token sign-in) are
//! retried until they succeed; a batch create or a time entry whose answer
//! is lost is NOT sent again — the error comes back, and the marker in the
//! items' metadata shows they were created exactly once. A 429 whose
//! `Retry-After` is longer than the client may wait comes back as
//! `RateLimited`, and holds every further request to that server.

mod support;

use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use jiff::civil::date;
use kakehashi_http::{ErrorKind, RatePolicy, RetryPolicy};
use kakehashi_sim::{Behaviour, FaultKind};
use kakehashi_ttnx::model::WorkItemId;
use kakehashi_ttnx::projects::ProjectSearch;
use kakehashi_ttnx::time_entries::{NewTimeEntry, TimeEntryQuery};
use kakehashi_ttnx::users::UserSearch;
use kakehashi_ttnx::workitems::NewWorkItem;
use kakehashi_ttnx::TtnxClient;
use serde_json::{json, Value};
use support::{
    fast_endpoint, folder_and_task, item_named, project_by_code, Kind, Sim, ADMIN, MEMBER,
};

const CREATE: &str = "POST /TimeTrackerNX/api/workitem/workItems/{ids}/subItems";

/// A token client that retries up to six times, so a 30 % fault rate
/// cannot exhaust it (0.3⁶ < 0.1 % a request; the seed fixes which fail).
fn patient_client(sim: &Sim) -> TtnxClient {
    let endpoint = fast_endpoint(sim.sim.url()).with_retry(RetryPolicy {
        max_attempts: 6,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(2),
    });
    TtnxClient::new(endpoint, sim.credentials(ADMIN, Kind::Token)).unwrap()
}

/// Reads of every area under a 30 % rate of `kind`: all succeed, and the
/// faults did happen. Returns how many were injected.
async fn reads_survive(kind: FaultKind) -> (u64, Duration) {
    let sim = Sim::with(Behaviour {
        fault_rate: 0.3,
        fault_kinds: vec![kind],
        timeout_ms: 300,
        random_seed: 11,
        ..Behaviour::default()
    })
    .await;
    let client = patient_client(&sim);
    let started = Instant::now();
    let me = client.me().await.unwrap();
    assert_eq!(me.login_name.as_deref(), Some(ADMIN));
    let users: Vec<_> = client
        .search_users(&UserSearch {
            page_size: Some(4),
            ..UserSearch::default()
        })
        .try_collect()
        .await
        .unwrap();
    assert_eq!(users.len(), sim.users().await.len());
    let projects: Vec<_> = client
        .search_projects(&ProjectSearch::default())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(projects.len(), 4);
    let web = project_by_code(&client, "WEB").await;
    assert!(!web.members.is_empty());
    let tree = client
        .tree(&web.id.clone().into(), &[], false)
        .await
        .unwrap();
    assert!(!tree.is_empty());
    let entries: Vec<_> = client
        .time_entries(&sim.user_id(MEMBER), &TimeEntryQuery::default())
        .try_collect()
        .await
        .unwrap();
    assert!(!entries.is_empty());
    let elapsed = started.elapsed();
    let injected = sim.faults(kind.as_str()).await;
    assert!(injected >= 2, "{kind:?}: only {injected} faults injected");
    sim.stop().await;
    (injected, elapsed)
}

#[tokio::test]
async fn reads_are_retried_through_error500() {
    reads_survive(FaultKind::Error500).await;
}

#[tokio::test]
async fn reads_are_retried_through_error502_html_from_a_proxy() {
    reads_survive(FaultKind::Error502).await;
}

#[tokio::test]
async fn reads_are_retried_through_error503_after_its_retry_after() {
    let (injected, elapsed) = reads_survive(FaultKind::Error503).await;
    // Each 503 says `Retry-After: 1`; the backoff alone would be ≤ 50 ms.
    assert!(
        elapsed >= Duration::from_millis(900) * injected as u32,
        "{injected} × Retry-After 1 s honoured, took {elapsed:?}"
    );
}

#[tokio::test]
async fn reads_are_retried_through_a_reset_connection() {
    reads_survive(FaultKind::Reset).await;
}

#[tokio::test]
async fn reads_are_retried_through_a_gateway_timeout() {
    reads_survive(FaultKind::Timeout).await;
}

#[tokio::test]
async fn reads_are_retried_through_a_body_that_is_not_json() {
    reads_survive(FaultKind::Malformed).await;
}

#[tokio::test]
async fn reads_are_retried_through_a_truncated_body() {
    reads_survive(FaultKind::Truncated).await;
}

/// A batch of a folder with two tasks, carrying `marker`.
fn batch(
    folder: &kakehashi_ttnx::model::ItemTypeId,
    task: &kakehashi_ttnx::model::ItemTypeId,
    marker: &Value,
) -> Vec<NewWorkItem> {
    vec![NewWorkItem::new(folder, "障害テスト")
        .metadata("kakehashi", marker.clone())
        .sub_item(NewWorkItem::new(task, "タスク A"))
        .sub_item(NewWorkItem::new(task, "タスク B"))]
}

/// A batch create under a 100 % rate of `kind`: the error, not a retry.
/// Returns the error and how many items carry the marker afterwards.
async fn create_under(
    kind: FaultKind,
) -> (
    kakehashi_http::HttpError,
    Vec<kakehashi_ttnx::model::WorkItem>,
    u64,
) {
    let sim = Sim::with(Behaviour {
        timeout_ms: 300,
        ..Behaviour::default()
    })
    .await;
    let client = patient_client(&sim);
    let (folder, task) = folder_and_task(&client).await;
    let web = project_by_code(&client, "WEB").await;
    let parent = item_named(&client, &web.id, "WEB 開発").await;
    let marker = json!({ "link": format!("jira:WEB-{}", kind.as_str()) });

    sim.config(json!({ "faultRate": 1.0, "faultKinds": [kind.as_str()] }))
        .await;
    let err = client
        .create_sub_items(&parent, &batch(&folder, &task, &marker))
        .await
        .unwrap_err();
    sim.behave().await;
    let sent = sim.calls(CREATE).await;
    let root: WorkItemId = web.id.clone().into();
    let found = client
        .find_by_metadata(&root, "kakehashi", &marker, &["Id", "Name"])
        .await
        .unwrap();
    sim.stop().await;
    (err, found, sent)
}

fn assert_created_once(found: &[kakehashi_ttnx::model::WorkItem], sent: u64) {
    assert_eq!(sent, 1, "the create was sent once, never repeated");
    assert_eq!(found.len(), 1, "created exactly once: {found:?}");
    let names: Vec<_> = found[0]
        .sub_items
        .iter()
        .filter_map(|i| i.fields.name.as_deref())
        .collect();
    assert_eq!(names, ["タスク A", "タスク B"], "with its whole batch");
}

#[tokio::test]
async fn a_create_whose_connection_resets_is_not_repeated_and_its_marker_finds_it_once() {
    let (err, found, sent) = create_under(FaultKind::Reset).await;
    assert_eq!(err.kind, ErrorKind::ConnectionLost, "{err}");
    assert_eq!(err.code(), "Network");
    assert_created_once(&found, sent);
}

#[tokio::test]
async fn a_create_that_times_out_is_not_repeated_and_its_marker_finds_it_once() {
    let (err, found, sent) = create_under(FaultKind::Timeout).await;
    assert_eq!(err.kind, ErrorKind::Server, "{err}");
    assert_eq!(err.status, Some(504));
    assert_eq!(err.code(), "Network");
    assert_created_once(&found, sent);
}

#[tokio::test]
async fn a_create_whose_answer_is_truncated_is_not_repeated_and_its_marker_finds_it_once() {
    let (err, found, sent) = create_under(FaultKind::Truncated).await;
    assert!(matches!(err.kind, ErrorKind::Malformed { .. }), "{err}");
    assert_eq!(err.code(), "Internal");
    assert_created_once(&found, sent);
}

#[tokio::test]
async fn a_create_refused_with_500_before_any_work_created_nothing() {
    let (err, found, sent) = create_under(FaultKind::Error500).await;
    assert_eq!(err.kind, ErrorKind::Server, "{err}");
    assert_eq!(err.code(), "Network");
    assert_eq!(sent, 1, "not repeated");
    assert!(found.is_empty(), "{found:?}");
}

#[tokio::test]
async fn a_time_entry_whose_connection_resets_is_booked_once() {
    let sim = Sim::start().await;
    let client = patient_client(&sim);
    let suzuki = sim.user_id(MEMBER);
    let web = project_by_code(&client, "WEB").await;
    let task = item_named(&client, &web.id, "ログイン画面の実装").await;
    let day = date(2030, 7, 1);
    sim.config(json!({ "faultRate": 1.0, "faultKinds": ["reset"] }))
        .await;
    let err = client
        .create_time_entry(
            &suzuki,
            &NewTimeEntry::new(task, day.at(9, 0, 0, 0), day.at(10, 0, 0, 0)),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "Network", "{err}");
    sim.behave().await;
    let booked: Vec<_> = client
        .time_entries(&suzuki, &TimeEntryQuery::between(day, day))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(booked.len(), 1, "booked once: {booked:?}");
    sim.stop().await;
}

#[tokio::test]
async fn a_429_longer_than_the_client_may_wait_is_rate_limited_and_holds_the_server() {
    let sim = Sim::with(Behaviour {
        rate_limit_per_minute: Some(3),
        ..Behaviour::default()
    })
    .await;
    // The vendor's pace, which also obeys what the server says.
    let endpoint = fast_endpoint(sim.sim.url()).with_rate(RatePolicy::timetracker_nx());
    let client = TtnxClient::new(endpoint, sim.credentials(ADMIN, Kind::ApiKey)).unwrap();
    for _ in 0..3 {
        client.me().await.unwrap();
    }
    let err = client.me().await.unwrap_err();
    let ErrorKind::RateLimited { retry_after } = err.kind else {
        panic!("{err:?}");
    };
    let retry_after = retry_after.expect("the server said how long");
    assert!(retry_after > Duration::from_secs(30), "{retry_after:?}");
    assert_eq!(err.code(), "RateLimited");
    assert_eq!(err.status, Some(429));
    assert_eq!(sim.stats().await["rateLimited"], 1, "not hammered");

    // Until then every request to this server fails at once, without
    // going out: waiting a minute inside one call would stall the caller.
    let held = tokio::time::timeout(Duration::from_millis(300), client.me())
        .await
        .expect("answered at once, not held for the whole pause");
    let err = held.unwrap_err();
    assert_eq!(err.code(), "RateLimited", "{err:?}");
    assert_eq!(
        sim.stats().await["total"],
        4,
        "a request went out during the pause"
    );
    sim.stop().await;
}
