//! Every fault the simulators inject, on both flavours: reads are retried
//! and succeed, or end in the right code when the fault never stops; a
//! create is never repeated, ends in `Network` or `Internal`, and the issue
//! is then found exactly once by its marker when the server did the work.
//! The 429 of the simulator's rate limiter, and a short `Retry-After` the
//! simulator cannot produce on demand (through a proxy).

mod support;

use std::time::{Duration, Instant};

use kakehashi_jira::{Credentials, ErrorKind, JiraClient, NewIssue, SearchRequest};
use kakehashi_sim::{FaultKind, SimKind};
use serde_json::{json, Value};
use support::proxy::{Canned, Proxy};
use support::{endpoint, Site, BOTH};

/// Attempts per request in `support::endpoint`.
const ATTEMPTS: u64 = 4;

/// The code a read ends in when every attempt meets `fault`.
fn code_when_it_never_stops(fault: FaultKind) -> &'static str {
    match fault {
        FaultKind::Error503 => "RateLimited",
        FaultKind::Malformed | FaultKind::Truncated => "Internal",
        _ => "Network",
    }
}

async fn faults_counted(site: &Site, fault: FaultKind) -> u64 {
    site.stats().await["faults"][fault.as_str()]
        .as_u64()
        .unwrap_or(0)
}

async fn reset(site: &Site) {
    site.control("reset", json!({})).await;
}

/// Runs `call` under `fault` at a rate of one half with one random seed
/// after another, until one run met the fault at least once; every run
/// must succeed (the fault is retried away).
async fn succeeds_despite<T, F, Fut>(site: &Site, fault: FaultKind, call: F) -> T
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, kakehashi_jira::HttpError>>,
{
    for seed in 1..=40u64 {
        reset(site).await;
        site.configure(json!({
            "faultRate": 0.5, "faultKinds": [fault.as_str()], "randomSeed": seed, "timeoutMs": 300
        }))
        .await;
        let result = call().await;
        let met = faults_counted(site, fault).await;
        // Four faults in a row can exhaust the attempts: a correct outcome,
        // but not the one this helper is looking for.
        if met >= ATTEMPTS {
            continue;
        }
        let value = result.unwrap_or_else(|e| panic!("{fault:?} with seed {seed}: {e}"));
        if met > 0 {
            site.calm().await;
            return value;
        }
    }
    panic!("no seed made {fault:?} hit the request");
}

#[tokio::test]
async fn reads_are_retried_through_every_fault() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        for fault in FaultKind::ALL {
            let me = succeeds_despite(&site, fault, || site.client.myself()).await;
            assert!(me.id().is_some(), "{kind} {fault:?}");
            // Searches are POSTs, but reads: retried the same way.
            let request =
                SearchRequest::new(format!("project = {}", site.project())).fields(&["summary"]);
            let found = succeeds_despite(&site, fault, || site.client.search_all(&request)).await;
            assert!(!found.is_empty(), "{kind} {fault:?}");
        }
        site.stop().await;
    }
}

#[tokio::test]
async fn a_read_that_always_fails_ends_in_the_right_code_after_the_last_attempt() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        for fault in FaultKind::ALL {
            reset(&site).await;
            site.always(fault).await;
            let err = site.client.myself().await.unwrap_err();
            assert_eq!(
                err.code(),
                code_when_it_never_stops(fault),
                "{kind} {fault:?}: {}",
                err.message
            );
            assert_eq!(
                faults_counted(&site, fault).await,
                ATTEMPTS,
                "{kind} {fault:?}"
            );
            site.calm().await;
        }
        site.stop().await;
    }
}

#[tokio::test]
async fn a_create_is_never_repeated_and_its_marker_finds_it_once() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let create_endpoint = format!("POST {}/issue", site.api());
        for fault in FaultKind::ALL {
            reset(&site).await;
            site.always(fault).await;
            let marker = support::marker(fault.as_str());
            let new = NewIssue::new(
                site.project(),
                "Task",
                "障害下の作成 / created under a fault",
            )
            .property("kakehashi", marker.clone());
            let err = site.client.create_issue(&new).await.unwrap_err();
            let creates = site.count(&create_endpoint).await;
            site.calm().await;

            let found = site
                .client
                .find_issues_by_property(
                    &format!("project = {}", site.project()),
                    "kakehashi",
                    |value: &Value| *value == marker,
                )
                .await
                .unwrap();
            if fault == FaultKind::Error503 {
                // 503 with Retry-After: refused before any work, so it is
                // safe to send again — and nothing was created.
                assert_eq!(err.code(), "RateLimited", "{kind}");
                assert_eq!(creates, ATTEMPTS);
                assert!(found.is_empty());
                continue;
            }
            assert_eq!(creates, 1, "{kind} {fault:?}: a create is sent once");
            let expected = match fault {
                FaultKind::Malformed | FaultKind::Truncated => "Internal",
                _ => "Network",
            };
            assert_eq!(err.code(), expected, "{kind} {fault:?}: {}", err.message);
            let created = if fault.loses_response() { 1 } else { 0 };
            assert_eq!(found.len(), created, "{kind} {fault:?}: {found:?}");
        }
        site.stop().await;
    }
}

#[tokio::test]
async fn an_answer_that_comes_too_late_is_a_timeout_and_a_create_is_not_repeated() {
    let site = Site::start(SimKind::JiraDataCenter).await;
    // The simulator holds the answer longer than the client waits (1 s).
    site.configure(json!({ "faultRate": 1.0, "faultKinds": ["timeout"], "timeoutMs": 1500 }))
        .await;
    let marker = support::marker("late");
    let err = site
        .client
        .create_issue(
            &NewIssue::new("SYS", "Task", "遅い応答").property("kakehashi", marker.clone()),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout, "{}", err.message);
    assert_eq!(err.code(), "Network");
    assert_eq!(site.count("POST /rest/api/2/issue").await, 1);
    site.calm().await;
    let found = site
        .client
        .find_issues_by_property("project = SYS", "kakehashi", |v: &Value| *v == marker)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    site.stop().await;
}

#[tokio::test]
async fn the_rate_limiters_429_is_obeyed_up_to_the_clients_patience() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        reset(&site).await;
        site.configure(json!({ "rateLimitPerMinute": 2 })).await;
        site.client.myself().await.unwrap();
        site.client.myself().await.unwrap();
        // The third call in the minute is told to wait most of a minute,
        // longer than this client's 3 s patience: it reports the wait.
        let started = Instant::now();
        let err = site.client.myself().await.unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(3));
        assert_eq!(err.code(), "RateLimited", "{kind}: {}", err.message);
        match err.kind {
            ErrorKind::RateLimited {
                retry_after: Some(wait),
            } => {
                assert!(
                    wait > Duration::from_secs(30) && wait <= Duration::from_secs(60),
                    "{wait:?}"
                )
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(site.stats().await["rateLimited"], 1);
        site.configure(json!({ "rateLimitPerMinute": null })).await;
        site.stop().await;
    }
}

#[tokio::test]
async fn a_short_retry_after_is_waited_out_and_the_call_succeeds() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let proxy = Proxy::start(site.sim.url()).await;
        let client = JiraClient::connect(
            endpoint(&proxy.url()),
            support::service_credentials(&site.sim),
        )
        .await
        .unwrap();
        let headers = vec![
            ("retry-after", "1".to_owned()),
            ("x-ratelimit-limit", "100".to_owned()),
            ("x-ratelimit-remaining", "0".to_owned()),
        ];
        proxy.answer_next(Canned {
            path_suffix: "/myself".into(),
            status: 429,
            headers,
            body: r#"{"errorMessages":["Rate limit exceeded."]}"#.into(),
        });
        let started = Instant::now();
        let me = client.myself().await.unwrap();
        assert!(me.id().is_some());
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "{kind}: Retry-After was honoured"
        );
        assert_eq!(proxy.matching("GET", "/myself").len(), 2);
        proxy.stop();
        site.stop().await;
    }
}

#[tokio::test]
async fn unauthorized_is_not_retried() {
    let site = Site::start(SimKind::JiraCloud).await;
    let client = JiraClient::connect(
        endpoint(site.sim.url()),
        Credentials::cloud_api_token(site.sim.login(), "expired-token"),
    )
    .await
    .unwrap();
    let before = site.count("GET /rest/api/3/myself").await;
    assert_eq!(support::code(client.myself().await), "Unauthorized");
    assert_eq!(site.count("GET /rest/api/3/myself").await, before + 1);
    site.stop().await;
}
