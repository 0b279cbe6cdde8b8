//! The client: one per Jira server, cheap to clone.
//!
//! [`JiraClient::connect`] asks the server anonymously what it is
//! (`rest/api/2/serverInfo`, which Cloud answers too) and chooses the REST
//! version from the answer: v3 on Cloud, v2 on Data Center. Every request
//! then goes through the shared transport with the credential's
//! authenticator; a 401 from a credential of the wrong kind for the server
//! says so.

use std::sync::Arc;

use futures_util::stream::{BoxStream, StreamExt};
use kakehashi_http::{
    Auth, Authenticator, Endpoint, ErrorKind, HttpClient, HttpError, Method, RequestBuilder,
    Response,
};
use serde::de::DeserializeOwned;
use url::Url;

use crate::paging::{offset_pages, Page};

use crate::auth::{CredentialKind, Credentials};
use crate::errors::JiraDecoder;
use crate::model::server::{Deployment, ServerInfo};

/// How searches page. Cloud pages one after another (each page names the
/// next), so for fields it reads ids first and fetches the details in bulk,
/// several requests at a time; Data Center pages by offset, so the pages
/// after the first are fetched `dc_concurrency` at a time. Order is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchTuning {
    /// Issues per Cloud page (Cloud allows at most 100 with fields).
    pub cloud_page_size: u32,
    /// Issues per Data Center page (`jira.search.views.default.max`,
    /// 1,000 by default, caps it).
    pub dc_page_size: u32,
    /// Data Center pages in flight at once; 1 pages sequentially.
    pub dc_concurrency: usize,
    /// Cloud searches that ask for more than ids: the ids come in pages of
    /// 5,000 and the details by `issue/bulkfetch` (100 a request), this
    /// many requests in flight, order kept. 0 pages the fields themselves,
    /// 100 a page, one page after another.
    pub cloud_bulk_concurrency: usize,
}

impl Default for SearchTuning {
    fn default() -> Self {
        SearchTuning {
            cloud_page_size: 100,
            dc_page_size: 250,
            // Measured against the simulator with 20 ms latency (benches/
            // search.rs): 6 in flight takes 10,000 issues in a quarter of the
            // sequential time; 4 left too little margin on a busy machine.
            dc_concurrency: 6,
            // The same measurement for Cloud: 100 sequential pages of fields
            // cost 1.19 × pages × latency; ids then 6 bulk fetches in flight
            // cost a fraction of it.
            cloud_bulk_concurrency: 6,
        }
    }
}

/// A Jira Cloud or Data Center server, signed in.
#[derive(Clone)]
pub struct JiraClient {
    pub(crate) http: HttpClient,
    server: Arc<ServerInfo>,
    deployment: Deployment,
    credential_kind: CredentialKind,
    authenticator: Arc<dyn Authenticator>,
    pub(crate) tuning: SearchTuning,
}

impl std::fmt::Debug for JiraClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JiraClient")
            .field("endpoint", self.http.endpoint())
            .field("deployment", &self.deployment)
            .field("version", &self.server.version)
            .field("credential", &self.credential_kind)
            .finish_non_exhaustive()
    }
}

impl JiraClient {
    /// Connects to the server at `endpoint`: reads `serverInfo` to learn
    /// whether it is Cloud or Data Center, then signs requests with
    /// `credentials`. Nothing is sent with the credential yet; call
    /// [`JiraClient::myself`] to check it.
    pub async fn connect(endpoint: Endpoint, credentials: Credentials) -> Result<Self, HttpError> {
        let http = HttpClient::new(endpoint, JiraDecoder)?;
        let authenticator = credentials.authenticator(&http);
        let server = server_info(&http, Some(authenticator.clone())).await?;
        Ok(Self::assemble(http, server, &credentials, authenticator))
    }

    /// A client for a server whose `serverInfo` is already known (read
    /// earlier and stored), without asking again.
    pub fn with_server_info(
        endpoint: Endpoint,
        credentials: Credentials,
        server: ServerInfo,
    ) -> Result<Self, HttpError> {
        let http = HttpClient::new(endpoint, JiraDecoder)?;
        let authenticator = credentials.authenticator(&http);
        Ok(Self::assemble(http, server, &credentials, authenticator))
    }

    fn assemble(
        http: HttpClient,
        server: ServerInfo,
        credentials: &Credentials,
        authenticator: Arc<dyn Authenticator>,
    ) -> Self {
        let deployment = server.deployment();
        if !credentials.fits(deployment) {
            tracing::warn!(
                deployment = deployment.product_name(),
                credential = ?credentials.kind(),
                "the credential is of a kind this server does not accept"
            );
        }
        JiraClient {
            http,
            server: Arc::new(server),
            deployment,
            credential_kind: credentials.kind(),
            authenticator,
            tuning: SearchTuning::default(),
        }
    }

    /// The same client with other search paging settings.
    pub fn with_search_tuning(mut self, tuning: SearchTuning) -> Self {
        self.tuning = tuning;
        self
    }

    /// How searches page now.
    pub fn search_tuning(&self) -> SearchTuning {
        self.tuning
    }

    /// Cloud or Data Center, as `serverInfo` said.
    pub fn deployment(&self) -> Deployment {
        self.deployment
    }

    /// What `serverInfo` said (version, version numbers, title).
    pub fn server_info(&self) -> &ServerInfo {
        &self.server
    }

    /// The kind of credential requests are signed with.
    pub fn credential_kind(&self) -> CredentialKind {
        self.credential_kind
    }

    /// Whether the credential is of a kind this server accepts at all.
    pub fn credential_fits(&self) -> bool {
        self.credential_kind.deployment() == self.deployment
    }

    /// The transport (for the rare request this crate does not wrap).
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// The link users open for an issue, on the base URL.
    pub fn browse_link(&self, key: &str) -> Result<Url, HttpError> {
        self.http.link(&format!("browse/{}", segment(key)))
    }

    /// `rest/api/3/<tail>` on Cloud, `rest/api/2/<tail>` on Data Center.
    pub(crate) fn api(&self, tail: &str) -> String {
        format!("{}/{}", self.deployment.api_root(), tail)
    }

    /// A signed request to a path relative to the server URL.
    pub(crate) fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, path)
            .authenticator(self.authenticator.clone())
    }

    /// A signed request to the platform REST API (`tail` after `rest/api/N/`).
    pub(crate) fn api_request(&self, method: Method, tail: &str) -> RequestBuilder {
        self.request(method, &self.api(tail))
    }

    /// Every item of an offset-paged GET list at `path` (relative to the
    /// server URL), `page_size` at a time, with extra query `params`;
    /// `page` reads one answer (`P`) at `start` into a [`Page`].
    pub(crate) fn paged<P, T>(
        &self,
        path: String,
        page_size: usize,
        params: Vec<(&'static str, String)>,
        page: fn(P, usize) -> Page<T>,
    ) -> BoxStream<'static, Result<T, HttpError>>
    where
        P: DeserializeOwned + Send + Sync + 'static,
        T: Send + Sync + 'static,
    {
        let client = self.clone();
        offset_pages(move |start| {
            let mut request = client
                .request(Method::GET, &path)
                .query("startAt", start)
                .query("maxResults", page_size);
            for (name, value) in &params {
                request = request.query(name, value);
            }
            let client = client.clone();
            async move { Ok(page(client.fetch::<P>(request).await?, start)) }
        })
        .boxed()
    }

    /// Sends and decodes JSON, explaining a 401 where the credential's kind
    /// cannot work on this server.
    pub(crate) async fn fetch<T: DeserializeOwned>(
        &self,
        request: RequestBuilder,
    ) -> Result<T, HttpError> {
        request.send_json().await.map_err(|e| self.explain(e))
    }

    /// Sends, for answers without a body worth decoding (204s).
    pub(crate) async fn send(&self, request: RequestBuilder) -> Result<Response, HttpError> {
        request.send().await.map_err(|e| self.explain(e))
    }

    /// Adds to a 401 what a wrong kind of credential means here.
    pub(crate) fn explain(&self, mut error: HttpError) -> HttpError {
        if error.kind != ErrorKind::Unauthorized || self.credential_fits() {
            return error;
        }
        let accepts = match self.deployment {
            Deployment::Cloud => "an Atlassian account email with an API token",
            Deployment::DataCenter => {
                "a user name with its password, a personal access token or an OAuth 2.0 authorization"
            }
        };
        error.message.push_str(&format!(
            " This server is {}, which accepts {accepts}; {} does not work there.",
            self.deployment.product_name(),
            self.credential_kind.describe(),
        ));
        error
    }
}

/// Reads `serverInfo` anonymously; a site that refuses anonymous access is
/// asked again with the credential.
pub(crate) async fn server_info(
    http: &HttpClient,
    authenticator: Option<Arc<dyn Authenticator>>,
) -> Result<ServerInfo, HttpError> {
    let anonymous = http
        .get("rest/api/2/serverInfo")
        .auth(&Auth::None)
        .send_json::<ServerInfo>()
        .await;
    let answer = match (anonymous, authenticator) {
        (Err(err), Some(authenticator))
            if matches!(
                err.kind,
                ErrorKind::Unauthorized | ErrorKind::Forbidden { .. }
            ) =>
        {
            http.get("rest/api/2/serverInfo")
                .authenticator(authenticator)
                .send_json::<ServerInfo>()
                .await
        }
        (other, _) => other,
    };
    let not_jira = |what: &str| {
        format!(
            "{} does not answer like a Jira server ({what}). Check the address: it is the one you open Jira with in a browser, including any context path such as /jira.",
            http.endpoint().base_url()
        )
    };
    match answer {
        Ok(info) if info.version.is_some() || info.deployment_type.is_some() => Ok(info),
        Ok(_) => Err(HttpError::new(
            ErrorKind::Malformed {
                excerpt: "serverInfo without version or deploymentType".into(),
            },
            not_jira("its serverInfo names no version"),
        )),
        Err(err) if err.kind == ErrorKind::NotFound => Err(HttpError::new(
            ErrorKind::NotFound,
            not_jira("there is no rest/api/2/serverInfo"),
        )
        .with_status(404)),
        Err(HttpError {
            kind: ErrorKind::Malformed { excerpt },
            status,
            ..
        }) => {
            let mut error = HttpError::new(
                ErrorKind::Malformed {
                    excerpt: excerpt.clone(),
                },
                format!(
                    "{} It began: {excerpt}",
                    not_jira("its answer is not Jira's JSON")
                ),
            );
            error.status = status;
            Err(error)
        }
        Err(err) => Err(err),
    }
}

/// Percent-encodes a path segment (issue keys, property keys, user names).
pub(crate) fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(segment("WEB-12"), "WEB-12");
        assert_eq!(segment("kakehashi.sync/marker"), "kakehashi.sync%2Fmarker");
        assert_eq!(segment("a b"), "a%20b");
        assert_eq!(segment("課題"), "%E8%AA%B2%E9%A1%8C");
    }
}
