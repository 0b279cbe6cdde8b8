//! Attachment metadata.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::model::time::JiraTime;
use crate::model::user::User;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// A string in most answers, a number in Cloud's metadata: read both.
    #[serde(deserialize_with = "id_text")]
    pub id: String,
    pub filename: String,
    #[serde(default)]
    pub author: Option<User>,
    #[serde(default)]
    pub created: Option<JiraTime>,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub mime_type: Option<String>,
    /// Where the bytes are (an absolute URL on the server's base URL).
    #[serde(default)]
    pub content: Option<String>,
}

/// An id given as a string or as a number.
pub(crate) fn id_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(text) => Ok(text),
        Value::Number(number) => Ok(number.to_string()),
        other => Err(serde::de::Error::custom(format!(
            "expected an id, got {other}"
        ))),
    }
}
