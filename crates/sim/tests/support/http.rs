//! Starting a simulator and talking to it: the few lines every HTTP test needs.

use std::time::Duration;

use kakehashi_sim::{RunningSim, Seed, SimKind, SimOptions};
use reqwest::header::HeaderMap;
use reqwest::{Client, StatusCode};
use serde_json::Value;

/// Starts `kind` with `seed` on a free loopback port, default behaviour.
pub async fn start(kind: SimKind, seed: Seed) -> RunningSim {
    let options = SimOptions {
        seed,
        ..Default::default()
    };
    kakehashi_sim::start(kind, &options, 0)
        .await
        .unwrap_or_else(|e| panic!("cannot start {kind}: {e}"))
}

/// Starts `kind` with any options (behaviour, seed) on a free loopback port.
pub async fn start_with(kind: SimKind, options: &SimOptions) -> RunningSim {
    kakehashi_sim::start(kind, options, 0)
        .await
        .unwrap_or_else(|e| panic!("cannot start {kind}: {e}"))
}

/// A client that gives up after five seconds, so a hung simulator fails the
/// test instead of hanging it.
pub fn client() -> Client {
    client_with_timeout(Duration::from_secs(5))
}

pub fn client_with_timeout(timeout: Duration) -> Client {
    Client::builder()
        .timeout(timeout)
        .build()
        .expect("reqwest client")
}

/// How a request authenticates.
#[derive(Debug, Clone, Copy)]
pub enum Auth<'a> {
    None,
    Basic(&'a str, &'a str),
    Bearer(&'a str),
    /// A header such as `X-TT-ApiKey`.
    Header(&'a str, &'a str),
}

impl Auth<'_> {
    pub fn apply(self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match self {
            Auth::None => request,
            Auth::Basic(login, secret) => request.basic_auth(login, Some(secret)),
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::Header(name, value) => request.header(name, value),
        }
    }
}

/// Sends `request` and reads the answer; the body is `Value::Null` when empty
/// and panics (with the text) when it is not JSON.
pub async fn send_json(request: reqwest::RequestBuilder) -> (StatusCode, HeaderMap, Value) {
    let response = request.send().await.expect("request failed");
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body unreadable");
    let body = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{status} answer is not JSON ({e}): {text}"))
    };
    (status, headers, body)
}

/// `GET url` with `auth`.
pub async fn get_json(
    client: &Client,
    url: &str,
    auth: Auth<'_>,
) -> (StatusCode, HeaderMap, Value) {
    send_json(auth.apply(client.get(url))).await
}

/// `method url` with a JSON body and `auth`.
pub async fn send_body(
    client: &Client,
    method: reqwest::Method,
    url: &str,
    auth: Auth<'_>,
    body: &Value,
) -> (StatusCode, HeaderMap, Value) {
    send_json(auth.apply(client.request(method, url).json(body))).await
}
