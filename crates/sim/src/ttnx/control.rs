//! `/__sim/ttnx/`: the TT NX simulator's own control routes (no auth, no
//! faults; not part of the vendor's API).
//!
//! - `GET /__sim/ttnx/settings` — the server settings and the API's URL;
//! - `PUT /__sim/ttnx/settings {"inputGranularityMinutes": 5|15|30,
//!   "lockedUntil": "YYYY-MM-DD"|null, "defaultUnitCost": N}` — change any
//!   subset (they go back to 15 / null / 5000 on `/__sim/reset`);
//! - `GET /__sim/ttnx/users` — every user's id, login, role, API key and
//!   password, since the password differs from the announced API key, and
//!   `allowLocalAuthentication` (false: the password is never accepted);
//! - `POST /__sim/ttnx/users {"count": N, "project": "CODE", "unitCost": N}`
//!   — adds N generated users, members of the project if one is named
//!   (see [`super::generate`]).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::auth::{api_key, password};
use super::store::{Settings, Shared};
use crate::people::Role;

/// What the control routes need: the data, and where the API is.
#[derive(Clone)]
struct Control {
    shared: Arc<Shared>,
    api_url: Arc<str>,
}

pub fn router(shared: Arc<Shared>, api_url: String) -> Router {
    Router::new()
        .route("/__sim/ttnx/settings", get(settings).put(set_settings))
        .route("/__sim/ttnx/users", get(users).post(add_users))
        .with_state(Control {
            shared,
            api_url: api_url.into(),
        })
}

fn settings_json(control: &Control, settings: &Settings) -> Value {
    json!({
        "apiUrl": &*control.api_url,
        "inputGranularityMinutes": settings.granularity_minutes,
        "lockedUntil": settings.locked_until.map(|date| date.to_string()),
        "defaultUnitCost": settings.default_unit_cost,
        "timeZone": super::times::SERVER_ZONE,
    })
}

async fn settings(State(control): State<Control>) -> Json<Value> {
    Json(settings_json(&control, &control.shared.read().settings))
}

type Refusal = (StatusCode, Json<Value>);

fn refuse(message: &str) -> Refusal {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message })))
}

async fn set_settings(State(control): State<Control>, body: Bytes) -> Result<Json<Value>, Refusal> {
    let Ok(Value::Object(patch)) = serde_json::from_slice::<Value>(&body) else {
        return Err(refuse("send a JSON object, e.g. {\"inputGranularityMinutes\":5,\"lockedUntil\":\"2024-05-31\"}"));
    };
    let mut store = control.shared.write();
    let mut next = store.settings.clone();
    for (key, value) in &patch {
        match key.as_str() {
            "inputGranularityMinutes" => {
                next.granularity_minutes = match value.as_u64() {
                    Some(minutes @ (5 | 15 | 30)) => minutes as u32,
                    _ => return Err(refuse("inputGranularityMinutes must be 5, 15 or 30")),
                }
            }
            "lockedUntil" => {
                next.locked_until = match value {
                    Value::Null => None,
                    Value::String(text) => Some(text.parse().map_err(|_| refuse("lockedUntil must be YYYY-MM-DD or null"))?),
                    _ => return Err(refuse("lockedUntil must be YYYY-MM-DD or null")),
                }
            }
            "defaultUnitCost" => {
                next.default_unit_cost = match value.as_f64() {
                    Some(cost) if cost >= 0.0 => cost,
                    _ => return Err(refuse("defaultUnitCost must be a number of at least 0")),
                }
            }
            other => return Err(refuse(&format!("unknown setting {other:?}: use inputGranularityMinutes, lockedUntil or defaultUnitCost"))),
        }
    }
    store.settings = next;
    Ok(Json(settings_json(&control, &store.settings)))
}

async fn users(State(control): State<Control>) -> Json<Value> {
    let store = control.shared.read();
    let list: Vec<Value> = store
        .users
        .iter()
        .map(|user| {
            json!({
                "id": user.id.to_string(),
                "login": user.person.login,
                "name": user.name(),
                "role": match user.person.role { Role::Admin => "admin", Role::Member => "member", Role::Viewer => "viewer" },
                "api_key": api_key(&user.person),
                "password": password(&user.person),
                "allowLocalAuthentication": user.local_authentication,
            })
        })
        .collect();
    Json(Value::Array(list))
}

async fn add_users(State(control): State<Control>, body: Bytes) -> Result<Json<Value>, Refusal> {
    let Ok(Value::Object(body)) = serde_json::from_slice::<Value>(&body) else {
        return Err(refuse(
            "send a JSON object, e.g. {\"count\":1000,\"project\":\"INT\"}",
        ));
    };
    let mut store = control.shared.write();
    super::generate::generate(&mut store, &body)
        .map(Json)
        .map_err(|message| refuse(&message))
}
