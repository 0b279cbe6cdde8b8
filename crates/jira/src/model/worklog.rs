//! Worklogs, and the entries of the `worklog/updated` and `worklog/deleted`
//! change feeds.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::model::server::Deployment;
use crate::model::text::RichText;
use crate::model::time::JiraTime;
use crate::model::user::User;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Worklog {
    pub id: String,
    #[serde(default)]
    pub issue_id: Option<String>,
    #[serde(default)]
    pub author: Option<User>,
    #[serde(default)]
    pub update_author: Option<User>,
    #[serde(default)]
    pub comment: Option<RichText>,
    /// When the work began, at the offset Jira gave (the reader's zone).
    pub started: JiraTime,
    pub time_spent_seconds: u64,
    #[serde(default)]
    pub created: Option<JiraTime>,
    #[serde(default)]
    pub updated: Option<JiraTime>,
}

/// What a worklog create or update sends. On update, `None` keeps a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorklogInput {
    pub started: Option<JiraTime>,
    pub time_spent_seconds: Option<u64>,
    /// `Some(None)` removes the comment.
    pub comment: Option<Option<RichText>>,
}

impl WorklogInput {
    /// A new worklog: when it started and how long it took.
    pub fn new(started: JiraTime, time_spent_seconds: u64) -> Self {
        WorklogInput {
            started: Some(started),
            time_spent_seconds: Some(time_spent_seconds),
            comment: None,
        }
    }

    /// Sets the comment.
    pub fn comment(mut self, text: impl Into<RichText>) -> Self {
        self.comment = Some(Some(text.into()));
        self
    }

    /// The request body in this deployment's dialect (`started` in
    /// `2021-01-17T12:34:00.000+0000` form, the comment as ADF or text).
    pub fn to_json(&self, deployment: Deployment) -> Value {
        let mut body = json!({});
        if let Some(started) = &self.started {
            body["started"] = json!(started.to_jira_string());
        }
        if let Some(seconds) = self.time_spent_seconds {
            body["timeSpentSeconds"] = json!(seconds);
        }
        if let Some(comment) = &self.comment {
            body["comment"] = comment
                .as_ref()
                .map_or(Value::Null, |c| c.to_request_value(deployment));
        }
        body
    }
}

/// An entry of `worklog/updated` or `worklog/deleted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorklogChange {
    pub worklog_id: u64,
    /// Milliseconds since 1970.
    pub updated_time: i64,
}
