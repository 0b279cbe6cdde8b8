//! Writing worklogs, one request each (neither API batches them).
//!
//! TT NX → Jira: the technical user logs the work with `started` at its
//! own profile zone's offset, the time in seconds, and a comment naming the
//! real author ("山田 太郎 (TimeTracker NX)"), the memo, and the marker
//! line. Jira → TT NX: the entry is booked for the TT NX user the user map
//! pairs with the worklog's author (unmapped → UnmappedUser), server-local
//! and on the server's grid; `workItemId` only on create. A worklog cannot
//! be archived: Archive leaves it as it is.

use kakehashi_http::{ErrorKind, HttpError};
use kakehashi_jira::model::worklog::{Worklog, WorklogInput};
use kakehashi_jira::AdjustEstimate;
use kakehashi_ttnx::model::{TimeEntryId, UserId, WorkItemId};
use kakehashi_ttnx::time_entries::{NewTimeEntry, TimeEntryUpdate};
use serde_json::Value;

use super::ids::JiraId;
use super::outcome::{failed, outcome_unknown, unknown};
use super::worklogs::{compose_comment, jira_fields, parse_comment, EntryId};
use super::{zones, JiraTtnx};
use crate::sync::connector::{Fields, WriteOp, WriteResult};
use crate::sync::model::{OpAction, ProblemCause, SyncField};
use crate::AppResult;

/// What the technical user needs to log work for others in Jira.
const JIRA_PERMISSION: &str = "WORK_ON_ISSUES";
/// What the technical user needs to book time for other TT NX users.
const TTNX_PERMISSION: &str = "System Administrator (enter time entries for other users)";

const SYNCED: [SyncField; 3] = [
    SyncField::Summary,
    SyncField::StartDate,
    SyncField::OriginalEstimate,
];

fn synced(fields: Fields) -> Fields {
    fields
        .into_iter()
        .filter(|(f, _)| SYNCED.contains(f))
        .collect()
}

fn text_of(fields: &Fields) -> String {
    fields
        .get(&SyncField::Summary)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

fn refused(op: &WriteOp, side: crate::sync::model::Side, what: &str) -> WriteResult {
    WriteResult::Failed {
        cause: ProblemCause::Rejected { side, status: 400 },
        message: format!(
            "The worklog “{}” {what}; check it on the source side, then retry.",
            op.source.display
        ),
        retryable: false,
    }
}

fn done(id: String, fields: Fields) -> WriteResult {
    WriteResult::Done { id, fields }
}

impl JiraTtnx {
    /// The real author's name for the comment of a TT NX entry's worklog.
    fn author_name(&self, op: &WriteOp) -> String {
        let user = op
            .source
            .fields
            .get(&SyncField::Assignee)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if let Some(name) = self.cache().ttnx_names.get(&user) {
            return name.clone();
        }
        self.setup
            .translator
            .users
            .iter()
            .find(|p| {
                let right = if self.setup.jira_side == crate::sync::model::Side::Left {
                    &p.right
                } else {
                    &p.left
                };
                *right == user
            })
            .map(|p| {
                if self.setup.jira_side == crate::sync::model::Side::Left {
                    p.right_name.clone()
                } else {
                    p.left_name.clone()
                }
            })
            .unwrap_or(user)
    }

    pub(super) async fn write_jira_worklog(&self, op: &WriteOp) -> AppResult<WriteResult> {
        let side = self.setup.jira_side;
        let start = op
            .fields
            .get(&SyncField::StartDate)
            .and_then(zones::instant_of);
        let seconds = op
            .fields
            .get(&SyncField::OriginalEstimate)
            .and_then(Value::as_i64)
            .and_then(|s| u64::try_from(s).ok())
            .filter(|s| *s > 0);
        let zone = self.jira_me().await?.1;
        match op.action {
            OpAction::Archive => Ok(done(
                op.target_id.clone().unwrap_or_default(),
                Fields::new(),
            )),
            OpAction::Create => {
                let Some(JiraId::Issue(issue)) = op.parent.as_deref().and_then(JiraId::parse)
                else {
                    return Ok(refused(op, side, "has no Jira issue to be logged on"));
                };
                let (Some(start), Some(seconds)) = (start, seconds) else {
                    return Ok(refused(op, side, "has no start or no time spent"));
                };
                let comment = compose_comment(&self.author_name(op), &text_of(&op.fields), &op.key);
                let input =
                    WorklogInput::new(zones::jira_started(start, &zone), seconds).comment(comment);
                match self
                    .jira
                    .add_worklog(&issue, &input, AdjustEstimate::Leave)
                    .await
                {
                    Ok(worklog) => Ok(jira_done(&issue, &worklog)),
                    Err(err) if outcome_unknown(&err) => Err(unknown(err)),
                    Err(err) => Ok(failed(side, &err, JIRA_PERMISSION)),
                }
            }
            OpAction::Update | OpAction::Delete => {
                let Some(JiraId::Worklog { issue, id }) =
                    op.target_id.as_deref().and_then(JiraId::parse)
                else {
                    return Ok(refused(op, side, "names no Jira worklog to change"));
                };
                if op.action == OpAction::Delete {
                    return Ok(
                        match self
                            .jira
                            .delete_worklog(&issue, &id, AdjustEstimate::Leave)
                            .await
                        {
                            Ok(()) => done(op.target_id.clone().unwrap_or_default(), Fields::new()),
                            Err(err) if err.kind == ErrorKind::NotFound => {
                                done(op.target_id.clone().unwrap_or_default(), Fields::new())
                            }
                            Err(err) => failed(side, &err, JIRA_PERMISSION),
                        },
                    );
                }
                let mut input = WorklogInput {
                    started: start.map(|s| zones::jira_started(s, &zone)),
                    time_spent_seconds: seconds,
                    comment: None,
                };
                if op.fields.contains_key(&SyncField::Summary) {
                    // Ours keep their author line and marker; a person's own
                    // worklog just gets the new text.
                    let current = match self.jira.worklog(&issue, &id).await {
                        Ok(w) => w,
                        Err(err) => return Ok(failed(side, &err, JIRA_PERMISSION)),
                    };
                    let raw = current
                        .comment
                        .as_ref()
                        .map(|c| c.to_text())
                        .unwrap_or_default();
                    let text = text_of(&op.fields);
                    let comment = match parse_comment(&raw).marker {
                        Some(marker) => compose_comment(&self.author_name(op), &text, &marker),
                        None => text,
                    };
                    input.comment = Some(Some(comment.into()));
                }
                match self
                    .jira
                    .update_worklog(&issue, &id, &input, AdjustEstimate::Leave)
                    .await
                {
                    Ok(worklog) => Ok(jira_done(&issue, &worklog)),
                    Err(err) => Ok(failed(side, &err, JIRA_PERMISSION)),
                }
            }
        }
    }

    pub(super) async fn write_ttnx_entry(&self, op: &WriteOp) -> AppResult<WriteResult> {
        let side = self.setup.jira_side.other();
        let zone = &self.setup.ttnx_zone;
        if op.action == OpAction::Archive {
            return Ok(done(
                op.target_id.clone().unwrap_or_default(),
                Fields::new(),
            ));
        }
        // The source's own seconds when it is the Jira worklog these minutes
        // came from, so rounding is judged on what the person logged (an
        // undo's source may hold other values: then the minutes count).
        let minutes = op
            .fields
            .get(&SyncField::OriginalEstimate)
            .and_then(Value::as_i64);
        let seconds = op
            .source
            .fields
            .get(&SyncField::OriginalEstimate)
            .and_then(Value::as_i64)
            .filter(|s| {
                matches!(JiraId::parse(&op.source.id), Some(JiraId::Worklog { .. }))
                    && Some((s + 30) / 60) == minutes
            })
            .or(minutes.map(|m| m * 60));
        let start = op
            .fields
            .get(&SyncField::StartDate)
            .and_then(zones::instant_of);
        if op.action == OpAction::Create {
            let Some(item) = op.parent.clone() else {
                return Ok(refused(
                    op,
                    side,
                    "has no TimeTracker NX work item to be booked on",
                ));
            };
            let author = op
                .source
                .fields
                .get(&SyncField::Assignee)
                .cloned()
                .unwrap_or(Value::Null);
            let user = match self.setup.translator.translate(SyncField::Assignee, side.other(), &author) {
                Ok(Value::String(user)) => user,
                Ok(_) => return Ok(refused(op, side, "has no author")),
                Err(cause) => {
                    return Ok(WriteResult::Failed {
                        message: format!("The author of the worklog “{}” has no TimeTracker NX user in the profile's user map, so the time cannot be booked for them: map this user, then retry.", op.source.display),
                        cause: self.named(cause),
                        retryable: false,
                    })
                }
            };
            let (Some(start), Some(seconds)) = (start, seconds) else {
                return Ok(refused(op, side, "has no start or no time spent"));
            };
            let times = match zones::entry_times(zone, self.setup.granularity, start, seconds) {
                Ok(times) => times,
                Err(err) => return Ok(refused(op, side, &format!("cannot be booked ({err})"))),
            };
            let text = text_of(&op.fields);
            let mut entry = NewTimeEntry::new(WorkItemId::from(item), times.start, times.finish);
            if !text.is_empty() {
                entry = entry.memo(text);
            }
            let user_id = UserId::from(user.as_str());
            return match self.ttnx.create_time_entry(&user_id, &entry).await {
                Ok(created) => Ok(done(
                    EntryId {
                        user,
                        id: created.id.to_string(),
                    }
                    .to_string(),
                    entry_fields(zone, &op.fields, times)?,
                )),
                Err(err) if outcome_unknown(&err) => Err(unknown(err)),
                Err(err) => Ok(failed(side, &err, TTNX_PERMISSION)),
            };
        }
        let Some(target) = op.target_id.as_deref().and_then(EntryId::parse) else {
            return Ok(refused(
                op,
                side,
                "names no TimeTracker NX time entry to change",
            ));
        };
        let user = UserId::from(target.user.as_str());
        let ids = [TimeEntryId::from(target.id.as_str())];
        if op.action == OpAction::Delete {
            return Ok(match self.ttnx.delete_time_entries(&user, &ids).await {
                Ok(()) => done(target.to_string(), Fields::new()),
                Err(err) if err.kind == ErrorKind::NotFound => {
                    done(target.to_string(), Fields::new())
                }
                Err(err) => failed(side, &err, TTNX_PERMISSION),
            });
        }
        let mut update = TimeEntryUpdate::default();
        let mut written = Fields::new();
        if op.fields.contains_key(&SyncField::Summary) {
            update.memo = Some(text_of(&op.fields));
            written.insert(SyncField::Summary, op.fields[&SyncField::Summary].clone());
        }
        if start.is_some() || op.fields.contains_key(&SyncField::OriginalEstimate) {
            // A move or a new length needs the other half as it is now.
            let current = match self.ttnx.time_entry(&user, &ids[0]).await {
                Ok(entry) => entry,
                Err(err) => return Ok(failed(side, &err, TTNX_PERMISSION)),
            };
            let start = match start {
                Some(s) => s,
                None => zones::entry_instant(zone, current.start_time)?,
            };
            let seconds = seconds.unwrap_or_else(|| {
                current
                    .finish_time
                    .duration_since(current.start_time)
                    .as_secs()
            });
            let times = match zones::entry_times(zone, self.setup.granularity, start, seconds) {
                Ok(times) => times,
                Err(err) => return Ok(refused(op, side, &format!("cannot be booked ({err})"))),
            };
            update.start_time = Some(times.start);
            update.finish_time = Some(times.finish);
            written.extend(entry_fields(zone, &Fields::new(), times)?);
        }
        if update.is_empty() {
            return Ok(done(target.to_string(), written));
        }
        Ok(
            match self.ttnx.update_time_entries(&user, &ids, &update).await {
                Ok(()) => done(target.to_string(), written),
                Err(err) => failed(side, &err, TTNX_PERMISSION),
            },
        )
    }
}

/// A created or updated worklog as Jira now holds it.
fn jira_done(issue: &str, worklog: &Worklog) -> WriteResult {
    done(
        JiraId::Worklog {
            issue: issue.to_owned(),
            id: worklog.id.clone(),
        }
        .to_string(),
        synced(jira_fields(worklog).0),
    )
}

/// The entry's fields as booked (start and length after the grid).
fn entry_fields(
    zone: &kakehashi_ttnx::ServerZone,
    fields: &Fields,
    times: zones::EntryTimes,
) -> Result<Fields, HttpError> {
    let mut out = Fields::new();
    if let Some(text) = fields.get(&SyncField::Summary) {
        out.insert(SyncField::Summary, text.clone());
    }
    let start = zone.to_utc(times.start)?;
    out.insert(SyncField::StartDate, Value::String(start.to_string()));
    out.insert(SyncField::OriginalEstimate, Value::from(times.minutes()));
    Ok(out)
}
