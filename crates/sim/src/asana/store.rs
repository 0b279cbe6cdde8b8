//! The Asana simulator's data: one workspace with its users, projects,
//! sections, custom fields, tasks and attachments, plus the event log.
//!
//! Everything is keyed by numeric GID. GIDs come from one counter in creation
//! order, so a `BTreeMap` walk is creation order — which is what makes the
//! opaque `offset` tokens stable while other clients write (a page resumes
//! after the last GID it returned).

use std::collections::BTreeMap;

use bytes::Bytes;
use jiff::civil::Date;
use jiff::{Timestamp, Unit};

use super::events::EventLog;
use crate::people::Person;

pub(crate) type Gid = u64;

/// Asana GIDs are 16-digit numbers sent as strings; start in that range so
/// clients that (wrongly) parse them into 32-bit integers fail here too.
const FIRST_GID: Gid = 1_208_000_000_000_001;

pub(crate) struct Store {
    next_gid: Gid,
    pub workspace: Workspace,
    pub users: Vec<User>,
    pub projects: BTreeMap<Gid, Project>,
    pub sections: BTreeMap<Gid, Section>,
    pub fields: BTreeMap<Gid, CustomField>,
    pub tasks: BTreeMap<Gid, Task>,
    pub attachments: BTreeMap<Gid, Attachment>,
    pub events: EventLog,
    /// Signs `download_url`s; new on every start and reset.
    pub signing_key: String,
}

pub(crate) struct Workspace {
    pub gid: Gid,
    pub name: String,
}

pub(crate) struct User {
    pub gid: Gid,
    pub person: Person,
}

pub(crate) struct Project {
    pub gid: Gid,
    pub name: String,
    pub notes: String,
    pub color: &'static str,
    pub icon: &'static str,
    pub owner: Gid,
    pub created_at: Timestamp,
    pub modified_at: Timestamp,
    pub due_on: Option<Date>,
    pub start_on: Option<Date>,
    /// Section GIDs in board order; a task in the project is always in one.
    pub sections: Vec<Gid>,
    pub field_settings: Vec<FieldSetting>,
}

/// A custom field enabled on a project (Asana's "custom field setting").
pub(crate) struct FieldSetting {
    pub gid: Gid,
    pub field: Gid,
    pub is_important: bool,
}

pub(crate) struct Section {
    pub gid: Gid,
    pub project: Gid,
    pub name: String,
    pub created_at: Timestamp,
}

pub(crate) struct CustomField {
    pub gid: Gid,
    pub name: String,
    pub description: String,
    pub kind: FieldKind,
    pub created_by: Gid,
}

pub(crate) enum FieldKind {
    Text,
    Number { precision: u8 },
    Enum { options: Vec<EnumOption> },
}

impl FieldKind {
    /// The `type` / `resource_subtype` Asana reports.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Number { .. } => "number",
            FieldKind::Enum { .. } => "enum",
        }
    }
}

pub(crate) struct EnumOption {
    pub gid: Gid,
    pub name: String,
    pub color: &'static str,
    pub enabled: bool,
}

/// A value of a custom field on a task.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FieldValue {
    Text(String),
    Number(f64),
    Enum(Gid),
}

pub(crate) struct Task {
    pub gid: Gid,
    pub name: String,
    pub notes: String,
    pub assignee: Option<Gid>,
    pub created_by: Gid,
    pub completed: bool,
    pub completed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub modified_at: Timestamp,
    pub due_on: Option<Date>,
    pub due_at: Option<Timestamp>,
    pub start_on: Option<Date>,
    pub memberships: Vec<Membership>,
    pub parent: Option<Gid>,
    /// Only the fields that hold a value; the rest render as empty values
    /// of the fields enabled on the task's projects.
    pub values: Vec<(Gid, FieldValue)>,
    pub followers: Vec<Gid>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Membership {
    pub project: Gid,
    pub section: Gid,
}

impl Task {
    pub fn value_of(&self, field: Gid) -> Option<&FieldValue> {
        self.values
            .iter()
            .find(|(gid, _)| *gid == field)
            .map(|(_, value)| value)
    }

    pub fn in_project(&self, project: Gid) -> bool {
        self.memberships.iter().any(|m| m.project == project)
    }

    pub fn in_section(&self, section: Gid) -> bool {
        self.memberships.iter().any(|m| m.section == section)
    }
}

pub(crate) struct Attachment {
    pub gid: Gid,
    pub name: String,
    pub parent: Gid,
    pub content_type: String,
    pub bytes: Bytes,
    pub created_at: Timestamp,
    /// For `external` attachments (a link, e.g. to a Jira issue): no bytes.
    pub external_url: Option<String>,
}

/// Timestamps carry milliseconds, like Asana's: a `modified_at` read back
/// and sent as `modified_since` must find the same task again.
pub(crate) fn now() -> Timestamp {
    Timestamp::now()
        .round(Unit::Millisecond)
        .unwrap_or_else(|_| Timestamp::now())
}

/// `2012-02-22T02:06:58.147Z`, the only form Asana writes.
pub(crate) fn iso(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

impl Store {
    pub fn new(workspace_name: &str) -> Store {
        let mut store = Store {
            next_gid: FIRST_GID,
            workspace: Workspace {
                gid: 0,
                name: workspace_name.to_owned(),
            },
            users: Vec::new(),
            projects: BTreeMap::new(),
            sections: BTreeMap::new(),
            fields: BTreeMap::new(),
            tasks: BTreeMap::new(),
            attachments: BTreeMap::new(),
            events: EventLog::default(),
            signing_key: format!("{:x}", Timestamp::now().as_nanosecond()),
        };
        store.workspace.gid = store.allocate();
        store
    }

    pub fn allocate(&mut self) -> Gid {
        let gid = self.next_gid;
        self.next_gid += 1;
        gid
    }

    pub fn user(&self, gid: Gid) -> Option<&User> {
        // Users are created first, in one run, so their GIDs are contiguous.
        let first = self.users.first()?.gid;
        let user = self.users.get(gid.checked_sub(first)? as usize)?;
        (user.gid == gid).then_some(user)
    }

    /// Resolves what Asana accepts wherever a user is named: a GID, an email
    /// or `me`.
    pub fn find_user(&self, reference: &str, me: Gid) -> Option<&User> {
        if reference == "me" {
            return self.user(me);
        }
        if let Ok(gid) = reference.parse::<Gid>() {
            return self.user(gid);
        }
        self.users
            .iter()
            .find(|user| user.person.email.eq_ignore_ascii_case(reference))
    }

    pub fn user_by_login(&self, login_or_email: &str) -> Option<&User> {
        self.users.iter().find(|user| {
            user.person.login == login_or_email
                || user.person.email.eq_ignore_ascii_case(login_or_email)
        })
    }

    /// The custom fields a task can hold: those enabled on any of its
    /// projects, each once, in project setting order.
    pub fn fields_of_task(&self, task: &Task) -> Vec<Gid> {
        let mut fields = Vec::new();
        for membership in &task.memberships {
            let Some(project) = self.projects.get(&membership.project) else {
                continue;
            };
            for setting in &project.field_settings {
                if !fields.contains(&setting.field) {
                    fields.push(setting.field);
                }
            }
        }
        fields
    }

    /// Subtask GIDs of `parent`, in creation order.
    pub fn subtasks(&self, parent: Gid) -> impl Iterator<Item = &Task> {
        self.tasks
            .values()
            .filter(move |task| task.parent == Some(parent))
    }

    /// Used by the seeds: a project with its sections, in order.
    pub fn add_project(&mut self, project: ProjectSpec<'_>, created_at: Timestamp) -> Gid {
        let gid = self.allocate();
        let mut sections = Vec::with_capacity(project.sections.len());
        for name in project.sections {
            let section = self.allocate();
            self.sections.insert(
                section,
                Section {
                    gid: section,
                    project: gid,
                    name: (*name).to_owned(),
                    created_at,
                },
            );
            sections.push(section);
        }
        let mut field_settings = Vec::with_capacity(project.fields.len());
        for (field, is_important) in project.fields {
            let setting = self.allocate();
            field_settings.push(FieldSetting {
                gid: setting,
                field: *field,
                is_important: *is_important,
            });
        }
        self.projects.insert(
            gid,
            Project {
                gid,
                name: project.name.to_owned(),
                notes: project.notes.to_owned(),
                color: project.color,
                icon: project.icon,
                owner: project.owner,
                created_at,
                modified_at: created_at,
                due_on: project.due_on,
                start_on: None,
                sections,
                field_settings,
            },
        );
        gid
    }

    pub fn add_field(
        &mut self,
        name: &str,
        description: &str,
        kind: FieldKind,
        created_by: Gid,
    ) -> Gid {
        let gid = self.allocate();
        self.fields.insert(
            gid,
            CustomField {
                gid,
                name: name.to_owned(),
                description: description.to_owned(),
                kind,
                created_by,
            },
        );
        gid
    }

    pub fn enum_options(&mut self, options: &[(&str, &'static str)]) -> Vec<EnumOption> {
        options
            .iter()
            .map(|(name, color)| EnumOption {
                gid: self.allocate(),
                name: (*name).to_owned(),
                color,
                enabled: true,
            })
            .collect()
    }
}

/// What a seed says about a project.
pub(crate) struct ProjectSpec<'a> {
    pub name: &'a str,
    pub notes: &'a str,
    pub color: &'static str,
    pub icon: &'static str,
    pub owner: Gid,
    pub due_on: Option<Date>,
    pub sections: &'a [&'a str],
    /// (custom field, shown in the list view)
    pub fields: &'a [(Gid, bool)],
}

/// Reads a GID from a path or body; Asana answers a non-number with 400.
pub(crate) fn parse_gid(text: &str) -> Option<Gid> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_have_milliseconds_and_z() {
        let ts: Timestamp = "2026-03-04T05:06:07.1Z".parse().unwrap();
        assert_eq!(iso(ts), "2026-03-04T05:06:07.100Z");
        let whole: Timestamp = "2026-03-04T05:06:07+09:00".parse().unwrap();
        assert_eq!(iso(whole), "2026-03-03T20:06:07.000Z");
    }

    #[test]
    fn gids_are_digits_only() {
        assert_eq!(parse_gid("1208000000000001"), Some(1_208_000_000_000_001));
        assert_eq!(parse_gid("12a"), None);
        assert_eq!(parse_gid("-1"), None);
        assert_eq!(parse_gid(""), None);
    }
}
