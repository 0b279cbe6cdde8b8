//! Test support: an Asana simulator, clients for it, its control panel, and
//! a tiny canned HTTP server for what the simulator cannot produce.

#![allow(dead_code)] // each test file uses a different part

pub mod canned;

use std::time::Duration;

use futures_util::TryStreamExt;
use kakehashi_asana::model::{CustomField, Project, Task};
use kakehashi_asana::{collect, AsanaClient, Credentials, ListOptions};
use kakehashi_http::{Endpoint, HttpClient, PlainDecoder, RetryPolicy, Timeouts};
use kakehashi_sim::people::{people, Role};
use kakehashi_sim::{start, Behaviour, RunningSim, Seed, SimKind, SimOptions};
use serde_json::Value;

/// The retry policy of every test client: fast, four attempts.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(100),
        max_retry_after: Duration::from_secs(5),
    }
}

/// A running Asana simulator with the demo seed.
pub struct Asana {
    pub sim: RunningSim,
    admin: HttpClient,
}

impl Asana {
    pub async fn start() -> Asana {
        Asana::with(Behaviour::default()).await
    }

    pub async fn with(behaviour: Behaviour) -> Asana {
        let options = SimOptions {
            seed: Seed::Demo,
            behaviour,
        };
        let sim = start(SimKind::Asana, &options, 0).await.unwrap();
        let admin =
            HttpClient::new(Endpoint::new(&sim.admin_url()).unwrap(), PlainDecoder).unwrap();
        Asana { sim, admin }
    }

    /// `app.asana.com` as users know it, reached through the simulator as
    /// the alternative URL.
    pub fn endpoint(&self) -> Endpoint {
        AsanaClient::default_endpoint()
            .unwrap()
            .with_alt_url(Some(self.sim.url()))
            .unwrap()
            .with_retry(fast_retry())
            .with_timeouts(Timeouts {
                connect: Duration::from_secs(1),
                request: Duration::from_secs(1),
            })
    }

    /// The service account's client (an admin, signed in with its PAT).
    pub fn client(&self) -> AsanaClient {
        self.client_with(Credentials::pat(self.sim.secret()))
    }

    pub fn client_with(&self, credentials: Credentials) -> AsanaClient {
        self.client_with_endpoint(self.endpoint(), credentials)
    }

    pub fn client_with_endpoint(
        &self,
        endpoint: Endpoint,
        credentials: Credentials,
    ) -> AsanaClient {
        AsanaClient::new(endpoint, credentials).unwrap()
    }

    /// The client of the first person with `role`.
    pub fn client_of(&self, role: Role) -> AsanaClient {
        let person = people(Seed::Demo)
            .into_iter()
            .find(|p| p.role == role)
            .unwrap();
        self.client_with(Credentials::pat(person.secret(SimKind::Asana)))
    }

    /// Changes the simulator's behaviour (`PUT /__sim/config`).
    pub async fn configure(&self, patch: Value) {
        self.admin.put("config").json(&patch).send().await.unwrap();
    }

    /// Data back to the seed and counters to zero (behaviour kept).
    pub async fn reset(&self) {
        self.admin.post("reset").send().await.unwrap();
    }

    /// A control route such as `asana/events/expire`.
    pub async fn control(&self, path: &str) -> Value {
        self.admin.post(path).send_json().await.unwrap()
    }

    pub async fn stats(&self) -> Value {
        self.admin.get("stats").send_json().await.unwrap()
    }

    /// Requests that reached `endpoint` (e.g. `GET /api/1.0/users/me`).
    pub async fn count(&self, endpoint: &str) -> u64 {
        self.stats().await["byEndpoint"][endpoint]
            .as_u64()
            .unwrap_or(0)
    }

    pub async fn stop(self) {
        self.sim.stop().await;
    }
}

/// The demo workspace's GID.
pub async fn workspace(client: &AsanaClient) -> String {
    let me = client.me().await.unwrap();
    me.workspaces[0].gid.clone()
}

/// The project whose name starts with `prefix`.
pub async fn project(client: &AsanaClient, prefix: &str) -> Project {
    let workspace = workspace(client).await;
    let projects: Vec<Project> = client
        .projects(&workspace, &ListOptions::default())
        .try_collect()
        .await
        .unwrap();
    projects
        .into_iter()
        .find(|p| p.name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no project {prefix}"))
}

/// The custom field of `project` whose name starts with `prefix`.
pub async fn field(client: &AsanaClient, project: &Project, prefix: &str) -> CustomField {
    let full = client.project(&project.gid).await.unwrap();
    full.custom_field_settings
        .into_iter()
        .map(|s| s.custom_field)
        .find(|f| f.name.starts_with(prefix))
        .unwrap_or_else(|| panic!("no field {prefix}"))
}

/// Allows the demo OAuth app on the consent page as `login` and returns the
/// code of the redirect. Posted by hand: the redirect goes to a callback
/// nobody listens on, so no client that follows redirects may send it.
pub async fn consent_code(asana: &Asana, login: &str) -> String {
    use kakehashi_sim::asana::{DEMO_CLIENT_ID, DEMO_REDIRECT_URI};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", DEMO_CLIENT_ID)
        .append_pair("redirect_uri", DEMO_REDIRECT_URI)
        .append_pair("response_type", "code")
        .append_pair("state", "test")
        .append_pair("user", login)
        .append_pair("decision", "allow")
        .finish();
    let addr = asana.sim.addr();
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!(
        "POST /-/oauth_authorize HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    let location = answer
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("no redirect: {answer}"));
    let url = url::Url::parse(&location).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("no code in {location}"))
}

/// The project whose name starts with `prefix`, and all its tasks.
pub async fn project_tasks(client: &AsanaClient, prefix: &str) -> (Project, Vec<Task>) {
    let project = project(client, prefix).await;
    let tasks = collect(client.tasks(&project.gid, None, &ListOptions::default()))
        .await
        .unwrap();
    (project, tasks)
}
