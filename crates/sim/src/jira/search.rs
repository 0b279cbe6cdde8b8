//! Issue search. Cloud: `GET|POST /rest/api/3/search/jql` — bounded JQL
//! only, `nextPageToken` paging (absent on the last page), no total, and by
//! default no fields at all. Data Center: `GET|POST /rest/api/2/search` —
//! `startAt`/`maxResults` paging with a total and `*navigable` fields.
//! Cloud also counts: `POST /rest/api/3/search/approximate-count` (bounded
//! JQL, `{count}`); this simulator's count is exact.

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use bytes::Bytes;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::access::browse;
use super::auth::Caller;
use super::catalog::Permission;
use super::errors::{ok, ApiError, Reply};
use super::issue_json::{Expand, FieldSelection, View};
use super::issues::request_view;
use super::jql::{self, Expr, Query};
use super::params::{
    json_object, only_known, opt_bool, opt_int, opt_str, opt_str_list, type_error, Params,
};
use super::state::{Jira, Shared};
use super::store::{Issue, Store};
use super::Flavor;

/// Cloud pages hold up to this many issues when only ids are asked for...
const CLOUD_ID_ONLY_MAX: usize = 5000;
/// ...and up to this many otherwise.
const CLOUD_FIELDS_MAX: usize = 100;
/// Data Center's `jira.search.views.default.max`.
const DC_MAX: usize = 1000;
const DEFAULT_MAX: usize = 50;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    match flavor {
        Flavor::Cloud => Router::new()
            .route("/rest/api/3/search/jql", get(cloud_get).post(cloud_post))
            .route(
                "/rest/api/3/search/approximate-count",
                axum::routing::post(cloud_count),
            ),
        Flavor::DataCenter => Router::new().route("/rest/api/2/search", get(dc_get).post(dc_post)),
    }
}

/// The ids of the issues `jql` finds for `caller`, in result order; `extra`
/// narrows further (a board's project, a sprint).
pub fn run(
    shared: &Shared,
    store: &Store,
    caller: &Caller,
    jql: &str,
    extra: Option<&dyn Fn(&Issue) -> bool>,
) -> Result<Vec<u64>, ApiError> {
    let query = jql::parse(jql, shared, store, caller.person, shared.now())?;
    Ok(matching(store, &query, extra))
}

/// The ids of the issues a parsed query finds, in its order.
fn matching(store: &Store, query: &Query, extra: Option<&dyn Fn(&Issue) -> bool>) -> Vec<u64> {
    let filter: Option<&Expr> = query.filter.as_ref();
    let mut found: Vec<&Issue> = store
        .issues
        .values()
        .filter(|i| filter.is_none_or(|f| f.matches(i)) && extra.is_none_or(|e| e(i)))
        .collect();
    found.sort_by(|a, b| query.compare(store, a, b));
    found.iter().map(|i| i.id).collect()
}

/// What a search request asks for, from its query string or JSON body.
struct SearchRequest {
    jql: String,
    max: Option<i64>,
    fields: Option<Vec<String>>,
    expand: Vec<String>,
    properties: Vec<String>,
    next_page_token: Option<String>,
    start_at: Option<i64>,
}

impl SearchRequest {
    fn from_params(params: &Params) -> Result<Self, ApiError> {
        Ok(SearchRequest {
            jql: params.get("jql").unwrap_or("").to_owned(),
            max: params.int("maxResults")?,
            fields: params.list("fields"),
            expand: params
                .get("expand")
                .map(|e| vec![e.to_owned()])
                .unwrap_or_default(),
            properties: params.list("properties").unwrap_or_default(),
            next_page_token: params.get("nextPageToken").map(str::to_owned),
            start_at: params.int("startAt")?,
        })
    }

    fn from_body(shared: &Shared, bytes: &Bytes) -> Result<Self, ApiError> {
        let object = json_object(bytes)?;
        let expand = match (shared.flavor, object.get("expand")) {
            (_, None | Some(Value::Null)) => Vec::new(),
            (Flavor::Cloud, Some(Value::String(e))) => vec![e.clone()],
            (Flavor::Cloud, Some(other)) => return Err(type_error("expand", "a string", other)),
            (Flavor::DataCenter, _) => opt_str_list(&object, "expand")?.unwrap_or_default(),
        };
        if shared.is_cloud() {
            only_known(
                &object,
                &[
                    "expand",
                    "fields",
                    "fieldsByKeys",
                    "jql",
                    "maxResults",
                    "nextPageToken",
                    "properties",
                    "reconcileIssues",
                ],
            )?;
            opt_bool(&object, "fieldsByKeys")?;
            if let Some(ids) = object.get("reconcileIssues").filter(|v| !v.is_null()) {
                if !ids
                    .as_array()
                    .is_some_and(|a| a.iter().all(|v| v.as_i64().is_some()))
                {
                    return Err(type_error(
                        "reconcileIssues",
                        "a list of issue ids (numbers)",
                        ids,
                    ));
                }
            }
        } else {
            opt_bool(&object, "validateQuery")?;
        }
        Ok(SearchRequest {
            jql: opt_str(&object, "jql")?.unwrap_or("").to_owned(),
            max: opt_int(&object, "maxResults")?,
            fields: opt_str_list(&object, "fields")?,
            expand,
            properties: opt_str_list(&object, "properties")?.unwrap_or_default(),
            next_page_token: opt_str(&object, "nextPageToken")?.map(str::to_owned),
            start_at: opt_int(&object, "startAt")?,
        })
    }
}

/// A page token remembers the position and which query it belongs to.
fn fingerprint(jql: &str) -> String {
    Sha256::digest(jql.trim().as_bytes())
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn make_token(offset: usize, jql: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{offset}:{}", fingerprint(jql)))
}

fn read_token(token: &str, jql: &str) -> Result<usize, ApiError> {
    let invalid = || ApiError::bad_request("The provided next page token is invalid or expired.");
    let decoded = URL_SAFE_NO_PAD
        .decode(token.trim())
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(invalid)?;
    let (offset, print) = decoded.split_once(':').ok_or_else(invalid)?;
    if print != fingerprint(jql) {
        return Err(invalid());
    }
    offset.parse().map_err(|_| invalid())
}

/// Cloud's search and count refuse JQL without a restriction.
fn bounded(query: &Query) -> Result<(), ApiError> {
    if query.filter.is_none() {
        return Err(ApiError::bad_request(
            "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
        ));
    }
    Ok(())
}

fn cloud_search(shared: &Shared, caller: &Caller, request: SearchRequest) -> Reply {
    let store = browse(shared, caller)?;
    let query = jql::parse(&request.jql, shared, &store, caller.person, shared.now())?;
    bounded(&query)?;
    let fields = FieldSelection::parse(request.fields.as_deref(), FieldSelection::none());
    let cap = if fields.is_id_only() {
        CLOUD_ID_ONLY_MAX
    } else {
        CLOUD_FIELDS_MAX
    };
    let max = match request.max {
        Some(max) if max < 0 => {
            return Err(ApiError::bad_request("'maxResults' must be zero or more."))
        }
        Some(max) => (max as usize).min(cap),
        None => DEFAULT_MAX,
    };
    let offset = match &request.next_page_token {
        Some(token) if !token.is_empty() => read_token(token, &request.jql)?,
        _ => 0,
    };
    let ids = matching(&store, &query, None);
    let expand = Expand::parse(request.expand.iter().map(String::as_str));
    let view = request_view(shared, &store, caller, &fields, expand, &request.properties);
    let page: Vec<Value> = ids
        .iter()
        .skip(offset)
        .take(max)
        .map(|id| view.issue(&store.issues[id]))
        .collect();
    let next = offset + page.len();
    let mut body = Map::new();
    body.insert("issues".into(), Value::Array(page));
    let is_last = next >= ids.len() || max == 0;
    if !is_last {
        body.insert(
            "nextPageToken".into(),
            json!(make_token(next, &request.jql)),
        );
    }
    body.insert("isLast".into(), json!(is_last));
    ok(&Value::Object(body))
}

/// `POST search/approximate-count {jql}` → `{count}`.
async fn cloud_count(State(shared): State<Jira>, caller: Caller, body: Bytes) -> Reply {
    let object = json_object(&body)?;
    only_known(&object, &["jql"])?;
    let jql = opt_str(&object, "jql")?.unwrap_or("").to_owned();
    let store = browse(&shared, &caller)?;
    let query = jql::parse(&jql, &shared, &store, caller.person, shared.now())?;
    bounded(&query)?;
    ok(&json!({ "count": matching(&store, &query, None).len() }))
}

async fn cloud_get(State(shared): State<Jira>, caller: Caller, params: Params) -> Reply {
    cloud_search(&shared, &caller, SearchRequest::from_params(&params)?)
}

async fn cloud_post(State(shared): State<Jira>, caller: Caller, body: Bytes) -> Reply {
    let request = SearchRequest::from_body(&shared, &body)?;
    cloud_search(&shared, &caller, request)
}

/// A `startAt`/`maxResults` page of found issues, as Data Center and the
/// agile API answer (`total` included).
pub fn offset_page(view: &View, ids: &[u64], start: usize, max: usize) -> Value {
    let issues: Vec<Value> = ids
        .iter()
        .skip(start)
        .take(max)
        .map(|id| view.issue(&view.store.issues[id]))
        .collect();
    json!({
        "expand": "schema,names",
        "startAt": start,
        "maxResults": max,
        "total": ids.len(),
        "issues": issues,
    })
}

fn dc_search(shared: &Shared, caller: &Caller, request: SearchRequest) -> Reply {
    caller.require(shared, Permission::Browse)?;
    let start = request.start_at.unwrap_or(0);
    let max = request.max.unwrap_or(DEFAULT_MAX as i64);
    if start < 0 || max < 0 {
        return Err(ApiError::bad_request(
            "'startAt' and 'maxResults' must be zero or more.",
        ));
    }
    let store = shared.read();
    let ids = run(shared, &store, caller, &request.jql, None)?;
    let fields = FieldSelection::parse(request.fields.as_deref(), FieldSelection::navigable());
    let expand = Expand::parse(request.expand.iter().map(String::as_str));
    let view = request_view(shared, &store, caller, &fields, expand, &request.properties);
    ok(&offset_page(
        &view,
        &ids,
        start as usize,
        (max as usize).min(DC_MAX),
    ))
}

async fn dc_get(State(shared): State<Jira>, caller: Caller, params: Params) -> Reply {
    dc_search(&shared, &caller, SearchRequest::from_params(&params)?)
}

async fn dc_post(State(shared): State<Jira>, caller: Caller, body: Bytes) -> Reply {
    let request = SearchRequest::from_body(&shared, &body)?;
    dc_search(&shared, &caller, request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_tokens_belong_to_their_query() {
        let token = make_token(150, "project = WEB");
        assert_eq!(read_token(&token, "project = WEB").unwrap(), 150);
        assert!(read_token(&token, "project = MOB").is_err());
        assert!(read_token("garbage!", "project = WEB").is_err());
    }
}
