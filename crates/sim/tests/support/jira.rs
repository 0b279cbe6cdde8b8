//! Helpers for the Jira simulator tests: start a site, call it as one of the
//! seeded people, read JSON answers.

#![allow(dead_code)] // each test binary uses a different part

use base64::Engine;
use kakehashi_sim::people::{people, Person};
use kakehashi_sim::{start, RunningSim, Seed, SimKind, SimOptions};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::Value;

pub struct Site {
    pub sim: RunningSim,
    pub kind: SimKind,
    pub seed: Seed,
    pub http: reqwest::Client,
}

/// How a request proves who it is.
#[derive(Debug, Clone)]
pub enum Auth {
    /// The person's own secret: API token on Cloud, password on Data Center.
    Secret(String),
    Basic(String, String),
    Bearer(String),
    None,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl Site {
    pub async fn start(kind: SimKind, seed: Seed) -> Site {
        let sim = start(
            kind,
            &SimOptions {
                seed,
                ..Default::default()
            },
            0,
        )
        .await
        .expect("simulator starts");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Site {
            sim,
            kind,
            seed,
            http,
        }
    }

    pub async fn cloud() -> Site {
        Site::start(SimKind::JiraCloud, Seed::Demo).await
    }

    pub async fn dc() -> Site {
        Site::start(SimKind::JiraDataCenter, Seed::Demo).await
    }

    pub fn api(&self) -> &'static str {
        match self.kind {
            SimKind::JiraCloud => "/rest/api/3",
            _ => "/rest/api/2",
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sim.url())
    }

    pub fn person(&self, login: &str) -> Person {
        people(self.seed)
            .into_iter()
            .find(|p| p.login == login)
            .unwrap_or_else(|| panic!("no person {login}"))
    }

    /// The user name a request signs in with: email on Cloud, login on DC.
    pub fn user_name(&self, login: &str) -> String {
        let person = self.person(login);
        match self.kind {
            SimKind::JiraCloud => person.email,
            _ => person.login,
        }
    }

    pub fn as_person(&self, login: &str) -> Auth {
        Auth::Basic(self.user_name(login), self.person(login).secret(self.kind))
    }

    pub fn request(&self, auth: &Auth, method: Method, path: &str) -> RequestBuilder {
        let builder = self.http.request(method, self.url(path));
        match auth {
            Auth::Secret(login) => {
                let auth = self.as_person(login);
                self.with_auth(builder, &auth)
            }
            other => self.with_auth(builder, other),
        }
    }

    fn with_auth(&self, builder: RequestBuilder, auth: &Auth) -> RequestBuilder {
        match auth {
            Auth::Basic(user, secret) => builder.basic_auth(user, Some(secret)),
            Auth::Bearer(token) => builder.bearer_auth(token),
            Auth::None | Auth::Secret(_) => builder,
        }
    }

    pub async fn send(&self, builder: RequestBuilder) -> Answer {
        let response = builder.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body").to_vec();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            bytes,
        }
    }

    pub async fn call(
        &self,
        login: &str,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Answer {
        let mut builder = self.request(&Auth::Secret(login.to_owned()), method, path);
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        self.send(builder).await
    }

    pub async fn get(&self, login: &str, path: &str) -> Answer {
        self.call(login, Method::GET, path, None).await
    }

    pub async fn post(&self, login: &str, path: &str, body: Value) -> Answer {
        self.call(login, Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, login: &str, path: &str, body: Value) -> Answer {
        self.call(login, Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, login: &str, path: &str) -> Answer {
        self.call(login, Method::DELETE, path, None).await
    }

    /// POSTs to a `/__sim/...` control route.
    pub async fn control(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(self.url(path))
            .json(&body)
            .send()
            .await
            .expect("control call");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.expect("control JSON")
    }

    /// Lets `ms` milliseconds pass on the simulator's clock.
    pub async fn advance_clock(&self, ms: i64) {
        let path = format!("/__sim/{}/clock", self.kind.as_str());
        self.control(&path, serde_json::json!({ "advanceMs": ms }))
            .await;
    }

    /// A rich-text value in this flavour's dialect (ADF on Cloud, text on DC).
    pub fn text(&self, text: &str) -> Value {
        match self.kind {
            SimKind::JiraCloud => serde_json::json!({
                "type": "doc", "version": 1,
                "content": [{ "type": "paragraph", "content": [{ "type": "text", "text": text }] }]
            }),
            _ => Value::String(text.to_owned()),
        }
    }

    /// The plain text of a rich-text value in either dialect.
    pub fn plain(value: &Value) -> String {
        match value {
            Value::String(text) => text.clone(),
            Value::Object(_) => {
                let mut out = String::new();
                collect_text(value, &mut out);
                out
            }
            _ => String::new(),
        }
    }

    /// A user reference for request bodies: accountId on Cloud, name on DC.
    pub async fn user_ref(&self, login: &str) -> Value {
        let me = self.get(login, &format!("{}/myself", self.api())).await;
        match self.kind {
            SimKind::JiraCloud => serde_json::json!({ "accountId": me.body["accountId"] }),
            _ => serde_json::json!({ "name": me.body["name"] }),
        }
    }

    /// Creates a Task in `project` and returns its key.
    pub async fn create_issue(&self, login: &str, project: &str, summary: &str) -> String {
        let answer = self
            .post(
                login,
                &format!("{}/issue", self.api()),
                serde_json::json!({ "fields": {
                    "project": { "key": project },
                    "issuetype": { "name": "Task" },
                    "summary": summary,
                }}),
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
        answer.body["key"].as_str().expect("key").to_owned()
    }
}

fn collect_text(node: &Value, out: &mut String) {
    if let Some(text) = node.get("text").and_then(Value::as_str) {
        out.push_str(text);
    }
    if let Some(children) = node.get("content").and_then(Value::as_array) {
        for child in children {
            collect_text(child, out);
        }
    }
}

pub fn basic_header(user: &str, secret: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{secret}"))
    )
}
