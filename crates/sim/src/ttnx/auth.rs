//! Authentication, the three ways TT NX offers:
//!
//! - `X-TT-ApiKey: <key>` — the key is the person's `secret(SimKind::Ttnx)`
//!   (what `kakehashi sim` announces as `api_key`);
//! - `Authorization: Bearer <token>` with a token from `POST /auth/token
//!   {"loginName","password"}`, revoked by `DELETE /auth/token`;
//! - `Authorization: Basic base64(loginName:password)`.
//!
//! The password is deliberately *not* the API key (see [`password`]), so a
//! client that sends one where the other belongs is refused, as it would be
//! by the real server. Failures are 401 with `[{"message": ...}]`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::reply::{self, ApiError, Reply};
use super::sso::LOCAL_LOGIN_REFUSED;
use super::store::{Id, Shared};
use crate::people::Person;
use crate::SimKind;

/// The header of NX 7's API keys.
pub const API_KEY_HEADER: &str = "X-TT-ApiKey";

/// A person's password on the simulated TT NX (for `POST /auth/token` and
/// Basic): `sim-ttnx-password-<login>`. Deterministic so tests and docs can
/// use it; `GET /__sim/ttnx/users` lists it next to the API key.
pub fn password(person: &Person) -> String {
    format!("sim-ttnx-password-{}", person.login)
}

/// A person's API key on the simulated TT NX (`X-TT-ApiKey`).
pub fn api_key(person: &Person) -> String {
    person.secret(SimKind::Ttnx)
}

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    Basic,
    Bearer(String),
    ApiKey,
}

impl Method {
    /// `authenticationType` of `GET /system/users/me`. The contract allows
    /// only `SAML`, `Basic` and `Bearer`; an API key is a bearer credential
    /// (it stands in for a session, not for the password), so it reports
    /// `Bearer`.
    pub fn authentication_type(&self) -> &'static str {
        match self {
            Method::Basic => "Basic",
            Method::Bearer(_) | Method::ApiKey => "Bearer",
        }
    }
}

/// The authenticated user of a request. Every vendor endpoint except
/// `POST /auth/token` takes one, so authentication is never forgotten.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user_id: Id,
    pub method: Method,
}

impl FromRequestParts<Arc<Shared>> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, shared: &Arc<Shared>) -> Result<Self, ApiError> {
        authenticate(parts, shared)
    }
}

fn authenticate(parts: &Parts, shared: &Shared) -> Result<Caller, ApiError> {
    if let Some(key) = parts.headers.get(API_KEY_HEADER) {
        let key = key.to_str().unwrap_or_default().trim();
        let store = shared.read();
        return store
            .users
            .iter()
            .find(|user| key.ends_with(user.person.login.as_str()) && api_key(&user.person) == key)
            .map(|user| Caller {
                user_id: user.id,
                method: Method::ApiKey,
            })
            .ok_or_else(|| ApiError::unauthorized("API キーが正しくないか、無効になっています。"));
    }
    let Some(header) = parts.headers.get(AUTHORIZATION) else {
        return Err(ApiError::unauthorized(
            "認証されていません。ログインしてください。",
        ));
    };
    let header = header.to_str().unwrap_or_default().trim();
    let (scheme, credentials) = header.split_once(' ').unwrap_or((header, ""));
    let credentials = credentials.trim();
    if scheme.eq_ignore_ascii_case("Bearer") {
        let user_id = shared.tokens().get(credentials).copied();
        return user_id
            .map(|user_id| Caller {
                user_id,
                method: Method::Bearer(credentials.to_owned()),
            })
            .ok_or_else(|| {
                ApiError::unauthorized(
                    "トークンが無効か、有効期限が切れています。再度ログインしてください。",
                )
            });
    }
    if scheme.eq_ignore_ascii_case("Basic") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(credentials)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default();
        let (login, pass) = decoded.split_once(':').unwrap_or((&decoded, ""));
        return check_password(shared, login, pass).map(|user_id| Caller {
            user_id,
            method: Method::Basic,
        });
    }
    Err(ApiError::unauthorized(
        "この認証方式には対応していません。Basic、Bearer または X-TT-ApiKey を使用してください。",
    ))
}

/// The user a login name and password sign in as. An SSO-only user is
/// refused before the password is even compared, with its own message, as
/// the vendor does when local authentication is off for the account.
fn check_password(shared: &Shared, login: &str, pass: &str) -> Result<Id, ApiError> {
    let wrong = || ApiError::unauthorized("ログイン名またはパスワードが正しくありません。");
    let store = shared.read();
    let user = store.user_by_login(login).ok_or_else(wrong)?;
    if !user.local_authentication {
        return Err(ApiError::unauthorized(LOCAL_LOGIN_REFUSED));
    }
    if login.is_empty() || password(&user.person) != pass {
        return Err(wrong());
    }
    Ok(user.id)
}

/// `POST /auth/token {"loginName","password"}` → `{"token"}`; anonymous.
pub async fn create_token(State(shared): State<Arc<Shared>>, body: Bytes) -> Reply {
    let map = reply::json_object(&body)?;
    reply::only_known_keys(&map, &["loginName", "password"])?;
    let (Some(login), Some(pass)) = (
        reply::opt_str(&map, "loginName")?,
        reply::opt_str(&map, "password")?,
    ) else {
        return Err(ApiError::bad_request(
            "loginName と password を指定してください。",
        ));
    };
    let user_id = check_password(&shared, login, pass)?;
    let token = new_token(login);
    shared.tokens().insert(token.clone(), user_id);
    reply::ok(&json!({ "token": token }))
}

/// `DELETE /auth/token`: revokes the bearer token of this request.
pub async fn delete_token(State(shared): State<Arc<Shared>>, caller: Caller) -> Reply {
    let Method::Bearer(token) = caller.method else {
        return Err(ApiError::bad_request("削除するトークンがありません。Bearer トークンで認証したリクエストで呼び出してください。"));
    };
    shared.tokens().remove(&token);
    reply::no_content()
}

/// An opaque token nobody can predict from the login alone.
fn new_token(login: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hash = Sha256::new();
    hash.update(login.as_bytes());
    hash.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    hash.update(jiff::Timestamp::now().as_nanosecond().to_le_bytes());
    hash.finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
