//! The per-server rate limiter against real sockets: the server notes when
//! each request arrives, and the gaps are measured in real time (tokio's
//! paused clock does not work with real sockets), with small limits so the
//! tests stay fast and bounds generous enough for a busy machine.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use kakehashi_http::{HttpClient, PlainDecoder, RatePolicy};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// Scheduling slack: the limiter spaces the starts of requests, the server
/// sees their arrivals, and a new connection or a busy machine shifts one
/// arrival by a few milliseconds.
const SLACK: Duration = Duration::from_millis(10);

/// Arrivals `interval` apart: over the whole run to within `SLACK`, and no
/// single gap shorter than half the interval (one late arrival shortens the
/// gap after it; without a limiter every gap is about zero).
fn assert_spaced(gaps: &[Duration], interval: Duration) {
    let span: Duration = gaps.iter().sum();
    let wanted = interval * gaps.len() as u32;
    assert!(
        span + SLACK >= wanted,
        "span {span:?} < {wanted:?}: {gaps:?}"
    );
    for gap in gaps {
        assert!(*gap >= interval / 2, "{gaps:?}");
    }
}

/// A server that notes arrival times and answers with `headers`.
async fn recording(
    headers: Vec<(&'static str, &'static str)>,
) -> (MockServer, Arc<Mutex<Vec<Instant>>>) {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let noted = arrivals.clone();
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(move |_: &Request| {
            noted.lock().unwrap().push(Instant::now());
            headers
                .iter()
                .fold(ResponseTemplate::new(200), |t, (name, value)| {
                    t.insert_header(*name, *value)
                })
        })
        .mount(&server)
        .await;
    (server, arrivals)
}

fn gaps(arrivals: &Mutex<Vec<Instant>>) -> Vec<Duration> {
    let mut times = arrivals.lock().unwrap().clone();
    times.sort();
    times.windows(2).map(|w| w[1] - w[0]).collect()
}

fn client(url: &str, rate: RatePolicy) -> HttpClient {
    HttpClient::new(support::fast_endpoint(url).with_rate(rate), PlainDecoder).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_to_timetracker_nx_start_100_ms_apart() {
    let (server, arrivals) = recording(Vec::new()).await;
    let client = client(&server.uri(), RatePolicy::timetracker_nx());
    let begin = Instant::now();
    let sends = (0..6).map(|i| {
        let client = client.clone();
        async move { client.get(&format!("api/item/{i}")).send().await }
    });
    for result in join_all(sends).await {
        result.unwrap();
    }
    let gaps = gaps(&arrivals);
    assert_eq!(gaps.len(), 5);
    assert_spaced(&gaps, Duration::from_millis(100));
    // Spaced, not serialised behind a much longer wait.
    assert!(
        begin.elapsed() < Duration::from_millis(1_500),
        "{:?}",
        begin.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_fixed_interval_holds_for_concurrent_senders() {
    let (server, arrivals) = recording(Vec::new()).await;
    let rate = RatePolicy {
        min_interval: Duration::from_millis(50),
        per_minute: None,
        adaptive: false,
    };
    let client = client(&server.uri(), rate);
    let sends = (0..8).map(|_| {
        let client = client.clone();
        async move { client.get("x").send().await }
    });
    join_all(sends).await.into_iter().for_each(|r| {
        r.unwrap();
    });
    let gaps = gaps(&arrivals);
    assert_eq!(gaps.len(), 7);
    assert_spaced(&gaps, Duration::from_millis(50));
}

#[tokio::test]
async fn a_low_jira_cloud_quota_spaces_requests_out_and_a_full_one_does_not() {
    // 300 left of 5,000 (6 %): what is left is spread over the minute,
    // 60 s / 300 = 200 ms between requests.
    let (low, low_arrivals) = recording(vec![
        ("X-RateLimit-Limit", "5000"),
        ("X-RateLimit-Remaining", "300"),
    ])
    .await;
    let spaced = client(&low.uri(), RatePolicy::adaptive());
    for _ in 0..4 {
        spaced.get("rest/api/3/myself").send().await.unwrap();
    }
    // The first answer teaches the limiter; the request after the next one
    // is the first to wait (its turn was handed out before the lesson).
    let gaps = gaps(&low_arrivals);
    assert_spaced(&gaps[1..], Duration::from_millis(200));

    let (full, full_arrivals) = recording(vec![
        ("X-RateLimit-Limit", "5000"),
        ("X-RateLimit-Remaining", "4900"),
    ])
    .await;
    let unhurried = client(&full.uri(), RatePolicy::adaptive());
    let begin = Instant::now();
    for _ in 0..4 {
        unhurried.get("rest/api/3/myself").send().await.unwrap();
    }
    assert_eq!(full_arrivals.lock().unwrap().len(), 4);
    assert!(
        begin.elapsed() < Duration::from_millis(300),
        "{:?}",
        begin.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_retry_after_holds_back_every_request_to_the_server() {
    // The first request is told to come back in 400 ms; every request
    // after it waits for that moment too, not only its retry.
    let arrivals: Arc<Mutex<Vec<Instant>>> = Arc::new(Mutex::new(Vec::new()));
    let noted = arrivals.clone();
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(move |_: &Request| {
            let mut arrivals = noted.lock().unwrap();
            arrivals.push(Instant::now());
            if arrivals.len() == 1 {
                ResponseTemplate::new(429).insert_header("Retry-After", "0.4")
            } else {
                ResponseTemplate::new(200)
            }
        })
        .mount(&server)
        .await;
    let endpoint = support::fast_endpoint(&server.uri())
        .with_rate(RatePolicy::adaptive())
        .with_retry(support::fast_retry(1));
    let client = HttpClient::new(endpoint, PlainDecoder).unwrap();
    let err = client.get("first").send().await.unwrap_err();
    assert_eq!(err.code(), "RateLimited");
    let others = (0..3).map(|_| {
        let client = client.clone();
        async move { client.get("other").send().await }
    });
    join_all(others).await.into_iter().for_each(|r| {
        r.unwrap();
    });
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 4);
    for later in &arrivals[1..] {
        let after = *later - arrivals[0];
        assert!(
            after + SLACK >= Duration::from_millis(400),
            "came {after:?} after the 429"
        );
    }
}
