//! The machinery every simulator shares, tested through a running server:
//! `/__sim/` admin endpoints, rate limits and faults (one middleware in front
//! of every vendor route, so the 404 fallback of an unknown path goes
//! through it too), determinism, reset, stopping, and port allocation.

mod support;

use std::net::{SocketAddr, TcpListener};
use std::time::{Duration, Instant};

use kakehashi_sim::{RunningSim, Seed, SimError, SimKind, SimOptions};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use support::http::{self, client, get_json, send_body, Auth};

/// A path no simulator serves: answered by the fallback, through the middleware.
fn unknown(sim: &RunningSim) -> String {
    format!("{}/no/such/endpoint", sim.url())
}

async fn configure(client: &Client, sim: &RunningSim, patch: Value) -> (StatusCode, Value) {
    let url = format!("{}/config", sim.admin_url());
    let (status, _, body) = send_body(client, reqwest::Method::PUT, &url, Auth::None, &patch).await;
    (status, body)
}

#[track_caller]
fn assert_configured(result: (StatusCode, Value)) -> Value {
    assert_eq!(result.0, StatusCode::OK, "config refused: {}", result.1);
    result.1
}

async fn stats(client: &Client, sim: &RunningSim) -> Value {
    let (status, _, body) =
        get_json(client, &format!("{}/stats", sim.admin_url()), Auth::None).await;
    assert_eq!(status, StatusCode::OK);
    body
}

/// Status and raw body text of `GET url`.
async fn get_text(client: &Client, url: &str) -> (StatusCode, reqwest::header::HeaderMap, String) {
    let response = client.get(url).send().await.expect("request failed");
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("body"))
}

#[tokio::test]
async fn stats_count_requests_per_endpoint_and_reset_zeroes_them() {
    let sim = http::start(SimKind::JiraCloud, Seed::Demo).await;
    let client = client();
    for _ in 0..3 {
        let (status, _, body) = get_json(&client, &unknown(&sim), Auth::None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(body["errorMessages"][0].is_string(), "{body}");
    }
    let (status, _, _) = send_body(
        &client,
        reqwest::Method::POST,
        &unknown(&sim),
        Auth::None,
        &json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let counted = stats(&client, &sim).await;
    assert_eq!(counted["total"], 4, "{counted}");
    assert_eq!(
        counted["byEndpoint"]["GET (no such endpoint)"], 3,
        "{counted}"
    );
    assert_eq!(
        counted["byEndpoint"]["POST (no such endpoint)"], 1,
        "{counted}"
    );
    assert_eq!(counted["rateLimited"], 0);
    // Admin calls are not counted.
    assert_eq!(stats(&client, &sim).await["total"], 4);

    let (status, _, answer) = send_body(
        &client,
        reqwest::Method::POST,
        &format!("{}/reset", sim.admin_url()),
        Auth::None,
        &Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer, json!({ "reset": true, "seed": "demo" }));
    let zeroed = stats(&client, &sim).await;
    assert_eq!(
        zeroed,
        json!({ "total": 0, "byEndpoint": {}, "rateLimited": 0, "faults": {} })
    );
    sim.stop().await;
}

#[tokio::test]
async fn config_changes_merge_into_the_current_behaviour_and_nonsense_is_refused() {
    let sim = http::start(SimKind::Asana, Seed::Demo).await;
    let client = client();
    let (status, _, initial) =
        get_json(&client, &format!("{}/config", sim.admin_url()), Auth::None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(initial["faultRate"], 0.0);
    assert_eq!(initial["timeoutMs"], 30_000);

    let after_first = assert_configured(
        configure(
            &client,
            &sim,
            json!({ "faultRate": 0.25, "faultKinds": ["error503"] }),
        )
        .await,
    );
    assert_eq!(after_first["faultRate"], 0.25);
    assert_eq!(
        after_first["timeoutMs"], 30_000,
        "untouched fields keep their values"
    );
    let after_second = assert_configured(configure(&client, &sim, json!({ "latencyMs": 5 })).await);
    assert_eq!(
        after_second["faultRate"], 0.25,
        "an earlier change survives a later one"
    );
    assert_eq!(after_second["faultKinds"], json!(["error503"]));
    assert_eq!(after_second["latencyMs"], 5);

    for (patch, hint) in [
        (json!({ "faultRate": 1.5 }), "0.0"),
        (json!({ "rateLimitPerMinute": 0 }), "null"),
        (json!({ "timeoutMs": 600_001 }), "600000"),
        (json!({ "faultRates": 0.1 }), "faultRates"),
        (json!({ "faultKinds": ["gremlins"] }), "gremlins"),
        (json!([{ "faultRate": 0.1 }]), "JSON object"),
    ] {
        let (status, body) = configure(&client, &sim, patch.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{patch} accepted: {body}");
        let error = body["error"].as_str().unwrap_or_default();
        assert!(error.contains(hint), "{patch}: {error:?} lacks {hint:?}");
    }
    // A refused change changes nothing.
    let (_, _, now) = get_json(&client, &format!("{}/config", sim.admin_url()), Auth::None).await;
    assert_eq!(now, after_second);
    sim.stop().await;
}

#[tokio::test]
async fn jira_cloud_rate_limit_answers_429_with_its_headers() {
    let sim = http::start(SimKind::JiraCloud, Seed::Demo).await;
    let client = client();
    assert_configured(configure(&client, &sim, json!({ "rateLimitPerMinute": 2 })).await);

    let (status, headers, _) = get_text(&client, &unknown(&sim)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(headers["x-ratelimit-limit"], "2");
    assert_eq!(headers["x-ratelimit-remaining"], "1");
    let (_, headers, _) = get_text(&client, &unknown(&sim)).await;
    assert_eq!(headers["x-ratelimit-remaining"], "0");

    let (status, headers, body) = get_json(&client, &unknown(&sim), Auth::None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert_eq!(headers["x-ratelimit-limit"], "2");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert!(headers.contains_key("x-ratelimit-reset"));
    assert_eq!(headers["ratelimit-reason"], "jira-quota-tenant-based");
    assert!(body["errorMessages"][0].is_string(), "{body}");
    assert_eq!(stats(&client, &sim).await["rateLimited"], 1);

    // Lifting the limit lets requests through at once.
    assert_configured(configure(&client, &sim, json!({ "rateLimitPerMinute": null })).await);
    assert_eq!(
        get_text(&client, &unknown(&sim)).await.0,
        StatusCode::NOT_FOUND
    );
    sim.stop().await;
}

#[tokio::test]
async fn other_vendors_rate_limit_with_retry_after_and_their_error_shape() {
    let client = client();
    for kind in [SimKind::JiraDataCenter, SimKind::Ttnx, SimKind::Asana] {
        let sim = http::start(kind, Seed::Demo).await;
        assert_configured(configure(&client, &sim, json!({ "rateLimitPerMinute": 1 })).await);
        let (status, headers, _) = get_text(&client, &unknown(&sim)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{kind}");
        assert!(
            !headers.contains_key("x-ratelimit-limit"),
            "{kind} is not Jira Cloud"
        );
        let (status, headers, body) = get_json(&client, &unknown(&sim), Auth::None).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{kind}");
        assert!(
            headers["retry-after"]
                .to_str()
                .unwrap()
                .parse::<u64>()
                .is_ok(),
            "{kind}"
        );
        assert!(!headers.contains_key("ratelimit-reason"), "{kind}");
        assert_eq!(body, kind.error_body(body_message(&body)), "{kind}: {body}");
        sim.stop().await;
    }
}

/// The message inside any vendor's error body.
fn body_message(body: &Value) -> &str {
    [
        &body["errorMessages"][0],
        &body[0]["message"],
        &body["errors"][0]["message"],
    ]
    .into_iter()
    .find_map(Value::as_str)
    .unwrap_or_else(|| panic!("no error message in {body}"))
}

async fn start_with_fault(kind: SimKind, fault: &str, extra: Value) -> RunningSim {
    let sim = http::start(kind, Seed::Demo).await;
    let mut patch = json!({ "faultRate": 1.0, "faultKinds": [fault] });
    if let (Value::Object(patch), Value::Object(extra)) = (&mut patch, extra) {
        patch.extend(extra);
    }
    assert_configured(configure(&client(), &sim, patch).await);
    sim
}

#[tokio::test]
async fn error_faults_answer_with_the_vendors_error_shapes() {
    let client = client();
    for kind in SimKind::ALL {
        let sim = start_with_fault(kind, "error500", json!({})).await;
        let (status, _, body) = get_json(&client, &unknown(&sim), Auth::None).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{kind}");
        assert_eq!(body, kind.error_body(body_message(&body)), "{kind}: {body}");
        sim.stop().await;
    }

    let sim = start_with_fault(SimKind::Asana, "error503", json!({})).await;
    let (status, headers, body) = get_json(&client, &unknown(&sim), Auth::None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(headers["retry-after"], "1");
    assert!(body["errors"][0]["message"].is_string(), "{body}");
    sim.stop().await;

    let sim = start_with_fault(SimKind::JiraDataCenter, "error502", json!({})).await;
    let (status, headers, text) = get_text(&client, &unknown(&sim)).await;
    assert_eq!(status, StatusCode::BAD_GATEWAY);
    assert!(headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(
        text.contains("502") && serde_json::from_str::<Value>(&text).is_err(),
        "{text}"
    );
    let counted = stats(&client, &sim).await;
    assert_eq!(counted["faults"], json!({ "error502": 1 }));
    sim.stop().await;
}

#[tokio::test]
async fn malformed_and_truncated_bodies_are_not_json() {
    let client = client();
    let sim = start_with_fault(SimKind::Ttnx, "malformed", json!({})).await;
    let (status, headers, text) = get_text(&client, &unknown(&sim)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"].to_str().unwrap().contains("json"),
        "claims to be JSON"
    );
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    sim.stop().await;

    let sim = http::start(SimKind::JiraCloud, Seed::Demo).await;
    let (_, _, whole) = get_text(&client, &unknown(&sim)).await;
    assert!(serde_json::from_str::<Value>(&whole).is_ok());
    assert_configured(
        configure(
            &client,
            &sim,
            json!({ "faultRate": 1.0, "faultKinds": ["truncated"] }),
        )
        .await,
    );
    let (status, _, cut) = get_text(&client, &unknown(&sim)).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the work is done, its status kept"
    );
    assert_eq!(cut.len(), whole.len() / 2);
    assert!(whole.starts_with(&cut));
    assert!(serde_json::from_str::<Value>(&cut).is_err(), "{cut}");
    sim.stop().await;
}

#[tokio::test]
async fn a_reset_fault_is_a_connection_error_not_a_status() {
    let sim = start_with_fault(SimKind::Asana, "reset", json!({})).await;
    let client = client();
    let error = match client.get(unknown(&sim)).send().await {
        Ok(response) => match response.text().await {
            Ok(text) => panic!("the answer arrived although the connection was reset: {text:?}"),
            Err(error) => error,
        },
        Err(error) => error,
    };
    assert!(error.status().is_none(), "{error:?}");
    assert!(!error.is_timeout(), "{error:?}");
    assert!(
        error.is_request() || error.is_connect() || error.is_body(),
        "{error:?}"
    );
    assert_eq!(stats(&client, &sim).await["faults"], json!({ "reset": 1 }));
    sim.stop().await;
}

#[tokio::test]
async fn a_timeout_fault_answers_504_after_the_wait() {
    let sim = start_with_fault(SimKind::JiraCloud, "timeout", json!({ "timeoutMs": 300 })).await;
    let started = Instant::now();
    let (status, _, body) = get_json(&client(), &unknown(&sim), Auth::None).await;
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(status, StatusCode::GATEWAY_TIMEOUT);
    assert!(body["errorMessages"][0].is_string(), "{body}");
    sim.stop().await;
}

#[tokio::test]
async fn admin_endpoints_are_never_faulted() {
    let sim = start_with_fault(SimKind::JiraDataCenter, "error500", json!({})).await;
    let client = client();
    assert_eq!(
        get_text(&client, &unknown(&sim)).await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(stats(&client, &sim).await["faults"]["error500"], 1);
    let (status, _, users) =
        get_json(&client, &format!("{}/users", sim.admin_url()), Auth::None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(users[0]["login"], "kakehashi-sync");
    sim.stop().await;
}

/// The statuses of `count` sequential requests under `behaviour`.
async fn statuses(seed: u64, count: usize) -> Vec<u16> {
    let sim = http::start(SimKind::Asana, Seed::Demo).await;
    let client = client();
    let behaviour =
        json!({ "faultRate": 0.5, "faultKinds": ["error500", "error503"], "randomSeed": seed });
    assert_configured(configure(&client, &sim, behaviour).await);
    let mut seen = Vec::with_capacity(count);
    for _ in 0..count {
        seen.push(get_text(&client, &unknown(&sim)).await.0.as_u16());
    }
    // After a reset the generator starts over.
    let _ = client
        .post(format!("{}/reset", sim.admin_url()))
        .send()
        .await
        .expect("reset");
    for (n, expected) in seen.iter().enumerate() {
        assert_eq!(
            get_text(&client, &unknown(&sim)).await.0.as_u16(),
            *expected,
            "request {n} after reset"
        );
    }
    sim.stop().await;
    seen
}

#[tokio::test]
async fn the_same_seed_and_requests_give_the_same_faults() {
    let first = statuses(42, 30).await;
    assert!(
        first.contains(&404) && first.iter().any(|s| *s >= 500),
        "{first:?}"
    );
    assert_eq!(statuses(42, 30).await, first);
    assert_ne!(statuses(43, 30).await, first);
}

#[tokio::test]
async fn stop_returns_promptly_while_a_timeout_fault_holds_a_request() {
    let sim = start_with_fault(SimKind::Ttnx, "timeout", json!({ "timeoutMs": 60_000 })).await;
    let url = unknown(&sim);
    let admin = sim.admin_url();
    let held = tokio::spawn(async move {
        http::client_with_timeout(Duration::from_secs(20))
            .get(url)
            .send()
            .await
    });
    // Wait until the request is inside the simulator.
    let client = client();
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (_, _, counted) = get_json(&client, &format!("{admin}/stats"), Auth::None).await;
        if counted["total"] == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the request never arrived");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let addr = sim.addr();
    let started = Instant::now();
    sim.stop().await;
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "stop took {:?}",
        started.elapsed()
    );
    // Stopped means no new connections.
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "still accepting on {addr}"
    );
    // The held request ends too (answered 504 or cut off), instead of
    // lingering on an orphaned connection for the rest of `timeoutMs`.
    let outcome = tokio::time::timeout(Duration::from_secs(1), held).await;
    match outcome
        .expect("the held request still hangs after stop")
        .expect("task")
    {
        Ok(response) => assert_eq!(response.status(), StatusCode::GATEWAY_TIMEOUT),
        Err(error) => assert!(!error.is_timeout(), "{error:?}"),
    }
}

/// A base port P with P..P+3 free at the time of asking.
fn four_free_ports() -> u16 {
    for _ in 0..50 {
        let probe = TcpListener::bind("127.0.0.1:0").expect("probe");
        let base = probe.local_addr().expect("addr").port();
        if base > u16::MAX - 4 {
            continue;
        }
        let others: Result<Vec<_>, _> = (1..4)
            .map(|n| TcpListener::bind(("127.0.0.1", base + n)))
            .collect();
        if others.is_ok() {
            return base;
        }
    }
    panic!("no four consecutive free ports found");
}

#[tokio::test]
async fn start_all_puts_the_four_on_consecutive_ports_in_order() {
    let base = four_free_ports();
    let running = kakehashi_sim::start_all(&SimOptions::default(), Some(base))
        .await
        .expect("start_all");
    let kinds: Vec<SimKind> = running.iter().map(RunningSim::kind).collect();
    assert_eq!(kinds, SimKind::ALL);
    let ports: Vec<u16> = running.iter().map(|sim| sim.addr().port()).collect();
    assert_eq!(ports, [base, base + 1, base + 2, base + 3]);
    assert_eq!(
        running[2].url(),
        format!("http://127.0.0.1:{}/TimeTrackerNX", base + 2)
    );
    let client = client();
    for sim in &running {
        assert_eq!(
            get_text(&client, &unknown(sim)).await.0,
            StatusCode::NOT_FOUND,
            "{}",
            sim.kind()
        );
    }
    for sim in running {
        sim.stop().await;
    }
}

#[tokio::test]
async fn a_taken_port_is_refused_with_the_bind_error_and_nothing_is_left_running() {
    let base = four_free_ports();
    let taken = TcpListener::bind(("127.0.0.1", base + 2)).expect("take a port");
    let error = match kakehashi_sim::start_all(&SimOptions::default(), Some(base)).await {
        Ok(_) => panic!("started on a taken port"),
        Err(error) => error,
    };
    match &error {
        SimError::Bind { addr, .. } => {
            assert_eq!(*addr, SocketAddr::from(([127, 0, 0, 1], base + 2)))
        }
        other => panic!("expected a Bind error, got {other:?}"),
    }
    assert!(error.to_string().contains("--port"), "{error}");
    // The two started before the failure were stopped: their ports free up.
    let deadline = Instant::now() + Duration::from_secs(3);
    while TcpListener::bind(("127.0.0.1", base)).is_err()
        || TcpListener::bind(("127.0.0.1", base + 1)).is_err()
    {
        assert!(
            Instant::now() < deadline,
            "simulators of a failed start_all keep their ports"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    drop(taken);

    let single = TcpListener::bind("127.0.0.1:0").expect("take a port");
    let port = single.local_addr().unwrap().port();
    let options = SimOptions::default();
    assert!(matches!(
        kakehashi_sim::start(SimKind::Asana, &options, port).await,
        Err(SimError::Bind { .. })
    ));
    assert!(matches!(
        kakehashi_sim::start_all(&options, Some(u16::MAX - 1)).await,
        Err(SimError::Invalid(_))
    ));
}
