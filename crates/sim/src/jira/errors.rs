//! Jira's error answers: `{"errorMessages":[...],"errors":{...}}` with the
//! status Jira uses, for every failure a handler can meet.

use axum::body::Body;
use axum::http::{HeaderName, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use serde_json::{json, Map, Value};

use crate::vendor::json_response;

/// A failed request, answered in Jira's error shape.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub messages: Vec<String>,
    /// Field name → message, as Jira reports invalid fields.
    pub errors: Vec<(String, String)>,
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

pub type Reply = Result<Response<Body>, ApiError>;

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            messages: vec![message.into()],
            errors: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// A 400 about one field, the way Jira reports invalid input.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            messages: Vec::new(),
            errors: vec![(field.to_owned(), message.into())],
            headers: Vec::new(),
        }
    }

    /// A 400 naming several invalid fields at once.
    pub fn fields(errors: Vec<(String, String)>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            messages: Vec::new(),
            errors,
            headers: Vec::new(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn issue_not_found() -> Self {
        Self::not_found("Issue does not exist or you do not have permission to see it.")
    }

    pub fn project_not_found(key: &str) -> Self {
        Self::not_found(format!("No project could be found with key '{key}'."))
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.push((HeaderName::from_static(name), value));
        }
        self
    }

    pub fn body(&self) -> Value {
        let errors: Map<String, Value> = self
            .errors
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        json!({ "errorMessages": self.messages, "errors": errors })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response<Body> {
        let mut response = json_response(self.status, &self.body());
        for (name, value) in self.headers {
            response.headers_mut().append(name, value);
        }
        response
    }
}

/// 200 with a JSON body.
pub fn ok(body: &Value) -> Reply {
    Ok(json_response(StatusCode::OK, body))
}

pub fn created(body: &Value) -> Reply {
    Ok(json_response(StatusCode::CREATED, body))
}

pub fn no_content() -> Reply {
    Ok(StatusCode::NO_CONTENT.into_response())
}
