//! Vendors write their error bodies differently (Jira `errorMessages`,
//! TimeTracker NX `[{"message"}]`, Asana `errors[].message`). The transport
//! asks the vendor crate's decoder for the server's own words, so an error
//! can quote them ("You do not have the permission to ...").

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

pub trait ErrorDecoder: Send + Sync + 'static {
    /// The server's own explanation in an error body, if it gave one.
    fn message(&self, status: StatusCode, body: &[u8]) -> Option<String>;

    /// The permission a 403 names, e.g. Jira `BROWSE_PROJECTS`.
    fn missing_permission(&self, _message: Option<&str>, _body: &[u8]) -> Option<String> {
        None
    }

    /// Whether the answer says the account is locked behind a CAPTCHA. Jira
    /// Server/DC sets `X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; ...`.
    fn is_captcha(&self, _status: StatusCode, headers: &HeaderMap) -> bool {
        headers
            .get("X-Authentication-Denied-Reason")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_uppercase().contains("CAPTCHA"))
    }
}

/// For servers whose error bodies we do not interpret.
#[derive(Debug, Clone, Copy, Default)]
pub struct PlainDecoder;

impl ErrorDecoder for PlainDecoder {
    fn message(&self, _status: StatusCode, _body: &[u8]) -> Option<String> {
        None
    }
}
