//! Issues as read (search, `GET issue`), and what a create or edit sends.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::model::attachment::Attachment;
use crate::model::comment::Comment;
use crate::model::server::Deployment;
use crate::model::text::RichText;
use crate::model::time::JiraTime;
use crate::model::transition::Transition;
use crate::model::user::User;
use crate::model::version::Version;
use crate::model::worklog::Worklog;

/// An issue. Which `fields` are filled depends on what was asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    pub id: String,
    pub key: String,
    #[serde(default, rename = "self")]
    pub self_url: Option<String>,
    #[serde(default)]
    pub fields: IssueFields,
    /// With `expand=changelog`.
    #[serde(default)]
    pub changelog: Option<Changelog>,
    /// Issue properties asked for with `properties=` (the sync marker).
    #[serde(default)]
    pub properties: Map<String, Value>,
    /// With `expand=transitions`.
    #[serde(default)]
    pub transitions: Option<Vec<Transition>>,
}

impl Issue {
    /// When the issue last changed, if `updated` was asked for.
    pub fn updated(&self) -> Option<&JiraTime> {
        self.fields.updated.as_ref()
    }

    /// An issue property that came with the issue (`properties=key`).
    pub fn property(&self, key: &str) -> Option<&Value> {
        self.properties.get(key)
    }
}

/// The fields this crate knows by type; any other (custom fields such as
/// the Sprint field) stays in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueFields {
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub description: Option<RichText>,
    #[serde(default)]
    pub status: Option<Status>,
    #[serde(default, rename = "issuetype")]
    pub issue_type: Option<IssueType>,
    #[serde(default)]
    pub project: Option<ProjectRef>,
    #[serde(default)]
    pub priority: Option<Named>,
    #[serde(default)]
    pub assignee: Option<User>,
    #[serde(default)]
    pub reporter: Option<User>,
    #[serde(default)]
    pub creator: Option<User>,
    #[serde(default)]
    pub created: Option<JiraTime>,
    #[serde(default)]
    pub updated: Option<JiraTime>,
    #[serde(default)]
    pub labels: Option<Vec<String>>,
    #[serde(default)]
    pub fix_versions: Option<Vec<Version>>,
    #[serde(default)]
    pub parent: Option<IssueRef>,
    #[serde(default)]
    pub subtasks: Option<Vec<IssueRef>>,
    #[serde(default)]
    pub resolution: Option<Named>,
    #[serde(default, rename = "resolutiondate")]
    pub resolution_date: Option<JiraTime>,
    /// Seconds logged on the issue.
    #[serde(default, rename = "timespent")]
    pub time_spent: Option<u64>,
    /// The first comments (`fields=comment`); all of them via the comment API.
    #[serde(default)]
    pub comment: Option<EmbeddedComments>,
    /// At most 20 worklogs (`fields=worklog`); all of them via the worklog API.
    #[serde(default)]
    pub worklog: Option<EmbeddedWorklogs>,
    #[serde(default)]
    pub attachment: Option<Vec<Attachment>>,
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A status with its category (`new`, `indeterminate`, `done`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub status_category: Option<StatusCategory>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCategory {
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueType {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub subtask: bool,
}

/// Anything Jira names by id and name (priority, resolution).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRef {
    pub id: String,
    pub key: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// The short form of a related issue (parent, sub-task).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueRef {
    pub id: String,
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbeddedComments {
    #[serde(default)]
    pub comments: Vec<Comment>,
    #[serde(default)]
    pub total: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbeddedWorklogs {
    #[serde(default)]
    pub worklogs: Vec<Worklog>,
    #[serde(default)]
    pub total: Option<u64>,
}

/// `expand=changelog`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changelog {
    #[serde(default)]
    pub histories: Vec<History>,
    #[serde(default)]
    pub total: Option<u64>,
}

/// One change: who, when, and the fields it changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub id: String,
    #[serde(default)]
    pub author: Option<User>,
    pub created: JiraTime,
    #[serde(default)]
    pub items: Vec<ChangeItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeItem {
    pub field: String,
    #[serde(default, rename = "fieldtype")]
    pub field_type: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub from_string: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub to_string: Option<String>,
}

/// What `POST issue` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedIssue {
    pub id: String,
    pub key: String,
}

/// Field values to set on a create or an edit. `None` leaves a field as it
/// is; `Some(None)` clears it where Jira allows that.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldValues {
    pub summary: Option<String>,
    pub description: Option<Option<RichText>>,
    /// The person's id (accountId on Cloud, user name on Data Center).
    pub assignee: Option<Option<String>>,
    /// A priority name or id.
    pub priority: Option<String>,
    pub labels: Option<Vec<String>>,
    /// Version ids.
    pub fix_versions: Option<Vec<String>>,
    /// Any other field by id, sent as given (e.g. `customfield_10020`).
    pub other: Map<String, Value>,
}

impl FieldValues {
    /// The `fields` object of a request, in this deployment's dialect.
    pub fn to_json(&self, deployment: Deployment) -> Map<String, Value> {
        let mut fields = Map::new();
        if let Some(summary) = &self.summary {
            fields.insert("summary".into(), json!(summary));
        }
        if let Some(description) = &self.description {
            let value = description
                .as_ref()
                .map_or(Value::Null, |d| d.to_request_value(deployment));
            fields.insert("description".into(), value);
        }
        if let Some(assignee) = &self.assignee {
            let value = assignee
                .as_deref()
                .map_or(Value::Null, |id| user_reference(deployment, id));
            fields.insert("assignee".into(), value);
        }
        if let Some(priority) = &self.priority {
            fields.insert("priority".into(), name_or_id(priority));
        }
        if let Some(labels) = &self.labels {
            fields.insert("labels".into(), json!(labels));
        }
        if let Some(versions) = &self.fix_versions {
            let list: Vec<Value> = versions.iter().map(|id| json!({ "id": id })).collect();
            fields.insert("fixVersions".into(), Value::Array(list));
        }
        for (name, value) in &self.other {
            fields.insert(name.clone(), value.clone());
        }
        fields
    }
}

/// `{"accountId": ...}` on Cloud, `{"name": ...}` on Data Center.
pub fn user_reference(deployment: Deployment, id: &str) -> Value {
    match deployment {
        Deployment::Cloud => json!({ "accountId": id }),
        Deployment::DataCenter => json!({ "name": id }),
    }
}

/// `{"id": "3"}` for a numeric id, `{"name": "High"}` otherwise.
fn name_or_id(text: &str) -> Value {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_digit()) {
        json!({ "id": text })
    } else {
        json!({ "name": text })
    }
}

/// A new issue: where, what type, the fields, and the issue properties
/// created with it in the same request (the sync marker, so an issue is
/// never without its marker, not even for a moment).
#[derive(Debug, Clone, PartialEq)]
pub struct NewIssue {
    /// Project key or id.
    pub project: String,
    /// Issue type name or id.
    pub issue_type: String,
    /// The parent issue key, for sub-tasks.
    pub parent: Option<String>,
    pub fields: FieldValues,
    pub properties: Vec<(String, Value)>,
}

impl NewIssue {
    /// An issue of `issue_type` (name or id) in `project` (key or id).
    pub fn new(project: &str, issue_type: &str, summary: &str) -> Self {
        NewIssue {
            project: project.to_owned(),
            issue_type: issue_type.to_owned(),
            parent: None,
            fields: FieldValues {
                summary: Some(summary.to_owned()),
                ..FieldValues::default()
            },
            properties: Vec::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, text: impl Into<RichText>) -> Self {
        self.fields.description = Some(Some(text.into()));
        self
    }

    /// Adds an issue property created together with the issue.
    pub fn property(mut self, key: &str, value: Value) -> Self {
        self.properties.push((key.to_owned(), value));
        self
    }

    /// Makes it a sub-task of `parent_key`.
    pub fn parent(mut self, parent_key: &str) -> Self {
        self.parent = Some(parent_key.to_owned());
        self
    }

    /// The `POST issue` body in this deployment's dialect.
    pub fn to_json(&self, deployment: Deployment) -> Value {
        let mut fields = self.fields.to_json(deployment);
        let project = if self.project.chars().all(|c| c.is_ascii_digit()) {
            json!({ "id": self.project })
        } else {
            json!({ "key": self.project })
        };
        fields.insert("project".into(), project);
        fields.insert("issuetype".into(), name_or_id(&self.issue_type));
        if let Some(parent) = &self.parent {
            fields.insert("parent".into(), json!({ "key": parent }));
        }
        let mut body = json!({ "fields": fields });
        if !self.properties.is_empty() {
            let properties: Vec<Value> = self
                .properties
                .iter()
                .map(|(key, value)| json!({ "key": key, "value": value }))
                .collect();
            body["properties"] = Value::Array(properties);
        }
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_issue_is_written_in_each_dialect() {
        let issue = NewIssue::new("WEB", "Task", "検索フォームの改善")
            .description("一行目\n二行目")
            .property("kakehashi", json!({"link": "ttnx:1004"}));
        let dc = issue.to_json(Deployment::DataCenter);
        assert_eq!(dc["fields"]["project"], json!({"key": "WEB"}));
        assert_eq!(dc["fields"]["issuetype"], json!({"name": "Task"}));
        assert_eq!(dc["fields"]["description"], json!("一行目\n二行目"));
        assert_eq!(
            dc["properties"],
            json!([{"key": "kakehashi", "value": {"link": "ttnx:1004"}}])
        );
        let cloud = issue.to_json(Deployment::Cloud);
        assert_eq!(cloud["fields"]["description"]["type"], "doc");
    }

    #[test]
    fn users_are_named_the_way_each_deployment_wants() {
        let values = FieldValues {
            assignee: Some(Some("sato.hanako".into())),
            priority: Some("2".into()),
            ..FieldValues::default()
        };
        let dc = values.to_json(Deployment::DataCenter);
        assert_eq!(dc["assignee"], json!({"name": "sato.hanako"}));
        assert_eq!(dc["priority"], json!({"id": "2"}));
        let cleared = FieldValues {
            assignee: Some(None),
            ..FieldValues::default()
        };
        assert_eq!(cleared.to_json(Deployment::Cloud)["assignee"], Value::Null);
        assert_eq!(
            user_reference(Deployment::Cloud, "5b10ac8d82e05b22cc7d4ef5"),
            json!({"accountId": "5b10ac8d82e05b22cc7d4ef5"})
        );
    }

    #[test]
    fn unknown_fields_are_kept_and_missing_ones_are_none() {
        let issue: Issue = serde_json::from_value(json!({
            "id": "10001", "key": "WEB-1",
            "fields": {"summary": "x", "customfield_10020": [{"id": 1}], "updated": "2026-11-20T10:15:30.123+0900"}
        }))
        .unwrap();
        assert_eq!(issue.fields.summary.as_deref(), Some("x"));
        assert!(issue.fields.status.is_none());
        assert_eq!(issue.fields.other["customfield_10020"][0]["id"], 1);
        assert_eq!(
            issue.updated().unwrap().to_jira_string(),
            "2026-11-20T10:15:30.123+0900"
        );
    }
}
