//! The plan: from both sides' reads and the links, every write the run
//! would make (creates, updates, deletions), the snapshot refreshes that
//! need no write, and the problems met. Pure: nothing here touches the
//! database or a server, so a dry run is exactly this.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::connector::{Connector, Fields, Record, SideRead, WriteOp};
use super::diff::{self, ix};
use super::journal::UndoInfo;
use super::links::Link;
use super::model::{
    DeletionPolicy, EntityKind, FieldDirection, OpAction, OpStatus, PlannedOp, ProblemCause,
    ProblemDraft, Side, SyncField, SyncProfile,
};
use super::problems::Settled;
use crate::workspace::Direction;

/// One write of the plan, with what applying it needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Work {
    pub op: PlannedOp,
    pub write: WriteOp,
    /// Index into `Planned::links` (Update / Delete / Archive).
    pub link: Option<usize>,
    /// Create: the source-side parent created earlier in this same run.
    pub parent_source: Option<String>,
    /// Update: snapshot values to store once it succeeded.
    pub on_success: Vec<(Side, SyncField, Value)>,
    /// The source record: its side and id.
    pub source: (Side, String),
    /// Create: the source side's snapshot to store with the new link.
    pub source_fields: Fields,
    pub undo: UndoInfo,
    /// Counts towards the mass-change breaker (delete, close, reassign).
    pub breaker: bool,
}

/// A problem with the record it is about (side, id) when there is one.
pub(crate) type Found = (ProblemDraft, Option<(Side, String)>);

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Planned {
    pub works: Vec<Work>,
    /// Every link, healed ones included; refreshed in memory.
    pub links: Vec<Link>,
    /// Links changed in memory without a write (refresh, heal, tombstone).
    pub dirty: BTreeSet<usize>,
    /// Links to delete (both records are gone).
    pub removed: BTreeSet<usize>,
    pub problems: Vec<Found>,
    /// Records met without a problem: their old problems are settled.
    pub clean: Vec<(Side, String)>,
    /// Conflicts decided and creates healed, as text for the run's message.
    pub notes: Vec<String>,
    /// Settled-conflict problems this plan applies.
    pub settled_used: Vec<u32>,
    /// Linked pairs with nothing to write, per side.
    pub unchanged: [u32; 2],
}

/// Everything the planner looks at.
pub(crate) struct PlanInput<'a> {
    pub profile: &'a SyncProfile,
    pub connection: Direction,
    pub reads: [&'a SideRead; 2],
    pub links: Vec<Link>,
    pub skipped: &'a BTreeSet<(Side, String)>,
    pub settled: &'a [Settled],
    /// Creates of earlier runs found again: key → (target side, id, kind).
    pub found: &'a BTreeMap<String, (Side, String, EntityKind)>,
    pub server_names: [String; 2],
}

impl PlanInput<'_> {
    pub fn syncs(&self, kind: EntityKind) -> bool {
        match kind {
            EntityKind::Worklog => self.profile.entities.worklogs,
            _ => self.profile.entities.items,
        }
    }

    /// Whether records may flow out of `from` at all.
    pub fn flows(&self, from: Side) -> bool {
        matches!(
            (self.connection, from),
            (Direction::Both, _)
                | (Direction::LeftToRight, Side::Left)
                | (Direction::RightToLeft, Side::Right)
        )
    }

    /// The field's direction for `kind`, narrowed by the connection's.
    pub fn direction(&self, kind: EntityKind, field: SyncField) -> FieldDirection {
        let wanted = match kind {
            EntityKind::Worklog => FieldDirection::Both,
            _ => self.profile.direction(field),
        };
        let left = wanted.allows(Side::Left) && self.flows(Side::Left);
        let right = wanted.allows(Side::Right) && self.flows(Side::Right);
        match (left, right) {
            (true, true) => FieldDirection::Both,
            (true, false) => FieldDirection::LeftToRight,
            (false, true) => FieldDirection::RightToLeft,
            (false, false) => FieldDirection::Off,
        }
    }

    pub fn key(&self, source: Side, id: &str) -> String {
        idempotency_key(self.profile.id, source, id)
    }
}

/// Deterministic per source record, so a create repeated after a crash
/// always carries the same marker.
pub fn idempotency_key(profile_id: u32, source: Side, id: &str) -> String {
    format!("kh-{profile_id}-{}-{id}", source.letter())
}

/// The (source side, source id) a key of this profile names.
pub(crate) fn parse_key(profile_id: u32, key: &str) -> Option<(Side, String)> {
    let mut parts = key.splitn(4, '-');
    let (kh, profile, letter, id) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if kh != "kh" || profile != profile_id.to_string() || id.is_empty() {
        return None;
    }
    let side = match letter {
        "l" => Side::Left,
        "r" => Side::Right,
        _ => return None,
    };
    Some((side, id.to_owned()))
}

pub(crate) fn plan<C: Connector>(connector: &C, input: PlanInput<'_>) -> Planned {
    let mut planned = Planned {
        links: input.links.clone(),
        ..Planned::default()
    };
    let records: [BTreeMap<&str, &Record>; 2] = [
        input.reads[0]
            .records
            .iter()
            .map(|r| (r.id.as_str(), r))
            .collect(),
        input.reads[1]
            .records
            .iter()
            .map(|r| (r.id.as_str(), r))
            .collect(),
    ];
    for side in [Side::Left, Side::Right] {
        for problem in &input.reads[ix(side)].problems {
            planned.problems.push((problem.clone(), None));
        }
    }
    super::plan_heal::heal(&input, &records, &mut planned);
    super::plan_pairs::pairs(connector, &input, &records, &mut planned);
    super::plan_create::creates(connector, &input, &records, &mut planned);
    planned
}

/// Builds the op shown in the plan and stored in the journal.
pub(crate) fn planned_op(
    key: String,
    side: Side,
    action: OpAction,
    entity: EntityKind,
    title: &str,
    target_id: Option<String>,
    source: Option<String>,
) -> PlannedOp {
    PlannedOp {
        key,
        side,
        action,
        entity,
        title: title.to_owned(),
        target_id,
        source,
        changes: Vec::new(),
        status: OpStatus::Planned,
    }
}

/// The message a problem cause shows, saying what to do.
pub(crate) fn message(cause: &ProblemCause, names: &[String; 2]) -> String {
    let name = |side: &Side| names[ix(*side)].as_str();
    match cause {
        ProblemCause::UnmappedUser { side, user, name: person } => format!(
            "{person} ({user}) on {} has no partner in the profile's user map: map this user, or skip the item.",
            name(side)
        ),
        ProblemCause::UnmappedValue { field, side, value, name: label } => format!(
            "The {} value “{label}” ({value}) on {} is not in the profile's value map: map this value, or skip the item.",
            diff::field_name(*field),
            name(side)
        ),
        ProblemCause::PermissionDenied { side, permission } => format!(
            "The technical user lacks the permission “{permission}” on {}: grant it, then retry.",
            name(side)
        ),
        ProblemCause::StructureMismatch { detail } => detail.clone(),
        ProblemCause::FieldConflict { field, left, right } => format!(
            "Both sides changed {} since the last sync ({}: “{left}”, {}: “{right}”): keep one side's value.",
            diff::field_name(*field),
            names[0],
            names[1]
        ),
        ProblemCause::Rejected { side, status } => format!(
            "{} refused the change (HTTP {status}): check the item there, then retry or skip it.",
            name(side)
        ),
        ProblemCause::Unreachable { side } => format!(
            "{} could not be reached; the next run tries again.",
            name(side)
        ),
    }
}

/// What the deletion of a linked record on one side does to the other.
pub(crate) fn deletion_action(policy: DeletionPolicy) -> Option<OpAction> {
    match policy {
        DeletionPolicy::Ignore => None,
        DeletionPolicy::Mirror => Some(OpAction::Delete),
        DeletionPolicy::Archive => Some(OpAction::Archive),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_belong_to_their_profile() {
        let key = idempotency_key(7, Side::Right, "entry:3:70-01");
        assert_eq!(key, "kh-7-r-entry:3:70-01");
        assert_eq!(
            parse_key(7, &key),
            Some((Side::Right, "entry:3:70-01".into()))
        );
        assert_eq!(parse_key(8, &key), None);
        assert_eq!(parse_key(7, "kh-7-x-1"), None);
        assert_eq!(parse_key(7, "other"), None);
    }
}
