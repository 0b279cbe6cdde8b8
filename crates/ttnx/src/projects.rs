//! `project/projects`: search, and read with members. Reading one project
//! answers an ARRAY (API-NOTES, seed 004).

use futures_util::{Stream, TryStreamExt};
use kakehashi_http::{ErrorKind, HttpError};

use crate::model::{join, Project, ProjectId};
use crate::paging::pages;
use crate::TtnxClient;

/// Filters of the project search; names and codes match partially.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectSearch {
    pub name: Option<String>,
    pub code: Option<String>,
    /// Only finished (`true`) or running (`false`) projects.
    pub is_finished: Option<bool>,
    /// Read the members too (`includes=Members`).
    pub with_members: bool,
    /// Projects per request (1–1,000); the server's default when `None`.
    pub page_size: Option<u32>,
}

impl TtnxClient {
    /// Every project matching `search` that this account may see, page by page.
    pub fn search_projects(
        &self,
        search: &ProjectSearch,
    ) -> impl Stream<Item = Result<Project, HttpError>> + Send + 'static {
        let request = self
            .get("project/projects")
            .query_opt("name", search.name.as_deref())
            .query_opt("code", search.code.as_deref())
            .query_opt("isFinished", search.is_finished)
            .query_opt("includes", search.with_members.then_some("Members"));
        pages(request, search.page_size)
    }

    /// One project with its members.
    pub async fn project(&self, id: &ProjectId) -> Result<Project, HttpError> {
        let found = self.projects(std::slice::from_ref(id)).await?;
        found
            .into_iter()
            .find(|project| &project.id == id)
            .ok_or_else(|| {
                HttpError::new(
                    ErrorKind::NotFound,
                    format!("TimeTracker NX project {id} was not in the server's answer. It may have been deleted, or this account may not see it."),
                )
            })
    }

    /// Several projects with their members, in one request; ids that do
    /// not exist are left out (none existing is `NotFound`).
    pub async fn projects(&self, ids: &[ProjectId]) -> Result<Vec<Project>, HttpError> {
        self.read_by_ids(ids, |ids| {
            self.get(&format!("project/projects/{ids}"))
                .query("includes", "Members")
        })
        .await
    }

    /// Whether this account holds Manage Project on `project`, asked the
    /// only way the API allows: an empty partial update (`PUT {}`), which
    /// names no field and so changes none (the server may still note the
    /// project as updated now). `false` when the server refuses it (403).
    pub async fn may_manage_project(&self, project: &ProjectId) -> Result<bool, HttpError> {
        let answer = self
            .put(&format!("project/projects/{project}"))
            .json(&serde_json::Map::new())
            .send()
            .await;
        match answer {
            Ok(_) => Ok(true),
            Err(err) if matches!(err.kind, ErrorKind::Forbidden { .. }) => Ok(false),
            Err(err) => Err(err),
        }
    }

    /// The project a person means by `key`: an id, a code, or an exact name
    /// (the CLI's PROJECT argument), with its members. A code or name that
    /// fits several projects is refused with their ids.
    pub async fn resolve_project(&self, key: &str) -> Result<Project, HttpError> {
        let key = key.trim();
        if key.is_empty() {
            return Err(HttpError::invalid_input(
                "project",
                "Name the TimeTracker NX project by its id, code or exact name.",
            ));
        }
        if key.chars().all(|c| c.is_ascii_digit()) {
            match self.project(&ProjectId::from(key)).await {
                Err(err) if err.kind == ErrorKind::NotFound => {}
                other => return other,
            }
        }
        for search in [
            ProjectSearch {
                code: Some(key.to_owned()),
                ..ProjectSearch::default()
            },
            ProjectSearch {
                name: Some(key.to_owned()),
                ..ProjectSearch::default()
            },
        ] {
            let by_code = search.code.is_some();
            let exact: Vec<Project> = self
                .search_projects(&search)
                .try_filter(|project| {
                    let matches = if by_code {
                        project.code.as_deref() == Some(key)
                    } else {
                        project.name == key
                    };
                    std::future::ready(matches)
                })
                .try_collect()
                .await?;
            match exact.as_slice() {
                [] => continue,
                [one] => return self.project(&one.id).await,
                several => {
                    let ids = join(&several.iter().map(|p| p.id.clone()).collect::<Vec<_>>());
                    return Err(HttpError::invalid_input(
                        "project",
                        format!("Several TimeTracker NX projects are called “{key}” (ids {ids}); name the one you mean by its id."),
                    ));
                }
            }
        }
        Err(HttpError::new(
            ErrorKind::NotFound,
            format!("No TimeTracker NX project has the id, code or name “{key}” that this account can see."),
        ))
    }
}
