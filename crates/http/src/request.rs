//! Building and sending one request: rate limit, attempt, classify, retry.
//!
//! The retry rules, in one place:
//! - the connection could not be made (refused, connect timeout): the server
//!   never saw the request, so any method is tried again;
//! - 429, or 503 with `Retry-After`: the server refused before doing any
//!   work, so any method waits as told (up to `max_retry_after`) and tries again;
//! - a timeout, a broken connection, 500/502/504, or a body that is cut short
//!   or not JSON: the server may have done the work, so only idempotent
//!   requests (GET, PUT, DELETE, and POSTs marked idempotent such as
//!   searches) are tried again. A POST that creates something is never
//!   blindly repeated: the caller gets the error and heals through its marker.
//! - DNS failures, untrusted certificates, 4xx: trying again cannot help.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use kakehashi_secrets::Sensitive;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::auth::{Auth, Authenticator};
use crate::body::{Body, Multipart};
use crate::client::HttpClient;
use crate::error::{ErrorKind, HttpError};
use crate::excerpt::excerpt;
use crate::response::{Response, StreamingResponse};
use crate::retry::retry_after;
use crate::status::status_error;
pub(crate) use crate::transport::classify_transport;

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

/// What one attempt came to.
enum Attempt<T> {
    Done(T),
    Retry {
        error: HttpError,
        wait: Option<Duration>,
    },
    Fail(HttpError),
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
        self.run(Ok).await
    }

    /// Sends and decodes the answer as JSON; a body that is not the promised
    /// JSON is retried like a broken connection.
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T, HttpError> {
        self.run(|response| response.json::<T>()).await
    }

    /// Sends and hands back the body as a stream (downloads). Retries happen
    /// only until the headers arrive.
    pub async fn send_streaming(self) -> Result<StreamingResponse, HttpError> {
        if let Some(invalid) = self.invalid.clone() {
            return Err(invalid);
        }
        let policy = self.client.inner.endpoint.retry;
        let mut auth = self.authenticator.auth().await?;
        let mut renewed = false;
        let mut attempt = 1;
        loop {
            let outcome = match self.attempt(&auth).await {
                Err(failure) => failure.into_attempt(),
                Ok(response) if self.is_success(response.status()) => {
                    Attempt::Done(StreamingResponse { inner: response })
                }
                Ok(response) => self.failed_status(response, &auth).await,
            };
            if self.renew_on_401(&outcome, &mut auth, &mut renewed).await? {
                continue;
            }
            match self.next_step(outcome, attempt, &policy).await {
                Ok(Some(done)) => return Ok(done),
                Ok(None) => attempt += 1,
                Err(error) => return Err(error),
            }
        }
    }

    async fn run<T>(
        self,
        finish: impl Fn(Response) -> Result<T, HttpError>,
    ) -> Result<T, HttpError> {
        if let Some(invalid) = self.invalid.clone() {
            return Err(invalid);
        }
        let policy = self.client.inner.endpoint.retry;
        let mut auth = self.authenticator.auth().await?;
        let mut renewed = false;
        let mut attempt = 1;
        loop {
            let outcome = match self.attempt(&auth).await {
                Err(failure) => failure.into_attempt(),
                Ok(response) if self.is_success(response.status()) => {
                    match self.buffer(response, &auth).await {
                        Ok(buffered) => match finish(buffered) {
                            Ok(value) => Attempt::Done(value),
                            Err(error) => self.retry_if_idempotent(error),
                        },
                        Err(error) => self.retry_if_idempotent(error),
                    }
                }
                Ok(response) => self.failed_status(response, &auth).await,
            };
            if self.renew_on_401(&outcome, &mut auth, &mut renewed).await? {
                continue;
            }
            match self.next_step(outcome, attempt, &policy).await {
                Ok(Some(done)) => return Ok(done),
                Ok(None) => attempt += 1,
                Err(error) => return Err(error),
            }
        }
    }

    /// On the first 401, asks the authenticator for a fresh auth (a new
    /// session, a refreshed OAuth token); `true` means send again with it.
    /// That resend does not count as a retry: the server did no work.
    async fn renew_on_401<T>(
        &self,
        outcome: &Attempt<T>,
        auth: &mut Auth,
        renewed: &mut bool,
    ) -> Result<bool, HttpError> {
        let unauthorized = matches!(
            outcome,
            Attempt::Fail(HttpError {
                kind: ErrorKind::Unauthorized,
                ..
            })
        );
        if !unauthorized || *renewed {
            return Ok(false);
        }
        *renewed = true;
        match self.authenticator.renew(auth).await? {
            Some(fresh) => {
                *auth = fresh;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Returns the value, `None` to try again (after waiting), or the error.
    async fn next_step<T>(
        &self,
        outcome: Attempt<T>,
        attempt: u32,
        policy: &crate::retry::RetryPolicy,
    ) -> Result<Option<T>, HttpError> {
        match outcome {
            Attempt::Done(value) => Ok(Some(value)),
            Attempt::Fail(error) => Err(error),
            Attempt::Retry { error, wait } => {
                if attempt >= policy.max_attempts {
                    return Err(error);
                }
                let delay = match wait {
                    Some(wait) if wait > policy.max_retry_after => return Err(error),
                    Some(wait) => wait,
                    None => policy.backoff(attempt),
                };
                tracing::info!(
                    method = %self.method,
                    path = %self.path,
                    attempt,
                    delay_ms = delay.as_millis() as u64,
                    code = error.code(),
                    "retrying: {}",
                    error.message
                );
                tokio::time::sleep(delay).await;
                Ok(None)
            }
        }
    }

    /// One attempt, after the rate limiter's turn.
    async fn attempt(&self, auth: &Auth) -> Result<reqwest::Response, Failure> {
        let inner = &self.client.inner;
        let url = inner.endpoint.api_url(&self.path).map_err(Failure::fatal)?;
        let mut request = inner
            .client
            .request(self.method.clone(), url)
            .headers(self.headers.clone())
            .timeout(self.timeout.unwrap_or(inner.endpoint.timeouts.request));
        if !self.query.is_empty() {
            request = request.query(&self.query);
        }
        if let Some((name, value)) = auth.to_header().map_err(Failure::fatal)? {
            request = request.header(name, value);
        }
        request = match &self.body {
            Body::Empty => request,
            Body::Bytes {
                content_type,
                bytes,
            } => request
                .header(CONTENT_TYPE, content_type)
                .body(bytes.clone()),
            Body::Multipart(form) => {
                request.multipart(form.to_form().await.map_err(Failure::fatal)?)
            }
        };
        inner.limiter.acquire().await;
        let started = Instant::now();
        match request.send().await {
            Ok(response) => {
                inner
                    .limiter
                    .observe(response.status(), response.headers())
                    .await;
                tracing::debug!(
                    method = %self.method,
                    path = %self.path,
                    status = response.status().as_u16(),
                    ms = started.elapsed().as_millis() as u64,
                    "answered"
                );
                Ok(response)
            }
            Err(err) => {
                let error = classify_transport(&err, Some(&inner.trust));
                // Only a failure to connect proves the server never saw it.
                let retry = match error.kind {
                    ErrorKind::Refused => true,
                    ErrorKind::Timeout => err.is_connect() || self.idempotent,
                    ErrorKind::ConnectionLost => self.idempotent,
                    _ => false,
                };
                Err(Failure { error, retry })
            }
        }
    }

    fn is_success(&self, status: StatusCode) -> bool {
        status.is_success() || self.accepted.contains(&status)
    }

    fn what(&self) -> String {
        let url = self
            .client
            .inner
            .endpoint
            .api_url(&self.path)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| self.path.clone());
        format!("{} {}", self.method, url)
    }

    fn secrets(auth: &Auth) -> Vec<Sensitive<String>> {
        auth.secrets()
            .into_iter()
            .map(|s| Sensitive::new(s.to_owned()))
            .collect()
    }

    async fn buffer(
        &self,
        response: reqwest::Response,
        auth: &Auth,
    ) -> Result<Response, HttpError> {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|err| classify_transport(&err, None))?;
        Ok(Response {
            status,
            headers,
            body,
            what: self.what(),
            secrets: Self::secrets(auth),
        })
    }

    /// A status outside 2xx: the error, and whether trying again can help.
    async fn failed_status<T>(&self, response: reqwest::Response, auth: &Auth) -> Attempt<T> {
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.unwrap_or_default();
        let secrets = auth.secrets();
        let quoted = excerpt(&body, &secrets);
        let inner = &self.client.inner;
        let error = status_error(
            &self.what(),
            status,
            &headers,
            &body,
            &quoted,
            inner.decoder.as_ref(),
        );
        let wait = retry_after(&headers);
        match status {
            StatusCode::TOO_MANY_REQUESTS => Attempt::Retry { error, wait },
            StatusCode::SERVICE_UNAVAILABLE if wait.is_some() => Attempt::Retry { error, wait },
            StatusCode::INTERNAL_SERVER_ERROR
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT => self.retry_if_idempotent(error),
            _ => Attempt::Fail(error),
        }
    }

    fn retry_if_idempotent<T>(&self, error: HttpError) -> Attempt<T> {
        if self.idempotent {
            Attempt::Retry { error, wait: None }
        } else {
            Attempt::Fail(error)
        }
    }
}

/// A transport failure, and whether trying again is safe and useful.
struct Failure {
    error: HttpError,
    retry: bool,
}

impl Failure {
    fn fatal(error: HttpError) -> Self {
        Failure {
            error,
            retry: false,
        }
    }

    fn into_attempt<T>(self) -> Attempt<T> {
        if self.retry {
            Attempt::Retry {
                error: self.error,
                wait: None,
            }
        } else {
            Attempt::Fail(self.error)
        }
    }
}
