//! The Asana client: one per Asana server (in practice `app.asana.com`), on
//! the shared transport, with the credential it signs every request with.

use std::sync::Arc;

use kakehashi_http::{Authenticator, Endpoint, HttpClient, HttpError, Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::auth::Credentials;
use crate::errors::AsanaDecoder;

/// The Asana every customer uses; self-hosted Asana does not exist.
pub const ASANA_URL: &str = "https://app.asana.com";

/// Where the REST API lives below the server's URL.
const API: &str = "api/1.0/";

/// A client for one Asana server. Clones share the connection pool, the
/// rate limiter and the credential (so one OAuth refresh serves them all).
#[derive(Clone)]
pub struct AsanaClient {
    pub(crate) http: HttpClient,
    auth: Arc<dyn Authenticator>,
    credential_kind: &'static str,
}

impl std::fmt::Debug for AsanaClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsanaClient")
            .field("http", &self.http)
            .field("credentials", &self.credential_kind)
            .finish()
    }
}

/// `{"data": ...}`: every Asana answer and request body.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Data<T> {
    pub data: T,
}

impl AsanaClient {
    /// The endpoint of `app.asana.com` with the transport's defaults: Asana
    /// throttles with 429 and `Retry-After`, so the rate policy adapts.
    pub fn default_endpoint() -> Result<Endpoint, HttpError> {
        Ok(Endpoint::new(ASANA_URL)?.with_rate(kakehashi_http::RatePolicy::adaptive()))
    }

    /// A client for `endpoint` that signs in with `credentials`.
    pub fn new(endpoint: Endpoint, credentials: Credentials) -> Result<Self, HttpError> {
        let http = HttpClient::new(endpoint, AsanaDecoder)?;
        let credential_kind = credentials.kind();
        let auth = credentials.into_authenticator(&http);
        Ok(AsanaClient {
            http,
            auth,
            credential_kind,
        })
    }

    /// The transport, for callers that need the endpoint or a user link.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// A signed request to `path` below `/api/1.0/` (e.g. `users/me`).
    pub(crate) fn api(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, &format!("{API}{}", path.trim_start_matches('/')))
            .authenticator(self.auth.clone())
    }

    /// GETs one record from its `{"data": ...}` envelope.
    pub(crate) async fn get_data<T: DeserializeOwned>(
        &self,
        path: &str,
        opt_fields: Option<&str>,
    ) -> Result<T, HttpError> {
        let envelope: Data<T> = self
            .api(Method::GET, path)
            .query_opt("opt_fields", opt_fields)
            .send_json()
            .await?;
        Ok(envelope.data)
    }

    /// Sends `body` wrapped in `{"data": ...}` and reads the record back.
    pub(crate) async fn write_data<B: Serialize, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
        opt_fields: &str,
    ) -> Result<T, HttpError> {
        let envelope: Data<T> = self
            .api(method, path)
            .query("opt_fields", opt_fields)
            .json(&Data { data: body })
            .send_json()
            .await?;
        Ok(envelope.data)
    }

    /// DELETEs a record. A 404 means it is already gone — also what a retry
    /// sees after the first attempt's answer was lost — so it is reported,
    /// not raised.
    pub(crate) async fn delete_record(&self, path: &str) -> Result<Deletion, HttpError> {
        match self.api(Method::DELETE, path).send().await {
            Ok(_) => Ok(Deletion::Deleted),
            Err(error) if error.kind == kakehashi_http::ErrorKind::NotFound => {
                Ok(Deletion::AlreadyGone)
            }
            Err(error) => Err(error),
        }
    }
}

/// `gid` if it is an Asana GID (digits only), so that nothing a caller
/// passes can change the path of a request.
pub(crate) fn checked_gid<'a>(what: &str, gid: &'a str) -> Result<&'a str, HttpError> {
    if !gid.is_empty() && gid.bytes().all(|b| b.is_ascii_digit()) {
        Ok(gid)
    } else {
        Err(HttpError::invalid_input(
            what,
            format!("“{gid}” is not an Asana {what} ID (a number such as 1208000000000001)."),
        ))
    }
}

/// What a delete found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deletion {
    /// This call deleted it.
    Deleted,
    /// It did not exist (any more): deleted earlier, by someone else, or by
    /// an attempt of this call whose answer was lost.
    AlreadyGone,
}
