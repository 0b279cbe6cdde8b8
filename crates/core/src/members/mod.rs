//! TimeTracker NX project members (issue 7): read a project's members, stage
//! edits and preview them, apply them in one `memberChange`, keep an audit
//! log of every apply and plan its undo; find users to add, propose people
//! from another project or a Jira role, and import or export CSV. No UI and
//! no CLI here: both call these functions and show what they return.
//!
//! - [`model`]: what the screens see (string ids, no 64-bit integers).
//! - [`read`]: project search and the member list with login names.
//! - [`staging`]: edits checked against the current members.
//! - [`diff`]: before/after per user, for preview, result and audit.
//! - [`apply`]: the conflict check, the request, the real result.
//! - [`audit`]: the log in SQLite, its CSV export and the undo plan.
//! - [`session`]: what a screen needs around them: may I edit, who am I,
//!   apply and log, an undo ready to preview.
//! - [`users`]: the user search and the directory of logins and e-mails.
//! - [`seeding`]: proposals from another project or a Jira project role.
//! - [`csv_io`]: CSV export, and import as a report plus staged edits.

pub mod apply;
pub mod audit;
pub mod cost_text;
pub mod csv_io;
mod csv_read;
pub mod diff;
pub mod model;
pub mod read;
pub mod seeding;
pub mod session;
pub mod staging;
pub mod users;

pub use apply::{apply, ApplyOutcome, ApplyReport, MemberFailure, CHUNK_LIMIT};
pub use audit::{AuditEntry, Identity};
pub use cost_text::{format_cost, parse_unit_cost};
pub use csv_io::{
    export_members_csv, import_csv, plan_import, ImportReport, ImportRow, ImportStatus,
};
pub use diff::{diff, MemberDelta, MemberDiff, MemberState};
pub use model::{Member, ProjectMembers, ProjectSummary};
pub use read::{load, search_projects};
pub use seeding::{
    from_jira_role, from_project, jira_roles, JiraRole, MatchedBy, SeedCandidate, SeedProposal,
};
pub use session::{MembersApplied, MembersView, UndoProposal};
pub use staging::{Staged, StagedAdd, StagedUpdate};
pub use users::{
    search_users, search_users_in, user_directory, Lookup, UserCandidate, UserDirectory,
    UserMatches,
};
