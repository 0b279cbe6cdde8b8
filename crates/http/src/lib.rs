//! The one HTTP transport under every vendor client (DESIGN §2–§3).
//!
//! A [`HttpClient`] is made once per server from an [`Endpoint`]: the URL users
//! see, the alternative URL this machine connects to, the trust decisions
//! (extra CA, pinned fingerprint), the proxy, timeouts, the retry policy and
//! the rate limit. Every vendor crate (`jira`, `ttnx`, `asana`) builds its
//! requests through it, so trust, retries, rate limits and the error taxonomy
//! behave the same for every server.
//!
//! Nothing here knows a vendor: the vendor crates plug in an
//! [`ErrorDecoder`] that reads their error bodies.
//!
//! Where things are:
//! - `endpoint.rs` one server's settings; `client.rs` the shared client;
//! - `request.rs` building a request; `request/send.rs` sending it: the
//!   rate limiter's turn, one attempt, the retry rules (top comment there),
//!   renewing a credential once on 401;
//! - `status.rs` (HTTP statuses) and `transport.rs` (DNS, TCP, proxy, TLS,
//!   timeouts) turn failures into [`HttpError`]s of `error.rs`, quoting
//!   bodies through `excerpt.rs`, which scrubs secrets;
//! - `tls.rs` the trust verifier; `proxy.rs` proxy settings and
//!   [`ProxySettings::describe`] ("Proxy in use"); `rate_limit.rs` the
//!   per-server limiter; `retry.rs` backoff and `Retry-After`;
//!   `redirect.rs` which redirects are followed (a credential never leaves
//!   the server's origin);
//! - `auth.rs` credentials and [`Authenticator`]; `body.rs` resendable
//!   bodies; `response.rs` answers;
//! - [`oauth`] OAuth 2.0 tokens, their store, code exchange, refresh
//!   (rotation included) and revocation, for every provider.
//!
//! Secrets never reach a message or a log line: messages name the method and
//! the URL without its query, excerpts are scrubbed of the request's own
//! credential (also in its Basic-encoded form), and `Debug` output of
//! credentials and proxy addresses is redacted.

mod auth;
mod body;
mod client;
mod decoder;
mod endpoint;
mod error;
mod excerpt;
pub mod oauth;
mod proxy;
mod rate_limit;
mod redirect;
mod request;
mod response;
mod retry;
mod status;
mod tls;
mod transport;

pub use auth::{Auth, Authenticator};
pub use body::Multipart;
pub use client::HttpClient;
pub use decoder::{ErrorDecoder, PlainDecoder};
pub use endpoint::{Endpoint, Timeouts};
pub use error::{ErrorKind, HttpError};
pub use futures_util::future::BoxFuture;
pub use proxy::ProxySettings;
pub use rate_limit::RatePolicy;
pub use request::RequestBuilder;
pub use response::{Response, StreamingResponse};
pub use retry::RetryPolicy;
pub use tls::{CertificateInfo, Fingerprint, TlsSettings};

pub use reqwest::header;
pub use reqwest::{Method, StatusCode};
