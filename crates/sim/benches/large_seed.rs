//! `make bench`: all four simulators start the `large:10000` seed in under
//! 5 seconds and under 300 MB (issue 3). Prints one JSON line with the
//! measurements and exits 1 when a budget is exceeded.
//!
//! Peak memory is the process's high-water mark (VmHWM), so it includes the
//! runtime and the HTTP check, not just the data.

use std::time::{Duration, Instant};

use kakehashi_sim::{Seed, SimKind, SimOptions};

const ISSUES: usize = 10_000;
const TIME_BUDGET: Duration = Duration::from_secs(5);
const MEMORY_BUDGET_MB: f64 = 300.0;

fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[tokio::main]
async fn main() {
    let options = SimOptions {
        seed: Seed::Large(ISSUES),
        ..SimOptions::default()
    };
    let started = Instant::now();
    let running = kakehashi_sim::start_all(&options, None)
        .await
        .expect("the simulators start");
    let elapsed = started.elapsed();

    // The data must really be there: Data Center reports a search total.
    let dc = running
        .iter()
        .find(|sim| sim.kind() == SimKind::JiraDataCenter)
        .expect("jira-dc runs");
    let client = reqwest::Client::new();
    let search: serde_json::Value = client
        .get(format!(
            "{}/rest/api/2/search?jql=order%20by%20key&maxResults=1",
            dc.url()
        ))
        .basic_auth(dc.login(), Some(dc.secret()))
        .send()
        .await
        .expect("search answers")
        .json()
        .await
        .expect("search is JSON");
    let total = search["total"].as_u64().unwrap_or_default();
    let memory = peak_memory_mb();
    println!(
        "{}",
        serde_json::json!({
            "bench": "simulators start large:10000",
            "seconds": elapsed.as_secs_f64(),
            "peakMemoryMb": memory,
            "jiraDcIssues": total,
            "budget": { "seconds": TIME_BUDGET.as_secs_f64(), "memoryMb": MEMORY_BUDGET_MB },
        })
    );
    for sim in running {
        sim.stop().await;
    }
    let mut failed = false;
    if total != ISSUES as u64 {
        eprintln!("jira-dc holds {total} issues, expected {ISSUES}");
        failed = true;
    }
    if elapsed > TIME_BUDGET {
        eprintln!("starting took {elapsed:?}, over the {TIME_BUDGET:?} budget");
        failed = true;
    }
    if memory.is_some_and(|mb| mb > MEMORY_BUDGET_MB) {
        eprintln!("peak memory {memory:?} MB is over the {MEMORY_BUDGET_MB} MB budget");
        failed = true;
    }
    std::process::exit(i32::from(failed));
}
