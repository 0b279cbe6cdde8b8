//! TimeTracker NX project members (issue 7): read a project's members, stage
//! edits and preview them, apply them in one `memberChange`, keep an audit
//! log of every apply and plan its undo. No UI and no CLI here: both call
//! these functions and show what they return.
//!
//! - [`model`]: what the screens see (string ids, no 64-bit integers).
//! - [`read`]: project search and the member list with login names.
//! - [`staging`]: edits checked against the current members.
//! - [`diff`]: before/after per user, for preview, result and audit.
//! - [`apply`]: the conflict check, the request, the real result.
//! - [`audit`]: the log in SQLite, its CSV export and the undo plan.
//! - [`session`]: what a screen needs around them: may I edit, who am I,
//!   apply and log, an undo ready to preview.

pub mod apply;
pub mod audit;
pub mod diff;
pub mod model;
pub mod read;
pub mod session;
pub mod staging;

pub use apply::{apply, ApplyOutcome, ApplyReport, MemberFailure, CHUNK_LIMIT};
pub use audit::{AuditEntry, Identity};
pub use diff::{diff, MemberDelta, MemberDiff, MemberState};
pub use model::{Member, ProjectMembers, ProjectSummary};
pub use read::{load, search_projects};
pub use session::{MembersApplied, MembersView, UndoProposal};
pub use staging::{Staged, StagedAdd, StagedUpdate};
