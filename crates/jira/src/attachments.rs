//! Attachments: upload streamed from a file (multipart, with the
//! `X-Atlassian-Token: no-check` header Jira's XSRF check insists on),
//! download streamed to a file, list, read metadata, delete.

use std::path::Path;

use kakehashi_http::{ErrorKind, HttpError, Method, Multipart};

use crate::client::{segment, JiraClient};
use crate::model::attachment::Attachment;
use crate::model::server::Deployment;
use crate::myself::PermissionScope;

const ATTACH: &str = "CREATE_ATTACHMENTS";

impl JiraClient {
    /// Uploads `path` to an issue as `file_name`; the file is streamed from
    /// disk (and read again if the upload must be repeated before the
    /// server saw it). Not retried once it may have reached the server.
    pub async fn upload_attachment(
        &self,
        issue: &str,
        path: &Path,
        file_name: &str,
        content_type: &str,
    ) -> Result<Vec<Attachment>, HttpError> {
        let form = Multipart::new().file("file", file_name, content_type, path);
        let request = self
            .api_request(
                Method::POST,
                &format!("issue/{}/attachments", segment(issue)),
            )
            .header("x-atlassian-token", "no-check")
            .multipart(form);
        match self.fetch(request).await {
            Err(lost) if lost.kind == ErrorKind::ConnectionLost => {
                Err(self.explain_lost_upload(issue, lost).await)
            }
            other => other,
        }
    }

    /// A server (or a proxy) that refuses an upload may answer before the
    /// body is sent and close the connection, so the client sees a broken
    /// pipe instead of the refusal. Ask why with a read: a missing issue or
    /// a missing permission is reported as such; anything else stays the
    /// lost connection (the upload may or may not have arrived).
    async fn explain_lost_upload(&self, issue: &str, lost: HttpError) -> HttpError {
        match self
            .my_permissions(&[ATTACH], PermissionScope::Issue(issue))
            .await
        {
            Ok(held) if !held.has(ATTACH) => HttpError::new(
                ErrorKind::Forbidden {
                    permission: Some(ATTACH.to_owned()),
                },
                format!("The server closed the connection during the upload to {issue}: the account may not attach files there. The missing permission is {ATTACH}. Ask an administrator to grant it to the technical user."),
            )
            .with_status(403),
            Err(err) if err.kind == ErrorKind::NotFound => err,
            _ => lost,
        }
    }

    /// The attachments of an issue.
    pub async fn attachments(&self, issue: &str) -> Result<Vec<Attachment>, HttpError> {
        let issue = self.issue(issue, &["attachment"], false, &[]).await?;
        Ok(issue.fields.attachment.unwrap_or_default())
    }

    /// An attachment's metadata.
    pub async fn attachment(&self, id: &str) -> Result<Attachment, HttpError> {
        let path = format!("attachment/{}", segment(id));
        self.fetch(self.api_request(Method::GET, &path)).await
    }

    /// Downloads an attachment's bytes into `destination`, streaming;
    /// returns how many bytes were written.
    pub async fn download_attachment(
        &self,
        attachment: &Attachment,
        destination: &Path,
    ) -> Result<u64, HttpError> {
        let path = self.content_path(attachment);
        let response = self
            .request(Method::GET, &path)
            .send_streaming()
            .await
            .map_err(|e| self.explain(e))?;
        response.save_to(destination).await
    }

    /// Deletes an attachment.
    pub async fn delete_attachment(&self, id: &str) -> Result<(), HttpError> {
        let path = format!("attachment/{}", segment(id));
        self.send(self.api_request(Method::DELETE, &path))
            .await
            .map(drop)
    }

    /// Where an attachment's bytes are, relative to the server URL. Cloud
    /// serves them from the REST API; Data Center from `/secure/attachment`,
    /// linked absolutely from the metadata on the public base URL, which is
    /// rebased here so the alternative URL is used when one is set.
    fn content_path(&self, attachment: &Attachment) -> String {
        let fallback = match self.deployment() {
            Deployment::Cloud => {
                return self.api(&format!("attachment/content/{}", segment(&attachment.id)))
            }
            Deployment::DataCenter => format!(
                "secure/attachment/{}/{}",
                segment(&attachment.id),
                segment(&attachment.filename)
            ),
        };
        let Some(url) = attachment
            .content
            .as_deref()
            .and_then(|c| url::Url::parse(c).ok())
        else {
            return fallback;
        };
        let base_path = self.http.endpoint().base_url().path().to_owned();
        url.path()
            .strip_prefix(base_path.as_str())
            .filter(|rest| rest.starts_with("secure/attachment/"))
            .map(str::to_owned)
            .unwrap_or(fallback)
    }
}
