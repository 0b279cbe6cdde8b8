//! Recognising Asana without signing in, for "server test": the API answers
//! `users/me` with 401 and its `{"errors": [...]}` shape.

use kakehashi_http::{Endpoint, HttpClient, HttpError, StatusCode};
use serde_json::Value;

use crate::errors::AsanaDecoder;

/// Whether `endpoint` serves the Asana API. No credential is sent.
pub async fn probe(endpoint: Endpoint) -> Result<(), HttpError> {
    let http = HttpClient::new(endpoint, AsanaDecoder)?;
    let answer = http
        .get("api/1.0/users/me")
        .accept_status(StatusCode::UNAUTHORIZED)
        .send()
        .await?;
    let looks_like_asana = match answer.json::<Value>() {
        Ok(body) if answer.status() == StatusCode::UNAUTHORIZED => body["errors"].is_array(),
        Ok(body) => body["data"]["gid"].is_string(),
        Err(_) => false,
    };
    if looks_like_asana {
        Ok(())
    } else {
        Err(HttpError::invalid_input(
            "url",
            "This address answers, but not like the Asana API. Asana lives at https://app.asana.com.",
        ))
    }
}
