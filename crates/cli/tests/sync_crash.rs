//! Crash safety (issue 8): `kakehashi sync run --yes` killed with SIGKILL at
//! 50 different points, then run again, ends exactly where an uninterrupted
//! run ends — no duplicate on either side, no lost update.
//!
//! The kill point comes from the seed: which simulator, after how many of
//! its requests (spread over the requests an uninterrupted run makes), and
//! whether the trigger request is performed before its answer is lost
//! (`after`) or never performed (`before`), in the first run (creates on
//! both sides) or a later one carrying one edit per side. The simulator's
//! freeze switch holds the run there; the test waits until the simulator
//! reports it frozen, kills the process by its PID (SIGKILL), releases the
//! switch, runs again and compares. No two seeds share a kill point.

mod sync_support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kakehashi_sim::SimKind;
use serde_json::Value;
use sync_support::{add_profile, cli, World};

const SEEDS: u64 = 50;
const PROFILE: &str = "crash";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// The first run: everything is created.
    First,
    /// A run after a first one and an edit on each side.
    Update,
}

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

/// A completed `sync run --yes`: exit 0, or 1 with problems listed — never
/// a failure of the run itself.
fn sync(dir: &Path) -> Value {
    let (code, out, stderr) = cli(dir, &["sync", "run", PROFILE, "--yes"]);
    let outcome = out["summary"]["outcome"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        matches!(
            (code, outcome.as_str()),
            (Some(0), "succeeded") | (Some(1), "succeededWithProblems")
        ),
        "{code:?} {out} {stderr}"
    );
    out
}

fn writes(run: &Value) -> u64 {
    ["left", "right"]
        .iter()
        .map(|side| {
            let counts = &run["summary"][side];
            ["created", "updated", "deleted"]
                .iter()
                .map(|k| counts[k].as_u64().unwrap_or(0))
                .sum::<u64>()
        })
        .sum()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Fresh simulators and a fresh copy of the template data folder, brought
/// to the start of `phase`.
fn fresh(world: &World, template: &Path, dir: &Path, phase: Phase) {
    world.reset();
    copy_dir(template, dir);
    if phase == Phase::Update {
        sync(dir);
        world.edit_both();
    }
}

/// What is held more than once: a TT NX path, a Jira summary, a version.
fn duplicates(state: &Value) -> Vec<String> {
    let mut twice = Vec::new();
    for side in ["ttnx", "jira"] {
        for (name, copies) in state[side].as_object().unwrap() {
            let n = copies.as_array().map_or(0, Vec::len);
            if n != 1 {
                twice.push(format!("{side} “{name}” ×{n}"));
            }
        }
    }
    let versions = state["versions"].as_array().unwrap();
    for (i, version) in versions.iter().enumerate() {
        if versions[..i].contains(version) {
            twice.push(format!("Jira version {version} twice"));
        }
    }
    twice
}

/// Entries of `state` that differ from `expected`, by side and name.
fn differences(state: &Value, expected: &Value) -> Vec<String> {
    let mut differ = Vec::new();
    for side in ["ttnx", "jira"] {
        let (now, want) = (&state[side], &expected[side]);
        let mut names: Vec<&String> = now.as_object().unwrap().keys().collect();
        names.extend(want.as_object().unwrap().keys());
        names.sort();
        names.dedup();
        for name in names {
            if now[name.as_str()] != want[name.as_str()] {
                differ.push(format!(
                    "{side} “{name}”: {} instead of {}",
                    now[name.as_str()],
                    want[name.as_str()]
                ));
            }
        }
    }
    if state["versions"] != expected["versions"] {
        differ.push(format!(
            "Jira versions {} instead of {}",
            state["versions"], expected["versions"]
        ));
    }
    differ
}

struct Reference {
    state: Value,
    /// Requests an uninterrupted run of the phase makes, per simulator.
    jira: u64,
    tt: u64,
}

fn reference(world: &World, template: &Path, phase: Phase) -> Reference {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    fresh(world, template, &dir, phase);
    let (jira0, tt0) = world.reset_stats_baseline();
    let run = sync(&dir);
    assert!(writes(&run) > 0, "the {phase:?} run writes: {run}");
    let (jira1, tt1) = world.reset_stats_baseline();
    let state = world.end_state();
    assert_eq!(
        duplicates(&state),
        Vec::<String>::new(),
        "uninterrupted {phase:?}"
    );
    // Settled: once more changes nothing.
    let again = sync(&dir);
    assert_eq!(writes(&again), 0, "{again}");
    Reference {
        state,
        jira: jira1 - jira0,
        tt: tt1 - tt0,
    }
}

/// Starts the run; waits (at most 60 s) until the simulator holds it or the
/// run ends on its own. True when it was frozen and killed.
fn run_and_kill(world: &World, dir: &Path, kind: SimKind) -> bool {
    let mut child: Child = Command::new(env!("CARGO_BIN_EXE_kakehashi"))
        .args(["--json", "--data-dir"])
        .arg(dir)
        .args(["sync", "run", PROFILE, "--yes"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let frozen = loop {
        if world.freeze_state(kind)["frozen"] == true {
            break true;
        }
        if child.try_wait().unwrap().is_some() {
            break false;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the run neither froze nor ended within 60 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    // Child::kill is SIGKILL on Unix: no destructor, no flush, no rollback.
    let _ = child.kill();
    let _ = child.wait();
    world.release(kind);
    frozen
}

/// The smallest step of at least len / SEEDS that visits every point.
fn stride(len: usize) -> usize {
    fn gcd(a: usize, b: usize) -> usize {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    ((len / SEEDS as usize).max(1)..=len)
        .find(|s| gcd(*s, len) == 1)
        .unwrap_or(1)
}

#[test]
fn fifty_runs_killed_at_different_points_end_like_an_uninterrupted_run() {
    if !keychain_available() {
        return;
    }
    let world = World::start();
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("template");
    world.register(&template);
    let (code, out, stderr) = add_profile(&template, PROFILE, &[]);
    assert_eq!(code, Some(0), "{out} {stderr}");

    let references = [
        reference(&world, &template, Phase::First),
        reference(&world, &template, Phase::Update),
    ];
    // Every kill point there is: each request either simulator serves in
    // an uninterrupted run of either phase, in either mode. The seeds walk
    // them with a stride coprime to their number: spread over both phases,
    // both simulators and the whole run, and no point twice.
    let mut points: Vec<(Phase, SimKind, u64, &str)> = Vec::new();
    for (phase, expected) in [Phase::First, Phase::Update].into_iter().zip(&references) {
        for mode in ["before", "after"] {
            points.extend((0..expected.jira).map(|n| (phase, SimKind::JiraCloud, n, mode)));
            points.extend((0..expected.tt).map(|n| (phase, SimKind::Ttnx, n, mode)));
        }
    }
    assert!(
        points.len() as u64 >= SEEDS,
        "too few requests to place {SEEDS} different kill points: {points:?}"
    );
    let step = stride(points.len());
    let started = Instant::now();
    let mut killed = 0;
    let mut failures = Vec::new();
    for seed in 0..SEEDS {
        let (phase, kind, after, mode) = points[seed as usize * step % points.len()];
        let expected = &references[usize::from(phase == Phase::Update)];
        let context = format!(
            "seed {seed}: {phase:?} run killed at {kind} request {} ({mode})",
            after + 1
        );

        let dir = tmp.path().join(format!("seed-{seed}"));
        fresh(&world, &template, &dir, phase);
        world.arm_freeze(kind, after, mode);
        if run_and_kill(&world, &dir, kind) {
            killed += 1;
        }
        sync(&dir);
        let state = world.end_state();
        // Every seed runs; the failures are listed together at the end.
        let wrong: Vec<String> = duplicates(&state)
            .into_iter()
            .chain(differences(&state, &expected.state))
            .collect();
        if !wrong.is_empty() {
            failures.push(format!("{context}:\n    {}", wrong.join("\n    ")));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!(
        "{killed} of {SEEDS} runs killed, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} of {SEEDS} seeds did not end like the uninterrupted run:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        killed >= SEEDS - 5,
        "only {killed} of {SEEDS} runs reached their kill point"
    );
}
