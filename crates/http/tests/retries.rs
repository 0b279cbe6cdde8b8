//! Retries: what is tried again, how often, after how long, and what is
//! never repeated. Request counts are taken on the server's side.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use kakehashi_http::{
    Auth, Authenticator, BoxFuture, ErrorKind, HttpClient, HttpError, PlainDecoder, RatePolicy,
    RetryPolicy,
};
use serde_json::{json, Value};
use support::raw::{read_head, write_answer, RawServer};
use support::{fast_endpoint, fast_retry, received};
use tokio::io::AsyncWriteExt;
use wiremock::matchers::{any, header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(url: &str, retry: RetryPolicy) -> HttpClient {
    HttpClient::new(fast_endpoint(url).with_retry(retry), PlainDecoder).unwrap()
}

/// With the limiter that obeys what the server says (the default).
fn adaptive_client(url: &str, retry: RetryPolicy) -> HttpClient {
    let endpoint = fast_endpoint(url)
        .with_retry(retry)
        .with_rate(RatePolicy::adaptive());
    HttpClient::new(endpoint, PlainDecoder).unwrap()
}

/// A read with at most `attempts` attempts.
async fn read(url: &str, attempts: u32) -> Result<Value, HttpError> {
    client(url, fast_retry(attempts))
        .get("rest/api/2/myself")
        .send_json()
        .await
}

/// A creating POST with at most `attempts` attempts.
async fn create(url: &str, attempts: u32) -> Result<Value, HttpError> {
    client(url, fast_retry(attempts))
        .post("rest/api/2/issue")
        .json(&json!({ "fields": {} }))
        .send_json()
        .await
}

/// `first` for the first `times` requests, then `{"ok":true}`.
async fn failing_then_ok(first: ResponseTemplate, times: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ok": true })))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_get_is_retried_through_server_errors_and_succeeds() {
    let server = failing_then_ok(ResponseTemplate::new(500), 2).await;
    let answer = read(&server.uri(), 3).await.unwrap();
    assert_eq!(answer["ok"], true);
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn a_get_stops_after_max_attempts_with_the_last_error() {
    let server = failing_then_ok(ResponseTemplate::new(502), 10).await;
    let err = read(&server.uri(), 4).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Server);
    assert_eq!(err.status, Some(502));
    assert_eq!(
        received(&server).await,
        4,
        "max_attempts counts every attempt"
    );
}

#[tokio::test]
async fn a_creating_post_is_never_repeated_after_a_server_error() {
    let server = failing_then_ok(ResponseTemplate::new(500), 1).await;
    let err = create(&server.uri(), 4).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Server);
    assert_eq!(received(&server).await, 1);

    // A search sent as POST is marked idempotent and is retried.
    let server = failing_then_ok(ResponseTemplate::new(500), 1).await;
    let answer: Value = client(&server.uri(), fast_retry(4))
        .post("rest/api/2/search")
        .idempotent(true)
        .json(&json!({ "jql": "project = DEMO" }))
        .send_json()
        .await
        .unwrap();
    assert_eq!(answer["ok"], true);
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn a_503_with_retry_after_is_waited_out_even_for_a_post() {
    let server = failing_then_ok(
        ResponseTemplate::new(503).insert_header("Retry-After", "0.3"),
        1,
    )
    .await;
    let begin = Instant::now();
    let answer = create(&server.uri(), 3).await.unwrap();
    let took = begin.elapsed();
    assert_eq!(answer["ok"], true);
    assert_eq!(received(&server).await, 2);
    assert!(
        took >= Duration::from_millis(300),
        "waited as told: {took:?}"
    );
}

#[tokio::test]
async fn a_429_is_waited_out_once_not_twice() {
    let server = failing_then_ok(
        ResponseTemplate::new(429).insert_header("Retry-After", "0.4"),
        1,
    )
    .await;
    // The adaptive limiter also pauses on Retry-After; the waits must
    // overlap, not add up.
    let begin = Instant::now();
    let answer: Value = adaptive_client(&server.uri(), fast_retry(3))
        .get("rest/api/2/myself")
        .send_json()
        .await
        .unwrap();
    let took = begin.elapsed();
    assert_eq!(answer["ok"], true);
    assert_eq!(received(&server).await, 2);
    assert!(
        took >= Duration::from_millis(400) && took < Duration::from_millis(750),
        "{took:?}"
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_is_returned_at_once_and_pauses_the_server() {
    let server = failing_then_ok(
        ResponseTemplate::new(429).insert_header("Retry-After", "120"),
        1,
    )
    .await;
    let http = adaptive_client(&server.uri(), fast_retry(3));
    let begin = Instant::now();
    let err = http.get("rest/api/2/myself").send().await.unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::RateLimited {
            retry_after: Some(Duration::from_secs(120))
        }
    );
    assert!(err.message.contains("120 seconds"), "{}", err.message);
    // The next request to the same server is not sent into the pause.
    let err = http.get("rest/api/2/serverInfo").send().await.unwrap_err();
    let ErrorKind::RateLimited {
        retry_after: Some(left),
    } = err.kind
    else {
        panic!("expected RateLimited, got {err:?}");
    };
    assert!(left > Duration::from_secs(110), "{left:?}");
    assert!(
        begin.elapsed() < Duration::from_millis(500),
        "{:?}",
        begin.elapsed()
    );
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn a_429_without_retry_after_backs_off_and_ends_rate_limited() {
    let server = failing_then_ok(ResponseTemplate::new(429), 10).await;
    let err = read(&server.uri(), 3).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::RateLimited { retry_after: None });
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn a_timeout_is_retried_for_a_get_but_not_for_a_post() {
    let slow = ResponseTemplate::new(200).set_delay(Duration::from_secs(1));
    let server = failing_then_ok(slow.clone(), 1).await;
    let answer: Value = client(&server.uri(), fast_retry(3))
        .get("rest/api/2/myself")
        .timeout(Duration::from_millis(150))
        .send_json()
        .await
        .unwrap();
    assert_eq!(answer["ok"], true);
    assert_eq!(received(&server).await, 2);

    let server = failing_then_ok(slow, 1).await;
    let err = client(&server.uri(), fast_retry(3))
        .post("rest/api/2/issue")
        .timeout(Duration::from_millis(150))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Timeout);
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn a_cut_json_body_is_retried_for_a_get_and_malformed_for_a_post() {
    let cut = ResponseTemplate::new(200).set_body_raw(r#"{"id":"10001","ke"#, "application/json");
    let server = failing_then_ok(cut.clone(), 1).await;
    let answer = read(&server.uri(), 3).await.unwrap();
    assert_eq!(answer["ok"], true);
    assert_eq!(received(&server).await, 2);

    let server = failing_then_ok(cut, 1).await;
    let err = create(&server.uri(), 3).await.unwrap_err();
    let ErrorKind::Malformed { excerpt } = &err.kind else {
        panic!("expected Malformed, got {err:?}");
    };
    assert!(excerpt.contains(r#"{"id":"10001","ke"#), "{excerpt}");
    assert_eq!(err.code(), "Internal");
    assert_eq!(received(&server).await, 1);
}

#[tokio::test]
async fn a_connection_cut_mid_answer_is_retried_for_a_get() {
    // The first connection promises 100 bytes and hangs up after 10.
    let server = RawServer::start(|mut tcp| async move {
        let _ = read_head(&mut tcp).await;
        let _ = write_answer(&mut tcp, "200 OK", &[], br#"{"ok":true}"#).await;
    })
    .await;
    let cut_first = RawServer::start(move |mut tcp| async move {
        let _ = read_head(&mut tcp).await;
        let _ = tcp
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"ok\":tru")
            .await;
    })
    .await;
    let err = read(&cut_first.url(), 2).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::ConnectionLost, "{err:?}");
    assert_eq!(cut_first.count(), 2, "retried once, then gave up");
    let err = create(&cut_first.url(), 3).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::ConnectionLost, "{err:?}");
    assert_eq!(cut_first.count(), 3, "the POST went once");
    // The same client code against a server that answers whole.
    let answer = read(&server.url(), 2).await.unwrap();
    assert_eq!(answer["ok"], true);
}

/// An OAuth-like credential: `old` until renewed, then `new`.
struct Renewing {
    fresh: Option<&'static str>,
    renewals: AtomicUsize,
}

impl Renewing {
    fn new(fresh: Option<&'static str>) -> Arc<Self> {
        Arc::new(Renewing {
            fresh,
            renewals: AtomicUsize::new(0),
        })
    }

    fn renewals(&self) -> usize {
        self.renewals.load(Ordering::SeqCst)
    }

    /// A read signed by this credential.
    async fn read(
        self: &Arc<Self>,
        server: &MockServer,
        retry: RetryPolicy,
    ) -> Result<Value, HttpError> {
        client(&server.uri(), retry)
            .get("rest/api/2/myself")
            .authenticator(self.clone())
            .send_json()
            .await
    }
}

impl Authenticator for Renewing {
    fn auth(&self) -> BoxFuture<'_, Result<Auth, HttpError>> {
        Box::pin(async { Ok(Auth::bearer("old-token")) })
    }

    fn renew<'a>(&'a self, rejected: &'a Auth) -> BoxFuture<'a, Result<Option<Auth>, HttpError>> {
        Box::pin(async move {
            assert!(matches!(rejected, Auth::Bearer(_)));
            self.renewals.fetch_add(1, Ordering::SeqCst);
            Ok(self.fresh.map(Auth::bearer))
        })
    }
}

async fn accepting_only(token: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ok": true })))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_401_renews_the_credential_once_and_resends() {
    let server = accepting_only("new-token").await;
    let renewing = Renewing::new(Some("new-token"));
    // No retries at all: the resend with the renewed token must not need one.
    let answer = renewing.read(&server, RetryPolicy::none()).await.unwrap();
    assert_eq!(answer["ok"], true);
    assert_eq!(renewing.renewals(), 1);
    assert_eq!(received(&server).await, 2, "the resend is not a retry");
}

#[tokio::test]
async fn a_second_401_after_renewing_is_unauthorized_not_a_loop() {
    let server = accepting_only("never-issued").await;
    let renewing = Renewing::new(Some("also-rejected"));
    let err = renewing.read(&server, fast_retry(4)).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unauthorized);
    assert_eq!(renewing.renewals(), 1);
    assert_eq!(received(&server).await, 2);
    assert!(!err.message.contains("also-rejected"), "{}", err.message);

    // Nothing to renew: one request, Unauthorized.
    let fixed = Renewing::new(None);
    let err = fixed.read(&server, fast_retry(4)).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unauthorized);
    assert_eq!(fixed.renewals(), 1);
    assert_eq!(received(&server).await, 3);
}

#[tokio::test]
async fn a_captcha_401_is_not_renewed_or_resent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("X-Authentication-Denied-Reason", "CAPTCHA_CHALLENGE"),
        )
        .mount(&server)
        .await;
    let renewing = Renewing::new(Some("new-token"));
    let err = renewing.read(&server, fast_retry(4)).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Captcha);
    assert_eq!(renewing.renewals(), 0);
    assert_eq!(received(&server).await, 1);
}
