//! `/__sim/`: the simulator's own control panel, for tests and benchmarks.
//! Never subject to faults or rate limits, and not part of any vendor API.
//!
//! - `GET  /__sim/stats`  request counts per endpoint, rate-limited and faulted calls
//! - `POST /__sim/reset`  data back to the seed, counters to zero (behaviour kept)
//! - `GET  /__sim/config` the current [`Behaviour`]
//! - `PUT  /__sim/config` change any subset of it, e.g. `{"faultRate":0.2}`
//! - `GET  /__sim/users`  the simulated people, their roles and their secrets
//! - `GET  /__sim/clock`  the simulated clock: `{offsetSeconds, now}`
//! - `PUT  /__sim/clock`  `{"offsetSeconds": N}`: the clock = wall clock + N
//!   (every answer's `Date` header, Jira's `serverTime`); reset sets it to 0

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::behaviour::{Behaviour, Control};
use crate::people::{people, Role};
use crate::switches::{http_date, Switches};
use crate::{Seed, SimKind};

#[derive(Clone)]
struct Admin {
    control: Arc<Control>,
    switches: Arc<Switches>,
    reset_data: Arc<dyn Fn() + Send + Sync>,
    seed: Seed,
}

pub(crate) fn router(
    control: Arc<Control>,
    switches: Arc<Switches>,
    reset_data: Arc<dyn Fn() + Send + Sync>,
    seed: Seed,
) -> Router {
    Router::new()
        .route("/__sim/stats", get(stats))
        .route("/__sim/reset", post(reset))
        .route("/__sim/config", get(config).put(set_config))
        .route("/__sim/users", get(users))
        .route("/__sim/clock", get(clock).put(set_clock))
        .with_state(Admin {
            control,
            switches,
            reset_data,
            seed,
        })
}

async fn stats(State(admin): State<Admin>) -> Json<Value> {
    Json(json!(admin.control.stats.snapshot()))
}

async fn reset(State(admin): State<Admin>) -> Json<Value> {
    // Switches first: the data is re-seeded relative to "now", which must be
    // the real time again.
    admin.switches.reset();
    (admin.reset_data)();
    admin.control.reset();
    Json(json!({ "reset": true, "seed": admin.seed.to_string() }))
}

async fn config(State(admin): State<Admin>) -> Json<Behaviour> {
    Json(admin.control.behaviour())
}

/// Merges the given fields into the current behaviour, so a test can change
/// one knob without restating the others.
async fn set_config(
    State(admin): State<Admin>,
    Json(patch): Json<Value>,
) -> Result<Json<Behaviour>, (StatusCode, Json<Value>)> {
    let refuse = |message: String| (StatusCode::BAD_REQUEST, Json(json!({ "error": message })));
    let Value::Object(patch) = patch else {
        return Err(refuse(
            "send a JSON object with the fields to change, e.g. {\"faultRate\":0.1}".into(),
        ));
    };
    let mut merged =
        serde_json::to_value(admin.control.behaviour()).map_err(|e| refuse(e.to_string()))?;
    if let Value::Object(current) = &mut merged {
        current.extend(patch);
    }
    let behaviour: Behaviour = serde_json::from_value(merged).map_err(|e| refuse(e.to_string()))?;
    behaviour.validate().map_err(refuse)?;
    admin.control.set_behaviour(behaviour.clone());
    Ok(Json(behaviour))
}

fn clock_json(switches: &Switches) -> Json<Value> {
    let now = switches.now();
    Json(json!({
        "offsetSeconds": switches.clock_offset_ms() / 1000,
        "now": now.to_string(),
        "date": http_date(now),
    }))
}

async fn clock(State(admin): State<Admin>) -> Json<Value> {
    clock_json(&admin.switches)
}

/// Sets (not adds to) the offset, so a test states the skew it wants
/// whatever ran before it.
async fn set_clock(
    State(admin): State<Admin>,
    body: Option<Json<Value>>,
) -> Result<Json<Value>, (StatusCode, Json<Value>)> {
    let offset = body
        .as_ref()
        .and_then(|Json(body)| body.get("offsetSeconds"))
        .and_then(Value::as_i64)
        .and_then(|seconds| i32::try_from(seconds).ok());
    let Some(offset) = offset else {
        return Err((
            StatusCode::BAD_REQUEST,
            Json(
                json!({ "error": "send {\"offsetSeconds\": N}: whole seconds the server's clock is ahead (negative: behind), at most ±2147483647" }),
            ),
        ));
    };
    admin.switches.set_clock_offset_ms(i64::from(offset) * 1000);
    Ok(clock_json(&admin.switches))
}

async fn users(State(admin): State<Admin>) -> Json<Value> {
    let kind: SimKind = admin.control.vendor;
    let list: Vec<Value> = people(admin.seed)
        .iter()
        .map(|person| {
            let mut entry = json!({
                "login": person.login,
                "email": person.email,
                "name": person.display_name(),
                "role": match person.role { Role::Admin => "admin", Role::Member => "member", Role::Viewer => "viewer" },
            });
            entry[kind.secret_field()] = json!(person.secret(kind));
            if kind == SimKind::JiraDataCenter {
                entry["personal_access_token"] = json!(person.personal_access_token());
            }
            entry
        })
        .collect();
    Json(json!(list))
}
