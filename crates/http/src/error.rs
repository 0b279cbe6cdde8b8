//! The error taxonomy: every way a request can fail, each mapped to one of the
//! stable codes of DESIGN §6 and explained in words that say what to do next.
//! Messages name the method and the URL without its query string, never a
//! header, and body excerpts are scrubbed of secrets (see excerpt.rs).

use std::time::Duration;

use crate::tls::CertificateInfo;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct HttpError {
    pub kind: ErrorKind,
    /// Plain English that already says what to do; the UI translates by code.
    pub message: String,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The host name does not resolve.
    Dns,
    /// Nothing listens at that address and port (or a firewall refuses).
    Refused,
    /// No answer in time (connect or request timeout).
    Timeout,
    /// The connection broke before the answer was complete.
    ConnectionLost,
    /// The proxy refused or could not be reached.
    Proxy,
    /// The certificate is not trusted by the OS, the extra CA or the pin.
    TlsUntrusted(Box<CertificateInfo>),
    /// Any other TLS failure (protocol, handshake).
    Tls,
    /// 401.
    Unauthorized,
    /// 403, naming the permission when the server does.
    Forbidden { permission: Option<String> },
    /// Jira Server/DC: too many failed logins, a browser login must clear it.
    Captcha,
    /// 404 (or 410).
    NotFound,
    /// 409 (or 412).
    Conflict,
    /// 429, or a 503 that asked us to come back later, after retries ran out.
    RateLimited { retry_after: Option<Duration> },
    /// 5xx.
    Server,
    /// Any other 4xx: the server refused what we sent.
    Rejected,
    /// The answer is not what the API promises (not JSON, cut short, wrong shape).
    Malformed { excerpt: String },
    /// Our own input is unusable (bad URL, bad PEM, bad fingerprint).
    InvalidInput { field: String },
    /// The OS keychain holding a credential's tokens could not be used
    /// (an OAuth token store); the message carries the platform's advice.
    Keychain,
}

impl HttpError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        HttpError {
            kind,
            message: message.into(),
            status: None,
        }
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub fn invalid_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        HttpError::new(
            ErrorKind::InvalidInput {
                field: field.into(),
            },
            message,
        )
    }

    /// For vendor crates: an answer whose shape is not what the API promises.
    pub fn malformed(what: &str, excerpt: impl Into<String>) -> Self {
        let excerpt = excerpt.into();
        HttpError::new(
            ErrorKind::Malformed {
                excerpt: excerpt.clone(),
            },
            format!("The server's answer to {what} is not what its API promises, so it was not used. Check that the address points at the server itself, not at a login page or a proxy's notice, and try again later. It began: {excerpt}"),
        )
    }

    /// The stable code of DESIGN §6 this failure maps to.
    pub fn code(&self) -> &'static str {
        match &self.kind {
            ErrorKind::Dns
            | ErrorKind::Refused
            | ErrorKind::Timeout
            | ErrorKind::ConnectionLost
            | ErrorKind::Proxy
            | ErrorKind::Tls
            | ErrorKind::Server => "Network",
            ErrorKind::TlsUntrusted(_) => "TlsUntrusted",
            ErrorKind::Unauthorized => "Unauthorized",
            ErrorKind::Forbidden { .. } => "Forbidden",
            ErrorKind::Captcha => "CaptchaRequired",
            ErrorKind::NotFound => "NotFound",
            ErrorKind::Conflict => "Conflict",
            ErrorKind::RateLimited { .. } => "RateLimited",
            ErrorKind::Rejected | ErrorKind::InvalidInput { .. } => "Validation",
            ErrorKind::Malformed { .. } => "Internal",
            ErrorKind::Keychain => "KeychainUnavailable",
        }
    }
}
