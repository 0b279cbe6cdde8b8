//! One client per server; clones share the connection pool and the rate
//! limiter, so every request to a server counts against the same budget.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use reqwest::Method;
use url::Url;

use crate::decoder::ErrorDecoder;
use crate::endpoint::Endpoint;
use crate::error::HttpError;
use crate::rate_limit::RateLimiter;
use crate::redirect::{self, Credential};
use crate::request::RequestBuilder;
use crate::tls::TrustVerifier;

#[derive(Clone)]
pub struct HttpClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) endpoint: Endpoint,
    /// For requests whose credential reqwest drops on a redirect to
    /// another origin (`Authorization`) or that carry none.
    pub(crate) client: reqwest::Client,
    /// For a credential in a vendor header (`X-TT-ApiKey`), which reqwest
    /// would send on: it follows redirects within the origin only.
    pub(crate) strict: reqwest::Client,
    pub(crate) limiter: RateLimiter,
    pub(crate) trust: Arc<TrustVerifier>,
    pub(crate) decoder: Arc<dyn ErrorDecoder>,
    /// The proxy requests go through, as the system said when the client
    /// was made (reqwest reads it then, too).
    pub(crate) proxy: Option<String>,
    /// Requests sent to the server (every attempt, retries included): what
    /// a sync run reports per server.
    pub(crate) sent: AtomicU64,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("endpoint", &self.inner.endpoint)
            .field("proxy", &self.inner.proxy)
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    pub fn new(endpoint: Endpoint, decoder: impl ErrorDecoder) -> Result<Self, HttpError> {
        let trust = TrustVerifier::new(&endpoint.tls)?;
        let client = build(&endpoint, &trust, redirect::policy(Credential::Dropped))?;
        let strict = build(&endpoint, &trust, redirect::policy(Credential::Kept))?;
        let proxy = endpoint.proxy.describe(endpoint.connect_url());
        Ok(HttpClient {
            inner: Arc::new(Inner {
                proxy,
                limiter: RateLimiter::new(endpoint.rate),
                endpoint,
                client,
                strict,
                trust,
                decoder: Arc::new(decoder),
                sent: AtomicU64::new(0),
            }),
        })
    }

    /// How many requests this client (and its clones) has sent so far,
    /// every attempt counted.
    pub fn requests_sent(&self) -> u64 {
        self.inner.sent.load(Ordering::Relaxed)
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    /// The proxy requests to this server go through (credentials never
    /// shown), or `None` when they connect directly: "Proxy in use".
    pub fn proxy(&self) -> Option<&str> {
        self.inner.proxy.as_deref()
    }

    /// A link for users, on the base URL (never the alternative one).
    pub fn link(&self, path: &str) -> Result<Url, HttpError> {
        self.inner.endpoint.link(path)
    }

    /// A request to `path`, relative to the server's URL (its context path kept).
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        RequestBuilder::new(self.clone(), method, path)
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.request(Method::GET, path)
    }

    /// A POST, not retried after it may have reached the server unless marked
    /// [`RequestBuilder::idempotent`] (searches, bulk reads).
    pub fn post(&self, path: &str) -> RequestBuilder {
        self.request(Method::POST, path)
    }

    pub fn put(&self, path: &str) -> RequestBuilder {
        self.request(Method::PUT, path)
    }

    pub fn delete(&self, path: &str) -> RequestBuilder {
        self.request(Method::DELETE, path)
    }
}

/// One reqwest client over the shared trust verifier, proxy and timeouts.
fn build(
    endpoint: &Endpoint,
    trust: &Arc<TrustVerifier>,
    redirects: reqwest::redirect::Policy,
) -> Result<reqwest::Client, HttpError> {
    let builder = reqwest::Client::builder()
        .tls_backend_preconfigured(trust.client_config())
        .connect_timeout(endpoint.timeouts.connect)
        .redirect(redirects)
        .user_agent(concat!("Kakehashi/", env!("CARGO_PKG_VERSION")));
    endpoint.proxy.apply(builder)?.build().map_err(|err| {
        HttpError::invalid_input(
            "proxy",
            format!("The HTTP client could not be set up: {err}. Check the proxy settings."),
        )
    })
}
