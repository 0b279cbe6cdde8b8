//! Shared by the transport's integration tests: fast policies and tiny
//! servers bound to 127.0.0.1:0.
#![allow(dead_code)] // each test binary uses its own part

pub mod proxy;
pub mod raw;
pub mod tls;

use std::time::Duration;

use kakehashi_http::{Endpoint, HttpClient, PlainDecoder, RatePolicy, RetryPolicy, Timeouts};

/// Retries that finish in milliseconds.
pub fn fast_retry(max_attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(2),
    }
}

pub fn short_timeouts() -> Timeouts {
    Timeouts {
        connect: Duration::from_secs(2),
        request: Duration::from_millis(500),
    }
}

/// An endpoint for `url` with fast retries, short timeouts and no rate limit.
pub fn fast_endpoint(url: &str) -> Endpoint {
    Endpoint::new(url)
        .unwrap()
        .with_timeouts(short_timeouts())
        .with_retry(fast_retry(3))
        .with_rate(RatePolicy::unlimited())
}

pub fn fast_client(url: &str) -> HttpClient {
    HttpClient::new(fast_endpoint(url), PlainDecoder).unwrap()
}

/// A vendor-like decoder for tests: Jira's `errorMessages`, and the
/// permission a 403 names in quotes ("... the 'BROWSE_PROJECTS' permission").
pub struct QuotingDecoder;

impl kakehashi_http::ErrorDecoder for QuotingDecoder {
    fn message(&self, _status: kakehashi_http::StatusCode, body: &[u8]) -> Option<String> {
        let json: serde_json::Value = serde_json::from_slice(body).ok()?;
        json["errorMessages"][0].as_str().map(str::to_owned)
    }

    fn missing_permission(&self, message: Option<&str>, _body: &[u8]) -> Option<String> {
        let message = message?;
        let start = message.find('\'')? + 1;
        let end = start + message[start..].find('\'')?;
        Some(message[start..end].to_owned())
    }
}

/// How many requests a wiremock server has received.
pub async fn received(server: &wiremock::MockServer) -> usize {
    server.received_requests().await.map_or(0, |r| r.len())
}

/// A port nothing listens on (bound, then released).
pub fn dead_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Reads the simulator's `serverInfo` through `client`: proof of a way
/// through to the Jira Data Center simulator.
pub async fn assert_reaches_jira_dc(client: &HttpClient) {
    let info: serde_json::Value = client
        .get("rest/api/2/serverInfo")
        .send_json()
        .await
        .unwrap();
    assert_eq!(info["deploymentType"], "Server");
}
