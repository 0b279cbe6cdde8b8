//! Test support: start a Jira simulator (Cloud or Data Center), build a
//! client for it with short timeouts and fast retries, drive the
//! simulator's control panel, and put a recording proxy in between when a
//! test needs to see the exact bytes the client sent.

#![allow(dead_code)]

pub mod proxy;

use std::sync::Arc;
use std::time::Duration;

use kakehashi_http::oauth::{MemoryTokenStore, OAuthRefresher, TokenEndpoint, TokenSet};
use kakehashi_http::HttpClient;
use kakehashi_http::{Endpoint, HttpError, RatePolicy, RetryPolicy, Timeouts};
use kakehashi_jira::model::issue::CreatedIssue;
use kakehashi_jira::{dc_oauth_client, Credentials, Deployment, JiraClient, JiraDecoder, NewIssue};
use kakehashi_secrets::Sensitive;
use kakehashi_sim::jira::{demo_client_secret, DEMO_CLIENT_ID, DEMO_REDIRECT_URI};
use kakehashi_sim::{start, Behaviour, FaultKind, RunningSim, Seed, SimKind, SimOptions};
use serde_json::{json, Value};

/// Both flavours, for tests that must hold on each.
pub const BOTH: [SimKind; 2] = [SimKind::JiraCloud, SimKind::JiraDataCenter];

/// A running simulator and a client signed in as its service account.
pub struct Site {
    pub sim: RunningSim,
    pub client: JiraClient,
}

impl Site {
    pub async fn start(kind: SimKind) -> Site {
        Site::with_behaviour(kind, Behaviour::default()).await
    }

    pub async fn with_behaviour(kind: SimKind, behaviour: Behaviour) -> Site {
        let options = SimOptions {
            seed: Seed::Demo,
            behaviour,
        };
        let sim = start(kind, &options, 0)
            .await
            .expect("the simulator starts");
        let client = JiraClient::connect(endpoint(sim.url()), service_credentials(&sim))
            .await
            .expect("the client connects");
        Site { sim, client }
    }

    pub fn kind(&self) -> SimKind {
        self.sim.kind()
    }

    pub fn deployment(&self) -> Deployment {
        deployment_of(self.kind())
    }

    /// A demo project of this flavour (Cloud: WEB; Data Center: SYS).
    pub fn project(&self) -> &'static str {
        match self.kind() {
            SimKind::JiraCloud => "WEB",
            _ => "SYS",
        }
    }

    /// The other demo project of this flavour.
    pub fn other_project(&self) -> &'static str {
        match self.kind() {
            SimKind::JiraCloud => "MOB",
            _ => "OPS",
        }
    }

    /// Creates a Task with `summary` in [`Site::project`].
    pub async fn new_issue(&self, summary: &str) -> CreatedIssue {
        self.client
            .create_issue(&NewIssue::new(self.project(), "Task", summary))
            .await
            .expect("the issue is created")
    }

    /// A client signed in as another demo person.
    pub async fn client_as(&self, login: &str) -> JiraClient {
        JiraClient::connect(
            endpoint(self.sim.url()),
            person_credentials(&self.sim, login),
        )
        .await
        .expect("the client connects")
    }

    /// Changes the simulator's behaviour (`PUT /__sim/config`).
    pub async fn configure(&self, patch: Value) {
        admin(&self.sim, reqwest::Method::PUT, "config", Some(patch)).await;
    }

    /// Every request from now on gets `fault`.
    pub async fn always(&self, fault: FaultKind) {
        self.configure(
            json!({ "faultRate": 1.0, "faultKinds": [fault.as_str()], "timeoutMs": 300 }),
        )
        .await;
    }

    /// Faults off again.
    pub async fn calm(&self) {
        self.configure(json!({ "faultRate": 0.0, "faultKinds": [] }))
            .await;
    }

    /// `/__sim/stats`.
    pub async fn stats(&self) -> Value {
        admin(&self.sim, reqwest::Method::GET, "stats", None).await
    }

    /// How many requests reached `endpoint` (e.g. `"POST /rest/api/3/issue"`).
    pub async fn count(&self, endpoint: &str) -> u64 {
        self.stats().await["byEndpoint"][endpoint]
            .as_u64()
            .unwrap_or(0)
    }

    /// A `POST /__sim/...` control call.
    pub async fn control(&self, path: &str, body: Value) -> Value {
        admin(&self.sim, reqwest::Method::POST, path, Some(body)).await
    }

    /// The platform API root on this flavour, with a leading slash.
    pub fn api(&self) -> &'static str {
        match self.kind() {
            SimKind::JiraCloud => "/rest/api/3",
            _ => "/rest/api/2",
        }
    }

    pub async fn stop(self) {
        self.sim.stop().await;
    }
}

pub fn deployment_of(kind: SimKind) -> Deployment {
    match kind {
        SimKind::JiraCloud => Deployment::Cloud,
        _ => Deployment::DataCenter,
    }
}

/// Short timeouts, fast retries, no client-side rate limit: tests are fast
/// and the simulator's own faults are what is exercised.
pub fn endpoint(url: &str) -> Endpoint {
    Endpoint::new(url)
        .expect("a URL")
        .with_timeouts(Timeouts {
            connect: Duration::from_secs(2),
            request: Duration::from_secs(1),
        })
        .with_retry(RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(40),
            max_retry_after: Duration::from_secs(3),
        })
        .with_rate(RatePolicy::unlimited())
}

/// The service account's credential of the simulator's kind.
pub fn service_credentials(sim: &RunningSim) -> Credentials {
    match sim.kind() {
        SimKind::JiraCloud => Credentials::cloud_api_token(sim.login(), sim.secret()),
        _ => Credentials::dc_password(sim.login(), sim.secret()),
    }
}

/// A demo person's credential (`sim-<kind>-<login>`).
pub fn person_credentials(sim: &RunningSim, login: &str) -> Credentials {
    match sim.kind() {
        SimKind::JiraCloud => Credentials::cloud_api_token(
            format!("{login}@example.co.jp"),
            format!("sim-jira-cloud-{login}"),
        ),
        _ => Credentials::dc_password(login, format!("sim-jira-dc-{login}")),
    }
}

async fn admin(
    sim: &RunningSim,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let mut request = reqwest::Client::new().request(method, format!("{}/{path}", sim.admin_url()));
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.expect("the control panel answers");
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.expect("control answers are JSON")
}

/// Signs the service account in through the Data Center simulator's OAuth
/// 2.0 consent page (Allow) and exchanges the code for tokens.
pub async fn oauth_tokens(sim: &RunningSim) -> TokenSet {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let decided = http
        .post(format!("{}/rest/oauth2/latest/authorize", sim.url()))
        .form(&[
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", DEMO_REDIRECT_URI),
            ("response_type", "code"),
            ("scope", "READ WRITE"),
            ("state", "test"),
            ("decision", "allow"),
        ])
        .send()
        .await
        .unwrap();
    let location = decided
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("the consent redirects")
        .to_owned();
    let code = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("a code");
    let secret = demo_client_secret();
    let tokens: Value = http
        .post(format!("{}/rest/oauth2/latest/token", sim.url()))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", DEMO_REDIRECT_URI),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", secret.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    TokenSet {
        access_token: Sensitive::new(tokens["access_token"].as_str().unwrap().to_owned()),
        refresh_token: Some(Sensitive::new(
            tokens["refresh_token"].as_str().unwrap().to_owned(),
        )),
        expires_at: None,
        scope: tokens["scope"].as_str().map(str::to_owned),
    }
}

/// OAuth credentials for the Data Center simulator whose tokens live in
/// the returned store.
pub async fn oauth_credentials(sim: &RunningSim) -> (Credentials, Arc<MemoryTokenStore>) {
    let store = Arc::new(MemoryTokenStore::new(oauth_tokens(sim).await));
    (
        Credentials::dc_oauth(demo_oauth_client(), store.clone()),
        store,
    )
}

/// The simulator's demo OAuth client, with its secret.
pub fn demo_oauth_client() -> kakehashi_http::oauth::OAuthClient {
    dc_oauth_client(DEMO_CLIENT_ID, Some(Sensitive::new(demo_client_secret())))
}

/// A refresher for the demo OAuth client over a store holding `tokens`,
/// on a transport of its own.
pub fn refresher(
    sim: &RunningSim,
    tokens: TokenSet,
) -> (Arc<OAuthRefresher>, Arc<MemoryTokenStore>) {
    let store = Arc::new(MemoryTokenStore::new(tokens));
    let http = HttpClient::new(endpoint(sim.url()), JiraDecoder).unwrap();
    let refresher =
        OAuthRefresher::new(TokenEndpoint::new(http, demo_oauth_client()), store.clone());
    (Arc::new(refresher), store)
}

/// The code a call failed with (DESIGN §6); panics if it succeeded.
pub fn code<T: std::fmt::Debug>(result: Result<T, HttpError>) -> &'static str {
    result.expect_err("the call must fail").code()
}

/// A marker value unique to this test run.
pub fn marker(label: &str) -> Value {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    json!({ "link": format!("test:{label}:{nanos}") })
}
