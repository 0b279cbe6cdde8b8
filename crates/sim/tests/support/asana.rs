//! Helpers for the Asana simulator tests: a running simulator, a client that
//! does not follow redirects, and JSON requests with a bearer token.
#![allow(dead_code)]

use kakehashi_sim::people::{people, Person, Role};
use kakehashi_sim::{RunningSim, Seed, SimKind, SimOptions};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub struct Asana {
    pub sim: RunningSim,
    pub http: reqwest::Client,
    /// `http://127.0.0.1:PORT/api/1.0`
    pub api: String,
    /// The service account's personal access token.
    pub token: String,
    pub seed: Seed,
}

impl Asana {
    pub async fn start() -> Asana {
        Asana::start_with(Seed::Demo).await
    }

    pub async fn start_with(seed: Seed) -> Asana {
        let sim = kakehashi_sim::start(
            SimKind::Asana,
            &SimOptions {
                seed,
                ..Default::default()
            },
            0,
        )
        .await
        .expect("asana simulator starts");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let api = format!("{}/api/1.0", sim.url());
        let token = sim.secret().to_owned();
        Asana {
            sim,
            http,
            api,
            token,
            seed,
        }
    }

    /// The first person of the seed with this role.
    pub fn person(&self, role: Role) -> Person {
        people(self.seed)
            .into_iter()
            .skip(1)
            .find(|p| p.role == role)
            .expect("a person with that role")
    }

    pub fn token_of(&self, role: Role) -> String {
        self.person(role).secret(SimKind::Asana)
    }

    pub async fn call_as(
        &self,
        token: &str,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.api)
        };
        let mut request = self.http.request(method, url).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request reaches the simulator");
        let status = response.status();
        let text = response.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, json)
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        self.call_as(&self.token, method, path, body).await
    }

    pub async fn get(&self, path: &str) -> Value {
        let (status, body) = self.call(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }

    /// Follows `next_page` until it is null; returns every record.
    pub async fn all_pages(&self, first: &str) -> (Vec<Value>, usize) {
        let mut records = Vec::new();
        let mut pages = 0;
        let mut next = first.to_owned();
        loop {
            let body = self.get(&next).await;
            pages += 1;
            records.extend(
                body["data"]
                    .as_array()
                    .expect("data is a list")
                    .iter()
                    .cloned(),
            );
            match &body["next_page"] {
                Value::Null => return (records, pages),
                page => next = page["path"].as_str().expect("next_page.path").to_owned(),
            }
        }
    }

    pub async fn workspace(&self) -> String {
        self.get("/workspaces").await["data"][0]["gid"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The project whose name starts with `prefix`.
    pub async fn project(&self, prefix: &str) -> String {
        let body = self.get("/projects").await;
        let project = body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"].as_str().unwrap().starts_with(prefix));
        project.unwrap_or_else(|| panic!("no project {prefix}: {body}"))["gid"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The section of `project` whose name starts with `prefix`.
    pub async fn section(&self, project: &str, prefix: &str) -> String {
        let body = self.get(&format!("/projects/{project}/sections")).await;
        let section = body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"].as_str().unwrap().starts_with(prefix));
        section.unwrap_or_else(|| panic!("no section {prefix}: {body}"))["gid"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The custom field setting of `project` named `prefix`: (field gid, field).
    pub async fn field(&self, project: &str, prefix: &str) -> (String, Value) {
        let body = self
            .get(&format!("/projects/{project}/custom_field_settings"))
            .await;
        let setting = body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| {
                s["custom_field"]["name"]
                    .as_str()
                    .unwrap()
                    .starts_with(prefix)
            })
            .unwrap_or_else(|| panic!("no field {prefix}: {body}"));
        let field = setting["custom_field"].clone();
        (field["gid"].as_str().unwrap().to_owned(), field)
    }

    /// The first error message of an Asana error body.
    pub fn message(body: &Value) -> &str {
        body["errors"][0]["message"]
            .as_str()
            .unwrap_or_else(|| panic!("not an Asana error: {body}"))
    }
}
