//! Project versions: list, read, create, update.

use kakehashi_http::{HttpError, Method};
use serde::Deserialize;

use crate::client::{segment, JiraClient};
use crate::model::version::{Version, VersionInput};

#[derive(Deserialize)]
struct ProjectId {
    #[serde(deserialize_with = "crate::model::attachment::id_text")]
    id: String,
}

impl JiraClient {
    /// Every version of a project (key or id).
    pub async fn versions(&self, project: &str) -> Result<Vec<Version>, HttpError> {
        let path = format!("project/{}/versions", segment(project));
        self.fetch(self.api_request(Method::GET, &path)).await
    }

    /// One version by id.
    pub async fn version(&self, id: &str) -> Result<Version, HttpError> {
        let path = format!("version/{}", segment(id));
        self.fetch(self.api_request(Method::GET, &path)).await
    }

    /// Creates a version in a project (key or id); needs project
    /// administration. Not retried once it may have reached the server
    /// (a repeat would fail on the taken name).
    pub async fn create_version(
        &self,
        project: &str,
        input: &VersionInput,
    ) -> Result<Version, HttpError> {
        if input.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(HttpError::invalid_input("name", "A version needs a name."));
        }
        let project_id = self.project_id(project).await?;
        let body = input.to_json(self.deployment(), Some(project_id));
        self.fetch(self.api_request(Method::POST, "version").json(&body))
            .await
    }

    /// Changes a version (only what `input` sets).
    pub async fn update_version(
        &self,
        id: &str,
        input: &VersionInput,
    ) -> Result<Version, HttpError> {
        let body = input.to_json(self.deployment(), None);
        let path = format!("version/{}", segment(id));
        self.fetch(self.api_request(Method::PUT, &path).json(&body))
            .await
    }

    /// A project's numeric id from its key (or id).
    pub async fn project_id(&self, project: &str) -> Result<u64, HttpError> {
        if let Ok(id) = project.parse::<u64>() {
            return Ok(id);
        }
        let path = format!("project/{}", segment(project));
        let found: ProjectId = self.fetch(self.api_request(Method::GET, &path)).await?;
        found.id.parse().map_err(|_| {
            HttpError::malformed(&format!("GET {path}"), format!("project id {:?}", found.id))
        })
    }
}
