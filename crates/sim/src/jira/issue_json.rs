//! Issues as Jira renders them: the `fields` a request selects (Cloud's
//! search defaults to none at all, Data Center's to `*navigable`, a single
//! issue to `*all`), times in the reader's zone, bodies as ADF on REST v3 and
//! plain text on v2, and the optional `changelog`, `names`, `transitions`
//! and `properties`.

use serde_json::{json, Map, Value};

use super::attachments::attachment_json;
use super::catalog::{transitions_from, IssueType, Priority, Status, RESOLUTION_DONE};
use super::comments::comment_json;
use super::state::Shared;
use super::store::{History, Issue, PersonIx, Sprint, Store};
use super::text::Body;
use super::time::{format_duration, format_iso_utc, format_jira};
use super::users::{user_json, user_or_null, user_ref};
use super::versions::version_json;
use super::worklogs::worklog_json;
use super::Flavor;

/// Every field the simulator knows, and whether `*navigable` includes it.
const FIELDS: [(&str, bool); 25] = [
    ("summary", true),
    ("description", true),
    ("status", true),
    ("issuetype", true),
    ("project", true),
    ("priority", true),
    ("assignee", true),
    ("reporter", true),
    ("creator", true),
    ("created", true),
    ("updated", true),
    ("labels", true),
    ("fixVersions", true),
    ("parent", true),
    ("subtasks", true),
    ("resolution", true),
    ("resolutiondate", true),
    ("duedate", true),
    ("timeoriginalestimate", true),
    ("timeestimate", true),
    ("timespent", true),
    ("timetracking", false),
    ("comment", false),
    ("worklog", false),
    ("attachment", false),
];

impl Flavor {
    /// The id of the Sprint custom field on this flavour's default install.
    pub fn sprint_field(self) -> &'static str {
        match self {
            Flavor::Cloud => "customfield_10020",
            Flavor::DataCenter => "customfield_10100",
        }
    }
}

/// Which fields a request wants (`fields=summary,-labels`, `*all`,
/// `*navigable`, or nothing: only the id and key).
#[derive(Debug, Clone, Default)]
pub struct FieldSelection {
    all: bool,
    navigable: bool,
    include: Vec<String>,
    exclude: Vec<String>,
}

impl FieldSelection {
    pub fn all() -> Self {
        FieldSelection {
            all: true,
            ..Default::default()
        }
    }

    pub fn navigable() -> Self {
        FieldSelection {
            navigable: true,
            ..Default::default()
        }
    }

    pub fn none() -> Self {
        FieldSelection::default()
    }

    /// Reads a `fields` list; `default` applies when there is none.
    pub fn parse(list: Option<&[String]>, default: FieldSelection) -> Self {
        let Some(list) = list.filter(|l| !l.is_empty()) else {
            return default;
        };
        let mut selection = FieldSelection::none();
        for item in list {
            let item = item.trim();
            match item {
                "*all" => selection.all = true,
                "*navigable" => selection.navigable = true,
                "*none" | "id" | "key" => {}
                _ => match item.strip_prefix('-') {
                    Some(excluded) => selection.exclude.push(excluded.to_owned()),
                    None => selection.include.push(item.to_owned()),
                },
            }
        }
        selection
    }

    fn wants(&self, field: &str, navigable: bool) -> bool {
        if self.exclude.iter().any(|f| f == field) {
            return false;
        }
        self.all || (self.navigable && navigable) || self.include.iter().any(|f| f == field)
    }

    /// Whether only ids and keys are asked for (Cloud lets such pages be larger).
    pub fn is_id_only(&self) -> bool {
        !self.all && !self.navigable && self.include.is_empty()
    }
}

/// `expand=changelog,names,transitions` (other expansions are ignored, as
/// Jira ignores the ones it does not know).
#[derive(Debug, Clone, Copy, Default)]
pub struct Expand {
    pub changelog: bool,
    pub names: bool,
    pub transitions: bool,
}

impl Expand {
    pub fn parse<'a>(items: impl IntoIterator<Item = &'a str>) -> Self {
        let mut expand = Expand::default();
        for item in items.into_iter().flat_map(|s| s.split(',')) {
            match item.trim() {
                "changelog" => expand.changelog = true,
                "names" => expand.names = true,
                "transitions" => expand.transitions = true,
                _ => {}
            }
        }
        expand
    }
}

/// What the reader asked for, carried through rendering.
pub struct View<'a> {
    pub shared: &'a Shared,
    pub store: &'a Store,
    /// Times are shown in this person's zone.
    pub reader: PersonIx,
    pub fields: &'a FieldSelection,
    pub expand: Expand,
    /// Issue property keys to include (`*all` for every one).
    pub properties: &'a [String],
}

pub fn status_json(shared: &Shared, status: Status) -> Value {
    let (id, key, color, name) = status.category();
    json!({
        "self": shared.api_url(&format!("/status/{}", status.id())),
        "description": "",
        "iconUrl": shared.url("/images/icons/statuses/generic.png"),
        "name": status.name(),
        "id": status.id(),
        "statusCategory": {
            "self": shared.api_url(&format!("/statuscategory/{id}")),
            "id": id,
            "key": key,
            "colorName": color,
            "name": name,
        },
    })
}

pub fn issue_type_json(shared: &Shared, issue_type: IssueType) -> Value {
    let mut value = json!({
        "self": shared.api_url(&format!("/issuetype/{}", issue_type.id())),
        "id": issue_type.id(),
        "description": issue_type.description(),
        "iconUrl": shared.url(&format!("/secure/viewavatar?size=medium&avatarId={}&avatarType=issuetype", 10300 + issue_type as u32)),
        "name": issue_type.name(),
        "subtask": issue_type.is_subtask(),
        "avatarId": 10300 + issue_type as u32,
    });
    if shared.is_cloud() {
        value["hierarchyLevel"] = json!(if issue_type.is_subtask() { -1 } else { 0 });
    }
    value
}

pub fn priority_json(shared: &Shared, priority: Priority) -> Value {
    json!({
        "self": shared.api_url(&format!("/priority/{}", priority.id())),
        "iconUrl": shared.url(&format!("/images/icons/priorities/{}.svg", priority.name().to_lowercase())),
        "name": priority.name(),
        "id": priority.id(),
    })
}

pub fn project_avatars(shared: &Shared, project_id: u64) -> Value {
    let url = |size: &str| {
        shared.url(&format!(
            "/secure/projectavatar?size={size}&pid={project_id}"
        ))
    };
    json!({ "48x48": url("large"), "24x24": url("small"), "16x16": url("xsmall"), "32x32": url("medium") })
}

fn project_ref_json(shared: &Shared, store: &Store, project: usize) -> Value {
    let project = &store.projects[project];
    json!({
        "self": shared.api_url(&format!("/project/{}", project.id)),
        "id": project.id.to_string(),
        "key": project.key,
        "name": project.name.as_str(),
        "projectTypeKey": "software",
        "simplified": false,
        "avatarUrls": project_avatars(shared, project.id),
    })
}

/// A body as this flavour shows it: ADF on REST v3, a string on v2.
pub fn body_json(shared: &Shared, body: &Body) -> Value {
    match shared.flavor {
        Flavor::Cloud => body.to_adf(),
        Flavor::DataCenter => Value::String(body.to_plain()),
    }
}

/// The short form of a related issue (parent, sub-task).
fn issue_link_json(shared: &Shared, store: &Store, issue: &Issue) -> Value {
    json!({
        "id": issue.id.to_string(),
        "key": store.issue_key(issue),
        "self": shared.api_url(&format!("/issue/{}", issue.id)),
        "fields": {
            "summary": issue.summary.as_str(),
            "status": status_json(shared, issue.status),
            "priority": priority_json(shared, issue.priority),
            "issuetype": issue_type_json(shared, issue.issue_type),
        },
    })
}

/// The dates a sprint has so far, in the agile API's UTC format; both the
/// agile API and the issue's sprint field list them.
pub fn sprint_dates(value: &mut Value, sprint: &Sprint) {
    for (name, at) in [
        ("startDate", sprint.start),
        ("endDate", sprint.end),
        ("completeDate", sprint.complete),
    ] {
        if let Some(at) = at {
            value[name] = json!(format_iso_utc(at));
        }
    }
}

pub fn sprint_field_json(store: &Store, sprint: Option<u64>) -> Value {
    let Some(sprint) = sprint.and_then(|id| store.sprint(id)) else {
        return Value::Null;
    };
    let mut value = json!({
        "id": sprint.id,
        "name": sprint.name,
        "state": sprint.state.as_str(),
        "boardId": sprint.board,
        "goal": sprint.goal,
    });
    sprint_dates(&mut value, sprint);
    json!([value])
}

impl View<'_> {
    fn time(&self, ms: i64) -> Value {
        json!(format_jira(ms, self.shared.zone(self.reader)))
    }

    fn field(&self, issue: &Issue, name: &str) -> Value {
        let (shared, store) = (self.shared, self.store);
        match name {
            "summary" => json!(issue.summary.as_str()),
            "description" => issue
                .description
                .as_ref()
                .map_or(Value::Null, |b| body_json(shared, b)),
            "status" => status_json(shared, issue.status),
            "issuetype" => issue_type_json(shared, issue.issue_type),
            "project" => project_ref_json(shared, store, issue.project),
            "priority" => priority_json(shared, issue.priority),
            "assignee" => user_or_null(shared, issue.assignee),
            "reporter" => user_json(shared, issue.reporter),
            "creator" => user_json(shared, issue.creator),
            "created" => self.time(issue.created),
            "updated" => self.time(issue.updated),
            "labels" => json!(issue.labels),
            "fixVersions" => Value::Array(
                issue
                    .fix_versions
                    .iter()
                    .filter_map(|id| store.version(*id))
                    .map(|v| version_json(shared, store, v))
                    .collect(),
            ),
            "parent" => issue
                .parent
                .and_then(|id| store.issues.get(&id))
                .map_or(Value::Null, |parent| issue_link_json(shared, store, parent)),
            "subtasks" => Value::Array(
                issue
                    .subtasks
                    .iter()
                    .filter_map(|id| store.issues.get(id))
                    .map(|s| issue_link_json(shared, store, s))
                    .collect(),
            ),
            "resolution" => match issue.resolved {
                Some(_) => json!({
                    "self": shared.api_url(&format!("/resolution/{}", RESOLUTION_DONE.0)),
                    "id": RESOLUTION_DONE.0,
                    "description": RESOLUTION_DONE.2,
                    "name": RESOLUTION_DONE.1,
                }),
                None => Value::Null,
            },
            "resolutiondate" => issue.resolved.map_or(Value::Null, |at| self.time(at)),
            "duedate" => issue.due.map_or(Value::Null, |d| json!(d.to_string())),
            "timeoriginalestimate" => json!(issue.original_estimate),
            "timeestimate" => json!(issue.remaining_estimate),
            "timespent" => json!(Some(time_spent(store, issue)).filter(|s| *s > 0)),
            "timetracking" => {
                // Jira lists only the parts that have a value (`{}` when none).
                let mut tracking = Map::new();
                let spent = Some(time_spent(store, issue)).filter(|s| *s > 0);
                for (name, seconds) in [
                    ("originalEstimate", issue.original_estimate),
                    ("remainingEstimate", issue.remaining_estimate),
                    ("timeSpent", spent),
                ] {
                    if let Some(seconds) = seconds {
                        tracking.insert(name.to_owned(), json!(format_duration(seconds)));
                        tracking.insert(format!("{name}Seconds"), json!(seconds));
                    }
                }
                Value::Object(tracking)
            }
            "comment" => {
                let comments: Vec<Value> = issue
                    .comments
                    .iter()
                    .map(|c| comment_json(shared, issue.id, c, self.reader))
                    .collect();
                json!({
                    "comments": comments,
                    "self": shared.api_url(&format!("/issue/{}/comment", issue.id)),
                    "maxResults": comments.len(),
                    "total": comments.len(),
                    "startAt": 0,
                })
            }
            "worklog" => {
                // Jira embeds at most 20 worklogs; the rest via /worklog.
                let worklogs: Vec<Value> = issue
                    .worklogs
                    .iter()
                    .filter_map(|id| store.worklogs.get(id))
                    .take(20)
                    .map(|w| worklog_json(shared, w, self.reader))
                    .collect();
                json!({ "startAt": 0, "maxResults": 20, "total": issue.worklogs.len(), "worklogs": worklogs })
            }
            "attachment" => Value::Array(
                issue
                    .attachments
                    .iter()
                    .filter_map(|id| store.attachments.get(id))
                    .map(|a| attachment_json(shared, a, self.reader))
                    .collect(),
            ),
            _ if name == shared.flavor.sprint_field() => sprint_field_json(store, issue.sprint),
            _ => Value::Null,
        }
    }

    /// The field ids (and the Sprint custom field) this view renders.
    fn field_names(&self) -> impl Iterator<Item = (&'static str, bool)> {
        FIELDS
            .into_iter()
            .chain(std::iter::once((self.shared.flavor.sprint_field(), true)))
    }

    pub fn issue(&self, issue: &Issue) -> Value {
        let shared = self.shared;
        let mut object = Map::new();
        object.insert(
            "expand".into(),
            json!("renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"),
        );
        object.insert("id".into(), json!(issue.id.to_string()));
        object.insert(
            "self".into(),
            json!(shared.api_url(&format!("/issue/{}", issue.id))),
        );
        object.insert("key".into(), json!(self.store.issue_key(issue)));
        if !self.fields.is_id_only() || !self.fields.exclude.is_empty() {
            let mut fields = Map::new();
            for (name, navigable) in self.field_names() {
                if self.fields.wants(name, navigable) {
                    // Jira leaves `parent` out, rather than null, on issues without one.
                    if name == "parent" && issue.parent.is_none() {
                        continue;
                    }
                    fields.insert(name.to_owned(), self.field(issue, name));
                }
            }
            object.insert("fields".into(), Value::Object(fields));
        }
        if !self.properties.is_empty() {
            let all = self.properties.iter().any(|p| p == "*all");
            let properties: Map<String, Value> = issue
                .properties
                .iter()
                .filter(|(key, _)| all || self.properties.iter().any(|p| p == &**key))
                .map(|(key, value)| (key.to_string(), value.clone()))
                .collect();
            object.insert("properties".into(), Value::Object(properties));
        }
        if self.expand.names {
            let names: Map<String, Value> = self
                .field_names()
                .filter(|(name, navigable)| self.fields.wants(name, *navigable))
                .map(|(name, _)| (name.to_owned(), json!(field_display_name(shared, name))))
                .collect();
            object.insert("names".into(), Value::Object(names));
        }
        if self.expand.transitions {
            object.insert("transitions".into(), transitions_json(shared, issue.status));
        }
        if self.expand.changelog {
            let histories: Vec<Value> = issue
                .history
                .iter()
                .map(|h| history_json(shared, h, self.reader))
                .collect();
            object.insert(
                "changelog".into(),
                json!({ "startAt": 0, "maxResults": histories.len(), "total": histories.len(), "histories": histories }),
            );
        }
        Value::Object(object)
    }
}

fn field_display_name(shared: &Shared, field: &str) -> &'static str {
    match field {
        "summary" => "Summary",
        "description" => "Description",
        "status" => "Status",
        "issuetype" => "Issue Type",
        "project" => "Project",
        "priority" => "Priority",
        "assignee" => "Assignee",
        "reporter" => "Reporter",
        "creator" => "Creator",
        "created" => "Created",
        "updated" => "Updated",
        "labels" => "Labels",
        "fixVersions" => "Fix Version/s",
        "parent" => "Parent",
        "subtasks" => "Sub-tasks",
        "resolution" => "Resolution",
        "resolutiondate" => "Resolved",
        "duedate" => "Due date",
        "timeoriginalestimate" => "Original Estimate",
        "timeestimate" => "Remaining Estimate",
        "timespent" => "Time Spent",
        "timetracking" => "Time tracking",
        "comment" => "Comment",
        "worklog" => "Log Work",
        "attachment" => "Attachment",
        _ if field == shared.flavor.sprint_field() => "Sprint",
        _ => "",
    }
}

/// Seconds logged on an issue.
fn time_spent(store: &Store, issue: &Issue) -> u64 {
    issue
        .worklogs
        .iter()
        .filter_map(|id| store.worklogs.get(id))
        .map(|w| w.seconds)
        .sum()
}

/// The transitions available from `status`, in Jira's shape.
pub fn transitions_json(shared: &Shared, status: Status) -> Value {
    Value::Array(
        transitions_from(status)
            .map(|t| {
                let mut value =
                    json!({ "id": t.id, "name": t.name, "to": status_json(shared, t.to) });
                if shared.is_cloud() {
                    let flags = [
                        ("hasScreen", false),
                        ("isGlobal", true),
                        ("isInitial", false),
                        ("isAvailable", true),
                        ("isConditional", false),
                        ("looped", false),
                    ];
                    for (flag, on) in flags {
                        value[flag] = json!(on);
                    }
                }
                value
            })
            .collect(),
    )
}

pub fn history_json(shared: &Shared, history: &History, reader: PersonIx) -> Value {
    let items: Vec<Value> = history
        .items
        .iter()
        .map(|item| {
            let mut value = json!({ "field": item.field, "fieldtype": item.field_type });
            if shared.is_cloud() {
                value["fieldId"] = json!(item.field);
            }
            // Both contracts type these as strings, so a missing side is
            // left out rather than sent as null.
            let sides = [
                ("from", &item.from),
                ("fromString", &item.from_string),
                ("to", &item.to),
                ("toString", &item.to_string),
            ];
            for (name, side) in sides {
                if let Some(text) = side {
                    value[name] = json!(text);
                }
            }
            value
        })
        .collect();
    json!({
        "id": history.id.to_string(),
        "author": user_json(shared, history.author),
        "created": format_jira(history.created, shared.zone(reader)),
        "items": items,
    })
}

/// The reference Jira's changelog keeps for a person (accountId or user name).
pub fn person_change_ref(
    shared: &Shared,
    person: Option<PersonIx>,
) -> (Option<String>, Option<String>) {
    match person {
        Some(ix) => (
            Some(user_ref(shared, ix)),
            Some(shared.person(ix).display_name().to_owned()),
        ),
        None => (None, None),
    }
}
