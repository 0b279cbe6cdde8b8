//! Request bodies kept in a form that can be sent again: a retry needs the
//! same body, so bytes are shared and files are reopened, never consumed.

use std::path::PathBuf;

use bytes::Bytes;

use crate::error::HttpError;

/// What a request carries.
#[derive(Debug, Clone, Default)]
pub(crate) enum Body {
    #[default]
    Empty,
    Bytes {
        content_type: String,
        bytes: Bytes,
    },
    Multipart(Multipart),
}

/// A `multipart/form-data` body (attachments). File parts are streamed from
/// disk on each attempt, so a 100 MB upload never sits in memory.
#[derive(Debug, Clone, Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    data: PartData,
}

#[derive(Debug, Clone)]
enum PartData {
    Text(String),
    Bytes(Bytes),
    File(PathBuf),
}

impl Multipart {
    pub fn new() -> Self {
        Self::default()
    }

    /// A plain form field, e.g. Asana's `parent`.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.parts.push(Part {
            name: name.into(),
            file_name: None,
            content_type: None,
            data: PartData::Text(value.into()),
        });
        self
    }

    /// A file held in memory.
    pub fn bytes(
        mut self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        bytes: impl Into<Bytes>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            data: PartData::Bytes(bytes.into()),
        });
        self
    }

    /// A file streamed from disk.
    pub fn file(
        mut self,
        name: impl Into<String>,
        file_name: impl Into<String>,
        content_type: impl Into<String>,
        path: impl Into<PathBuf>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            file_name: Some(file_name.into()),
            content_type: Some(content_type.into()),
            data: PartData::File(path.into()),
        });
        self
    }

    /// Builds a fresh form for one attempt.
    pub(crate) async fn to_form(&self) -> Result<reqwest::multipart::Form, HttpError> {
        let mut form = reqwest::multipart::Form::new();
        for part in &self.parts {
            let mut built = match &part.data {
                PartData::Text(text) => reqwest::multipart::Part::text(text.clone()),
                PartData::Bytes(bytes) => reqwest::multipart::Part::stream_with_length(
                    reqwest::Body::from(bytes.clone()),
                    bytes.len() as u64,
                ),
                PartData::File(path) => {
                    let file = tokio::fs::File::open(path).await.map_err(|err| {
                        HttpError::invalid_input(
                            "file",
                            format!("Cannot read {}: {err}. Check that the file exists and is readable.", path.display()),
                        )
                    })?;
                    let length = file.metadata().await.map(|m| m.len()).map_err(|err| {
                        HttpError::invalid_input(
                            "file",
                            format!("Cannot read {}: {err}.", path.display()),
                        )
                    })?;
                    reqwest::multipart::Part::stream_with_length(reqwest::Body::from(file), length)
                }
            };
            if let Some(file_name) = &part.file_name {
                built = built.file_name(file_name.clone());
            }
            if let Some(content_type) = &part.content_type {
                built = built.mime_str(content_type).map_err(|_| {
                    HttpError::invalid_input(
                        "contentType",
                        format!("“{content_type}” is not a media type."),
                    )
                })?;
            }
            form = form.part(part.name.clone(), built);
        }
        Ok(form)
    }
}
