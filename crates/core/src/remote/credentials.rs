//! A stored credential → what a vendor client signs in with, and "who am
//! I" on that vendor. The one place that knows which credential kind becomes
//! which client credential; verification and (later) the sync engine both
//! build their clients through it.

use std::sync::Arc;
use std::time::Duration;

use kakehashi_http::{Endpoint, RetryPolicy, Timeouts};
use kakehashi_secrets::{SecretStore, Sensitive};
use serde::Serialize;

use super::endpoint::endpoint_for;
use crate::oauth::{oauth_client_for, KeychainTokenStore};
use crate::workspace::credentials::CredentialKind;
use crate::workspace::Server;
use crate::{AppError, AppResult};

/// The client-side credential for one vendor.
#[derive(Debug, Clone)]
pub enum ClientCredentials {
    Jira(kakehashi_jira::Credentials),
    Ttnx(kakehashi_ttnx::Credentials),
    Asana(kakehashi_asana::Credentials),
}

/// Who a credential signs in as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub display_name: String,
    /// Login name, email or account id, whichever the vendor shows.
    pub login: Option<String>,
}

impl std::fmt::Display for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.login {
            Some(login) if *login != self.display_name => {
                write!(f, "{} ({login})", self.display_name)
            }
            _ => f.write_str(&self.display_name),
        }
    }
}

/// The client credential for a token, password or key kind. OAuth kinds do
/// not come through here: their tokens are kept and refreshed by the OAuth
/// module (`crate::oauth`), which signs in through the browser first; until
/// a credential is signed in there, there is nothing to sign requests with.
/// Assets Data Manager tokens are for clients that run elsewhere and cannot
/// sign in to Jira's REST API.
pub fn client_credentials(
    kind: CredentialKind,
    login: Option<&str>,
    secret: &Sensitive<String>,
) -> AppResult<ClientCredentials> {
    let value = secret.expose().clone();
    let login = || {
        login.map(str::to_owned).ok_or_else(|| {
            AppError::validation(
                "login",
                format!(
                    "{} needs a login: edit the credential and enter it.",
                    kind.describe()
                ),
            )
        })
    };
    use kakehashi_asana::Credentials as Asana;
    use kakehashi_jira::Credentials as Jira;
    use kakehashi_ttnx::Credentials as Ttnx;
    Ok(match kind {
        CredentialKind::JiraCloudToken => {
            ClientCredentials::Jira(Jira::cloud_api_token(login()?, value))
        }
        CredentialKind::JiraDcPassword => {
            ClientCredentials::Jira(Jira::dc_password(login()?, value))
        }
        CredentialKind::JiraDcPat => ClientCredentials::Jira(Jira::dc_personal_access_token(value)),
        CredentialKind::TtnxApiKey => ClientCredentials::Ttnx(Ttnx::api_key(value)),
        // The vendor's recommended sign-in: exchange the password for a token.
        CredentialKind::TtnxPassword => ClientCredentials::Ttnx(Ttnx::token(login()?, value)),
        CredentialKind::AsanaPat => ClientCredentials::Asana(Asana::pat(value)),
        CredentialKind::JiraDcOauth | CredentialKind::AsanaOauth => return Err(sign_in_first()),
        CredentialKind::AssetsAdapters
        | CredentialKind::AssetsCleanseImport
        | CredentialKind::AssetsBasic => return Err(not_verifiable(kind)),
    })
}

/// The client credential of a stored OAuth 2.0 credential, whose tokens
/// (and client secret) the OAuth module keeps in the keychain entry
/// `secret_account` and refreshes. Not signed in (or signed out) → there is
/// nothing to sign requests with, and the user is told to sign in.
pub fn oauth_client_credentials(
    server: &Server,
    kind: CredentialKind,
    registered: &OAuthRegistered<'_>,
    secrets: &dyn SecretStore,
) -> AppResult<ClientCredentials> {
    let store = Arc::new(KeychainTokenStore::new(
        secrets.shared(),
        registered.secret_account,
    ));
    if !store.is_signed_in()? {
        return Err(sign_in_first());
    }
    // Built on the vendor client's own transport, so renewals share its
    // rate limiter, TLS and proxy settings.
    let client = oauth_client_for(
        server,
        kind,
        registered.client_id,
        registered.redirect_port,
        &store,
    )?;
    match kind {
        CredentialKind::JiraDcOauth => Ok(ClientCredentials::Jira(
            kakehashi_jira::Credentials::dc_oauth(client, store),
        )),
        CredentialKind::AsanaOauth => Ok(ClientCredentials::Asana(
            kakehashi_asana::Credentials::oauth(client, store),
        )),
        other => Err(AppError::internal(format!(
            "{} is not an OAuth 2.0 kind.",
            other.as_str()
        ))),
    }
}

/// Where a stored OAuth credential keeps its tokens, and the client it was
/// registered with.
#[derive(Debug, Clone, Copy)]
pub struct OAuthRegistered<'a> {
    pub secret_account: &'a str,
    pub client_id: &'a str,
    pub redirect_port: u16,
}

fn sign_in_first() -> AppError {
    AppError::validation(
        "kind",
        "Sign in first: an OAuth 2.0 credential is checked through its browser sign-in (Credentials → Sign in).",
    )
}

/// Why an Assets Data Manager token cannot be checked from here.
pub fn not_verifiable(kind: CredentialKind) -> AppError {
    AppError::validation(
        "kind",
        format!(
            "{} cannot be checked from here: it works only in the Assets client it was made for, not with Jira's REST API. \
             Kakehashi tracks its expiry and reminds you before it runs out.",
            capitalised(kind.describe())
        ),
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The server's endpoint for a check the user is waiting for: one retry at
/// most, and short timeouts, so a dead server answers in seconds.
pub fn check_endpoint(server: &Server) -> AppResult<Endpoint> {
    Ok(endpoint_for(server)?
        .with_retry(RetryPolicy {
            max_attempts: 2,
            max_retry_after: Duration::from_secs(10),
            ..RetryPolicy::default()
        })
        .with_timeouts(Timeouts {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(30),
        }))
}

/// Signs in and asks the server who that is: Jira `myself`, TimeTracker NX
/// `users/me`, Asana `users/me`.
pub async fn who_am_i(endpoint: Endpoint, credentials: ClientCredentials) -> AppResult<Identity> {
    match credentials {
        ClientCredentials::Jira(credentials) => {
            let client = kakehashi_jira::JiraClient::connect(endpoint, credentials).await?;
            let me = client.myself().await?;
            let login = me
                .email_address
                .clone()
                .or_else(|| me.name.clone())
                .or_else(|| me.account_id.clone());
            Ok(identity(me.display_name, login))
        }
        ClientCredentials::Ttnx(credentials) => {
            let client = kakehashi_ttnx::TtnxClient::new(endpoint, credentials)?;
            let me = client.me().await;
            // A token sign-in opened a session on the server: close it.
            if let Err(err) = client.logout().await {
                tracing::debug!("TimeTracker NX sign-out after the check failed: {err}");
            }
            let me = me?;
            Ok(identity(Some(me.name), me.login_name.or(me.email)))
        }
        ClientCredentials::Asana(credentials) => {
            let client = kakehashi_asana::AsanaClient::new(endpoint, credentials)?;
            let me = client.me().await?;
            Ok(identity(Some(me.name), me.email.or(Some(me.gid))))
        }
    }
}

fn identity(display_name: Option<String>, login: Option<String>) -> Identity {
    let display_name = display_name
        .filter(|name| !name.trim().is_empty())
        .or_else(|| login.clone())
        .unwrap_or_else(|| "(no name)".to_owned());
    Identity {
        display_name,
        login,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_reads_name_and_login() {
        let both = identity(Some("Kakehashi Sync".into()), Some("kakehashi-sync".into()));
        assert_eq!(both.to_string(), "Kakehashi Sync (kakehashi-sync)");
        let only_login = identity(Some(" ".into()), Some("bot@example.com".into()));
        assert_eq!(only_login.to_string(), "bot@example.com");
    }

    #[test]
    fn each_kind_becomes_its_vendors_credential_or_says_why_not() {
        let secret = Sensitive::new("s3cret-value".to_owned());
        let cases = [
            (
                CredentialKind::JiraCloudToken,
                Some("bot@example.com"),
                "Jira",
            ),
            (CredentialKind::JiraDcPassword, Some("bot"), "Jira"),
            (CredentialKind::JiraDcPat, None, "Jira"),
            (CredentialKind::TtnxApiKey, None, "Ttnx"),
            (CredentialKind::TtnxPassword, Some("bot"), "Ttnx"),
            (CredentialKind::AsanaPat, None, "Asana"),
        ];
        for (kind, login, vendor) in cases {
            let made = client_credentials(kind, login, &secret).unwrap();
            let shown = format!("{made:?}");
            assert!(shown.starts_with(vendor), "{kind:?}: {shown}");
            assert!(!shown.contains("s3cret-value"), "{shown}");
        }
        let err = client_credentials(CredentialKind::JiraCloudToken, None, &secret).unwrap_err();
        assert!(matches!(&err, AppError::Validation { field, .. } if field == "login"));
        for kind in [CredentialKind::JiraDcOauth, CredentialKind::AsanaOauth] {
            let err = client_credentials(kind, None, &secret).unwrap_err();
            assert!(err.to_string().starts_with("Sign in first"), "{err}");
        }
        let err = client_credentials(CredentialKind::AssetsBasic, None, &secret).unwrap_err();
        assert!(
            err.to_string().contains("cannot be checked from here"),
            "{err}"
        );
    }
}
