//! Asana's answers: `{"data": ...}` on success and
//! `{"errors": [{"message", "help"}]}` on failure.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use serde_json::{json, Map, Value};

use super::store::Gid;

/// Asana puts this under every error message.
pub(crate) const HELP: &str =
    "For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors";

pub(crate) type ApiResult = Result<Response<Body>, ApiError>;

/// A failed request, answered in Asana's error shape.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The fresh sync token a 412 from `/events` carries next to `errors`.
    pub sync: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            sync: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// Asana's 404 for an object that does not exist (or is not visible).
    pub fn unknown(kind: &str, gid: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("{kind}: Unknown object: {gid}"),
        )
    }

    /// Asana's 400 for a GID that is not even a number.
    pub fn not_a_gid(kind: &str, text: &str) -> ApiError {
        ApiError::bad_request(format!("{kind}: Not a recognized ID: {text}"))
    }

    pub fn forbidden() -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "You do not have permission to perform this action. Ask an administrator of the workspace for edit access.",
        )
    }

    pub fn body(&self) -> Value {
        let mut body = json!({ "errors": [{ "message": self.message, "help": HELP }] });
        if let Some(sync) = &self.sync {
            body["sync"] = json!(sync);
        }
        body
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response<Body> {
        json_body(self.status, &self.body(), false)
    }
}

/// `{"data": value}` with status 200.
pub(crate) fn data(value: Value, pretty: bool) -> Response<Body> {
    json_body(StatusCode::OK, &json!({ "data": value }), pretty)
}

/// `{"data": value}` with another success status (201 for creations).
pub(crate) fn data_with(status: StatusCode, value: Value, pretty: bool) -> Response<Body> {
    json_body(status, &json!({ "data": value }), pretty)
}

/// The answer of endpoints that return nothing: `{"data": {}}`.
pub(crate) fn empty(pretty: bool) -> Response<Body> {
    data(Value::Object(Map::new()), pretty)
}

/// Any JSON document; `opt_pretty` asks for indentation.
pub(crate) fn json_body(status: StatusCode, body: &Value, pretty: bool) -> Response<Body> {
    let text = if pretty {
        serde_json::to_string_pretty(body)
    } else {
        serde_json::to_string(body)
    };
    let mut response = Response::new(Body::from(text.unwrap_or_default()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    response
}

/// Reads a GID path segment: 400 if it is not a number.
pub(crate) fn path_gid(kind: &str, text: &str) -> Result<Gid, ApiError> {
    super::store::parse_gid(text).ok_or_else(|| ApiError::not_a_gid(kind, text))
}

/// The record a GID in the path or query names: Asana's 400 when the text
/// is not a GID, its 404 (`kind` in the message) when no record has it.
pub(crate) fn lookup<'a, T>(
    records: &'a BTreeMap<Gid, T>,
    kind: &str,
    text: &str,
) -> Result<&'a T, ApiError> {
    let gid = path_gid(kind, text)?;
    records
        .get(&gid)
        .ok_or_else(|| ApiError::unknown(kind, gid))
}

/// Reads `{"data": {...}}` from a JSON request body.
pub(crate) fn request_data(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("data: Missing input"));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| ApiError::bad_request("Could not parse request data, invalid JSON"))?;
    match value {
        Value::Object(mut outer) => match outer.remove("data") {
            Some(Value::Object(data)) => Ok(data),
            Some(_) => Err(ApiError::bad_request("data: Value is not an object")),
            None => Err(ApiError::bad_request("data: Missing input")),
        },
        _ => Err(ApiError::bad_request("Request data must be a JSON object")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_data_needs_the_data_envelope() {
        assert!(request_data(br#"{"data":{"name":"x"}}"#)
            .unwrap()
            .contains_key("name"));
        assert_eq!(
            request_data(br#"{"name":"x"}"#).unwrap_err().message,
            "data: Missing input"
        );
        assert_eq!(
            request_data(b"").unwrap_err().status,
            StatusCode::BAD_REQUEST
        );
        assert!(request_data(b"{")
            .unwrap_err()
            .message
            .contains("invalid JSON"));
        assert!(request_data(br#"{"data":[1]}"#).is_err());
    }

    #[test]
    fn errors_carry_help_and_an_optional_sync_token() {
        let mut error = ApiError::unknown("task", 12);
        assert_eq!(
            error.body()["errors"][0]["message"],
            "task: Unknown object: 12"
        );
        assert_eq!(error.body()["errors"][0]["help"], HELP);
        assert!(error.body().get("sync").is_none());
        error.sync = Some("abc".into());
        assert_eq!(error.body()["sync"], "abc");
    }
}
