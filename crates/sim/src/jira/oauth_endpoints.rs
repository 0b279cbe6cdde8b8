//! The HTTP side of Jira Data Center's OAuth 2.0 provider:
//!
//! - `GET  /rest/oauth2/latest/authorize` shows the consent page for the
//!   signed-in simulated user (`login=` picks the person; default: the
//!   service account) with Allow and Deny forms;
//! - `POST /rest/oauth2/latest/authorize` is what those forms submit: Allow
//!   redirects with `code` and `state`, Deny with `error=access_denied`;
//! - `POST /rest/oauth2/latest/token` exchanges a code (PKCE S256 verified,
//!   redirect URI matched exactly) or a refresh token, answering errors in
//!   the OAuth 2.0 JSON shape (RFC 6749 §5.2).

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

use super::oauth::{Client, Grant, Scope, CODE_LIFETIME};
use super::params::{percent_encode, Params};
use super::state::{Jira, Shared};
use super::store::PersonIx;
use crate::vendor::json_response;

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
