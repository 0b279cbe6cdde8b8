//! Answers: buffered ones for JSON APIs, streaming ones for downloads.

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use kakehashi_secrets::Sensitive;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::HttpError;
use crate::excerpt::excerpt;
use crate::transport::classify_transport;

/// A complete answer, body read.
#[derive(Debug, Clone)]
pub struct Response {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// `GET https://host/path`, for messages.
    pub(crate) what: String,
    pub(crate) secrets: Vec<Sensitive<String>>,
}

impl Response {
    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// When the server says it answered (`Date`), to the second; `None`
    /// when the header is missing or not an HTTP date. Compared with this
    /// computer's clock, it shows a clock that is off.
    pub fn date(&self) -> Option<std::time::SystemTime> {
        httpdate::parse_http_date(self.header("date")?).ok()
    }

    /// The body as JSON of type `T`; anything else is `Malformed` with a
    /// short, secret-free excerpt.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, HttpError> {
        serde_json::from_slice(&self.body).map_err(|err| {
            let secrets: Vec<&str> = self.secrets.iter().map(|s| s.expose().as_str()).collect();
            let quoted = excerpt(&self.body, &secrets);
            HttpError::malformed(&self.what, format!("{quoted} ({err})"))
                .with_status(self.status.as_u16())
        })
    }
}

/// An answer whose body is read piece by piece (attachments).
#[derive(Debug)]
pub struct StreamingResponse {
    pub(crate) inner: reqwest::Response,
}

impl StreamingResponse {
    pub fn status(&self) -> StatusCode {
        self.inner.status()
    }

    pub fn headers(&self) -> &HeaderMap {
        self.inner.headers()
    }

    /// The body in chunks; a broken connection ends it with `ConnectionLost`.
    pub fn bytes_stream(self) -> impl Stream<Item = Result<Bytes, HttpError>> + Send {
        self.inner
            .bytes_stream()
            .map(|chunk| chunk.map_err(|err| classify_transport(&err, None, None)))
    }

    /// Writes the body to `path`, streaming; returns the bytes written.
    pub async fn save_to(self, path: &std::path::Path) -> Result<u64, HttpError> {
        use tokio::io::AsyncWriteExt;
        let cannot_write = |err: std::io::Error| {
            HttpError::invalid_input(
                "file",
                format!(
                    "Cannot write {}: {err}. Choose a folder you can write to.",
                    path.display()
                ),
            )
        };
        let mut file = tokio::fs::File::create(path).await.map_err(cannot_write)?;
        let mut written = 0u64;
        let mut stream = std::pin::pin!(self.bytes_stream());
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            file.write_all(&chunk).await.map_err(cannot_write)?;
            written += chunk.len() as u64;
        }
        file.flush().await.map_err(cannot_write)?;
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderValue, DATE};
    use std::time::{Duration, UNIX_EPOCH};

    fn answered(date: Option<&'static str>) -> Response {
        let mut headers = HeaderMap::new();
        if let Some(date) = date {
            headers.insert(DATE, HeaderValue::from_static(date));
        }
        Response {
            status: StatusCode::OK,
            headers,
            body: Bytes::new(),
            what: "GET https://example.com/".into(),
            secrets: Vec::new(),
        }
    }

    #[test]
    fn the_date_header_reads_as_a_moment_or_nothing() {
        let at = answered(Some("Sun, 06 Nov 1994 08:49:37 GMT")).date();
        assert_eq!(at, Some(UNIX_EPOCH + Duration::from_secs(784_111_777)));
        assert_eq!(answered(Some("yesterday")).date(), None);
        assert_eq!(answered(None).date(), None);
    }
}
