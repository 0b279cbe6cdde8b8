//! What the four simulators have in common: the shape of each vendor's error
//! body, and the pieces a vendor module hands to the server.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::Router;
use serde_json::{json, Value};

use std::sync::Arc;

use crate::switches::Switches;
use crate::{Seed, SimKind};

/// What a vendor module builds: its routes, and how to put its data back to
/// the seed (for `POST /__sim/reset`).
pub struct VendorApp {
    pub router: Router,
    pub reset: Box<dyn Fn() + Send + Sync>,
    /// Vendor-specific control routes under `/__sim/<kind>/...` (e.g. OAuth
    /// client registration), served like `/__sim/`: no faults, no auth.
    pub admin: Option<Router>,
}

/// What a vendor module needs to build itself.
#[derive(Debug, Clone)]
pub struct BuildContext {
    pub seed: Seed,
    /// The URL users see for this server, e.g. `http://127.0.0.1:PORT` or
    /// `http://127.0.0.1:PORT/TimeTrackerNX`; vendors put it in `self` links.
    pub base_url: String,
    /// The simulated clock and the other test switches of this simulator.
    pub(crate) switches: Arc<Switches>,
}

impl SimKind {
    /// The vendor's error body for `message`.
    pub fn error_body(self, message: &str) -> Value {
        match self {
            SimKind::JiraCloud | SimKind::JiraDataCenter => {
                json!({ "errorMessages": [message], "errors": {} })
            }
            SimKind::Ttnx => json!([{ "message": message }]),
            SimKind::Asana => json!({ "errors": [{ "message": message }] }),
        }
    }

    /// A JSON error answer the way this vendor writes it.
    pub fn error(self, status: StatusCode, message: &str) -> Response<Body> {
        json_response(status, &self.error_body(message))
    }

    /// The 429 this vendor sends, with `Retry-After` and, for Jira Cloud, its
    /// `X-RateLimit-*` and `RateLimit-Reason` headers.
    pub(crate) fn rate_limited(self, limit: u32, retry_after_secs: u64) -> Response<Body> {
        let message = match self {
            SimKind::Asana => "You have made too many requests recently. Please, be chill.",
            _ => "Rate limit exceeded.",
        };
        let mut response = self.error(StatusCode::TOO_MANY_REQUESTS, message);
        let headers = response.headers_mut();
        headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
        if self == SimKind::JiraCloud {
            let reset =
                jiff::Timestamp::now() + jiff::SignedDuration::from_secs(retry_after_secs as i64);
            headers.insert("X-RateLimit-Limit", HeaderValue::from(limit));
            headers.insert("X-RateLimit-Remaining", HeaderValue::from_static("0"));
            if let Ok(value) = HeaderValue::from_str(&reset.strftime("%Y-%m-%dT%H:%MZ").to_string())
            {
                headers.insert("X-RateLimit-Reset", value);
            }
            headers.insert(
                "RateLimit-Reason",
                HeaderValue::from_static("jira-quota-tenant-based"),
            );
        }
        response
    }
}

/// A JSON answer with the given status.
pub fn json_response(status: StatusCode, body: &Value) -> Response<Body> {
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    response
}
