//! Which vendor server a simulator plays.

use serde::{Deserialize, Serialize};

/// The four simulated servers. The serialised names are the ones
/// `kakehashi sim` prints in its `kind` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SimKind {
    JiraCloud,
    #[serde(rename = "jira-dc")]
    JiraDataCenter,
    Ttnx,
    Asana,
}

impl SimKind {
    /// Every kind, in the order `kakehashi sim` starts and prints them.
    pub const ALL: [SimKind; 4] = [
        SimKind::JiraCloud,
        SimKind::JiraDataCenter,
        SimKind::Ttnx,
        SimKind::Asana,
    ];

    /// The stable name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SimKind::JiraCloud => "jira-cloud",
            SimKind::JiraDataCenter => "jira-dc",
            SimKind::Ttnx => "ttnx",
            SimKind::Asana => "asana",
        }
    }

    /// The JSON field that carries the login's secret, named for what it is
    /// (DESIGN §7): an API token, a password, an API key or a personal access token.
    pub fn secret_field(self) -> &'static str {
        match self {
            SimKind::JiraCloud | SimKind::Asana => "token",
            SimKind::JiraDataCenter => "password",
            SimKind::Ttnx => "api_key",
        }
    }
}

impl std::fmt::Display for SimKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
