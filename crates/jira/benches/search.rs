//! `cargo bench -p kakehashi-jira --bench search`: fetching 10,000 issues
//! (fields summary and updated) from the simulators with 20 ms latency.
//!
//! - Data Center, sequential paging vs the client's parallel paging: the
//!   time ratio (goal ≤ 0.35) and the requests each made;
//! - Cloud, whose `nextPageToken` pages cannot run ahead of themselves: the
//!   client's search (ids in pages of 5,000, then the fields through
//!   `issue/bulkfetch`, several in flight) as a ratio to the floor of
//!   sequential paging, pages × latency (goal ≤ 1.1); the sequential paging
//!   itself is measured and printed too.
//!
//! Every run must return all 10,000 issues, each once. Each figure is the
//! median of three runs after a warm-up. Prints one JSON line per
//! measurement and a summary; exits 1 when a goal is missed.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use kakehashi_http::{Endpoint, RatePolicy};
use kakehashi_jira::{Credentials, JiraClient, SearchRequest, SearchTuning};
use kakehashi_sim::{start, Behaviour, RunningSim, Seed, SimKind, SimOptions};
use serde_json::{json, Value};

const ISSUES: usize = 10_000;
const LATENCY_MS: u64 = 20;
const RUNS: usize = 3;
const DC_GOAL: f64 = 0.35;
const CLOUD_GOAL: f64 = 1.1;
/// The large seed spreads its issues over these five projects. Ordered by
/// creation: a stable order whose sort costs the simulator little, so the
/// figures measure paging rather than the simulator re-sorting 10,000
/// issues by key for every page (about 2 ms a page here; real Jira sorts
/// in its index).
const JQL: &str = "project in (LOAD1, LOAD2, LOAD3, LOAD4, LOAD5) ORDER BY created ASC";

async fn stats_total(sim: &RunningSim) -> u64 {
    let stats: Value = reqwest::get(format!("{}/stats", sim.admin_url()))
        .await
        .expect("the control panel answers")
        .json()
        .await
        .expect("stats are JSON");
    stats["total"].as_u64().unwrap_or(0)
}

async fn client(sim: &RunningSim, tuning: SearchTuning) -> JiraClient {
    let endpoint = Endpoint::new(sim.url())
        .expect("a URL")
        .with_rate(RatePolicy::unlimited());
    let credentials = match sim.kind() {
        SimKind::JiraCloud => Credentials::cloud_api_token(sim.login(), sim.secret()),
        _ => Credentials::dc_password(sim.login(), sim.secret()),
    };
    JiraClient::connect(endpoint, credentials)
        .await
        .expect("the client connects")
        .with_search_tuning(tuning)
}

/// One full fetch: the time it took and the requests it made.
async fn fetch_all(sim: &RunningSim, client: &JiraClient) -> (Duration, u64) {
    let request = SearchRequest::new(JQL).fields(&["summary", "updated"]);
    let before = stats_total(sim).await;
    let started = Instant::now();
    let issues = client
        .search_all(&request)
        .await
        .expect("the search succeeds");
    let elapsed = started.elapsed();
    let requests = stats_total(sim).await - before;
    let keys: HashSet<&str> = issues.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(issues.len(), ISSUES, "every issue comes back");
    assert_eq!(keys.len(), ISSUES, "each issue once");
    assert!(
        issues
            .iter()
            .all(|i| i.fields.summary.is_some() && i.fields.updated.is_some()),
        "with the fields asked for"
    );
    (elapsed, requests)
}

/// The median time of [`RUNS`] fetches after one warm-up, and the requests
/// of one fetch.
async fn measure(sim: &RunningSim, client: &JiraClient) -> (Duration, u64) {
    fetch_all(sim, client).await;
    let mut times = Vec::new();
    let mut requests = 0;
    for _ in 0..RUNS {
        let (time, made) = fetch_all(sim, client).await;
        times.push(time);
        requests = made;
    }
    times.sort();
    (times[RUNS / 2], requests)
}

/// The client's defaults, or `KAKEHASHI_BENCH_DC_PAGE_SIZE` /
/// `KAKEHASHI_BENCH_DC_CONCURRENCY` to try others.
fn tuning() -> SearchTuning {
    let mut tuning = SearchTuning::default();
    let number = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u32>().ok());
    if let Some(size) = number("KAKEHASHI_BENCH_DC_PAGE_SIZE") {
        tuning.dc_page_size = size;
    }
    if let Some(concurrency) = number("KAKEHASHI_BENCH_DC_CONCURRENCY") {
        tuning.dc_concurrency = concurrency as usize;
    }
    tuning
}

/// The median time of one trivial request (`myself`) through the same
/// client: the per-request floor this machine really has (timer
/// resolution, HTTP, the transport), against which the paging itself can
/// be judged.
async fn trivial_request(client: &JiraClient) -> Duration {
    let mut times = Vec::new();
    for _ in 0..21 {
        let started = Instant::now();
        client.myself().await.expect("myself answers");
        times.push(started.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn machine() -> Value {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    json!({ "cpus": cpus, "cpuModel": model })
}

#[tokio::main]
async fn main() {
    let options = SimOptions {
        seed: Seed::Large(ISSUES),
        behaviour: Behaviour {
            latency_ms: LATENCY_MS,
            ..Behaviour::default()
        },
    };
    let dc = start(SimKind::JiraDataCenter, &options, 0)
        .await
        .expect("the Data Center simulator starts");
    let cloud = start(SimKind::JiraCloud, &options, 0)
        .await
        .expect("the Cloud simulator starts");
    let tuning = tuning();
    println!(
        "{}",
        json!({ "machine": machine(), "tuning": format!("{tuning:?}") })
    );

    let sequential = client(
        &dc,
        SearchTuning {
            dc_concurrency: 1,
            ..tuning
        },
    )
    .await;
    let (seq_time, seq_requests) = measure(&dc, &sequential).await;
    let parallel = client(&dc, tuning).await;
    let (par_time, par_requests) = measure(&dc, &parallel).await;
    let dc_ratio = par_time.as_secs_f64() / seq_time.as_secs_f64();
    println!(
        "{}",
        json!({
            "bench": "jira-dc search 10000 issues, 20 ms latency",
            "pageSize": tuning.dc_page_size,
            "concurrency": tuning.dc_concurrency,
            "sequentialSeconds": seq_time.as_secs_f64(),
            "sequentialRequests": seq_requests,
            "parallelSeconds": par_time.as_secs_f64(),
            "parallelRequests": par_requests,
            "ratio": dc_ratio,
            "goal": DC_GOAL,
        })
    );

    let paging_client = client(
        &cloud,
        SearchTuning {
            cloud_bulk_concurrency: 0,
            ..tuning
        },
    )
    .await;
    let (paging_time, pages) = measure(&cloud, &paging_client).await;
    let floor = Duration::from_millis(LATENCY_MS) * pages as u32;
    let paging_ratio = paging_time.as_secs_f64() / floor.as_secs_f64();
    let per_request = trivial_request(&paging_client).await;
    let measured_ratio = paging_time.as_secs_f64() / (per_request * pages as u32).as_secs_f64();
    let cloud_client = client(&cloud, tuning).await;
    let (cloud_time, cloud_requests) = measure(&cloud, &cloud_client).await;
    let cloud_ratio = cloud_time.as_secs_f64() / floor.as_secs_f64();
    println!(
        "{}",
        json!({
            "bench": "jira-cloud search 10000 issues, 20 ms latency",
            "pageSize": tuning.cloud_page_size,
            "pagingSeconds": paging_time.as_secs_f64(),
            "pages": pages,
            "floorSeconds": floor.as_secs_f64(),
            "pagingRatio": paging_ratio,
            "trivialRequestSeconds": per_request.as_secs_f64(),
            "pagingRatioToMeasuredFloor": measured_ratio,
            "bulkConcurrency": tuning.cloud_bulk_concurrency,
            "seconds": cloud_time.as_secs_f64(),
            "requests": cloud_requests,
            "ratio": cloud_ratio,
            "goal": CLOUD_GOAL,
        })
    );
    dc.stop().await;
    cloud.stop().await;

    println!(
        "Data Center: sequential {:.3} s ({seq_requests} requests), parallel {:.3} s ({par_requests} requests): ratio {dc_ratio:.3} (goal ≤ {DC_GOAL})",
        seq_time.as_secs_f64(),
        par_time.as_secs_f64()
    );
    println!(
        "Cloud: sequential paging {:.3} s for {pages} pages ({paging_ratio:.3} of the floor {:.3} s; {measured_ratio:.3} of a trivial request's {:.1} ms a page); the client's ids + bulk fetch {:.3} s, {cloud_requests} requests: ratio {cloud_ratio:.3} (goal ≤ {CLOUD_GOAL})",
        paging_time.as_secs_f64(),
        floor.as_secs_f64(),
        per_request.as_secs_f64() * 1000.0,
        cloud_time.as_secs_f64(),
    );
    let mut missed = false;
    if dc_ratio > DC_GOAL {
        eprintln!("Data Center parallel paging missed its goal: {dc_ratio:.3} > {DC_GOAL}");
        missed = true;
    }
    if cloud_ratio > CLOUD_GOAL {
        eprintln!("Cloud search missed its goal: {cloud_ratio:.3} > {CLOUD_GOAL}");
        missed = true;
    }
    std::process::exit(i32::from(missed));
}
