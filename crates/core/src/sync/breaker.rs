//! The mass-change breaker: a run that would delete, close or reassign more
//! than the profile's threshold of the linked items, or that finds a side
//! suddenly empty where links exist, pauses and asks instead of applying.

use super::connector::SideRead;
use super::diff::ix;
use super::model::{BreakerReason, Side};
use super::plan::Planned;

pub(crate) fn check(
    planned: &Planned,
    reads: [&SideRead; 2],
    threshold_percent: u32,
) -> Option<BreakerReason> {
    let live = planned.links.iter().filter(|link| link.live()).count();
    let linked = u32::try_from(live).unwrap_or(u32::MAX);
    if linked == 0 {
        return None;
    }
    for side in [Side::Left, Side::Right] {
        // An empty id list where records were linked is far more likely a
        // lost permission or a wrong scope than everything deleted.
        if reads[ix(side)]
            .present
            .as_ref()
            .is_some_and(|present| present.is_empty())
        {
            return Some(BreakerReason::SideEmpty { side, linked });
        }
    }
    let count =
        u32::try_from(planned.works.iter().filter(|work| work.breaker).count()).unwrap_or(u32::MAX);
    let limit = threshold_percent;
    // count / linked > limit %, in integers.
    if u64::from(count) * 100 > u64::from(limit) * u64::from(linked) {
        let percent = u32::try_from(u64::from(count) * 100 / u64::from(linked)).unwrap_or(u32::MAX);
        return Some(BreakerReason::MassChange {
            count,
            linked,
            percent,
            limit,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::sync::connector::{Fields, Record, WriteOp};
    use crate::sync::journal::UndoInfo;
    use crate::sync::links::Link;
    use crate::sync::model::{EntityKind, OpAction};
    use crate::sync::plan::{planned_op, Work};

    fn link(n: usize) -> Link {
        Link {
            id: Some(n as i64),
            kind: EntityKind::Item,
            left_id: format!("L{n}"),
            right_id: format!("R{n}"),
            snapshot_left: Fields::new(),
            snapshot_right: Fields::new(),
            marker: None,
            left_gone: false,
            right_gone: false,
            display: String::new(),
        }
    }

    fn deletion() -> Work {
        let source = Record {
            id: "L".into(),
            display: String::new(),
            kind: EntityKind::Item,
            parent: None,
            fields: Fields::new(),
            updated_at: None,
            by_us: false,
            marker: None,
        };
        Work {
            op: planned_op(
                "k".into(),
                Side::Right,
                OpAction::Delete,
                EntityKind::Item,
                "",
                None,
                None,
            ),
            write: WriteOp {
                key: "k".into(),
                action: OpAction::Delete,
                kind: EntityKind::Item,
                target_id: None,
                parent: None,
                fields: Fields::new(),
                source,
            },
            link: None,
            parent_source: None,
            on_success: Vec::new(),
            source: (Side::Left, "L".into()),
            source_fields: Fields::new(),
            undo: UndoInfo::default(),
            breaker: true,
        }
    }

    fn read(present: Option<usize>) -> SideRead {
        SideRead {
            records: Vec::new(),
            present: present.map(|n| (0..n).map(|i| i.to_string()).collect::<BTreeSet<_>>()),
            watermark: String::new(),
            problems: Vec::new(),
        }
    }

    #[test]
    fn trips_only_above_the_threshold() {
        let mut planned = Planned {
            links: (0..10).map(link).collect(),
            ..Planned::default()
        };
        planned.works = vec![deletion(), deletion()];
        let (some, unknown) = (read(Some(10)), read(None));
        assert_eq!(
            check(&planned, [&some, &unknown], 20),
            None,
            "2 of 10 is not above 20 %"
        );
        planned.works.push(deletion());
        assert_eq!(
            check(&planned, [&some, &unknown], 20),
            Some(BreakerReason::MassChange {
                count: 3,
                linked: 10,
                percent: 30,
                limit: 20
            })
        );
    }

    #[test]
    fn an_empty_side_with_links_trips_but_not_without_links() {
        let empty = read(Some(0));
        let full = read(Some(3));
        let linked = Planned {
            links: (0..3).map(link).collect(),
            ..Planned::default()
        };
        assert_eq!(
            check(&linked, [&full, &empty], 20),
            Some(BreakerReason::SideEmpty {
                side: Side::Right,
                linked: 3
            })
        );
        assert_eq!(check(&Planned::default(), [&full, &empty], 20), None);
    }
}
