use super::*;
use crate::sync::model::EntityKind;
use serde_json::json;

fn link(left: &str, right: &str) -> Link {
    Link {
        id: Some(1),
        kind: EntityKind::Item,
        left_id: "L1".into(),
        right_id: "R1".into(),
        snapshot_left: Fields::from([(SyncField::Summary, json!(left))]),
        snapshot_right: Fields::from([(SyncField::Summary, json!(right))]),
        marker: None,
        left_gone: false,
        right_gone: false,
        display: "A-1".into(),
    }
}

fn record(summary: &str, at: i64) -> Record {
    Record {
        id: "x".into(),
        display: "A-1".into(),
        kind: EntityKind::Item,
        parent: None,
        fields: Fields::from([(SyncField::Summary, json!(summary))]),
        updated_at: Some(jiff::Timestamp::from_second(at).unwrap()),
        by_us: false,
        marker: None,
    }
}

/// Left values are lower case, right values upper case.
fn upper(_: SyncField, from: Side, value: &Value) -> Result<Value, ProblemCause> {
    let text = value.as_str().unwrap_or_default();
    Ok(json!(match from {
        Side::Left => text.to_uppercase(),
        Side::Right => text.to_lowercase(),
    }))
}

fn run(
    link: &Link,
    left: Option<&Record>,
    right: Option<&Record>,
    direction: FieldDirection,
    policy: ConflictPolicy,
) -> PairDiff {
    let fields = [(SyncField::Summary, direction)];
    let settled = BTreeMap::new();
    diff_pair(
        &PairInput {
            link,
            now: [left, right],
            fields: &fields,
            policy,
            settled: &settled,
        },
        &upper,
    )
}

#[test]
fn one_changed_side_is_written_to_the_other() {
    let pair = link("a", "A");
    let left = record("b", 1);
    let diff = run(
        &pair,
        Some(&left),
        None,
        FieldDirection::Both,
        ConflictPolicy::Ask,
    );
    let write = diff.writes[1].as_ref().unwrap();
    assert_eq!(write.fields[&SyncField::Summary], json!("B"));
    assert_eq!(write.before[&SyncField::Summary], json!("A"));
    assert!(diff.writes[0].is_none());
    assert!(diff.problems.is_empty());
}

#[test]
fn unchanged_and_echoed_values_write_nothing() {
    let pair = link("a", "A");
    let same = record("a", 1);
    let echo = record("A", 2);
    let diff = run(
        &pair,
        Some(&same),
        Some(&echo),
        FieldDirection::Both,
        ConflictPolicy::Ask,
    );
    assert_eq!(diff.writes, [None, None]);
}

#[test]
fn both_changed_to_the_same_value_only_refreshes() {
    let pair = link("a", "A");
    let diff = run(
        &pair,
        Some(&record("b", 1)),
        Some(&record("B", 2)),
        FieldDirection::Both,
        ConflictPolicy::Ask,
    );
    assert_eq!(diff.writes, [None, None]);
    assert!(diff
        .refresh
        .contains(&(Side::Left, SyncField::Summary, json!("b"))));
    assert!(diff
        .refresh
        .contains(&(Side::Right, SyncField::Summary, json!("B"))));
}

#[test]
fn conflicts_follow_the_policy_and_ask_leaves_the_field_alone() {
    let pair = link("a", "A");
    let (left, right) = (record("b", 10), record("C", 20));
    let newest = run(
        &pair,
        Some(&left),
        Some(&right),
        FieldDirection::Both,
        ConflictPolicy::NewestWins,
    );
    assert_eq!(
        newest.writes[0].as_ref().unwrap().fields[&SyncField::Summary],
        json!("c")
    );
    assert_eq!(newest.decided[0].winner, Side::Right);
    let left_wins = run(
        &pair,
        Some(&left),
        Some(&right),
        FieldDirection::Both,
        ConflictPolicy::LeftWins,
    );
    assert_eq!(
        left_wins.writes[1].as_ref().unwrap().fields[&SyncField::Summary],
        json!("B")
    );
    let ask = run(
        &pair,
        Some(&left),
        Some(&right),
        FieldDirection::Both,
        ConflictPolicy::Ask,
    );
    assert_eq!(ask.writes, [None, None]);
    assert!(ask.refresh.is_empty());
    assert!(matches!(
        ask.problems[0],
        ProblemCause::FieldConflict { .. }
    ));
    // A one-way field never asks: its source wins.
    let one_way = run(
        &pair,
        Some(&left),
        Some(&right),
        FieldDirection::RightToLeft,
        ConflictPolicy::Ask,
    );
    assert_eq!(
        one_way.writes[0].as_ref().unwrap().fields[&SyncField::Summary],
        json!("c")
    );
}

#[test]
fn a_change_against_the_direction_is_remembered_not_synced() {
    let pair = link("a", "A");
    let diff = run(
        &pair,
        None,
        Some(&record("Z", 1)),
        FieldDirection::LeftToRight,
        ConflictPolicy::Ask,
    );
    assert_eq!(diff.writes, [None, None]);
    assert_eq!(
        diff.refresh,
        vec![(Side::Right, SyncField::Summary, json!("Z"))]
    );
}

#[test]
fn an_untranslatable_value_is_a_problem_and_keeps_the_snapshot() {
    let pair = link("a", "A");
    let unmapped = |field, from, value: &Value| -> Result<Value, ProblemCause> {
        Err(ProblemCause::UnmappedValue {
            field,
            side: from,
            value: value.to_string(),
            name: "x".into(),
        })
    };
    let fields = [(SyncField::Summary, FieldDirection::Both)];
    let settled = BTreeMap::new();
    let left = record("b", 1);
    let diff = diff_pair(
        &PairInput {
            link: &pair,
            now: [Some(&left), None],
            fields: &fields,
            policy: ConflictPolicy::Ask,
            settled: &settled,
        },
        &unmapped,
    );
    assert_eq!(diff.writes, [None, None]);
    assert!(diff.refresh.is_empty());
    assert_eq!(diff.problems.len(), 1);
}
