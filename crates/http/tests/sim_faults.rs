//! Every fault the simulators inject, on a GET and on a creating POST,
//! counted by the simulator itself: a GET is tried `max_attempts` times, a
//! POST that may have done its work exactly once; the error code is what
//! the UI will show.

mod support;

use std::time::Duration;

use kakehashi_http::{Auth, ErrorKind, HttpClient, PlainDecoder, Timeouts};
use kakehashi_sim::{start, Behaviour, FaultKind, RunningSim, SimKind, SimOptions};
use serde_json::{json, Value};

const ATTEMPTS: u32 = 3;

async fn faulty_sim(kind: FaultKind) -> RunningSim {
    let options = SimOptions {
        behaviour: Behaviour {
            fault_rate: 1.0,
            fault_kinds: vec![kind],
            timeout_ms: 400,
            ..Behaviour::default()
        },
        ..SimOptions::default()
    };
    start(SimKind::JiraDataCenter, &options, 0).await.unwrap()
}

fn client_for(sim: &RunningSim) -> HttpClient {
    let endpoint = support::fast_endpoint(sim.url())
        .with_retry(support::fast_retry(ATTEMPTS))
        .with_timeouts(Timeouts {
            connect: Duration::from_secs(2),
            request: Duration::from_millis(150),
        });
    HttpClient::new(endpoint, PlainDecoder).unwrap()
}

/// Requests the simulator received, by its own count.
async fn requests_seen(sim: &RunningSim) -> u64 {
    let admin = support::fast_client(&sim.admin_url());
    let stats: Value = admin.get("stats").send_json().await.unwrap();
    stats["total"].as_u64().unwrap()
}

/// What one fault did to a GET and to a creating POST.
struct Outcome {
    get: ErrorKind,
    post: ErrorKind,
    /// How many comments the POST created (read back with faults off).
    created: usize,
}

const MARKER: &str = "kakehashi transport test: created once";

async fn get_and_post(fault: FaultKind) -> Outcome {
    let sim = faulty_sim(fault).await;
    let client = client_for(&sim);
    let auth = Auth::basic(sim.login(), sim.secret());
    let get = client
        .get("rest/api/2/issue/SYS-1/comment")
        .auth(&auth)
        .send_json::<Value>()
        .await
        .unwrap_err();
    assert_eq!(
        requests_seen(&sim).await,
        u64::from(ATTEMPTS),
        "{fault:?} GET"
    );
    let post = client
        .post("rest/api/2/issue/SYS-1/comment")
        .auth(&auth)
        .json(&json!({ "body": MARKER }))
        .send_json::<Value>()
        .await
        .unwrap_err();
    assert_eq!(
        requests_seen(&sim).await,
        u64::from(ATTEMPTS) + 1,
        "{fault:?}: the POST went more than once"
    );
    faults_off(&sim).await;
    let comments: Value = client
        .get("rest/api/2/issue/SYS-1/comment")
        .auth(&auth)
        .send_json()
        .await
        .unwrap();
    let created = comments["comments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["body"] == MARKER)
        .count();
    sim.stop().await;
    Outcome {
        get: get.kind,
        post: post.kind,
        created,
    }
}

async fn faults_off(sim: &RunningSim) {
    support::fast_client(&sim.admin_url())
        .put("config")
        .json(&json!({ "faultRate": 0.0 }))
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn server_errors_are_retried_for_a_get_and_returned_for_a_post() {
    for fault in [FaultKind::Error500, FaultKind::Error502] {
        let outcome = get_and_post(fault).await;
        assert_eq!(outcome.get, ErrorKind::Server, "{fault:?}");
        assert_eq!(outcome.post, ErrorKind::Server, "{fault:?}");
        assert_eq!(outcome.created, 0, "{fault:?} answers before any work");
    }
}

#[tokio::test]
async fn a_reset_after_the_work_is_connection_lost() {
    let outcome = get_and_post(FaultKind::Reset).await;
    assert_eq!(outcome.get, ErrorKind::ConnectionLost);
    assert_eq!(outcome.post, ErrorKind::ConnectionLost);
    assert_eq!(outcome.created, 1, "done once, never twice");
}

#[tokio::test]
async fn no_answer_after_the_work_is_a_timeout() {
    let outcome = get_and_post(FaultKind::Timeout).await;
    assert_eq!(outcome.get, ErrorKind::Timeout);
    assert_eq!(outcome.post, ErrorKind::Timeout);
    assert_eq!(outcome.created, 1, "done once, never twice");
}

#[tokio::test]
async fn cut_and_non_json_answers_are_malformed() {
    for (fault, created) in [(FaultKind::Truncated, 1), (FaultKind::Malformed, 0)] {
        let outcome = get_and_post(fault).await;
        assert!(
            matches!(outcome.get, ErrorKind::Malformed { .. }),
            "{fault:?}: {:?}",
            outcome.get
        );
        assert!(
            matches!(outcome.post, ErrorKind::Malformed { .. }),
            "{fault:?}: {:?}",
            outcome.post
        );
        assert_eq!(outcome.created, created, "{fault:?}");
    }
}

#[tokio::test]
async fn a_503_with_retry_after_is_retried_even_for_a_post() {
    let sim = faulty_sim(FaultKind::Error503).await;
    let endpoint = support::fast_endpoint(sim.url()).with_retry(support::fast_retry(2));
    let client = HttpClient::new(endpoint, PlainDecoder).unwrap();
    let err = client
        .post("rest/api/2/issue")
        .json(&json!({ "fields": {} }))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(1))
        }
    );
    assert_eq!(err.code(), "RateLimited");
    assert_eq!(
        requests_seen(&sim).await,
        2,
        "refused before any work: safe to resend"
    );
    sim.stop().await;
}

#[tokio::test]
async fn a_simulator_with_faults_switched_off_answers_the_same_client() {
    let sim = faulty_sim(FaultKind::Error500).await;
    let client = client_for(&sim);
    assert!(client.get("rest/api/2/serverInfo").send().await.is_err());
    faults_off(&sim).await;
    support::assert_reaches_jira_dc(&client).await;
    sim.stop().await;
}
