//! The fixed configuration every simulated Jira shares: statuses, the simple
//! workflow between them, issue types, priorities, project roles, groups and
//! the permissions a person's [`Role`] grants. Ids are the ones a fresh Jira
//! site hands out, so clients that hard-code "10000"-style ids behave.

use crate::people::Role;

/// The three statuses of the simple workflow `To Do → In Progress → Done`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    ToDo,
    InProgress,
    Done,
}

/// `(id, key, colorName, name)` of a status category.
pub type Category = (u32, &'static str, &'static str, &'static str);

impl Status {
    pub const ALL: [Status; 3] = [Status::ToDo, Status::InProgress, Status::Done];

    pub fn id(self) -> &'static str {
        match self {
            Status::ToDo => "10000",
            Status::InProgress => "3",
            Status::Done => "10001",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Status::ToDo => "To Do",
            Status::InProgress => "In Progress",
            Status::Done => "Done",
        }
    }

    pub fn category(self) -> Category {
        match self {
            Status::ToDo => (2, "new", "blue-gray", "To Do"),
            Status::InProgress => (4, "indeterminate", "yellow", "In Progress"),
            Status::Done => (3, "done", "green", "Done"),
        }
    }

    /// By id or (case-insensitive) name, the way JQL and REST accept them.
    pub fn find(text: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|s| s.id() == text || s.name().eq_ignore_ascii_case(text))
    }
}

/// A workflow transition. Every status can move to each other status; the
/// ids are stable so a client may cache them, as real clients do.
#[derive(Debug, Clone, Copy)]
pub struct Transition {
    pub id: &'static str,
    pub name: &'static str,
    pub to: Status,
}

pub const TRANSITIONS: [Transition; 3] = [
    Transition {
        id: "11",
        name: "To Do",
        to: Status::ToDo,
    },
    Transition {
        id: "21",
        name: "In Progress",
        to: Status::InProgress,
    },
    Transition {
        id: "31",
        name: "Done",
        to: Status::Done,
    },
];

/// The transitions offered to an issue in `status`.
pub fn transitions_from(status: Status) -> impl Iterator<Item = &'static Transition> {
    TRANSITIONS.iter().filter(move |t| t.to != status)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IssueType {
    Story,
    Task,
    Bug,
    SubTask,
}

impl IssueType {
    pub const ALL: [IssueType; 4] = [
        IssueType::Story,
        IssueType::Task,
        IssueType::Bug,
        IssueType::SubTask,
    ];

    pub fn id(self) -> &'static str {
        match self {
            IssueType::Story => "10001",
            IssueType::Task => "10002",
            IssueType::SubTask => "10003",
            IssueType::Bug => "10004",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            IssueType::Story => "Story",
            IssueType::Task => "Task",
            IssueType::Bug => "Bug",
            IssueType::SubTask => "Sub-task",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            IssueType::Story => "Functionality or a feature expressed as a user goal.",
            IssueType::Task => "A small, distinct piece of work.",
            IssueType::Bug => "A problem or error.",
            IssueType::SubTask => "A small piece of work that's part of a larger task.",
        }
    }

    pub fn is_subtask(self) -> bool {
        self == IssueType::SubTask
    }

    pub fn find(text: &str) -> Option<IssueType> {
        let text = text.trim();
        IssueType::ALL.into_iter().find(|t| {
            t.id() == text
                || t.name().eq_ignore_ascii_case(text)
                || (*t == IssueType::SubTask && text.eq_ignore_ascii_case("subtask"))
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    Highest,
    High,
    Medium,
    Low,
    Lowest,
}

impl Priority {
    pub const ALL: [Priority; 5] = [
        Priority::Highest,
        Priority::High,
        Priority::Medium,
        Priority::Low,
        Priority::Lowest,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Priority::Highest => "1",
            Priority::High => "2",
            Priority::Medium => "3",
            Priority::Low => "4",
            Priority::Lowest => "5",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Priority::Highest => "Highest",
            Priority::High => "High",
            Priority::Medium => "Medium",
            Priority::Low => "Low",
            Priority::Lowest => "Lowest",
        }
    }

    pub fn find(text: &str) -> Option<Priority> {
        Priority::ALL
            .into_iter()
            .find(|p| p.id() == text || p.name().eq_ignore_ascii_case(text))
    }
}

/// The three project roles of a Jira software project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectRole {
    Administrators,
    Developers,
    Users,
}

impl ProjectRole {
    pub const ALL: [ProjectRole; 3] = [
        ProjectRole::Administrators,
        ProjectRole::Developers,
        ProjectRole::Users,
    ];

    pub fn id(self) -> u64 {
        match self {
            ProjectRole::Users => 10000,
            ProjectRole::Developers => 10001,
            ProjectRole::Administrators => 10002,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ProjectRole::Administrators => "Administrators",
            ProjectRole::Developers => "Developers",
            ProjectRole::Users => "Users",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            ProjectRole::Administrators => {
                "A project role that represents administrators in a project"
            }
            ProjectRole::Developers => "A project role that represents developers in a project",
            ProjectRole::Users => "A project role that represents users in a project",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn by_id(id: u64) -> Option<ProjectRole> {
        ProjectRole::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The role a person of the given [`Role`] is seeded into.
    pub fn for_person(role: Role) -> ProjectRole {
        match role {
            Role::Admin => ProjectRole::Administrators,
            Role::Member => ProjectRole::Developers,
            Role::Viewer => ProjectRole::Users,
        }
    }
}

/// Groups that exist on every simulated site (role actors may be groups).
pub const GROUPS: [&str; 2] = ["jira-administrators", "jira-software-users"];

/// What a permission check asks for. Each maps to a Jira permission key and
/// the least [`Role`] that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    Browse,
    Create,
    Edit,
    Transition,
    Assign,
    Delete,
    Comment,
    Attach,
    WorkOn,
    AdministerProjects,
    Administer,
}

pub struct PermissionInfo {
    pub key: &'static str,
    pub id: &'static str,
    pub name: &'static str,
    pub global: bool,
    pub description: &'static str,
    pub permission: Permission,
}

pub const PERMISSIONS: [PermissionInfo; 11] = [
    PermissionInfo { key: "BROWSE_PROJECTS", id: "10", name: "Browse Projects", global: false, description: "Ability to browse projects and the issues within them.", permission: Permission::Browse },
    PermissionInfo { key: "CREATE_ISSUES", id: "11", name: "Create Issues", global: false, description: "Ability to create issues.", permission: Permission::Create },
    PermissionInfo { key: "EDIT_ISSUES", id: "12", name: "Edit Issues", global: false, description: "Ability to edit issues.", permission: Permission::Edit },
    PermissionInfo { key: "ASSIGN_ISSUES", id: "13", name: "Assign Issues", global: false, description: "Ability to assign issues to other people.", permission: Permission::Assign },
    PermissionInfo { key: "ADD_COMMENTS", id: "15", name: "Add Comments", global: false, description: "Ability to comment on issues.", permission: Permission::Comment },
    PermissionInfo { key: "DELETE_ISSUES", id: "16", name: "Delete Issues", global: false, description: "Ability to delete issues.", permission: Permission::Delete },
    PermissionInfo { key: "CREATE_ATTACHMENTS", id: "19", name: "Create Attachments", global: false, description: "Users with this permission may create attachments.", permission: Permission::Attach },
    PermissionInfo { key: "WORK_ON_ISSUES", id: "20", name: "Work On Issues", global: false, description: "Ability to log work done against an issue.", permission: Permission::WorkOn },
    PermissionInfo { key: "ADMINISTER_PROJECTS", id: "23", name: "Administer Projects", global: false, description: "Ability to administer a project in Jira.", permission: Permission::AdministerProjects },
    PermissionInfo { key: "TRANSITION_ISSUES", id: "46", name: "Transition Issues", global: false, description: "Ability to transition issues.", permission: Permission::Transition },
    PermissionInfo { key: "ADMINISTER", id: "0", name: "Administer Jira", global: true, description: "Create and administer projects, issue types, fields, workflows, and schemes for all projects.", permission: Permission::Administer },
];

impl Permission {
    pub fn granted_to(self, role: Role) -> bool {
        match self {
            Permission::Browse => true,
            Permission::AdministerProjects | Permission::Administer => role.can_administer(),
            _ => role.can_edit(),
        }
    }

    /// Jira's 403 message for a person who lacks this permission.
    pub fn denied_message(self) -> &'static str {
        match self {
            Permission::Browse => "You do not have permission to browse this project.",
            Permission::Create => "You do not have permission to create issues in this project.",
            Permission::Edit => "You do not have permission to edit issues in this project.",
            Permission::Transition => "You do not have permission to transition this issue.",
            Permission::Assign => "You do not have permission to assign issues in this project.",
            Permission::Delete => "You do not have permission to delete issues in this project.",
            Permission::Comment => "You do not have permission to comment on this issue.",
            Permission::Attach => {
                "You do not have permission to create attachments for this issue."
            }
            Permission::WorkOn => {
                "You do not have the permission to associate a worklog to this issue."
            }
            Permission::AdministerProjects => "You cannot edit the configuration of this project.",
            Permission::Administer => "You must be a Jira administrator to do this.",
        }
    }

    /// Whether an OAuth 2.0 token needs more than the READ scope for it.
    pub fn writes(self) -> bool {
        self != Permission::Browse
    }

    pub fn administers(self) -> bool {
        matches!(
            self,
            Permission::AdministerProjects | Permission::Administer
        )
    }
}

pub fn permission_by_key(key: &str) -> Option<&'static PermissionInfo> {
    PERMISSIONS.iter().find(|p| p.key.eq_ignore_ascii_case(key))
}

/// The id of Jira's one resolution, set when an issue reaches Done.
pub const RESOLUTION_DONE: (&str, &str, &str) =
    ("10000", "Done", "Work has been completed on this issue.");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_can_reach_the_others_but_not_itself() {
        for status in Status::ALL {
            let targets: Vec<Status> = transitions_from(status).map(|t| t.to).collect();
            assert_eq!(targets.len(), 2);
            assert!(!targets.contains(&status));
        }
    }

    #[test]
    fn lookups_accept_ids_and_names_in_any_case() {
        assert_eq!(Status::find("in progress"), Some(Status::InProgress));
        assert_eq!(Status::find("10001"), Some(Status::Done));
        assert_eq!(IssueType::find("sub-task"), Some(IssueType::SubTask));
        assert_eq!(IssueType::find("10004"), Some(IssueType::Bug));
        assert_eq!(Priority::find("high"), Some(Priority::High));
        assert!(Status::find("Closed").is_none());
    }

    #[test]
    fn viewers_only_browse_and_members_do_not_administer() {
        assert!(Permission::Browse.granted_to(Role::Viewer));
        assert!(!Permission::Edit.granted_to(Role::Viewer));
        assert!(Permission::WorkOn.granted_to(Role::Member));
        assert!(!Permission::AdministerProjects.granted_to(Role::Member));
        assert!(Permission::Administer.granted_to(Role::Admin));
    }
}
