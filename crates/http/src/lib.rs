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

mod auth;
mod body;
mod client;
mod decoder;
mod endpoint;
mod error;
mod excerpt;
mod proxy;
mod rate_limit;
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
