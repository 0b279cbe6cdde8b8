//! Sending one request: rate limit, attempt, classify, retry.
//!
//! The retry rules, in one place:
//! - the connection could not be made (refused, connect timeout): the server
//!   never saw the request, so any method is tried again;
//! - 429, or 503 with `Retry-After`: the server refused before doing any
//!   work, so any method waits as told (up to `max_retry_after`) and tries
//!   again; a longer wait is not waited out, the caller gets `RateLimited`;
//! - a timeout, a broken connection, 500/502/503/504, or a body that is cut
//!   short or not JSON: the server may have done the work, so only idempotent
//!   requests (GET, PUT, DELETE, and POSTs marked idempotent such as
//!   searches) are tried again. A POST that creates something is never
//!   blindly repeated: the caller gets the error and heals through its marker.
//! - DNS failures, proxy failures, untrusted certificates, other 4xx: trying
//!   again cannot help.
//!
//! `max_attempts` counts every attempt the server may have seen; resending
//! once with a renewed credential after a 401 does not count, the server did
//! no work. Waits never add up: after a `Retry-After` the loop sleeps that
//! long, and the rate limiter, which was paused until the same moment, lets
//! the next attempt through at once.

use std::time::{Duration, Instant};

use kakehashi_secrets::Sensitive;
use reqwest::header::CONTENT_TYPE;
use reqwest::StatusCode;

use super::RequestBuilder;
use crate::auth::Auth;
use crate::body::Body;
use crate::error::{ErrorKind, HttpError};
use crate::response::Response;
use crate::retry::{retry_after, RetryPolicy};
use crate::status::{paused_error, status_error};
use crate::transport::classify_transport;

/// What a successful answer becomes.
pub(super) enum Finish<T> {
    /// Read the whole body, then turn it into `T`; a failure there (not the
    /// promised JSON) is retried like a broken connection.
    Buffered(fn(Response) -> Result<T, HttpError>),
    /// Hand the answer over with its body unread.
    Streaming(fn(reqwest::Response) -> T),
}

/// What one attempt came to.
enum Attempt<T> {
    Done(T),
    Retry {
        error: HttpError,
        /// What the server asked for (`Retry-After`); otherwise backoff.
        wait: Option<Duration>,
    },
    Fail(HttpError),
}

/// A failure below HTTP, and whether trying again is safe and useful.
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

impl RequestBuilder {
    pub(super) async fn run<T>(self, finish: Finish<T>) -> Result<T, HttpError> {
        if let Some(invalid) = self.invalid.clone() {
            return Err(invalid);
        }
        let policy = self.client.inner.endpoint.retry;
        let mut auth = self.authenticator.auth().await?;
        let mut renewed = false;
        let mut attempt = 1;
        loop {
            let outcome = match self.attempt(&auth, &policy).await {
                Err(failure) => failure.into_attempt(),
                Ok(response) if self.is_success(response.status()) => {
                    self.deliver(response, &auth, &finish).await
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

    /// A successful answer, read and turned into what the caller wants.
    async fn deliver<T>(
        &self,
        response: reqwest::Response,
        auth: &Auth,
        finish: &Finish<T>,
    ) -> Attempt<T> {
        let finished = match finish {
            Finish::Streaming(hand_over) => Ok(hand_over(response)),
            Finish::Buffered(decode) => match self.buffer(response, auth).await {
                Ok(buffered) => decode(buffered),
                Err(error) => Err(error),
            },
        };
        match finished {
            Ok(value) => Attempt::Done(value),
            Err(error) => self.retry_if_idempotent(error),
        }
    }

    /// On the first 401, asks the authenticator for a fresh auth (a new
    /// session, a refreshed OAuth token); `true` means send again with it.
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
        policy: &RetryPolicy,
    ) -> Result<Option<T>, HttpError> {
        let (error, wait) = match outcome {
            Attempt::Done(value) => return Ok(Some(value)),
            Attempt::Fail(error) => return Err(error),
            Attempt::Retry { error, wait } => (error, wait),
        };
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
            path = self.logged_path(),
            attempt,
            delay_ms = delay.as_millis() as u64,
            code = error.code(),
            "retrying: {}",
            error.message
        );
        tokio::time::sleep(delay).await;
        Ok(None)
    }

    /// One attempt, after the rate limiter's turn.
    async fn attempt(
        &self,
        auth: &Auth,
        policy: &RetryPolicy,
    ) -> Result<reqwest::Response, Failure> {
        let inner = &self.client.inner;
        let url = inner.endpoint.api_url(&self.path).map_err(Failure::fatal)?;
        // A vendor header would follow a redirect to another server.
        let client = match auth {
            Auth::Header { .. } => &inner.strict,
            _ => &inner.client,
        };
        let mut request = client
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
        if let Err(left) = inner.limiter.acquire(policy.max_retry_after).await {
            return Err(Failure::fatal(paused_error(&self.what(), left)));
        }
        let started = Instant::now();
        inner
            .sent
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match request.send().await {
            Ok(response) => {
                inner
                    .limiter
                    .observe(response.status(), response.headers())
                    .await;
                tracing::debug!(
                    method = %self.method,
                    path = self.logged_path(),
                    status = response.status().as_u16(),
                    ms = started.elapsed().as_millis() as u64,
                    "answered"
                );
                Ok(response)
            }
            Err(err) => {
                let error = classify_transport(&err, Some(&inner.trust), inner.proxy.as_deref());
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

    /// The path for log lines, without a query a caller may have put in it.
    fn logged_path(&self) -> &str {
        self.path.split('?').next().unwrap_or_default()
    }

    /// `METHOD url` for messages, without the query string.
    fn what(&self) -> String {
        let url = match self.client.inner.endpoint.api_url(&self.path) {
            Ok(mut url) => {
                url.set_query(None);
                url.to_string()
            }
            Err(_) => self.path.clone(),
        };
        format!("{} {}", self.method, url)
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
            .map_err(|err| classify_transport(&err, None, self.client.inner.proxy.as_deref()))?;
        Ok(Response {
            status,
            headers,
            body,
            what: self.what(),
            secrets: auth.secrets().into_iter().map(Sensitive::new).collect(),
        })
    }

    /// A status outside 2xx: the error, and whether trying again can help.
    async fn failed_status<T>(&self, response: reqwest::Response, auth: &Auth) -> Attempt<T> {
        let status = response.status();
        let headers = response.headers().clone();
        let body = error_body(response).await;
        let secrets = auth.secrets();
        let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
        let error = status_error(
            &self.what(),
            status,
            &headers,
            &body,
            &secrets,
            self.client.inner.decoder.as_ref(),
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

/// An error answer's body, enough of it to find the server's words: a
/// proxy's or a crashed server's page can be large, and is never needed whole.
async fn error_body(mut response: reqwest::Response) -> Vec<u8> {
    const ENOUGH: usize = 64 * 1024;
    let mut body = Vec::new();
    while body.len() < ENOUGH {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            // A broken error answer is still the error the status says.
            Ok(None) | Err(_) => break,
        }
    }
    body
}
