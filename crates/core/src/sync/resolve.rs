//! The problems inbox's one-click fixes. Mapping a user or a value edits
//! the profile's maps; Retry and the conflict choices take effect on the
//! next run. Every fix forgets the profile's watermarks, so the next run
//! reads the item again even though it has not changed since.

use super::model::{
    ItemProblem, ProblemAction, ProblemCause, ProblemStatus, Side, SyncField, UserPair, ValuePair,
};
use super::{links, problems, profile};
use crate::store::Database;
use crate::{AppError, AppResult};

pub fn resolve_problem(
    db: &Database,
    problem_id: u32,
    action: &ProblemAction,
) -> AppResult<ItemProblem> {
    let problem = problems::get(db, problem_id)?;
    let wrong = |what: &str| {
        AppError::validation(
            "action",
            format!("{what} does not fit this problem; choose one of the fixes it offers."),
        )
    };
    db.atomic(|| {
        let (status, resolution) = match (action, &problem.cause) {
            (
                ProblemAction::MapUser { right, right_name },
                ProblemCause::UnmappedUser { side, user, name },
            ) => {
                map_user(
                    db,
                    problem.profile_id,
                    *side,
                    (user, name),
                    (right, right_name),
                )?;
                (ProblemStatus::Resolved, None)
            }
            (ProblemAction::MapUser { .. }, _) => return Err(wrong("Mapping a user")),
            (
                ProblemAction::MapValue { other },
                ProblemCause::UnmappedValue {
                    field, side, value, ..
                },
            ) => {
                map_value(db, problem.profile_id, *field, *side, value, other)?;
                (ProblemStatus::Resolved, None)
            }
            (ProblemAction::MapValue { .. }, _) => return Err(wrong("Mapping a value")),
            (
                ProblemAction::KeepLeft | ProblemAction::KeepRight,
                ProblemCause::FieldConflict { .. },
            ) => {
                let keep = if *action == ProblemAction::KeepLeft {
                    "keepLeft"
                } else {
                    "keepRight"
                };
                (ProblemStatus::Resolved, Some(keep))
            }
            (ProblemAction::KeepLeft | ProblemAction::KeepRight, _) => {
                return Err(wrong("Keeping one side's value"))
            }
            (ProblemAction::Retry, _) => (ProblemStatus::Open, Some("retry")),
            (ProblemAction::Skip, _) => (ProblemStatus::Skipped, None),
        };
        problems::set_status(db, problem_id, status, resolution)?;
        if *action != ProblemAction::Skip {
            links::clear_watermarks(db, problem.profile_id)?;
        }
        Ok(())
    })?;
    problems::get(db, problem_id)
}

/// Adds (or replaces) the user pair; `other` is the person on the other side.
fn map_user(
    db: &Database,
    profile_id: u32,
    side: Side,
    (user, name): (&String, &String),
    (other, other_name): (&String, &String),
) -> AppResult<()> {
    let found = profile::get(db, profile_id)?;
    let mut draft = found.to_draft();
    let pair = match side {
        Side::Left => UserPair {
            left: user.clone(),
            left_name: name.clone(),
            right: other.clone(),
            right_name: other_name.clone(),
        },
        Side::Right => UserPair {
            left: other.clone(),
            left_name: other_name.clone(),
            right: user.clone(),
            right_name: name.clone(),
        },
    };
    draft
        .user_map
        .retain(|existing| existing.left != pair.left && existing.right != pair.right);
    draft.user_map.push(pair);
    profile::save(db, &draft).map(|_| ())
}

fn map_value(
    db: &Database,
    profile_id: u32,
    field: SyncField,
    side: Side,
    value: &str,
    other: &str,
) -> AppResult<()> {
    let found = profile::get(db, profile_id)?;
    let mut draft = found.to_draft();
    let map = match field {
        SyncField::Status => &mut draft.value_maps.status,
        SyncField::ItemType => &mut draft.value_maps.item_type,
        SyncField::Priority => &mut draft.value_maps.priority,
        _ => {
            return Err(AppError::validation(
                "action",
                "Only status, type and priority have value maps; open the profile to change this field's mapping.",
            ))
        }
    };
    let pair = match side {
        Side::Left => ValuePair {
            left: value.to_owned(),
            right: other.to_owned(),
        },
        Side::Right => ValuePair {
            left: other.to_owned(),
            right: value.to_owned(),
        },
    };
    map.retain(|existing| existing.left != pair.left);
    map.push(pair);
    profile::save(db, &draft).map(|_| ())
}
