//! The one error type that crosses every boundary: core → Tauri commands →
//! UI, and core → CLI `--json`. Each variant has a stable `code` the UI
//! switches on to show a translated message; `message` is a plain-language
//! English fallback that already says what to do next. Never put a secret in
//! any field: these values end up in the UI, in logs and in CLI output.

use serde::{Deserialize, Serialize};

/// Stable, serialisable error. Serialised as `{"code": "...", "message": "...", ...}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, specta::Type)]
#[serde(tag = "code", rename_all_fields = "camelCase")]
pub enum AppError {
    /// The user's input is not acceptable; `field` names the input to fix.
    #[error("{message}")]
    Validation { field: String, message: String },
    /// The OS keychain cannot be reached; `message` carries platform guidance.
    #[error("{message}")]
    KeychainUnavailable { message: String },
    /// The server rejected the credential (HTTP 401).
    #[error("{message}")]
    Unauthorized { message: String },
    /// The credential lacks a permission (HTTP 403); names it when the server does.
    #[error("{message}")]
    Forbidden {
        permission: Option<String>,
        message: String,
    },
    /// Jira locked the account behind a CAPTCHA after failed logins.
    #[error("{message}")]
    CaptchaRequired { message: String },
    /// The server's TLS certificate is not trusted; the user may trust it explicitly.
    #[error("{message}")]
    TlsUntrusted {
        fingerprint: String,
        subject: Option<String>,
        message: String,
    },
    /// DNS, connection refused, timeout, proxy: the server could not be reached.
    #[error("{message}")]
    Network { message: String },
    /// The server asked us to slow down.
    #[error("{message}")]
    RateLimited {
        retry_after_secs: Option<u32>,
        message: String,
    },
    /// The thing asked for does not exist (any more).
    #[error("{message}")]
    NotFound { message: String },
    /// The state changed under us, or stored data is from a newer version.
    #[error("{message}")]
    Conflict { message: String },
    /// A bug or an unexpected failure; the log has the details.
    #[error("{message}")]
    Internal { message: String },
}

/// Result alias used throughout the core.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// The stable code, identical to the serialised `code` field.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation { .. } => "Validation",
            AppError::KeychainUnavailable { .. } => "KeychainUnavailable",
            AppError::Unauthorized { .. } => "Unauthorized",
            AppError::Forbidden { .. } => "Forbidden",
            AppError::CaptchaRequired { .. } => "CaptchaRequired",
            AppError::TlsUntrusted { .. } => "TlsUntrusted",
            AppError::Network { .. } => "Network",
            AppError::RateLimited { .. } => "RateLimited",
            AppError::NotFound { .. } => "NotFound",
            AppError::Conflict { .. } => "Conflict",
            AppError::Internal { .. } => "Internal",
        }
    }

    /// Whether the error is the user's input (CLI exit code 2) rather than a failure (1).
    pub fn is_bad_input(&self) -> bool {
        matches!(self, AppError::Validation { .. })
    }

    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        AppError::Internal {
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        AppError::Conflict {
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        AppError::NotFound {
            message: message.into(),
        }
    }

    /// The same error with a further sentence of advice after its message.
    pub fn with_hint(mut self, hint: &str) -> Self {
        let message = match &mut self {
            AppError::Validation { message, .. }
            | AppError::KeychainUnavailable { message }
            | AppError::Unauthorized { message }
            | AppError::Forbidden { message, .. }
            | AppError::CaptchaRequired { message }
            | AppError::TlsUntrusted { message, .. }
            | AppError::Network { message }
            | AppError::RateLimited { message, .. }
            | AppError::NotFound { message }
            | AppError::Conflict { message }
            | AppError::Internal { message } => message,
        };
        if !hint.is_empty() {
            message.push(' ');
            message.push_str(hint);
        }
        self
    }
}

impl From<kakehashi_secrets::SecretError> for AppError {
    fn from(err: kakehashi_secrets::SecretError) -> Self {
        AppError::KeychainUnavailable { message: err.0 }
    }
}

/// Every transport failure keeps its stable code (the taxonomy is defined in
/// `kakehashi-http`); the message already says what to do.
impl From<kakehashi_http::HttpError> for AppError {
    fn from(err: kakehashi_http::HttpError) -> Self {
        use kakehashi_http::ErrorKind;
        let message = err.message;
        match err.kind {
            ErrorKind::InvalidInput { field } => AppError::Validation { field, message },
            ErrorKind::Rejected => AppError::Validation {
                field: "request".into(),
                message,
            },
            ErrorKind::Unauthorized => AppError::Unauthorized { message },
            ErrorKind::Forbidden { permission } => AppError::Forbidden {
                permission,
                message,
            },
            ErrorKind::Captcha => AppError::CaptchaRequired { message },
            ErrorKind::TlsUntrusted(info) => AppError::TlsUntrusted {
                fingerprint: info.fingerprint.to_string(),
                subject: Some(info.subject),
                message,
            },
            ErrorKind::NotFound => AppError::NotFound { message },
            ErrorKind::Conflict => AppError::Conflict { message },
            ErrorKind::RateLimited { retry_after } => AppError::RateLimited {
                retry_after_secs: retry_after
                    .map(|d| u32::try_from(d.as_secs().max(1)).unwrap_or(u32::MAX)),
                message,
            },
            ErrorKind::Malformed { .. } => AppError::Internal { message },
            ErrorKind::Keychain => AppError::KeychainUnavailable { message },
            ErrorKind::Dns
            | ErrorKind::Refused
            | ErrorKind::Timeout
            | ErrorKind::ConnectionLost
            | ErrorKind::Proxy
            | ErrorKind::Tls
            | ErrorKind::Server => AppError::Network { message },
        }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(err: rusqlite::Error) -> Self {
        // SQLite messages name tables and constraints, never values, so they
        // are safe to show; the path of the database is added by the caller.
        AppError::internal(format!("The local database failed: {err}"))
    }
}

impl From<std::io::Error> for AppError {
    fn from(err: std::io::Error) -> Self {
        AppError::internal(format!("A local file operation failed: {err}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serialises_with_code_and_camel_case_fields() {
        let cases = [
            (
                AppError::validation("url", "Enter a URL starting with https://"),
                json!({"code": "Validation", "field": "url", "message": "Enter a URL starting with https://"}),
            ),
            (
                AppError::Forbidden {
                    permission: Some("BROWSE_PROJECTS".into()),
                    message: "m".into(),
                },
                json!({"code": "Forbidden", "permission": "BROWSE_PROJECTS", "message": "m"}),
            ),
            (
                AppError::TlsUntrusted {
                    fingerprint: "AB:CD".into(),
                    subject: None,
                    message: "m".into(),
                },
                json!({"code": "TlsUntrusted", "fingerprint": "AB:CD", "subject": null, "message": "m"}),
            ),
            (
                AppError::RateLimited {
                    retry_after_secs: Some(30),
                    message: "m".into(),
                },
                json!({"code": "RateLimited", "retryAfterSecs": 30, "message": "m"}),
            ),
            (
                AppError::KeychainUnavailable {
                    message: "m".into(),
                },
                json!({"code": "KeychainUnavailable", "message": "m"}),
            ),
            (
                AppError::internal("boom"),
                json!({"code": "Internal", "message": "boom"}),
            ),
        ];
        for (err, expected) in cases {
            assert_eq!(serde_json::to_value(&err).unwrap(), expected);
        }
    }

    #[test]
    fn code_matches_serialised_code_for_every_variant() {
        let all = [
            AppError::validation("f", "m"),
            AppError::KeychainUnavailable {
                message: "m".into(),
            },
            AppError::Unauthorized {
                message: "m".into(),
            },
            AppError::Forbidden {
                permission: None,
                message: "m".into(),
            },
            AppError::CaptchaRequired {
                message: "m".into(),
            },
            AppError::TlsUntrusted {
                fingerprint: "f".into(),
                subject: None,
                message: "m".into(),
            },
            AppError::Network {
                message: "m".into(),
            },
            AppError::RateLimited {
                retry_after_secs: None,
                message: "m".into(),
            },
            AppError::NotFound {
                message: "m".into(),
            },
            AppError::conflict("m"),
            AppError::internal("m"),
        ];
        for err in all {
            let value = serde_json::to_value(&err).unwrap();
            assert_eq!(value["code"], err.code());
            assert_eq!(value["message"], "m");
            let back: AppError = serde_json::from_value(value).unwrap();
            assert_eq!(back, err);
        }
    }

    #[test]
    fn display_is_the_plain_message() {
        let err = AppError::validation("port", "Use a port between 1 and 65535");
        assert_eq!(err.to_string(), "Use a port between 1 and 65535");
        assert!(err.is_bad_input());
        assert!(!AppError::internal("x").is_bad_input());
    }

    #[test]
    fn transport_failures_keep_the_transport_code_and_details() {
        use kakehashi_http::{ErrorKind, HttpError};
        use std::time::Duration;
        let kinds = [
            ErrorKind::Dns,
            ErrorKind::Refused,
            ErrorKind::Timeout,
            ErrorKind::ConnectionLost,
            ErrorKind::Proxy,
            ErrorKind::Tls,
            ErrorKind::Unauthorized,
            ErrorKind::Forbidden {
                permission: Some("BROWSE_PROJECTS".into()),
            },
            ErrorKind::Captcha,
            ErrorKind::NotFound,
            ErrorKind::Conflict,
            ErrorKind::RateLimited {
                retry_after: Some(Duration::from_millis(1_500)),
            },
            ErrorKind::Server,
            ErrorKind::Rejected,
            ErrorKind::Malformed {
                excerpt: "<html>".into(),
            },
            ErrorKind::InvalidInput {
                field: "baseUrl".into(),
            },
            ErrorKind::Keychain,
        ];
        for kind in kinds {
            let http = HttpError::new(kind.clone(), "what to do");
            let app = AppError::from(http.clone());
            assert_eq!(app.code(), http.code(), "{kind:?}");
            assert_eq!(app.to_string(), "what to do");
        }
        let limited = AppError::from(HttpError::new(
            ErrorKind::RateLimited {
                retry_after: Some(Duration::from_millis(1_500)),
            },
            "m",
        ));
        assert!(matches!(
            limited,
            AppError::RateLimited {
                retry_after_secs: Some(1),
                ..
            }
        ));
        let forbidden = AppError::from(HttpError::new(
            ErrorKind::Forbidden {
                permission: Some("BROWSE_PROJECTS".into()),
            },
            "m",
        ));
        assert!(
            matches!(forbidden, AppError::Forbidden { permission: Some(p), .. } if p == "BROWSE_PROJECTS")
        );
    }
}
