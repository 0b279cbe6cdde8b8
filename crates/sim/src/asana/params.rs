//! The query string every Asana endpoint reads: `opt_fields`, `opt_pretty`,
//! `limit` / `offset` and the endpoint's own filters.

use axum::body::Body;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::Response;
use serde_json::{json, Map, Value};

use super::fields::{Fields, View};
use super::paging::{self, Page, PageRequest};
use super::response::{self, ApiError, ApiResult};
use super::store::Gid;
use super::API_PREFIX;

pub(crate) struct Params {
    pairs: Vec<(String, String)>,
    /// The request path below `/api/1.0`, e.g. `/tasks`.
    path: String,
    pub fields: Fields,
    pub pretty: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(pairs) = Query::<Vec<(String, String)>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::bad_request("Could not parse the query string"))?;
        let path = parts.uri.path();
        let path = path.strip_prefix(API_PREFIX).unwrap_or(path).to_owned();
        let lookup = |name: &str| {
            pairs
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let fields = Fields::parse(lookup("opt_fields"));
        // `?opt_pretty` alone, or with any value but false, asks for it.
        let pretty = lookup("opt_pretty").is_some_and(|v| v != "false");
        Ok(Params {
            fields,
            pretty,
            path,
            pairs,
        })
    }
}

impl Params {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// A required query parameter; Asana names it in the 400.
    pub fn require(&self, name: &str) -> Result<&str, ApiError> {
        match self.get(name) {
            Some(value) if !value.is_empty() => Ok(value),
            _ => Err(ApiError::bad_request(format!("{name}: Missing input"))),
        }
    }

    /// `limit` and `offset`, checked; the token must come from this list.
    pub fn page(&self) -> Result<PageRequest, ApiError> {
        PageRequest::parse(self.get("limit"), self.get("offset"), &self.list_key())
    }

    /// A list is identified by its path and filters (not its paging).
    fn list_key(&self) -> String {
        let mut key = self.path.clone();
        for (name, value) in &self.pairs {
            if !matches!(
                name.as_str(),
                "offset" | "limit" | "opt_fields" | "opt_pretty"
            ) {
                key.push_str(&format!("&{name}={value}"));
            }
        }
        key
    }

    /// `{"data": record}` shaped by `opt_fields`.
    pub fn one(&self, full: serde_json::Map<String, Value>, view: View) -> Response<Body> {
        response::data(self.fields.shape(full, view), self.pretty)
    }

    /// The list answer for `records` (given in GID order): the page that
    /// `limit` / `offset` ask for, each record rendered by `render` and
    /// shaped by `opt_fields`.
    pub fn page_of<T>(
        &self,
        records: impl Iterator<Item = T>,
        gid: impl Fn(&T) -> Gid,
        render: impl FnMut(T) -> Map<String, Value>,
        view: View,
        base_url: &str,
    ) -> ApiResult {
        let page = self.page()?.take(records, gid)?;
        Ok(self.list(page.map(render), view, base_url))
    }

    /// `{"data": [...], "next_page": ...}`: each record shaped by
    /// `opt_fields`; `next_page` only when the request gave a `limit`.
    pub fn list(
        &self,
        page: Page<serde_json::Map<String, Value>>,
        view: View,
        base_url: &str,
    ) -> Response<Body> {
        let items: Vec<Value> = page
            .items
            .into_iter()
            .map(|record| self.fields.shape(record, view))
            .collect();
        let mut body = json!({ "data": items });
        if page.paged {
            body["next_page"] = match page.next_after {
                Some(after) => {
                    let token = paging::encode(&self.list_key(), after);
                    paging::next_page(
                        &format!("{base_url}{API_PREFIX}"),
                        &self.path,
                        &self.pairs,
                        &token,
                    )
                }
                None => Value::Null,
            };
        }
        response::json_body(axum::http::StatusCode::OK, &body, self.pretty)
    }
}
