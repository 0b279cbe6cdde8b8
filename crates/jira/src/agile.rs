//! Jira Software's agile API (`rest/agile/1.0`, the same on Cloud and Data
//! Center): the boards of a project and the sprints of a board.

use futures_util::TryStreamExt;
use kakehashi_http::HttpError;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::client::JiraClient;
use crate::model::agile::{Board, Sprint};
use crate::paging::Page;

/// The agile API's page limit.
const PAGE_SIZE: usize = 50;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", bound = "T: DeserializeOwned")]
struct ValuesPage<T> {
    #[serde(default = "Vec::new")]
    values: Vec<T>,
    #[serde(default)]
    is_last: Option<bool>,
    #[serde(default)]
    total: Option<usize>,
}

/// Which sprints to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SprintState {
    Future,
    Active,
    Closed,
}

impl SprintState {
    fn as_str(self) -> &'static str {
        match self {
            SprintState::Future => "future",
            SprintState::Active => "active",
            SprintState::Closed => "closed",
        }
    }
}

impl JiraClient {
    /// Every item of an agile list at `path` with extra query `params`.
    async fn agile_list<T: DeserializeOwned + Send + Sync + 'static>(
        &self,
        path: String,
        params: Vec<(&'static str, String)>,
    ) -> Result<Vec<T>, HttpError> {
        self.paged(
            path,
            PAGE_SIZE,
            params,
            |page: ValuesPage<T>, start| match page.total {
                Some(total) => Page::with_total(page.values, start, total),
                None => Page::with_is_last(page.values, page.is_last.unwrap_or(true)),
            },
        )
        .try_collect()
        .await
    }

    /// The boards of a project (key or id).
    pub async fn boards(&self, project: &str) -> Result<Vec<Board>, HttpError> {
        self.agile_list(
            "rest/agile/1.0/board".to_owned(),
            vec![("projectKeyOrId", project.to_owned())],
        )
        .await
    }

    /// The sprints of a board, only those in `states` (all when empty).
    pub async fn sprints(
        &self,
        board: u64,
        states: &[SprintState],
    ) -> Result<Vec<Sprint>, HttpError> {
        let mut params = Vec::new();
        if !states.is_empty() {
            let list: Vec<&str> = states.iter().map(|s| s.as_str()).collect();
            params.push(("state", list.join(",")));
        }
        self.agile_list(format!("rest/agile/1.0/board/{board}/sprint"), params)
            .await
    }
}
