//! The language-neutral result of a check: a status and a [`Finding`] — a
//! stable code with the parameters its sentences need. This is what is
//! stored (JSON in SQLite) and what `text/` renders in ja, en or sv when
//! someone reads it, so a result recorded in one language reads in another.

use serde::{Deserialize, Serialize};

use super::model::{CertificateView, CheckId, CheckStatus, Suggestion};
use crate::workspace::ServerKind;

/// One check as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Checked {
    pub id: CheckId,
    pub status: CheckStatus,
    pub finding: Finding,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Suggestion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<Permission>,
}

/// One permission the account holds or lacks, by key (labels are rendered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Permission {
    pub key: String,
    pub granted: bool,
}

impl Checked {
    pub fn new(id: CheckId, status: CheckStatus, finding: Finding) -> Self {
        Checked {
            id,
            status,
            finding,
            certificate: None,
            suggestion: None,
            permissions: Vec::new(),
        }
    }

    pub fn pending(id: CheckId) -> Self {
        Checked::new(id, CheckStatus::Pending, Finding::Waiting)
    }

    pub fn running(id: CheckId) -> Self {
        Checked::new(id, CheckStatus::Running, Finding::Checking)
    }

    pub fn passed(id: CheckId, finding: Finding) -> Self {
        Checked::new(id, CheckStatus::Passed, finding)
    }

    pub fn warning(id: CheckId, finding: Finding) -> Self {
        Checked::new(id, CheckStatus::Warning, finding)
    }

    pub fn failed(id: CheckId, finding: Finding) -> Self {
        Checked::new(id, CheckStatus::Failed, finding)
    }

    /// `id` could not run because of the check `after`.
    pub fn skipped(id: CheckId, after: CheckId) -> Self {
        Checked::new(
            id,
            CheckStatus::Skipped,
            Finding::SkippedAfter { check: after },
        )
    }

    pub fn with_certificate(mut self, certificate: CertificateView) -> Self {
        self.certificate = Some(certificate);
        self
    }

    pub fn with_suggestion(mut self, suggestion: Suggestion) -> Self {
        self.suggestion = Some(suggestion);
        self
    }

    pub fn with_permissions(mut self, permissions: Vec<Permission>) -> Self {
        self.permissions = permissions;
        self
    }
}

/// What a check found. `detail` parameters carry the transport's own
/// explanation (plain English, scrubbed of secrets by `kakehashi-http`)
/// for failures no finding of its own describes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "code",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub(crate) enum Finding {
    // Any check.
    Waiting,
    Checking,
    SkippedAfter {
        check: CheckId,
    },

    // dns: `proxy` is set when the proxy's name was looked up instead.
    DnsResolved {
        host: String,
        addresses: Vec<String>,
        proxy: Option<String>,
    },
    DnsFailed {
        host: String,
        proxy: Option<String>,
    },

    // tcp
    TcpConnected {
        address: String,
        proxy: Option<String>,
    },
    TcpRefused {
        address: String,
        proxy: Option<String>,
    },
    TcpTimedOut {
        address: String,
        proxy: Option<String>,
    },

    // tls
    TlsPlainHttp,
    TlsTrusted,
    /// Trusted because the user trusted exactly this certificate.
    TlsPinned,
    /// `reason`: why this computer refused it, in the transport's words.
    TlsUntrusted {
        reason: String,
    },
    TlsFailed {
        detail: String,
    },

    // proxy
    ProxyNone,
    ProxyInUse {
        proxy: String,
    },
    ProxyUnreachable {
        proxy: String,
    },
    ProxyRefused {
        proxy: String,
        detail: String,
    },

    // addresses
    AddressReached {
        base: String,
    },
    AddressesBothReached {
        base: String,
        alt: String,
    },
    AddressOnlyAlternative {
        base: String,
        alt: String,
    },
    AddressAlternativeFails {
        base: String,
        alt: String,
    },
    AddressBaseFails {
        base: String,
    },
    AddressesNoneReached {
        base: String,
        alt: String,
    },

    // product
    ProductFound {
        kind: ServerKind,
        version: Option<String>,
    },
    ProductMismatch {
        expected: ServerKind,
        found: ServerKind,
    },
    ProductNotRecognised {
        expected: ServerKind,
        detail: String,
    },
    /// Jira that answers `serverInfo` only after a sign-in; the sign-in
    /// then tells (and replaces this finding).
    ProductHidden {
        expected: ServerKind,
    },

    // auth
    AuthSignedIn {
        who: String,
    },
    AuthNoCredential,
    AuthCloudTokenOnDataCenter,
    AuthDataCenterSecretOnCloud,
    AuthCaptcha {
        login_url: String,
    },
    AuthTtnxPasswordRefused {
        login: String,
    },
    /// The server said the account may not sign in with a password.
    AuthTtnxSsoOnly {
        login: String,
    },
    AuthOAuthSignedOut,
    AuthOAuthRefused,
    AuthRefused,
    AuthForbidden {
        detail: String,
    },
    /// An Assets Data Manager token: it cannot sign in to the REST API.
    AuthNotUsable,
    AuthSecretMissing,
    AuthKeychain {
        detail: String,
    },
    AuthFailed {
        detail: String,
    },

    // identity
    IdentityDedicated {
        who: String,
    },
    IdentityLooksPersonal {
        who: String,
        os_user: String,
    },

    // permissions
    PermissionsGranted,
    PermissionsMissing {
        product: ServerKind,
        missing: Vec<String>,
    },
    /// TimeTracker NX: no project visible to try Manage Project on.
    PermissionsNoProject,
    /// Asana: no task visible to try a write on.
    PermissionsNoTask,
    PermissionsReadOnlyScope {
        scopes: String,
    },
    PermissionsFailed {
        detail: String,
    },

    // clock
    ClockInSync {
        seconds: u32,
    },
    ClockSkewed {
        minutes: u32,
        server_ahead: bool,
    },
    ClockUnknown,
    ClockFailed {
        detail: String,
    },

    // emailVisibility
    EmailVisible {
        visible: u32,
        total: u32,
    },
    EmailHidden {
        total: u32,
    },
    EmailNobodyElse,
    EmailFailed {
        detail: String,
    },
}

#[cfg(test)]
impl Finding {
    /// The stored code (the JSON `code` field).
    pub fn code(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|value| value.get("code")?.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

#[cfg(test)]
pub(crate) mod samples {
    //! One finding of every code, for the rendering tests.

    use super::*;

    /// Which code a finding is, by an exhaustive match: a new code does
    /// not compile until it is listed here, and the rendering test then
    /// asks for a sample of it in [`all`].
    pub fn index(finding: &Finding) -> usize {
        match finding {
            Finding::Waiting => 0,
            Finding::Checking => 1,
            Finding::SkippedAfter { .. } => 2,
            Finding::DnsResolved { .. } => 3,
            Finding::DnsFailed { .. } => 4,
            Finding::TcpConnected { .. } => 5,
            Finding::TcpRefused { .. } => 6,
            Finding::TcpTimedOut { .. } => 7,
            Finding::TlsPlainHttp => 8,
            Finding::TlsTrusted => 9,
            Finding::TlsPinned => 10,
            Finding::TlsUntrusted { .. } => 11,
            Finding::TlsFailed { .. } => 12,
            Finding::ProxyNone => 13,
            Finding::ProxyInUse { .. } => 14,
            Finding::ProxyUnreachable { .. } => 15,
            Finding::ProxyRefused { .. } => 16,
            Finding::AddressReached { .. } => 17,
            Finding::AddressesBothReached { .. } => 18,
            Finding::AddressOnlyAlternative { .. } => 19,
            Finding::AddressAlternativeFails { .. } => 20,
            Finding::AddressBaseFails { .. } => 21,
            Finding::AddressesNoneReached { .. } => 22,
            Finding::ProductFound { .. } => 23,
            Finding::ProductMismatch { .. } => 24,
            Finding::ProductNotRecognised { .. } => 25,
            Finding::ProductHidden { .. } => 26,
            Finding::AuthSignedIn { .. } => 27,
            Finding::AuthNoCredential => 28,
            Finding::AuthCloudTokenOnDataCenter => 29,
            Finding::AuthDataCenterSecretOnCloud => 30,
            Finding::AuthCaptcha { .. } => 31,
            Finding::AuthTtnxPasswordRefused { .. } => 32,
            Finding::AuthTtnxSsoOnly { .. } => 33,
            Finding::AuthOAuthSignedOut => 34,
            Finding::AuthOAuthRefused => 35,
            Finding::AuthRefused => 36,
            Finding::AuthForbidden { .. } => 37,
            Finding::AuthNotUsable => 38,
            Finding::AuthSecretMissing => 39,
            Finding::AuthKeychain { .. } => 40,
            Finding::AuthFailed { .. } => 41,
            Finding::IdentityDedicated { .. } => 42,
            Finding::IdentityLooksPersonal { .. } => 43,
            Finding::PermissionsGranted => 44,
            Finding::PermissionsMissing { .. } => 45,
            Finding::PermissionsNoProject => 46,
            Finding::PermissionsNoTask => 47,
            Finding::PermissionsReadOnlyScope { .. } => 48,
            Finding::PermissionsFailed { .. } => 49,
            Finding::ClockInSync { .. } => 50,
            Finding::ClockSkewed { .. } => 51,
            Finding::ClockUnknown => 52,
            Finding::ClockFailed { .. } => 53,
            Finding::EmailVisible { .. } => 54,
            Finding::EmailHidden { .. } => 55,
            Finding::EmailNobodyElse => 56,
            Finding::EmailFailed { .. } => 57,
        }
    }

    /// How many codes there are.
    pub const CODES: usize = 58;

    pub fn all() -> Vec<Finding> {
        let s = |text: &str| text.to_owned();
        let proxy = Some(s("http://proxy.example.com:3128"));
        vec![
            Finding::Waiting,
            Finding::Checking,
            Finding::SkippedAfter {
                check: CheckId::Dns,
            },
            Finding::DnsResolved {
                host: s("jira.example.com"),
                addresses: vec![s("10.1.2.3"), s("10.1.2.4")],
                proxy: None,
            },
            Finding::DnsResolved {
                host: s("10.0.0.5"),
                addresses: vec![s("10.0.0.5")],
                proxy: None,
            },
            Finding::DnsFailed {
                host: s("proxy.example.com"),
                proxy: proxy.clone(),
            },
            Finding::TcpConnected {
                address: s("10.1.2.3:443"),
                proxy: None,
            },
            Finding::TcpRefused {
                address: s("10.1.2.3:443"),
                proxy: proxy.clone(),
            },
            Finding::TcpTimedOut {
                address: s("10.1.2.3:443"),
                proxy: None,
            },
            Finding::TlsPlainHttp,
            Finding::TlsTrusted,
            Finding::TlsPinned,
            Finding::TlsUntrusted {
                reason: s("no authority this computer trusts has signed it"),
            },
            Finding::TlsFailed {
                detail: s("handshake failure"),
            },
            Finding::ProxyNone,
            Finding::ProxyInUse {
                proxy: s("http://proxy.example.com:3128"),
            },
            Finding::ProxyUnreachable {
                proxy: s("http://proxy.example.com:3128"),
            },
            Finding::ProxyRefused {
                proxy: s("http://proxy.example.com:3128"),
                detail: s("407 Proxy Authentication Required"),
            },
            Finding::AddressReached {
                base: s("https://jira.example.com"),
            },
            Finding::AddressesBothReached {
                base: s("https://jira.example.com"),
                alt: s("http://10.0.0.5:8080"),
            },
            Finding::AddressOnlyAlternative {
                base: s("https://jira.example.com"),
                alt: s("http://10.0.0.5:8080"),
            },
            Finding::AddressAlternativeFails {
                base: s("https://jira.example.com"),
                alt: s("http://10.0.0.5:8080"),
            },
            Finding::AddressBaseFails {
                base: s("https://jira.example.com"),
            },
            Finding::AddressesNoneReached {
                base: s("https://jira.example.com"),
                alt: s("http://10.0.0.5:8080"),
            },
            Finding::ProductFound {
                kind: ServerKind::JiraDataCenter,
                version: Some(s("10.3.1")),
            },
            Finding::ProductMismatch {
                expected: ServerKind::JiraCloud,
                found: ServerKind::JiraDataCenter,
            },
            Finding::ProductNotRecognised {
                expected: ServerKind::TimeTrackerNx,
                detail: s("There is no TimeTracker NX API at this address."),
            },
            Finding::ProductHidden {
                expected: ServerKind::JiraDataCenter,
            },
            Finding::AuthSignedIn {
                who: s("Kakehashi Sync (kakehashi-sync)"),
            },
            Finding::AuthNoCredential,
            Finding::AuthCloudTokenOnDataCenter,
            Finding::AuthDataCenterSecretOnCloud,
            Finding::AuthCaptcha {
                login_url: s("https://jira.example.com/login.jsp"),
            },
            Finding::AuthTtnxPasswordRefused {
                login: s("suzuki.sso"),
            },
            Finding::AuthTtnxSsoOnly {
                login: s("suzuki.sso"),
            },
            Finding::AuthOAuthSignedOut,
            Finding::AuthOAuthRefused,
            Finding::AuthRefused,
            Finding::AuthForbidden {
                detail: s("Your account is deactivated."),
            },
            Finding::AuthNotUsable,
            Finding::AuthSecretMissing,
            Finding::AuthKeychain {
                detail: s("The keychain is locked."),
            },
            Finding::AuthFailed {
                detail: s("The server answered 500."),
            },
            Finding::IdentityDedicated {
                who: s("Kakehashi Sync (kakehashi-sync)"),
            },
            Finding::IdentityLooksPersonal {
                who: s("Hanako Sato (sato.hanako)"),
                os_user: s("sato.hanako"),
            },
            Finding::PermissionsGranted,
            Finding::PermissionsMissing {
                product: ServerKind::JiraDataCenter,
                missing: vec![s("CREATE_ISSUES"), s("WORK_ON_ISSUES")],
            },
            Finding::PermissionsMissing {
                product: ServerKind::TimeTrackerNx,
                missing: vec![s("MANAGE_PROJECT")],
            },
            Finding::PermissionsMissing {
                product: ServerKind::Asana,
                missing: vec![s("WRITE")],
            },
            Finding::PermissionsNoProject,
            Finding::PermissionsNoTask,
            Finding::PermissionsReadOnlyScope {
                scopes: s("tasks:read projects:read"),
            },
            Finding::PermissionsFailed {
                detail: s("The server answered 500."),
            },
            Finding::ClockInSync { seconds: 3 },
            Finding::ClockSkewed {
                minutes: 12,
                server_ahead: true,
            },
            Finding::ClockSkewed {
                minutes: 4,
                server_ahead: false,
            },
            Finding::ClockUnknown,
            Finding::ClockFailed {
                detail: s("The server answered 500."),
            },
            Finding::EmailVisible {
                visible: 9,
                total: 12,
            },
            Finding::EmailHidden { total: 12 },
            Finding::EmailNobodyElse,
            Finding::EmailFailed {
                detail: s("The server answered 500."),
            },
        ]
    }
}
