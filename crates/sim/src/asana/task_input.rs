//! Reading the `data` of `POST /tasks` and `PUT /tasks/{gid}`: each
//! property type-checked, every referenced user, project, section and
//! workspace looked up, create-only properties refused on update — with
//! Asana's 400 / 404 for what is wrong.

use jiff::civil::Date;
use jiff::Timestamp;
use serde_json::{Map, Value};

use super::response::ApiError;
use super::store::{parse_gid, Gid, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Create,
    Update,
}

/// The properties a request sets; `None` = not sent, `Some(None)` = cleared.
#[derive(Debug, Default)]
pub(crate) struct TaskInput {
    pub name: Option<String>,
    pub notes: Option<String>,
    pub assignee: Option<Option<Gid>>,
    pub completed: Option<bool>,
    pub due_on: Option<Option<Date>>,
    pub due_at: Option<Option<Timestamp>>,
    pub start_on: Option<Option<Date>>,
    /// Checked against the task's fields once its projects are known.
    pub custom_fields: Option<Value>,
    pub followers: Vec<Gid>,
    /// (project, section) — the section when `memberships` named one.
    pub memberships: Vec<(Gid, Option<Gid>)>,
    pub workspace: Option<Gid>,
    pub parent: Option<Gid>,
}

fn string<'a>(data: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, ApiError> {
    match data.get(key) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(Value::Null) => Err(ApiError::bad_request(format!(
            "{key}: Value cannot be null"
        ))),
        Some(_) => Err(ApiError::bad_request(format!(
            "{key}: Value is not a string"
        ))),
    }
}

/// A string property that may be `null` to clear it.
fn nullable_string<'a>(
    data: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<Option<&'a str>>, ApiError> {
    match data.get(key) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::String(text)) => Ok(Some(Some(text))),
        Some(_) => Err(ApiError::bad_request(format!(
            "{key}: Value is not a string or null"
        ))),
    }
}

fn strings<'a>(data: &'a Map<String, Value>, key: &str) -> Result<Vec<&'a str>, ApiError> {
    match data.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str().ok_or_else(|| {
                    ApiError::bad_request(format!("{key}: Every item must be a string"))
                })
            })
            .collect(),
        Some(_) => Err(ApiError::bad_request(format!(
            "{key}: Value is not an array"
        ))),
    }
}

/// A membership's project or section: a GID string as Asana documents, or
/// a compact record `{"gid": ...}` as its contract types the property.
fn reference<'a>(item: &'a Map<String, Value>, key: &str) -> Result<Option<&'a str>, ApiError> {
    match item.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(Value::Object(record)) => match record.get("gid") {
            Some(Value::String(gid)) => Ok(Some(gid)),
            _ => Err(ApiError::bad_request(format!(
                "memberships.{key}: A record needs its gid"
            ))),
        },
        Some(_) => Err(ApiError::bad_request(format!(
            "memberships.{key}: Value is not a GID"
        ))),
    }
}

fn gid_of(key: &str, text: &str) -> Result<Gid, ApiError> {
    parse_gid(text).ok_or_else(|| ApiError::not_a_gid(key, text))
}

pub(crate) fn parse_date(key: &str, text: &str) -> Result<Date, ApiError> {
    text.parse::<Date>()
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| {
            ApiError::bad_request(format!("{key}: Invalid date: {text:?}. Use YYYY-MM-DD."))
        })
}

/// ISO 8601 with an offset; a bare date means its midnight in UTC.
pub(crate) fn parse_timestamp(key: &str, text: &str) -> Result<Timestamp, ApiError> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    if let Ok(date) = parse_date(key, text) {
        if let Ok(zoned) = date.to_zoned(jiff::tz::TimeZone::UTC) {
            return Ok(zoned.timestamp());
        }
    }
    Err(ApiError::bad_request(format!(
        "{key}: Invalid date-time: {text:?}. Use ISO 8601 with a zone, e.g. 2026-01-31T09:00:00.000Z."
    )))
}

/// Asana keeps plain-text notes next to `html_notes`; this turns the rich
/// text into the plain text (tags dropped, entities decoded).
fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

pub(crate) fn parse(
    store: &Store,
    data: &Map<String, Value>,
    mode: Mode,
    me: Gid,
) -> Result<TaskInput, ApiError> {
    let mut input = TaskInput {
        name: string(data, "name")?.map(str::to_owned),
        ..TaskInput::default()
    };
    input.notes = match (string(data, "notes")?, string(data, "html_notes")?) {
        (Some(_), Some(_)) => {
            return Err(ApiError::bad_request(
                "You may only provide one of notes or html_notes",
            ))
        }
        (Some(notes), None) => Some(notes.to_owned()),
        (None, Some(html)) => Some(html_to_text(html)),
        (None, None) => None,
    };
    input.assignee = match nullable_string(data, "assignee")? {
        None => None,
        Some(None) => Some(None),
        Some(Some(reference)) => {
            let user = store
                .find_user(reference, me)
                .ok_or_else(|| ApiError::unknown("assignee", reference))?;
            Some(Some(user.gid))
        }
    };
    input.completed = match data.get("completed") {
        None => None,
        Some(Value::Bool(done)) => Some(*done),
        Some(_) => return Err(ApiError::bad_request("completed: Value is not a boolean")),
    };
    input.due_on = nullable_string(data, "due_on")?
        .map(|d| d.map(|t| parse_date("due_on", t)).transpose())
        .transpose()?;
    input.due_at = nullable_string(data, "due_at")?
        .map(|d| d.map(|t| parse_timestamp("due_at", t)).transpose())
        .transpose()?;
    input.start_on = nullable_string(data, "start_on")?
        .map(|d| d.map(|t| parse_date("start_on", t)).transpose())
        .transpose()?;
    if matches!((input.due_on, input.due_at), (Some(Some(_)), Some(Some(_)))) {
        return Err(ApiError::bad_request(
            "You may only provide one of due_on or due_at!",
        ));
    }
    if matches!(input.start_on, Some(Some(_)))
        && input.due_on.is_none()
        && input.due_at.is_none()
        && mode == Mode::Create
    {
        return Err(ApiError::bad_request(
            "start_on: due_on or due_at must be present in the request when setting start_on",
        ));
    }
    if let Some(subtype) = string(data, "resource_subtype")? {
        if subtype != "default_task" {
            return Err(ApiError::bad_request(format!(
                "resource_subtype: {subtype:?} is not offered by this workspace; use default_task"
            )));
        }
    }
    input.custom_fields = data.get("custom_fields").cloned();

    const CREATE_ONLY: &[(&str, &str)] = &[
        (
            "projects",
            "use POST /tasks/{task_gid}/addProject and removeProject",
        ),
        (
            "memberships",
            "use POST /tasks/{task_gid}/addProject or /sections/{section_gid}/addTask",
        ),
        ("workspace", "a task cannot move to another workspace"),
        ("followers", "use POST /tasks/{task_gid}/addFollowers"),
        ("tags", "use POST /tasks/{task_gid}/addTag"),
        ("parent", "use POST /tasks/{task_gid}/setParent"),
    ];
    if mode == Mode::Update {
        if let Some((key, advice)) = CREATE_ONLY.iter().find(|(key, _)| data.contains_key(*key)) {
            return Err(ApiError::bad_request(format!(
                "{key}: Cannot write this property after creation; {advice}"
            )));
        }
        return Ok(input);
    }

    for reference in strings(data, "followers")? {
        let user = store
            .find_user(reference, me)
            .ok_or_else(|| ApiError::unknown("followers", reference))?;
        input.followers.push(user.gid);
    }
    if let Some(tag) = strings(data, "tags")?.first() {
        return Err(ApiError::unknown("tag", tag));
    }
    for text in strings(data, "projects")? {
        let project = gid_of("projects", text)?;
        if !store.projects.contains_key(&project) {
            return Err(ApiError::unknown("project", project));
        }
        input.memberships.push((project, None));
    }
    match data.get("memberships") {
        None => {}
        Some(Value::Array(items)) => {
            for item in items {
                let Some(item) = item.as_object() else {
                    return Err(ApiError::bad_request(
                        "memberships: Every item must be an object {project, section}",
                    ));
                };
                let project = gid_of(
                    "memberships.project",
                    reference(item, "project")?.unwrap_or_default(),
                )?;
                if !store.projects.contains_key(&project) {
                    return Err(ApiError::unknown("project", project));
                }
                let section = match reference(item, "section")? {
                    None => None,
                    Some(text) => {
                        let section = gid_of("memberships.section", text)?;
                        match store.sections.get(&section) {
                            None => return Err(ApiError::unknown("section", section)),
                            Some(s) if s.project != project => {
                                return Err(ApiError::bad_request(format!(
                                    "memberships: Section {section} is not in project {project}"
                                )))
                            }
                            Some(_) => Some(section),
                        }
                    }
                };
                input.memberships.retain(|(p, _)| *p != project);
                input.memberships.push((project, section));
            }
        }
        Some(_) => return Err(ApiError::bad_request("memberships: Value is not an array")),
    }
    if let Some(text) = string(data, "workspace")? {
        let workspace = gid_of("workspace", text)?;
        if workspace != store.workspace.gid {
            return Err(ApiError::unknown("workspace", workspace));
        }
        input.workspace = Some(workspace);
    }
    if let Some(Some(text)) = nullable_string(data, "parent")? {
        let parent = gid_of("parent", text)?;
        if !store.tasks.contains_key(&parent) {
            return Err(ApiError::unknown("parent", parent));
        }
        input.parent = Some(parent);
    }
    if input.workspace.is_none() && input.memberships.is_empty() && input.parent.is_none() {
        return Err(ApiError::bad_request(
            "You should specify one of workspace, parent, projects",
        ));
    }
    Ok(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_notes_become_plain_text() {
        assert_eq!(
            html_to_text("<body>A &amp; B <em>now</em></body>"),
            "A & B now"
        );
    }

    #[test]
    fn dates_and_times_are_strict_iso() {
        assert!(parse_date("due_on", "2026-02-03").is_ok());
        assert!(parse_date("due_on", "2026-2-3").is_err());
        assert!(parse_date("due_on", "tomorrow").is_err());
        assert!(parse_timestamp("modified_since", "2026-02-03T04:05:06.789Z").is_ok());
        assert!(parse_timestamp("modified_since", "2026-02-03T13:05:06+09:00").is_ok());
        assert_eq!(
            parse_timestamp("modified_since", "2026-02-03").unwrap(),
            "2026-02-03T00:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert!(
            parse_timestamp("modified_since", "2026-02-03T04:05:06").is_err(),
            "no zone"
        );
    }
}
