//! Every fault class the simulator injects, each ending in a successful
//! retry or the right error code; creates whose answer is lost are never
//! repeated and are found once by their marker; 429 is honoured.
//!
//! Faults are chosen from the random seed and the request's number, and
//! `POST /__sim/reset` sets that number back to zero: each run sees the
//! same faults.

mod support;

use std::time::{Duration, Instant};

use kakehashi_asana::model::{FieldInput, NewTask};
use kakehashi_asana::{AsanaClient, Credentials};
use kakehashi_http::{ErrorKind, RetryPolicy};
use serde_json::json;
use support::canned::{Canned, Reply};
use support::{field, project, Asana};

/// Stats count by route template.
const ME: &str = "GET /api/1.0/users/{user_gid}";
const CREATE: &str = "POST /api/1.0/tasks";
/// Calls made while some of the requests fault.
const CALLS: u64 = 8;

/// A GET under `kind`: with every attempt faulted it is tried four times and
/// fails with `code`; with a third faulted every call succeeds (six
/// attempts allowed), each fault answered by exactly one more attempt.
async fn a_get_survives(kind: &str, code: &str) {
    let asana = Asana::start().await;
    let client = asana.client();
    asana
        .configure(
            json!({ "faultRate": 1.0, "faultKinds": [kind], "timeoutMs": 300, "randomSeed": 11 }),
        )
        .await;
    let error = client.me().await.unwrap_err();
    assert_eq!(error.code(), code, "{kind}: {error:?}");
    assert_eq!(asana.count(ME).await, 4, "{kind}: four attempts");

    asana.reset().await;
    asana.configure(json!({ "faultRate": 0.3 })).await;
    let patient = asana.client_with_endpoint(
        asana.endpoint().with_retry(RetryPolicy {
            max_attempts: 6,
            ..support::fast_retry()
        }),
        Credentials::pat(asana.sim.secret()),
    );
    for _ in 0..CALLS {
        patient
            .me()
            .await
            .unwrap_or_else(|e| panic!("{kind}: {e:?}"));
    }
    let faults = asana.stats().await["faults"][kind].as_u64().unwrap_or(0);
    assert!(faults >= 1, "{kind}: the seed must inject some");
    assert_eq!(
        asana.count(ME).await,
        CALLS + faults,
        "{kind}: one retry per fault"
    );
    asana.stop().await;
}

#[tokio::test]
async fn a_get_is_retried_through_error500() {
    a_get_survives("error500", "Network").await;
}

#[tokio::test]
async fn a_get_is_retried_through_error502() {
    a_get_survives("error502", "Network").await;
}

#[tokio::test]
async fn a_get_is_retried_through_error503_after_retry_after() {
    a_get_survives("error503", "RateLimited").await;
}

#[tokio::test]
async fn a_get_is_retried_through_reset() {
    a_get_survives("reset", "Network").await;
}

#[tokio::test]
async fn a_get_is_retried_through_timeout() {
    a_get_survives("timeout", "Network").await;
}

#[tokio::test]
async fn a_get_is_retried_through_malformed() {
    a_get_survives("malformed", "Internal").await;
}

#[tokio::test]
async fn a_get_is_retried_through_truncated() {
    a_get_survives("truncated", "Internal").await;
}

/// A create under `kind` (with `config` merged in): sent `attempts` times,
/// failing with `code`; afterwards `expected` tasks carry its marker.
async fn a_create_under(
    kind: &str,
    config: serde_json::Value,
    code: &str,
    attempts: u64,
    expected: usize,
) {
    let asana = Asana::start().await;
    let client = asana.client();
    let marketing = project(&client, "マーケティング施策").await;
    let jira_key = field(&client, &marketing, "Jira Key").await;
    let marker = format!("KKH-{kind}");
    let new = NewTask::in_project(format!("障害テスト / fault {kind}"), &marketing.gid)
        .custom_field(&jira_key.gid, FieldInput::Text(marker.clone()));

    let mut behaviour = json!({ "faultRate": 1.0, "faultKinds": [kind], "timeoutMs": 300 });
    behaviour
        .as_object_mut()
        .unwrap()
        .extend(config.as_object().unwrap().clone());
    asana.configure(behaviour).await;
    let error = client.create_task(&new).await.unwrap_err();
    assert_eq!(error.code(), code, "{kind}: {error:?}");
    assert_eq!(asana.count(CREATE).await, attempts, "{kind}");

    asana.configure(json!({ "faultRate": 0.0 })).await;
    let found = client
        .tasks_with_text_value(&marketing.gid, &jira_key.gid, &marker, None)
        .await
        .unwrap();
    assert_eq!(found.len(), expected, "{kind}: {found:?}");
    asana.stop().await;
}

#[tokio::test]
async fn a_create_whose_connection_resets_is_not_repeated_and_exists_once() {
    a_create_under("reset", json!({}), "Network", 1, 1).await;
}

#[tokio::test]
async fn a_create_answered_with_504_is_not_repeated_and_exists_once() {
    a_create_under("timeout", json!({}), "Network", 1, 1).await;
}

#[tokio::test]
async fn a_create_the_client_gives_up_on_is_not_repeated_and_exists_once() {
    // The simulator holds the answer longer than the client's 1 s timeout.
    a_create_under("timeout", json!({ "timeoutMs": 3000 }), "Network", 1, 1).await;
}

#[tokio::test]
async fn a_create_whose_answer_is_cut_short_is_not_repeated_and_exists_once() {
    a_create_under("truncated", json!({}), "Internal", 1, 1).await;
}

#[tokio::test]
async fn a_create_refused_with_500_is_not_repeated() {
    a_create_under("error500", json!({}), "Network", 1, 0).await;
}

#[tokio::test]
async fn a_create_refused_with_503_and_retry_after_is_tried_again() {
    // The server refused before doing anything: safe to send again.
    a_create_under("error503", json!({}), "RateLimited", 4, 0).await;
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_the_time_to_wait() {
    let asana = Asana::start().await;
    let client = asana.client();
    asana.configure(json!({ "rateLimitPerMinute": 3 })).await;
    for _ in 0..3 {
        client.me().await.unwrap();
    }
    let error = client.me().await.unwrap_err();
    let ErrorKind::RateLimited {
        retry_after: Some(wait),
    } = error.kind
    else {
        panic!("{error:?}")
    };
    // Longer than the client waits inside one call (5 s here): handed back.
    assert!(
        wait > Duration::from_secs(5) && wait <= Duration::from_secs(60),
        "{wait:?}"
    );
    assert_eq!(error.code(), "RateLimited");
    assert_eq!(asana.stats().await["rateLimited"], 1);
    asana.stop().await;
}

#[tokio::test]
async fn a_429_with_a_short_retry_after_is_waited_out_and_succeeds() {
    let me = json!({ "data": { "gid": "1", "name": "架け橋 同期", "email": "kakehashi-sync@example.co.jp" } });
    let throttled =
        json!({ "errors": [{ "message": "You have made too many requests recently." }] });
    let server = Canned::start(vec![
        Reply::json(429, throttled).header("retry-after", "1"),
        Reply::json(200, me),
    ])
    .await;
    let endpoint = AsanaClient::default_endpoint()
        .unwrap()
        .with_alt_url(Some(&server.url))
        .unwrap()
        .with_retry(support::fast_retry());
    let client = AsanaClient::new(endpoint, Credentials::pat("any")).unwrap();
    let started = Instant::now();
    let user = client.me().await.unwrap();
    assert_eq!(user.name, "架け橋 同期");
    assert!(started.elapsed() >= Duration::from_secs(1));
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert!(sent[1].at.duration_since(sent[0].at) >= Duration::from_secs(1));
}
