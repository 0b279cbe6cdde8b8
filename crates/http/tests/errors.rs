//! The error taxonomy: every status and every failure below HTTP ends in the
//! right kind and DESIGN §6 code, with a message that says what to do and
//! never quotes a credential.

mod support;

use std::time::Duration;

use kakehashi_http::{Auth, ErrorKind, HttpClient, HttpError, RetryPolicy, StatusCode};
use kakehashi_sim::{start, SimKind, SimOptions};
use serde_json::{json, Value};
use support::QuotingDecoder;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A client that tries once, so each case shows the first answer's error.
fn once(url: &str) -> HttpClient {
    HttpClient::new(
        support::fast_endpoint(url).with_retry(RetryPolicy::none()),
        QuotingDecoder,
    )
    .unwrap()
}

async fn answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn every_status_maps_to_its_kind_and_code() {
    let jira_error = |text: &str| json!({ "errorMessages": [text], "errors": {} });
    let cases: Vec<(ResponseTemplate, ErrorKind, &str)> = vec![
        (
            ResponseTemplate::new(400).set_body_json(jira_error("Field 'summary' is required.")),
            ErrorKind::Rejected,
            "Validation",
        ),
        (
            ResponseTemplate::new(401),
            ErrorKind::Unauthorized,
            "Unauthorized",
        ),
        (
            ResponseTemplate::new(403).set_body_json(jira_error("No.")),
            ErrorKind::Forbidden { permission: None },
            "Forbidden",
        ),
        (ResponseTemplate::new(404), ErrorKind::NotFound, "NotFound"),
        (
            ResponseTemplate::new(405),
            ErrorKind::Rejected,
            "Validation",
        ),
        (ResponseTemplate::new(407), ErrorKind::Proxy, "Network"),
        (ResponseTemplate::new(409), ErrorKind::Conflict, "Conflict"),
        (ResponseTemplate::new(410), ErrorKind::NotFound, "NotFound"),
        (ResponseTemplate::new(412), ErrorKind::Conflict, "Conflict"),
        (
            ResponseTemplate::new(422),
            ErrorKind::Rejected,
            "Validation",
        ),
        (
            ResponseTemplate::new(429),
            ErrorKind::RateLimited { retry_after: None },
            "RateLimited",
        ),
        (
            ResponseTemplate::new(429).insert_header("Retry-After", "7"),
            ErrorKind::RateLimited {
                retry_after: Some(Duration::from_secs(7)),
            },
            "RateLimited",
        ),
        (ResponseTemplate::new(500), ErrorKind::Server, "Network"),
        (
            ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"),
            ErrorKind::Server,
            "Network",
        ),
        (ResponseTemplate::new(503), ErrorKind::Server, "Network"),
        (
            ResponseTemplate::new(503).insert_header("Retry-After", "5"),
            ErrorKind::RateLimited {
                retry_after: Some(Duration::from_secs(5)),
            },
            "RateLimited",
        ),
        (ResponseTemplate::new(504), ErrorKind::Server, "Network"),
    ];
    for (template, kind, code) in cases {
        let status = template.clone();
        let server = answering(template).await;
        let err = once(&server.uri())
            .get("rest/api/2/issue/DEMO-1")
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.kind, kind, "{status:?}: {err:?}");
        assert_eq!(err.code(), code, "{err:?}");
        assert!(err.status.is_some(), "{err:?}");
        assert!(
            err.message.contains("GET http://127.0.0.1:"),
            "names the request: {}",
            err.message
        );
        assert!(err.message.len() > 60, "explains: {}", err.message);
    }
}

#[tokio::test]
async fn a_forbidden_answer_names_the_missing_permission_in_the_servers_words() {
    let server = answering(ResponseTemplate::new(403).set_body_json(json!({
        "errorMessages": ["You do not have the 'BROWSE_PROJECTS' permission for project DEMO."],
        "errors": {}
    })))
    .await;
    let err = once(&server.uri())
        .get("rest/api/2/project/DEMO")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::Forbidden {
            permission: Some("BROWSE_PROJECTS".into())
        }
    );
    assert_eq!(err.status, Some(403));
    assert!(
        err.message
            .contains("“You do not have the 'BROWSE_PROJECTS'"),
        "{}",
        err.message
    );
    assert!(
        err.message
            .contains("The missing permission is BROWSE_PROJECTS."),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("Ask an administrator"),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn a_captcha_challenge_on_401_or_403_is_captcha() {
    for status in [401, 403] {
        let server = answering(ResponseTemplate::new(status).insert_header(
            "X-Authentication-Denied-Reason",
            "CAPTCHA_CHALLENGE; login-url=http://x/login.jsp",
        ))
        .await;
        let err = once(&server.uri())
            .get("rest/api/2/myself")
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Captcha, "{status}");
        assert_eq!(err.code(), "CaptchaRequired");
        assert!(err.message.contains("web browser"), "{}", err.message);
    }
}

#[tokio::test]
async fn the_jira_dc_simulator_locks_a_user_behind_a_captcha_after_failed_logins() {
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let client = once(sim.url());
    let wrong = Auth::basic(sim.login(), "wrong-password-1");
    let mut kinds = Vec::new();
    for _ in 0..3 {
        let err = client
            .get("rest/api/2/myself")
            .auth(&wrong)
            .send()
            .await
            .unwrap_err();
        kinds.push(err.kind);
    }
    assert_eq!(kinds[0], ErrorKind::Unauthorized);
    assert_eq!(kinds[1], ErrorKind::Unauthorized);
    let right = Auth::basic(sim.login(), sim.secret());
    let err = client
        .get("rest/api/2/myself")
        .auth(&right)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Captcha, "{err:?}");
    assert!(!err.message.contains(sim.secret()), "{}", err.message);
    sim.stop().await;
}

#[tokio::test]
async fn accepted_statuses_come_back_as_answers() {
    let server = answering(
        ResponseTemplate::new(412).set_body_json(json!({ "sync": "fresh-token", "errors": [] })),
    )
    .await;
    let client = once(&server.uri());
    let answer = client
        .get("api/1.0/events")
        .accept_status(StatusCode::PRECONDITION_FAILED)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(answer.json::<Value>().unwrap()["sync"], "fresh-token");
    let err = client.get("api/1.0/events").send().await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict);
}

#[tokio::test]
async fn nothing_listening_is_refused() {
    let url = format!("http://127.0.0.1:{}/", support::dead_port());
    let err = once(&url)
        .get("rest/api/2/serverInfo")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Refused, "{err:?}");
    assert_eq!(err.code(), "Network");
    assert!(err.message.contains("Check the port"), "{}", err.message);
    assert_eq!(err.status, None);
}

#[tokio::test]
async fn a_name_that_does_not_resolve_is_dns() {
    let err = once("http://does-not-exist.invalid/")
        .get("rest/api/2/serverInfo")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Dns, "{err:?}");
    assert_eq!(err.code(), "Network");
    assert!(
        err.message.contains("does-not-exist.invalid"),
        "{}",
        err.message
    );
    assert!(err.message.contains("VPN"), "{}", err.message);
}

#[tokio::test]
async fn no_answer_in_time_is_a_timeout() {
    let server = answering(ResponseTemplate::new(200).set_delay(Duration::from_secs(2))).await;
    let err = once(&server.uri())
        .get("rest/api/2/serverInfo")
        .timeout(Duration::from_millis(150))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout, "{err:?}");
    assert_eq!(err.code(), "Network");
    assert!(
        err.message.contains("did not answer in time"),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn an_answer_that_is_not_json_is_malformed_with_a_short_excerpt() {
    let page = format!(
        "<html><body>Please sign in to the proxy{}</body></html>",
        " ".repeat(500)
    );
    let server = answering(ResponseTemplate::new(200).set_body_string(page)).await;
    let err = once(&server.uri())
        .get("rest/api/2/serverInfo")
        .send_json::<Value>()
        .await
        .unwrap_err();
    let ErrorKind::Malformed { excerpt } = &err.kind else {
        panic!("expected Malformed, got {err:?}");
    };
    assert_eq!(err.code(), "Internal");
    assert!(
        excerpt.starts_with("<html><body>Please sign in"),
        "{excerpt}"
    );
    assert!(excerpt.len() < 400, "{excerpt}");
    assert!(
        err.message.contains("login page"),
        "says what to check: {}",
        err.message
    );
}

/// Answers with the credential headers it received, as some broken servers
/// and debugging proxies do.
fn echo_credentials(status: u16) -> impl Fn(&Request) -> ResponseTemplate {
    move |request: &Request| {
        let echoed: Vec<String> = ["authorization", "x-tt-apikey"]
            .iter()
            .filter_map(|name| request.headers.get(*name))
            .map(|v| v.to_str().unwrap_or_default().to_owned())
            .collect();
        ResponseTemplate::new(status).set_body_string(format!(
            "Internal error while handling headers [{}] for this request",
            echoed.join(", ")
        ))
    }
}

#[tokio::test]
async fn excerpts_never_quote_the_credential_even_when_the_server_echoes_it() {
    let credentials = [
        (
            Auth::basic("sync-user", "basic-pw-Secret1"),
            vec!["basic-pw-Secret1", "c3luYy11c2VyOmJhc2ljLXB3LVNlY3JldDE="],
        ),
        (
            Auth::bearer("bearer-token-Secret2"),
            vec!["bearer-token-Secret2"],
        ),
        (
            Auth::header("x-tt-apikey", "api-key-Secret3"),
            vec!["api-key-Secret3"],
        ),
    ];
    for status in [500, 200] {
        let server = MockServer::start().await;
        Mock::given(path("/rest/api/2/myself"))
            .respond_with(echo_credentials(status))
            .mount(&server)
            .await;
        for (auth, secrets) in &credentials {
            let err: HttpError = once(&server.uri())
                .get("rest/api/2/myself")
                .auth(auth)
                .send_json::<Value>()
                .await
                .unwrap_err();
            let shown = format!("{err} {err:?}");
            assert!(
                shown.contains("Internal error while handling headers"),
                "quotes the body: {shown}"
            );
            for secret in secrets {
                assert!(
                    !shown.contains(secret),
                    "{status}: {secret} leaked in {shown}"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_query_string_never_appears_in_a_message_as_some_apis_take_tokens_there() {
    let server = answering(ResponseTemplate::new(500)).await;
    let err = once(&server.uri())
        .get("rest/api/2/search")
        .query("access_token", "token-in-the-query")
        .send()
        .await
        .unwrap_err();
    assert!(
        !err.message.contains("token-in-the-query"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("/rest/api/2/search"),
        "{}",
        err.message
    );
}
