//! `kakehashi sync run|undo` as a user runs it: the real binary, the real
//! keychain, the Jira Cloud and TimeTracker NX simulators. What was written
//! is checked through the simulators' own APIs.

mod sync_support;

use std::path::Path;

use kakehashi_sim::SimKind;
use serde_json::Value;
use sync_support::{add_profile, cli, World, TT_GROUP, TT_TASK};

const PROFILE: &str = "MOB";
/// The MOB issue without a fix version: it fits no group, so every run
/// reports it instead of copying it somewhere silently.
const NO_VERSION: &str = "クラッシュ率のダッシュボードを作成する";

fn keychain_available() -> bool {
    if std::env::var("KAKEHASHI_REQUIRE_KEYCHAIN").as_deref() == Ok("1") {
        return true;
    }
    let reachable = kakehashi_secrets::probe().reachable;
    if !reachable {
        eprintln!("no keychain here; `make test` runs this against gnome-keyring");
    }
    reachable
}

fn count(run: &Value, side: &str, action: &str) -> u64 {
    run["summary"][side][action].as_u64().unwrap_or(0)
}

fn writes(run: &Value) -> u64 {
    ["left", "right"]
        .iter()
        .flat_map(|side| ["created", "updated", "deleted"].map(|a| count(run, side, a)))
        .sum()
}

fn setup(world: &World, dir: &Path) {
    world.register(dir);
    let (code, out, stderr) = add_profile(dir, PROFILE, &[]);
    assert_eq!(code, Some(0), "{out} {stderr}");
}

/// Names under the TT NX folder (any depth).
fn ttnx_names(world: &World) -> Vec<String> {
    fn walk(nodes: &Value, out: &mut Vec<String>) {
        for node in nodes.as_array().into_iter().flatten() {
            out.push(
                node["fields"]["Name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            );
            walk(&node["subItems"], out);
        }
    }
    let mut names = Vec::new();
    walk(&world.ttnx_tree(), &mut names);
    names
}

fn jira_summaries(world: &World) -> Vec<String> {
    world
        .jira_issues()
        .iter()
        .map(|i| {
            i["fields"]["summary"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[test]
fn dry_run_writes_nothing_and_without_a_terminal_yes_is_required() {
    if !keychain_available() {
        return;
    }
    let world = World::start();
    let tmp = tempfile::tempdir().unwrap();
    setup(&world, tmp.path());
    let before = world.end_state();

    let (code, plan, stderr) = cli(tmp.path(), &["sync", "run", PROFILE, "--dry-run"]);
    assert_eq!(code, Some(0), "{plan} {stderr}");
    assert_eq!(plan["applied"], false);
    assert_eq!(plan["summary"]["dryRun"], true);
    let ops = plan["plan"]["ops"].as_array().unwrap();
    assert!(
        ops.iter()
            .any(|op| op["action"] == "create" && op["side"] == "right"),
        "{plan}"
    );
    assert!(
        ops.iter()
            .any(|op| op["title"].as_str().unwrap_or("").contains(TT_TASK)),
        "{plan}"
    );
    assert!(
        plan["plan"]["right"]["created"].as_u64().unwrap() > 0,
        "{plan}"
    );
    assert_eq!(
        plan["summary"]["requests"].as_array().unwrap().len(),
        2,
        "per server"
    );

    // Standard input is a pipe here: nobody can be asked.
    let (code, refused, _) = cli(tmp.path(), &["sync", "run", PROFILE]);
    assert_eq!(code, Some(2), "{refused}");
    assert!(refused["error"]["message"]
        .as_str()
        .unwrap()
        .contains("--yes"));

    assert_eq!(world.end_state(), before, "nothing was written");
}

#[test]
fn run_creates_both_ways_and_a_second_run_writes_nothing() {
    if !keychain_available() {
        return;
    }
    let world = World::start();
    let tmp = tempfile::tempdir().unwrap();
    setup(&world, tmp.path());
    let jira_before = jira_summaries(&world);
    let (jira0, tt0) = world.reset_stats_baseline();

    let (code, run, stderr) = cli(tmp.path(), &["sync", "run", PROFILE, "--yes"]);
    // Before the test's own reads count on the simulators.
    let served = (
        world.requests(SimKind::JiraCloud) - jira0,
        world.requests(SimKind::Ttnx) - tt0,
    );
    // The issue without a version is a problem: exit 1, listed.
    assert_eq!(code, Some(1), "{run} {stderr}");
    assert_eq!(run["applied"], true);
    assert_eq!(run["summary"]["outcome"], "succeededWithProblems", "{run}");
    // Problems name the issue by its key.
    let no_version_key = world
        .jira_issues()
        .iter()
        .find(|i| i["fields"]["summary"] == NO_VERSION)
        .and_then(|i| i["key"].as_str().map(str::to_owned))
        .expect("the seed's issue without a version");
    let problems = run["problems"].as_array().unwrap();
    assert!(
        problems.iter().any(|p| p["item"] == no_version_key.as_str()
            && p["cause"]["kind"] == "structureMismatch"
            && p["status"] == "open"),
        "{run}"
    );
    // Counted per server (left, right), at most what the simulators served:
    // the connector counts from after its sign-in requests.
    let requests = run["summary"]["requests"].as_array().unwrap();
    for (reported, served) in requests.iter().zip([served.0, served.1]) {
        let reported = reported["requests"].as_u64().unwrap();
        assert!(
            reported > 0 && reported <= served,
            "{reported} of {served}: {run}"
        );
    }

    // Every MOB issue with a version is in TT NX exactly once …
    let names = ttnx_names(&world);
    for issue in world.jira_issues() {
        let summary = issue["fields"]["summary"].as_str().unwrap();
        let fits = summary != NO_VERSION;
        let copies = names.iter().filter(|n| n.contains(summary)).count();
        assert_eq!(copies, usize::from(fits), "{summary} in {names:?}");
    }
    assert!(names.iter().any(|n| n.contains("v3.2")), "{names:?}");
    // … and TT NX's own group and task are in Jira.
    assert!(world.jira_versions().iter().any(|v| v == TT_GROUP));
    let mut summaries = jira_summaries(&world);
    summaries.sort();
    let mut expected = jira_before;
    expected.push(TT_TASK.to_owned());
    expected.sort();
    assert_eq!(
        summaries, expected,
        "Jira's own issues and TT NX's task, once"
    );
    assert_eq!(
        count(&run, "right", "created") as usize + 2,
        names.len(),
        "all but TT NX's own two"
    );

    // Nothing changed outside: the next run writes nothing. The issue
    // without a fix version did not change, so it is not read again; its
    // problem stays open in the inbox all the same.
    let (code, again, stderr) = cli(tmp.path(), &["sync", "run", PROFILE, "--yes"]);
    assert_eq!(code, Some(0), "{again} {stderr}");
    assert_eq!(writes(&again), 0, "{again}");
    // …but the run's answer says it is still open, it is not hidden.
    assert_eq!(again["summary"]["outcome"], "succeeded", "{again}");
    assert_eq!(
        again["problems"].as_array().map(Vec::len),
        Some(0),
        "{again}"
    );
    let still_open = again["stillOpen"].as_array().cloned().unwrap_or_default();
    assert!(
        still_open
            .iter()
            .any(|p| p["message"].as_str().unwrap_or("").contains("fix version")),
        "{again}"
    );
    let db = kakehashi_core::store::Database::open(
        &kakehashi_core::paths::AppPaths::inside(tmp.path()).database_path(),
    )
    .unwrap();
    let open = kakehashi_core::sync::problems(&db, true).unwrap();
    assert!(
        open.iter().any(|p| p.message.contains("fix version")),
        "the layout problem stays open: {open:?}"
    );
    assert_eq!(ttnx_names(&world), names);
}

#[test]
fn undo_takes_the_last_run_back_on_both_sides() {
    if !keychain_available() {
        return;
    }
    let world = World::start();
    let tmp = tempfile::tempdir().unwrap();
    setup(&world, tmp.path());
    let jira_before = jira_summaries(&world);
    let (code, run, stderr) = cli(tmp.path(), &["sync", "run", PROFILE, "--yes"]);
    assert_eq!(code, Some(1), "the issue without a version: {run} {stderr}");
    assert!(world.jira_versions().iter().any(|v| v == TT_GROUP));

    // The preview: the run's creates as deletes, nothing written.
    let synced = world.end_state();
    let (code, preview, stderr) = cli(tmp.path(), &["sync", "undo", PROFILE, "--dry-run"]);
    assert_eq!(code, Some(0), "{preview} {stderr}");
    assert_eq!(preview["applied"], false);
    let ops = preview["plan"]["ops"].as_array().unwrap();
    assert_eq!(
        ops.len() as u64,
        count(&run, "left", "created") + count(&run, "right", "created"),
        "{preview}"
    );
    assert!(ops.iter().all(|op| op["action"] == "delete"), "{preview}");
    assert_eq!(world.end_state(), synced, "a preview writes nothing");

    // What the run created goes again on both sides …
    let (code, undo, stderr) = cli(tmp.path(), &["sync", "undo", PROFILE]);
    assert_eq!(code, Some(2), "asks without --yes: {undo} {stderr}");
    let (code, undo, stderr) = cli(tmp.path(), &["sync", "undo", PROFILE, "--yes"]);
    assert_eq!(undo["summary"]["trigger"], "undo", "{undo} {stderr}");
    let mut left: Vec<String> = ttnx_names(&world);
    left.sort();
    assert_eq!(
        left,
        [TT_GROUP.to_owned(), TT_TASK.to_owned()],
        "only TT NX's own items stay"
    );
    let mut jira_after = jira_summaries(&world);
    jira_after.sort();
    let mut jira_before = jira_before;
    jira_before.sort();
    assert_eq!(jira_after, jira_before);
    // … except the Jira version, which Kakehashi never deletes: the undo
    // says so as a problem and exits 1.
    assert_eq!(code, Some(1), "{undo} {stderr}");
    assert_eq!(undo["summary"]["outcome"], "succeededWithProblems");
    assert!(world.jira_versions().iter().any(|v| v == TT_GROUP));
    let problems = undo["problems"].as_array().unwrap();
    assert!(
        problems.iter().any(|p| p["item"] == TT_GROUP
            && p["cause"]["kind"] == "rejected"
            && p["message"].as_str().unwrap_or("").contains("Jira version")),
        "{undo}"
    );
}

#[test]
fn a_run_waits_while_another_process_runs_the_profile() {
    if !keychain_available() {
        return;
    }
    let world = World::start();
    let tmp = tempfile::tempdir().unwrap();
    setup(&world, tmp.path());
    let db_path = kakehashi_core::paths::AppPaths::inside(tmp.path()).database_path();
    let profile_id = {
        let db = kakehashi_core::store::Database::open(&db_path).unwrap();
        kakehashi_core::sync::profile::list(&db).unwrap()[0].id
    };
    let before = world.end_state();

    // This test process stands in for the app or the daemon mid-run.
    let held = kakehashi_core::sync::run_lock::RunLock::try_acquire(&db_path, profile_id)
        .unwrap()
        .expect("the profile is free before anyone runs it");
    let (code, refused, stderr) = cli(tmp.path(), &["sync", "run", PROFILE, "--yes"]);
    assert_eq!(code, Some(1), "{refused} {stderr}");
    assert_eq!(refused["error"]["code"], "Conflict", "{refused}");
    let message = refused["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("another Kakehashi"), "{message}");
    let (code, undo, _) = cli(tmp.path(), &["sync", "undo", PROFILE, "--yes"]);
    assert_eq!(undo["error"]["code"], "Conflict", "{code:?} {undo}");
    // Nothing was written, and no run was recorded.
    assert_eq!(world.end_state(), before);
    let db = kakehashi_core::store::Database::open(&db_path).unwrap();
    assert!(kakehashi_core::sync::runs::runs(&db, 10)
        .unwrap()
        .is_empty());
    // A preview only reads: it may go on meanwhile.
    let (code, preview, stderr) = cli(tmp.path(), &["sync", "run", PROFILE, "--dry-run"]);
    assert_eq!(code, Some(0), "{preview} {stderr}");

    // The other process's run, as the database shows it while it goes on:
    // a start-up (the app's, the daemon's) leaves it alone.
    db.conn()
        .execute(
            "INSERT INTO sync_runs (profile_id, profile_name, trigger, dry_run, started_at, outcome)
             VALUES (?1, ?2, 'schedule', 0, '2026-01-01T00:00:00Z', 'running')",
            (profile_id, PROFILE),
        )
        .unwrap();
    let other = u32::try_from(db.conn().last_insert_rowid()).unwrap();
    assert_eq!(kakehashi_core::sync::mark_interrupted(&db).unwrap(), 0);
    let outcome = |run: u32| kakehashi_core::sync::runs::get(&db, run).unwrap().outcome;
    assert_eq!(
        outcome(other),
        kakehashi_core::sync::model::RunOutcome::Running
    );

    // That process dies (its lock goes with it): the next run takes the
    // profile, says the dead run was interrupted, and syncs.
    drop(held);
    let (_, run, stderr) = cli(tmp.path(), &["sync", "run", PROFILE, "--yes"]);
    assert!(writes(&run) > 0, "{run} {stderr}");
    assert_eq!(
        outcome(other),
        kakehashi_core::sync::model::RunOutcome::Interrupted
    );
}
