//! Reading a token endpoint's answer (RFC 6749 §5): the tokens, or the
//! OAuth error turned into the taxonomy with words that say what to do.
//!
//! A token answer is never quoted: whatever part of it a message showed
//! could be a token. The provider's `error_description` is quoted, scrubbed
//! of the request's secrets and cut short.

use std::time::{Duration, SystemTime};

use kakehashi_secrets::Sensitive;
use serde::Deserialize;
use serde_json::Value;

use super::TokenSet;
use crate::error::{ErrorKind, HttpError};
use crate::response::Response;

/// What the provider's own words may take up in a message.
const MAX_DESCRIPTION: usize = 300;

#[derive(Deserialize)]
struct Answer {
    access_token: Option<String>,
    refresh_token: Option<String>,
    /// A number by the RFC; some servers send it as a string.
    expires_in: Option<Value>,
    scope: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// The tokens of a successful answer, or the error of a refused one.
/// `what` is `POST https://host/path` for messages; `secrets` are the
/// values the request carried, scrubbed from anything quoted.
pub(super) fn tokens(
    provider: &str,
    what: &str,
    response: &Response,
    secrets: &[&str],
) -> Result<TokenSet, HttpError> {
    let status = response.status();
    let answer = serde_json::from_slice::<Answer>(response.bytes()).ok();
    if status.is_success() {
        let Some(Answer {
            access_token: Some(access),
            refresh_token,
            expires_in,
            scope,
            ..
        }) = answer
        else {
            return Err(unreadable(what, status.as_u16()));
        };
        return Ok(TokenSet {
            access_token: Sensitive::new(access),
            refresh_token: refresh_token.filter(|t| !t.is_empty()).map(Sensitive::new),
            expires_at: expires_in
                .as_ref()
                .and_then(seconds)
                .and_then(|s| SystemTime::now().checked_add(Duration::from_secs(s))),
            scope: scope.filter(|s| !s.is_empty()),
        });
    }
    Err(refusal(provider, status.as_u16(), answer, secrets))
}

/// The error of a refused revocation (RFC 7009 §2.2.1 uses the same shape).
pub(super) fn revocation_error(provider: &str, response: &Response, secrets: &[&str]) -> HttpError {
    let answer = serde_json::from_slice::<Answer>(response.bytes()).ok();
    refusal(provider, response.status().as_u16(), answer, secrets)
}

fn seconds(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn unreadable(what: &str, status: u16) -> HttpError {
    HttpError::malformed(what, "(not shown: a token answer carries secrets)").with_status(status)
}

/// A 400 or 401 from the token endpoint, by its OAuth `error` code.
fn refusal(provider: &str, status: u16, answer: Option<Answer>, secrets: &[&str]) -> HttpError {
    let (code, description) = match answer {
        Some(answer) => (
            answer.error.filter(|c| !c.trim().is_empty()),
            answer.error_description.filter(|d| !d.trim().is_empty()),
        ),
        None => (None, None),
    };
    let said = match (&code, &description) {
        (Some(code), Some(description)) => scrub(&format!("{code}: {description}"), secrets),
        (Some(code), None) => scrub(code, secrets),
        (None, _) => format!("HTTP {status}"),
    };
    let (kind, advice) = match code.as_deref() {
        Some("invalid_grant") => (
            ErrorKind::Unauthorized,
            format!("{provider} no longer accepts this sign-in ({said}). Sign in to {provider} again."),
        ),
        Some("invalid_client" | "unauthorized_client") => (
            ErrorKind::Unauthorized,
            format!("{provider} does not accept this OAuth client ({said}). Check the client ID and client secret against the app registered in {provider}, then sign in again."),
        ),
        None if status == 401 => (
            ErrorKind::Unauthorized,
            format!("{provider} refused the OAuth 2.0 request ({said}). Check the client ID and client secret, then sign in to {provider} again."),
        ),
        _ => (
            ErrorKind::Rejected,
            format!("{provider} refused the OAuth 2.0 request ({said}). Check the app registered in {provider}, then sign in again."),
        ),
    };
    HttpError::new(kind, advice).with_status(status)
}

/// `text` without any of `secrets`, and cut to a readable length.
fn scrub(text: &str, secrets: &[&str]) -> String {
    let clean = remove_secrets(text, secrets);
    let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    match clean.char_indices().nth(MAX_DESCRIPTION) {
        Some((cut, _)) => format!("{}…", &clean[..cut]),
        None => clean,
    }
}

/// `text` with every one of `secrets` replaced by a marker.
pub(super) fn remove_secrets(text: &str, secrets: &[&str]) -> String {
    let mut clean = text.to_owned();
    // Very short values would blank out ordinary words; no real secret is.
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        clean = clean.replace(secret, "[redacted]");
    }
    clean
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use reqwest::header::HeaderMap;
    use reqwest::StatusCode;

    use super::*;

    fn response(status: u16, body: &str) -> Response {
        Response {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: Bytes::from(body.to_owned()),
            what: "POST https://jira.example.com/rest/oauth2/latest/token".into(),
            secrets: Vec::new(),
        }
    }

    fn refused(status: u16, body: &str, secrets: &[&str]) -> HttpError {
        tokens("Jira", "POST /token", &response(status, body), secrets).unwrap_err()
    }

    #[test]
    fn a_full_answer_becomes_tokens() {
        let body = r#"{"access_token":"at-1","refresh_token":"rt-1","expires_in":"3600","scope":"WRITE","token_type":"bearer"}"#;
        let tokens = tokens("Jira", "POST /token", &response(200, body), &[]).unwrap();
        assert_eq!(tokens.access_token.expose(), "at-1");
        assert_eq!(tokens.refresh_token.unwrap().expose(), "rt-1");
        assert_eq!(tokens.scope.as_deref(), Some("WRITE"));
        let left = tokens
            .expires_at
            .unwrap()
            .duration_since(SystemTime::now())
            .unwrap();
        assert!(left > Duration::from_secs(3590) && left <= Duration::from_secs(3600));
    }

    #[test]
    fn a_spent_grant_asks_for_a_new_sign_in() {
        let err = refused(
            400,
            r#"{"error":"invalid_grant","error_description":"The refresh token rt-secret-9 was already used."}"#,
            &["rt-secret-9"],
        );
        assert_eq!(err.kind, ErrorKind::Unauthorized);
        assert!(err.message.contains("invalid_grant"), "{}", err.message);
        assert!(
            err.message.contains("Sign in to Jira again"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("rt-secret-9"), "{}", err.message);
    }

    #[test]
    fn a_refused_client_and_other_refusals_say_what_to_check() {
        let client = refused(401, r#"{"error":"invalid_client"}"#, &[]);
        assert_eq!(client.code(), "Unauthorized");
        assert!(
            client.message.contains("client ID and client secret"),
            "{}",
            client.message
        );
        let scope = refused(
            400,
            r#"{"error":"invalid_scope","error_description":"no"}"#,
            &[],
        );
        assert_eq!(scope.code(), "Validation");
        assert!(
            scope.message.contains("invalid_scope: no"),
            "{}",
            scope.message
        );
        let bare = refused(401, "<html>nope</html>", &[]);
        assert_eq!(bare.code(), "Unauthorized");
        assert!(bare.message.contains("HTTP 401"), "{}", bare.message);
    }

    #[test]
    fn an_unreadable_success_is_never_quoted() {
        let err = refused(200, r#"{"token":"at-secret-5"}"#, &[]);
        assert_eq!(err.code(), "Internal");
        assert!(!err.message.contains("at-secret-5"), "{}", err.message);
    }

    #[test]
    fn the_providers_words_are_cut_short() {
        let long = "x ".repeat(1_000);
        let err = refused(
            400,
            &format!(r#"{{"error":"invalid_request","error_description":"{long}"}}"#),
            &[],
        );
        assert!(err.message.len() < 700, "{}", err.message.len());
    }
}
