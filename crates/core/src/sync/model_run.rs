//! Runs, plans, journal operations, problems and progress as the UI and the
//! CLI see them. Re-exported through `sync::model`.

use serde::{Deserialize, Serialize};

use super::model::{Side, SyncField};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Trigger {
    Schedule,
    Tray,
    Ui,
    Cli,
    Undo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum RunOutcome {
    Running,
    Succeeded,
    SucceededWithProblems,
    /// The breaker tripped: nothing applied, the user decides.
    Paused,
    Failed,
    Cancelled,
    /// The process ended while the run was going (found at the next start).
    Interrupted,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ActionCounts {
    pub created: u32,
    pub updated: u32,
    pub deleted: u32,
    pub unchanged: u32,
    pub problems: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ServerRequests {
    pub server_id: u32,
    pub server_name: String,
    pub requests: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RunSummary {
    pub id: u32,
    pub profile_id: u32,
    pub profile_name: String,
    pub trigger: Trigger,
    pub dry_run: bool,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub outcome: RunOutcome,
    /// What was written on the left side.
    pub left: ActionCounts,
    /// What was written on the right side.
    pub right: ActionCounts,
    pub problems: u32,
    pub requests: Vec<ServerRequests>,
    pub message: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum OpAction {
    Create,
    Update,
    Delete,
    Archive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum OpStatus {
    Planned,
    /// The remote call started; its answer is not recorded yet.
    Sent,
    Done,
    Failed,
    /// A create whose answer was lost, found again by its marker.
    Healed,
    Skipped,
}

/// One field of an operation, as display text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PlannedOp {
    /// The idempotency key.
    pub key: String,
    /// The side written.
    pub side: Side,
    pub action: OpAction,
    pub entity: super::model::EntityKind,
    /// "WEB-12 ログイン画面"
    pub title: String,
    pub target_id: Option<String>,
    /// The source key/id, for display.
    pub source: Option<String>,
    pub changes: Vec<FieldChange>,
    pub status: OpStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum BreakerReason {
    MassChange {
        count: u32,
        linked: u32,
        percent: u32,
        limit: u32,
    },
    SideEmpty {
        side: Side,
        linked: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub profile_id: u32,
    pub ops: Vec<PlannedOp>,
    pub left: ActionCounts,
    pub right: ActionCounts,
    pub problems: Vec<ProblemDraft>,
    pub breaker: Option<BreakerReason>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RunDetail {
    pub summary: RunSummary,
    pub ops: Vec<PlannedOp>,
    pub problems: Vec<ItemProblem>,
}

/// Why an item could not sync. Serialised `{"kind": "unmappedUser", ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ProblemCause {
    UnmappedUser {
        side: Side,
        user: String,
        name: String,
    },
    UnmappedValue {
        field: SyncField,
        side: Side,
        value: String,
        name: String,
    },
    /// The exact permission: "Manage Project", "EDIT_ISSUES", "WORK_ON_ISSUES"…
    PermissionDenied {
        side: Side,
        permission: String,
    },
    StructureMismatch {
        detail: String,
    },
    /// Both sides changed the field and the policy is Ask.
    FieldConflict {
        field: SyncField,
        left: String,
        right: String,
    },
    /// The server refused the write (400/404/409/422).
    Rejected {
        side: Side,
        status: u32,
    },
    /// Network, 5xx or rate limit after retries.
    Unreachable {
        side: Side,
    },
}

impl ProblemCause {
    /// The serialised `kind`, which also keys the problem store.
    pub fn kind_name(&self) -> &'static str {
        match self {
            ProblemCause::UnmappedUser { .. } => "unmappedUser",
            ProblemCause::UnmappedValue { .. } => "unmappedValue",
            ProblemCause::PermissionDenied { .. } => "permissionDenied",
            ProblemCause::StructureMismatch { .. } => "structureMismatch",
            ProblemCause::FieldConflict { .. } => "fieldConflict",
            ProblemCause::Rejected { .. } => "rejected",
            ProblemCause::Unreachable { .. } => "unreachable",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ProblemFix {
    MapUser,
    MapValue,
    GrantPermission,
    Retry,
    Skip,
    KeepLeft,
    KeepRight,
    OpenProfile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ProblemStatus {
    Open,
    Resolved,
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProblemDraft {
    pub side: Option<Side>,
    pub item: String,
    pub cause: ProblemCause,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ItemProblem {
    pub id: u32,
    pub profile_id: u32,
    pub profile_name: String,
    pub run_id: u32,
    pub side: Option<Side>,
    /// Key or name.
    pub item: String,
    pub item_id: Option<String>,
    pub cause: ProblemCause,
    /// English; says the fix.
    pub message: String,
    pub fixes: Vec<ProblemFix>,
    pub status: ProblemStatus,
    pub first_seen: String,
    pub last_seen: String,
    pub occurrences: u32,
}

/// What the user chose for a problem. Serialised with `"kind"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ProblemAction {
    /// For UnmappedUser: the engine fills the other half from the problem.
    MapUser {
        right: String,
        right_name: String,
    },
    /// For UnmappedValue.
    MapValue {
        other: String,
    },
    Retry,
    Skip,
    KeepLeft,
    KeepRight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    Connecting,
    Reading,
    Planning,
    Applying,
    Committing,
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    pub run_id: u32,
    pub profile_id: u32,
    pub phase: Phase,
    pub read: u32,
    pub planned: u32,
    pub applied: u32,
    pub total: u32,
}
