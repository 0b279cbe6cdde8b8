//! Writing Jira. Jira has no bulk create that takes issue properties, so
//! issues are created one request each, the marker property IN the create
//! (never a moment without it); a status is reached by a transition, as
//! Jira allows no other way. Versions are created and archived through the
//! version API; sprints are read-only here (the agile API's sprint writes
//! are board administration, not sync).

use kakehashi_jira::model::version::VersionInput;
use kakehashi_jira::{FieldValues, NewIssue};
use serde_json::{json, Value};

use super::fields::date_of;
use super::ids::JiraId;
use super::jira_read::sprint_field;
use super::outcome::{failed, outcome_unknown, unknown};
use super::{markers, JiraTtnx};
use crate::sync::connector::{WriteOp, WriteResult};
use crate::sync::model::{EntityKind, OpAction, ProblemCause, SyncField};
use crate::AppResult;

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The fields an issue create or edit sets (status goes by transition).
fn field_values(fields: &crate::sync::connector::Fields) -> FieldValues {
    let mut values = FieldValues::default();
    for (field, value) in fields {
        match field {
            SyncField::Summary => values.summary = text(Some(value)),
            SyncField::Assignee => values.assignee = Some(text(Some(value))),
            SyncField::DueDate => {
                let day = date_of(value).map_or(Value::Null, |d| json!(d.to_string()));
                values.other.insert("duedate".into(), day);
            }
            SyncField::OriginalEstimate => {
                // Jira takes the estimate as a duration text; seconds in, minutes out.
                if let Some(seconds) = value.as_i64().filter(|s| *s > 0) {
                    let minutes = (seconds + 30) / 60;
                    values.other.insert(
                        "timetracking".into(),
                        json!({ "originalEstimate": format!("{minutes}m") }),
                    );
                }
            }
            SyncField::ItemType => {
                if let Some(id) = text(Some(value)) {
                    values.other.insert("issuetype".into(), json!({ "id": id }));
                }
            }
            _ => {}
        }
    }
    values
}

fn version_input(fields: &crate::sync::connector::Fields) -> VersionInput {
    let mut input = VersionInput::default();
    if let Some(name) = text(fields.get(&SyncField::Summary)) {
        input.name = Some(name);
    }
    if let Some(start) = fields.get(&SyncField::StartDate) {
        input.start_date = Some(date_of(start));
    }
    if let Some(release) = fields.get(&SyncField::DueDate) {
        input.release_date = Some(date_of(release));
    }
    input
}

impl JiraTtnx {
    pub(super) async fn write_jira(&self, ops: &[WriteOp]) -> AppResult<Vec<WriteResult>> {
        let mut results = Vec::with_capacity(ops.len());
        for op in ops {
            results.push(if op.kind == EntityKind::Worklog {
                self.write_jira_worklog(op).await?
            } else {
                self.write_one_jira(op).await?
            });
        }
        Ok(results)
    }

    async fn write_one_jira(&self, op: &WriteOp) -> AppResult<WriteResult> {
        let side = self.setup.jira_side;
        let target = op.target_id.as_deref().and_then(JiraId::parse);
        let outcome = match (op.action, op.kind) {
            (OpAction::Create, EntityKind::Group) => return self.create_group(op).await,
            (OpAction::Create, _) => return self.create_issue(op).await,
            (OpAction::Update, EntityKind::Group) => match target {
                Some(JiraId::Version(id)) => self
                    .jira
                    .update_version(&id, &version_input(&op.fields))
                    .await
                    .map(|v| v.id),
                _ => return Ok(sprint_refused(op)),
            },
            (OpAction::Archive, EntityKind::Group) => match target {
                Some(JiraId::Version(id)) => {
                    let input = VersionInput {
                        archived: Some(true),
                        ..VersionInput::default()
                    };
                    self.jira.update_version(&id, &input).await.map(|v| v.id)
                }
                _ => return Ok(sprint_refused(op)),
            },
            (OpAction::Delete, EntityKind::Group) => {
                return Ok(WriteResult::Failed {
                    cause: ProblemCause::Rejected { side, status: 405 },
                    message: format!("Kakehashi does not delete Jira versions (“{}”): issues of other projects' boards and reports may refer to them. Archive or delete it in Jira, or use the Archive deletion policy.", op.source.display),
                    retryable: false,
                })
            }
            (action, _) => {
                let Some(JiraId::Issue(id)) = target else {
                    return Ok(WriteResult::Failed {
                        cause: ProblemCause::Rejected { side, status: 404 },
                        message: format!("“{}” has no Jira issue to change.", op.source.display),
                        retryable: false,
                    });
                };
                self.change_issue(action, &id, op).await.map(|()| id)
            }
        };
        Ok(match outcome {
            Ok(id) => WriteResult::Done {
                id: match op.kind {
                    EntityKind::Group => JiraId::Version(id).to_string(),
                    _ => id,
                },
                fields: op.fields.clone(),
            },
            Err(err)
                if err.kind == kakehashi_http::ErrorKind::NotFound
                    && op.action == OpAction::Delete =>
            {
                WriteResult::Done {
                    id: op.target_id.clone().unwrap_or_default(),
                    fields: op.fields.clone(),
                }
            }
            Err(err) => failed(side, &err, permission(op.action)),
        })
    }

    async fn change_issue(
        &self,
        action: OpAction,
        id: &str,
        op: &WriteOp,
    ) -> Result<(), kakehashi_http::HttpError> {
        match action {
            OpAction::Delete => self.jira.delete_issue(id, true).await,
            OpAction::Archive => {
                let transitions = self.jira.transitions(id).await?;
                let done = transitions.iter().find(|t| {
                    t.to.as_ref()
                        .and_then(|s| s.status_category.as_ref())
                        .and_then(|c| c.key.as_deref())
                        == Some("done")
                });
                match done {
                    Some(t) => self.jira.transition_issue(id, &t.id, None, None).await,
                    None => Ok(()),
                }
            }
            _ => {
                let values = field_values(&op.fields);
                if values != FieldValues::default() {
                    self.jira.edit_issue(id, &values).await?;
                }
                match text(op.fields.get(&SyncField::Status)) {
                    Some(status) => self.move_to(id, &status).await,
                    None => Ok(()),
                }
            }
        }
    }

    /// Takes the transition into `status` (id), if the workflow offers one
    /// (none is offered into the status the issue is already in).
    async fn move_to(&self, issue: &str, status: &str) -> Result<(), kakehashi_http::HttpError> {
        let transitions = self.jira.transitions(issue).await?;
        match transitions
            .iter()
            .find(|t| t.to.as_ref().is_some_and(|s| s.id == status))
        {
            Some(t) => self.jira.transition_issue(issue, &t.id, None, None).await,
            None => Ok(()),
        }
    }

    async fn create_group(&self, op: &WriteOp) -> AppResult<WriteResult> {
        if self.setup.group_by != crate::sync::model::GroupBy::Version {
            return Ok(sprint_refused(op));
        }
        let mut input = version_input(&op.fields);
        if input.name.is_none() {
            input.name = Some(op.source.display.clone());
        }
        Ok(
            match self
                .jira
                .create_version(&self.setup.jira_project, &input)
                .await
            {
                Ok(version) => WriteResult::Done {
                    id: JiraId::Version(version.id).to_string(),
                    fields: op.fields.clone(),
                },
                Err(err) if outcome_unknown(&err) => return Err(unknown(err)),
                Err(err) => failed(self.setup.jira_side, &err, "ADMINISTER_PROJECTS"),
            },
        )
    }

    async fn create_issue(&self, op: &WriteOp) -> AppResult<WriteResult> {
        let side = self.setup.jira_side;
        let mut values = field_values(&op.fields);
        let summary = values
            .summary
            .take()
            .unwrap_or_else(|| op.source.display.clone());
        let subtask = op.kind == EntityKind::SubItem;
        let issue_type = match values
            .other
            .remove("issuetype")
            .and_then(|t| t.get("id").cloned())
        {
            Some(Value::String(id)) if !subtask => id,
            _ if subtask => self
                .cache()
                .jira_subtask_type
                .clone()
                .unwrap_or_else(|| "Sub-task".into()),
            _ => "Task".into(),
        };
        let parent = op.parent.as_deref().and_then(JiraId::parse);
        let mut issue = NewIssue::new(&self.setup.jira_project, &issue_type, &summary)
            .property(markers::JIRA_PROPERTY, markers::value(&op.key));
        match parent {
            Some(JiraId::Version(version)) => values.fix_versions = Some(vec![version]),
            Some(JiraId::Sprint(sprint)) => {
                let number = sprint.parse::<u64>().map_or(json!(sprint), |n| json!(n));
                values
                    .other
                    .insert(sprint_field(self.jira.deployment()).into(), number);
            }
            Some(JiraId::Issue(parent)) => {
                let key = self
                    .cache()
                    .jira_keys
                    .get(&parent)
                    .cloned()
                    .unwrap_or(parent);
                issue = issue.parent(&key);
            }
            _ => {}
        }
        if values.assignee == Some(None) {
            values.assignee = None;
        }
        issue.fields = FieldValues {
            summary: Some(summary),
            ..values
        };
        let created = match self.jira.create_issue(&issue).await {
            Ok(created) => created,
            Err(err) if outcome_unknown(&err) => return Err(unknown(err)),
            Err(err) => return Ok(failed(side, &err, "CREATE_ISSUES")),
        };
        self.cache()
            .jira_keys
            .insert(created.id.clone(), created.key.clone());
        if let Some(status) = text(op.fields.get(&SyncField::Status)) {
            if let Err(err) = self.move_to(&created.id, &status).await {
                return Ok(failed(side, &err, "TRANSITION_ISSUES"));
            }
        }
        Ok(WriteResult::Done {
            id: created.id,
            fields: op.fields.clone(),
        })
    }
}

fn permission(action: OpAction) -> &'static str {
    match action {
        OpAction::Create => "CREATE_ISSUES",
        OpAction::Update => "EDIT_ISSUES",
        OpAction::Delete => "DELETE_ISSUES",
        OpAction::Archive => "TRANSITION_ISSUES",
    }
}

fn sprint_refused(op: &WriteOp) -> WriteResult {
    WriteResult::Failed {
        cause: ProblemCause::StructureMismatch {
            detail: "sprints are read-only".into(),
        },
        message: format!("“{}” would need a Jira sprint to be created or changed; Kakehashi reads sprints but leaves them to the board. Create the sprint on the board in Jira, or group by version.", op.source.display),
        retryable: false,
    }
}
