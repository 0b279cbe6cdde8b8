//! The request-freeze switch, for crash tests: after N vendor requests the
//! simulator holds every further answer until released, so a test can kill
//! its client at an exact, repeatable point of a run.
//!
//! - `PUT    /__sim/freeze {"afterRequests": N, "mode": "before"|"after"}`
//!   arms it: the next N vendor requests are answered normally; request
//!   N + 1 is the trigger. `before`: it is held *before* it is performed
//!   (the server never sees the change). `after`: it is performed, then its
//!   answer is held (the change happened, the client never hears of it).
//!   Every request after the trigger is held before it is performed.
//! - `GET    /__sim/freeze` → `{armed, afterRequests, mode, seen, frozen, held}`;
//!   `frozen` turns true only once the trigger is held (for `after`: once it
//!   has been performed), so a test that waits for it knows the server's
//!   state is settled.
//! - `DELETE /__sim/freeze` releases and disarms. The trigger of `after`
//!   gets its real answer; requests held *before* being performed are
//!   dropped with a 503 and change nothing — their client is gone in a crash
//!   test, and performing them late would be a write nobody waits for.
//!
//! Admin calls are never counted or held. The switch sits inside the
//! latency and fault layer, so it counts the requests that reach the vendor.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Response, StatusCode};
use axum::middleware::Next;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio::sync::watch;

use crate::SimKind;

/// Where the trigger request is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FreezeMode {
    Before,
    After,
}

#[derive(Debug, Default)]
struct FreezeState {
    /// `Some` while armed.
    armed: Option<(u64, FreezeMode)>,
    /// Vendor requests seen since it was armed.
    seen: u64,
    /// The trigger has arrived (it may still be being performed).
    triggered: bool,
    /// The trigger is held: what `GET` reports as `frozen`.
    frozen: bool,
    /// Requests waiting now.
    held: u32,
}

/// One simulator's switch, shared by its middleware and admin routes.
pub(crate) struct Freeze {
    kind: SimKind,
    state: Mutex<FreezeState>,
    /// Bumped on every release; a held request waits for a change.
    release: watch::Sender<u64>,
}

/// What the middleware does with one request.
enum Admission {
    Pass,
    HoldBefore,
    PerformThenHold,
}

impl Freeze {
    fn lock(&self) -> MutexGuard<'_, FreezeState> {
        // The state is a handful of counters: a panic cannot leave it torn.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn admit(&self) -> (Admission, u64) {
        let generation = *self.release.borrow();
        let mut state = self.lock();
        let Some((after, mode)) = state.armed else {
            return (Admission::Pass, generation);
        };
        state.seen += 1;
        if state.seen <= after {
            return (Admission::Pass, generation);
        }
        state.held += 1;
        if state.triggered {
            return (Admission::HoldBefore, generation);
        }
        state.triggered = true;
        match mode {
            FreezeMode::Before => {
                state.frozen = true;
                (Admission::HoldBefore, generation)
            }
            FreezeMode::After => (Admission::PerformThenHold, generation),
        }
    }

    async fn wait_for_release(&self, generation: u64) {
        // Counted off when the wait ends or is dropped: a client killed while
        // held closes its connection and the server drops this future.
        let _held = HeldGuard(self);
        let mut released = self.release.subscribe();
        // An error means the switch is gone with its simulator: stop waiting.
        let _ = released.wait_for(|now| *now != generation).await;
    }

    fn snapshot(&self) -> Value {
        let state = self.lock();
        json!({
            "armed": state.armed.is_some(),
            "afterRequests": state.armed.map(|(after, _)| after),
            "mode": state.armed.map(|(_, mode)| mode),
            "seen": state.seen,
            "frozen": state.frozen,
            "held": state.held,
        })
    }
}

/// One held request; dropping it counts it off.
struct HeldGuard<'a>(&'a Freeze);

impl Drop for HeldGuard<'_> {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.held = state.held.saturating_sub(1);
    }
}

/// Wraps a simulator's vendor routes with the switch; returns them and the
/// `/__sim/freeze` routes to merge beside them (outside the switch).
pub(crate) fn install(kind: SimKind, vendor: Router) -> (Router, Router) {
    let freeze = Arc::new(Freeze {
        kind,
        state: Mutex::new(FreezeState::default()),
        release: watch::Sender::new(0),
    });
    let wrapped = vendor.layer(axum::middleware::from_fn_with_state(freeze.clone(), hold));
    let admin = Router::new()
        .route("/__sim/freeze", get(status).put(arm).delete(release))
        .with_state(freeze);
    (wrapped, admin)
}

async fn hold(State(freeze): State<Arc<Freeze>>, request: Request, next: Next) -> Response<Body> {
    let (admission, generation) = freeze.admit();
    match admission {
        Admission::Pass => next.run(request).await,
        Admission::HoldBefore => {
            freeze.wait_for_release(generation).await;
            freeze.kind.error(
                StatusCode::SERVICE_UNAVAILABLE,
                "Held by the freeze switch and dropped at its release; nothing was changed (simulated).",
            )
        }
        Admission::PerformThenHold => {
            let response = next.run(request).await;
            freeze.lock().frozen = true;
            freeze.wait_for_release(generation).await;
            response
        }
    }
}

async fn status(State(freeze): State<Arc<Freeze>>) -> Json<Value> {
    Json(freeze.snapshot())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Arming {
    after_requests: u64,
    mode: FreezeMode,
}

type Refusal = (StatusCode, Json<Value>);

async fn arm(
    State(freeze): State<Arc<Freeze>>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, Refusal> {
    let arming: Arming = serde_json::from_slice(&body).map_err(|err| {
        (
            StatusCode::BAD_REQUEST,
            Json(json!({ "error": format!(
                "{err}: send {{\"afterRequests\": N, \"mode\": \"before\"|\"after\"}}"
            ) })),
        )
    })?;
    {
        let mut state = freeze.lock();
        if state.held > 0 {
            return Err((
                StatusCode::CONFLICT,
                Json(json!({ "error": format!(
                    "{} requests are held: release them first with DELETE /__sim/freeze",
                    state.held
                ) })),
            ));
        }
        *state = FreezeState {
            armed: Some((arming.after_requests, arming.mode)),
            ..FreezeState::default()
        };
    }
    Ok(Json(freeze.snapshot()))
}

async fn release(State(freeze): State<Arc<Freeze>>) -> Json<Value> {
    let held = {
        let mut state = freeze.lock();
        let held = state.held;
        *state = FreezeState {
            held,
            ..FreezeState::default()
        };
        held
    };
    freeze.release.send_modify(|generation| *generation += 1);
    Json(json!({ "released": held }))
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::{start, SimKind, SimOptions};

    const PROJECT: &str = "/TimeTrackerNX/api/workitem/workItems/1001";

    struct Client {
        http: reqwest::Client,
        admin: String,
        api: String,
        key: String,
    }

    impl Client {
        async fn freeze(&self) -> serde_json::Value {
            let answer = self.http.get(format!("{}/freeze", self.admin)).send();
            answer.await.unwrap().json().await.unwrap()
        }

        async fn arm(&self, after: u64, mode: &str) {
            let body = serde_json::json!({ "afterRequests": after, "mode": mode });
            let answer = self.http.put(format!("{}/freeze", self.admin)).json(&body);
            assert_eq!(answer.send().await.unwrap().status(), 200);
        }

        fn rename(&self, name: &str) -> reqwest::RequestBuilder {
            let body = serde_json::json!({ "fields": { "Name": name } });
            self.http
                .put(format!("{}{PROJECT}", self.api))
                .header(crate::ttnx::API_KEY_HEADER, &self.key)
                .json(&body)
        }

        async fn name(&self) -> String {
            let answer = self
                .http
                .get(format!("{}{PROJECT}", self.api))
                .header(crate::ttnx::API_KEY_HEADER, &self.key)
                .send();
            answer.await.unwrap().text().await.unwrap()
        }

        /// Polls until the switch reports frozen (at most 5 s).
        async fn until_frozen(&self) -> serde_json::Value {
            for _ in 0..100 {
                let state = self.freeze().await;
                if state["frozen"] == true {
                    return state;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            panic!("never frozen: {}", self.freeze().await);
        }
    }

    async fn client() -> (crate::RunningSim, Client) {
        let sim = start(SimKind::Ttnx, &SimOptions::default(), 0)
            .await
            .unwrap();
        let client = Client {
            http: reqwest::Client::new(),
            admin: sim.admin_url(),
            api: format!("http://{}", sim.addr()),
            key: sim.secret().to_owned(),
        };
        (sim, client)
    }

    #[tokio::test]
    async fn before_holds_the_trigger_unperformed_and_drops_it_at_release() {
        let (sim, client) = client().await;
        client.arm(1, "before").await;
        assert!(
            client.name().await.contains("Webサイト刷新"),
            "request 1 passes"
        );
        let trigger = tokio::spawn(client.rename("凍結中").send());
        let state = client.until_frozen().await;
        assert_eq!(
            (state["seen"].clone(), state["held"].clone()),
            (2.into(), 1.into())
        );
        // A later request is held too, and admin calls are not.
        let later = tokio::spawn(client.rename("後から").send());
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(!later.is_finished());
        assert_eq!(client.freeze().await["held"], 2);

        let released = client.http.delete(format!("{}/freeze", client.admin));
        let released: serde_json::Value = released.send().await.unwrap().json().await.unwrap();
        assert_eq!(released["released"], 2);
        assert_eq!(trigger.await.unwrap().unwrap().status(), 503);
        assert_eq!(later.await.unwrap().unwrap().status(), 503);
        let name = client.name().await;
        assert!(
            name.contains("Webサイト刷新") && !name.contains("凍結中"),
            "{name}"
        );
        let state = client.freeze().await;
        assert_eq!(
            (state["armed"].clone(), state["held"].clone()),
            (false.into(), 0.into())
        );
        sim.stop().await;
    }

    #[tokio::test]
    async fn after_performs_the_trigger_then_holds_its_answer() {
        let (sim, client) = client().await;
        client.arm(0, "after").await;
        let trigger = tokio::spawn(client.rename("凍結後").send());
        client.until_frozen().await;
        assert!(!trigger.is_finished(), "the answer is held");
        let released = client.http.delete(format!("{}/freeze", client.admin));
        assert_eq!(released.send().await.unwrap().status(), 200);
        assert_eq!(trigger.await.unwrap().unwrap().status(), 204);
        assert!(client.name().await.contains("凍結後"), "it was performed");
        sim.stop().await;
    }

    #[tokio::test]
    async fn arming_is_refused_with_advice_while_requests_are_held_or_when_malformed() {
        let (sim, client) = client().await;
        let bad = client
            .http
            .put(format!("{}/freeze", client.admin))
            .body("{\"after\":1}");
        let bad = bad.send().await.unwrap();
        assert_eq!(bad.status(), 400);
        assert!(bad.text().await.unwrap().contains("afterRequests"));
        client.arm(0, "before").await;
        let held = tokio::spawn(client.name_request().send());
        client.until_frozen().await;
        let again = client.http.put(format!("{}/freeze", client.admin));
        let again = again.json(&serde_json::json!({"afterRequests": 3, "mode": "after"}));
        assert_eq!(again.send().await.unwrap().status(), 409);
        client
            .http
            .delete(format!("{}/freeze", client.admin))
            .send()
            .await
            .unwrap();
        assert_eq!(held.await.unwrap().unwrap().status(), 503);
        sim.stop().await;
    }

    impl Client {
        fn name_request(&self) -> reqwest::RequestBuilder {
            self.http
                .get(format!("{}{PROJECT}", self.api))
                .header(crate::ttnx::API_KEY_HEADER, &self.key)
        }
    }
}
