//! What a sync profile editor picks from: the projects the account sees,
//! a project's issue types and the statuses of their workflows, the site's
//! priorities, and the people issues of a project can be assigned to.
//!
//! Cloud deprecates the plain `project` and `priority` lists in favour of
//! paged searches; Data Center only has the plain lists. Each call speaks
//! the flavour's own.

use futures_util::TryStreamExt;
use kakehashi_http::{HttpError, Method};
use serde::{Deserialize, Serialize};

use crate::client::{segment, JiraClient};
use crate::model::server::Deployment;
use crate::model::user::User;
use crate::paging::Page;

/// Cloud's page limit for `project/search` and `priority/search`.
const PAGE_SIZE: usize = 50;
/// Most people one `user/assignable/search` answer holds.
const USERS_PAGE: usize = 1000;

/// A project as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectRef {
    #[serde(deserialize_with = "crate::model::attachment::id_text")]
    pub id: String,
    pub key: String,
    pub name: String,
}

/// A status with its category (`new`, `indeterminate`, `done`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusRef {
    #[serde(deserialize_with = "crate::model::attachment::id_text")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub status_category: Option<StatusCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCategory {
    pub key: String,
}

impl StatusRef {
    /// The category key, empty when Jira gave none.
    pub fn category(&self) -> &str {
        self.status_category.as_ref().map_or("", |c| c.key.as_str())
    }
}

/// An issue type; with `statuses` when read from `project/{key}/statuses`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueTypeRef {
    #[serde(deserialize_with = "crate::model::attachment::id_text")]
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub subtask: bool,
    #[serde(default)]
    pub statuses: Vec<StatusRef>,
}

/// A priority of the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriorityRef {
    #[serde(deserialize_with = "crate::model::attachment::id_text")]
    pub id: String,
    pub name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ValuesPage<T> {
    #[serde(default = "Vec::new")]
    values: Vec<T>,
    #[serde(default)]
    total: Option<usize>,
    #[serde(default)]
    is_last: Option<bool>,
}

fn values_page<T>(page: ValuesPage<T>, start: usize) -> Page<T> {
    match page.total {
        Some(total) => Page::with_total(page.values, start, total),
        None => Page::with_is_last(page.values, page.is_last.unwrap_or(true)),
    }
}

impl JiraClient {
    /// Every project the account may browse.
    pub async fn projects(&self) -> Result<Vec<ProjectRef>, HttpError> {
        match self.deployment() {
            Deployment::Cloud => {
                self.paged(
                    self.api("project/search"),
                    PAGE_SIZE,
                    Vec::new(),
                    values_page::<ProjectRef>,
                )
                .try_collect()
                .await
            }
            Deployment::DataCenter => self.fetch(self.api_request(Method::GET, "project")).await,
        }
    }

    /// The issue types of a project (key or id), each with the statuses of
    /// its workflow: one request.
    pub async fn project_statuses(&self, project: &str) -> Result<Vec<IssueTypeRef>, HttpError> {
        let path = format!("project/{}/statuses", segment(project));
        self.fetch(self.api_request(Method::GET, &path)).await
    }

    /// The site's priorities, in Jira's order (highest first).
    pub async fn priorities(&self) -> Result<Vec<PriorityRef>, HttpError> {
        match self.deployment() {
            Deployment::Cloud => {
                self.paged(
                    self.api("priority/search"),
                    PAGE_SIZE,
                    Vec::new(),
                    values_page::<PriorityRef>,
                )
                .try_collect()
                .await
            }
            Deployment::DataCenter => self.fetch(self.api_request(Method::GET, "priority")).await,
        }
    }

    /// Everyone issues of `project` (key) can be assigned to. Cloud pages
    /// with `startAt`; Data Center answers one list of up to 1,000.
    pub async fn assignable_users(&self, project: &str) -> Result<Vec<User>, HttpError> {
        let mut all = Vec::new();
        loop {
            let mut request = self
                .api_request(Method::GET, "user/assignable/search")
                .query("project", project)
                .query("maxResults", USERS_PAGE);
            if self.deployment() == Deployment::Cloud {
                request = request.query("startAt", all.len());
            }
            let page: Vec<User> = self.fetch(request).await?;
            let full = page.len() == USERS_PAGE;
            all.extend(page);
            if !full || self.deployment() == Deployment::DataCenter {
                return Ok(all);
            }
        }
    }
}
