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
/// Servers that do not report their quota (Asana) never say "all clear":
/// the learned spacing halves after this long without a complaint.
const EASE_AFTER: Duration = Duration::from_secs(10);

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
    /// When the server last asked us to slow down (or the spacing last eased).
    last_told: Instant,
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
                last_told: Instant::now(),
            }),
        }
    }

    /// Waits for this request's turn. Turns are handed out in order, so the
    /// spacing holds however many tasks send at once. When the server has
    /// paused every request for longer than `max_pause`, nothing waits: the
    /// error says how long the pause still lasts.
    pub(crate) async fn acquire(&self, max_pause: Duration) -> Result<(), Duration> {
        let start = {
            let mut state = self.state.lock().await;
            let now = Instant::now();
            if let Some(left) = state.paused_until.map(|p| p.saturating_duration_since(now)) {
                if left > max_pause {
                    return Err(left);
                }
            }
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
        // A turn that is already due starts at once: even a zero sleep waits
        // for tokio's next timer tick (about 1 ms), which adds up over pages.
        if start > Instant::now() {
            tokio::time::sleep_until(start).await;
        }
        Ok(())
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
                let until = now.checked_add(wait).unwrap_or(now);
                state.paused_until = Some(state.paused_until.map_or(until, |p| p.max(until)));
            }
            if status == StatusCode::TOO_MANY_REQUESTS {
                state.slowdown = (state.slowdown * 2).clamp(FIRST_SLOWDOWN, MAX_SLOWDOWN);
                state.last_told = now;
            }
            return;
        }
        match quota(headers) {
            Some((remaining, limit)) if remaining.saturating_mul(10) <= limit => {
                // Spread what is left over the rest of the window.
                let spread = WINDOW / remaining.max(1);
                state.slowdown = spread.clamp(FIRST_SLOWDOWN, MAX_SLOWDOWN);
                state.last_told = now;
            }
            Some((remaining, limit)) if remaining.saturating_mul(2) >= limit => {
                state.slowdown = Duration::ZERO;
            }
            Some(_) => {}
            None if near_limit(headers) => {
                state.slowdown = state.slowdown.max(FIRST_SLOWDOWN);
                state.last_told = now;
            }
            None if !state.slowdown.is_zero() && now >= state.last_told + EASE_AFTER => {
                let halved = state.slowdown / 2;
                state.slowdown = if halved < FIRST_SLOWDOWN {
                    Duration::ZERO
                } else {
                    halved
                };
                state.last_told = now;
            }
            None => {}
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
            limiter.acquire(Duration::MAX).await.unwrap();
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
            limiter.acquire(Duration::MAX).await.unwrap();
        }
        assert_eq!(begin.elapsed(), Duration::ZERO);
        limiter.acquire(Duration::MAX).await.unwrap();
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
        limiter.acquire(Duration::MAX).await.unwrap();
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
        limiter.acquire(Duration::MAX).await.unwrap();
        assert_eq!(begin.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn a_pause_longer_than_the_caller_waits_fails_at_once() {
        let limiter = RateLimiter::new(RatePolicy::adaptive());
        let mut headers = HeaderMap::new();
        headers.insert("Retry-After", HeaderValue::from_static("600"));
        limiter
            .observe(StatusCode::TOO_MANY_REQUESTS, &headers)
            .await;
        let begin = Instant::now();
        let left = limiter.acquire(Duration::from_secs(60)).await.unwrap_err();
        assert_eq!(begin.elapsed(), Duration::ZERO);
        assert_eq!(left, Duration::from_secs(600));
        tokio::time::advance(Duration::from_secs(550)).await;
        limiter.acquire(Duration::from_secs(60)).await.unwrap();
        assert_eq!(begin.elapsed(), Duration::from_secs(600));
    }

    #[tokio::test(start_paused = true)]
    async fn without_quota_headers_the_learned_spacing_eases_after_quiet_time() {
        let limiter = RateLimiter::new(RatePolicy::adaptive());
        let told = HeaderMap::new();
        for _ in 0..3 {
            limiter.observe(StatusCode::TOO_MANY_REQUESTS, &told).await;
        }
        assert_eq!(limiter.slowdown().await, FIRST_SLOWDOWN * 4);
        let fine = HeaderMap::new();
        limiter.observe(StatusCode::OK, &fine).await;
        assert_eq!(limiter.slowdown().await, FIRST_SLOWDOWN * 4, "too early");
        tokio::time::advance(EASE_AFTER).await;
        limiter.observe(StatusCode::OK, &fine).await;
        assert_eq!(limiter.slowdown().await, FIRST_SLOWDOWN * 2);
        tokio::time::advance(EASE_AFTER).await;
        limiter.observe(StatusCode::OK, &fine).await;
        tokio::time::advance(EASE_AFTER).await;
        limiter.observe(StatusCode::OK, &fine).await;
        assert_eq!(limiter.slowdown().await, Duration::ZERO);
    }
}
