//! Project roles and their actors: which roles a project has, who is in
//! one, and adding or removing people (needs project administration).
//! Members of a Jira project role can seed TimeTracker NX project members.

use kakehashi_http::{HttpError, Method};
use serde_json::{json, Value};

use crate::client::{segment, JiraClient};
use crate::model::role::{ProjectRole, RoleLink};

impl JiraClient {
    fn role_path(project: &str, role: u64) -> String {
        format!("project/{}/role/{role}", segment(project))
    }

    /// The roles of a project, by name and id.
    pub async fn project_roles(&self, project: &str) -> Result<Vec<RoleLink>, HttpError> {
        let path = format!("project/{}/role", segment(project));
        let answer: serde_json::Map<String, Value> =
            self.fetch(self.api_request(Method::GET, &path)).await?;
        let mut roles = Vec::new();
        for (name, link) in answer {
            // `{"Developers": "https://.../project/10000/role/10001"}`
            let id = link
                .as_str()
                .and_then(|url| url.trim_end_matches('/').rsplit('/').next())
                .and_then(|id| id.parse().ok())
                .ok_or_else(|| {
                    HttpError::malformed(
                        &format!("GET {path}"),
                        format!("role {name:?} links to {link}"),
                    )
                })?;
            roles.push(RoleLink { name, id });
        }
        roles.sort_by_key(|r| r.id);
        Ok(roles)
    }

    /// A role of a project with its actors.
    pub async fn project_role(&self, project: &str, role: u64) -> Result<ProjectRole, HttpError> {
        self.fetch(self.api_request(Method::GET, &Self::role_path(project, role)))
            .await
    }

    /// Adds people (accountIds on Cloud, user names on Data Center) to a
    /// role; answers the role as it is now. Adding someone already in the
    /// role is refused by Jira.
    pub async fn add_role_users(
        &self,
        project: &str,
        role: u64,
        users: &[&str],
    ) -> Result<ProjectRole, HttpError> {
        if users.is_empty() {
            return Err(HttpError::invalid_input(
                "users",
                "Name at least one person to add.",
            ));
        }
        let request = self
            .api_request(Method::POST, &Self::role_path(project, role))
            .json(&json!({ "user": users }));
        self.fetch(request).await
    }

    /// Removes one person from a role.
    pub async fn remove_role_user(
        &self,
        project: &str,
        role: u64,
        user: &str,
    ) -> Result<(), HttpError> {
        let request = self
            .api_request(Method::DELETE, &Self::role_path(project, role))
            .query("user", user);
        self.send(request).await.map(drop)
    }
}
