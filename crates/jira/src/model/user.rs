//! People as Jira shows them: Cloud by `accountId`, Data Center by user
//! `name` (the login) and a stable `key`.

use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

/// A user in `myself`, issues, comments, worklogs and role actors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Cloud's id for a person.
    #[serde(default)]
    pub account_id: Option<String>,
    /// Data Center's login.
    #[serde(default)]
    pub name: Option<String>,
    /// Data Center's stable key (`JIRAUSER10001`).
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    /// Hidden by some sites' privacy settings.
    #[serde(default)]
    pub email_address: Option<String>,
    /// The profile zone, in which Jira reads zone-less JQL dates.
    #[serde(default)]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub active: Option<bool>,
}

impl User {
    /// The id requests name this person by: the accountId on Cloud, the
    /// user name on Data Center.
    pub fn id(&self) -> Option<&str> {
        self.account_id.as_deref().or(self.name.as_deref())
    }

    /// The profile time zone, when Jira gave a known one.
    pub fn zone(&self) -> Option<TimeZone> {
        self.time_zone
            .as_deref()
            .and_then(|name| TimeZone::get(name).ok())
    }
}
