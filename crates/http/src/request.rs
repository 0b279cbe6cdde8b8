//! Building one request. Sending it (rate limit, attempt, classify, retry)
//! is in `request/send.rs`.

mod send;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::auth::{Auth, Authenticator};
use crate::body::{Body, Multipart};
use crate::client::HttpClient;
use crate::error::HttpError;
use crate::response::{Response, StreamingResponse};
use send::Finish;

#[must_use = "a request does nothing until it is sent"]
#[derive(Clone)]
pub struct RequestBuilder {
    client: HttpClient,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    authenticator: Arc<dyn Authenticator>,
    body: Body,
    idempotent: bool,
    accepted: Vec<StatusCode>,
    timeout: Option<Duration>,
    /// A problem found while building (bad header, unserialisable body),
    /// reported by `send` so the builder chain stays simple.
    invalid: Option<HttpError>,
}

impl RequestBuilder {
    pub(crate) fn new(client: HttpClient, method: Method, path: &str) -> Self {
        let idempotent = !matches!(method, Method::POST | Method::PATCH);
        RequestBuilder {
            client,
            method,
            path: path.to_owned(),
            query: Vec::new(),
            headers: HeaderMap::new(),
            authenticator: Arc::new(Auth::None),
            body: Body::Empty,
            idempotent,
            accepted: Vec::new(),
            timeout: None,
            invalid: None,
        }
    }

    pub fn query(mut self, name: &str, value: impl ToString) -> Self {
        self.query.push((name.to_owned(), value.to_string()));
        self
    }

    /// Adds the parameter only when there is a value.
    pub fn query_opt(self, name: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(value) => self.query(name, value),
            None => self,
        }
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        match HeaderValue::from_str(value) {
            Ok(value) => {
                self.headers.insert(HeaderName::from_static(name), value);
            }
            Err(_) => {
                self.invalid = Some(HttpError::invalid_input(
                    name,
                    format!("The value for the {name} header cannot be sent."),
                ))
            }
        }
        self
    }

    /// A fixed credential.
    pub fn auth(mut self, auth: &Auth) -> Self {
        self.authenticator = Arc::new(auth.clone());
        self
    }

    /// A credential that can be renewed once on 401 (session or OAuth token).
    pub fn authenticator(mut self, authenticator: Arc<dyn Authenticator>) -> Self {
        self.authenticator = authenticator;
        self
    }

    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.body = Body::Bytes {
                    content_type: "application/json".into(),
                    bytes: Bytes::from(bytes),
                }
            }
            Err(err) => {
                self.invalid = Some(HttpError::invalid_input(
                    "body",
                    format!("The request body could not be written as JSON: {err}."),
                ))
            }
        }
        self
    }

    pub fn body(mut self, content_type: &str, bytes: impl Into<Bytes>) -> Self {
        self.body = Body::Bytes {
            content_type: content_type.to_owned(),
            bytes: bytes.into(),
        };
        self
    }

    pub fn multipart(mut self, form: Multipart) -> Self {
        self.body = Body::Multipart(form);
        self
    }

    /// Marks a POST as safe to repeat (a search, a bulk read), or a PUT as
    /// not safe.
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// Returns answers with this status as `Ok` instead of an error, for
    /// statuses the caller handles itself (Asana's 412 with a fresh sync token).
    pub fn accept_status(mut self, status: StatusCode) -> Self {
        self.accepted.push(status);
        self
    }

    /// Overrides the endpoint's per-attempt timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends and reads the whole answer; a status outside 2xx (and not
    /// accepted) is an error.
    pub async fn send(self) -> Result<Response, HttpError> {
        self.run(Finish::Buffered(Ok)).await
    }

    /// Sends and decodes the answer as JSON; a body that is not the promised
    /// JSON is retried like a broken connection (idempotent requests only).
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T, HttpError> {
        self.run(Finish::Buffered(|response| response.json::<T>()))
            .await
    }

    /// Sends and hands back the body as a stream (downloads). Retries happen
    /// only until the headers arrive.
    pub async fn send_streaming(self) -> Result<StreamingResponse, HttpError> {
        self.run(Finish::Streaming(|inner| StreamingResponse { inner }))
            .await
    }
}
