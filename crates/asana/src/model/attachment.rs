//! Attachments: files uploaded to Asana, or links to files elsewhere.

use jiff::Timestamp;
use serde::Deserialize;

use super::Compact;

/// An attachment of a task.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Attachment {
    pub gid: String,
    #[serde(default)]
    pub name: String,
    /// `asana` for an uploaded file; `external`, `dropbox`, `gdrive`... for links.
    #[serde(default)]
    pub resource_subtype: Option<String>,
    #[serde(default)]
    pub host: Option<String>,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    /// A short-lived signed link to the bytes (minutes); read it just before
    /// downloading.
    #[serde(default)]
    pub download_url: Option<String>,
    /// A lasting link for people (needs an Asana session).
    #[serde(default)]
    pub permanent_url: Option<String>,
    #[serde(default)]
    pub view_url: Option<String>,
    #[serde(default)]
    pub parent: Option<Compact>,
}

impl Attachment {
    /// Whether the bytes live in Asana (and can be downloaded from it).
    pub fn is_uploaded_file(&self) -> bool {
        self.resource_subtype
            .as_deref()
            .is_none_or(|s| s == "asana")
    }
}
