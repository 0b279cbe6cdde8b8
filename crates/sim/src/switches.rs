//! Test switches that change what a simulator *reports* without touching its
//! data: the simulated clock (for clock-skew diagnostics) and, on Jira
//! Cloud, whether other people's email addresses are visible.
//!
//! One `Switches` per simulator, shared by the vendor routes that read it,
//! the `/__sim/` control routes that change it, and the [`RunningSim`]
//! handle, so a test can flip a switch in process or over HTTP and see the
//! same effect. `POST /__sim/reset` puts every switch back.
//!
//! [`RunningSim`]: crate::RunningSim

use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Response};
use axum::middleware::Next;
use jiff::Timestamp;

#[derive(Debug, Default)]
pub(crate) struct Switches {
    /// Milliseconds added to the wall clock. Milliseconds, not seconds,
    /// because Jira's `advanceMs` control moves the same clock.
    clock_offset_ms: AtomicI64,
    /// Jira Cloud's profile visibility set to "only me" for everyone.
    emails_hidden: AtomicBool,
}

impl Switches {
    pub(crate) fn new() -> Arc<Switches> {
        Arc::new(Switches::default())
    }

    /// The simulated clock: wall clock + offset, in Unix milliseconds.
    pub(crate) fn now_ms(&self) -> i64 {
        Timestamp::now()
            .as_millisecond()
            .saturating_add(self.clock_offset_ms.load(Ordering::SeqCst))
    }

    pub(crate) fn now(&self) -> Timestamp {
        // Only an offset pushed past the year 9999 by repeated advances can
        // fail here; the wall clock is then the least surprising answer.
        Timestamp::from_millisecond(self.now_ms()).unwrap_or_else(|_| Timestamp::now())
    }

    pub(crate) fn clock_offset_ms(&self) -> i64 {
        self.clock_offset_ms.load(Ordering::SeqCst)
    }

    pub(crate) fn set_clock_offset_ms(&self, offset: i64) {
        self.clock_offset_ms.store(offset, Ordering::SeqCst);
    }

    /// Moves the clock forward by `by` ms (Jira's `advanceMs`).
    pub(crate) fn advance_clock_ms(&self, by: i64) {
        // fetch_update instead of fetch_add so a huge advance saturates
        // instead of wrapping round to a date in the past.
        let _ = self
            .clock_offset_ms
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |offset| {
                Some(offset.saturating_add(by))
            });
    }

    pub(crate) fn emails_hidden(&self) -> bool {
        self.emails_hidden.load(Ordering::SeqCst)
    }

    pub(crate) fn set_emails_hidden(&self, hidden: bool) {
        self.emails_hidden.store(hidden, Ordering::SeqCst);
    }

    /// Every switch back to "like the real server out of the box".
    pub(crate) fn reset(&self) {
        self.set_clock_offset_ms(0);
        self.set_emails_hidden(false);
    }
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 IMF-fixdate).
pub(crate) fn http_date(time: Timestamp) -> String {
    time.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Sets `Date` on every vendor answer from the simulated clock. Without it
/// hyper would stamp the real time, and clients that read the server's time
/// from `Date` (TT NX, Asana) could never see a skewed server.
pub(crate) async fn date_header(
    State(switches): State<Arc<Switches>>,
    request: Request,
    next: Next,
) -> Response<Body> {
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&http_date(switches.now())) {
        response.headers_mut().insert(header::DATE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_is_in_the_http_format() {
        let time: Timestamp = "1994-11-06T08:49:37Z".parse().unwrap();
        assert_eq!(http_date(time), "Sun, 06 Nov 1994 08:49:37 GMT");
    }

    #[test]
    fn the_offset_moves_the_clock_and_reset_takes_it_back() {
        let switches = Switches::default();
        switches.set_clock_offset_ms(3_600_000);
        let skew = switches.now_ms() - Timestamp::now().as_millisecond();
        assert!((3_599_000..=3_600_000).contains(&skew), "{skew}");
        switches.advance_clock_ms(1_000);
        assert_eq!(switches.clock_offset_ms(), 3_601_000);
        switches.set_emails_hidden(true);
        switches.reset();
        assert_eq!(switches.clock_offset_ms(), 0);
        assert!(!switches.emails_hidden());
    }

    #[test]
    fn an_absurd_advance_saturates_instead_of_wrapping() {
        let switches = Switches::default();
        switches.set_clock_offset_ms(i64::MAX - 5);
        switches.advance_clock_ms(10);
        assert_eq!(switches.clock_offset_ms(), i64::MAX);
        // Out of jiff's range: the wall clock, not a panic.
        let wall = Timestamp::now();
        assert!(switches.now() >= wall);
    }
}
