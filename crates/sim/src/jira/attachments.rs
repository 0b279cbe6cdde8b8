//! Attachments: multipart upload (Jira insists on `X-Atlassian-Token:
//! no-check`, or it answers 403 "XSRF check failed"), metadata, download of
//! the exact bytes, and delete.

use axum::body::Body;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, Response, StatusCode};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use super::access::{browse, find_issue, lock_issue, require_author_or_admin};
use super::auth::Caller;
use super::catalog::Permission;
use super::errors::{no_content, ok, ApiError, Reply};
use super::params::percent_encode;
use super::state::{Jira, Shared};
use super::store::{take, Attachment, PersonIx, Store};
use super::time::format_jira;
use super::users::user_json;
use super::Flavor;
use crate::vendor::json_response;

/// The largest upload accepted, like a Jira site's attachment size setting.
pub const MAX_UPLOAD_BYTES: usize = 100 * 1024 * 1024;

pub(super) fn routes(flavor: Flavor) -> Router<Jira> {
    let api = flavor.api();
    let router = Router::new()
        .route(
            &format!("{api}/issue/{{key}}/attachments"),
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route(
            &format!("{api}/attachment/{{id}}"),
            get(metadata).delete(delete),
        )
        .route(&format!("{api}/attachment/content/{{id}}"), get(content));
    match flavor {
        // Data Center links attachment content under /secure.
        Flavor::DataCenter => {
            router.route("/secure/attachment/{id}/{filename}", get(secure_content))
        }
        Flavor::Cloud => router,
    }
}

fn content_url(shared: &Shared, attachment: &Attachment) -> String {
    match shared.flavor {
        Flavor::Cloud => shared.api_url(&format!("/attachment/content/{}", attachment.id)),
        Flavor::DataCenter => shared.url(&format!(
            "/secure/attachment/{}/{}",
            attachment.id,
            percent_encode(&attachment.filename)
        )),
    }
}

pub fn attachment_json(shared: &Shared, attachment: &Attachment, reader: PersonIx) -> Value {
    json!({
        "self": shared.api_url(&format!("/attachment/{}", attachment.id)),
        "id": attachment.id.to_string(),
        "filename": attachment.filename,
        "author": user_json(shared, attachment.author),
        "created": format_jira(attachment.created, shared.zone(reader)),
        "size": attachment.content.len(),
        "mimeType": attachment.mime,
        "content": content_url(shared, attachment),
    })
}

/// A MIME type from the file name when the part does not say.
fn guess_mime(filename: &str) -> &'static str {
    let extension = filename
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

async fn upload(
    State(shared): State<Jira>,
    caller: Caller,
    Path(key): Path<String>,
    headers: HeaderMap,
    multipart: Result<Multipart, MultipartRejection>,
) -> Reply {
    let token = headers
        .get("x-atlassian-token")
        .and_then(|v| v.to_str().ok());
    if !token
        .is_some_and(|t| t.eq_ignore_ascii_case("no-check") || t.eq_ignore_ascii_case("nocheck"))
    {
        return Err(ApiError::forbidden("XSRF check failed"));
    }
    {
        let store = shared.read();
        find_issue(&store, &key)?;
    }
    caller.require(&shared, Permission::Attach)?;
    let mut multipart = multipart.map_err(|e| {
        ApiError::bad_request(format!("Send the files as multipart/form-data: {e}"))
    })?;
    let mut files = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(err) => {
                return Err(ApiError::new(
                    err.status(),
                    format!("The upload could not be read: {}", err.body_text()),
                ))
            }
        };
        if field.name() != Some("file") {
            continue;
        }
        let filename = field.file_name().unwrap_or("attachment").to_owned();
        let mime = field
            .content_type()
            .map(str::to_owned)
            .filter(|m| !m.is_empty());
        let content = field.bytes().await.map_err(|err| {
            ApiError::new(
                err.status(),
                format!("The upload could not be read: {}", err.body_text()),
            )
        })?;
        let mime = mime.unwrap_or_else(|| guess_mime(&filename).to_owned());
        files.push((filename, mime, content));
    }
    if files.is_empty() {
        return Err(ApiError::bad_request(
            "No file was attached: send it in a multipart part named 'file'.",
        ));
    }
    let now = shared.now();
    let (mut store, issue_id) = lock_issue(&shared, &key)?;
    let mut answer = Vec::new();
    for (filename, mime, content) in files {
        let id = take(&mut store.ids.attachment);
        let attachment = Attachment {
            id,
            issue: issue_id,
            filename,
            mime,
            author: caller.person,
            created: now,
            content,
        };
        answer.push(attachment_json(&shared, &attachment, caller.person));
        store.attachments.insert(id, attachment);
        if let Some(issue) = store.issues.get_mut(&issue_id) {
            issue.attachments.push(id);
            issue.touch(now);
        }
    }
    Ok(json_response(StatusCode::OK, &Value::Array(answer)))
}

fn find_attachment(store: &Store, id: &str) -> Result<u64, ApiError> {
    id.parse::<u64>()
        .ok()
        .filter(|id| store.attachments.contains_key(id))
        .ok_or_else(|| {
            ApiError::not_found(format!("The attachment with id '{id}' does not exist."))
        })
}

async fn metadata(State(shared): State<Jira>, caller: Caller, Path(id): Path<String>) -> Reply {
    let store = browse(&shared, &caller)?;
    let id = find_attachment(&store, &id)?;
    let mut value = attachment_json(&shared, &store.attachments[&id], caller.person);
    if shared.is_cloud() {
        // Cloud's attachment metadata, unlike its upload answer, has a numeric id.
        value["id"] = json!(id);
        value["properties"] = json!({});
    }
    ok(&value)
}

async fn delete(State(shared): State<Jira>, caller: Caller, Path(id): Path<String>) -> Reply {
    let now = shared.now();
    let mut store = shared.write();
    let id = find_attachment(&store, &id)?;
    require_author_or_admin(
        &shared,
        &caller,
        Permission::Attach,
        store.attachments[&id].author,
        "delete this attachment",
    )?;
    if let Some(attachment) = store.attachments.remove(&id) {
        if let Some(issue) = store.issues.get_mut(&attachment.issue) {
            issue.attachments.retain(|a| *a != id);
            issue.touch(now);
        }
    }
    no_content()
}

/// The stored bytes, as they were uploaded.
fn download(shared: &Shared, id: &str) -> Reply {
    let store = shared.read();
    let id = find_attachment(&store, id)?;
    let attachment = &store.attachments[&id];
    let mut response = Response::new(Body::from(attachment.content.clone()));
    let headers = response.headers_mut();
    if let Ok(mime) = HeaderValue::from_str(&attachment.mime) {
        headers.insert(CONTENT_TYPE, mime);
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(attachment.content.len()));
    if let Ok(disposition) = HeaderValue::from_str(&format!(
        "attachment; filename*=UTF-8''{}",
        percent_encode(&attachment.filename)
    )) {
        headers.insert(CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

async fn content(State(shared): State<Jira>, caller: Caller, Path(id): Path<String>) -> Reply {
    caller.require(&shared, Permission::Browse)?;
    download(&shared, &id)
}

async fn secure_content(
    State(shared): State<Jira>,
    caller: Caller,
    Path((id, _filename)): Path<(String, String)>,
) -> Reply {
    caller.require(&shared, Permission::Browse)?;
    download(&shared, &id)
}
