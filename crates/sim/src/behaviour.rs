//! Latency, rate limits and faults, applied to every vendor request by one
//! middleware. Decisions come from a seeded generator and the request's
//! sequence number, so the same seed and the same requests give the same
//! faults in every run.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::middleware::Next;
use serde::{Deserialize, Serialize};

use crate::connection::ResetSwitch;
use crate::stats::Stats;
use crate::SimKind as Vendor;

/// The injectable faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FaultKind {
    /// 500 with the vendor's error body, before any work is done.
    Error500,
    /// 502 from a "proxy", with an HTML body.
    Error502,
    /// 503 with `Retry-After`, before any work is done.
    Error503,
    /// The work is done, then the TCP connection is reset: the response is lost.
    Reset,
    /// The work is done, then no answer for `timeoutMs`, then 504.
    Timeout,
    /// 200 whose body is not JSON, before any work is done.
    Malformed,
    /// The work is done, then the JSON body is cut in half.
    Truncated,
}

impl FaultKind {
    pub const ALL: [FaultKind; 7] = [
        FaultKind::Error500,
        FaultKind::Error502,
        FaultKind::Error503,
        FaultKind::Reset,
        FaultKind::Timeout,
        FaultKind::Malformed,
        FaultKind::Truncated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FaultKind::Error500 => "error500",
            FaultKind::Error502 => "error502",
            FaultKind::Error503 => "error503",
            FaultKind::Reset => "reset",
            FaultKind::Timeout => "timeout",
            FaultKind::Malformed => "malformed",
            FaultKind::Truncated => "truncated",
        }
    }

    /// Faults that let the request do its work and then lose the answer: the
    /// case where a client that blindly retries a POST creates a duplicate.
    pub fn loses_response(self) -> bool {
        matches!(
            self,
            FaultKind::Reset | FaultKind::Timeout | FaultKind::Truncated
        )
    }
}

/// How a simulator misbehaves. Set at start (`kakehashi sim` flags) and
/// changed at run time with `PUT /__sim/config` (any subset of the fields).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Behaviour {
    /// Added to every answer.
    pub latency_ms: u64,
    /// A further random 0..=jitter_ms.
    pub jitter_ms: u64,
    /// Share of requests, 0.0–1.0, that get a fault.
    pub fault_rate: f64,
    /// The faults to choose from; empty means all of them.
    pub fault_kinds: Vec<FaultKind>,
    /// Requests allowed per sliding minute; above it 429 with `Retry-After`.
    pub rate_limit_per_minute: Option<u32>,
    /// How long a `timeout` fault keeps the client waiting.
    pub timeout_ms: u64,
    /// Seed of the fault and jitter generator.
    pub random_seed: u64,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            latency_ms: 0,
            jitter_ms: 0,
            fault_rate: 0.0,
            fault_kinds: Vec::new(),
            rate_limit_per_minute: None,
            timeout_ms: 30_000,
            random_seed: 1,
        }
    }
}

impl Behaviour {
    /// Refuses values that cannot mean anything, with what to use instead.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=1.0).contains(&self.fault_rate) || self.fault_rate.is_nan() {
            return Err(format!(
                "faultRate {} is not a share: use a number from 0.0 (never) to 1.0 (always)",
                self.fault_rate
            ));
        }
        if self.rate_limit_per_minute == Some(0) {
            return Err("rateLimitPerMinute 0 would refuse everything: use at least 1, or null for no limit".into());
        }
        if self.latency_ms > 600_000 || self.jitter_ms > 600_000 || self.timeout_ms > 600_000 {
            return Err(
                "latencyMs, jitterMs and timeoutMs are at most 600000 (ten minutes)".into(),
            );
        }
        Ok(())
    }
}

/// Shared by the middleware and the admin endpoint of one simulator.
pub(crate) struct Control {
    pub vendor: Vendor,
    pub behaviour: RwLock<Behaviour>,
    pub stats: Stats,
    sequence: std::sync::atomic::AtomicU64,
    window: Mutex<VecDeque<Instant>>,
    /// Set when the simulator stops, so that the waits below (latency, the
    /// `timeout` fault, up to ten minutes) end at once instead of keeping
    /// the connection, and the stop, hanging.
    stopping: tokio::sync::watch::Sender<bool>,
}

impl Control {
    pub(crate) fn new(vendor: Vendor, behaviour: Behaviour) -> Arc<Self> {
        Arc::new(Control {
            vendor,
            behaviour: RwLock::new(behaviour),
            stats: Stats::default(),
            sequence: Default::default(),
            window: Mutex::new(VecDeque::new()),
            stopping: tokio::sync::watch::Sender::new(false),
        })
    }

    pub(crate) fn behaviour(&self) -> Behaviour {
        self.behaviour
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub(crate) fn set_behaviour(&self, behaviour: Behaviour) {
        *self.behaviour.write().unwrap_or_else(|p| p.into_inner()) = behaviour;
    }

    /// Ends every pending wait; called when the simulator stops.
    pub(crate) fn stop(&self) {
        self.stopping.send_replace(true);
    }

    /// Sleeps for `duration`, or less if the simulator stops meanwhile.
    async fn sleep_unless_stopped(&self, duration: Duration) {
        let mut stopping = self.stopping.subscribe();
        tokio::select! {
            _ = tokio::time::sleep(duration) => {}
            _ = stopping.wait_for(|stopped| *stopped) => {}
        }
    }

    /// Forgets counters, the rate window and the generator position.
    pub(crate) fn reset(&self) {
        self.stats.reset();
        self.window
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        self.sequence.store(0, std::sync::atomic::Ordering::SeqCst);
    }

    /// `Some(seconds to wait)` when this request is over the limit.
    fn over_limit(&self, per_minute: u32) -> Option<u64> {
        let now = Instant::now();
        let minute = Duration::from_secs(60);
        let mut window = self.window.lock().unwrap_or_else(|p| p.into_inner());
        while window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= minute)
        {
            window.pop_front();
        }
        if window.len() >= per_minute as usize {
            let oldest = *window.front()?;
            let wait = minute.saturating_sub(now.duration_since(oldest));
            return Some(wait.as_secs_f64().ceil().max(1.0) as u64);
        }
        window.push_back(now);
        None
    }
}

/// The generator: SplitMix64 over (seed, sequence number).
fn random(seed: u64, sequence: u64, stream: u64) -> u64 {
    let mut z = seed
        .wrapping_add(sequence.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What happens to request number `sequence` under `behaviour`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Plan {
    pub delay: Duration,
    pub fault: Option<FaultKind>,
}

pub(crate) fn plan(behaviour: &Behaviour, sequence: u64) -> Plan {
    let seed = behaviour.random_seed;
    let jitter = match behaviour.jitter_ms {
        0 => 0,
        j => random(seed, sequence, 1) % (j + 1),
    };
    let roll = (random(seed, sequence, 2) >> 11) as f64 / (1u64 << 53) as f64;
    let fault = (roll < behaviour.fault_rate).then(|| {
        let kinds: &[FaultKind] = if behaviour.fault_kinds.is_empty() {
            &FaultKind::ALL
        } else {
            &behaviour.fault_kinds
        };
        kinds[(random(seed, sequence, 3) % kinds.len() as u64) as usize]
    });
    Plan {
        delay: Duration::from_millis(behaviour.latency_ms + jitter),
        fault,
    }
}

/// The middleware every vendor route goes through.
pub(crate) async fn apply(
    State(control): State<Arc<Control>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let endpoint = match request.extensions().get::<MatchedPath>() {
        Some(path) => format!("{} {}", request.method(), path.as_str()),
        None => format!("{} (no such endpoint)", request.method()),
    };
    control.stats.count_request(endpoint);
    let behaviour = control.behaviour();
    let sequence = control
        .sequence
        .fetch_add(1, std::sync::atomic::Ordering::SeqCst);

    if let Some(per_minute) = behaviour.rate_limit_per_minute {
        if let Some(retry_after) = control.over_limit(per_minute) {
            control.stats.count_rate_limited();
            return control.vendor.rate_limited(per_minute, retry_after);
        }
    }

    let plan = plan(&behaviour, sequence);
    if !plan.delay.is_zero() {
        control.sleep_unless_stopped(plan.delay).await;
    }
    let Some(fault) = plan.fault else {
        return with_rate_headers(&control, &behaviour, next.run(request).await);
    };
    control.stats.count_fault(fault);
    let switch = request
        .extensions()
        .get::<ConnectInfo<ResetSwitch>>()
        .map(|c| c.0.clone());
    match fault {
        FaultKind::Error500 => control.vendor.error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal server error (simulated)",
        ),
        FaultKind::Error503 => {
            let mut response = control.vendor.error(
                StatusCode::SERVICE_UNAVAILABLE,
                "Service unavailable (simulated)",
            );
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            response
        }
        FaultKind::Error502 => html(
            StatusCode::BAD_GATEWAY,
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
        ),
        FaultKind::Malformed => {
            let mut response = html(
                StatusCode::OK,
                "<html><body>Please sign in to the proxy</body></html>",
            );
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        FaultKind::Reset => {
            let _ = next.run(request).await;
            if let Some(switch) = switch {
                switch.trip();
            }
            html(StatusCode::INTERNAL_SERVER_ERROR, "")
        }
        FaultKind::Timeout => {
            let _ = next.run(request).await;
            control
                .sleep_unless_stopped(Duration::from_millis(behaviour.timeout_ms))
                .await;
            control
                .vendor
                .error(StatusCode::GATEWAY_TIMEOUT, "Gateway timeout (simulated)")
        }
        FaultKind::Truncated => truncate(next.run(request).await).await,
    }
}

fn html(status: StatusCode, body: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

async fn truncate(response: Response<Body>) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let cut = bytes.slice(..bytes.len() / 2);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(cut))
}

/// Jira Cloud reports its quota on every answer when a limit is set.
fn with_rate_headers(
    control: &Control,
    behaviour: &Behaviour,
    mut response: Response<Body>,
) -> Response<Body> {
    if let (Some(limit), Vendor::JiraCloud) = (behaviour.rate_limit_per_minute, control.vendor) {
        let used = control
            .window
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len() as u32;
        let headers = response.headers_mut();
        headers.insert("X-RateLimit-Limit", HeaderValue::from(limit));
        headers.insert(
            "X-RateLimit-Remaining",
            HeaderValue::from(limit.saturating_sub(used)),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_faults() {
        let behaviour = Behaviour {
            fault_rate: 0.3,
            jitter_ms: 50,
            ..Behaviour::default()
        };
        let first: Vec<_> = (0..200).map(|n| plan(&behaviour, n)).collect();
        let again: Vec<_> = (0..200).map(|n| plan(&behaviour, n)).collect();
        assert_eq!(first, again);
        let other = Behaviour {
            random_seed: 2,
            ..behaviour.clone()
        };
        let different: Vec<_> = (0..200).map(|n| plan(&other, n)).collect();
        assert_ne!(first, different);
    }

    #[test]
    fn the_fault_rate_is_roughly_kept_and_every_kind_occurs() {
        let behaviour = Behaviour {
            fault_rate: 0.25,
            ..Behaviour::default()
        };
        let faults: Vec<_> = (0..4000)
            .filter_map(|n| plan(&behaviour, n).fault)
            .collect();
        assert!(
            (800..1200).contains(&faults.len()),
            "{} faults",
            faults.len()
        );
        for kind in FaultKind::ALL {
            assert!(faults.contains(&kind), "{kind:?} never chosen");
        }
    }

    #[test]
    fn only_the_chosen_kinds_occur_and_rate_zero_means_none() {
        let only = Behaviour {
            fault_rate: 1.0,
            fault_kinds: vec![FaultKind::Error503],
            ..Behaviour::default()
        };
        assert!((0..100).all(|n| plan(&only, n).fault == Some(FaultKind::Error503)));
        let none = Behaviour::default();
        assert!((0..1000).all(|n| plan(&none, n).fault.is_none()));
    }

    #[test]
    fn jitter_stays_within_its_bound() {
        let behaviour = Behaviour {
            latency_ms: 10,
            jitter_ms: 5,
            ..Behaviour::default()
        };
        for n in 0..500 {
            let delay = plan(&behaviour, n).delay.as_millis();
            assert!((10..=15).contains(&delay), "{delay}");
        }
    }

    #[test]
    fn nonsense_settings_are_refused_with_advice() {
        let bad_rate = Behaviour {
            fault_rate: 1.5,
            ..Behaviour::default()
        };
        assert!(bad_rate.validate().unwrap_err().contains("0.0"));
        let zero_limit = Behaviour {
            rate_limit_per_minute: Some(0),
            ..Behaviour::default()
        };
        assert!(zero_limit.validate().unwrap_err().contains("null"));
        assert!(Behaviour::default().validate().is_ok());
    }

    #[test]
    fn the_limiter_refuses_above_the_rate_and_says_how_long_to_wait() {
        let control = Control::new(Vendor::Asana, Behaviour::default());
        for _ in 0..3 {
            assert_eq!(control.over_limit(3), None);
        }
        let wait = control.over_limit(3).expect("fourth call is limited");
        assert!((1..=60).contains(&wait), "{wait}");
    }
}
