//! Issue search, as a stream of issues in the order the JQL asks for.
//!
//! - Cloud: `POST rest/api/3/search/jql`, paged by the `nextPageToken`
//!   each page names (absent on the last), so pages come one after another.
//!   The JQL must be bounded (a restriction before any `ORDER BY`). Pages
//!   hold 5,000 issues when only ids are asked for but 100 with fields, so a
//!   search for fields reads the ids first and then the details through
//!   `POST rest/api/3/issue/bulkfetch` (100 a request, several in flight),
//!   as Atlassian advises; an issue deleted in between is left out.
//! - Data Center: `POST rest/api/2/search`, paged by `startAt` with a
//!   `total`: after the first page the others are fetched several at a time
//!   ([`SearchTuning::dc_concurrency`]), order kept.
//!
//! Both POSTs are reads, so they are marked idempotent and retried like a
//! GET. Offset paging can skip or repeat an issue that changes while the
//! pages are read; change searches overlap and de-duplicate anyway
//! (see [`crate::jql`]).
//!
//! [`SearchTuning::dc_concurrency`]: crate::SearchTuning

use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use kakehashi_http::{HttpError, Method};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::client::JiraClient;
use crate::model::issue::Issue;
use crate::model::server::Deployment;
use crate::paging::{parallel_offset_pages, OffsetPage};

/// Cloud's page limit when a search asks for ids and keys only.
const CLOUD_ID_ONLY_PAGE: u32 = 5000;
/// Cloud's `issue/bulkfetch` limit.
const CLOUD_BULK_FETCH: usize = 100;

/// What to search for and what to bring back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub jql: String,
    /// Fields to return; empty means ids and keys only, on both products.
    pub fields: Vec<String>,
    /// `expand=changelog`: each issue's change history.
    pub changelog: bool,
    /// Issue property keys to return with each issue (the sync marker).
    pub properties: Vec<String>,
}

impl SearchRequest {
    /// Whether only ids and keys are asked for (Cloud's 5,000-issue pages).
    fn ids_only(&self) -> bool {
        self.fields.is_empty() && !self.changelog && self.properties.is_empty()
    }

    /// A search for `jql`.
    pub fn new(jql: impl Into<String>) -> Self {
        SearchRequest {
            jql: jql.into(),
            fields: Vec::new(),
            changelog: false,
            properties: Vec::new(),
        }
    }

    /// Returns these fields (`summary`, `updated`, `*navigable`, ...).
    pub fn fields(mut self, fields: &[&str]) -> Self {
        self.fields = fields.iter().map(|f| (*f).to_owned()).collect();
        self
    }

    /// Returns each issue's changelog too.
    pub fn with_changelog(mut self) -> Self {
        self.changelog = true;
        self
    }

    /// Returns the issue property `key` with each issue.
    pub fn property(mut self, key: &str) -> Self {
        self.properties.push(key.to_owned());
        self
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CloudPage {
    #[serde(default)]
    issues: Vec<Issue>,
    #[serde(default)]
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
struct BulkFetched {
    #[serde(default)]
    issues: Vec<Issue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DcPage {
    #[serde(default)]
    max_results: usize,
    #[serde(default)]
    total: usize,
    #[serde(default)]
    issues: Vec<Issue>,
}

/// The body both products' search POSTs share; `changelog` is how this
/// product writes `expand=changelog`.
fn search_body(request: &SearchRequest, page_size: u32, changelog: Value) -> Value {
    let mut body = json!({ "jql": request.jql, "maxResults": page_size });
    add_details(&mut body, request, changelog);
    body
}

/// What to bring back with each issue. Fields are always named: Cloud's
/// search answers only ids without them (and `key` is wanted), while its
/// bulk fetch would answer every navigable field.
fn add_details(body: &mut Value, request: &SearchRequest, changelog: Value) {
    body["fields"] = if request.fields.is_empty() {
        json!(["key"])
    } else {
        json!(request.fields)
    };
    if request.changelog {
        body["expand"] = changelog;
    }
    if !request.properties.is_empty() {
        body["properties"] = json!(request.properties);
    }
}

impl JiraClient {
    /// Every issue `request` finds, page by page as the stream is read.
    pub fn search(&self, request: &SearchRequest) -> BoxStream<'static, Result<Issue, HttpError>> {
        let pages = match self.deployment() {
            Deployment::Cloud => self.cloud_pages(request),
            Deployment::DataCenter => self.dc_pages(request),
        };
        pages
            .map_ok(|issues| stream::iter(issues.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// Every issue `request` finds, collected.
    pub async fn search_all(&self, request: &SearchRequest) -> Result<Vec<Issue>, HttpError> {
        self.search(request).try_collect().await
    }

    fn cloud_pages(
        &self,
        request: &SearchRequest,
    ) -> BoxStream<'static, Result<Vec<Issue>, HttpError>> {
        let concurrency = self.tuning.cloud_bulk_concurrency;
        if request.ids_only() || concurrency == 0 {
            return self.cloud_search_pages(request);
        }
        // Ids first (5,000 a page), then the details 100 at a time.
        let client = self.clone();
        let details = request.clone();
        self.cloud_search_pages(&SearchRequest::new(request.jql.clone()))
            .map_ok(|page| {
                let chunks: Vec<Vec<String>> = page
                    .chunks(CLOUD_BULK_FETCH)
                    .map(|chunk| chunk.iter().map(|issue| issue.id.clone()).collect())
                    .collect();
                stream::iter(chunks.into_iter().map(Ok))
            })
            .try_flatten()
            .map_ok(move |ids| {
                let client = client.clone();
                let details = details.clone();
                async move { client.bulk_fetch(&ids, &details).await }
            })
            .try_buffered(concurrency)
            .boxed()
    }

    /// `ids`' issues with the fields `request` asks for, in the order of
    /// `ids` (bulkfetch answers in id order); ids gone meanwhile are left out.
    async fn bulk_fetch(
        &self,
        ids: &[String],
        request: &SearchRequest,
    ) -> Result<Vec<Issue>, HttpError> {
        let mut body = json!({ "issueIdsOrKeys": ids });
        add_details(&mut body, request, json!(["changelog"]));
        let fetched: BulkFetched = self
            .fetch(
                self.api_request(Method::POST, "issue/bulkfetch")
                    .json(&body)
                    .idempotent(true),
            )
            .await?;
        let mut by_id: std::collections::HashMap<String, Issue> = fetched
            .issues
            .into_iter()
            .map(|issue| (issue.id.clone(), issue))
            .collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Cloud's own paging: one page after another, each naming the next.
    fn cloud_search_pages(
        &self,
        request: &SearchRequest,
    ) -> BoxStream<'static, Result<Vec<Issue>, HttpError>> {
        let client = self.clone();
        // Cloud pages up to 5,000 issues when only ids and keys are asked for.
        let page_size = if request.ids_only() {
            CLOUD_ID_ONLY_PAGE.max(self.tuning.cloud_page_size)
        } else {
            self.tuning.cloud_page_size
        };
        // Cloud's search/jql takes `expand` as a comma-separated string.
        let body = search_body(request, page_size, json!("changelog"));
        // None: the first page; Some(None): done; Some(Some(token)): next.
        stream::try_unfold(Some(None::<String>), move |state| {
            let client = client.clone();
            let mut body = body.clone();
            async move {
                let Some(token) = state else {
                    return Ok(None);
                };
                if let Some(token) = token {
                    body["nextPageToken"] = json!(token);
                }
                let page: CloudPage = client
                    .fetch(
                        client
                            .api_request(Method::POST, "search/jql")
                            .json(&body)
                            .idempotent(true),
                    )
                    .await?;
                let next = page.next_page_token.filter(|t| !t.is_empty()).map(Some);
                Ok(Some((page.issues, next)))
            }
        })
        .boxed()
    }

    fn dc_pages(
        &self,
        request: &SearchRequest,
    ) -> BoxStream<'static, Result<Vec<Issue>, HttpError>> {
        let client = self.clone();
        let body = search_body(request, self.tuning.dc_page_size, json!(["changelog"]));
        parallel_offset_pages(
            move |start| {
                let client = client.clone();
                let mut body: Value = body.clone();
                body["startAt"] = json!(start);
                async move {
                    let page: DcPage = client
                        .fetch(
                            client
                                .api_request(Method::POST, "search")
                                .json(&body)
                                .idempotent(true),
                        )
                        .await?;
                    Ok(OffsetPage {
                        items: page.issues,
                        max_results: page.max_results,
                        total: page.total,
                    })
                }
            },
            self.tuning.dc_concurrency,
        )
    }
}
