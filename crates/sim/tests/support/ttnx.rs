//! A small HTTP client for the TimeTracker NX simulator tests: starts the
//! real server and talks to `/TimeTrackerNX/api/...` as a chosen person.
#![allow(dead_code)] // each test file uses a different part

use kakehashi_sim::people::{people, Person};
use kakehashi_sim::{start, RunningSim, Seed, SimKind, SimOptions};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub struct Ttnx {
    pub sim: RunningSim,
    pub http: reqwest::Client,
    pub seed: Seed,
}

/// How a request authenticates.
#[derive(Debug, Clone)]
pub enum Auth {
    ApiKey(String),
    Bearer(String),
    Basic(String, String),
    None,
}

impl Ttnx {
    pub async fn demo() -> Self {
        Self::start(Seed::Demo).await
    }

    pub async fn start(seed: Seed) -> Self {
        let sim = start(
            SimKind::Ttnx,
            &SimOptions {
                seed,
                ..Default::default()
            },
            0,
        )
        .await
        .expect("simulator starts");
        Self {
            sim,
            http: reqwest::Client::new(),
            seed,
        }
    }

    pub fn person(&self, login: &str) -> Person {
        people(self.seed)
            .into_iter()
            .find(|p| p.login == login)
            .unwrap_or_else(|| panic!("no person {login}"))
    }

    /// The API-key auth of a person of the seed.
    pub fn key(&self, login: &str) -> Auth {
        Auth::ApiKey(kakehashi_sim::ttnx::api_key(&self.person(login)))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}/api{}", self.sim.url(), path)
    }

    pub async fn call(
        &self,
        method: Method,
        auth: &Auth,
        path: &str,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.http.request(method, self.url(path));
        request = match auth {
            Auth::ApiKey(key) => request.header("X-TT-ApiKey", key),
            Auth::Bearer(token) => request.bearer_auth(token),
            Auth::Basic(login, password) => request.basic_auth(login, Some(password)),
            Auth::None => request,
        };
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let text = response.text().await.expect("body read");
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    pub async fn get(&self, auth: &Auth, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, auth, path, None).await
    }

    pub async fn post(&self, auth: &Auth, path: &str, body: &Value) -> (StatusCode, Value) {
        self.call(Method::POST, auth, path, Some(body)).await
    }

    pub async fn put(&self, auth: &Auth, path: &str, body: &Value) -> (StatusCode, Value) {
        self.call(Method::PUT, auth, path, Some(body)).await
    }

    pub async fn delete(&self, auth: &Auth, path: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, auth, path, None).await
    }

    /// `PUT /__sim/ttnx/settings`.
    pub async fn settings(&self, patch: &Value) -> Value {
        let response = self
            .http
            .put(format!("{}/ttnx/settings", self.sim.admin_url()))
            .json(patch)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "settings {patch} refused: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    /// The id of the demo project with this code.
    pub async fn project_id(&self, code: &str) -> String {
        let (status, body) = self
            .get(
                &self.key("kakehashi-sync"),
                &format!("/project/projects?code={code}"),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["code"] == code)
            .expect("project by code")["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Every item of the tree under `id` (depth first), as `fields` objects.
    pub async fn tree_items(&self, auth: &Auth, id: &str, fields: &str) -> Vec<Value> {
        let (status, body) = self
            .get(
                auth,
                &format!("/workitem/workItems/{id}/subItems?fields={fields}"),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let mut out = Vec::new();
        flatten(&body, &mut out);
        out
    }
}

fn flatten(nodes: &Value, out: &mut Vec<Value>) {
    for node in nodes.as_array().into_iter().flatten() {
        out.push(node["fields"].clone());
        flatten(&node["subItems"], out);
    }
}

/// Asserts the vendor's error shape `[{"message": "..."}]` and returns the message.
pub fn message(body: &Value) -> String {
    let list = body
        .as_array()
        .unwrap_or_else(|| panic!("error body is not an array: {body}"));
    assert_eq!(list.len(), 1, "{body}");
    list[0]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no message: {body}"))
        .to_owned()
}
