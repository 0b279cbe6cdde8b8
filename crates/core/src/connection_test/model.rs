//! What a connection test shows: per side a checklist of [`CheckResult`]s,
//! rendered in the UI language, and the progress events that fill it in.
//! These types cross to the UI (camelCase, `specta::Type`, no 64-bit
//! integers) and to the CLI's `--json`.

use serde::{Deserialize, Serialize};

use crate::workspace::ServerKind;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub enum Side {
    Left,
    Right,
}

/// The checks, in the order they run on each side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum CheckId {
    Dns,
    Tcp,
    Tls,
    Proxy,
    Addresses,
    Product,
    Auth,
    Identity,
    Permissions,
    Clock,
    /// Jira Cloud only; other servers' checklists leave it out.
    EmailVisibility,
}

impl CheckId {
    /// Every check in running order.
    pub const ALL: [CheckId; 11] = [
        CheckId::Dns,
        CheckId::Tcp,
        CheckId::Tls,
        CheckId::Proxy,
        CheckId::Addresses,
        CheckId::Product,
        CheckId::Auth,
        CheckId::Identity,
        CheckId::Permissions,
        CheckId::Clock,
        CheckId::EmailVisibility,
    ];

    /// The checks a server of `kind` gets.
    pub fn for_server(kind: ServerKind) -> Vec<CheckId> {
        CheckId::ALL
            .into_iter()
            .filter(|id| *id != CheckId::EmailVisibility || kind == ServerKind::JiraCloud)
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum CheckStatus {
    Pending,
    Running,
    Passed,
    Warning,
    Failed,
    /// Could not run because an earlier check failed, or does not apply
    /// (TLS on a plain http:// address); the summary says which.
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult {
    pub id: CheckId,
    pub status: CheckStatus,
    /// "Name resolution (DNS)", in the language asked for.
    pub title: String,
    /// What was found, one line.
    pub summary: String,
    /// Warning or failed: why it matters, or what went wrong.
    pub why: Option<String>,
    /// Warning or failed: how to fix it.
    pub fix: Option<String>,
    /// The TLS check, when the server's certificate is not trusted.
    pub certificate: Option<CertificateView>,
    /// Something the UI can do in one click.
    pub suggestion: Option<Suggestion>,
    /// The permissions check: one row per permission.
    pub permissions: Vec<PermissionResult>,
}

/// What a person needs to decide whether to trust a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct CertificateView {
    pub subject: String,
    pub issuer: String,
    /// RFC 3339.
    pub not_before: String,
    pub not_after: String,
    /// SHA-256, `AB:CD:…`.
    pub fingerprint: String,
}

impl CertificateView {
    /// What the transport read from a certificate it did not trust: what
    /// the wizard and the checklist show before the admin trusts it.
    pub fn of(info: &kakehashi_http::CertificateInfo) -> Self {
        CertificateView {
            subject: info.subject.clone(),
            issuer: info.issuer.clone(),
            not_before: info.not_before.clone(),
            not_after: info.not_after.clone(),
            fingerprint: info.fingerprint.to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Suggestion {
    /// Pin this certificate for the server (`trust_certificate`).
    TrustCertificate { fingerprint: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PermissionResult {
    /// `BROWSE_PROJECTS`, `MANAGE_PROJECT`, `WRITE`: the vendor's name or ours.
    pub key: String,
    /// What it allows, in the language asked for.
    pub label: String,
    pub granted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SideReport {
    pub side: Side,
    pub server_id: u32,
    pub server_name: String,
    pub server_kind: ServerKind,
    /// The credential used: the side's own, or the server's service credential.
    pub credential_id: Option<u32>,
    pub credential_label: Option<String>,
    pub outcome: Outcome,
    pub checks: Vec<CheckResult>,
    /// RFC 3339.
    pub ran_at: String,
}

/// The worst status of a set of checks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    Passed,
    Warning,
    Failed,
}

impl Outcome {
    /// The worst of `statuses`; checks that have not finished, or were
    /// skipped, count as passed (a skip always follows a failure that
    /// already counts, or is a check that does not apply).
    pub fn of(statuses: impl IntoIterator<Item = CheckStatus>) -> Outcome {
        statuses
            .into_iter()
            .map(|status| match status {
                CheckStatus::Failed => Outcome::Failed,
                CheckStatus::Warning => Outcome::Warning,
                _ => Outcome::Passed,
            })
            .max()
            .unwrap_or(Outcome::Passed)
    }

    pub(crate) fn as_db(self) -> &'static str {
        match self {
            Outcome::Passed => "passed",
            Outcome::Warning => "warning",
            Outcome::Failed => "failed",
        }
    }

    pub(crate) fn from_db(value: &str) -> Option<Outcome> {
        [Outcome::Passed, Outcome::Warning, Outcome::Failed]
            .into_iter()
            .find(|outcome| outcome.as_db() == value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTestReport {
    pub left: SideReport,
    pub right: SideReport,
    /// The worse of the two sides.
    pub outcome: Outcome,
    /// RFC 3339: when the test started.
    pub ran_at: String,
}

/// Progress of a running test, in this order: `Started` (every check
/// pending), one `Check` each time a check starts or finishes on either
/// side, `Finished` (the complete report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum TestProgress {
    Started { report: ConnectionTestReport },
    Check { side: Side, check: CheckResult },
    Finished { report: ConnectionTestReport },
}

/// The last test of a connection, for the Connections list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LastTest {
    /// The older of the two sides' times (RFC 3339).
    pub ran_at: String,
    /// The worse of the two sides.
    pub outcome: Outcome,
}
