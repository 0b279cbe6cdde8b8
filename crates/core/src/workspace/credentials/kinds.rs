//! What each credential kind is: the servers it fits, what the login and
//! secret boxes ask for, and the vendor's expiry rules (seed 002: Assets
//! tokens live 3 months by default; Atlassian API tokens at most a year).

use super::model::{CredentialKind, KindInfo, LoginField, SecretField};
use crate::workspace::ServerKind;
use crate::{AppError, AppResult};

impl CredentialKind {
    pub const ALL: [CredentialKind; 11] = [
        CredentialKind::JiraCloudToken,
        CredentialKind::JiraDcPassword,
        CredentialKind::JiraDcPat,
        CredentialKind::JiraDcOauth,
        CredentialKind::TtnxApiKey,
        CredentialKind::TtnxPassword,
        CredentialKind::AsanaPat,
        CredentialKind::AsanaOauth,
        CredentialKind::AssetsAdapters,
        CredentialKind::AssetsCleanseImport,
        CredentialKind::AssetsBasic,
    ];

    /// The name on the command line, in the database and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::JiraCloudToken => "jira-cloud-token",
            CredentialKind::JiraDcPassword => "jira-dc-password",
            CredentialKind::JiraDcPat => "jira-dc-pat",
            CredentialKind::JiraDcOauth => "jira-dc-oauth",
            CredentialKind::TtnxApiKey => "ttnx-api-key",
            CredentialKind::TtnxPassword => "ttnx-password",
            CredentialKind::AsanaPat => "asana-pat",
            CredentialKind::AsanaOauth => "asana-oauth",
            CredentialKind::AssetsAdapters => "assets-adapters",
            CredentialKind::AssetsCleanseImport => "assets-cleanse-import",
            CredentialKind::AssetsBasic => "assets-basic",
        }
    }

    pub(super) fn from_db(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }

    /// `kakehashi credential add --kind KIND`.
    pub fn from_cli(name: &str) -> AppResult<Self> {
        Self::from_db(name.trim()).ok_or_else(|| {
            let known: Vec<_> = Self::ALL.iter().map(|kind| kind.as_str()).collect();
            AppError::validation(
                "kind",
                format!(
                    "“{name}” is not a credential kind. Use one of: {}.",
                    known.join(", ")
                ),
            )
        })
    }

    /// Plain words for messages ("a Jira Cloud API token").
    pub fn describe(self) -> &'static str {
        match self {
            CredentialKind::JiraCloudToken => "a Jira Cloud email and API token",
            CredentialKind::JiraDcPassword => "a Jira Data Center user name and password",
            CredentialKind::JiraDcPat => "a Jira Data Center personal access token",
            CredentialKind::JiraDcOauth => "a Jira Data Center OAuth 2.0 sign-in",
            CredentialKind::TtnxApiKey => "a TimeTracker NX API key",
            CredentialKind::TtnxPassword => "a TimeTracker NX login and password",
            CredentialKind::AsanaPat => "an Asana personal access token",
            CredentialKind::AsanaOauth => "an Asana OAuth 2.0 sign-in",
            CredentialKind::AssetsAdapters => "an Assets Data Manager Adapters client token",
            CredentialKind::AssetsCleanseImport => {
                "an Assets Data Manager Cleanse and Import client token"
            }
            CredentialKind::AssetsBasic => "an Assets Data Manager Basic authentication token",
        }
    }

    /// Tokens come from a browser sign-in, not from the user's keyboard.
    pub fn is_oauth(self) -> bool {
        self.info().secret == SecretField::OAuth
    }

    /// The kind's row of the table below.
    pub fn info(self) -> KindInfo {
        use CredentialKind as K;
        use LoginField as L;
        use SecretField as S;
        use ServerKind::{Asana, JiraCloud, JiraDataCenter, TimeTrackerNx};
        // (server kinds, login, secret, default days, max days, verifiable)
        let (server_kinds, login, secret, default_expiry_days, max_expiry_days, verifiable) =
            match self {
                // Atlassian API tokens expire within a year of their creation.
                K::JiraCloudToken => (
                    vec![JiraCloud],
                    L::Email,
                    S::ApiToken,
                    None,
                    Some(365),
                    true,
                ),
                K::JiraDcPassword => (
                    vec![JiraDataCenter],
                    L::Username,
                    S::Password,
                    None,
                    None,
                    true,
                ),
                K::JiraDcPat => (
                    vec![JiraDataCenter],
                    L::None,
                    S::PersonalAccessToken,
                    None,
                    None,
                    true,
                ),
                K::JiraDcOauth => (vec![JiraDataCenter], L::None, S::OAuth, None, None, true),
                K::TtnxApiKey => (vec![TimeTrackerNx], L::None, S::ApiKey, None, None, true),
                K::TtnxPassword => (
                    vec![TimeTrackerNx],
                    L::Username,
                    S::Password,
                    None,
                    None,
                    true,
                ),
                K::AsanaPat => (
                    vec![Asana],
                    L::None,
                    S::PersonalAccessToken,
                    None,
                    None,
                    true,
                ),
                K::AsanaOauth => (vec![Asana], L::None, S::OAuth, None, None, true),
                // Assets Data Manager (Jira Service Management Cloud): tokens
                // for clients that run elsewhere, 3 months unless chosen
                // otherwise; nothing here can sign in with them to check.
                K::AssetsAdapters | K::AssetsCleanseImport | K::AssetsBasic => {
                    (vec![JiraCloud], L::None, S::Token, Some(90), None, false)
                }
            };
        KindInfo {
            kind: self,
            server_kinds,
            login,
            secret,
            default_expiry_days,
            max_expiry_days,
            verifiable,
        }
    }

    /// Whether this kind of credential works on a server of `server`'s kind.
    pub fn fits(self, server: ServerKind) -> bool {
        self.info().server_kinds.contains(&server)
    }
}

/// Every kind, in the order the add dialog lists them.
pub fn all() -> Vec<KindInfo> {
    CredentialKind::ALL
        .into_iter()
        .map(CredentialKind::info)
        .collect()
}

/// The kinds that fit a server, for the messages that suggest one.
pub(super) fn fitting(server: ServerKind) -> Vec<&'static str> {
    CredentialKind::ALL
        .into_iter()
        .filter(|kind| kind.fits(server))
        .map(CredentialKind::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_its_name_and_fits_some_server() {
        for kind in CredentialKind::ALL {
            assert_eq!(CredentialKind::from_cli(kind.as_str()).unwrap(), kind);
            let wire = serde_json::to_value(kind).unwrap();
            assert_eq!(wire, kind.as_str(), "CLI and wire names agree");
            assert!(!kind.info().server_kinds.is_empty());
        }
        let err = CredentialKind::from_cli("jira-token").unwrap_err();
        assert!(
            matches!(&err, AppError::Validation { field, .. } if field == "kind"),
            "{err:?}"
        );
        assert!(err.to_string().contains("jira-cloud-token"), "{err}");
    }

    #[test]
    fn the_vendors_expiry_rules_are_in_the_table() {
        assert_eq!(
            CredentialKind::AssetsAdapters.info().default_expiry_days,
            Some(90)
        );
        assert!(!CredentialKind::AssetsCleanseImport.info().verifiable);
        assert_eq!(
            CredentialKind::JiraCloudToken.info().max_expiry_days,
            Some(365)
        );
        assert_eq!(
            CredentialKind::JiraCloudToken.info().login,
            LoginField::Email
        );
        assert_eq!(
            CredentialKind::TtnxPassword.info().login,
            LoginField::Username
        );
        assert!(CredentialKind::AsanaOauth.is_oauth() && CredentialKind::JiraDcOauth.is_oauth());
        assert!(!CredentialKind::JiraDcPat.is_oauth());
        assert_eq!(
            fitting(ServerKind::TimeTrackerNx),
            ["ttnx-api-key", "ttnx-password"]
        );
        let json = serde_json::to_value(CredentialKind::JiraCloudToken.info()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "kind": "jira-cloud-token", "serverKinds": ["jiraCloud"], "login": "email",
                "secret": "apiToken", "defaultExpiryDays": null, "maxExpiryDays": 365,
                "verifiable": true
            })
        );
    }
}
