//! Attachments of a task: list, upload streamed from a file, download
//! streamed to a file, delete.

use std::path::Path;

use kakehashi_http::{ErrorKind, HttpError, Method, Multipart};

use crate::client::{checked_gid, AsanaClient, Data, Deletion};
use crate::model::Attachment;
use crate::paging::{paged, Items, ListOptions};

const ATTACHMENT_FIELDS: &str =
    "name,resource_subtype,host,size,created_at,download_url,permanent_url,view_url,parent.name";

/// Asana takes files up to 100 MB.
pub const MAX_UPLOAD_BYTES: u64 = 100 * 1024 * 1024;

impl AsanaClient {
    /// The attachments of a task.
    pub fn attachments(&self, parent_gid: &str, options: &ListOptions) -> Items<Attachment> {
        let request = checked_gid("task", parent_gid).map(|parent| {
            self.api(Method::GET, "attachments")
                .query("parent", parent)
                .query("opt_fields", options.fields_or(ATTACHMENT_FIELDS))
        });
        paged(request, options)
    }

    /// One attachment, with a fresh `download_url`.
    pub async fn attachment(&self, attachment_gid: &str) -> Result<Attachment, HttpError> {
        let gid = checked_gid("attachment", attachment_gid)?;
        self.get_data(&format!("attachments/{gid}"), Some(ATTACHMENT_FIELDS))
            .await
    }

    /// Uploads the file at `path` to the task `parent_gid`, streamed from
    /// disk; `file_name` defaults to the file's own name. Not repeated after
    /// a lost answer (that would attach the file twice).
    pub async fn upload_attachment(
        &self,
        parent_gid: &str,
        path: &Path,
        file_name: Option<&str>,
        content_type: &str,
    ) -> Result<Attachment, HttpError> {
        let parent = checked_gid("task", parent_gid)?;
        let size = std::fs::metadata(path)
            .map_err(|err| {
                HttpError::invalid_input(
                    "file",
                    format!(
                        "Cannot read {}: {err}. Check that the file exists and is readable.",
                        path.display()
                    ),
                )
            })?
            .len();
        if size > MAX_UPLOAD_BYTES {
            return Err(HttpError::invalid_input(
                "file",
                format!(
                    "{} is {} MB; Asana takes files up to 100 MB. Attach a smaller file or a link to it.",
                    path.display(),
                    size.div_ceil(1024 * 1024)
                ),
            ));
        }
        let name = match file_name {
            Some(name) => name.to_owned(),
            None => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "attachment".to_owned()),
        };
        let form = Multipart::new()
            .text("parent", parent)
            .file("file", name, content_type, path);
        let envelope: Data<Attachment> = self
            .api(Method::POST, "attachments")
            .query("opt_fields", ATTACHMENT_FIELDS)
            .multipart(form)
            .send_json()
            .await?;
        Ok(envelope.data)
    }

    /// Downloads an uploaded file to `destination`, streamed; returns the
    /// bytes written. The signed `download_url` lives minutes, so it is read
    /// fresh first. A partly written file is removed when the download fails.
    pub async fn download_attachment(
        &self,
        attachment_gid: &str,
        destination: &Path,
    ) -> Result<u64, HttpError> {
        let attachment = self.attachment(attachment_gid).await?;
        let link = match (&attachment.download_url, attachment.is_uploaded_file()) {
            (Some(link), true) => link.clone(),
            _ => {
                let host = attachment.host.as_deref().unwrap_or("another service");
                return Err(HttpError::new(
                    ErrorKind::Rejected,
                    format!(
                        "The attachment “{}” is a link to a file on {host}, not a file in Asana; open it there.",
                        attachment.name
                    ),
                ));
            }
        };
        url::Url::parse(&link).map_err(|_| {
            HttpError::malformed("GET attachment", "(its download_url is not a URL)")
        })?;
        // The signed link goes out exactly as given (re-encoding its query
        // would break the signature); the transport never quotes a query
        // string in a message or a log line.
        let response = self.http.get(&link).send_streaming().await?;
        match response.save_to(destination).await {
            Ok(written) => Ok(written),
            Err(error) => {
                // Best effort: what is left of the file is useless.
                let _ = std::fs::remove_file(destination);
                Err(error)
            }
        }
    }

    /// Deletes an attachment.
    pub async fn delete_attachment(&self, attachment_gid: &str) -> Result<Deletion, HttpError> {
        let gid = checked_gid("attachment", attachment_gid)?;
        self.delete_record(&format!("attachments/{gid}")).await
    }
}
