//! Recognising a TimeTracker NX server without signing in, for "server
//! test": the API answers `users/me` with 401 and its `[{"message"}]` error
//! shape. A web page, a proxy's error page or another product's API does not.

use kakehashi_http::{Endpoint, ErrorKind, HttpClient, HttpError, StatusCode};
use serde_json::Value;

use crate::errors::TtnxErrorDecoder;

/// Whether `endpoint` serves the TimeTracker NX API. No credential is sent.
pub async fn probe(endpoint: Endpoint) -> Result<(), HttpError> {
    let http = HttpClient::new(endpoint, TtnxErrorDecoder)?;
    let answer = http
        .get("api/system/users/me")
        .accept_status(StatusCode::UNAUTHORIZED)
        .send()
        .await
        .map_err(|err| match err.kind {
            ErrorKind::NotFound => HttpError::new(
                ErrorKind::NotFound,
                format!("{} There is no TimeTracker NX API at this address: the URL must include the site, e.g. https://server/TimeTrackerNX.", err.message),
            )
            .with_status(404),
            _ => err,
        })?;
    let looks_like_ttnx = match answer.json::<Value>() {
        // Signed out: the vendor's error list.
        Ok(Value::Array(errors)) => {
            answer.status() == StatusCode::UNAUTHORIZED
                && !errors.is_empty()
                && errors.iter().all(|e| e.get("message").is_some())
        }
        // Anonymous access allowed: the current user.
        Ok(Value::Object(user)) => answer.status().is_success() && user.contains_key("loginName"),
        _ => false,
    };
    if looks_like_ttnx {
        Ok(())
    } else {
        Err(HttpError::invalid_input(
            "url",
            "This address answers, but not like the TimeTracker NX API. Check that the URL is the TimeTracker NX site (e.g. https://server/TimeTrackerNX) and not a login page or another product.",
        ))
    }
}
