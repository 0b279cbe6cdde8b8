//! The data of one simulated Jira site, kept lean so a `large:10000` seed
//! builds in milliseconds: small enums for statuses and types, indexes into
//! the people list for users, texts shared with the seed tables, and JSON
//! only where a client stored JSON (issue properties, ADF bodies).

use std::collections::{BTreeMap, HashMap};

use bytes::Bytes;
use jiff::civil::Date;
use serde_json::Value;

use super::catalog::{IssueType, Priority, ProjectRole, Status};
use super::text::{Body, Text};
use super::time::Millis;

/// Index into the site's people (`people(seed)`); 0 is the service account.
pub type PersonIx = u32;

pub struct Project {
    pub id: u64,
    pub key: String,
    pub name: Text,
    pub description: Text,
    pub lead: PersonIx,
    /// The number the next issue of this project gets (`KEY-n`).
    pub next_number: u32,
    /// Actors per [`ProjectRole`], indexed by [`ProjectRole::index`].
    pub roles: [Vec<Actor>; 3],
}

impl Project {
    pub fn actors(&self, role: ProjectRole) -> &[Actor] {
        &self.roles[role.index()]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    User(PersonIx),
    Group(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub id: u64,
    pub kind: ActorKind,
}

pub struct Version {
    pub id: u64,
    pub project: usize,
    pub name: String,
    pub description: String,
    pub released: bool,
    pub archived: bool,
    pub start_date: Option<Date>,
    pub release_date: Option<Date>,
}

pub struct Board {
    pub id: u64,
    pub name: String,
    pub project: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SprintState {
    Closed,
    Active,
    Future,
}

impl SprintState {
    pub fn as_str(self) -> &'static str {
        match self {
            SprintState::Closed => "closed",
            SprintState::Active => "active",
            SprintState::Future => "future",
        }
    }
}

pub struct Sprint {
    pub id: u64,
    pub board: u64,
    pub name: String,
    pub state: SprintState,
    pub goal: String,
    pub start: Option<Millis>,
    pub end: Option<Millis>,
    pub complete: Option<Millis>,
}

pub struct Issue {
    pub id: u64,
    pub project: usize,
    pub number: u32,
    pub issue_type: IssueType,
    pub status: Status,
    pub priority: Priority,
    /// When the issue reached Done (its resolution date); `None` while open.
    pub resolved: Option<Millis>,
    pub summary: Text,
    pub description: Option<Body>,
    pub assignee: Option<PersonIx>,
    pub reporter: PersonIx,
    pub creator: PersonIx,
    pub created: Millis,
    pub updated: Millis,
    pub labels: Vec<Box<str>>,
    pub fix_versions: Vec<u64>,
    pub sprint: Option<u64>,
    /// The due date (`duedate`), a calendar day.
    pub due: Option<Date>,
    /// Time tracking estimates in seconds: the original estimate
    /// (`timeoriginalestimate`) and the remaining one (`timeestimate`).
    pub original_estimate: Option<u64>,
    pub remaining_estimate: Option<u64>,
    pub parent: Option<u64>,
    /// Ids of this issue's sub-tasks, in creation order.
    pub subtasks: Vec<u64>,
    pub properties: Vec<(Box<str>, Value)>,
    pub comments: Vec<Comment>,
    pub worklogs: Vec<u64>,
    pub attachments: Vec<u64>,
    pub history: Vec<History>,
}

impl Issue {
    /// Marks the issue changed at `now`, so change searches see it; `updated`
    /// never moves back, so it always names the latest change.
    pub fn touch(&mut self, now: Millis) {
        self.updated = self.updated.max(now);
    }

    pub fn property(&self, key: &str) -> Option<&Value> {
        self.properties
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| v)
    }

    /// Sets a property; `true` when it is new.
    pub fn set_property(&mut self, key: &str, value: Value) -> bool {
        match self.properties.iter_mut().find(|(k, _)| &**k == key) {
            Some(slot) => {
                slot.1 = value;
                false
            }
            None => {
                self.properties.push((key.into(), value));
                true
            }
        }
    }
}

pub struct Comment {
    pub id: u64,
    pub author: PersonIx,
    pub update_author: PersonIx,
    pub body: Body,
    pub created: Millis,
    pub updated: Millis,
}

pub struct Worklog {
    pub id: u64,
    pub issue: u64,
    pub author: PersonIx,
    pub update_author: PersonIx,
    pub comment: Option<Body>,
    pub started: Millis,
    pub seconds: u64,
    pub created: Millis,
    pub updated: Millis,
}

pub struct Attachment {
    pub id: u64,
    pub issue: u64,
    pub filename: String,
    pub mime: String,
    pub author: PersonIx,
    pub created: Millis,
    pub content: Bytes,
}

/// One changelog entry: who changed what, when.
pub struct History {
    pub id: u64,
    pub author: PersonIx,
    pub created: Millis,
    pub items: Vec<ChangeItem>,
}

pub struct ChangeItem {
    pub field: String,
    /// `jira` for system fields, `custom` for custom fields.
    pub field_type: &'static str,
    pub from: Option<String>,
    pub from_string: Option<String>,
    pub to: Option<String>,
    pub to_string: Option<String>,
}

/// The next id of each kind of entity. Jira ids are numeric strings that
/// only grow; deleted ids are never reused.
#[derive(Debug, Clone)]
pub struct Ids {
    pub project: u64,
    pub issue: u64,
    pub comment: u64,
    pub worklog: u64,
    pub attachment: u64,
    pub version: u64,
    pub history: u64,
    pub actor: u64,
    pub board: u64,
    pub sprint: u64,
}

impl Default for Ids {
    fn default() -> Self {
        Ids {
            project: 10000,
            issue: 10000,
            comment: 10000,
            worklog: 10000,
            attachment: 10000,
            version: 10000,
            history: 10000,
            actor: 10000,
            board: 1,
            sprint: 1,
        }
    }
}

/// Hands out the next id of a counter.
pub fn take(counter: &mut u64) -> u64 {
    let id = *counter;
    *counter += 1;
    id
}

#[derive(Default)]
pub struct Store {
    pub projects: Vec<Project>,
    pub issues: BTreeMap<u64, Issue>,
    /// `(project index, number)` → issue id, for `KEY-n` lookups.
    keys: HashMap<(usize, u32), u64>,
    pub worklogs: BTreeMap<u64, Worklog>,
    /// Deleted worklog ids and when they were deleted, for `/worklog/deleted`.
    pub deleted_worklogs: Vec<(u64, Millis)>,
    pub attachments: BTreeMap<u64, Attachment>,
    pub versions: Vec<Version>,
    pub boards: Vec<Board>,
    pub sprints: Vec<Sprint>,
    pub ids: Ids,
}

impl Store {
    /// A project by key (any case) or numeric id.
    pub fn project_index(&self, key_or_id: &str) -> Option<usize> {
        let key_or_id = key_or_id.trim();
        self.projects
            .iter()
            .position(|p| p.key.eq_ignore_ascii_case(key_or_id) || p.id.to_string() == key_or_id)
    }

    /// An issue id from `WEB-12` (any case) or `10012`.
    pub fn issue_id(&self, key_or_id: &str) -> Option<u64> {
        let key_or_id = key_or_id.trim();
        if let Ok(id) = key_or_id.parse::<u64>() {
            return self.issues.contains_key(&id).then_some(id);
        }
        let (project, number) = key_or_id.rsplit_once('-')?;
        let project = self
            .projects
            .iter()
            .position(|p| p.key.eq_ignore_ascii_case(project))?;
        self.keys.get(&(project, number.parse().ok()?)).copied()
    }

    pub fn issue_key(&self, issue: &Issue) -> String {
        format!("{}-{}", self.projects[issue.project].key, issue.number)
    }

    /// A new To Do issue in `project` with the next id and the project's
    /// next number, everything else empty; [`Store::insert_issue`] adds it.
    pub fn blank_issue(
        &mut self,
        project: usize,
        issue_type: IssueType,
        summary: Text,
        reporter: PersonIx,
        created: Millis,
        updated: Millis,
    ) -> Issue {
        let id = take(&mut self.ids.issue);
        let number = self.projects[project].next_number;
        self.projects[project].next_number += 1;
        Issue {
            id,
            project,
            number,
            issue_type,
            status: Status::ToDo,
            priority: Priority::Medium,
            resolved: None,
            summary,
            description: None,
            assignee: None,
            reporter,
            creator: reporter,
            created,
            updated,
            labels: Vec::new(),
            fix_versions: Vec::new(),
            sprint: None,
            due: None,
            original_estimate: None,
            remaining_estimate: None,
            parent: None,
            subtasks: Vec::new(),
            properties: Vec::new(),
            comments: Vec::new(),
            worklogs: Vec::new(),
            attachments: Vec::new(),
            history: Vec::new(),
        }
    }

    /// Adds an issue and links it under its parent.
    pub fn insert_issue(&mut self, issue: Issue) {
        self.keys.insert((issue.project, issue.number), issue.id);
        if let Some(parent) = issue.parent.and_then(|p| self.issues.get_mut(&p)) {
            parent.subtasks.push(issue.id);
        }
        self.issues.insert(issue.id, issue);
    }

    /// Removes an issue with its worklogs (recorded as deleted at `now`) and
    /// attachments.
    pub fn remove_issue(&mut self, id: u64, now: Millis) -> Option<Issue> {
        let issue = self.issues.remove(&id)?;
        self.keys.remove(&(issue.project, issue.number));
        if let Some(parent) = issue.parent.and_then(|p| self.issues.get_mut(&p)) {
            parent.subtasks.retain(|child| *child != id);
        }
        for worklog in &issue.worklogs {
            if self.worklogs.remove(worklog).is_some() {
                self.deleted_worklogs.push((*worklog, now));
            }
        }
        for attachment in &issue.attachments {
            self.attachments.remove(attachment);
        }
        Some(issue)
    }

    /// Takes an issue out to change it alongside the rest of the store;
    /// [`Store::put_back`] returns it.
    pub fn take_issue(&mut self, id: u64) -> Option<Issue> {
        self.issues.remove(&id)
    }

    pub fn put_back(&mut self, issue: Issue) {
        self.issues.insert(issue.id, issue);
    }

    pub fn version(&self, id: u64) -> Option<&Version> {
        self.versions.iter().find(|v| v.id == id)
    }

    pub fn sprint(&self, id: u64) -> Option<&Sprint> {
        self.sprints.iter().find(|s| s.id == id)
    }

    pub fn board(&self, id: u64) -> Option<&Board> {
        self.boards.iter().find(|b| b.id == id)
    }
}
