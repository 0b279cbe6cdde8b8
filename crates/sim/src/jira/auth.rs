//! Who is calling, checked on every endpoint but `serverInfo`.
//!
//! - Cloud: Basic `email:api_token`.
//! - Data Center: Basic `user:password` (with Jira's CAPTCHA lock after three
//!   failures), a personal access token as `Bearer`, or an OAuth 2.0 access
//!   token as `Bearer` (see [`super::oauth`]).
//!
//! A person's [`crate::people::Role`] then decides what they may do; an OAuth
//! token's scope may narrow that further.

use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;

use super::catalog::Permission;
use super::errors::ApiError;
use super::oauth::{AccessCheck, Scope};
use super::state::{Jira, Shared};
use super::store::PersonIx;
use super::Flavor;
use crate::SimKind;

/// Failed Basic logins in a row after which Jira demands a CAPTCHA.
pub const CAPTCHA_AFTER: u32 = 3;

/// How the caller proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    ApiToken,
    Password,
    PersonalAccessToken,
    OAuth(Scope),
}

/// The authenticated person of a request.
#[derive(Debug, Clone, Copy)]
pub struct Caller {
    pub person: PersonIx,
    pub via: Via,
}

impl Caller {
    /// Refuses with Jira's 403 unless the person's role (and the OAuth
    /// token's scope, if any) allows `permission`.
    pub fn require(&self, shared: &Shared, permission: Permission) -> Result<(), ApiError> {
        if !permission.granted_to(shared.role(self.person)) {
            return Err(ApiError::forbidden(permission.denied_message()));
        }
        if let Via::OAuth(scope) = self.via {
            let needed = if permission.administers() {
                Scope::Admin
            } else if permission.writes() {
                Scope::Write
            } else {
                Scope::Read
            };
            if scope < needed {
                return Err(ApiError::forbidden(format!(
                    "The access token's scope ({}) does not allow this request: it needs {}.",
                    scope.name(),
                    needed.name()
                )));
            }
        }
        Ok(())
    }

    pub fn may(&self, shared: &Shared, permission: Permission) -> bool {
        self.require(shared, permission).is_ok()
    }
}

impl FromRequestParts<Jira> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, shared: &Jira) -> Result<Self, Self::Rejection> {
        authenticate(shared, &parts.headers)
    }
}

/// Failed Basic logins per person on Data Center.
#[derive(Debug, Default)]
pub struct LoginGuard {
    failures: HashMap<PersonIx, u32>,
}

impl LoginGuard {
    pub fn needs_captcha(&self, person: PersonIx) -> bool {
        self.failures
            .get(&person)
            .is_some_and(|n| *n >= CAPTCHA_AFTER)
    }

    /// Counts a failure; `true` when the person is now locked behind a CAPTCHA.
    fn failed(&mut self, person: PersonIx) -> bool {
        let count = self.failures.entry(person).or_default();
        *count += 1;
        *count >= CAPTCHA_AFTER
    }

    fn succeeded(&mut self, person: PersonIx) {
        self.failures.remove(&person);
    }

    /// Clears every CAPTCHA lock; the number of people it freed.
    pub fn clear(&mut self) -> usize {
        let locked = self
            .failures
            .values()
            .filter(|n| **n >= CAPTCHA_AFTER)
            .count();
        self.failures.clear();
        locked
    }
}

fn unauthorized() -> ApiError {
    ApiError::unauthorized(
        "You are not authenticated. Authentication required to perform this operation.",
    )
}

/// Jira DC's login-failure headers; Cloud sends none of them.
fn failed_login(shared: &Shared, captcha: bool) -> ApiError {
    let error = unauthorized().with_header("www-authenticate", "Basic realm=\"protected-area\"");
    if shared.flavor == Flavor::Cloud {
        return error;
    }
    if captcha {
        let reason = format!("CAPTCHA_CHALLENGE; login-url={}/login.jsp", shared.base_url);
        error
            .with_header("x-seraph-loginreason", "AUTHENTICATION_DENIED")
            .with_header("x-authentication-denied-reason", &reason)
    } else {
        error.with_header("x-seraph-loginreason", "AUTHENTICATED_FAILED")
    }
}

pub fn authenticate(shared: &Shared, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let header = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .ok_or_else(unauthorized)?;
    let (scheme, credentials) = header.split_once(' ').ok_or_else(unauthorized)?;
    let credentials = credentials.trim();
    if scheme.eq_ignore_ascii_case("basic") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(credentials)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(|| failed_login(shared, false))?;
        let (user, secret) = decoded
            .split_once(':')
            .ok_or_else(|| failed_login(shared, false))?;
        return match shared.flavor {
            Flavor::Cloud => basic_cloud(shared, user, secret),
            Flavor::DataCenter => basic_data_center(shared, user, secret),
        };
    }
    if scheme.eq_ignore_ascii_case("bearer") && shared.flavor == Flavor::DataCenter {
        return bearer_data_center(shared, credentials);
    }
    Err(unauthorized())
}

/// Cloud: the account's email and one of its API tokens.
fn basic_cloud(shared: &Shared, email: &str, token: &str) -> Result<Caller, ApiError> {
    let person = shared
        .people
        .iter()
        .position(|p| p.email.eq_ignore_ascii_case(email))
        .ok_or_else(|| failed_login(shared, false))? as PersonIx;
    if token != shared.person(person).secret(SimKind::JiraCloud) {
        return Err(failed_login(shared, false));
    }
    Ok(Caller {
        person,
        via: Via::ApiToken,
    })
}

/// Data Center: user name and password, refused outright while the user is
/// locked behind a CAPTCHA, even with the right password.
fn basic_data_center(shared: &Shared, login: &str, password: &str) -> Result<Caller, ApiError> {
    let person = shared
        .people
        .iter()
        .position(|p| p.login.eq_ignore_ascii_case(login))
        .ok_or_else(|| failed_login(shared, false))? as PersonIx;
    let mut logins = shared.logins();
    if logins.needs_captcha(person) {
        return Err(failed_login(shared, true));
    }
    if password != shared.person(person).secret(SimKind::JiraDataCenter) {
        let captcha = logins.failed(person);
        return Err(failed_login(shared, captcha));
    }
    logins.succeeded(person);
    Ok(Caller {
        person,
        via: Via::Password,
    })
}

fn bearer_data_center(shared: &Shared, token: &str) -> Result<Caller, ApiError> {
    if let Some(person) = shared
        .people
        .iter()
        .position(|p| p.personal_access_token() == token)
    {
        return Ok(Caller {
            person: person as PersonIx,
            via: Via::PersonalAccessToken,
        });
    }
    match shared.oauth().check_access(token, shared.now()) {
        AccessCheck::Valid { person, scope } => Ok(Caller {
            person,
            via: Via::OAuth(scope),
        }),
        AccessCheck::Expired => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "The access token expired.",
        )
        .with_header(
            "www-authenticate",
            "Bearer error=\"invalid_token\", error_description=\"The access token expired\"",
        )),
        AccessCheck::Unknown => {
            Err(unauthorized().with_header("www-authenticate", "Bearer error=\"invalid_token\""))
        }
    }
}
