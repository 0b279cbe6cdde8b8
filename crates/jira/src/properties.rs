//! Issue properties: small JSON documents on an issue. The sync marker
//! lives here, so an issue created by a sync can be recognised after a
//! crash or a lost answer.

use kakehashi_http::{ErrorKind, HttpError, Method};
use serde::Deserialize;
use serde_json::Value;

use crate::client::{segment, JiraClient};

#[derive(Deserialize)]
struct PropertyAnswer {
    value: Value,
}

#[derive(Deserialize)]
struct KeysAnswer {
    #[serde(default)]
    keys: Vec<KeyEntry>,
}

#[derive(Deserialize)]
struct KeyEntry {
    key: String,
}

impl JiraClient {
    fn property_path(issue: &str, key: &str) -> String {
        format!("issue/{}/properties/{}", segment(issue), segment(key))
    }

    /// The keys of the properties on an issue.
    pub async fn issue_property_keys(&self, issue: &str) -> Result<Vec<String>, HttpError> {
        let path = format!("issue/{}/properties", segment(issue));
        let answer: KeysAnswer = self.fetch(self.api_request(Method::GET, &path)).await?;
        Ok(answer.keys.into_iter().map(|k| k.key).collect())
    }

    /// A property's value; `None` when the issue exists but has no such
    /// property (a missing issue is still `NotFound`).
    pub async fn issue_property(&self, issue: &str, key: &str) -> Result<Option<Value>, HttpError> {
        let request = self.api_request(Method::GET, &Self::property_path(issue, key));
        match self.fetch::<PropertyAnswer>(request).await {
            Ok(answer) => Ok(Some(answer.value)),
            Err(err) if err.kind == ErrorKind::NotFound => {
                // Jira answers 404 for both; tell them apart by the keys.
                let keys = self.issue_property_keys(issue).await?;
                if keys.iter().any(|k| k == key) {
                    Err(err)
                } else {
                    Ok(None)
                }
            }
            Err(err) => Err(err),
        }
    }

    /// Sets a property (creates or replaces it). Setting one does not
    /// change the issue's `updated`.
    pub async fn set_issue_property(
        &self,
        issue: &str,
        key: &str,
        value: &Value,
    ) -> Result<(), HttpError> {
        let request = self
            .api_request(Method::PUT, &Self::property_path(issue, key))
            .json(value);
        self.send(request).await.map(drop)
    }

    /// Removes a property.
    pub async fn delete_issue_property(&self, issue: &str, key: &str) -> Result<(), HttpError> {
        let request = self.api_request(Method::DELETE, &Self::property_path(issue, key));
        self.send(request).await.map(drop)
    }
}
