//! `GET /-/oauth_authorize`: Asana's consent page, and the Allow / Deny
//! forms it posts back.
//!
//! A real browser session decides who is signed in; the simulator has no
//! session, so the page lets the user pick which person grants access (the
//! service account by default) — tests post the form directly.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::Form;
use jiff::{SignedDuration, Timestamp};

use super::oauth::{CodeGrant, CODE_SECONDS};
use super::url::{html_escape, with_query};
use super::AsanaState;

/// The parameters an authorization request carries through the page.
const CARRIED: &[&str] = &[
    "client_id",
    "redirect_uri",
    "response_type",
    "state",
    "scope",
    "code_challenge",
    "code_challenge_method",
];

/// Why an authorization request is refused, and who hears about it.
enum Refusal {
    /// An unknown app or a redirect URI it did not register: RFC 6749
    /// §4.1.2.1 says to tell the user, never to redirect.
    ToUser {
        title: &'static str,
        text: &'static str,
    },
    /// Anything else goes back to the app's redirect URI as `error=`.
    ToApp(&'static str),
}

impl Refusal {
    fn respond(self, params: &HashMap<String, String>) -> Response<Body> {
        match self {
            Refusal::ToUser { title, text } => page(StatusCode::BAD_REQUEST, title, text),
            Refusal::ToApp(error) => redirect_error(params, error),
        }
    }
}

/// Checks the app and its redirect URI; returns the app's name.
fn check_client(state: &AsanaState, params: &HashMap<String, String>) -> Result<String, Refusal> {
    let client_id = params
        .get("client_id")
        .map(String::as_str)
        .unwrap_or_default();
    let oauth = state.oauth();
    let Some(client) = oauth.client(client_id) else {
        return Err(Refusal::ToUser {
            title: "Unknown app",
            text: "<p>The client_id is not a registered Asana app.</p>",
        });
    };
    let redirect_uri = params
        .get("redirect_uri")
        .map(String::as_str)
        .unwrap_or_default();
    if redirect_uri != client.redirect_uri {
        return Err(Refusal::ToUser {
            title: "Redirect URI mismatch",
            text: "<p>The redirect_uri does not match the one registered for this app. It must match exactly.</p>",
        });
    }
    Ok(client.name.clone())
}

/// An error the app should hear about, sent back to its redirect URI.
fn redirect_error(params: &HashMap<String, String>, error: &str) -> Response<Body> {
    let mut pairs = vec![("error", error)];
    if let Some(state) = params.get("state") {
        pairs.push(("state", state.as_str()));
    }
    redirect(&with_query(&params["redirect_uri"], &pairs))
}

/// The request problems that are reported to the app rather than the user.
fn check_request(params: &HashMap<String, String>) -> Result<(), Refusal> {
    if params.get("response_type").map(String::as_str) != Some("code") {
        return Err(Refusal::ToApp("unsupported_response_type"));
    }
    if params.get("code_challenge").is_some_and(|c| !c.is_empty())
        && params.get("code_challenge_method").map(String::as_str) != Some("S256")
    {
        // Only S256 is offered; `plain` gives no protection.
        return Err(Refusal::ToApp("invalid_request"));
    }
    Ok(())
}

/// `GET /-/oauth_authorize`
pub(crate) async fn page_handler(
    State(state): State<AsanaState>,
    Query(params): Query<HashMap<String, String>>,
) -> Response<Body> {
    let app =
        match check_client(&state, &params).and_then(|app| check_request(&params).map(|()| app)) {
            Ok(app) => app,
            Err(refusal) => return refusal.respond(&params),
        };
    let hidden: String = CARRIED
        .iter()
        .filter_map(|name| params.get(*name).map(|value| (name, value)))
        .map(|(name, value)| {
            format!(
                r#"<input type="hidden" name="{name}" value="{}">"#,
                html_escape(value)
            )
        })
        .collect();
    let store = state.store();
    let options: String = store
        .users
        .iter()
        .map(|user| {
            let p = &user.person;
            format!(
                r#"<option value="{}">{} ({}) &lt;{}&gt;</option>"#,
                html_escape(&p.login),
                html_escape(p.display_name()),
                html_escape(&p.name_en),
                html_escape(&p.email)
            )
        })
        .collect();
    let body = format!(
        r#"<p><strong>{app}</strong> がワークスペース「{workspace}」へのアクセスを求めています。<br>
<strong>{app}</strong> would like to access your Asana account in “{workspace}”.</p>
<form method="post" action="/-/oauth_authorize">{hidden}
<label>ユーザー / Signed in as <select name="user">{options}</select></label>
<input type="hidden" name="decision" value="allow">
<button type="submit">許可 / Allow</button></form>
<form method="post" action="/-/oauth_authorize">{hidden}
<input type="hidden" name="decision" value="deny">
<button type="submit">拒否 / Deny</button></form>"#,
        app = html_escape(&app),
        workspace = html_escape(&store.workspace.name),
    );
    page(StatusCode::OK, "Asana — 承認 / Grant permission", &body)
}

/// `POST /-/oauth_authorize`: the Allow or Deny form.
pub(crate) async fn decision_handler(
    State(state): State<AsanaState>,
    Form(form): Form<HashMap<String, String>>,
) -> Response<Body> {
    if let Err(refusal) = check_client(&state, &form).and_then(|_| check_request(&form)) {
        return refusal.respond(&form);
    }
    if form.get("decision").map(String::as_str) != Some("allow") {
        return redirect_error(&form, "access_denied");
    }
    let (user, role) = {
        let store = state.store();
        let chosen = match form.get("user").filter(|u| !u.is_empty()) {
            Some(login) => store.user_by_login(login),
            None => store.users.first(),
        };
        match chosen {
            Some(user) => (user.gid, user.person.role),
            None => {
                return page(
                    StatusCode::BAD_REQUEST,
                    "Unknown user",
                    "<p>No such user in this workspace.</p>",
                )
            }
        }
    };
    let grant = CodeGrant {
        client_id: form["client_id"].clone(),
        redirect_uri: form["redirect_uri"].clone(),
        user,
        role,
        challenge: form
            .get("code_challenge")
            .filter(|c| !c.is_empty())
            .cloned(),
        expires: Timestamp::now() + SignedDuration::from_secs(CODE_SECONDS),
    };
    let code = state.oauth().issue_code(grant);
    let mut pairs = vec![("code", code.as_str())];
    if let Some(state) = form.get("state") {
        pairs.push(("state", state.as_str()));
    }
    redirect(&with_query(&form["redirect_uri"], &pairs))
}

fn redirect(location: &str) -> Response<Body> {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FOUND;
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn page(status: StatusCode, title: &str, body: &str) -> Response<Body> {
    let html = format!(
        "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body><h1>{title}</h1>{body}</body></html>",
        title = html_escape(title)
    );
    let mut response = Response::new(Body::from(html));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}
