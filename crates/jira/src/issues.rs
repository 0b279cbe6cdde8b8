//! Issues: create (with the sync marker as an issue property in the same
//! request), read, edit, delete, and find again by marker.
//!
//! A create is a POST that is never repeated blindly: when its answer is
//! lost (a reset, a timeout), the issue may exist. The caller then looks
//! for its marker with [`JiraClient::find_issues_by_property`] instead of
//! creating again.

use futures_util::TryStreamExt;
use kakehashi_http::{HttpError, Method};
use serde_json::{json, Value};

use crate::client::{segment, JiraClient};
use crate::model::issue::{CreatedIssue, FieldValues, Issue, NewIssue};
use crate::search::SearchRequest;

impl JiraClient {
    /// Creates an issue with its properties; not retried once it may have
    /// reached the server.
    pub async fn create_issue(&self, issue: &NewIssue) -> Result<CreatedIssue, HttpError> {
        let body = issue.to_json(self.deployment());
        self.fetch(self.api_request(Method::POST, "issue").json(&body))
            .await
    }

    /// An issue by key or id, with `fields` (empty: all) and, optionally,
    /// its changelog and the issue properties named in `properties`.
    pub async fn issue(
        &self,
        key: &str,
        fields: &[&str],
        changelog: bool,
        properties: &[&str],
    ) -> Result<Issue, HttpError> {
        let mut request = self.api_request(Method::GET, &format!("issue/{}", segment(key)));
        if !fields.is_empty() {
            request = request.query("fields", fields.join(","));
        }
        if changelog {
            request = request.query("expand", "changelog");
        }
        if !properties.is_empty() {
            request = request.query("properties", properties.join(","));
        }
        self.fetch(request).await
    }

    /// Changes fields of an issue (only those set in `values`).
    pub async fn edit_issue(&self, key: &str, values: &FieldValues) -> Result<(), HttpError> {
        let body = json!({ "fields": values.to_json(self.deployment()) });
        let request = self
            .api_request(Method::PUT, &format!("issue/{}", segment(key)))
            .json(&body);
        self.send(request).await.map(drop)
    }

    /// Deletes an issue; with sub-tasks only when `with_subtasks`.
    pub async fn delete_issue(&self, key: &str, with_subtasks: bool) -> Result<(), HttpError> {
        let request = self
            .api_request(Method::DELETE, &format!("issue/{}", segment(key)))
            .query("deleteSubtasks", with_subtasks);
        self.send(request).await.map(drop)
    }

    /// The issues among those `jql` finds whose property `key` satisfies
    /// `wanted`. Jira's JQL cannot search a property an app did not index,
    /// so the property comes back with each issue and is compared here:
    /// keep `jql` narrow (project and `created >=` the attempt, minus the
    /// overlap).
    pub async fn find_issues_by_property(
        &self,
        jql: &str,
        key: &str,
        wanted: impl Fn(&Value) -> bool,
    ) -> Result<Vec<Issue>, HttpError> {
        let request = SearchRequest::new(jql)
            .fields(&["summary", "created", "updated"])
            .property(key);
        self.search(&request)
            .try_filter(|issue| {
                let matches = issue.property(key).is_some_and(&wanted);
                async move { matches }
            })
            .try_collect()
            .await
    }
}
