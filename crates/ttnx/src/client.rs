//! [`TtnxClient`]: one per TimeTracker NX server and credential, over the
//! shared transport. Every request goes to `api/...` under the site URL
//! (`https://host/TimeTrackerNX/api/...`).

use std::sync::Arc;

use kakehashi_http::{
    Auth, Authenticator, Endpoint, ErrorKind, HttpClient, HttpError, Method, RatePolicy,
    RequestBuilder,
};
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{Credentials, TokenSession, API_KEY_HEADER};
use crate::errors::TtnxErrorDecoder;
use crate::model::{join, ProjectId};

/// Ids per `{ids}` read: keeps URLs short however many the caller asks for.
const IDS_PER_READ: usize = 100;

/// The endpoint of a TT NX site with the vendor's requested pace: at most
/// 1,500 calls a minute, about 100 ms apart. `base_url` includes the site,
/// e.g. `https://tt.example.co.jp/TimeTrackerNX`.
pub fn endpoint(base_url: &str) -> Result<Endpoint, HttpError> {
    Ok(Endpoint::new(base_url)?.with_rate(RatePolicy::timetracker_nx()))
}

/// A TimeTracker NX client. Cheap to clone; clones share the connection
/// pool, the rate limiter and the signed-in session.
#[derive(Clone)]
pub struct TtnxClient {
    http: HttpClient,
    auth: Arc<dyn Authenticator>,
    session: Option<Arc<TokenSession>>,
    kind: &'static str,
}

impl std::fmt::Debug for TtnxClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TtnxClient")
            .field("http", &self.http)
            .field("credentials", &self.kind)
            .field("session", &self.session)
            .finish()
    }
}

impl TtnxClient {
    /// A client for the server at `endpoint` (see [`endpoint`]) signing in
    /// with `credentials`. Nothing is sent yet: a token sign-in happens on
    /// the first request.
    pub fn new(endpoint: Endpoint, credentials: Credentials) -> Result<Self, HttpError> {
        credentials.check()?;
        let http = HttpClient::new(endpoint, TtnxErrorDecoder)?;
        let kind = credentials.kind();
        let (auth, session): (Arc<dyn Authenticator>, _) = match credentials {
            Credentials::ApiKey(key) => (
                Arc::new(Auth::Header {
                    name: API_KEY_HEADER,
                    value: key,
                }),
                None,
            ),
            Credentials::Basic { login, password } => (
                Arc::new(Auth::Basic {
                    user: login,
                    password,
                }),
                None,
            ),
            Credentials::Token { login, password } => {
                let session = Arc::new(TokenSession::new(http.clone(), login, password));
                (session.clone(), Some(session))
            }
        };
        Ok(TtnxClient {
            http,
            auth,
            session,
            kind,
        })
    }

    /// The transport, for requests this crate does not wrap.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// The authenticator every request of this client uses.
    pub fn authenticator(&self) -> Arc<dyn Authenticator> {
        self.auth.clone()
    }

    /// Ends a token session on the server; nothing to do for an API key or Basic.
    pub async fn logout(&self) -> Result<(), HttpError> {
        match &self.session {
            Some(session) => session.logout().await,
            None => Ok(()),
        }
    }

    /// The project's page in the TT NX web UI, on the base URL users know.
    pub fn project_link(&self, project: &ProjectId) -> Result<Url, HttpError> {
        self.http.link(&format!("#project/{project}"))
    }

    /// A signed-in request to `api/{path}`.
    pub(crate) fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, &format!("api/{}", path.trim_start_matches('/')))
            .authenticator(self.auth.clone())
    }

    /// A signed-in GET.
    pub(crate) fn get(&self, path: &str) -> RequestBuilder {
        self.request(Method::GET, path)
    }

    /// A signed-in POST (not repeated after a lost answer unless marked).
    pub(crate) fn post(&self, path: &str) -> RequestBuilder {
        self.request(Method::POST, path)
    }

    /// A signed-in PUT.
    pub(crate) fn put(&self, path: &str) -> RequestBuilder {
        self.request(Method::PUT, path)
    }

    /// A signed-in DELETE.
    pub(crate) fn delete(&self, path: &str) -> RequestBuilder {
        self.request(Method::DELETE, path)
    }

    /// Reads `{ids}` lists in chunks: `request` gets the comma-separated ids
    /// of one chunk. Like the API, only "none of them exists" is `NotFound`.
    pub(crate) async fn read_by_ids<I, T>(
        &self,
        ids: &[I],
        request: impl Fn(&str) -> RequestBuilder,
    ) -> Result<Vec<T>, HttpError>
    where
        I: std::fmt::Display,
        T: DeserializeOwned,
    {
        let mut found = Vec::with_capacity(ids.len());
        let mut missing = None;
        for chunk in ids.chunks(IDS_PER_READ) {
            match request(&join(chunk)).send_json::<Vec<T>>().await {
                Ok(items) => found.extend(items),
                Err(err) if err.kind == ErrorKind::NotFound => missing = Some(err),
                Err(err) => return Err(err),
            }
        }
        match missing {
            Some(err) if found.is_empty() => Err(err),
            _ => Ok(found),
        }
    }
}
