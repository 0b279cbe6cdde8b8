//! `make bench`: issue 7's member benchmark against the TimeTracker NX
//! simulator. A project gets 1,000 generated members (`POST
//! /__sim/ttnx/users`, on top of the demo's few), then:
//!
//! - `members::load` of it: time and requests;
//! - 200 staged changes (80 adds, 80 unit-cost updates, 40 removes)
//!   applied: time and requests — the budget is 3 (the check, ONE
//!   `memberChange`, the read back).
//!
//! The client paces requests as the app does for TimeTracker NX (100 ms
//! apart, the vendor's request), so the times include that pacing. Prints
//! one JSON line; exits 1 when the apply needs more than 3 requests or does
//! not change exactly the 200 members.

use std::time::Instant;

use kakehashi_core::members::{self, ApplyOutcome, Staged, StagedAdd};
use kakehashi_http::{Endpoint, HttpClient, PlainDecoder, RatePolicy};
use kakehashi_sim::{SimKind, SimOptions};
use kakehashi_ttnx::{Credentials, TtnxClient};
use serde_json::{json, Value};

const GENERATED_MEMBERS: u64 = 1_000;
const ADDS: usize = 80;
const UPDATES: usize = 80;
const REMOVES: usize = 40;
const APPLY_REQUEST_BUDGET: u64 = 3;
const PROJECT: &str = "INT";

async fn served(control: &HttpClient) -> u64 {
    let stats: Value = control
        .get("stats")
        .send_json()
        .await
        .expect("simulator stats");
    stats["total"].as_u64().unwrap_or_default()
}

async fn generate(control: &HttpClient, body: Value) -> Value {
    control
        .post("ttnx/users")
        .json(&body)
        .send_json()
        .await
        .expect("the simulator generates users")
}

#[tokio::main]
async fn main() {
    let sim = kakehashi_sim::start(SimKind::Ttnx, &SimOptions::default(), 0)
        .await
        .expect("the simulator starts");
    let control = HttpClient::new(
        Endpoint::new(&sim.admin_url()).expect("control URL"),
        PlainDecoder,
    )
    .expect("control client");
    generate(
        &control,
        json!({ "count": GENERATED_MEMBERS, "project": PROJECT, "unitCost": 5000 }),
    )
    .await;
    let outsiders = generate(&control, json!({ "count": ADDS })).await;

    let endpoint = Endpoint::new(sim.url())
        .expect("simulator URL")
        .with_rate(RatePolicy::timetracker_nx());
    let client =
        TtnxClient::new(endpoint, Credentials::api_key(sim.secret().to_owned())).expect("client");
    let found = members::search_projects(&client, PROJECT)
        .await
        .expect("project search");
    let project_id = found
        .iter()
        .find(|p| p.code.as_deref() == Some(PROJECT))
        .expect("the project")
        .id
        .clone();

    let before = served(&control).await;
    let started = Instant::now();
    let current = members::load(&client, &project_id)
        .await
        .expect("members load");
    let load_seconds = started.elapsed().as_secs_f64();
    let load_requests = served(&control).await - before;

    // 80 adds (half at a cost, half at the default), 80 updates at four
    // different costs, 40 removes.
    let mut staged = Staged::new();
    let new_users = outsiders["users"].as_array().expect("generated users");
    for (i, user) in new_users.iter().take(ADDS).enumerate() {
        let add = StagedAdd {
            user_id: user["id"].as_str().expect("user id").to_owned(),
            name: user["login"].as_str().unwrap_or_default().to_owned(),
            unit_cost: (i % 2 == 0).then_some(6000.0),
        };
        staged.add(&current, add).expect("stage an add");
    }
    let ids: Vec<String> = current
        .members
        .iter()
        .map(|m| m.member_id.clone())
        .collect();
    for (i, id) in ids.iter().take(UPDATES).enumerate() {
        let cost = 7000.0 + (i % 4) as f64 * 250.0;
        staged
            .update(&current, id, Some(cost))
            .expect("stage an update");
    }
    for id in ids.iter().skip(UPDATES).take(REMOVES) {
        staged.remove(&current, id).expect("stage a remove");
    }
    let staged_changes = staged.len();

    let before = served(&control).await;
    let started = Instant::now();
    let outcome = members::apply(&client, &current, &staged)
        .await
        .expect("apply");
    let apply_seconds = started.elapsed().as_secs_f64();
    let apply_requests = served(&control).await - before;
    let (changed, failures) = match &outcome {
        ApplyOutcome::Applied(report) => (report.changes.len(), report.failures.len()),
        ApplyOutcome::Conflict { .. } => (0, 0),
    };

    println!(
        "{}",
        json!({
            "bench": "members: load a 1,000-member project, apply 200 changes",
            "members": current.members.len(),
            "load": { "seconds": load_seconds, "requests": load_requests },
            "apply": {
                "staged": staged_changes,
                "changed": changed,
                "failures": failures,
                "seconds": apply_seconds,
                "requests": apply_requests,
            },
            "pacing": "TimeTracker NX rate policy (100 ms between calls)",
            "budget": { "applyRequests": APPLY_REQUEST_BUDGET },
        })
    );
    sim.stop().await;

    let mut failed = false;
    if apply_requests > APPLY_REQUEST_BUDGET {
        eprintln!(
            "the apply made {apply_requests} requests, over the budget of {APPLY_REQUEST_BUDGET}"
        );
        failed = true;
    }
    let wanted = ADDS + UPDATES + REMOVES;
    if staged_changes != wanted || changed != wanted || failures > 0 {
        eprintln!(
            "{staged_changes} changes staged, {changed} applied, {failures} failed; expected {wanted} applied"
        );
        failed = true;
    }
    if current.members.len() < GENERATED_MEMBERS as usize {
        eprintln!(
            "the project has {} members, expected at least {GENERATED_MEMBERS}",
            current.members.len()
        );
        failed = true;
    }
    if failed {
        std::process::exit(1);
    }
}
