//! The test switches: the simulated clock (`PUT /__sim/clock`, shown in
//! every answer's `Date` and Jira's `serverTime`) on all four simulators, and
//! Jira Cloud's email visibility (`PUT /__sim/jira/settings`), over HTTP and
//! through the `RunningSim` handle; `POST /__sim/reset` undoes both.

mod support;

use jiff::{SignedDuration, Timestamp};
use kakehashi_contracts as contracts;
use kakehashi_sim::{Behaviour, FaultKind, RunningSim, Seed, SimKind, SimOptions};
use reqwest::header::{HeaderMap, DATE};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{json, Value};
use support::http::{self, client, get_json, send_body, send_json, Auth};

/// The `Date` header of an answer as an instant.
fn date_of(headers: &HeaderMap) -> Timestamp {
    let text = headers
        .get(DATE)
        .and_then(|v| v.to_str().ok())
        .expect("a Date header");
    jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(text)
        .unwrap_or_else(|e| panic!("{text:?} is not an HTTP date: {e}"))
}

/// Asserts that `at` is `expected_secs` away from the wall clock, give or
/// take the few seconds a test run can take.
#[track_caller]
fn assert_skew(at: Timestamp, expected_secs: i64) {
    let skew = at.duration_since(Timestamp::now()).as_secs();
    assert!(
        (skew - expected_secs).abs() <= 5,
        "skew {skew} s, expected {expected_secs} s"
    );
}

/// A vendor request that succeeds, signed in as the announced account.
fn signed_in(sim: &RunningSim, client: &reqwest::Client) -> RequestBuilder {
    match sim.kind() {
        SimKind::JiraCloud => client
            .get(format!("{}/rest/api/3/myself", sim.url()))
            .basic_auth(sim.login(), Some(sim.secret())),
        SimKind::JiraDataCenter => client
            .get(format!("{}/rest/api/2/myself", sim.url()))
            .basic_auth(sim.login(), Some(sim.secret())),
        SimKind::Ttnx => client
            .get(format!("{}/api/system/users/me", sim.url()))
            .header("X-TT-ApiKey", sim.secret()),
        SimKind::Asana => client
            .get(format!("{}/api/1.0/users/me", sim.url()))
            .bearer_auth(sim.secret()),
    }
}

async fn set_clock(client: &reqwest::Client, sim: &RunningSim, body: Value) -> (StatusCode, Value) {
    let url = format!("{}/clock", sim.admin_url());
    let (status, _, body) = send_body(client, Method::PUT, &url, Auth::None, &body).await;
    (status, body)
}

#[tokio::test]
async fn the_clock_offset_drives_the_date_header_of_every_simulator_until_reset() {
    let client = client();
    for kind in SimKind::ALL {
        let sim = http::start(kind, Seed::Demo).await;
        let (status, headers, body) = send_json(signed_in(&sim, &client)).await;
        assert_eq!(status, StatusCode::OK, "{kind}: {body}");
        assert_skew(date_of(&headers), 0);

        let (status, clock) = set_clock(&client, &sim, json!({ "offsetSeconds": 7200 })).await;
        assert_eq!(status, StatusCode::OK, "{kind}: {clock}");
        assert_eq!(clock["offsetSeconds"], 7200, "{kind}");
        assert_skew(clock["now"].as_str().unwrap().parse().unwrap(), 7200);

        let (status, headers, _) = send_json(signed_in(&sim, &client)).await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        assert_skew(date_of(&headers), 7200);
        // The fallback's 404 is a vendor answer too.
        let unknown = format!("{}/no/such/endpoint", sim.url());
        let (status, headers, _) = get_json(&client, &unknown, Auth::None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{kind}");
        assert_skew(date_of(&headers), 7200);

        let reset = format!("{}/reset", sim.admin_url());
        let (status, _, _) = send_body(&client, Method::POST, &reset, Auth::None, &json!({})).await;
        assert_eq!(status, StatusCode::OK);
        let (_, headers, _) = send_json(signed_in(&sim, &client)).await;
        assert_skew(date_of(&headers), 0);
        let (_, _, clock) =
            get_json(&client, &format!("{}/clock", sim.admin_url()), Auth::None).await;
        assert_eq!(clock["offsetSeconds"], 0, "{kind}: {clock}");
        sim.stop().await;
    }
}

#[tokio::test]
async fn the_handle_sets_the_clock_in_process_and_behind_is_allowed() {
    let client = client();
    let sim = http::start(SimKind::Ttnx, Seed::Demo).await;
    sim.set_clock_offset(-600);
    let (_, headers, _) = send_json(signed_in(&sim, &client)).await;
    assert_skew(date_of(&headers), -600);
    let (_, _, clock) = get_json(&client, &format!("{}/clock", sim.admin_url()), Auth::None).await;
    assert_eq!(clock["offsetSeconds"], -600);
    sim.stop().await;
}

#[tokio::test]
async fn refused_and_faulted_answers_carry_the_simulated_date_too() {
    let client = client();
    let options = SimOptions {
        behaviour: Behaviour {
            fault_rate: 1.0,
            fault_kinds: vec![FaultKind::Error503],
            ..Behaviour::default()
        },
        ..SimOptions::default()
    };
    let sim = http::start_with(SimKind::Asana, &options).await;
    sim.set_clock_offset(3600);
    let (status, headers, _) = send_json(signed_in(&sim, &client)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_skew(date_of(&headers), 3600);
    sim.stop().await;
}

#[tokio::test]
async fn a_clock_offset_that_is_not_whole_seconds_in_range_is_refused_with_advice() {
    let client = client();
    let sim = http::start(SimKind::JiraCloud, Seed::Demo).await;
    for bad in [
        json!({}),
        json!({ "offsetSeconds": "300" }),
        json!({ "offsetSeconds": 1.5 }),
        json!({ "offsetSeconds": 10_000_000_000_i64 }),
        json!([300]),
    ] {
        let (status, body) = set_clock(&client, &sim, bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            body["error"].as_str().unwrap().contains("offsetSeconds"),
            "{body}"
        );
    }
    let (_, _, clock) = get_json(&client, &format!("{}/clock", sim.admin_url()), Auth::None).await;
    assert_eq!(clock["offsetSeconds"], 0, "nothing changed: {clock}");
    sim.stop().await;
}

/// `serverInfo.serverTime` as an instant (`2026-11-20T10:15:30.123+0000`).
async fn server_time(client: &reqwest::Client, sim: &RunningSim) -> Timestamp {
    let url = format!("{}/rest/api/2/serverInfo", sim.url());
    let (status, _, body) = get_json(client, &url, Auth::None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let text = body["serverTime"].as_str().expect("serverTime");
    jiff::fmt::strtime::parse("%Y-%m-%dT%H:%M:%S%.f%z", text)
        .and_then(|parsed| parsed.to_timestamp())
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[tokio::test]
async fn jira_server_time_follows_the_clock_and_shares_it_with_advance() {
    let client = client();
    for kind in [SimKind::JiraCloud, SimKind::JiraDataCenter] {
        let sim = http::start(kind, Seed::Demo).await;
        assert_skew(server_time(&client, &sim).await, 0);
        sim.set_clock_offset(-300);
        assert_skew(server_time(&client, &sim).await, -300);
        // Jira's own control moves the same clock.
        let advance = format!("{}/{}/clock", sim.admin_url(), kind.as_str());
        let (status, _, _) = send_body(
            &client,
            Method::POST,
            &advance,
            Auth::None,
            &json!({ "advanceMs": 900_000 }),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (_, headers, _) = send_json(signed_in(&sim, &client)).await;
        assert_skew(date_of(&headers), 600);
        assert_skew(server_time(&client, &sim).await, 600);
        let gap = server_time(&client, &sim)
            .await
            .duration_since(date_of(&headers));
        assert!(gap.abs() < SignedDuration::from_secs(5), "{gap:?}");
        sim.stop().await;
    }
}

/// A Jira Cloud answer as `login`, validated against the v3 contract.
async fn cloud_get(client: &reqwest::Client, sim: &RunningSim, login: &str, path: &str) -> Value {
    let person = kakehashi_sim::people::people(Seed::Demo)
        .into_iter()
        .find(|p| p.login == login)
        .unwrap();
    let request = client
        .get(format!("{}{path}", sim.url()))
        .basic_auth(&person.email, Some(person.secret(SimKind::JiraCloud)));
    let (status, _, body) = send_json(request).await;
    assert_eq!(status, StatusCode::OK, "{path}: {body}");
    contracts::jira_cloud().assert_response("GET", path.split('?').next().unwrap(), 200, &body);
    body
}

#[tokio::test]
async fn hidden_emails_leave_only_the_callers_own_in_myself() {
    let client = client();
    let sim = http::start(SimKind::JiraCloud, Seed::Demo).await;
    let me = "suzuki.ichiro";
    let search = "/rest/api/3/user/search?query=example.co.jp";
    let everyone = cloud_get(&client, &sim, me, search).await;
    assert!(everyone.as_array().unwrap().len() > 3);
    assert!(everyone
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["emailAddress"].is_string()));

    let url = format!("{}/jira/settings", sim.admin_url());
    let hide = json!({ "emailVisibility": "hidden" });
    let (status, _, body) = send_body(&client, Method::PUT, &url, Auth::None, &hide).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, hide);

    let hidden = cloud_get(&client, &sim, me, search).await;
    let hidden = hidden.as_array().unwrap();
    assert_eq!(hidden.len(), everyone.as_array().unwrap().len());
    for user in hidden {
        assert!(user.get("emailAddress").is_none(), "{user}");
        assert!(user["accountId"].is_string(), "{user}");
    }
    // Embedded user objects too, the caller's own included.
    let issue = cloud_get(&client, &sim, me, "/rest/api/3/issue/WEB-1").await;
    let reporter = &issue["fields"]["reporter"];
    assert!(reporter["accountId"].is_string(), "{issue}");
    assert!(reporter.get("emailAddress").is_none(), "{reporter}");
    // Only `myself` shows the caller's own.
    let myself = cloud_get(&client, &sim, me, "/rest/api/3/myself").await;
    assert_eq!(myself["emailAddress"], "suzuki.ichiro@example.co.jp");

    let (_, _, settings) = get_json(&client, &url, Auth::None).await;
    assert_eq!(settings["emailVisibility"], "hidden");
    let reset = format!("{}/reset", sim.admin_url());
    send_body(&client, Method::POST, &reset, Auth::None, &json!({})).await;
    let again = cloud_get(&client, &sim, me, search).await;
    assert_eq!(again, everyone);
    sim.stop().await;
}

#[tokio::test]
async fn the_handle_switches_email_visibility_on_jira_cloud_only() {
    let client = client();
    let cloud = http::start(SimKind::JiraCloud, Seed::Demo).await;
    cloud
        .set_email_visibility(true)
        .expect("Cloud has the setting");
    let found = cloud_get(
        &client,
        &cloud,
        "sato.hanako",
        "/rest/api/3/user/search?query=ito",
    )
    .await;
    assert!(found[0].get("emailAddress").is_none(), "{found}");
    cloud.set_email_visibility(false).unwrap();
    let found = cloud_get(
        &client,
        &cloud,
        "sato.hanako",
        "/rest/api/3/user/search?query=ito",
    )
    .await;
    assert_eq!(found[0]["emailAddress"], "ito.daisuke@example.co.jp");
    cloud.stop().await;

    for kind in [SimKind::JiraDataCenter, SimKind::Ttnx, SimKind::Asana] {
        let sim = http::start(kind, Seed::Demo).await;
        let err = sim.set_email_visibility(true).unwrap_err().to_string();
        assert!(err.contains("jira-cloud"), "{kind}: {err}");
        sim.stop().await;
    }
}

#[tokio::test]
async fn bad_email_settings_are_refused_and_change_nothing() {
    let client = client();
    let sim = http::start(SimKind::JiraCloud, Seed::Demo).await;
    let url = format!("{}/jira/settings", sim.admin_url());
    for bad in [
        json!({ "emailVisibility": "nobody" }),
        json!({ "emailVisibility": true }),
        json!({ "emailVisibility": "hidden", "colour": "blue" }),
        json!("hidden"),
    ] {
        let (status, _, body) = send_body(&client, Method::PUT, &url, Auth::None, &bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            body["error"].as_str().unwrap().contains("everyone"),
            "{body}"
        );
    }
    let (_, _, settings) = get_json(&client, &url, Auth::None).await;
    assert_eq!(settings["emailVisibility"], "everyone");
    sim.stop().await;
}
