//! The seam between the engine and a pair of servers. The engine is generic
//! over [`Connector`]; one connector speaks both sides of one profile
//! (`jira_ttnx::JiraTtnx` for Jira ↔ TimeTracker NX, an in-memory fake in
//! the tests).
//!
//! Values are each side's *native* values (a Jira status id, a TT NX
//! StatusTypeId, minutes or seconds as the side counts them); the engine
//! only compares them with what it stored and asks [`Connector::translate`]
//! to turn one side's value into the other's. `Null` means "empty".
//!
//! Worklogs reuse four fields rather than adding variants, so the engine
//! treats them like any other record:
//! - `Summary`: the comment text,
//! - `StartDate`: the start as a UTC instant, RFC 3339,
//! - `OriginalEstimate`: the minutes spent,
//! - `Assignee`: the author (a user id, mapped through the user map).
//!
//! Worklog fields always flow both ways (gated by `Entities::worklogs`);
//! the profile's field directions apply to groups, items and sub-items.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;

use serde_json::Value;

use super::model::{
    EntityKind, OpAction, ProblemCause, ProblemDraft, ServerRequests, Side, SyncField,
};
use crate::AppResult;

/// Native values of ONE side; `Null` = empty.
pub type Fields = BTreeMap<SyncField, Value>;

/// One record of one side as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Native id (Jira issue/version/worklog id; TT NX item/entry id).
    pub id: String,
    /// "WEB-12 Login page" / "ログイン画面の実装": titles and problems.
    pub display: String,
    pub kind: EntityKind,
    /// Native id of the parent on the same side (None for groups).
    pub parent: Option<String>,
    pub fields: Fields,
    pub updated_at: Option<jiff::Timestamp>,
    /// The last change was made by this side's technical user.
    pub by_us: bool,
    /// The idempotency key found on it (set by us when we created it).
    pub marker: Option<String>,
}

/// What one side's read returned.
#[derive(Debug, Clone, PartialEq)]
pub struct SideRead {
    /// Every record changed since the watermark (all of them on the first run).
    pub records: Vec<Record>,
    /// Ids of ALL records currently in scope when known (deletion detection);
    /// None = not known this run → the engine detects no deletions on that side.
    pub present: Option<BTreeSet<String>>,
    /// Opaque; stored only when the run commits.
    pub watermark: String,
    /// E.g. structure mismatches found while reading.
    pub problems: Vec<ProblemDraft>,
}

/// One planned operation with target-native values.
#[derive(Debug, Clone, PartialEq)]
pub struct WriteOp {
    pub key: String,
    pub action: OpAction,
    pub kind: EntityKind,
    /// Update/Delete/Archive: the record written.
    pub target_id: Option<String>,
    /// Create: the target-side parent id (already resolved by the engine).
    pub parent: Option<String>,
    /// Values to set (target-native).
    pub fields: Fields,
    /// The source record (for markers, author names in worklogs). For an
    /// undo, the record as it was before the undone run.
    pub source: Record,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WriteResult {
    /// `fields`: the synced fields as they now are on the target.
    Done { id: String, fields: Fields },
    /// `retryable`: a later run may succeed without anyone acting
    /// (network, 5xx, rate limit); otherwise someone has to fix something.
    Failed {
        cause: ProblemCause,
        message: String,
        retryable: bool,
    },
}

pub trait Connector: Send + Sync {
    /// HTTP requests made so far, per side (left, right).
    fn servers(&self) -> [ServerRequests; 2];

    /// Reads `side`: the records changed since `watermark` (all when None)
    /// and, when the API allows it cheaply, the ids of every record in scope.
    /// `linked` holds the ids on this side the engine has links for.
    fn read(
        &self,
        side: Side,
        watermark: Option<&str>,
        linked: &BTreeSet<String>,
    ) -> impl Future<Output = AppResult<SideRead>> + Send;

    /// Converts a value of `field` from `from` side's native form to the other
    /// side's. Err = UnmappedUser / UnmappedValue problem for this item.
    fn translate(&self, field: SyncField, from: Side, value: &Value)
        -> Result<Value, ProblemCause>;

    /// The fields each entity kind syncs on this pair.
    fn fields(&self, kind: EntityKind) -> Vec<SyncField>;

    /// Writes a batch on one side; one result per op, same order. Batches as
    /// the API allows. Err = the whole batch's outcome is unknown (the engine
    /// keeps the ops Sent and heals them on the next run).
    fn write(
        &self,
        side: Side,
        ops: &[WriteOp],
    ) -> impl Future<Output = AppResult<Vec<WriteResult>>> + Send;

    /// Heals creates whose answer was lost: the ids of records on `side`
    /// carrying these markers (keys without a record are left out).
    fn find_created(
        &self,
        side: Side,
        keys: &[String],
    ) -> impl Future<Output = AppResult<BTreeMap<String, String>>> + Send;

    /// Whether `status` (native, on `side`) is a closed/done status. The
    /// mass-change breaker counts moves into such a status as "closing".
    /// Pairs that cannot tell keep the default (status moves then do not
    /// count towards the breaker).
    fn closes(&self, side: Side, status: &Value) -> bool {
        let _ = (side, status);
        false
    }
}
