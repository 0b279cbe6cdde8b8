//! Healing before planning: a record we created whose answer never came
//! back (lost, or the process died) is linked to its source — found by
//! `find_created` for the journal's unfinished creates, or by the marker
//! it carries when a read returns it. Never created a second time.

use std::collections::{BTreeMap, BTreeSet};

use super::connector::{Fields, Record};
use super::diff::ix;
use super::links::Link;
use super::model::{EntityKind, Side};
use super::plan::{parse_key, PlanInput, Planned};

pub(crate) fn heal(
    input: &PlanInput<'_>,
    records: &[BTreeMap<&str, &Record>; 2],
    planned: &mut Planned,
) {
    let mut linked: Linked = Default::default();
    for link in &planned.links {
        linked[0].insert(link.left_id.clone());
        linked[1].insert(link.right_id.clone());
    }
    for (key, (target_side, target_id, kind)) in input.found {
        if let Some((source_side, source_id)) = parse_key(input.profile.id, key) {
            if source_side == target_side.other() {
                link(
                    &mut linked,
                    records,
                    planned,
                    key,
                    (source_side, &source_id),
                    target_id,
                    *kind,
                );
            }
        }
    }
    for side in [Side::Left, Side::Right] {
        for record in records[ix(side)].values() {
            let Some(key) = record.marker.as_deref() else {
                continue;
            };
            let Some((source_side, source_id)) = parse_key(input.profile.id, key) else {
                continue;
            };
            if source_side == side.other() {
                link(
                    &mut linked,
                    records,
                    planned,
                    key,
                    (source_side, &source_id),
                    &record.id,
                    record.kind,
                );
            }
        }
    }
}

/// Ids already linked, per side (looked up once per record with a marker).
type Linked = [BTreeSet<String>; 2];

fn link(
    linked: &mut Linked,
    records: &[BTreeMap<&str, &Record>; 2],
    planned: &mut Planned,
    key: &str,
    (source_side, source_id): (Side, &str),
    target_id: &str,
    kind: EntityKind,
) {
    let target_side = source_side.other();
    if linked[ix(source_side)].contains(source_id) || linked[ix(target_side)].contains(target_id) {
        return;
    }
    linked[ix(source_side)].insert(source_id.to_owned());
    linked[ix(target_side)].insert(target_id.to_owned());
    let source = records[ix(source_side)].get(source_id).copied();
    let target = records[ix(target_side)].get(target_id).copied();
    // The source starts from an empty snapshot, so every value it holds
    // counts as changed: the diff then writes only what differs from the
    // target now (usually nothing), and nothing edited meanwhile is lost.
    let fields = |record: Option<&Record>| record.map(|r| r.fields.clone()).unwrap_or_default();
    let display = source
        .or(target)
        .map_or_else(|| source_id.to_owned(), |record| record.display.clone());
    let mut link = Link {
        id: None,
        kind,
        left_id: String::new(),
        right_id: String::new(),
        snapshot_left: Fields::new(),
        snapshot_right: Fields::new(),
        marker: Some(key.to_owned()),
        left_gone: false,
        right_gone: false,
        display,
    };
    match source_side {
        Side::Left => {
            link.left_id = source_id.to_owned();
            link.right_id = target_id.to_owned();
            link.snapshot_left = Fields::new();
            link.snapshot_right = fields(target);
        }
        Side::Right => {
            link.right_id = source_id.to_owned();
            link.left_id = target_id.to_owned();
            link.snapshot_right = Fields::new();
            link.snapshot_left = fields(target);
        }
    }
    planned.links.push(link);
    planned.dirty.insert(planned.links.len() - 1);
    planned.notes.push(format!(
        "{key} found again on the other side and linked (no second create)"
    ));
}
