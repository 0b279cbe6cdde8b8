//! Who is calling: `Authorization: Bearer <token>` with a personal access
//! token (each person's `secret(SimKind::Asana)`) or an OAuth access token
//! from `/-/oauth_token`. Everything under `/api/1.0` needs one.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::StatusCode;
use serde_json::{Map, Value};

use super::oauth::AccessCheck;
use super::response::{request_data, ApiError};
use super::store::Gid;
use super::AsanaState;
use crate::people::Role;

/// The authenticated user of a request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Caller {
    pub user: Gid,
    pub role: Role,
}

impl Caller {
    /// Viewers browse only: every write gets Asana's 403.
    pub fn require_edit(&self) -> Result<(), ApiError> {
        if self.role.can_edit() {
            Ok(())
        } else {
            Err(ApiError::forbidden())
        }
    }

    /// The `{"data": {...}}` body of a write. A viewer gets the 403 before
    /// the body is looked at, so a viewer's malformed body is still a 403.
    pub fn write_data(&self, body: &[u8]) -> Result<Map<String, Value>, ApiError> {
        self.require_edit()?;
        request_data(body)
    }
}

fn unauthorized(message: &str) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, message)
}

/// The token of an `Authorization: Bearer` header.
pub(crate) fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

impl FromRequestParts<AsanaState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AsanaState,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = bearer(parts) else {
            return Err(unauthorized("Not Authorized"));
        };
        if let Some(&(user, role)) = state.pats.get(token) {
            return Ok(Caller { user, role });
        }
        match state.oauth().check_access(token) {
            AccessCheck::Valid { user, role } => Ok(Caller { user, role }),
            AccessCheck::Expired => Err(unauthorized(
                "The bearer token has expired. If you have a refresh token, please use it to request a new bearer token, otherwise allow the user to reauthenticate.",
            )),
            AccessCheck::Unknown => Err(unauthorized("Not Authorized")),
        }
    }
}
