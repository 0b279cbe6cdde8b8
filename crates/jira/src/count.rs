//! How many issues a JQL finds, in one request, and when the server says it
//! answered. A sync run compares this count with what it expects so that it
//! lists every issue id (for deletions) only when the number says something
//! went away, rather than on every run.
//!
//! - Cloud: `POST rest/api/3/search/approximate-count`. Atlassian calls the
//!   number an estimate ("recent updates might not be immediately
//!   visible"), so a caller must treat a match as "nothing went away yet"
//!   and not as proof; a later count catches up.
//! - Data Center: `POST rest/api/2/search` with `maxResults: 0`, whose
//!   `total` is exact.

use std::time::SystemTime;

use kakehashi_http::{HttpError, Method};
use serde::Deserialize;
use serde_json::json;

use crate::client::JiraClient;
use crate::model::server::Deployment;

/// The answer to [`JiraClient::count_issues`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueCount {
    pub count: u64,
    /// The server's `Date` on the answer (to the second), when it sent one:
    /// a time on the server's clock, like the issues' `updated`.
    pub server_time: Option<SystemTime>,
}

#[derive(Deserialize)]
struct CloudCount {
    count: u64,
}

#[derive(Deserialize)]
struct DcTotal {
    total: u64,
}

impl JiraClient {
    /// The number of issues `jql` finds (bounded JQL on Cloud).
    pub async fn count_issues(&self, jql: &str) -> Result<IssueCount, HttpError> {
        let request = match self.deployment() {
            Deployment::Cloud => self
                .api_request(Method::POST, "search/approximate-count")
                .json(&json!({ "jql": jql })),
            Deployment::DataCenter => self
                .api_request(Method::POST, "search")
                .json(&json!({ "jql": jql, "maxResults": 0, "fields": ["key"] })),
        };
        let response = self.send(request.idempotent(true)).await?;
        let count = match self.deployment() {
            Deployment::Cloud => response.json::<CloudCount>()?.count,
            Deployment::DataCenter => response.json::<DcTotal>()?.total,
        };
        Ok(IssueCount {
            count,
            server_time: response.date(),
        })
    }
}
