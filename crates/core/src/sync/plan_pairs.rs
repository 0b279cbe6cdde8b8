//! Planning for the linked pairs: deletions by the profile's policy, and
//! the field updates of the three-way diff.

use std::collections::BTreeMap;

use serde_json::Value;

use super::connector::{Connector, Fields, Record, WriteOp};
use super::diff::{diff_pair, ix, PairInput, Translate, Write};
use super::echo::is_echo;
use super::journal::UndoInfo;
use super::links::Link;
use super::model::{OpAction, ProblemCause, ProblemDraft, Side, SyncField};
use super::plan::{deletion_action, message, planned_op, PlanInput, Planned, Work};

pub(crate) fn pairs<C: Connector>(
    connector: &C,
    input: &PlanInput<'_>,
    records: &[BTreeMap<&str, &Record>; 2],
    planned: &mut Planned,
) {
    let translate = |field: SyncField, from: Side, value: &Value| -> Result<Value, ProblemCause> {
        if value.is_null() {
            Ok(Value::Null)
        } else {
            connector.translate(field, from, value)
        }
    };
    // Settled conflicts are keyed by the pair's left record.
    let mut settled: BTreeMap<&str, BTreeMap<SyncField, (Side, u32)>> = BTreeMap::new();
    for entry in input.settled {
        if let (ProblemCause::FieldConflict { field, .. }, (Side::Left, id)) =
            (&entry.cause, &entry.record)
        {
            settled
                .entry(id.as_str())
                .or_default()
                .insert(*field, (entry.winner, entry.problem_id));
        }
    }
    for index in 0..planned.links.len() {
        let link = planned.links[index].clone();
        if !input.syncs(link.kind) {
            continue;
        }
        let missing = |side: Side| {
            !link.gone(side)
                && input.reads[ix(side)]
                    .present
                    .as_ref()
                    .is_some_and(|present| !present.contains(link.id_on(side)))
        };
        if !link.live() {
            // A tombstone is forgotten once the record it guards is gone too.
            let remaining = if link.left_gone {
                Side::Right
            } else {
                Side::Left
            };
            if link.gone(remaining) || missing(remaining) {
                planned.removed.insert(index);
            }
            continue;
        }
        if input.skipped.contains(&(Side::Left, link.left_id.clone()))
            || input
                .skipped
                .contains(&(Side::Right, link.right_id.clone()))
        {
            continue;
        }
        match (missing(Side::Left), missing(Side::Right)) {
            (true, true) => {
                planned.removed.insert(index);
                continue;
            }
            (true, false) => {
                deletion(input, planned, index, Side::Left);
                continue;
            }
            (false, true) => {
                deletion(input, planned, index, Side::Right);
                continue;
            }
            (false, false) => {}
        }
        let synced = connector.fields(link.kind);
        // Our own writes coming back unchanged are as good as not read.
        let read = |side: Side| {
            records[ix(side)]
                .get(link.id_on(side))
                .copied()
                .filter(|record| !is_echo(record, link.snapshot(side), &synced))
        };
        let now = [read(Side::Left), read(Side::Right)];
        if now == [None, None] {
            planned.unchanged[0] += 1;
            planned.unchanged[1] += 1;
            continue;
        }
        let fields: Vec<_> = synced
            .into_iter()
            .map(|field| (field, input.direction(link.kind, field)))
            .collect();
        let pair_settled = settled.get(link.left_id.as_str());
        let winners: BTreeMap<SyncField, Side> = pair_settled
            .map(|map| {
                map.iter()
                    .map(|(field, (side, _))| (*field, *side))
                    .collect()
            })
            .unwrap_or_default();
        let diff = diff_pair(
            &PairInput {
                link: &link,
                now,
                fields: &fields,
                policy: input.profile.conflict_policy,
                settled: &winners,
            },
            &translate as &Translate<'_>,
        );
        if !diff.refresh.is_empty() {
            let stored = &mut planned.links[index];
            for (side, field, value) in &diff.refresh {
                stored.snapshot_mut(*side).insert(*field, value.clone());
            }
            if stored != &link {
                planned.dirty.insert(index);
            }
        }
        let title = now[0]
            .or(now[1])
            .map_or(link.display.as_str(), |r| r.display.as_str());
        for decided in &diff.decided {
            planned.notes.push(format!(
                "{title}: {} kept from {} ({})",
                super::diff::field_name(decided.field),
                input.server_names[ix(decided.winner)],
                decided.why
            ));
        }
        for field in &diff.settled_used {
            if let Some((_, problem_id)) = pair_settled.and_then(|map| map.get(field)) {
                planned.settled_used.push(*problem_id);
            }
        }
        let clean = diff.problems.is_empty();
        for cause in diff.problems {
            let draft = ProblemDraft {
                side: cause_side(&cause),
                item: title.to_owned(),
                message: message(&cause, &input.server_names),
                cause,
            };
            planned
                .problems
                .push((draft, Some((Side::Left, link.left_id.clone()))));
        }
        if clean {
            for side in [Side::Left, Side::Right] {
                if now[ix(side)].is_some() {
                    planned.clean.push((side, link.id_on(side).to_owned()));
                }
            }
        }
        let [to_left, to_right] = diff.writes;
        for (target, write) in [(Side::Left, to_left), (Side::Right, to_right)] {
            match write {
                Some(write) => update(connector, input, planned, index, &link, now, target, write),
                None => planned.unchanged[ix(target)] += 1,
            }
        }
    }
}

pub(crate) fn cause_side(cause: &ProblemCause) -> Option<Side> {
    match cause {
        ProblemCause::UnmappedUser { side, .. }
        | ProblemCause::UnmappedValue { side, .. }
        | ProblemCause::PermissionDenied { side, .. }
        | ProblemCause::Rejected { side, .. }
        | ProblemCause::Unreachable { side } => Some(*side),
        ProblemCause::StructureMismatch { .. } | ProblemCause::FieldConflict { .. } => None,
    }
}

/// A record standing in for a side that was not read: the link's view of it.
fn stand_in(link: &Link, side: Side) -> Record {
    Record {
        id: link.id_on(side).to_owned(),
        display: link.display.clone(),
        kind: link.kind,
        parent: None,
        fields: link.snapshot(side).clone(),
        updated_at: None,
        by_us: false,
        marker: link.marker.clone(),
    }
}

#[allow(clippy::too_many_arguments)]
fn update<C: Connector>(
    connector: &C,
    input: &PlanInput<'_>,
    planned: &mut Planned,
    index: usize,
    link: &Link,
    now: [Option<&Record>; 2],
    target: Side,
    write: Write,
) {
    let source_side = target.other();
    let source = now[ix(source_side)]
        .cloned()
        .unwrap_or_else(|| stand_in(link, source_side));
    let key = input.key(source_side, link.id_on(source_side));
    let mut op = planned_op(
        key.clone(),
        target,
        OpAction::Update,
        link.kind,
        &source.display,
        Some(link.id_on(target).to_owned()),
        Some(source.id.clone()),
    );
    op.changes = write.changes;
    let reassigns = write.fields.get(&SyncField::Assignee).is_some_and(|after| {
        let before = write
            .before
            .get(&SyncField::Assignee)
            .unwrap_or(&Value::Null);
        !before.is_null() && before != after
    });
    let closes = write.fields.get(&SyncField::Status).is_some_and(|after| {
        let before = write.before.get(&SyncField::Status).unwrap_or(&Value::Null);
        connector.closes(target, after) && !connector.closes(target, before)
    });
    planned.works.push(Work {
        op,
        write: WriteOp {
            key,
            action: OpAction::Update,
            kind: link.kind,
            target_id: Some(link.id_on(target).to_owned()),
            parent: None,
            fields: write.fields,
            source: source.clone(),
        },
        link: Some(index),
        parent_source: None,
        on_success: write.on_success,
        source: (source_side, source.id),
        source_fields: Fields::new(),
        undo: UndoInfo {
            before: write.before,
            link_before: Some(link.clone()),
        },
        breaker: reassigns || closes,
    });
}

/// The linked record on `gone` was deleted there.
fn deletion(input: &PlanInput<'_>, planned: &mut Planned, index: usize, gone: Side) {
    let link = planned.links[index].clone();
    let target = gone.other();
    let action = deletion_action(input.profile.deletion).filter(|_| input.flows(gone));
    let Some(action) = action else {
        // Ignore: the other record stays and is no longer synced; the
        // tombstone keeps it from being copied back.
        planned.links[index].set_gone(gone);
        planned.dirty.insert(index);
        return;
    };
    let key = input.key(gone, link.id_on(gone));
    let source = stand_in(&link, gone);
    planned.works.push(Work {
        op: planned_op(
            key.clone(),
            target,
            action,
            link.kind,
            &link.display,
            Some(link.id_on(target).to_owned()),
            Some(source.id.clone()),
        ),
        write: WriteOp {
            key,
            action,
            kind: link.kind,
            target_id: Some(link.id_on(target).to_owned()),
            parent: None,
            fields: Fields::new(),
            source: source.clone(),
        },
        link: Some(index),
        parent_source: None,
        on_success: Vec::new(),
        source: (gone, source.id),
        source_fields: Fields::new(),
        undo: UndoInfo {
            before: link.snapshot(target).clone(),
            link_before: Some(link.clone()),
        },
        breaker: true,
    });
}
