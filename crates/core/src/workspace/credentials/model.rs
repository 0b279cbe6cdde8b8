//! The credential types the UI and the CLI see. None of them carries a
//! secret out: secrets only come in (`Sensitive`, which cannot be
//! serialised) and go to the keychain.

use serde::{Deserialize, Serialize};

use kakehashi_secrets::Sensitive;

use crate::workspace::ServerKind;

/// The kinds of DESIGN §4, named as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum CredentialKind {
    JiraCloudToken,
    JiraDcPassword,
    JiraDcPat,
    JiraDcOauth,
    TtnxApiKey,
    TtnxPassword,
    AsanaPat,
    AsanaOauth,
    AssetsAdapters,
    AssetsCleanseImport,
    AssetsBasic,
}

/// What the login box asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum LoginField {
    None,
    Email,
    Username,
}

/// What the secret box asks for (OAuth: nothing, the browser signs in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SecretField {
    ApiToken,
    Password,
    PersonalAccessToken,
    ApiKey,
    OAuth,
    Token,
}

/// Everything the add dialog and the CLI need to know about a kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KindInfo {
    pub kind: CredentialKind,
    /// The servers it works on.
    pub server_kinds: Vec<ServerKind>,
    pub login: LoginField,
    pub secret: SecretField,
    /// Set when the vendor gives tokens a default life (Assets: 90 days).
    pub default_expiry_days: Option<u32>,
    /// Set when the vendor caps a token's life (Jira Cloud API tokens: 365 days).
    pub max_expiry_days: Option<u32>,
    /// Whether Kakehashi can sign in with it to check it.
    pub verifiable: bool,
}

/// The last check against the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum Verification {
    Never,
    /// `identity`: who the credential signed in as.
    Verified {
        at: String,
        identity: String,
    },
    /// `code`: the `AppError` code; `message`: what to do.
    Failed {
        at: String,
        code: String,
        message: String,
    },
}

/// How long the credential has left. Days fit an `i32` (the bindings
/// refuse 64-bit numbers, which JavaScript cannot hold exactly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "state", rename_all = "camelCase")]
pub enum Expiry {
    /// No expiry date is known.
    None,
    /// More than 14 days left.
    Valid { days: i32 },
    /// 14 days or fewer left; 0 = it stops working at the end of today (UTC).
    Soon { days: i32 },
    /// It stopped working `days` days ago (1 = yesterday was its last day).
    Expired { days: i32 },
}

impl Expiry {
    pub fn is_expired(self) -> bool {
        matches!(self, Expiry::Expired { .. })
    }
}

/// The OAuth 2.0 settings of an OAuth credential (no client secret: that is
/// in the keychain with the tokens).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OAuthInfo {
    pub client_id: String,
    pub redirect_port: u16,
    /// `http://127.0.0.1:PORT/callback`, as registered with the provider.
    pub redirect_url: String,
    /// Tokens are in the keychain; false means "sign in".
    pub signed_in: bool,
}

/// A credential as the UI and CLI see it: never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Credential {
    pub id: u32,
    pub server_id: u32,
    pub server_name: String,
    pub server_url: String,
    pub kind: CredentialKind,
    pub label: String,
    pub login: Option<String>,
    pub is_service: bool,
    /// RFC 3339.
    pub created_at: String,
    /// YYYY-MM-DD: the token stops working at the end of that day, UTC.
    pub expires_at: Option<String>,
    /// Computed from the clock the caller passed.
    pub expiry: Expiry,
    pub verification: Verification,
    pub oauth: Option<OAuthInfo>,
    /// Names of the connections that use it, directly or as the service credential.
    pub used_by: Vec<String>,
}

/// The service credential a save displaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReplacedService {
    pub id: u32,
    pub label: String,
}

/// The result of add / edit: the credential, and which service credential
/// it replaced, if any (seed 000: "the same URL overwrites" — and says so).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    pub credential: Credential,
    pub replaced: Option<ReplacedService>,
}

/// A new token, password or key credential.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CredentialInput {
    pub server_id: u32,
    pub kind: CredentialKind,
    pub label: String,
    pub login: Option<String>,
    /// YYYY-MM-DD; none → the kind's default (Assets: 90 days) or no expiry.
    pub expires_at: Option<String>,
    pub is_service: bool,
    pub secret: Sensitive<String>,
}

/// What the edit dialog changes (the secret changes through rotate).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CredentialEdit {
    pub label: String,
    pub login: Option<String>,
    /// YYYY-MM-DD, or none for no expiry.
    pub expires_at: Option<String>,
    pub is_service: bool,
}

/// A new OAuth 2.0 credential before anyone signed in: the row exists, the
/// keychain holds nothing yet (signed out). Sign-in and import create these.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OAuthRegistration {
    pub server_id: u32,
    pub kind: CredentialKind,
    pub label: String,
    pub client_id: String,
    pub redirect_port: u16,
    pub is_service: bool,
    /// Space-separated, as the provider writes them.
    pub scopes: Option<String>,
}

/// A credential that expires soon or has expired (Home, notifications).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CredentialAlert {
    pub credential_id: u32,
    pub label: String,
    pub server_name: String,
    pub expiry: Expiry,
    pub expires_at: String,
    /// Connections paused by it (only once it has expired).
    pub paused: Vec<String>,
}

/// An expiry reminder to show now (desktop notification); mark it shown
/// with `mark_reminded` so it is not shown again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub credential_id: u32,
    pub label: String,
    pub server_name: String,
    /// 14, 7 or 1 days before; 0 once it has expired.
    pub threshold_days: u32,
    pub expiry: Expiry,
    pub expires_at: String,
}
