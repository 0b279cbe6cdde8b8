//! Asana's error bodies: `{"errors": [{"message": ..., "help": ...}]}` from
//! the API, and the OAuth shape `{"error": ..., "error_description": ...}`
//! from `/-/oauth_token`. The decoder hands the transport Asana's own words.

use kakehashi_http::{ErrorDecoder, StatusCode};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, Default)]
pub struct AsanaDecoder;

#[derive(Deserialize)]
struct ApiErrors {
    errors: Vec<ApiError>,
}

#[derive(Deserialize)]
struct ApiError {
    message: Option<String>,
}

#[derive(Deserialize)]
struct OAuthError {
    error: String,
    error_description: Option<String>,
}

impl ErrorDecoder for AsanaDecoder {
    fn message(&self, _status: StatusCode, body: &[u8]) -> Option<String> {
        if let Ok(api) = serde_json::from_slice::<ApiErrors>(body) {
            // `help` is always the same link to Asana's docs on errors; the
            // messages are what differ.
            let messages: Vec<String> = api
                .errors
                .into_iter()
                .filter_map(|e| e.message)
                .filter(|m| !m.trim().is_empty())
                .collect();
            return (!messages.is_empty()).then(|| messages.join("; "));
        }
        let oauth = serde_json::from_slice::<OAuthError>(body).ok()?;
        Some(match oauth.error_description {
            Some(description) => format!("{}: {description}", oauth.error),
            None => oauth.error,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_api_and_oauth_errors_and_nothing_else() {
        let api = br#"{"errors":[{"message":"task: Unknown object: 12","help":"For more information ..."}]}"#;
        assert_eq!(
            AsanaDecoder.message(StatusCode::NOT_FOUND, api).as_deref(),
            Some("task: Unknown object: 12")
        );
        let two = br#"{"errors":[{"message":"a"},{"message":"b"}]}"#;
        assert_eq!(
            AsanaDecoder
                .message(StatusCode::BAD_REQUEST, two)
                .as_deref(),
            Some("a; b")
        );
        let oauth =
            br#"{"error":"invalid_grant","error_description":"The refresh token is unknown."}"#;
        assert_eq!(
            AsanaDecoder
                .message(StatusCode::BAD_REQUEST, oauth)
                .as_deref(),
            Some("invalid_grant: The refresh token is unknown.")
        );
        for other in [&b"<html>502</html>"[..], b"{}", br#"{"errors":[]}"#] {
            assert_eq!(AsanaDecoder.message(StatusCode::BAD_GATEWAY, other), None);
        }
    }
}
