//! Planning the creates: every unlinked record becomes a create on the
//! other side, in waves (groups, items, sub-items, worklogs) so a parent is
//! always created — or known — before its children.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::connector::{Connector, Fields, Record, WriteOp};
use super::diff::{field_name, ix};
use super::echo::{text, value};
use super::journal::UndoInfo;
use super::model::{EntityKind, FieldChange, OpAction, ProblemCause, ProblemDraft, Side};
use super::plan::{message, parse_key, planned_op, PlanInput, Planned, Work};
use super::plan_pairs::cause_side;

/// Where a create's parent comes from.
enum Parent {
    None,
    Linked(String),
    CreatedThisRun(String),
}

pub(crate) fn creates<C: Connector>(
    connector: &C,
    input: &PlanInput<'_>,
    records: &[BTreeMap<&str, &Record>; 2],
    planned: &mut Planned,
) {
    let mut linked: [BTreeSet<String>; 2] = Default::default();
    // Record id → its link, per side (parents are looked up per record).
    let mut by_id: [BTreeMap<String, usize>; 2] = Default::default();
    for (index, link) in planned.links.iter().enumerate() {
        linked[0].insert(link.left_id.clone());
        linked[1].insert(link.right_id.clone());
        by_id[0].insert(link.left_id.clone(), index);
        by_id[1].insert(link.right_id.clone(), index);
    }
    let mut creating: BTreeSet<(Side, String)> = BTreeSet::new();
    for kind in EntityKind::WAVES {
        if !input.syncs(kind) {
            continue;
        }
        for side in [Side::Left, Side::Right] {
            if !input.flows(side) {
                continue;
            }
            let target = side.other();
            for record in records[ix(side)]
                .values()
                .filter(|record| record.kind == kind)
            {
                if linked[ix(side)].contains(&record.id)
                    || input.skipped.contains(&(side, record.id.clone()))
                {
                    continue;
                }
                let ours = record
                    .marker
                    .as_deref()
                    .and_then(|key| parse_key(input.profile.id, key))
                    .is_some_and(|(source, _)| source == target);
                if ours {
                    // Our own create whose source is linked to another
                    // record: copying it back would loop. Say so instead.
                    problem(
                        input,
                        planned,
                        record,
                        side,
                        ProblemCause::StructureMismatch {
                            detail: format!(
                                "“{}” on {} was created by this profile, but its source is already synced with another item: remove the extra one there.",
                                record.display,
                                input.server_names[ix(side)]
                            ),
                        },
                    );
                    continue;
                }
                let parent = match parent_of(planned, &by_id[ix(side)], &creating, record, side) {
                    Ok(parent) => parent,
                    Err(detail) => {
                        let detail = format!(
                            "“{}” cannot be created on {}: {detail}. It follows once its parent is synced (fix the parent's problem, then retry).",
                            record.display,
                            input.server_names[ix(target)]
                        );
                        problem(
                            input,
                            planned,
                            record,
                            side,
                            ProblemCause::StructureMismatch { detail },
                        );
                        continue;
                    }
                };
                create(connector, input, planned, record, side, parent);
                creating.insert((side, record.id.clone()));
            }
        }
    }
}

fn parent_of(
    planned: &Planned,
    by_id: &BTreeMap<String, usize>,
    creating: &BTreeSet<(Side, String)>,
    record: &Record,
    side: Side,
) -> Result<Parent, String> {
    let Some(parent) = record.parent.as_deref() else {
        return Ok(Parent::None);
    };
    if record.kind == EntityKind::Group {
        return Ok(Parent::None);
    }
    if let Some(link) = by_id.get(parent).map(|&index| &planned.links[index]) {
        return if link.live() {
            Ok(Parent::Linked(link.id_on(side.other()).to_owned()))
        } else {
            Err(format!("its parent ({parent}) was deleted on one side"))
        };
    }
    if creating.contains(&(side, parent.to_owned())) {
        return Ok(Parent::CreatedThisRun(parent.to_owned()));
    }
    Err(format!("its parent ({parent}) is not synced"))
}

fn problem(
    input: &PlanInput<'_>,
    planned: &mut Planned,
    record: &Record,
    side: Side,
    cause: ProblemCause,
) {
    let draft = ProblemDraft {
        side: cause_side(&cause).or(Some(side)),
        item: record.display.clone(),
        message: message(&cause, &input.server_names),
        cause,
    };
    planned
        .problems
        .push((draft, Some((side, record.id.clone()))));
}

fn create<C: Connector>(
    connector: &C,
    input: &PlanInput<'_>,
    planned: &mut Planned,
    record: &Record,
    side: Side,
    parent: Parent,
) {
    let target = side.other();
    let mut fields = Fields::new();
    let mut source_fields = Fields::new();
    let mut changes = Vec::new();
    let mut clean = true;
    for field in connector.fields(record.kind) {
        let now = value(&record.fields, field);
        if !input.direction(record.kind, field).allows(side) {
            // Not ours to copy; remembered so it is not a change later.
            source_fields.insert(field, now.clone());
            continue;
        }
        if now.is_null() {
            source_fields.insert(field, Value::Null);
            continue;
        }
        match connector.translate(field, side, now) {
            Ok(wanted) => {
                changes.push(FieldChange {
                    field: field_name(field),
                    before: None,
                    after: text(&wanted),
                });
                fields.insert(field, wanted);
                source_fields.insert(field, now.clone());
            }
            Err(cause) => {
                // Created without it; left out of the snapshot so the value
                // moves once mapped.
                clean = false;
                problem(input, planned, record, side, cause);
            }
        }
    }
    if clean {
        planned.clean.push((side, record.id.clone()));
    }
    let key = input.key(side, &record.id);
    let (parent, parent_source) = match parent {
        Parent::None => (None, None),
        Parent::Linked(id) => (Some(id), None),
        Parent::CreatedThisRun(source) => (None, Some(source)),
    };
    let mut op = planned_op(
        key.clone(),
        target,
        OpAction::Create,
        record.kind,
        &record.display,
        None,
        Some(record.id.clone()),
    );
    op.changes = changes;
    planned.works.push(Work {
        op,
        write: WriteOp {
            key,
            action: OpAction::Create,
            kind: record.kind,
            target_id: None,
            parent,
            fields,
            source: record.clone(),
        },
        link: None,
        parent_source,
        on_success: Vec::new(),
        source: (side, record.id.clone()),
        source_fields,
        undo: UndoInfo::default(),
        breaker: false,
    });
}
