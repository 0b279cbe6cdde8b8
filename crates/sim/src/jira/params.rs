//! Reading requests the way Jira does: query parameters (repeatable, and
//! comma lists), JSON bodies parsed by hand so that malformed input gets
//! Jira's 400 shape instead of a framework's plain-text rejection.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use serde_json::{json, Map, Value};

use super::errors::ApiError;
use super::state::Shared;

/// The query string, in order, with repeated names kept.
#[derive(Debug, Default, Clone)]
pub struct Params(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        match Query::<Vec<(String, String)>>::try_from_uri(&parts.uri) {
            Ok(Query(pairs)) => Ok(Params(pairs)),
            Err(err) => Err(ApiError::bad_request(format!(
                "Invalid query string: {err}"
            ))),
        }
    }
}

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeatable parameter, commas splitting further
    /// (`fields=summary,status&fields=labels`).
    pub fn list(&self, name: &str) -> Option<Vec<String>> {
        let values: Vec<String> = self
            .0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect();
        self.0.iter().any(|(k, _)| k == name).then_some(values)
    }

    /// A whole-number parameter; Jira answers 400 when it is not one.
    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(text) if text.trim().is_empty() => Ok(None),
            Some(text) => text.trim().parse::<i64>().map(Some).map_err(|_| {
                ApiError::bad_request(format!(
                    "The '{name}' parameter must be a whole number, not '{text}'."
                ))
            }),
        }
    }

    pub fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for
/// query values and path segments the simulator writes into URLs.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Parses a JSON request body, answering Jira's 400 when it is not JSON.
pub fn json_body(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad_request(
            "No content to map to Object due to end of input",
        ));
    }
    serde_json::from_slice(bytes)
        .map_err(|err| ApiError::bad_request(format!("Unexpected JSON: {err}")))
}

/// A JSON body that must be an object.
pub fn json_object(bytes: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match json_body(bytes)? {
        Value::Object(map) => Ok(map),
        other => Err(ApiError::bad_request(format!(
            "Can not deserialize instance of object out of {} token",
            kind_of(&other)
        ))),
    }
}

/// Refuses properties a schema with `additionalProperties: false` does not
/// know, as Jira's strict JSON reader does.
pub fn only_known(object: &Map<String, Value>, known: &[&str]) -> Result<(), ApiError> {
    match object.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(ApiError::bad_request(format!(
            "Unrecognized field \"{unknown}\" (known properties: {})",
            known.join(", ")
        ))),
        None => Ok(()),
    }
}

/// An optional string property; any other JSON type is a 400.
pub fn opt_str<'a>(
    object: &'a Map<String, Value>,
    name: &str,
) -> Result<Option<&'a str>, ApiError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(type_error(name, "a string", other)),
    }
}

pub fn opt_bool(object: &Map<String, Value>, name: &str) -> Result<Option<bool>, ApiError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(flag)) => Ok(Some(*flag)),
        Some(other) => Err(type_error(name, "true or false", other)),
    }
}

pub fn opt_int(object: &Map<String, Value>, name: &str) -> Result<Option<i64>, ApiError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) if n.as_i64().is_some() => Ok(n.as_i64()),
        Some(other) => Err(type_error(name, "a whole number", other)),
    }
}

/// An optional list of strings.
pub fn opt_str_list(
    object: &Map<String, Value>,
    name: &str,
) -> Result<Option<Vec<String>>, ApiError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(text) => Ok(text.clone()),
                other => Err(type_error(name, "a list of strings", other)),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(other) => Err(type_error(name, "a list of strings", other)),
    }
}

pub fn type_error(name: &str, expected: &str, got: &Value) -> ApiError {
    ApiError::bad_request(format!(
        "The '{name}' property must be {expected}, not {}.",
        kind_of(got)
    ))
}

pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Page bounds from `startAt` / `maxResults`, with Jira's default and cap.
pub fn page_bounds(
    params: &Params,
    default_max: usize,
    cap: usize,
) -> Result<(usize, usize), ApiError> {
    let start = params.int("startAt")?.unwrap_or(0);
    if start < 0 {
        return Err(ApiError::bad_request("'startAt' must be zero or more."));
    }
    let max = params.int("maxResults")?.unwrap_or(default_max as i64);
    if max < 0 {
        return Err(ApiError::bad_request("'maxResults' must be zero or more."));
    }
    Ok((start as usize, (max as usize).min(cap)))
}

/// The answer side of [`page_bounds`]: Cloud's `{self, maxResults, startAt,
/// total, isLast, values}` page, with `self` and (unless it is the last page)
/// `nextPage` linking to `path` under the API root.
pub fn linked_page(
    shared: &Shared,
    path: &str,
    start: usize,
    max: usize,
    total: usize,
    values: Vec<Value>,
) -> Value {
    let is_last = start + values.len() >= total;
    let mut body = json!({
        "self": shared.api_url(&format!("{path}?maxResults={max}&startAt={start}")),
        "maxResults": max,
        "startAt": start,
        "total": total,
        "isLast": is_last,
        "values": values,
    });
    if !is_last {
        body["nextPage"] =
            json!(shared.api_url(&format!("{path}?maxResults={max}&startAt={}", start + max)));
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_percent_encoded() {
        assert_eq!(percent_encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }

    #[test]
    fn repeated_and_comma_separated_parameters_are_one_list() {
        let params = Params(vec![
            ("fields".into(), "summary, status".into()),
            ("fields".into(), "labels".into()),
        ]);
        assert_eq!(
            params.list("fields").unwrap(),
            vec!["summary", "status", "labels"]
        );
        assert!(params.list("expand").is_none());
        assert!(Params(vec![("maxResults".into(), "ten".into())])
            .int("maxResults")
            .is_err());
    }
}
