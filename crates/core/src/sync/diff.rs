//! The three-way diff of one linked pair: the snapshot against each side
//! now, field by field. Only a field that changed since the snapshot
//! moves; both sides changed to different values is a conflict the
//! profile's policy decides (or the user, with `Ask`).

use std::collections::BTreeMap;

use serde_json::Value;

use super::connector::{Fields, Record};
use super::echo::{changed, text, value};
use super::links::Link;
use super::model::{ConflictPolicy, FieldChange, FieldDirection, ProblemCause, Side, SyncField};

/// Index of a side in `[left, right]` arrays.
pub(crate) fn ix(side: Side) -> usize {
    match side {
        Side::Left => 0,
        Side::Right => 1,
    }
}

/// Turns a value of `field` on `from` into the other side's native form.
pub(crate) type Translate<'a> = dyn Fn(SyncField, Side, &Value) -> Result<Value, ProblemCause> + 'a;

pub(crate) struct PairInput<'a> {
    pub link: &'a Link,
    /// Each side's record when it was read this run; None = unchanged since
    /// the watermark, so "now" is its snapshot.
    pub now: [Option<&'a Record>; 2],
    /// The fields this kind syncs, with their effective direction.
    pub fields: &'a [(SyncField, FieldDirection)],
    pub policy: ConflictPolicy,
    /// Conflicts the user settled (KeepLeft / KeepRight) for this pair.
    pub settled: &'a BTreeMap<SyncField, Side>,
}

/// One write to one side of the pair.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Write {
    /// Target-native values to set.
    pub fields: Fields,
    pub changes: Vec<FieldChange>,
    /// The target's values before, for undo.
    pub before: Fields,
    /// Snapshot values to store once the write succeeded.
    pub on_success: Vec<(Side, SyncField, Value)>,
}

/// A conflict the policy (or the user) decided.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decided {
    pub field: SyncField,
    pub winner: Side,
    pub why: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PairDiff {
    /// Writes by target side: `[to left, to right]`.
    pub writes: [Option<Write>; 2],
    /// Snapshot values that hold whatever the writes do.
    pub refresh: Vec<(Side, SyncField, Value)>,
    pub problems: Vec<ProblemCause>,
    pub decided: Vec<Decided>,
    pub settled_used: Vec<SyncField>,
}

pub(crate) fn diff_pair(input: &PairInput<'_>, translate: &Translate<'_>) -> PairDiff {
    let mut out = PairDiff::default();
    let snap = [&input.link.snapshot_left, &input.link.snapshot_right];
    let now: [&Fields; 2] = [
        input.now[0].map_or(snap[0], |record| &record.fields),
        input.now[1].map_or(snap[1], |record| &record.fields),
    ];
    for &(field, direction) in input.fields {
        if direction == FieldDirection::Off {
            continue;
        }
        let moved = [
            changed(now[0], snap[0], field),
            changed(now[1], snap[1], field),
        ];
        let winner = match moved {
            [false, false] => continue,
            [true, true] => {
                let left = value(now[0], field);
                let right = value(now[1], field);
                if translate(field, Side::Left, left).as_ref() == Ok(right) {
                    // Both made the same change: nothing to write.
                    refresh(&mut out, field, now);
                    continue;
                }
                match decide(input, field, direction) {
                    Some(decided) => {
                        let winner = decided.winner;
                        if decided.why == "settled by the user" {
                            out.settled_used.push(field);
                        }
                        out.decided.push(decided);
                        winner
                    }
                    None => {
                        out.problems.push(ProblemCause::FieldConflict {
                            field,
                            left: text(left).unwrap_or_default(),
                            right: text(right).unwrap_or_default(),
                        });
                        continue;
                    }
                }
            }
            [true, false] => Side::Left,
            [false, true] => Side::Right,
        };
        if !direction.allows(winner) {
            // A change against the field's direction is not synced; remember
            // it so it is not seen as a change again.
            let side = winner;
            out.refresh
                .push((side, field, value(now[ix(side)], field).clone()));
            continue;
        }
        let source = value(now[ix(winner)], field);
        let target_side = winner.other();
        let current = value(now[ix(target_side)], field);
        let wanted = match translate(field, winner, source) {
            Ok(wanted) => wanted,
            Err(cause) => {
                // Left alone (snapshot kept) so it moves once mapped.
                out.problems.push(cause);
                continue;
            }
        };
        if &wanted == current {
            refresh(&mut out, field, now);
            continue;
        }
        let write = out.writes[ix(target_side)].get_or_insert_with(Write::default);
        write.changes.push(FieldChange {
            field: field_name(field),
            before: text(current),
            after: text(&wanted),
        });
        write.before.insert(field, current.clone());
        write.on_success.push((winner, field, source.clone()));
        write.on_success.push((target_side, field, wanted.clone()));
        write.fields.insert(field, wanted);
    }
    out
}

fn refresh(out: &mut PairDiff, field: SyncField, now: [&Fields; 2]) {
    out.refresh
        .push((Side::Left, field, value(now[0], field).clone()));
    out.refresh
        .push((Side::Right, field, value(now[1], field).clone()));
}

/// Who wins a real conflict; None = ask the user.
fn decide(input: &PairInput<'_>, field: SyncField, direction: FieldDirection) -> Option<Decided> {
    let decided = |winner, why| Some(Decided { field, winner, why });
    if let Some(&winner) = input.settled.get(&field) {
        return decided(winner, "settled by the user");
    }
    match direction {
        FieldDirection::LeftToRight => return decided(Side::Left, "the field syncs left to right"),
        FieldDirection::RightToLeft => {
            return decided(Side::Right, "the field syncs right to left")
        }
        FieldDirection::Both | FieldDirection::Off => {}
    }
    match input.policy {
        ConflictPolicy::LeftWins => decided(Side::Left, "left wins"),
        ConflictPolicy::RightWins => decided(Side::Right, "right wins"),
        ConflictPolicy::Ask => None,
        ConflictPolicy::NewestWins => {
            let left = input.now[0].and_then(|record| record.updated_at);
            let right = input.now[1].and_then(|record| record.updated_at);
            // Unknown times or a tie: the left side (the connection's
            // source of truth by convention) wins, deterministically.
            let winner = match (left, right) {
                (Some(left), Some(right)) if right > left => Side::Right,
                (None, Some(_)) => Side::Right,
                _ => Side::Left,
            };
            decided(winner, "newest wins")
        }
    }
}

/// The field's wire name ("originalEstimate"), for plans and messages.
pub(crate) fn field_name(field: SyncField) -> String {
    super::db_text::name(&field).unwrap_or_else(|_| format!("{field:?}"))
}

#[cfg(test)]
#[path = "diff_tests.rs"]
mod tests;
