//! What `GET rest/api/2/serverInfo` (anonymous) says about a server, and
//! the deployment it implies.

use serde::{Deserialize, Serialize};

/// Which Jira a server is; it decides the REST version, the credential
/// kinds, the body dialect (ADF or text) and the search paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Deployment {
    /// Jira Cloud: REST v3, email + API token, `nextPageToken` search.
    Cloud,
    /// Jira Data Center / Server: REST v2, password, personal access token
    /// or OAuth 2.0; `startAt` search.
    DataCenter,
}

impl Deployment {
    /// From `serverInfo.deploymentType`: only "Cloud" is Cloud; Data
    /// Center installations say "Server" or something else.
    pub fn from_deployment_type(deployment_type: Option<&str>) -> Self {
        match deployment_type {
            Some(kind) if kind.trim().eq_ignore_ascii_case("cloud") => Deployment::Cloud,
            _ => Deployment::DataCenter,
        }
    }

    /// The platform REST API version this client uses there.
    pub fn api_version(self) -> u8 {
        match self {
            Deployment::Cloud => 3,
            Deployment::DataCenter => 2,
        }
    }

    /// `rest/api/3` or `rest/api/2`.
    pub fn api_root(self) -> &'static str {
        match self {
            Deployment::Cloud => "rest/api/3",
            Deployment::DataCenter => "rest/api/2",
        }
    }

    /// "Jira Cloud" or "Jira Data Center", for messages.
    pub fn product_name(self) -> &'static str {
        match self {
            Deployment::Cloud => "Jira Cloud",
            Deployment::DataCenter => "Jira Data Center",
        }
    }
}

/// `serverInfo`, the fields that matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerInfo {
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    /// `[10, 3, 1]`: gate features on these, not on the text.
    #[serde(default)]
    pub version_numbers: Vec<u32>,
    #[serde(default)]
    pub deployment_type: Option<String>,
    #[serde(default)]
    pub build_number: Option<u64>,
    #[serde(default)]
    pub server_title: Option<String>,
    #[serde(default)]
    pub server_time_zone: Option<String>,
    /// The server's clock when it answered (`2026-01-17T12:34:00.000+0000`),
    /// to tell whether this computer's clock is off.
    #[serde(default)]
    pub server_time: Option<String>,
}

impl ServerInfo {
    /// Cloud or Data Center, from `deploymentType`.
    pub fn deployment(&self) -> Deployment {
        Deployment::from_deployment_type(self.deployment_type.as_deref())
    }

    /// Whether the server's version is at least `major.minor` (Data Center
    /// feature gates, e.g. personal access tokens from 8.14).
    pub fn at_least(&self, major: u32, minor: u32) -> bool {
        let actual = (
            self.version_numbers.first().copied().unwrap_or(0),
            self.version_numbers.get(1).copied().unwrap_or(0),
        );
        actual >= (major, minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_cloud_is_cloud() {
        assert_eq!(
            Deployment::from_deployment_type(Some("Cloud")),
            Deployment::Cloud
        );
        for other in [Some("Server"), Some("DataCenter"), Some(""), None] {
            assert_eq!(
                Deployment::from_deployment_type(other),
                Deployment::DataCenter
            );
        }
    }

    #[test]
    fn versions_compare_by_numbers() {
        let info: ServerInfo = serde_json::from_str(
            r#"{"version":"10.3.1","versionNumbers":[10,3,1],"deploymentType":"Server","serverTime":"2026-01-17T12:34:00.000+0900","extra":1}"#,
        )
        .unwrap();
        assert!(info.at_least(8, 14));
        assert!(info.at_least(10, 3));
        assert!(!info.at_least(10, 4));
        assert_eq!(info.deployment(), Deployment::DataCenter);
        assert_eq!(
            info.server_time.as_deref(),
            Some("2026-01-17T12:34:00.000+0900")
        );
    }
}
