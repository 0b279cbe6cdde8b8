//! `system/users`: who is signed in, and who exists.

use futures_util::Stream;
use kakehashi_http::{ErrorKind, HttpError};

use crate::model::{join, Me, ProjectId, User, UserId};
use crate::paging::pages;
use crate::time::ServerZone;
use crate::TtnxClient;

/// Filters of the user search; all optional, combined with AND. Names,
/// e-mail addresses and organisations match partially.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserSearch {
    pub name: Option<String>,
    pub email: Option<String>,
    pub organization_name: Option<String>,
    /// Only members of these projects.
    pub assigned_project_ids: Vec<ProjectId>,
    /// Users per request (1–1,000); the server's default when `None`.
    pub page_size: Option<u32>,
}

impl UserSearch {
    /// Users whose name contains `name`.
    pub fn by_name(name: impl Into<String>) -> Self {
        UserSearch {
            name: Some(name.into()),
            ..UserSearch::default()
        }
    }

    /// Users whose e-mail address contains `email`.
    pub fn by_email(email: impl Into<String>) -> Self {
        UserSearch {
            email: Some(email.into()),
            ..UserSearch::default()
        }
    }
}

impl TtnxClient {
    /// The signed-in user (`system/users/me`), with how they signed in and
    /// their profile zone. Also the cheapest "does this credential work".
    pub async fn me(&self) -> Result<Me, HttpError> {
        self.get("system/users/me").send_json().await
    }

    /// The signed-in user's profile zone, as a first guess at the server's
    /// zone when the server settings name none. The API exposes no server
    /// zone; a service account created on the server usually keeps the
    /// server's default.
    pub async fn profile_zone(&self) -> Result<ServerZone, HttpError> {
        let me = self.me().await?;
        let name = me.time_zone.filter(|zone| !zone.trim().is_empty()).ok_or_else(|| {
            HttpError::new(
                ErrorKind::InvalidInput {
                    field: "timeZone".into(),
                },
                "The TimeTracker NX profile of this account names no time zone. Enter the server's zone in the server settings.",
            )
        })?;
        ServerZone::named(&name)
    }

    /// Every user matching `search`, fetched page by page as the stream is read.
    pub fn search_users(
        &self,
        search: &UserSearch,
    ) -> impl Stream<Item = Result<User, HttpError>> + Send + 'static {
        let projects =
            (!search.assigned_project_ids.is_empty()).then(|| join(&search.assigned_project_ids));
        let request = self
            .get("system/users")
            .query_opt("name", search.name.as_deref())
            .query_opt("email", search.email.as_deref())
            .query_opt("organizationName", search.organization_name.as_deref())
            .query_opt("assignedProjectIds", projects);
        pages(request, search.page_size)
    }

    /// The users with these ids (ids that do not exist are left out; none
    /// existing is `NotFound`).
    pub async fn users(&self, ids: &[UserId]) -> Result<Vec<User>, HttpError> {
        self.read_by_ids(ids, |ids| self.get(&format!("system/users/{ids}")))
            .await
    }
}
