//! Control routes for tests, under `/__sim/jira-cloud/` and
//! `/__sim/jira-dc/` (no faults, no auth, not part of Jira's API):
//!
//! - `POST /__sim/<kind>/clock {"advanceMs": N}` moves the simulator's clock
//!   forward, e.g. past the minute `/worklog/updated` leaves out (the same
//!   clock `PUT /__sim/clock` sets);
//! - `GET|PUT /__sim/<kind>/time-zones {"<login>": "UTC" | null, ...}` —
//!   people's profile time zones (`myself`, user objects, and the offset
//!   every time is written at); `null` restores the seed's zone; all back
//!   on `/__sim/reset`;
//! - Cloud only: `GET|PUT /__sim/jira/settings {"emailVisibility":
//!   "hidden"|"everyone"}` — "hidden" is every profile set to show the email
//!   to nobody: user objects lose `emailAddress`, except the caller's own in
//!   `myself` (back to "everyone" on `/__sim/reset`);
//! - Data Center only:
//!   - `POST /__sim/jira-dc/oauth/clients {"redirectUri", "clientId"?}`
//!     registers an OAuth 2.0 client → `{clientId, clientSecret, redirectUri}`;
//!     `GET` lists them;
//!   - `POST /__sim/jira-dc/oauth/expire` lets every access token expire;
//!   - `POST /__sim/jira-dc/captcha/clear` lifts every CAPTCHA lock (as a
//!     browser login would).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

use super::oauth::Client;
use super::state::Jira;
use super::Flavor;

type Answer = Result<Json<Value>, (StatusCode, Json<Value>)>;

fn refuse(message: &str) -> (StatusCode, Json<Value>) {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message })))
}

pub(super) fn routes(flavor: Flavor, shared: Jira) -> Router {
    match flavor {
        Flavor::Cloud => Router::new()
            .route("/__sim/jira-cloud/clock", post(clock))
            .route("/__sim/jira-cloud/time-zones", get(zones).put(set_zones))
            .route("/__sim/jira/settings", get(settings).put(set_settings)),
        Flavor::DataCenter => Router::new()
            .route("/__sim/jira-dc/clock", post(clock))
            .route("/__sim/jira-dc/time-zones", get(zones).put(set_zones))
            .route("/__sim/jira-dc/oauth/clients", get(clients).post(register))
            .route("/__sim/jira-dc/oauth/expire", post(expire))
            .route("/__sim/jira-dc/captcha/clear", post(clear_captcha)),
    }
    .with_state(shared)
}

async fn clock(State(shared): State<Jira>, body: Option<Json<Value>>) -> Answer {
    let advance = body
        .as_ref()
        .and_then(|Json(b)| b.get("advanceMs"))
        .and_then(Value::as_i64);
    let Some(advance) = advance.filter(|ms| *ms >= 0) else {
        return Err(refuse(
            "send {\"advanceMs\": N} with N ≥ 0 milliseconds to move the clock forward",
        ));
    };
    let now = shared.advance_clock(advance);
    Ok(Json(json!({ "now": now })))
}

fn zones_json(shared: &Jira) -> Json<Value> {
    let map: serde_json::Map<String, Value> = (0..shared.people.len())
        .map(|ix| {
            let ix = ix as super::store::PersonIx;
            (shared.person(ix).login.clone(), json!(shared.zone_name(ix)))
        })
        .collect();
    Json(Value::Object(map))
}

async fn zones(State(shared): State<Jira>) -> Json<Value> {
    zones_json(&shared)
}

async fn set_zones(State(shared): State<Jira>, body: Option<Json<Value>>) -> Answer {
    const USAGE: &str = "send {\"<login>\": \"UTC\"} (an IANA zone, or null for the seed's zone)";
    let Some(Json(Value::Object(patch))) = body else {
        return Err(refuse(USAGE));
    };
    // Everything is checked before anything changes.
    let mut changes = Vec::new();
    for (login, value) in &patch {
        let Some(ix) = (0..shared.people.len()).find(|&i| shared.people[i].login == *login) else {
            return Err(refuse(&format!("no person with the login {login:?}")));
        };
        let zone = match value {
            Value::Null => None,
            Value::String(name) => {
                super::time::interned_zone(name).map_err(|m| refuse(&m))?;
                Some(name.as_str())
            }
            _ => return Err(refuse(USAGE)),
        };
        changes.push((ix as super::store::PersonIx, zone));
    }
    for (ix, zone) in changes {
        shared.set_zone(ix, zone).map_err(|m| refuse(&m))?;
    }
    Ok(zones_json(&shared))
}

fn settings_json(shared: &Jira) -> Json<Value> {
    let visibility = if shared.emails_hidden() {
        "hidden"
    } else {
        "everyone"
    };
    Json(json!({ "emailVisibility": visibility }))
}

async fn settings(State(shared): State<Jira>) -> Json<Value> {
    settings_json(&shared)
}

async fn set_settings(State(shared): State<Jira>, body: Option<Json<Value>>) -> Answer {
    const USAGE: &str =
        "send {\"emailVisibility\": \"hidden\"} or {\"emailVisibility\": \"everyone\"}";
    let Some(Json(Value::Object(patch))) = body else {
        return Err(refuse(USAGE));
    };
    // Everything is checked before anything changes.
    let mut hidden = shared.emails_hidden();
    for (key, value) in &patch {
        hidden = match (key.as_str(), value.as_str()) {
            ("emailVisibility", Some("hidden")) => true,
            ("emailVisibility", Some("everyone")) => false,
            _ => return Err(refuse(USAGE)),
        };
    }
    shared.set_emails_hidden(hidden);
    Ok(settings_json(&shared))
}

fn client_json(client: &Client) -> Value {
    json!({ "clientId": client.id, "clientSecret": client.secret, "redirectUri": client.redirect_uri })
}

async fn clients(State(shared): State<Jira>) -> Json<Value> {
    Json(Value::Array(
        shared.oauth().clients().iter().map(client_json).collect(),
    ))
}

async fn register(State(shared): State<Jira>, body: Option<Json<Value>>) -> Answer {
    let body = body.map(|Json(b)| b).unwrap_or(Value::Null);
    let Some(redirect_uri) = body.get("redirectUri").and_then(Value::as_str) else {
        return Err(refuse("send {\"redirectUri\": \"http://127.0.0.1:PORT/callback\"} and optionally \"clientId\""));
    };
    if !(redirect_uri.starts_with("http://") || redirect_uri.starts_with("https://")) {
        return Err(refuse("redirectUri must be an http:// or https:// URL"));
    }
    let client_id = match body.get("clientId") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) if !id.trim().is_empty() => Some(id.trim()),
        Some(_) => return Err(refuse("clientId must be a non-empty string")),
    };
    let client = shared.oauth().register(client_id, redirect_uri);
    Ok(Json(client_json(&client)))
}

async fn expire(State(shared): State<Jira>) -> Json<Value> {
    let now = shared.now();
    let expired = shared.oauth().expire_all(now);
    Json(json!({ "expired": expired }))
}

async fn clear_captcha(State(shared): State<Jira>) -> Json<Value> {
    let cleared = shared.logins().clear();
    Json(json!({ "cleared": cleared }))
}
