//! Reading the `fields` and `update` of an issue create, edit or transition
//! request into edits, and applying them with a changelog entry per change.
//! Invalid fields are collected and answered together, as Jira does:
//! `{"errorMessages":[],"errors":{"summary":"...","labels":"..."}}`.

use jiff::civil::Date;
use serde_json::{Map, Value};

use super::catalog::{IssueType, Priority, Status, RESOLUTION_DONE};
use super::errors::ApiError;
use super::issue_json::person_change_ref;
use super::state::Shared;
use super::store::{take, ChangeItem, Comment, History, Issue, PersonIx, SprintState, Store};
use super::text::{is_adf_document, Body, Text};
use super::time::{parse_duration, Millis};
use super::users::person_from_object;
use super::Flavor;

/// One change to an issue.
#[derive(Debug, Clone)]
pub enum Edit {
    Summary(String),
    Description(Option<Body>),
    Assignee(Option<PersonIx>),
    Reporter(PersonIx),
    Priority(Priority),
    IssueType(IssueType),
    SetLabels(Vec<String>),
    AddLabel(String),
    RemoveLabel(String),
    SetVersions(Vec<u64>),
    AddVersion(u64),
    RemoveVersion(u64),
    Sprint(Option<u64>),
    DueDate(Option<Date>),
    /// Estimates in seconds; `None` leaves one as it is, `Some(None)` clears it.
    TimeTracking {
        original: Option<Option<u64>>,
        remaining: Option<Option<u64>>,
    },
    AddComment(Body),
}

/// Fields a create request handles itself, around the edits.
pub const CREATE_ONLY: [&str; 2] = ["project", "parent"];

fn cannot_set(field: &str) -> String {
    format!("Field '{field}' cannot be set. It is not on the appropriate screen, or unknown.")
}

/// Collects field errors so that one answer names them all.
#[derive(Default)]
pub struct Problems(Vec<(String, String)>);

impl Problems {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if !self.0.iter().any(|(f, _)| f == field) {
            self.0.push((field.to_owned(), message.into()));
        }
    }

    pub fn into_result(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            return Ok(());
        }
        Err(ApiError::fields(self.0))
    }
}

pub struct Parser<'a> {
    pub shared: &'a Shared,
    pub store: &'a Store,
    /// The project the issue is (or will be) in.
    pub project: usize,
    pub problems: Problems,
    pub edits: Vec<Edit>,
}

impl<'a> Parser<'a> {
    pub fn new(shared: &'a Shared, store: &'a Store, project: usize) -> Self {
        Parser {
            shared,
            store,
            project,
            problems: Problems::default(),
            edits: Vec::new(),
        }
    }

    /// Reads `fields` (values to set) and `update` (lists of operations).
    pub fn read(&mut self, fields: Option<&Value>, update: Option<&Value>, skip: &[&str]) {
        let fields = match fields {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) => Some(map),
            Some(_) => {
                self.problems.add(
                    "fields",
                    "'fields' must be an object of field ids to values.",
                );
                None
            }
        };
        let update = match update {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) => Some(map),
            Some(_) => {
                self.problems.add(
                    "update",
                    "'update' must be an object of field ids to operation lists.",
                );
                None
            }
        };
        if let Some(fields) = fields {
            for (field, value) in fields {
                if skip.contains(&field.as_str()) {
                    continue;
                }
                if update.is_some_and(|u| u.contains_key(field)) {
                    self.problems.add(
                        field,
                        format!(
                            "Field '{field}' cannot be changed with both 'fields' and 'update'."
                        ),
                    );
                    continue;
                }
                self.set(field, value);
            }
        }
        if let Some(update) = update {
            for (field, operations) in update {
                self.update(field, operations);
            }
        }
    }

    fn set(&mut self, field: &str, value: &Value) {
        match field {
            "summary" => match value.as_str().map(str::trim) {
                Some("") | None => self
                    .problems
                    .add("summary", "You must specify a summary of the issue."),
                Some(text) if text.chars().count() > 255 => self
                    .problems
                    .add("summary", "Summary must be less than 255 characters."),
                Some(text) => self.edits.push(Edit::Summary(text.to_owned())),
            },
            "description" => {
                if let Some(body) = self.body("description", value, true) {
                    self.edits.push(Edit::Description(body));
                }
            }
            "assignee" => match person_from_object(self.shared, "assignee", value) {
                Ok(person) => self.edits.push(Edit::Assignee(person)),
                Err(err) => self.merge(err),
            },
            "reporter" => match person_from_object(self.shared, "reporter", value) {
                Ok(Some(person)) => self.edits.push(Edit::Reporter(person)),
                Ok(None) => self.problems.add("reporter", "Reporter is required."),
                Err(err) => self.merge(err),
            },
            "priority" => match named(value).and_then(Priority::find) {
                Some(priority) => self.edits.push(Edit::Priority(priority)),
                None => self.problems.add(
                    "priority",
                    "Specify the priority by 'id' or 'name' (Highest, High, Medium, Low, Lowest).",
                ),
            },
            "issuetype" => match named(value).and_then(IssueType::find) {
                Some(issue_type) => self.edits.push(Edit::IssueType(issue_type)),
                None => self
                    .problems
                    .add("issuetype", "Specify a valid issue type by 'id' or 'name'."),
            },
            "labels" => match value {
                Value::Array(items) => {
                    let labels: Option<Vec<String>> = items.iter().map(|l| self.label(l)).collect();
                    if let Some(labels) = labels {
                        self.edits.push(Edit::SetLabels(labels));
                    }
                }
                Value::Null => self.edits.push(Edit::SetLabels(Vec::new())),
                _ => self
                    .problems
                    .add("labels", "'labels' must be a list of strings."),
            },
            "fixVersions" => match value {
                Value::Array(items) => {
                    let versions: Option<Vec<u64>> =
                        items.iter().map(|v| self.version(v)).collect();
                    if let Some(versions) = versions {
                        self.edits.push(Edit::SetVersions(versions));
                    }
                }
                Value::Null => self.edits.push(Edit::SetVersions(Vec::new())),
                _ => self
                    .problems
                    .add("fixVersions", "'fixVersions' must be a list of versions."),
            },
            "duedate" => {
                if let Some(due) = self.due_date(value) {
                    self.edits.push(Edit::DueDate(due));
                }
            }
            "timetracking" => self.time_tracking(value),
            _ if field == self.shared.flavor.sprint_field() => {
                if let Some(sprint) = self.sprint(field, value) {
                    self.edits.push(Edit::Sprint(sprint));
                }
            }
            _ => self.problems.add(field, cannot_set(field)),
        }
    }

    fn update(&mut self, field: &str, operations: &Value) {
        let Some(operations) = operations.as_array() else {
            self.problems.add(
                field,
                format!("The operations on '{field}' must be a list."),
            );
            return;
        };
        for operation in operations {
            let Some((verb, value)) = operation.as_object().and_then(|o| o.iter().next()) else {
                self.problems.add(
                    field,
                    "Each operation must be an object like {\"set\": ...}.",
                );
                continue;
            };
            match (field, verb.as_str()) {
                (_, "set") | ("timetracking", "edit") => self.set(field, value),
                ("labels", "add") => {
                    if let Some(label) = self.label(value) {
                        self.edits.push(Edit::AddLabel(label));
                    }
                }
                ("labels", "remove") => {
                    if let Some(label) = self.label(value) {
                        self.edits.push(Edit::RemoveLabel(label));
                    }
                }
                ("fixVersions", "add") => {
                    if let Some(version) = self.version(value) {
                        self.edits.push(Edit::AddVersion(version));
                    }
                }
                ("fixVersions", "remove") => {
                    if let Some(version) = self.version(value) {
                        self.edits.push(Edit::RemoveVersion(version));
                    }
                }
                ("comment", "add") => {
                    let body = value.get("body").unwrap_or(&Value::Null);
                    if let Some(Some(body)) = self.body("comment", body, false) {
                        self.edits.push(Edit::AddComment(body));
                    }
                }
                _ => self.problems.add(
                    field,
                    format!("The operation '{verb}' is not supported on field '{field}'."),
                ),
            }
        }
    }

    fn merge(&mut self, error: ApiError) {
        for (field, message) in error.errors {
            self.problems.add(&field, message);
        }
    }

    /// A rich-text value: ADF on Cloud, a string on Data Center.
    /// `Some(None)` clears it (only where `nullable`).
    pub fn body(&mut self, field: &str, value: &Value, nullable: bool) -> Option<Option<Body>> {
        match (self.shared.flavor, value) {
            (_, Value::Null) if nullable => Some(None),
            (Flavor::Cloud, doc) if is_adf_document(doc) => Some(Some(Body::Adf(doc.clone()))),
            (Flavor::Cloud, _) => {
                self.problems.add(field, "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
                None
            }
            (Flavor::DataCenter, Value::String(text)) => Some(Some(Body::Plain(Text::owned(text)))),
            (Flavor::DataCenter, _) => {
                self.problems
                    .add(field, format!("The value of '{field}' must be a string."));
                None
            }
        }
    }

    fn label(&mut self, value: &Value) -> Option<String> {
        match value.as_str() {
            Some(label) if label.is_empty() || label.chars().any(char::is_whitespace) => {
                self.problems.add(
                    "labels",
                    format!("The label '{label}' contains spaces which is invalid."),
                );
                None
            }
            Some(label) if label.chars().count() > 255 => {
                self.problems
                    .add("labels", "A label must be at most 255 characters.");
                None
            }
            Some(label) => Some(label.to_owned()),
            None => {
                self.problems.add("labels", "Labels must be strings.");
                None
            }
        }
    }

    fn version(&mut self, value: &Value) -> Option<u64> {
        let found = self.store.versions.iter().find(|v| {
            v.project == self.project
                && (value
                    .get("id")
                    .and_then(id_text)
                    .is_some_and(|id| id == v.id.to_string())
                    || value.get("name").and_then(Value::as_str) == Some(v.name.as_str()))
        });
        match found {
            Some(version) => Some(version.id),
            None => {
                self.problems.add(
                    "fixVersions",
                    format!("Version {} is not valid in this project.", value),
                );
                None
            }
        }
    }

    /// `"2026-03-01"`; null or an empty text clears the due date.
    fn due_date(&mut self, value: &Value) -> Option<Option<Date>> {
        match value {
            Value::Null => Some(None),
            Value::String(text) if text.trim().is_empty() => Some(None),
            Value::String(text) => match parse_day(text.trim()) {
                Some(day) => Some(Some(day)),
                None => {
                    self.problems
                        .add("duedate", format!("Error parsing date string: {text}"));
                    None
                }
            },
            other => {
                self.problems
                    .add("duedate", format!("Error parsing date string: {other}"));
                None
            }
        }
    }

    /// `{"originalEstimate": "2h 30m", "remainingEstimate": "1h"}` (texts
    /// in Jira's duration format, a bare number being minutes), or the
    /// same in seconds (`originalEstimateSeconds`); an empty text or null
    /// clears an estimate, `"timetracking": null` both.
    fn time_tracking(&mut self, value: &Value) {
        let object = match value {
            Value::Null => {
                self.edits.push(Edit::TimeTracking {
                    original: Some(None),
                    remaining: Some(None),
                });
                return;
            }
            Value::Object(object) => object,
            _ => {
                self.problems.add(
                    "timetracking",
                    "Time tracking must be an object like {\"originalEstimate\": \"2h 30m\"}.",
                );
                return;
            }
        };
        let original = self.estimate(object, "originalEstimate", "Original Estimate");
        let remaining = self.estimate(object, "remainingEstimate", "Remaining Estimate");
        if let (Ok(original), Ok(remaining)) = (original, remaining) {
            if original.is_some() || remaining.is_some() {
                self.edits.push(Edit::TimeTracking {
                    original,
                    remaining,
                });
            }
        }
    }

    /// One estimate of a `timetracking` object; `Err` once it is reported.
    fn estimate(
        &mut self,
        object: &Map<String, Value>,
        name: &str,
        label: &str,
    ) -> Result<Option<Option<u64>>, ()> {
        let seconds = object.get(&format!("{name}Seconds"));
        let invalid = |value: &Value| format!("{label}: Invalid time duration entered ({value}).");
        let message = match (object.get(name), seconds) {
            (None, None) => return Ok(None),
            (Some(Value::Null), _) | (None, Some(Value::Null)) => return Ok(Some(None)),
            (Some(Value::String(text)), _) if text.trim().is_empty() => return Ok(Some(None)),
            (Some(Value::String(text)), _) => match parse_duration(text) {
                Some(seconds) => return Ok(Some(Some(seconds))),
                None => invalid(&Value::String(text.clone())),
            },
            (Some(other), _) => invalid(other),
            (None, Some(value)) => match value.as_u64() {
                Some(seconds) => return Ok(Some(Some(seconds))),
                None => invalid(value),
            },
        };
        self.problems.add("timetracking", message);
        Err(())
    }

    fn sprint(&mut self, field: &str, value: &Value) -> Option<Option<u64>> {
        if value.is_null() {
            return Some(None);
        }
        let Some(id) = value.as_u64() else {
            self.problems
                .add(field, "Number value expected as the Sprint id.");
            return None;
        };
        match self.store.sprint(id) {
            None => {
                self.problems
                    .add(field, format!("Sprint with id {id} does not exist."));
                None
            }
            Some(sprint) if sprint.state == SprintState::Closed => {
                self.problems.add(
                    field,
                    "Issue can be assigned only active or future sprints.",
                );
                None
            }
            Some(_) => Some(Some(id)),
        }
    }
}

/// The `id` or `name` of a `{"id": ...}` / `{"name": ...}` reference.
pub fn named(value: &Value) -> Option<&str> {
    value
        .get("id")
        .and_then(Value::as_str)
        .or_else(|| value.get("name").and_then(Value::as_str))
}

/// A `yyyy-MM-dd` day, the only form Jira's date fields take.
fn parse_day(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    shaped.then(|| text.parse().ok()).flatten()
}

/// An id given as a string or a number.
pub fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn change(
    field: &str,
    from: Option<String>,
    from_string: Option<String>,
    to: Option<String>,
    to_string: Option<String>,
) -> ChangeItem {
    ChangeItem {
        field: field.to_owned(),
        field_type: "jira",
        from,
        from_string,
        to,
        to_string,
    }
}

/// Applies edits, returning the changelog items of what really changed.
/// Comments added through `update` are stored but are not field changes.
pub fn apply(
    shared: &Shared,
    store: &mut Store,
    issue: &mut Issue,
    edits: Vec<Edit>,
    author: PersonIx,
    now: Millis,
) -> Vec<ChangeItem> {
    let mut items = Vec::new();
    let labels_before = issue
        .labels
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    for edit in edits {
        match edit {
            Edit::Summary(text) => {
                let old = issue.summary.as_str().into_owned();
                if old != text {
                    items.push(change("summary", None, Some(old), None, Some(text.clone())));
                    issue.summary = Text::owned(&text);
                }
            }
            Edit::Description(body) => {
                let old = issue.description.as_ref().map(Body::to_plain);
                let new = body.as_ref().map(Body::to_plain);
                if issue.description != body {
                    items.push(change("description", None, old, None, new));
                    issue.description = body;
                }
            }
            Edit::Assignee(person) => {
                if issue.assignee != person {
                    let (from, from_string) = person_change_ref(shared, issue.assignee);
                    let (to, to_string) = person_change_ref(shared, person);
                    items.push(change("assignee", from, from_string, to, to_string));
                    issue.assignee = person;
                }
            }
            Edit::Reporter(person) => {
                if issue.reporter != person {
                    let (from, from_string) = person_change_ref(shared, Some(issue.reporter));
                    let (to, to_string) = person_change_ref(shared, Some(person));
                    items.push(change("reporter", from, from_string, to, to_string));
                    issue.reporter = person;
                }
            }
            Edit::Priority(priority) => {
                if issue.priority != priority {
                    let (old, new) = (issue.priority, priority);
                    items.push(change(
                        "priority",
                        Some(old.id().into()),
                        Some(old.name().into()),
                        Some(new.id().into()),
                        Some(new.name().into()),
                    ));
                    issue.priority = priority;
                }
            }
            Edit::IssueType(issue_type) => {
                if issue.issue_type != issue_type {
                    let old = issue.issue_type;
                    items.push(change(
                        "issuetype",
                        Some(old.id().into()),
                        Some(old.name().into()),
                        Some(issue_type.id().into()),
                        Some(issue_type.name().into()),
                    ));
                    issue.issue_type = issue_type;
                }
            }
            Edit::SetLabels(labels) => {
                issue.labels = labels.into_iter().map(Into::into).collect();
            }
            Edit::AddLabel(label) => {
                if !issue.labels.iter().any(|l| **l == *label) {
                    issue.labels.push(label.into());
                }
            }
            Edit::RemoveLabel(label) => issue.labels.retain(|l| **l != *label),
            Edit::SetVersions(versions) => {
                let (old, new) = (issue.fix_versions.clone(), versions);
                for removed in old.iter().filter(|v| !new.contains(v)) {
                    items.push(version_change(store, Some(*removed), None));
                }
                for added in new.iter().filter(|v| !old.contains(v)) {
                    items.push(version_change(store, None, Some(*added)));
                }
                issue.fix_versions = new;
            }
            Edit::AddVersion(version) => {
                if !issue.fix_versions.contains(&version) {
                    items.push(version_change(store, None, Some(version)));
                    issue.fix_versions.push(version);
                }
            }
            Edit::RemoveVersion(version) => {
                if issue.fix_versions.contains(&version) {
                    items.push(version_change(store, Some(version), None));
                    issue.fix_versions.retain(|v| *v != version);
                }
            }
            Edit::Sprint(sprint) => {
                if issue.sprint != sprint {
                    let name = |id: Option<u64>| {
                        id.and_then(|id| store.sprint(id)).map(|s| s.name.clone())
                    };
                    let mut item = change(
                        "Sprint",
                        issue.sprint.map(|s| s.to_string()),
                        name(issue.sprint),
                        sprint.map(|s| s.to_string()),
                        name(sprint),
                    );
                    item.field_type = "custom";
                    items.push(item);
                    issue.sprint = sprint;
                }
            }
            Edit::DueDate(due) => {
                if issue.due != due {
                    let day = |d: Option<Date>| d.map(|d| d.to_string());
                    let shown = |d: Option<Date>| d.map(|d| format!("{d} 00:00:00.0"));
                    items.push(change(
                        "duedate",
                        day(issue.due),
                        shown(issue.due),
                        day(due),
                        shown(due),
                    ));
                    issue.due = due;
                }
            }
            Edit::TimeTracking {
                original,
                remaining,
            } => {
                let new_original = original.unwrap_or(issue.original_estimate);
                // Without a remaining estimate of its own, the remaining one
                // follows the original while nothing is logged (or it has none).
                let new_remaining = match remaining {
                    Some(remaining) => remaining,
                    None if original.is_some()
                        && (issue.remaining_estimate.is_none() || issue.worklogs.is_empty()) =>
                    {
                        new_original
                    }
                    None => issue.remaining_estimate,
                };
                let seconds = |s: Option<u64>| s.map(|s| s.to_string());
                for (field, old, new) in [
                    (
                        "timeoriginalestimate",
                        issue.original_estimate,
                        new_original,
                    ),
                    ("timeestimate", issue.remaining_estimate, new_remaining),
                ] {
                    if old != new {
                        items.push(change(
                            field,
                            seconds(old),
                            seconds(old),
                            seconds(new),
                            seconds(new),
                        ));
                    }
                }
                issue.original_estimate = new_original;
                issue.remaining_estimate = new_remaining;
            }
            Edit::AddComment(body) => {
                let id = take(&mut store.ids.comment);
                issue.comments.push(Comment {
                    id,
                    author,
                    update_author: author,
                    body,
                    created: now,
                    updated: now,
                });
            }
        }
    }
    let labels_after = issue
        .labels
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    if labels_before != labels_after {
        items.push(change(
            "labels",
            None,
            Some(labels_before),
            None,
            Some(labels_after),
        ));
    }
    items
}

fn version_change(store: &Store, from: Option<u64>, to: Option<u64>) -> ChangeItem {
    let name = |id: Option<u64>| id.and_then(|id| store.version(id)).map(|v| v.name.clone());
    change(
        "Fix Version",
        from.map(|v| v.to_string()),
        name(from),
        to.map(|v| v.to_string()),
        name(to),
    )
}

/// Moves an issue to `status`, keeping the resolution in step (set on
/// Done, cleared when reopened); the changelog items of the move.
pub fn move_status(issue: &mut Issue, status: Status, now: Millis) -> Vec<ChangeItem> {
    let old = issue.status;
    if old == status {
        return Vec::new();
    }
    let mut items = vec![change(
        "status",
        Some(old.id().into()),
        Some(old.name().into()),
        Some(status.id().into()),
        Some(status.name().into()),
    )];
    if status == Status::Done && issue.resolved.is_none() {
        items.push(change(
            "resolution",
            None,
            None,
            Some(RESOLUTION_DONE.0.into()),
            Some(RESOLUTION_DONE.1.into()),
        ));
        issue.resolved = Some(now);
    } else if status != Status::Done && issue.resolved.is_some() {
        items.push(change(
            "resolution",
            Some(RESOLUTION_DONE.0.into()),
            Some(RESOLUTION_DONE.1.into()),
            None,
            None,
        ));
        issue.resolved = None;
    }
    issue.status = status;
    items
}

/// Records a changelog entry (when something changed) and bumps `updated`.
pub fn record(
    store: &mut Store,
    issue: &mut Issue,
    author: PersonIx,
    now: Millis,
    items: Vec<ChangeItem>,
) {
    if items.is_empty() {
        return;
    }
    let id = take(&mut store.ids.history);
    issue.history.push(History {
        id,
        author,
        created: now,
        items,
    });
    issue.touch(now);
}

/// Reads the `properties` list of a create or edit body.
pub fn read_properties(value: Option<&Value>) -> Result<Vec<(String, Value)>, ApiError> {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let items = value.as_array().ok_or_else(|| {
        ApiError::bad_request("'properties' must be a list of {\"key\", \"value\"} objects.")
    })?;
    items
        .iter()
        .map(|item| {
            let object: &Map<String, Value> = item.as_object().ok_or_else(|| {
                ApiError::bad_request("Each property must be an object with 'key' and 'value'.")
            })?;
            let key = object.get("key").and_then(Value::as_str).unwrap_or("");
            super::properties::check_key(key)?;
            Ok((
                key.to_owned(),
                object.get("value").cloned().unwrap_or(Value::Null),
            ))
        })
        .collect()
}
