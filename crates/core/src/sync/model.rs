//! What a sync profile is, as the UI, the CLI and the store see it. Every
//! type here crosses to the UI through specta, so ids and counts are `u32`
//! and times are RFC 3339 strings (no 64-bit integers in TypeScript).
//! The run, plan and problem types live in `model_run.rs` and are
//! re-exported here, so `sync::model::*` is the whole exported vocabulary.

use serde::{Deserialize, Serialize};

pub use super::model_run::*;

/// The connection's left or right server: the same type the connection
/// test uses (one `Side` in the UI's bindings).
pub use crate::connection_test::Side;

impl Side {
    pub fn other(self) -> Side {
        match self {
            Side::Left => Side::Right,
            Side::Right => Side::Left,
        }
    }

    /// `l` / `r`: the letter in idempotency keys.
    pub fn letter(self) -> char {
        match self {
            Side::Left => 'l',
            Side::Right => 'r',
        }
    }
}

/// Group = Jira version/sprint ↔ TT NX level-1 item; Item = issue ↔ work
/// item; SubItem = sub-task ↔ child item; Worklog = worklog ↔ time entry.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub enum EntityKind {
    Group,
    Item,
    SubItem,
    Worklog,
}

impl EntityKind {
    /// The order creates run in: a parent always exists before its children.
    pub const WAVES: [EntityKind; 4] = [
        EntityKind::Group,
        EntityKind::Item,
        EntityKind::SubItem,
        EntityKind::Worklog,
    ];
}

/// A field the engine moves. Worklogs reuse four of them (see connector.rs).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub enum SyncField {
    Summary,
    Description,
    Status,
    Assignee,
    OriginalEstimate,
    StartDate,
    DueDate,
    ItemType,
    Priority,
}

impl SyncField {
    pub const ALL: [SyncField; 9] = [
        SyncField::Summary,
        SyncField::Description,
        SyncField::Status,
        SyncField::Assignee,
        SyncField::OriginalEstimate,
        SyncField::StartDate,
        SyncField::DueDate,
        SyncField::ItemType,
        SyncField::Priority,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum FieldDirection {
    LeftToRight,
    RightToLeft,
    Both,
    Off,
}

impl FieldDirection {
    /// Whether a change may flow from `from` to the other side.
    pub fn allows(self, from: Side) -> bool {
        matches!(
            (self, from),
            (FieldDirection::Both, _)
                | (FieldDirection::LeftToRight, Side::Left)
                | (FieldDirection::RightToLeft, Side::Right)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FieldMapping {
    pub field: SyncField,
    pub direction: FieldDirection,
}

/// Native ids on each side (Jira status id, TT NX StatusTypeId…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ValuePair {
    pub left: String,
    pub right: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ValueMaps {
    pub status: Vec<ValuePair>,
    pub item_type: Vec<ValuePair>,
    pub priority: Vec<ValuePair>,
}

/// left: Jira accountId (Cloud) or user key/name (DC); right: TT NX user id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UserPair {
    pub left: String,
    pub left_name: String,
    pub right: String,
    pub right_name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ConflictPolicy {
    NewestWins,
    LeftWins,
    RightWins,
    Ask,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum DeletionPolicy {
    Ignore,
    Mirror,
    Archive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum GroupBy {
    Version,
    Sprint,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Schedule {
    Off,
    Every {
        minutes: u32,
    },
    BusinessHours {
        /// 1 = Monday … 7 = Sunday.
        days: Vec<u8>,
        /// "09:00"
        from: String,
        to: String,
        /// IANA zone name.
        time_zone: String,
        every_minutes: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Scope {
    JiraTtnx {
        /// Jira project key.
        jira_project: String,
        ttnx_project_id: String,
        ttnx_folder_id: String,
        group_by: GroupBy,
        board_id: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Entities {
    pub items: bool,
    pub worklogs: bool,
}

/// A profile as the editor sends it: `id` None inserts, Some updates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDraft {
    pub id: Option<u32>,
    pub name: String,
    pub connection_id: u32,
    pub scope: Scope,
    pub entities: Entities,
    pub fields: Vec<FieldMapping>,
    pub value_maps: ValueMaps,
    pub user_map: Vec<UserPair>,
    pub conflict_policy: ConflictPolicy,
    pub deletion: DeletionPolicy,
    pub schedule: Schedule,
    /// 1..=100, default 20.
    pub threshold_percent: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SyncProfile {
    pub id: u32,
    pub name: String,
    pub connection_id: u32,
    pub connection_name: String,
    pub scope: Scope,
    pub entities: Entities,
    pub fields: Vec<FieldMapping>,
    pub value_maps: ValueMaps,
    pub user_map: Vec<UserPair>,
    pub conflict_policy: ConflictPolicy,
    pub deletion: DeletionPolicy,
    pub schedule: Schedule,
    pub threshold_percent: u32,
    pub created_at: String,
    pub updated_at: String,
    /// False until the first real (non-dry) run: the UI says "preview first".
    pub has_run: bool,
    pub last_run: Option<RunSummary>,
}

impl SyncProfile {
    /// The direction `field` is mapped with (Off when the profile omits it).
    pub fn direction(&self, field: SyncField) -> FieldDirection {
        self.fields
            .iter()
            .find(|mapping| mapping.field == field)
            .map_or(FieldDirection::Off, |mapping| mapping.direction)
    }

    /// The editable part, e.g. to change a map and save it again.
    pub fn to_draft(&self) -> ProfileDraft {
        ProfileDraft {
            id: Some(self.id),
            name: self.name.clone(),
            connection_id: self.connection_id,
            scope: self.scope.clone(),
            entities: self.entities,
            fields: self.fields.clone(),
            value_maps: self.value_maps.clone(),
            user_map: self.user_map.clone(),
            conflict_policy: self.conflict_policy,
            deletion: self.deletion,
            schedule: self.schedule.clone(),
            threshold_percent: self.threshold_percent,
        }
    }
}
