//! Attachments: `GET /attachments?parent=`, `GET|DELETE /attachments/{gid}`,
//! `POST /attachments` (multipart: `parent` plus `file`, up to 100 MB, or an
//! `external` link with `name` and `url`), and the downloads.
//!
//! Like Asana's S3 links, `download_url` is signed and good for two minutes
//! and needs no token; `permanent_url` needs one and redirects to a fresh
//! `download_url`.

use std::collections::HashMap;

use axum::body::{Body, Bytes};
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use bytes::BytesMut;
use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::auth::Caller;
use super::compact;
use super::events::Change;
use super::fields::View;
use super::memberships::record_changes;
use super::params::Params;
use super::response::{self, lookup, ApiError, ApiResult};
use super::store::{iso, now, parse_gid, Attachment, Gid, Store};
use super::url::{encode, with_query};
use super::AsanaState;

/// Asana takes files up to 100 MB.
pub(crate) const MAX_FILE_BYTES: usize = 100 * 1024 * 1024;
/// The request may be a little larger: multipart headers and the `parent`.
pub(crate) const MAX_REQUEST_BYTES: usize = MAX_FILE_BYTES + 1024 * 1024;
/// How long a `download_url` works.
const DOWNLOAD_SECONDS: i64 = 120;

pub(crate) const DOWNLOAD_ROUTE: &str = "/-/asset_download/{attachment_gid}";
pub(crate) const PERMANENT_ROUTE: &str = "/app/asana/-/get_asset";

const COMPACT: &[&str] = &["gid", "resource_type", "name", "resource_subtype"];

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "file: File is too large. The maximum file size is 100MB.",
    )
}

fn signature(store: &Store, gid: Gid, expires: i64) -> String {
    let digest = Sha256::digest(format!("{}:{gid}:{expires}", store.signing_key));
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// A fresh signed link to the bytes.
fn download_url(store: &Store, attachment: &Attachment, base_url: &str) -> String {
    let expires = (Timestamp::now() + SignedDuration::from_secs(DOWNLOAD_SECONDS)).as_second();
    let path = DOWNLOAD_ROUTE.replace("{attachment_gid}", &attachment.gid.to_string());
    let (expires_text, signature) = (
        expires.to_string(),
        signature(store, attachment.gid, expires),
    );
    with_query(
        &format!("{base_url}{path}"),
        &[("expires", &expires_text), ("signature", &signature)],
    )
}

fn attachment_json(store: &Store, attachment: &Attachment, base_url: &str) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("gid".into(), compact::gid(attachment.gid));
    out.insert("resource_type".into(), json!("attachment"));
    out.insert("name".into(), json!(attachment.name));
    out.insert("created_at".into(), json!(iso(attachment.created_at)));
    let parent = store
        .tasks
        .get(&attachment.parent)
        .map_or(Value::Null, compact::task);
    out.insert("parent".into(), parent);
    match &attachment.external_url {
        Some(url) => {
            out.insert("resource_subtype".into(), json!("external"));
            out.insert("host".into(), json!("external"));
            out.insert("download_url".into(), json!(url));
            out.insert("view_url".into(), json!(url));
            out.insert("permanent_url".into(), Value::Null);
            out.insert("connected_to_app".into(), json!(false));
        }
        None => {
            let permanent = with_query(
                &format!("{base_url}{PERMANENT_ROUTE}"),
                &[("asset_id", &attachment.gid.to_string())],
            );
            out.insert("resource_subtype".into(), json!("asana"));
            out.insert("host".into(), json!("asana"));
            out.insert(
                "download_url".into(),
                json!(download_url(store, attachment, base_url)),
            );
            out.insert("view_url".into(), json!(permanent));
            out.insert("permanent_url".into(), json!(permanent));
            out.insert("size".into(), json!(attachment.bytes.len()));
        }
    }
    out
}

fn find<'a>(store: &'a Store, text: &str) -> Result<&'a Attachment, ApiError> {
    lookup(&store.attachments, "attachment", text)
}

/// `GET /attachments?parent=<task>`
pub(crate) async fn list(
    State(state): State<AsanaState>,
    _caller: Caller,
    params: Params,
) -> ApiResult {
    let text = params.require("parent")?;
    let store = state.store();
    let parent = lookup(&store.tasks, "parent", text)?.gid;
    let attachments = store.attachments.values().filter(|a| a.parent == parent);
    let base = state.base_url();
    params.page_of(
        attachments,
        |a| a.gid,
        |a| attachment_json(&store, a, base),
        View::Compact(COMPACT),
        base,
    )
}

/// `GET /attachments/{attachment_gid}`
pub(crate) async fn get(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    let attachment = find(&store, &gid)?;
    Ok(params.one(
        attachment_json(&store, attachment, state.base_url()),
        View::AllBut(&[]),
    ))
}

/// What the multipart form of an upload holds.
#[derive(Default)]
struct Upload {
    parent: Option<String>,
    subtype: Option<String>,
    name: Option<String>,
    url: Option<String>,
    file: Option<(String, String, Bytes)>,
}

fn multipart_error(error: MultipartError) -> ApiError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        ApiError::bad_request(format!(
            "Could not read the multipart/form-data body: {}",
            error.body_text()
        ))
    }
}

async fn read_upload(mut multipart: Multipart) -> Result<Upload, ApiError> {
    let mut upload = Upload::default();
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("file").to_owned();
            let content_type = field
                .content_type()
                .unwrap_or("application/octet-stream")
                .to_owned();
            let mut bytes = BytesMut::new();
            while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                    return Err(too_large());
                }
                bytes.extend_from_slice(&chunk);
            }
            upload.file = Some((file_name, content_type, bytes.freeze()));
            continue;
        }
        let text = field.text().await.map_err(multipart_error)?;
        match name.as_str() {
            "parent" => upload.parent = Some(text),
            "resource_subtype" => upload.subtype = Some(text),
            "name" => upload.name = Some(text),
            "url" => upload.url = Some(text),
            _ => {}
        }
    }
    Ok(upload)
}

/// `POST /attachments` (multipart/form-data)
pub(crate) async fn upload(
    State(state): State<AsanaState>,
    caller: Caller,
    params: Params,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> ApiResult {
    caller.require_edit()?;
    // Refuse an announced oversize body before reading any of it.
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|length| length > MAX_REQUEST_BYTES) {
        return Err(too_large());
    }
    let multipart = multipart
        .map_err(|_| ApiError::bad_request("Attachments are uploaded as multipart/form-data"))?;
    let upload = read_upload(multipart).await?;
    let parent_text = upload
        .parent
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiError::bad_request("parent: Missing input"))?;
    let mut store = state.store();
    let parent = lookup(&store.tasks, "parent", &parent_text)?.gid;
    let (name, content_type, bytes, external_url) =
        match upload.subtype.as_deref().unwrap_or("asana") {
            "asana" => {
                let (name, content_type, bytes) = upload
                    .file
                    .ok_or_else(|| ApiError::bad_request("file: Missing input"))?;
                (
                    upload.name.filter(|n| !n.is_empty()).unwrap_or(name),
                    content_type,
                    bytes,
                    None,
                )
            }
            "external" => {
                let url = upload
                    .url
                    .filter(|u| u.starts_with("http"))
                    .ok_or_else(|| ApiError::bad_request("url: Missing input"))?;
                let name = upload
                    .name
                    .filter(|n| !n.is_empty())
                    .ok_or_else(|| ApiError::bad_request("name: Missing input"))?;
                (name, String::new(), Bytes::new(), Some(url))
            }
            other => {
                return Err(ApiError::bad_request(format!(
                    "resource_subtype: {other:?} is not one of asana, external"
                )))
            }
        };
    let gid = store.allocate();
    let at = now();
    store.attachments.insert(
        gid,
        Attachment {
            gid,
            name,
            parent,
            content_type,
            bytes,
            created_at: at,
            external_url,
        },
    );
    let added = json!({ "gid": gid.to_string(), "resource_type": "attachment" });
    touch_task(&mut store, parent, caller.user, "added", added);
    let full = attachment_json(&store, &store.attachments[&gid], state.base_url());
    Ok(params.one(full, View::AllBut(&[])))
}

/// Attaching or removing a file changes the task's `modified_at` (Asana
/// lists both) and makes a `changed` event.
fn touch_task(store: &mut Store, task: Gid, user: Gid, action: &'static str, value: Value) {
    let change = Change {
        field: "attachments",
        action,
        value: Some(value),
    };
    record_changes(store, task, user, now(), [change]);
}

/// `DELETE /attachments/{attachment_gid}`
pub(crate) async fn delete(
    State(state): State<AsanaState>,
    caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    caller.require_edit()?;
    let mut store = state.store();
    let gid = find(&store, &gid)?.gid;
    if let Some(attachment) = store.attachments.remove(&gid) {
        let removed = json!({ "gid": gid.to_string(), "resource_type": "attachment" });
        touch_task(
            &mut store,
            attachment.parent,
            caller.user,
            "removed",
            removed,
        );
    }
    Ok(response::empty(params.pretty))
}

/// An S3-style refusal: signed links answer in XML, not in Asana's shape.
fn access_denied(message: &str) -> Response<Body> {
    let xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>{message}</Message></Error>");
    let mut response = Response::new(Body::from(xml));
    *response.status_mut() = StatusCode::FORBIDDEN;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml"),
    );
    response
}

/// `GET /-/asset_download/{gid}?expires=&signature=`: the bytes.
pub(crate) async fn download(
    State(state): State<AsanaState>,
    Path(gid): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response<Body> {
    let store = state.store();
    let Some(attachment) = parse_gid(&gid).and_then(|gid| store.attachments.get(&gid)) else {
        return access_denied("The specified key does not exist.");
    };
    let expires = query
        .get("expires")
        .and_then(|e| e.parse::<i64>().ok())
        .unwrap_or(0);
    let signed = query
        .get("signature")
        .is_some_and(|s| *s == signature(&store, attachment.gid, expires));
    if !signed {
        return access_denied(
            "The request signature we calculated does not match the signature you provided.",
        );
    }
    if expires < Timestamp::now().as_second() {
        return access_denied("Request has expired");
    }
    let mut response = Response::new(Body::from(attachment.bytes.clone()));
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&attachment.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    let disposition = format!("attachment; filename*=UTF-8''{}", encode(&attachment.name));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /app/asana/-/get_asset?asset_id=`: with a token, a redirect to a
/// fresh download link; without one, 403 (Asana wants a session there).
pub(crate) async fn permanent(
    State(state): State<AsanaState>,
    caller: Result<Caller, ApiError>,
    Query(query): Query<HashMap<String, String>>,
) -> Response<Body> {
    if caller.is_err() {
        return access_denied("Sign in to Asana to open this attachment.");
    }
    let store = state.store();
    let found = query
        .get("asset_id")
        .and_then(|id| parse_gid(id))
        .and_then(|gid| store.attachments.get(&gid));
    let Some(attachment) = found.filter(|a| a.external_url.is_none()) else {
        return ApiError::unknown(
            "attachment",
            query.get("asset_id").map_or("", String::as_str),
        )
        .into_response();
    };
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FOUND;
    if let Ok(location) = HeaderValue::from_str(&download_url(&store, attachment, state.base_url()))
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}
