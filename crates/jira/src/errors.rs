//! How Jira explains a failure, read for the shared error taxonomy.
//!
//! Jira answers errors as `{"errorMessages": [...], "errors": {"field": "..."}}`
//! (both products); a few Cloud gateways use `{"message": "..."}` and the
//! Data Center OAuth 2.0 token endpoint uses RFC 6749's `{"error",
//! "error_description"}`. A 403 names the missing permission only in words
//! ("You do not have permission to create issues in this project."), so
//! those words are mapped back to the permission keys `mypermissions` uses.
//! A Server/DC login locked behind a CAPTCHA says so in
//! `X-Authentication-Denied-Reason`.

use kakehashi_http::{ErrorDecoder, StatusCode};
use serde_json::Value;

/// The [`ErrorDecoder`] for both Jira products.
#[derive(Debug, Clone, Copy, Default)]
pub struct JiraDecoder;

/// Phrases of Jira's 403 messages (lower case) and the permission each names.
const PERMISSION_PHRASES: [(&str, &str); 13] = [
    ("browse", "BROWSE_PROJECTS"),
    ("create issues", "CREATE_ISSUES"),
    ("edit issues", "EDIT_ISSUES"),
    ("transition", "TRANSITION_ISSUES"),
    ("assign issues", "ASSIGN_ISSUES"),
    ("delete issues", "DELETE_ISSUES"),
    ("comment", "ADD_COMMENTS"),
    ("create attachments", "CREATE_ATTACHMENTS"),
    ("associate a worklog", "WORK_ON_ISSUES"),
    ("log work", "WORK_ON_ISSUES"),
    (
        "edit the configuration of this project",
        "ADMINISTER_PROJECTS",
    ),
    ("administer", "ADMINISTER_PROJECTS"),
    ("jira administrator", "ADMINISTER"),
];

/// Every permission key Jira's `mypermissions` knows and a 403 may name.
const PERMISSION_KEYS: [&str; 11] = [
    "BROWSE_PROJECTS",
    "CREATE_ISSUES",
    "EDIT_ISSUES",
    "ASSIGN_ISSUES",
    "ADD_COMMENTS",
    "DELETE_ISSUES",
    "CREATE_ATTACHMENTS",
    "WORK_ON_ISSUES",
    "ADMINISTER_PROJECTS",
    "TRANSITION_ISSUES",
    "ADMINISTER",
];

impl ErrorDecoder for JiraDecoder {
    fn message(&self, _status: StatusCode, body: &[u8]) -> Option<String> {
        let value: Value = serde_json::from_slice(body).ok()?;
        let mut parts: Vec<String> = Vec::new();
        if let Some(messages) = value.get("errorMessages").and_then(Value::as_array) {
            parts.extend(
                messages
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|m| !m.trim().is_empty())
                    .map(str::to_owned),
            );
        }
        if let Some(errors) = value.get("errors").and_then(Value::as_object) {
            parts.extend(errors.iter().map(|(field, message)| {
                let text = message
                    .as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| message.to_string());
                format!("{field}: {text}")
            }));
        }
        for key in ["message", "error_description"] {
            if parts.is_empty() {
                if let Some(text) = value.get(key).and_then(Value::as_str) {
                    parts.push(text.to_owned());
                }
            }
        }
        if parts.is_empty() {
            if let Some(code) = value.get("error").and_then(Value::as_str) {
                parts.push(code.to_owned());
            }
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    fn missing_permission(&self, message: Option<&str>, _body: &[u8]) -> Option<String> {
        let message = message?;
        if let Some(key) = PERMISSION_KEYS.iter().find(|k| message.contains(*k)) {
            return Some((*key).to_owned());
        }
        // An OAuth 2.0 token whose scope is too narrow: "... it needs WRITE."
        let lower = message.to_lowercase();
        if lower.contains("scope") {
            let needed = message
                .rsplit("needs ")
                .next()
                .map(|s| s.trim_end_matches('.').trim())
                .filter(|s| {
                    !s.is_empty()
                        && s.len() < 20
                        && s.chars().all(|c| c.is_ascii_uppercase() || c == '_')
                });
            return needed.map(|scope| format!("OAuth scope {scope}"));
        }
        // "... this worklog: it belongs to someone else" is about authorship,
        // not a permission an administrator could grant on the project.
        if lower.contains("someone else") {
            return None;
        }
        PERMISSION_PHRASES
            .iter()
            .find(|(phrase, _)| lower.contains(phrase))
            .map(|(_, key)| (*key).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kakehashi_http::header::HeaderMap;
    use kakehashi_http::header::HeaderValue;

    fn message(body: &str) -> Option<String> {
        JiraDecoder.message(StatusCode::BAD_REQUEST, body.as_bytes())
    }

    #[test]
    fn reads_error_messages_and_field_errors_together() {
        let said = message(
            r#"{"errorMessages":["Issue does not exist."],"errors":{"summary":"You must specify a summary of the issue."}}"#,
        )
        .unwrap();
        assert_eq!(
            said,
            "Issue does not exist. summary: You must specify a summary of the issue."
        );
        assert_eq!(
            message(r#"{"error":"invalid_grant","error_description":"The refresh token was already used."}"#)
                .unwrap(),
            "The refresh token was already used."
        );
        assert_eq!(
            message(r#"{"message":"Rate limited"}"#).unwrap(),
            "Rate limited"
        );
        assert_eq!(message("<html>proxy</html>"), None);
        assert_eq!(message(r#"{"errorMessages":[],"errors":{}}"#), None);
    }

    #[test]
    fn names_the_permission_a_403_message_describes() {
        let cases = [
            (
                "You do not have permission to create issues in this project.",
                Some("CREATE_ISSUES"),
            ),
            (
                "You do not have the permission to associate a worklog to this issue.",
                Some("WORK_ON_ISSUES"),
            ),
            (
                "You do not have permission to comment on this issue.",
                Some("ADD_COMMENTS"),
            ),
            (
                "You cannot edit the configuration of this project.",
                Some("ADMINISTER_PROJECTS"),
            ),
            (
                "You must be a Jira administrator to do this.",
                Some("ADMINISTER"),
            ),
            (
                "Missing BROWSE_PROJECTS for project WEB",
                Some("BROWSE_PROJECTS"),
            ),
            (
                "The access token's scope (READ) does not allow this request: it needs WRITE.",
                Some("OAuth scope WRITE"),
            ),
            ("XSRF check failed", None),
        ];
        for (text, expected) in cases {
            assert_eq!(
                JiraDecoder.missing_permission(Some(text), b"").as_deref(),
                expected,
                "{text}"
            );
        }
        assert_eq!(JiraDecoder.missing_permission(None, b""), None);
    }

    #[test]
    fn a_captcha_is_read_from_the_denied_reason_header() {
        let mut headers = HeaderMap::new();
        assert!(!JiraDecoder.is_captcha(StatusCode::UNAUTHORIZED, &headers));
        headers.insert(
            "X-Authentication-Denied-Reason",
            HeaderValue::from_static(
                "CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp",
            ),
        );
        assert!(JiraDecoder.is_captcha(StatusCode::UNAUTHORIZED, &headers));
    }
}
