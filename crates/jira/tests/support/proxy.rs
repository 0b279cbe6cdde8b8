//! A recording reverse proxy between the client and a simulator: it keeps
//! every request as sent (method, path, query, body) so tests can hold the
//! real bytes to the vendor's contract, and it can answer the next request
//! to a path with a canned reply first (edge cases the simulator cannot
//! produce on demand, such as a 429 with a one-second `Retry-After`).

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, Response, StatusCode};
use axum::Router;
use serde_json::Value;

/// One request as the proxy saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The body as JSON (`Null` when there is none or it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

/// A reply to give instead of forwarding.
#[derive(Debug, Clone)]
pub struct Canned {
    pub path_suffix: String,
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

#[derive(Clone)]
struct Shared {
    target: String,
    http: reqwest::Client,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    canned: Arc<Mutex<VecDeque<Canned>>>,
}

pub struct Proxy {
    addr: SocketAddr,
    shared: Shared,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Proxy {
    /// A proxy on 127.0.0.1 in front of `target` (a simulator's URL).
    pub async fn start(target: &str) -> Proxy {
        let shared = Shared {
            target: target.trim_end_matches('/').to_owned(),
            http: reqwest::Client::new(),
            recorded: Arc::default(),
            canned: Arc::default(),
        };
        let app = Router::new().fallback(forward).with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
                .ok();
        });
        Proxy {
            addr,
            shared,
            shutdown: Some(shutdown),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request so far.
    pub fn recorded(&self) -> Vec<Recorded> {
        self.shared.recorded.lock().unwrap().clone()
    }

    /// The requests with this method whose path ends with `suffix`.
    pub fn matching(&self, method: &str, suffix: &str) -> Vec<Recorded> {
        self.recorded()
            .into_iter()
            .filter(|r| r.method == method && r.path.ends_with(suffix))
            .collect()
    }

    /// Answers the next request whose path ends with `canned.path_suffix`
    /// with `canned` instead of forwarding it.
    pub fn answer_next(&self, canned: Canned) {
        self.shared.canned.lock().unwrap().push_back(canned);
    }

    pub fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

async fn forward(State(shared): State<Shared>, request: Request) -> Response<Body> {
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, 200 * 1024 * 1024).await.unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);
    let content_type = parts
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    shared.recorded.lock().unwrap().push(Recorded {
        method: parts.method.to_string(),
        path: path.clone(),
        query: query.clone(),
        content_type,
        body: body.to_vec(),
    });
    let canned = {
        let mut queue = shared.canned.lock().unwrap();
        let position = queue.iter().position(|c| path.ends_with(&c.path_suffix));
        position.and_then(|i| queue.remove(i))
    };
    if let Some(canned) = canned {
        let mut response = Response::new(Body::from(canned.body));
        *response.status_mut() = StatusCode::from_u16(canned.status).unwrap();
        for (name, value) in canned.headers {
            response.headers_mut().insert(
                HeaderName::from_static(name),
                HeaderValue::from_str(&value).unwrap(),
            );
        }
        return response;
    }
    let url = match &query {
        Some(query) => format!("{}{path}?{query}", shared.target),
        None => format!("{}{path}", shared.target),
    };
    let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()).unwrap();
    let mut outgoing = shared.http.request(method, url).body(body);
    for (name, value) in &parts.headers {
        if name != "host" && name != "content-length" {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
    }
    let answer = match outgoing.send().await {
        Ok(answer) => answer,
        Err(err) => {
            let mut response = Response::new(Body::from(format!("proxy: {err}")));
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            return response;
        }
    };
    let status = answer.status().as_u16();
    let headers = answer.headers().clone();
    let bytes = answer.bytes().await.unwrap_or_default();
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = StatusCode::from_u16(status).unwrap();
    for (name, value) in &headers {
        if name != "content-length" && name != "transfer-encoding" {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_str().as_bytes()),
                HeaderValue::from_bytes(value.as_bytes()),
            ) {
                response.headers_mut().append(name, value);
            }
        }
    }
    response
}
