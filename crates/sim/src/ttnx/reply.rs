//! How TT NX answers: errors are always a JSON array `[{"message": ...}]`,
//! lists are `{"totalCount", "data"}` paged by `limit` / `offset`, and
//! `{ids}` path segments are comma-separated lists.

use std::collections::HashMap;

use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::Query;
use axum::http::{Response, StatusCode};
use axum::response::IntoResponse;
use serde_json::{json, Value};

use crate::vendor::json_response;
use crate::SimKind;

/// A refused request: the status and the message the vendor would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response<Body> {
        SimKind::Ttnx.error(self.status, &self.message)
    }
}

pub type Reply = Result<Response<Body>, ApiError>;

/// 200 with a JSON body.
pub fn ok(body: &Value) -> Reply {
    Ok(json_response(StatusCode::OK, body))
}

/// 204: the vendor's `void` actions (PUT of time entries and work items,
/// DELETE of time entries and tokens) send no body.
pub fn no_content() -> Reply {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    Ok(response)
}

/// Query parameters, with malformed query strings refused in the vendor's shape.
pub type Params = HashMap<String, String>;

/// The query extractor handlers take, so a malformed query becomes a vendor 400.
pub type ParamsQuery = Result<Query<Params>, QueryRejection>;

pub fn params(query: ParamsQuery) -> Result<Params, ApiError> {
    query
        .map(|Query(params)| params)
        .map_err(|_| ApiError::bad_request("クエリ文字列の形式が正しくありません。"))
}

/// Reads a JSON request body; an empty or malformed one is a 400.
pub fn json_body(bytes: &Bytes) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request("リクエストボディが空です。"));
    }
    serde_json::from_slice(bytes).map_err(|err| {
        ApiError::bad_request(format!("リクエストボディの JSON が正しくありません: {err}"))
    })
}

/// A request body that must be a JSON object.
pub fn json_object(bytes: &Bytes) -> Result<serde_json::Map<String, Value>, ApiError> {
    match json_body(bytes)? {
        Value::Object(map) => Ok(map),
        _ => Err(ApiError::bad_request(
            "リクエストボディは JSON オブジェクトで指定してください。",
        )),
    }
}

/// Refuses keys the vendor's contract does not allow (`additionalProperties: false`).
pub fn only_known_keys(
    map: &serde_json::Map<String, Value>,
    known: &[&str],
) -> Result<(), ApiError> {
    match map.keys().find(|key| !known.contains(&key.as_str())) {
        Some(key) => Err(ApiError::bad_request(format!(
            "パラメーター '{key}' は指定できません。"
        ))),
        None => Ok(()),
    }
}

/// An optional string property; any other JSON type is a 400.
pub fn opt_str<'a>(
    map: &'a serde_json::Map<String, Value>,
    key: &str,
) -> Result<Option<&'a str>, ApiError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(ApiError::bad_request(format!(
            "'{key}' は文字列で指定してください。"
        ))),
    }
}

/// An optional number property; any other JSON type is a 400.
pub fn opt_number(
    map: &serde_json::Map<String, Value>,
    key: &str,
) -> Result<Option<f64>, ApiError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(number)) => Ok(number.as_f64()),
        Some(_) => Err(ApiError::bad_request(format!(
            "'{key}' は数値で指定してください。"
        ))),
    }
}

/// An optional boolean property; any other JSON type is a 400.
pub fn opt_bool(map: &serde_json::Map<String, Value>, key: &str) -> Result<Option<bool>, ApiError> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(flag)) => Ok(Some(*flag)),
        Some(_) => Err(ApiError::bad_request(format!(
            "'{key}' は true または false で指定してください。"
        ))),
    }
}

/// A comma-separated id list (`"251,255"`), as numbers. An id that is not a
/// number can never exist, so it is a 400 like the vendor's model binding.
pub fn id_list(text: &str, what: &str) -> Result<Vec<u64>, ApiError> {
    let ids: Result<Vec<u64>, _> = text
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::parse)
        .collect();
    match ids {
        Ok(ids) if !ids.is_empty() => Ok(ids),
        _ => Err(ApiError::bad_request(format!(
            "{what} の ID が正しくありません: '{text}'"
        ))),
    }
}

/// The answer of a read by ids (`GET .../{ids}`): the records found, as an
/// array. Ids that match nothing are skipped; only when none matched is it
/// a 404, worded with the same `what` as [`id_list`].
pub fn found_by_ids(found: Vec<Value>, what: &str) -> Reply {
    if found.is_empty() {
        return Err(ApiError::not_found(format!(
            "指定された{what}が見つかりません。"
        )));
    }
    ok(&Value::Array(found))
}

/// A boolean query parameter (`true` / `false`).
pub fn bool_param(params: &Params, key: &str) -> Result<Option<bool>, ApiError> {
    match params.get(key).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) if v == "true" => Ok(Some(true)),
        Some(v) if v == "false" => Ok(Some(false)),
        Some(_) => Err(ApiError::bad_request(format!(
            "'{key}' は true または false で指定してください。"
        ))),
    }
}

/// `limit` / `offset` of a list request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub limit: usize,
    pub offset: usize,
}

/// Without `limit` the server answers this many; `totalCount` tells the
/// client that there is more.
pub const DEFAULT_LIMIT: usize = 100;
/// The most one page may hold.
pub const MAX_LIMIT: usize = 1000;

impl Paging {
    pub fn from_params(params: &Params) -> Result<Self, ApiError> {
        let number = |key: &str, default: usize| -> Result<usize, ApiError> {
            match params.get(key).map(|v| v.trim()) {
                None | Some("") => Ok(default),
                Some(v) => v.parse::<usize>().map_err(|_| {
                    ApiError::bad_request(format!("'{key}' は 0 以上の整数で指定してください。"))
                }),
            }
        };
        let limit = number("limit", DEFAULT_LIMIT)?;
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(format!(
                "'limit' は 1 から {MAX_LIMIT} の範囲で指定してください。"
            )));
        }
        Ok(Self {
            limit,
            offset: number("offset", 0)?,
        })
    }

    /// `{"totalCount": N, "data": [...]}` for the page of `items`.
    pub fn page<T>(self, items: &[T], render: impl Fn(&T) -> Value) -> Value {
        let data: Vec<Value> = items
            .iter()
            .skip(self.offset)
            .take(self.limit)
            .map(render)
            .collect();
        json!({ "totalCount": items.len(), "data": data })
    }
}

/// Case-insensitive "contains", the vendor's partial match for names.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_lists_are_comma_separated_numbers() {
        assert_eq!(id_list("251, 255,", "member"), Ok(vec![251, 255]));
        assert!(id_list("abc", "member").is_err());
        assert!(id_list(",", "member").is_err());
    }

    #[test]
    fn paging_defaults_and_limits() {
        let params: Params = HashMap::new();
        assert_eq!(
            Paging::from_params(&params),
            Ok(Paging {
                limit: DEFAULT_LIMIT,
                offset: 0
            })
        );
        let params: Params = [("limit".to_owned(), "0".to_owned())].into();
        assert!(Paging::from_params(&params).is_err());
        let params: Params = [("offset".to_owned(), "-1".to_owned())].into();
        assert!(Paging::from_params(&params).is_err());
        let page = Paging {
            limit: 2,
            offset: 3,
        }
        .page(&[1, 2, 3, 4], |n| json!(n));
        assert_eq!(page, json!({ "totalCount": 4, "data": [4] }));
    }

    #[test]
    fn partial_matches_ignore_case_and_work_in_japanese() {
        assert!(contains_ci("Emma Lindqvist", "lind"));
        assert!(contains_ci("佐藤 花子", "佐藤"));
        assert!(!contains_ci("佐藤 花子", "鈴木"));
    }
}
