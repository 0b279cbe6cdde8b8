//! Starts the TimeTracker NX simulator and builds clients against it, signed
//! in as any demo person with any of the three credential kinds; plus the
//! simulator's control routes (behaviour, stats, server settings).
#![allow(dead_code)] // each test file uses a different part

use std::time::Duration;

use futures_util::TryStreamExt;
use kakehashi_http::{Endpoint, HttpClient, PlainDecoder, RatePolicy, RetryPolicy, Timeouts};
use kakehashi_sim::people::{people, Person};
use kakehashi_sim::{start, Behaviour, RunningSim, Seed, SimKind, SimOptions};
use kakehashi_ttnx::model::{ItemTypeId, Project, ProjectId, UserId, WorkItem, WorkItemId};
use kakehashi_ttnx::projects::ProjectSearch;
use kakehashi_ttnx::{Credentials, TtnxClient};
use serde_json::{json, Value};

/// Logins of the demo seed by role.
pub const ADMIN: &str = "kakehashi-sync";
pub const MEMBER: &str = "suzuki.ichiro";
pub const VIEWER: &str = "kobayashi.aoi";

/// How a test signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ApiKey,
    Basic,
    Token,
}

pub struct Sim {
    pub sim: RunningSim,
    admin: HttpClient,
}

/// Small timeouts and fast retries, no client-side pacing: tests stay quick
/// and the simulator's `timeout` fault (300 ms) ends well within a request.
pub fn fast_endpoint(url: &str) -> Endpoint {
    Endpoint::new(url)
        .unwrap()
        .with_rate(RatePolicy::unlimited())
        .with_timeouts(Timeouts {
            connect: Duration::from_secs(2),
            request: Duration::from_secs(2),
        })
        .with_retry(RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(2),
        })
}

impl Sim {
    /// The demo seed, behaving well.
    pub async fn start() -> Self {
        Self::with(Behaviour::default()).await
    }

    /// The demo seed with `behaviour` from the first request on.
    pub async fn with(behaviour: Behaviour) -> Self {
        let sim = start(
            SimKind::Ttnx,
            &SimOptions {
                seed: Seed::Demo,
                behaviour,
            },
            0,
        )
        .await
        .expect("simulator starts");
        let admin =
            HttpClient::new(Endpoint::new(&sim.admin_url()).unwrap(), PlainDecoder).unwrap();
        Sim { sim, admin }
    }

    pub fn person(&self, login: &str) -> Person {
        people(Seed::Demo)
            .into_iter()
            .find(|person| person.login == login)
            .unwrap_or_else(|| panic!("no demo person {login}"))
    }

    /// The TT NX user id of a demo person (users are numbered like people).
    pub fn user_id(&self, login: &str) -> UserId {
        UserId::new(self.person(login).number.to_string())
    }

    pub fn credentials(&self, login: &str, kind: Kind) -> Credentials {
        let person = self.person(login);
        match kind {
            Kind::ApiKey => Credentials::api_key(kakehashi_sim::ttnx::api_key(&person)),
            Kind::Basic => Credentials::basic(login, kakehashi_sim::ttnx::password(&person)),
            Kind::Token => Credentials::token(login, kakehashi_sim::ttnx::password(&person)),
        }
    }

    /// A client of `login` with the test endpoint.
    pub fn client_as(&self, login: &str, kind: Kind) -> TtnxClient {
        TtnxClient::new(fast_endpoint(self.sim.url()), self.credentials(login, kind)).unwrap()
    }

    /// The service account (an administrator) with its API key.
    pub fn client(&self) -> TtnxClient {
        self.client_as(ADMIN, Kind::ApiKey)
    }

    /// `PUT /__sim/config`: changes the simulator's behaviour.
    pub async fn config(&self, patch: Value) {
        self.admin.put("config").json(&patch).send().await.unwrap();
    }

    /// Faults off again.
    pub async fn behave(&self) {
        self.config(json!({ "faultRate": 0.0, "rateLimitPerMinute": null }))
            .await;
    }

    /// `GET /__sim/stats`.
    pub async fn stats(&self) -> Value {
        self.admin.get("stats").send_json().await.unwrap()
    }

    /// How often `endpoint` (e.g. `POST /TimeTrackerNX/api/auth/token`) was called.
    pub async fn calls(&self, endpoint: &str) -> u64 {
        self.stats().await["byEndpoint"][endpoint]
            .as_u64()
            .unwrap_or(0)
    }

    /// How many faults of `kind` were injected.
    pub async fn faults(&self, kind: &str) -> u64 {
        self.stats().await["faults"][kind].as_u64().unwrap_or(0)
    }

    /// `GET|PUT /__sim/ttnx/settings`: the server's own settings.
    pub async fn settings(&self, patch: Option<Value>) -> Value {
        match patch {
            Some(patch) => self
                .admin
                .put("ttnx/settings")
                .json(&patch)
                .send_json()
                .await
                .unwrap(),
            None => self.admin.get("ttnx/settings").send_json().await.unwrap(),
        }
    }

    /// `GET /__sim/ttnx/users`: every user with id and login.
    pub async fn users(&self) -> Vec<Value> {
        self.admin.get("ttnx/users").send_json().await.unwrap()
    }

    pub async fn stop(self) {
        self.sim.stop().await;
    }
}

/// The demo project with this code, with its members.
pub async fn project_by_code(client: &TtnxClient, code: &str) -> Project {
    let found: Vec<Project> = client
        .search_projects(&ProjectSearch {
            code: Some(code.into()),
            ..ProjectSearch::default()
        })
        .try_collect()
        .await
        .unwrap();
    let id = found
        .iter()
        .find(|p| p.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no project {code}"))
        .id
        .clone();
    client.project(&id).await.unwrap()
}

/// The first item of the tree (depth first) with this name.
pub fn find_named<'a>(tree: &'a [WorkItem], name: &str) -> Option<&'a WorkItem> {
    tree.iter()
        .flat_map(WorkItem::walk)
        .find(|item| item.fields.name.as_deref() == Some(name))
}

/// The id of the item of the project's tree with this name.
pub async fn item_named(client: &TtnxClient, project: &ProjectId, name: &str) -> WorkItemId {
    let tree = client
        .tree(&project.clone().into(), &[], false)
        .await
        .unwrap();
    find_named(&tree, name)
        .and_then(WorkItem::id)
        .unwrap_or_else(|| panic!("no item {name}"))
        .clone()
}

/// The folder and task type ids of the server, looked up as a client must.
pub async fn folder_and_task(client: &TtnxClient) -> (ItemTypeId, ItemTypeId) {
    let types = client.item_types().await.unwrap();
    let named = |english: &str| {
        types
            .iter()
            .find(|t| t.english_name.as_deref() == Some(english))
            .unwrap_or_else(|| panic!("no item type {english}: {types:?}"))
            .id
            .clone()
    };
    (named("Folder"), named("Task"))
}
