//! Comments on an issue: list (all pages), read, add, edit, delete. Bodies
//! are ADF on Cloud and plain text on Data Center; [`RichText`] converts
//! both ways, so callers can work with text alone.

use futures_util::stream::{BoxStream, TryStreamExt};
use kakehashi_http::{HttpError, Method};
use serde::Deserialize;
use serde_json::json;

use crate::client::{segment, JiraClient};
use crate::model::comment::Comment;
use crate::model::text::RichText;
use crate::paging::Page;

/// Comments per page asked for.
const PAGE_SIZE: usize = 100;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommentPage {
    #[serde(default)]
    comments: Vec<Comment>,
    #[serde(default)]
    total: usize,
}

impl JiraClient {
    fn comments_path(issue: &str) -> String {
        format!("issue/{}/comment", segment(issue))
    }

    /// Every comment of an issue, oldest first, page by page.
    pub fn comments(&self, issue: &str) -> BoxStream<'static, Result<Comment, HttpError>> {
        self.paged(
            self.api(&Self::comments_path(issue)),
            PAGE_SIZE,
            vec![("orderBy", "created".to_owned())],
            |page: CommentPage, start| Page::with_total(page.comments, start, page.total),
        )
    }

    /// Every comment of an issue, collected.
    pub async fn all_comments(&self, issue: &str) -> Result<Vec<Comment>, HttpError> {
        self.comments(issue).try_collect().await
    }

    /// One comment.
    pub async fn comment(&self, issue: &str, id: &str) -> Result<Comment, HttpError> {
        let path = format!("{}/{}", Self::comments_path(issue), segment(id));
        self.fetch(self.api_request(Method::GET, &path)).await
    }

    /// Adds a comment (not retried once it may have reached the server).
    pub async fn add_comment(&self, issue: &str, body: &RichText) -> Result<Comment, HttpError> {
        let request = self
            .api_request(Method::POST, &Self::comments_path(issue))
            .json(&json!({ "body": body.to_request_value(self.deployment()) }));
        self.fetch(request).await
    }

    /// Replaces a comment's body.
    pub async fn update_comment(
        &self,
        issue: &str,
        id: &str,
        body: &RichText,
    ) -> Result<Comment, HttpError> {
        let path = format!("{}/{}", Self::comments_path(issue), segment(id));
        let request = self
            .api_request(Method::PUT, &path)
            .json(&json!({ "body": body.to_request_value(self.deployment()) }));
        self.fetch(request).await
    }

    /// Deletes a comment.
    pub async fn delete_comment(&self, issue: &str, id: &str) -> Result<(), HttpError> {
        let path = format!("{}/{}", Self::comments_path(issue), segment(id));
        self.send(self.api_request(Method::DELETE, &path))
            .await
            .map(drop)
    }
}
