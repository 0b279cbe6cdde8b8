//! Jira Data Center's OAuth 2.0 provider (an "incoming application link"):
//! the authorization-code grant with PKCE S256, exact redirect-URI matching,
//! refresh tokens that rotate on every use, and access tokens that expire.
//!
//! - `GET  /rest/oauth2/latest/authorize` shows the consent page for the
//!   signed-in simulated user (`login=` picks the person; default: the
//!   service account) with Allow and Deny forms;
//! - `POST /rest/oauth2/latest/authorize` is what those forms submit: Allow
//!   redirects with `code` and `state`, Deny with `error=access_denied`;
//! - `POST /rest/oauth2/latest/token` exchanges a code or a refresh token.

use std::collections::{BTreeMap, HashMap};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, LOCATION, PRAGMA};
use axum::http::{HeaderMap, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Form, Router};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::params::{percent_encode, Params};
use super::state::{Jira, Shared};
use super::store::PersonIx;
use super::time::{Millis, MINUTE};
use crate::vendor::json_response;

/// Seconds an access token lives.
pub const ACCESS_TOKEN_SECONDS: i64 = 3600;
/// How long an authorization code may wait for its exchange.
const CODE_LIFETIME: Millis = 10 * MINUTE;

/// The client every seed registers, so demos and docs work without setup.
pub const DEMO_CLIENT_ID: &str = "kakehashi-demo";
pub const DEMO_REDIRECT_URI: &str = "http://127.0.0.1:8765/callback";

/// Jira DC's OAuth 2.0 scopes; each includes the ones before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Read,
    Write,
    Admin,
    SystemAdmin,
}

impl Scope {
    const ALL: [Scope; 4] = [Scope::Read, Scope::Write, Scope::Admin, Scope::SystemAdmin];

    pub fn name(self) -> &'static str {
        match self {
            Scope::Read => "READ",
            Scope::Write => "WRITE",
            Scope::Admin => "ADMIN",
            Scope::SystemAdmin => "SYSTEM_ADMIN",
        }
    }

    fn parse(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    fn describe(self) -> &'static str {
        match self {
            Scope::Read => "View projects and issues you can see (閲覧)",
            Scope::Write => "Create and edit issues, comments and work logs (作成・編集)",
            Scope::Admin => "Administer projects you administer (プロジェクト管理)",
            Scope::SystemAdmin => "Administer Jira (システム管理)",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Client {
    pub id: String,
    pub secret: String,
    pub redirect_uri: String,
}

struct Grant {
    client: String,
    redirect_uri: String,
    person: PersonIx,
    scope: Scope,
    scope_text: String,
    challenge: Option<String>,
    expires: Millis,
}

struct Access {
    person: PersonIx,
    scope: Scope,
    expires: Millis,
}

struct Refresh {
    client: String,
    person: PersonIx,
    scope: Scope,
    scope_text: String,
}

pub enum AccessCheck {
    Valid { person: PersonIx, scope: Scope },
    Expired,
    Unknown,
}

/// Registered clients and every live code and token.
pub struct OAuthState {
    clients: BTreeMap<String, Client>,
    codes: HashMap<String, Grant>,
    access: HashMap<String, Access>,
    refresh: HashMap<String, Refresh>,
    serial: u64,
}

impl OAuthState {
    /// Only the demo client.
    pub fn seeded() -> OAuthState {
        let mut state = OAuthState {
            clients: BTreeMap::new(),
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashMap::new(),
            serial: 0,
        };
        state.clients.insert(
            DEMO_CLIENT_ID.to_owned(),
            client(DEMO_CLIENT_ID, DEMO_REDIRECT_URI),
        );
        state
    }

    /// Registers (or re-registers) a client; without an id one is made up.
    pub fn register(&mut self, client_id: Option<&str>, redirect_uri: &str) -> Client {
        let id = match client_id {
            Some(id) => id.to_owned(),
            None => format!("sim-client-{}", self.clients.len() + 1),
        };
        let registered = client(&id, redirect_uri);
        self.clients.insert(id, registered.clone());
        registered
    }

    pub fn clients(&self) -> Vec<Client> {
        self.clients.values().cloned().collect()
    }

    pub fn check_access(&self, token: &str, now: Millis) -> AccessCheck {
        match self.access.get(token) {
            Some(access) if access.expires > now => AccessCheck::Valid {
                person: access.person,
                scope: access.scope,
            },
            Some(_) => AccessCheck::Expired,
            None => AccessCheck::Unknown,
        }
    }

    /// Lets every current access token expire now; how many there were.
    pub fn expire_all(&mut self, now: Millis) -> usize {
        let mut count = 0;
        for access in self.access.values_mut().filter(|a| a.expires > now) {
            access.expires = now;
            count += 1;
        }
        count
    }

    /// A fresh unguessable token.
    fn mint(&mut self, prefix: &str) -> String {
        self.serial += 1;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let digest = Sha256::digest(format!("{prefix}:{}:{nanos}:{:p}", self.serial, self));
        format!("{prefix}{}", URL_SAFE_NO_PAD.encode(digest))
    }

    fn issue_tokens(
        &mut self,
        client: &str,
        person: PersonIx,
        scope: Scope,
        scope_text: &str,
        now: Millis,
    ) -> serde_json::Value {
        let access = self.mint("sim-oat-");
        let refresh = self.mint("sim-ort-");
        self.access.insert(
            access.clone(),
            Access {
                person,
                scope,
                expires: now + ACCESS_TOKEN_SECONDS * 1000,
            },
        );
        self.refresh.insert(
            refresh.clone(),
            Refresh {
                client: client.to_owned(),
                person,
                scope,
                scope_text: scope_text.to_owned(),
            },
        );
        json!({
            "access_token": access,
            "token_type": "bearer",
            "expires_in": ACCESS_TOKEN_SECONDS,
            "refresh_token": refresh,
            "scope": scope_text,
        })
    }
}

/// A client with its secret derived from its id, so it is the same in
/// every run (it opens nothing but a simulator on 127.0.0.1).
fn client(id: &str, redirect_uri: &str) -> Client {
    let digest = Sha256::digest(format!("kakehashi-sim-jira-dc-oauth-client:{id}"));
    let secret: String = digest.iter().take(20).map(|b| format!("{b:02x}")).collect();
    Client {
        id: id.to_owned(),
        secret,
        redirect_uri: redirect_uri.to_owned(),
    }
}

pub(super) fn routes() -> Router<Jira> {
    Router::new()
        .route(
            "/rest/oauth2/latest/authorize",
            get(show_consent).post(decide),
        )
        .route("/rest/oauth2/latest/token", post(token))
}

/// What an authorization request asks for, validated.
struct Request {
    client: Client,
    person: PersonIx,
    scope: Scope,
    scope_text: String,
    state: Option<String>,
    challenge: Option<String>,
    challenge_method: Option<String>,
    login: String,
}

/// Why an authorization request fails: either it cannot be trusted to
/// redirect (unknown client, wrong redirect URI) and gets an error page, or
/// the client is told through its redirect URI.
enum Refusal {
    Page(String),
    Redirect {
        uri: String,
        error: &'static str,
        description: String,
        state: Option<String>,
    },
}

fn get_param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

fn validate(shared: &Shared, pairs: &[(String, String)]) -> Result<Request, Refusal> {
    let client_id = get_param(pairs, "client_id")
        .ok_or_else(|| Refusal::Page("The request has no client_id.".into()))?;
    let client = shared
        .oauth()
        .clients
        .get(client_id)
        .cloned()
        .ok_or_else(|| {
            Refusal::Page(format!(
                "No application link is registered with client_id '{client_id}'."
            ))
        })?;
    let redirect_uri = get_param(pairs, "redirect_uri").unwrap_or("");
    if redirect_uri != client.redirect_uri {
        return Err(Refusal::Page(format!(
            "The redirect_uri '{redirect_uri}' does not match the one registered for '{client_id}'. It must match exactly."
        )));
    }
    let state = get_param(pairs, "state").map(str::to_owned);
    let refuse = |error: &'static str, description: String| Refusal::Redirect {
        uri: client.redirect_uri.clone(),
        error,
        description,
        state: state.clone(),
    };
    if get_param(pairs, "response_type") != Some("code") {
        return Err(refuse(
            "unsupported_response_type",
            "Only response_type=code is supported.".into(),
        ));
    }
    let scope_text = get_param(pairs, "scope")
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if scope_text.is_empty() {
        return Err(refuse(
            "invalid_scope",
            "Ask for at least one of READ WRITE ADMIN SYSTEM_ADMIN.".into(),
        ));
    }
    let mut scope = Scope::Read;
    for name in scope_text.split(' ') {
        let asked = Scope::parse(name)
            .ok_or_else(|| refuse("invalid_scope", format!("Unknown scope '{name}'.")))?;
        scope = scope.max(asked);
    }
    let challenge = get_param(pairs, "code_challenge").map(str::to_owned);
    let challenge_method = get_param(pairs, "code_challenge_method").map(str::to_owned);
    if challenge.is_some() && challenge_method.as_deref().unwrap_or("plain") != "S256" {
        return Err(refuse(
            "invalid_request",
            "code_challenge_method must be S256.".into(),
        ));
    }
    let login = get_param(pairs, "login")
        .unwrap_or(shared.people[0].login.as_str())
        .to_owned();
    let person = shared
        .people
        .iter()
        .position(|p| p.login.eq_ignore_ascii_case(&login))
        .ok_or_else(|| Refusal::Page(format!("There is no user '{login}' to sign in as.")))?
        as PersonIx;
    Ok(Request {
        client,
        person,
        scope,
        scope_text,
        state,
        challenge,
        challenge_method,
        login,
    })
}

async fn show_consent(State(shared): State<Jira>, Params(pairs): Params) -> Response<Body> {
    match validate(&shared, &pairs) {
        Ok(request) => html(StatusCode::OK, &consent_page(&shared, &request)),
        Err(refusal) => refused(refusal),
    }
}

async fn decide(
    State(shared): State<Jira>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response<Body> {
    let Ok(Form(pairs)) = form else {
        return html(
            StatusCode::BAD_REQUEST,
            &page("Bad request", "<p>The form could not be read.</p>"),
        );
    };
    let request = match validate(&shared, &pairs) {
        Ok(request) => request,
        Err(refusal) => return refused(refusal),
    };
    if get_param(&pairs, "decision") != Some("allow") {
        return refused(Refusal::Redirect {
            uri: request.client.redirect_uri,
            error: "access_denied",
            description: "The user denied access.".into(),
            state: request.state,
        });
    }
    let now = shared.now();
    let mut oauth = shared.oauth();
    let code = oauth.mint("sim-code-");
    oauth.codes.insert(
        code.clone(),
        Grant {
            client: request.client.id.clone(),
            redirect_uri: request.client.redirect_uri.clone(),
            person: request.person,
            scope: request.scope,
            scope_text: request.scope_text,
            challenge: request.challenge,
            expires: now + CODE_LIFETIME,
        },
    );
    let mut query = vec![("code", code)];
    if let Some(state) = request.state {
        query.push(("state", state));
    }
    redirect(&request.client.redirect_uri, &query)
}

fn refused(refusal: Refusal) -> Response<Body> {
    match refusal {
        Refusal::Page(message) => html(
            StatusCode::BAD_REQUEST,
            &page(
                "Invalid OAuth 2.0 request",
                &format!("<p role=\"alert\">{}</p>", escape(&message)),
            ),
        ),
        Refusal::Redirect {
            uri,
            error,
            description,
            state,
        } => {
            let mut query = vec![
                ("error", error.to_owned()),
                ("error_description", description),
            ];
            if let Some(state) = state {
                query.push(("state", state));
            }
            redirect(&uri, &query)
        }
    }
}

fn consent_page(shared: &Shared, request: &Request) -> String {
    let person = shared.person(request.person);
    let hidden: String = [
        ("client_id", Some(request.client.id.as_str())),
        ("redirect_uri", Some(request.client.redirect_uri.as_str())),
        ("response_type", Some("code")),
        ("scope", Some(request.scope_text.as_str())),
        ("state", request.state.as_deref()),
        ("code_challenge", request.challenge.as_deref()),
        ("code_challenge_method", request.challenge_method.as_deref()),
        ("login", Some(request.login.as_str())),
    ]
    .iter()
    .filter_map(|(name, value)| {
        value.map(|v| {
            format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                escape(v)
            )
        })
    })
    .collect();
    let scopes: String = request
        .scope_text
        .split(' ')
        .filter_map(Scope::parse)
        .map(|s| {
            format!(
                "<li><code>{}</code> — {}</li>",
                s.name(),
                escape(s.describe())
            )
        })
        .collect();
    let body = format!(
        "<p>Signed in as <strong>{name}</strong> ({login}).</p>\
         <p>The application <strong>{client}</strong> wants to access Jira on your behalf:</p>\
         <ul>{scopes}</ul>\
         <form method=\"post\" action=\"/rest/oauth2/latest/authorize\">{hidden}\
         <button type=\"submit\" name=\"decision\" value=\"allow\">Allow</button></form>\
         <form method=\"post\" action=\"/rest/oauth2/latest/authorize\">{hidden}\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Deny</button></form>",
        name = escape(person.display_name()),
        login = escape(&person.login),
        client = escape(&request.client.id),
    );
    page("Allow access? / アクセスを許可しますか?", &body)
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body><main><h1>{t}</h1>{body}</main></body></html>",
        t = escape(title)
    )
}

fn html(status: StatusCode, text: &str) -> Response<Body> {
    let mut response = Response::new(Body::from(text.to_owned()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/html;charset=UTF-8"),
    );
    response
}

fn redirect(uri: &str, query: &[(&str, String)]) -> Response<Body> {
    let mut location = uri.to_owned();
    for (index, (name, value)) in query.iter().enumerate() {
        let separator = if index == 0 && !uri.contains('?') {
            '?'
        } else {
            '&'
        };
        location.push(separator);
        location.push_str(name);
        location.push('=');
        location.push_str(&percent_encode(value));
    }
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(LOCATION, value);
    }
    response
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// An error in the OAuth 2.0 JSON shape (RFC 6749 §5.2).
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response<Body> {
    no_store(json_response(
        status,
        &json!({ "error": error, "error_description": description }),
    ))
}

fn no_store(mut response: Response<Body>) -> Response<Body> {
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
        .headers_mut()
        .insert(PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// The client's id and secret from HTTP Basic or the form.
fn client_credentials(
    headers: &HeaderMap,
    pairs: &[(String, String)],
) -> (Option<String>, Option<String>) {
    let basic = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|v| STANDARD.decode(v.trim()).ok())
        .and_then(|v| String::from_utf8(v).ok())
        .and_then(|v| {
            v.split_once(':')
                .map(|(id, secret)| (id.to_owned(), secret.to_owned()))
        });
    match basic {
        Some((id, secret)) => (Some(id), Some(secret)),
        None => (
            get_param(pairs, "client_id").map(str::to_owned),
            get_param(pairs, "client_secret").map(str::to_owned),
        ),
    }
}

async fn token(
    State(shared): State<Jira>,
    headers: HeaderMap,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response<Body> {
    let Ok(Form(pairs)) = form else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Send the parameters as application/x-www-form-urlencoded.",
        );
    };
    let (client_id, client_secret) = client_credentials(&headers, &pairs);
    let Some(client_id) = client_id else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "client_id is required.",
        );
    };
    let now = shared.now();
    let mut oauth = shared.oauth();
    let Some(client) = oauth.clients.get(&client_id).cloned() else {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unknown client.",
        );
    };
    if client_secret.as_ref().is_some_and(|s| *s != client.secret) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed.",
        );
    }
    match get_param(&pairs, "grant_type") {
        Some("authorization_code") => {
            let Some(code) = get_param(&pairs, "code") else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "code is required.",
                );
            };
            // A code is single-use: it is gone whether the exchange succeeds or not.
            let Some(grant) = oauth.codes.remove(code) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The authorization code is invalid or was already used.",
                );
            };
            if grant.expires <= now {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The authorization code expired.",
                );
            }
            if grant.client != client.id {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The authorization code was issued to another client.",
                );
            }
            if get_param(&pairs, "redirect_uri") != Some(grant.redirect_uri.as_str()) {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "redirect_uri does not match the one of the authorization request.",
                );
            }
            match &grant.challenge {
                Some(challenge) => {
                    let Some(verifier) = get_param(&pairs, "code_verifier") else {
                        return oauth_error(
                            StatusCode::BAD_REQUEST,
                            "invalid_grant",
                            "code_verifier is required: the authorization request used PKCE.",
                        );
                    };
                    if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != *challenge {
                        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "PKCE verification failed: code_verifier does not match code_challenge.");
                    }
                }
                None if client_secret.is_none() => {
                    return oauth_error(
                        StatusCode::UNAUTHORIZED,
                        "invalid_client",
                        "client_secret is required without PKCE.",
                    );
                }
                None => {}
            }
            no_store(json_response(
                StatusCode::OK,
                &oauth.issue_tokens(
                    &client.id,
                    grant.person,
                    grant.scope,
                    &grant.scope_text,
                    now,
                ),
            ))
        }
        Some("refresh_token") => {
            let Some(presented) = get_param(&pairs, "refresh_token") else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "refresh_token is required.",
                );
            };
            // Rotation: the presented refresh token is spent by this call.
            let Some(refresh) = oauth.refresh.remove(presented) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The refresh token is invalid, expired or was already used.",
                );
            };
            if refresh.client != client.id {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The refresh token was issued to another client.",
                );
            }
            no_store(json_response(
                StatusCode::OK,
                &oauth.issue_tokens(
                    &client.id,
                    refresh.person,
                    refresh.scope,
                    &refresh.scope_text,
                    now,
                ),
            ))
        }
        Some(other) => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            &format!("grant_type '{other}' is not supported."),
        ),
        None => oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "grant_type is required.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_client_is_the_same_in_every_run() {
        let a = OAuthState::seeded().clients();
        let b = OAuthState::seeded().clients();
        assert_eq!(a[0].id, DEMO_CLIENT_ID);
        assert_eq!(a[0].secret, b[0].secret);
        assert_eq!(a[0].redirect_uri, DEMO_REDIRECT_URI);
    }

    #[test]
    fn minted_tokens_differ() {
        let mut state = OAuthState::seeded();
        assert_ne!(state.mint("x"), state.mint("x"));
    }

    #[test]
    fn expiring_makes_tokens_unusable() {
        let mut state = OAuthState::seeded();
        let body = state.issue_tokens(DEMO_CLIENT_ID, 0, Scope::Write, "READ WRITE", 1_000);
        let token = body["access_token"].as_str().unwrap().to_owned();
        assert!(matches!(
            state.check_access(&token, 2_000),
            AccessCheck::Valid {
                scope: Scope::Write,
                ..
            }
        ));
        assert_eq!(state.expire_all(2_000), 1);
        assert!(matches!(
            state.check_access(&token, 2_000),
            AccessCheck::Expired
        ));
        assert!(matches!(
            state.check_access("nope", 2_000),
            AccessCheck::Unknown
        ));
    }
}
