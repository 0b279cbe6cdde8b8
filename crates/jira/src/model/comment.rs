//! Comments: ADF on Cloud, plain text on Data Center (see [`RichText`]).

use serde::{Deserialize, Serialize};

use crate::model::text::RichText;
use crate::model::time::JiraTime;
use crate::model::user::User;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    pub id: String,
    #[serde(default)]
    pub author: Option<User>,
    #[serde(default)]
    pub update_author: Option<User>,
    pub body: RichText,
    #[serde(default)]
    pub created: Option<JiraTime>,
    #[serde(default)]
    pub updated: Option<JiraTime>,
}

impl Comment {
    /// The body as readable text, whichever dialect it came in.
    pub fn text(&self) -> String {
        self.body.to_text()
    }
}
