//! auth: sign in with the side's credential and ask who that is. A refusal
//! is explained by what it most likely means — the wrong kind of secret
//! for this Jira, a CAPTCHA lock, a TimeTracker NX account that only signs
//! in through SSO, an OAuth sign-in to renew — never by echoing the secret.

use kakehashi_asana::AsanaClient;
use kakehashi_http::{Endpoint, ErrorKind, HttpError};
use kakehashi_jira::{Deployment, JiraClient};
use kakehashi_ttnx::TtnxClient;

use super::findings::{Checked, Finding};
use super::model::CheckId;
use crate::remote::{ClientCredentials, Identity};
use crate::workspace::credentials::side::SideCredential;
use crate::workspace::{CredentialKind, Server, ServerKind};
use crate::AppError;

/// A signed-in client, for the checks that need one.
pub(super) enum Session {
    Jira(JiraClient),
    Ttnx(TtnxClient),
    Asana(AsanaClient),
}

/// Who the credential signed in as.
#[derive(Debug, Clone, Default)]
pub(super) struct Account {
    pub display_name: Option<String>,
    /// The login name (Jira Data Center, TimeTracker NX).
    pub login: Option<String>,
    pub email: Option<String>,
    /// Jira Cloud's id of the account.
    pub account_id: Option<String>,
}

impl Account {
    /// "Kakehashi Sync (kakehashi-sync)".
    pub fn who(&self) -> String {
        let login = self
            .login
            .clone()
            .or_else(|| self.email.clone())
            .or_else(|| self.account_id.clone());
        let display_name = self
            .display_name
            .clone()
            .filter(|name| !name.trim().is_empty())
            .or_else(|| login.clone())
            .unwrap_or_else(|| "?".to_owned());
        Identity {
            display_name,
            login,
        }
        .to_string()
    }
}

pub(super) struct SignedIn {
    pub session: Session,
    pub account: Account,
    pub credential_kind: CredentialKind,
    pub scopes: Option<String>,
}

impl SignedIn {
    /// Ends what the sign-in opened on the server (a TimeTracker NX token).
    pub async fn close(self) {
        if let Session::Ttnx(client) = &self.session {
            if let Err(err) = client.logout().await {
                tracing::debug!("TimeTracker NX sign-out after the connection test failed: {err}");
            }
        }
    }
}

/// What the explanation of a refusal depends on.
struct Attempt<'a> {
    server: &'a Server,
    kind: CredentialKind,
    login: Option<&'a str>,
    cloud_token_shape: bool,
}

pub(super) async fn sign_in(
    server: &Server,
    credential: Option<SideCredential>,
    endpoint: Endpoint,
) -> (Checked, Option<SignedIn>) {
    let Some(credential) = credential else {
        return (
            Checked::failed(CheckId::Auth, Finding::AuthNoCredential),
            None,
        );
    };
    let attempt = Attempt {
        server,
        kind: credential.kind,
        login: credential.login.as_deref(),
        cloud_token_shape: credential.cloud_token_shape,
    };
    let signing = match credential.signing {
        Ok(signing) => signing,
        Err(err) => {
            return (
                Checked::failed(CheckId::Auth, unusable(credential.kind, &err)),
                None,
            )
        }
    };
    let answer = match signing {
        ClientCredentials::Jira(credentials) => jira(endpoint, credentials).await,
        ClientCredentials::Ttnx(credentials) => ttnx(endpoint, credentials).await,
        ClientCredentials::Asana(credentials) => asana(endpoint, credentials).await,
    };
    match answer {
        Ok((session, account)) => {
            let signed = Finding::AuthSignedIn { who: account.who() };
            let signed_in = SignedIn {
                session,
                account,
                credential_kind: credential.kind,
                scopes: credential.scopes,
            };
            (Checked::passed(CheckId::Auth, signed), Some(signed_in))
        }
        Err(refusal) => (
            Checked::failed(CheckId::Auth, refusal.explain(&attempt)),
            None,
        ),
    }
}

/// Why a credential that could not even be prepared cannot sign in.
fn unusable(kind: CredentialKind, err: &AppError) -> Finding {
    if !kind.info().verifiable {
        return Finding::AuthNotUsable;
    }
    match err {
        AppError::Validation { field, .. } if kind.is_oauth() && field == "kind" => {
            Finding::AuthOAuthSignedOut
        }
        AppError::NotFound { .. } => Finding::AuthSecretMissing,
        AppError::KeychainUnavailable { message } => Finding::AuthKeychain {
            detail: message.clone(),
        },
        other => Finding::AuthFailed {
            detail: other.to_string(),
        },
    }
}

/// A failed sign-in.
enum Refusal {
    /// Jira: the credential's kind cannot work on this deployment, so it
    /// was not sent at all.
    WrongKind(Deployment),
    /// The server refused; on Jira, which deployment it is.
    Error {
        error: HttpError,
        deployment: Option<Deployment>,
    },
}

impl From<HttpError> for Refusal {
    fn from(error: HttpError) -> Self {
        Refusal::Error {
            error,
            deployment: None,
        }
    }
}

impl Refusal {
    fn explain(&self, attempt: &Attempt<'_>) -> Finding {
        let (err, deployment) = match self {
            Refusal::WrongKind(Deployment::DataCenter) => {
                return Finding::AuthCloudTokenOnDataCenter
            }
            Refusal::WrongKind(Deployment::Cloud) => return Finding::AuthDataCenterSecretOnCloud,
            Refusal::Error { error, deployment } => (error, *deployment),
        };
        match &err.kind {
            ErrorKind::Unauthorized => unauthorized(deployment, attempt, err),
            ErrorKind::Captcha => Finding::AuthCaptcha {
                login_url: format!(
                    "{}/login.jsp",
                    attempt.server.base_url.trim_end_matches('/')
                ),
            },
            ErrorKind::Forbidden { .. } => Finding::AuthForbidden {
                detail: err.message.clone(),
            },
            ErrorKind::Keychain => Finding::AuthKeychain {
                detail: err.message.clone(),
            },
            _ => Finding::AuthFailed {
                detail: err.message.clone(),
            },
        }
    }
}

/// What a 401 most likely means.
fn unauthorized(deployment: Option<Deployment>, attempt: &Attempt<'_>, err: &HttpError) -> Finding {
    match (deployment, attempt.kind) {
        // Every Atlassian Cloud API token starts with ATATT: one sent to
        // Data Center (pasted as a password or token) is the wrong kind.
        (Some(Deployment::DataCenter), _) if attempt.cloud_token_shape => {
            Finding::AuthCloudTokenOnDataCenter
        }
        // Cloud refusing a secret of another shape: a Data Center token or
        // a password pasted where the API token belongs.
        (Some(Deployment::Cloud), CredentialKind::JiraCloudToken) if !attempt.cloud_token_shape => {
            Finding::AuthDataCenterSecretOnCloud
        }
        (_, CredentialKind::TtnxPassword) => {
            let login = attempt.login.unwrap_or_default().to_owned();
            if says_sso_only(&err.message) {
                Finding::AuthTtnxSsoOnly { login }
            } else {
                Finding::AuthTtnxPasswordRefused { login }
            }
        }
        (_, kind) if kind.is_oauth() => Finding::AuthOAuthRefused,
        _ => Finding::AuthRefused,
    }
}

/// Whether TimeTracker NX's refusal (quoted in the transport's message)
/// says the account signs in through SSO only, as it does for users whose
/// "allow local authentication" is off. Any other refusal may be either a
/// wrong password or SSO, and the finding says both.
fn says_sso_only(message: &str) -> bool {
    let lower = message.to_lowercase();
    [
        "ローカル認証",
        "シングルサインオン",
        "sso",
        "saml",
        "single sign-on",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
}

async fn jira(
    endpoint: Endpoint,
    credentials: kakehashi_jira::Credentials,
) -> Result<(Session, Account), Refusal> {
    let client = JiraClient::connect(endpoint, credentials).await?;
    let deployment = client.deployment();
    // A kind that cannot work here is not sent at all: each failed Data
    // Center sign-in counts towards the CAPTCHA lock.
    if !client.credential_fits() {
        return Err(Refusal::WrongKind(deployment));
    }
    let me = client.myself().await.map_err(|error| Refusal::Error {
        error,
        deployment: Some(deployment),
    })?;
    let account = Account {
        display_name: me.display_name,
        login: me.name,
        email: me.email_address,
        account_id: me.account_id,
    };
    Ok((Session::Jira(client), account))
}

async fn ttnx(
    endpoint: Endpoint,
    credentials: kakehashi_ttnx::Credentials,
) -> Result<(Session, Account), Refusal> {
    let client = TtnxClient::new(endpoint, credentials)?;
    match client.me().await {
        Ok(me) => {
            let account = Account {
                display_name: Some(me.name),
                login: me.login_name,
                email: me.email,
                account_id: None,
            };
            Ok((Session::Ttnx(client), account))
        }
        Err(error) => {
            // Nothing to keep open after a refusal; a session that did open
            // (the token, then a failing `me`) is closed.
            if let Err(err) = client.logout().await {
                tracing::debug!("TimeTracker NX sign-out after a failed check failed: {err}");
            }
            Err(error.into())
        }
    }
}

async fn asana(
    endpoint: Endpoint,
    credentials: kakehashi_asana::Credentials,
) -> Result<(Session, Account), Refusal> {
    let client = AsanaClient::new(endpoint, credentials)?;
    let me = client.me().await?;
    let account = Account {
        display_name: Some(me.name),
        login: None,
        email: me.email,
        account_id: Some(me.gid),
    };
    Ok((Session::Asana(client), account))
}

/// The product a Jira deployment is, for the permission texts.
pub(super) fn product_of(session: &Session, stored: ServerKind) -> ServerKind {
    match session {
        Session::Jira(client) => match client.deployment() {
            Deployment::Cloud => ServerKind::JiraCloud,
            Deployment::DataCenter => ServerKind::JiraDataCenter,
        },
        Session::Ttnx(_) | Session::Asana(_) => stored,
    }
}
