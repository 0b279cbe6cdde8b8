//! Asana's OAuth 2.0 authorization-code flow: registered apps, codes,
//! access tokens (one hour) and refresh tokens (which Asana never rotates),
//! `POST /-/oauth_token` and `POST /-/oauth_revoke`. The consent page is in
//! `consent.rs`.
//!
//! The token endpoint always wants the app's client secret, as Asana's
//! documentation says; when the authorization request carried a PKCE
//! `code_challenge` (S256 only), the matching `code_verifier` is required as
//! well. Client credentials may come in the form or as HTTP Basic.

use std::collections::HashMap;
use std::sync::MutexGuard;

use axum::body::Body;
use axum::extract::State;
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, Response, StatusCode};
use axum::{Form, Json};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::response::json_body;
use super::store::Gid;
use super::AsanaState;
use crate::people::Role;

/// The app every simulator knows from the start (the desktop app's demo).
pub const DEMO_CLIENT_ID: &str = "kakehashi-demo";
/// Its client secret: deterministic, it opens nothing but a simulator.
pub const DEMO_CLIENT_SECRET: &str = "sim-asana-client-secret-kakehashi-demo";
pub const DEMO_REDIRECT_URI: &str = "http://127.0.0.1:8765/callback";

/// Asana's access tokens live one hour.
pub(crate) const ACCESS_TOKEN_SECONDS: i64 = 3_600;
pub(crate) const CODE_SECONDS: i64 = 600;

pub(crate) struct Client {
    pub name: String,
    pub secret: String,
    pub redirect_uri: String,
}

/// What a user allowed on the consent page, until the code is exchanged.
pub(crate) struct CodeGrant {
    pub client_id: String,
    pub redirect_uri: String,
    pub user: Gid,
    pub role: Role,
    pub challenge: Option<String>,
    pub expires: Timestamp,
}

struct RefreshGrant {
    client_id: String,
    user: Gid,
    role: Role,
}

struct AccessGrant {
    refresh_token: String,
    user: Gid,
    role: Role,
    expires: Timestamp,
}

pub(crate) enum AccessCheck {
    Valid { user: Gid, role: Role },
    Expired,
    Unknown,
}

pub(crate) struct OAuth {
    clients: HashMap<String, Client>,
    codes: HashMap<String, CodeGrant>,
    refresh: HashMap<String, RefreshGrant>,
    access: HashMap<String, AccessGrant>,
    minted: u64,
    registered: u64,
    salt: i128,
}

impl OAuth {
    pub fn seeded() -> OAuth {
        let mut oauth = OAuth {
            clients: HashMap::new(),
            codes: HashMap::new(),
            refresh: HashMap::new(),
            access: HashMap::new(),
            minted: 0,
            registered: 0,
            salt: Timestamp::now().as_nanosecond(),
        };
        oauth.clients.insert(
            DEMO_CLIENT_ID.to_owned(),
            Client {
                name: "Kakehashi (demo)".to_owned(),
                secret: DEMO_CLIENT_SECRET.to_owned(),
                redirect_uri: DEMO_REDIRECT_URI.to_owned(),
            },
        );
        oauth
    }

    pub fn client(&self, client_id: &str) -> Option<&Client> {
        self.clients.get(client_id)
    }

    fn random_hex(&mut self, purpose: &str) -> String {
        self.minted += 1;
        let digest = Sha256::digest(format!("{}:{purpose}:{}", self.salt, self.minted));
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    }

    /// Registers an app with one redirect URI; Asana's client ids are numbers.
    pub fn register(&mut self, redirect_uri: &str) -> (String, String) {
        self.registered += 1;
        let client_id = format!("{}", 1_209_000_000_000_000u64 + self.registered);
        let secret = self.random_hex("client-secret");
        self.clients.insert(
            client_id.clone(),
            Client {
                name: format!("Registered app {}", self.registered),
                secret: secret.clone(),
                redirect_uri: redirect_uri.to_owned(),
            },
        );
        (client_id, secret)
    }

    pub fn issue_code(&mut self, grant: CodeGrant) -> String {
        let code = format!("1/{}:{}", grant.user, self.random_hex("code"));
        self.codes.insert(code.clone(), grant);
        code
    }

    fn issue_access(&mut self, refresh_token: &str, user: Gid, role: Role) -> String {
        let token = format!("2/{user}/{}:{}", self.minted + 1, self.random_hex("access"));
        let expires = Timestamp::now() + SignedDuration::from_secs(ACCESS_TOKEN_SECONDS);
        self.access.insert(
            token.clone(),
            AccessGrant {
                refresh_token: refresh_token.to_owned(),
                user,
                role,
                expires,
            },
        );
        token
    }

    pub fn check_access(&self, token: &str) -> AccessCheck {
        match self.access.get(token) {
            Some(grant) if !self.refresh.contains_key(&grant.refresh_token) => AccessCheck::Unknown,
            Some(grant) if grant.expires <= Timestamp::now() => AccessCheck::Expired,
            Some(grant) => AccessCheck::Valid {
                user: grant.user,
                role: grant.role,
            },
            None => AccessCheck::Unknown,
        }
    }

    /// Makes every access token handed out so far expire now.
    pub fn expire_access_tokens(&mut self) -> usize {
        let now = Timestamp::now();
        for grant in self.access.values_mut() {
            grant.expires = now;
        }
        self.access.len()
    }
}

/// The OAuth error body (RFC 6749 §5.2), which Asana's token endpoint uses.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response<Body> {
    json_body(
        status,
        &json!({ "error": error, "error_description": description }),
        false,
    )
}

fn invalid_client() -> Response<Body> {
    oauth_error(
        StatusCode::UNAUTHORIZED,
        "invalid_client",
        "The client_id or client_secret is wrong.",
    )
}

fn invalid_request(description: &str) -> Response<Body> {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_request", description)
}

/// A required form parameter of the token or revoke endpoint is absent.
fn missing_parameter(name: &str) -> Response<Body> {
    invalid_request(&format!("The {name} parameter is missing."))
}

fn invalid_grant(description: &str) -> Response<Body> {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", description)
}

/// `client_id` and `client_secret` from HTTP Basic or the form.
fn client_credentials(
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Option<(String, String)> {
    if let Some(basic) = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Basic ")
                .or_else(|| v.strip_prefix("basic "))
        })
    {
        let decoded = String::from_utf8(STANDARD.decode(basic.trim()).ok()?).ok()?;
        let (id, secret) = decoded.split_once(':')?;
        return Some((form_decode(id), form_decode(secret)));
    }
    let id = form.get("client_id")?.clone();
    let secret = form.get("client_secret").cloned().unwrap_or_default();
    Some((id, secret))
}

/// The id of the registered client whose credentials came with the request,
/// with the OAuth state locked for the rest of the request; `None` (the
/// caller answers `invalid_client`) when they are missing or wrong.
fn authenticated_client<'a>(
    state: &'a AsanaState,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Option<(String, MutexGuard<'a, OAuth>)> {
    let (client_id, secret) = client_credentials(headers, form)?;
    let oauth = state.oauth();
    let known = oauth
        .client(&client_id)
        .is_some_and(|client| client.secret == secret);
    known.then_some((client_id, oauth))
}

/// HTTP Basic client credentials are form-encoded first (RFC 6749 §2.3.1).
fn form_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = bytes
            .get(i + 1..i + 3)
            .filter(|_| bytes[i] == b'%')
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match (bytes[i], escaped) {
            (_, Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (byte, None) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// PKCE S256: the challenge is the unpadded base64url SHA-256 of the verifier.
pub(crate) fn pkce_matches(challenge: &str, verifier: &str) -> bool {
    let valid_verifier = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    valid_verifier && URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == challenge
}

/// `POST /-/oauth_token`: `authorization_code` and `refresh_token` grants.
pub(crate) async fn token(
    State(state): State<AsanaState>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response<Body> {
    let Some((client_id, mut oauth)) = authenticated_client(&state, &headers, &form) else {
        return invalid_client();
    };
    let field = |name: &str| form.get(name).map(String::as_str).filter(|v| !v.is_empty());
    let (refresh_token, user, role, new_refresh) = match field("grant_type") {
        Some("authorization_code") => {
            let Some(code) = field("code") else {
                return missing_parameter("code");
            };
            // A code is good for one exchange, whatever its outcome.
            let grant = oauth.codes.remove(code);
            let Some(grant) = grant
                .filter(|grant| grant.client_id == client_id && grant.expires > Timestamp::now())
            else {
                return invalid_grant(
                    "The authorization code is unknown, expired or already used.",
                );
            };
            if field("redirect_uri") != Some(grant.redirect_uri.as_str()) {
                return invalid_grant(
                    "The redirect_uri does not match the one of the authorization request.",
                );
            }
            if let Some(challenge) = &grant.challenge {
                match field("code_verifier") {
                    Some(verifier) if pkce_matches(challenge, verifier) => {}
                    Some(_) => {
                        return invalid_grant(
                            "The code_verifier does not match the code_challenge.",
                        )
                    }
                    None => {
                        return invalid_grant(
                            "The code_verifier is missing: the authorization used PKCE.",
                        )
                    }
                }
            }
            let refresh_token = format!(
                "2/{}/{}:{}",
                grant.user,
                oauth.minted + 1,
                oauth.random_hex("refresh")
            );
            oauth.refresh.insert(
                refresh_token.clone(),
                RefreshGrant {
                    client_id: client_id.clone(),
                    user: grant.user,
                    role: grant.role,
                },
            );
            (refresh_token, grant.user, grant.role, true)
        }
        Some("refresh_token") => {
            let Some(refresh_token) = field("refresh_token") else {
                return missing_parameter("refresh_token");
            };
            match oauth.refresh.get(refresh_token) {
                Some(grant) if grant.client_id == client_id => {
                    (refresh_token.to_owned(), grant.user, grant.role, false)
                }
                _ => return invalid_grant("The refresh token is unknown or has been revoked."),
            }
        }
        Some(_) => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Use grant_type authorization_code or refresh_token.",
            )
        }
        None => return missing_parameter("grant_type"),
    };
    let access_token = oauth.issue_access(&refresh_token, user, role);
    drop(oauth);
    let store = state.store();
    let person = store.user(user).map(|u| &u.person);
    let mut body = json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": ACCESS_TOKEN_SECONDS,
        "data": {
            "id": user,
            "gid": user.to_string(),
            "name": person.map(|p| p.display_name()).unwrap_or_default(),
            "email": person.map(|p| p.email.as_str()).unwrap_or_default(),
        },
    });
    // Asana keeps the refresh token for the life of the grant: only the
    // code exchange hands one out.
    if new_refresh {
        body["refresh_token"] = json!(refresh_token);
    }
    json_body(StatusCode::OK, &body, false)
}

/// `POST /-/oauth_revoke`: revokes a refresh token and every access token
/// issued from it. Asana refuses access tokens here.
pub(crate) async fn revoke(
    State(state): State<AsanaState>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response<Body> {
    let Some((client_id, mut oauth)) = authenticated_client(&state, &headers, &form) else {
        return invalid_client();
    };
    let Some(token) = form.get("token").filter(|t| !t.is_empty()) else {
        return missing_parameter("token");
    };
    if oauth.access.contains_key(token) {
        return invalid_request(
            "Send the refresh token: access tokens cannot be revoked on their own.",
        );
    }
    if oauth
        .refresh
        .get(token)
        .is_some_and(|grant| grant.client_id == client_id)
    {
        oauth.refresh.remove(token);
        oauth
            .access
            .retain(|_, grant| grant.refresh_token != *token);
    }
    // RFC 7009: an unknown token is not an error.
    Response::new(Body::empty())
}

/// `POST /__sim/asana/oauth/clients {"redirectUri": ...}`: registers an app.
pub(crate) async fn register_client(
    State(state): State<AsanaState>,
    Json(body): Json<Value>,
) -> Response<Body> {
    let Some(redirect_uri) = body
        .get("redirectUri")
        .and_then(Value::as_str)
        .filter(|u| u.starts_with("http"))
    else {
        return json_body(
            StatusCode::BAD_REQUEST,
            &json!({ "error": "send {\"redirectUri\": \"http://127.0.0.1:PORT/callback\"}" }),
            false,
        );
    };
    let (client_id, client_secret) = state.oauth().register(redirect_uri);
    json_body(
        StatusCode::CREATED,
        &json!({ "clientId": client_id, "clientSecret": client_secret, "redirectUri": redirect_uri }),
        false,
    )
}

/// `POST /__sim/asana/oauth/expire`: every access token expires now, so a
/// client's refresh path can be tested without waiting an hour.
pub(crate) async fn expire_tokens(State(state): State<AsanaState>) -> Json<Value> {
    Json(json!({ "expiredAccessTokens": state.oauth().expire_access_tokens() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_matches_the_rfc_example() {
        // RFC 7636 appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert!(pkce_matches(
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            verifier
        ));
        assert!(!pkce_matches(
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "short"
        ));
        assert!(!pkce_matches(
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cX",
            verifier
        ));
    }

    #[test]
    fn basic_credentials_are_form_decoded() {
        assert_eq!(form_decode("a%3Ab+c"), "a:b c");
        assert_eq!(form_decode("100%"), "100%");
    }

    #[test]
    fn revoked_refresh_tokens_take_their_access_tokens_along() {
        let mut oauth = OAuth::seeded();
        oauth.refresh.insert(
            "r".into(),
            RefreshGrant {
                client_id: DEMO_CLIENT_ID.into(),
                user: 1,
                role: Role::Member,
            },
        );
        let access = oauth.issue_access("r", 1, Role::Member);
        assert!(matches!(
            oauth.check_access(&access),
            AccessCheck::Valid { user: 1, .. }
        ));
        oauth.expire_access_tokens();
        assert!(matches!(oauth.check_access(&access), AccessCheck::Expired));
        oauth.refresh.remove("r");
        assert!(matches!(oauth.check_access(&access), AccessCheck::Unknown));
    }
}
