//! One rate limiter per server, shared by every request to it.
//!
//! TimeTracker NX documents no throttling but asks for at most 1,500 calls a
//! minute and about 100 ms between calls: that is a fixed schedule. Jira Cloud
//! and Asana throttle by answering 429 with `Retry-After`, and Jira Cloud
//! reports its quota in `X-RateLimit-*`: there the limiter adapts — it pauses
//! every request when told to wait, and spaces requests out when the quota
//! runs low, instead of running into the wall again and again.

use std::collections::VecDeque;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::retry::retry_after;

const WINDOW: Duration = Duration::from_secs(60);
/// Spacing used when the server says "slow down" without saying how much.
const FIRST_SLOWDOWN: Duration = Duration::from_millis(100);
const MAX_SLOWDOWN: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatePolicy {
    /// At least this long between the starts of two requests.
    pub min_interval: Duration,
    /// At most this many requests in any sliding minute.
    pub per_minute: Option<u32>,
    /// Slow down on 429, `Retry-After` and a low `X-RateLimit-Remaining`.
    pub adaptive: bool,
}

impl Default for RatePolicy {
    /// No fixed limit, but obey what the server says.
    fn default() -> Self {
        RatePolicy {
            min_interval: Duration::ZERO,
            per_minute: None,
            adaptive: true,
        }
    }
}

impl RatePolicy {
    /// The vendor's request for TimeTracker NX.
    pub fn timetracker_nx() -> Self {
        RatePolicy {
            min_interval: Duration::from_millis(100),
            per_minute: Some(1_500),
            adaptive: true,
        }
    }

    /// Jira Cloud and Asana: no fixed schedule, adapt to the server.
    pub fn adaptive() -> Self {
        RatePolicy::default()
    }

    /// No limit at all (tests and benchmarks against local simulators).
    pub fn unlimited() -> Self {
        RatePolicy {
            min_interval: Duration::ZERO,
            per_minute: None,
            adaptive: false,
        }
    }
}

#[derive(Debug)]
pub(crate) struct RateLimiter {
    policy: RatePolicy,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// The earliest start of the next request.
    next_slot: Instant,
    /// Starts (granted, possibly still in the future) within the last minute.
    starts: VecDeque<Instant>,
    /// Nobody starts before this (the server said `Retry-After`).
    paused_until: Option<Instant>,
    /// Extra spacing learned from the server; zero when all is well.
    slowdown: Duration,
}

impl RateLimiter {
    pub(crate) fn new(policy: RatePolicy) -> Self {
        RateLimiter {
            policy,
            state: Mutex::new(State {
                next_slot: Instant::now(),
                starts: VecDeque::new(),
                paused_until: None,
                slowdown: Duration::ZERO,
            }),
        }
    }

    /// Waits for this request's turn. Turns are handed out in order, so the
    /// spacing holds however many tasks send at once.
    pub(crate) async fn acquire(&self) {
        let start = {
            let mut state = self.state.lock().await;
            let now = Instant::now();
            while state.starts.front().is_some_and(|t| *t + WINDOW <= now) {
                state.starts.pop_front();
            }
            let mut start = now.max(state.next_slot);
            if let Some(paused) = state.paused_until {
                start = start.max(paused);
            }
            if let Some(limit) = self.policy.per_minute.filter(|l| *l > 0) {
                let limit = limit as usize;
                if state.starts.len() >= limit {
                    let oldest_in_window = state.starts[state.starts.len() - limit];
                    start = start.max(oldest_in_window + WINDOW);
                }
            }
            state.next_slot = start + self.policy.min_interval + state.slowdown;
            state.starts.push_back(start);
            start
        };
        tokio::time::sleep_until(start).await;
    }

    /// Learns from an answer: a 429 or 503 with `Retry-After` pauses every
    /// request to this server; a low remaining quota spaces them out.
    pub(crate) async fn observe(&self, status: StatusCode, headers: &HeaderMap) {
        if !self.policy.adaptive {
            return;
        }
        let now = Instant::now();
        let mut state = self.state.lock().await;
        let told_to_wait = matches!(
            status,
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
        );
        if told_to_wait {
            if let Some(wait) = retry_after(headers) {
                let until = now + wait;
                state.paused_until = Some(state.paused_until.map_or(until, |p| p.max(until)));
            }
            if status == StatusCode::TOO_MANY_REQUESTS {
                state.slowdown = (state.slowdown * 2).clamp(FIRST_SLOWDOWN, MAX_SLOWDOWN);
            }
            return;
        }
        match quota(headers) {
            Some((remaining, limit)) if remaining.saturating_mul(10) <= limit => {
                // Spread what is left over the rest of the window.
                let spread = WINDOW / remaining.max(1);
                state.slowdown = spread.clamp(FIRST_SLOWDOWN, MAX_SLOWDOWN);
            }
            Some((remaining, limit)) if remaining.saturating_mul(2) >= limit => {
                state.slowdown = Duration::ZERO;
            }
            _ if near_limit(headers) => {
                state.slowdown = state.slowdown.max(FIRST_SLOWDOWN);
            }
            _ => {}
        }
    }

    #[cfg(test)]
    async fn slowdown(&self) -> Duration {
        self.state.lock().await.slowdown
    }
}

/// `X-RateLimit-Remaining` and `X-RateLimit-Limit`, when both are numbers.
fn quota(headers: &HeaderMap) -> Option<(u32, u32)> {
    let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u32>().ok();
    Some((
        number("X-RateLimit-Remaining")?,
        number("X-RateLimit-Limit")?,
    ))
}

fn near_limit(headers: &HeaderMap) -> bool {
    headers
        .get("X-RateLimit-NearLimit")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[tokio::test(start_paused = true)]
    async fn timetracker_nx_gets_100_ms_between_calls() {
        let limiter = RateLimiter::new(RatePolicy::timetracker_nx());
        let begin = Instant::now();
        for _ in 0..11 {
            limiter.acquire().await;
        }
        assert_eq!(begin.elapsed(), Duration::from_millis(1_000));
    }

    #[tokio::test(start_paused = true)]
    async fn at_most_the_per_minute_limit_in_any_minute() {
        let limiter = RateLimiter::new(RatePolicy {
            min_interval: Duration::ZERO,
            per_minute: Some(5),
            adaptive: false,
        });
        let begin = Instant::now();
        for _ in 0..5 {
            limiter.acquire().await;
        }
        assert_eq!(begin.elapsed(), Duration::ZERO);
        limiter.acquire().await;
        assert_eq!(begin.elapsed(), WINDOW);
    }

    #[tokio::test(start_paused = true)]
    async fn retry_after_pauses_every_request_to_the_server() {
        let limiter = RateLimiter::new(RatePolicy::adaptive());
        let mut headers = HeaderMap::new();
        headers.insert("Retry-After", HeaderValue::from_static("3"));
        limiter
            .observe(StatusCode::TOO_MANY_REQUESTS, &headers)
            .await;
        let begin = Instant::now();
        limiter.acquire().await;
        assert_eq!(begin.elapsed(), Duration::from_secs(3));
        assert_eq!(limiter.slowdown().await, FIRST_SLOWDOWN);
    }

    #[tokio::test(start_paused = true)]
    async fn a_low_quota_spaces_requests_out_and_a_full_one_lifts_it() {
        let limiter = RateLimiter::new(RatePolicy::adaptive());
        let mut headers = HeaderMap::new();
        headers.insert("X-RateLimit-Limit", HeaderValue::from_static("100"));
        headers.insert("X-RateLimit-Remaining", HeaderValue::from_static("4"));
        limiter.observe(StatusCode::OK, &headers).await;
        assert_eq!(limiter.slowdown().await, Duration::from_secs(5));
        headers.insert("X-RateLimit-Remaining", HeaderValue::from_static("80"));
        limiter.observe(StatusCode::OK, &headers).await;
        assert_eq!(limiter.slowdown().await, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn a_fixed_policy_ignores_the_server() {
        let limiter = RateLimiter::new(RatePolicy::unlimited());
        let mut headers = HeaderMap::new();
        headers.insert("Retry-After", HeaderValue::from_static("30"));
        limiter
            .observe(StatusCode::TOO_MANY_REQUESTS, &headers)
            .await;
        let begin = Instant::now();
        limiter.acquire().await;
        assert_eq!(begin.elapsed(), Duration::ZERO);
    }
}
