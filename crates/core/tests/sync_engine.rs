//! The sync engine against an in-memory pair with injected faults: the
//! end state never depends on faults, nothing is created twice, our own
//! writes are not changes, the breaker, the policies, undo, cancellation
//! and healing.

#[path = "sync_engine_support/fake.rs"]
mod fake;
#[path = "sync_engine_support/world.rs"]
mod world;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use fake::Fault;
use kakehashi_core::sync::engine::{self};
use kakehashi_core::sync::{
    self as sync, BreakerReason, ConflictPolicy, DeletionPolicy, EntityKind, OpAction, OpStatus,
    Phase, ProblemAction, ProblemCause, ProblemStatus, RunOutcome, Side, SyncField,
};
use proptest::prelude::*;
use tokio_util::sync::CancellationToken;
use world::{block, options, World};

/// Two groups, "ga" on the left and "gb" on the right, with items under them.
fn seeded(
    policy: ConflictPolicy,
    deletion: DeletionPolicy,
    left_items: usize,
    right_items: usize,
) -> World {
    let world = World::new(policy, deletion);
    world
        .fake
        .put(Side::Left, "ga", EntityKind::Group, None, "ga", "open");
    world
        .fake
        .put(Side::Right, "gb", EntityKind::Group, None, "gb", "open");
    for n in 0..left_items {
        world.fake.put(
            Side::Left,
            &format!("a{n}"),
            EntityKind::Item,
            Some("ga"),
            &format!("left {n}"),
            "todo",
        );
    }
    for n in 0..right_items {
        world.fake.put(
            Side::Right,
            &format!("b{n}"),
            EntityKind::Item,
            Some("gb"),
            &format!("right {n}"),
            "todo",
        );
    }
    world
}

#[test]
fn the_first_run_copies_both_ways_and_a_second_run_writes_nothing() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 3, 2);
    let first = world.run();
    assert_eq!(first.summary.outcome, RunOutcome::Succeeded);
    assert_eq!(
        first.summary.right.created, 4,
        "a group and three items to the right"
    );
    assert_eq!(
        first.summary.left.created, 3,
        "a group and two items to the left"
    );
    world.assert_mirrored();
    assert!(
        sync::profile::get(&world.db, world.profile.id)
            .unwrap()
            .has_run
    );

    let writes = world.fake.lock().writes;
    let echo = world.run();
    assert!(
        echo.plan.ops.is_empty(),
        "our own writes came back as changes: {:?}",
        echo.plan.ops
    );
    assert_eq!(
        world.fake.lock().writes,
        writes,
        "the echo run wrote something"
    );
    assert_eq!(echo.summary.left.unchanged, 7);
    assert_eq!(echo.summary.outcome, RunOutcome::Succeeded);
}

#[test]
fn a_dry_run_plans_and_stores_the_plan_but_writes_nothing() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 2, 0);
    let report = world
        .try_run(options(true, false), CancellationToken::new())
        .unwrap();
    assert_eq!(report.plan.ops.len(), 4);
    assert!(report
        .plan
        .ops
        .iter()
        .all(|op| op.action == OpAction::Create));
    assert_eq!(
        (report.plan.right.created, report.plan.left.created),
        (3, 1)
    );
    assert_eq!(world.fake.lock().writes, [0, 0]);
    assert!(report.summary.dry_run);
    let detail = sync::run_detail(&world.db, report.summary.id).unwrap();
    assert_eq!(detail.ops, report.plan.ops);
    assert!(
        !sync::profile::get(&world.db, world.profile.id)
            .unwrap()
            .has_run
    );
    // The real run afterwards does exactly what the preview showed.
    let real = world.run();
    assert_eq!(
        (real.summary.right.created, real.summary.left.created),
        (3, 1)
    );
    world.assert_mirrored();
}

#[test]
fn one_failing_item_becomes_a_problem_and_the_rest_goes_on_then_heals() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 3, 0);
    world.run();
    world
        .fake
        .edit(Side::Left, "a0", SyncField::Summary, "renamed 0");
    world
        .fake
        .edit(Side::Left, "a1", SyncField::Summary, "renamed 1");
    world.fake.lock().faults = [Fault::None, Fault::None, Fault::WriteFails].into();
    let report = world.run();
    assert_eq!(report.summary.outcome, RunOutcome::SucceededWithProblems);
    assert_eq!(report.summary.right.updated, 1);
    assert_eq!(report.summary.problems, 1);
    let open = sync::problems(&world.db, true).unwrap();
    assert_eq!(open.len(), 1);
    assert!(matches!(
        open[0].cause,
        ProblemCause::Unreachable { side: Side::Right }
    ));
    // The next run reads the same change again (watermarks kept) and heals.
    let next = world.run();
    assert_eq!(next.summary.outcome, RunOutcome::Succeeded);
    assert_eq!(next.summary.right.updated, 1);
    world.assert_mirrored();
    assert!(
        sync::problems(&world.db, true).unwrap().is_empty(),
        "the problem is settled"
    );
}

#[test]
fn a_lost_create_answer_is_healed_through_find_created_not_created_twice() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 2, 0);
    world.fake.remove(Side::Right, "gb");
    {
        let mut state = world.fake.lock();
        state.hide_markers = true; // only find_created can heal
                                   // Two reads, then the group's create: performed, answer lost.
        state.faults = [Fault::None, Fault::None, Fault::AnswerLost].into();
    }
    let first = world.run();
    assert_eq!(first.summary.outcome, RunOutcome::SucceededWithProblems);
    let group_op = &sync::run_detail(&world.db, first.summary.id).unwrap().ops[0];
    assert_eq!(group_op.status, OpStatus::Sent, "the answer never came");
    assert_eq!(
        world.fake.records(Side::Right).len(),
        1,
        "the group exists on the right nonetheless"
    );

    let second = world.run();
    assert_eq!(
        second.summary.right.created, 2,
        "only the two items; the group was found again"
    );
    world.assert_mirrored();
    assert_eq!(world.fake.records(Side::Right).len(), 3);
    let healed = &sync::run_detail(&world.db, first.summary.id).unwrap().ops[0];
    assert_eq!(healed.status, OpStatus::Healed);
    assert!(world.run().plan.ops.is_empty());
}

#[test]
fn a_failed_read_fails_the_run_and_commits_nothing() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 1, 0);
    world.fake.lock().faults = [Fault::None, Fault::ReadFails].into();
    let err = world
        .try_run(options(false, true), CancellationToken::new())
        .unwrap_err();
    assert_eq!(err.code(), "Network");
    let runs = sync::runs(&world.db, 5).unwrap();
    assert_eq!(runs[0].outcome, RunOutcome::Failed);
    assert_eq!(
        runs[0].message.as_deref(),
        Some("injected: the read failed")
    );
    assert_eq!(world.fake.lock().writes, [0, 0]);
    world.run();
    world.assert_mirrored();
}

#[test]
fn the_breaker_pauses_when_a_side_suddenly_returns_nothing() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 3, 0);
    world.run();
    world.fake.lock().empty = Some(Side::Right);
    let paused = world
        .try_run(options(false, false), CancellationToken::new())
        .unwrap();
    assert_eq!(paused.summary.outcome, RunOutcome::Paused);
    assert_eq!(
        paused.plan.breaker,
        Some(BreakerReason::SideEmpty {
            side: Side::Right,
            linked: 5
        })
    );
    assert!(paused
        .summary
        .message
        .unwrap()
        .contains("returned no items"));
    assert_eq!(
        world.fake.records(Side::Left).len(),
        5,
        "nothing was deleted"
    );
    // The right side is back: nothing to do.
    assert!(world.run().plan.ops.is_empty());
    world.assert_mirrored();
}

#[test]
fn the_breaker_pauses_a_mass_deletion_until_confirmed() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 9, 0);
    world.run();
    for n in 0..3 {
        world.fake.remove(Side::Left, &format!("a{n}"));
    }
    let paused = world
        .try_run(options(false, false), CancellationToken::new())
        .unwrap();
    assert_eq!(
        paused.plan.breaker,
        Some(BreakerReason::MassChange {
            count: 3,
            linked: 11,
            percent: 27,
            limit: 20
        })
    );
    assert_eq!(world.fake.records(Side::Right).len(), 11);
    let confirmed = world.run();
    assert_eq!(confirmed.summary.right.deleted, 3);
    world.assert_mirrored();
}

#[test]
fn closing_many_items_counts_towards_the_breaker() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 4, 0);
    world.run();
    for n in 0..2 {
        world
            .fake
            .edit(Side::Left, &format!("a{n}"), SyncField::Status, "done");
    }
    let paused = world
        .try_run(options(false, false), CancellationToken::new())
        .unwrap();
    assert!(matches!(
        paused.plan.breaker,
        Some(BreakerReason::MassChange {
            count: 2,
            linked: 6,
            ..
        })
    ));
}

fn conflict(policy: ConflictPolicy, left_later: bool) -> World {
    let mut world = seeded(policy, DeletionPolicy::Mirror, 1, 0);
    world.run();
    let right = world.counterpart(Side::Left, "a0").unwrap();
    if left_later {
        world
            .fake
            .edit(Side::Right, &right, SyncField::Summary, "from right");
        world
            .fake
            .edit(Side::Left, "a0", SyncField::Summary, "from left");
    } else {
        world
            .fake
            .edit(Side::Left, "a0", SyncField::Summary, "from left");
        world
            .fake
            .edit(Side::Right, &right, SyncField::Summary, "from right");
    }
    world
}

fn summary_of_a0(world: &World) -> String {
    world.fake.records(Side::Left)["a0"].fields[&SyncField::Summary]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn conflict_policies_decide_and_record_the_decision() {
    for (policy, left_later, expected) in [
        (ConflictPolicy::NewestWins, true, "from left"),
        (ConflictPolicy::NewestWins, false, "from right"),
        (ConflictPolicy::LeftWins, false, "from left"),
        (ConflictPolicy::RightWins, true, "from right"),
    ] {
        let mut world = conflict(policy, left_later);
        let report = world.run();
        assert!(
            report
                .summary
                .message
                .unwrap()
                .contains("summary kept from"),
            "{policy:?}"
        );
        assert_eq!(summary_of_a0(&world), expected, "{policy:?}");
        world.assert_mirrored();
    }
}

#[test]
fn ask_leaves_the_field_alone_until_the_user_keeps_a_side() {
    let mut world = conflict(ConflictPolicy::Ask, true);
    let report = world.run();
    assert_eq!(report.summary.outcome, RunOutcome::SucceededWithProblems);
    assert!(report.plan.ops.is_empty());
    let problem = sync::problems(&world.db, true).unwrap().pop().unwrap();
    assert!(matches!(
        problem.cause,
        ProblemCause::FieldConflict {
            field: SyncField::Summary,
            ..
        }
    ));
    // Not decided by a later run either: the problem stays open.
    assert!(world.run().plan.ops.is_empty());
    assert_eq!(
        sync::problems(&world.db, true).unwrap(),
        vec![problem.clone()]
    );

    let resolved = sync::resolve_problem(&world.db, problem.id, &ProblemAction::KeepRight).unwrap();
    assert_eq!(resolved.status, ProblemStatus::Resolved);
    let settled = world.run();
    assert_eq!(settled.summary.left.updated, 1);
    assert_eq!(summary_of_a0(&world), "from right");
    world.assert_mirrored();
    assert!(world.run().plan.ops.is_empty());
}

#[test]
fn deletion_policies_mirror_archive_or_ignore_without_copying_back() {
    for policy in [
        DeletionPolicy::Mirror,
        DeletionPolicy::Archive,
        DeletionPolicy::Ignore,
    ] {
        let mut world = seeded(ConflictPolicy::NewestWins, policy, 5, 0);
        world.run();
        let right = world.counterpart(Side::Left, "a0").unwrap();
        world.fake.remove(Side::Left, "a0");
        let report = world.run();
        let on_right = world.fake.records(Side::Right);
        match policy {
            DeletionPolicy::Mirror => {
                assert!(!on_right.contains_key(&right));
                assert_eq!(report.summary.right.deleted, 1);
            }
            DeletionPolicy::Archive => {
                assert!(on_right[&right].archived);
                assert_eq!(report.plan.ops[0].action, OpAction::Archive);
            }
            DeletionPolicy::Ignore => {
                assert!(!on_right[&right].archived);
                assert!(report.plan.ops.is_empty());
            }
        }
        // Whatever stays on the right is never copied back to the left.
        world
            .fake
            .edit(Side::Right, &right, SyncField::Summary, "edited after");
        for _ in 0..2 {
            world.run();
        }
        assert!(!world.fake.records(Side::Left).contains_key("a0"));
        assert_eq!(
            world.fake.records(Side::Left).len(),
            6,
            "{policy:?}: nothing copied back"
        );
    }
}

#[test]
fn undo_returns_the_other_side_to_where_the_run_started() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 3, 0);
    world.run();
    let before = world.fake.records(Side::Right);
    world
        .fake
        .edit(Side::Left, "a0", SyncField::Summary, "changed");
    world
        .fake
        .edit(Side::Left, "a1", SyncField::Status, "doing");
    world.fake.put(
        Side::Left,
        "a9",
        EntityKind::Item,
        Some("ga"),
        "new one",
        "todo",
    );
    let run = world.run();
    assert_eq!(
        (run.summary.right.created, run.summary.right.updated),
        (1, 2)
    );

    let preview = block(engine::undo_with(
        &mut world.db,
        &world.fake,
        &world.profile,
        true,
        Arc::new(|_| {}),
        CancellationToken::new(),
    ))
    .unwrap();
    assert_eq!(preview.plan.ops.len(), 3);
    assert_eq!(
        world.fake.records(Side::Right).len(),
        6,
        "the preview wrote nothing"
    );
    let undo = block(engine::undo_with(
        &mut world.db,
        &world.fake,
        &world.profile,
        false,
        Arc::new(|_| {}),
        CancellationToken::new(),
    ))
    .unwrap();
    assert_eq!(undo.summary.trigger, sync::Trigger::Undo);
    assert_eq!(undo.summary.right.deleted, 1);
    let after = world.fake.records(Side::Right);
    let fields =
        |records: &BTreeMap<String, fake::Rec>| -> BTreeMap<String, kakehashi_core::sync::Fields> {
            records
                .iter()
                .map(|(id, rec)| (id.clone(), rec.fields.clone()))
                .collect()
        };
    assert_eq!(fields(&after), fields(&before));
    let again = block(engine::undo_with(
        &mut world.db,
        &world.fake,
        &world.profile,
        false,
        Arc::new(|_| {}),
        CancellationToken::new(),
    ));
    assert_eq!(
        again.unwrap_err().code(),
        "Conflict",
        "an undone run is not undone twice"
    );
    // The next run plans the undone changes again (the left still has them).
    world.run();
    world.assert_mirrored();
}

#[test]
fn cancelling_mid_run_ends_cancelled_and_the_next_run_completes() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 4, 0);
    let cancel = CancellationToken::new();
    let on_progress = cancel.clone();
    let profile = world.profile.clone();
    let report = block(engine::run_with(
        &mut world.db,
        &world.fake,
        &profile,
        options(false, true),
        Arc::new(move |progress: sync::SyncProgress| {
            if progress.phase == Phase::Applying && progress.applied >= 1 {
                on_progress.cancel();
            }
        }),
        cancel,
    ))
    .unwrap();
    assert_eq!(report.summary.outcome, RunOutcome::Cancelled);
    // The first batch (the right's group to the left) was written; the
    // left's group and items were not.
    assert_eq!(world.fake.records(Side::Left).len(), 6);
    assert_eq!(world.fake.records(Side::Right).len(), 1);
    let next = world.run();
    assert_eq!(next.summary.outcome, RunOutcome::Succeeded);
    assert_eq!(
        (next.summary.right.created, next.summary.left.created),
        (5, 0)
    );
    world.assert_mirrored();
}

#[test]
fn an_unmapped_value_is_a_problem_a_skip_leaves_the_item_out() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 2, 0);
    world.run();
    world
        .fake
        .edit(Side::Left, "a0", SyncField::Status, "nobody");
    let report = world.run();
    assert_eq!(report.summary.outcome, RunOutcome::SucceededWithProblems);
    let problem = sync::problems(&world.db, true).unwrap().pop().unwrap();
    assert!(matches!(problem.cause, ProblemCause::UnmappedValue { .. }));
    assert!(problem.message.contains("map this value"));
    sync::resolve_problem(&world.db, problem.id, &ProblemAction::Skip).unwrap();
    world
        .fake
        .edit(Side::Left, "a0", SyncField::Summary, "still skipped");
    let skipped = world.run();
    assert!(skipped.plan.ops.is_empty(), "a skipped item is left out");
    assert!(sync::problems(&world.db, true).unwrap().is_empty());
}

/// The summary's count and the inbox agree: every problem a run met is
/// still open after it, counted once.
fn assert_summary_matches_inbox(
    report: &engine::RunReport,
    world: &World,
) -> Vec<sync::ItemProblem> {
    let open: Vec<_> = sync::problems(&world.db, true)
        .unwrap()
        .into_iter()
        .filter(|problem| problem.run_id == report.summary.id)
        .collect();
    assert_eq!(
        report.summary.problems as usize,
        open.len(),
        "summary {} vs inbox {open:?}",
        report.summary.problems
    );
    assert_eq!(
        report.plan.problems.len(),
        open.len(),
        "the report lists each open problem once: {:?}",
        report.plan.problems
    );
    open
}

#[test]
fn a_create_made_without_an_unmapped_value_keeps_its_problem_open() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 3, 0);
    world
        .fake
        .edit(Side::Left, "a0", SyncField::Status, "nobody");
    world
        .fake
        .edit(Side::Left, "a1", SyncField::Status, "nobody");
    let first = world.run();
    assert_eq!(first.summary.right.created, 4, "created without the status");
    assert_eq!(first.summary.outcome, RunOutcome::SucceededWithProblems);
    let open = assert_summary_matches_inbox(&first, &world);
    assert_eq!(open.len(), 2);
    assert!(open
        .iter()
        .all(|problem| matches!(problem.cause, ProblemCause::UnmappedValue { .. })));
    // Nothing changed: the next run neither meets nor settles them.
    let next = world.run();
    assert_eq!(next.summary.problems, 0);
    assert_eq!(sync::problems(&world.db, true).unwrap().len(), 2);
}

#[test]
fn an_update_of_a_pair_does_not_settle_the_conflict_it_met() {
    let mut world = conflict(ConflictPolicy::Ask, true);
    world.fake.edit(Side::Left, "a0", SyncField::Status, "done");
    let report = world.run();
    assert_eq!(report.summary.right.updated, 1, "the status moves");
    assert_eq!(report.summary.outcome, RunOutcome::SucceededWithProblems);
    let open = assert_summary_matches_inbox(&report, &world);
    assert_eq!(open.len(), 1);
    assert!(matches!(
        open[0].cause,
        ProblemCause::FieldConflict {
            field: SyncField::Summary,
            ..
        }
    ));
}

#[test]
fn the_same_problem_met_twice_in_a_run_counts_once() {
    let mut world = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 1, 0);
    let mismatch = |detail: &str| sync::ProblemDraft {
        side: Some(Side::Left),
        item: "ga".into(),
        cause: ProblemCause::StructureMismatch {
            detail: detail.into(),
        },
        message: detail.into(),
    };
    world.fake.lock().read_problems[0] = vec![mismatch("first"), mismatch("second")];
    let report = world.run();
    let open = assert_summary_matches_inbox(&report, &world);
    assert_eq!(open.len(), 1);
    assert_eq!(report.summary.left.problems, 1);
    // A dry run shows the same count.
    let preview = world
        .try_run(options(true, false), CancellationToken::new())
        .unwrap();
    assert_eq!(preview.summary.problems, 1);
    assert_eq!(preview.plan.problems.len(), 1);
}

#[test]
fn mark_interrupted_closes_runs_a_dead_process_left_running() {
    let world = World::new(ConflictPolicy::NewestWins, DeletionPolicy::Mirror);
    world
        .db
        .conn()
        .execute(
            "INSERT INTO sync_runs (profile_id, profile_name, trigger, dry_run, started_at, outcome)
             VALUES (?1, 'WEB', 'cli', 0, '2026-01-01T00:00:00Z', 'running')",
            [world.profile.id],
        )
        .unwrap();
    assert_eq!(sync::mark_interrupted(&world.db).unwrap(), 1);
    assert_eq!(
        sync::runs(&world.db, 1).unwrap()[0].outcome,
        RunOutcome::Interrupted
    );
    assert_eq!(sync::mark_interrupted(&world.db).unwrap(), 0);
}

/// One outside change made between syncs.
#[derive(Debug, Clone)]
enum Edit {
    Change {
        pair: usize,
        side: Side,
        field: SyncField,
        word: usize,
    },
    Delete {
        pair: usize,
        side: Side,
    },
    New {
        side: Side,
        word: usize,
    },
}

const WORDS: [&str; 4] = ["alpha", "beta", "gamma", "delta"];

fn side() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::Left), Just(Side::Right)]
}

fn edit() -> impl Strategy<Value = Edit> {
    let field = prop_oneof![Just(SyncField::Summary), Just(SyncField::Status)];
    prop_oneof![
        4 => (0..6usize, side(), field, 0..4usize).prop_map(|(pair, side, field, word)| Edit::Change { pair, side, field, word }),
        1 => (0..6usize, side()).prop_map(|(pair, side)| Edit::Delete { pair, side }),
        1 => (side(), 0..4usize).prop_map(|(side, word)| Edit::New { side, word }),
    ]
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        6 => Just(Fault::None),
        1 => Just(Fault::WriteFails),
        1 => Just(Fault::AnswerLost),
        1 => Just(Fault::ReadFails),
    ]
}

/// The test-made items: (creating side, id), three on each side.
fn pairs() -> Vec<(Side, String)> {
    (0..3)
        .map(|n| (Side::Left, format!("a{n}")))
        .chain((0..3).map(|n| (Side::Right, format!("b{n}"))))
        .collect()
}

/// Applies the edits to a synced world (the same way in every world: ids
/// found through the deterministic markers).
fn apply_edits(world: &World, edits: &[Edit]) {
    let pairs = pairs();
    for (n, edit) in edits.iter().enumerate() {
        let id_on = |pair: usize, side: Side| {
            let (source, id) = &pairs[pair];
            if *source == side {
                Some(id.clone())
            } else {
                world.counterpart(*source, id)
            }
        };
        match edit {
            Edit::Change {
                pair,
                side,
                field,
                word,
            } => {
                if let Some(id) = id_on(*pair, *side) {
                    world.fake.edit(*side, &id, *field, WORDS[*word]);
                }
            }
            Edit::Delete { pair, side } => {
                if let Some(id) = id_on(*pair, *side) {
                    world.fake.remove(*side, &id);
                }
            }
            Edit::New { side, word } => {
                let group = if *side == Side::Left { "ga" } else { "gb" };
                world.fake.put(
                    *side,
                    &format!("n{n}"),
                    EntityKind::Item,
                    Some(group),
                    WORDS[*word],
                    "todo",
                );
            }
        }
    }
}

/// What the edits should lead to: per pair, deleted if either side deleted
/// it, else each field from the only side that changed it, or from the side
/// whose record changed last (newest wins).
fn expected(edits: &[Edit]) -> Vec<(EntityKind, String, String, String)> {
    let pairs = pairs();
    let mut items: Vec<Option<BTreeMap<SyncField, String>>> = pairs
        .iter()
        .enumerate()
        .map(|(n, (side, _))| {
            let summary = if *side == Side::Left {
                format!("left {n}")
            } else {
                format!("right {}", n - 3)
            };
            Some(BTreeMap::from([
                (SyncField::Summary, summary),
                (SyncField::Status, "todo".to_owned()),
            ]))
        })
        .collect();
    let mut changed: Vec<[BTreeMap<SyncField, String>; 2]> = vec![Default::default(); pairs.len()];
    let mut last_edit: Vec<[usize; 2]> = vec![[0, 0]; pairs.len()];
    let mut deleted = BTreeSet::new();
    let mut out = Vec::new();
    for (n, edit) in edits.iter().enumerate() {
        match edit {
            Edit::Change {
                pair,
                side,
                field,
                word,
            } if !deleted.contains(&(*pair, *side)) => {
                let i = usize::from(*side == Side::Right);
                changed[*pair][i].insert(*field, WORDS[*word].to_owned());
                last_edit[*pair][i] = n + 1;
            }
            Edit::Change { .. } => {}
            Edit::Delete { pair, side } => {
                deleted.insert((*pair, *side));
                items[*pair] = None;
            }
            Edit::New { side, word } => {
                let group = if *side == Side::Left { "ga" } else { "gb" };
                out.push((
                    EntityKind::Item,
                    WORDS[*word].to_owned(),
                    "todo".to_owned(),
                    group.to_owned(),
                ));
            }
        }
    }
    for (pair, item) in items.into_iter().enumerate() {
        let Some(mut fields) = item else { continue };
        let newer = usize::from(last_edit[pair][1] > last_edit[pair][0]);
        for field in [SyncField::Summary, SyncField::Status] {
            let [left, right] = &changed[pair];
            let value = match (left.get(&field), right.get(&field)) {
                (Some(l), Some(r)) => {
                    if newer == 1 {
                        r
                    } else {
                        l
                    }
                }
                (Some(l), None) => l,
                (None, Some(r)) => r,
                (None, None) => continue,
            };
            fields.insert(field, value.clone());
        }
        let group = if pairs[pair].0 == Side::Left {
            "ga"
        } else {
            "gb"
        };
        out.push((
            EntityKind::Item,
            fields[&SyncField::Summary].clone(),
            fields[&SyncField::Status].clone(),
            group.to_owned(),
        ));
    }
    out.push((EntityKind::Group, "ga".into(), "open".into(), String::new()));
    out.push((EntityKind::Group, "gb".into(), "open".into(), String::new()));
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_edits_and_faults_converge_to_the_fault_free_state(
        edits in prop::collection::vec(edit(), 0..8),
        faults in prop::collection::vec(fault(), 0..24),
    ) {
        let mut faulty = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 3, 3);
        let mut clean = seeded(ConflictPolicy::NewestWins, DeletionPolicy::Mirror, 3, 3);
        let (first, second) = faults.split_at(faults.len() / 2);
        faulty.fake.lock().faults = first.iter().copied().collect();
        faulty.sync_until_quiet();
        clean.sync_until_quiet();
        faulty.assert_mirrored();
        prop_assert_eq!(faulty.canonical(Side::Left), clean.canonical(Side::Left));

        apply_edits(&faulty, &edits);
        apply_edits(&clean, &edits);
        faulty.fake.lock().faults = second.iter().copied().collect();
        faulty.sync_until_quiet();
        clean.sync_until_quiet();
        faulty.assert_mirrored();
        clean.assert_mirrored();
        prop_assert_eq!(faulty.canonical(Side::Left), clean.canonical(Side::Left));
        prop_assert_eq!(faulty.canonical(Side::Left), expected(&edits));
        // Quiet means quiet: one more run writes nothing.
        let writes = faulty.fake.lock().writes;
        prop_assert!(faulty.run().plan.ops.is_empty());
        prop_assert_eq!(faulty.fake.lock().writes, writes);
    }
}
