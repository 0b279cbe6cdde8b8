//! Asana authentication: personal access tokens, the OAuth 2.0
//! authorization-code flow (with and without PKCE), refresh, revoke,
//! expiry, and the Viewer role's 403.

#[path = "support/asana.rs"]
mod support_asana;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use kakehashi_sim::asana::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_REDIRECT_URI};
use kakehashi_sim::people::Role;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use support_asana::Asana;

const VERIFIER: &str = "kakehashi-test-verifier-0123456789-abcdefghijklmnop";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// What an authorization request carries.
struct Authorize<'a> {
    client_id: &'a str,
    redirect_uri: &'a str,
    challenge: Option<String>,
    user: &'a str,
}

impl<'a> Authorize<'a> {
    fn demo(user: &'a str) -> Authorize<'a> {
        Authorize {
            client_id: DEMO_CLIENT_ID,
            redirect_uri: DEMO_REDIRECT_URI,
            challenge: None,
            user,
        }
    }

    fn form(&self, decision: &str) -> Vec<(&str, String)> {
        let mut form = vec![
            ("client_id", self.client_id.to_owned()),
            ("redirect_uri", self.redirect_uri.to_owned()),
            ("response_type", "code".to_owned()),
            ("state", "xyz 123".to_owned()),
            ("user", self.user.to_owned()),
            ("decision", decision.to_owned()),
        ];
        if let Some(challenge) = &self.challenge {
            form.push(("code_challenge", challenge.clone()));
            form.push(("code_challenge_method", "S256".to_owned()));
        }
        form
    }
}

/// Posts the consent form; returns the redirect's query pairs.
async fn consent(asana: &Asana, request: &Authorize<'_>, decision: &str) -> Vec<(String, String)> {
    let response = asana
        .http
        .post(format!("{}/-/oauth_authorize", asana.sim.url()))
        .form(&request.form(decision))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::FOUND,
        "{:?}",
        response.text().await
    );
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    let (base, query) = location.split_once('?').expect("redirect has a query");
    assert_eq!(base, request.redirect_uri);
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (k.to_owned(), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

fn value<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

async fn token_request(asana: &Asana, form: &[(&str, &str)]) -> (StatusCode, Value) {
    let response = asana
        .http
        .post(format!("{}/-/oauth_token", asana.sim.url()))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn exchange(
    asana: &Asana,
    code: &str,
    redirect_uri: &str,
    verifier: Option<&str>,
) -> (StatusCode, Value) {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("client_id", DEMO_CLIENT_ID),
        ("client_secret", DEMO_CLIENT_SECRET),
        ("redirect_uri", redirect_uri),
        ("code", code),
    ];
    if let Some(verifier) = verifier {
        form.push(("code_verifier", verifier));
    }
    token_request(asana, &form).await
}

async fn refresh(asana: &Asana, refresh_token: &str) -> (StatusCode, Value) {
    token_request(
        asana,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
            ("refresh_token", refresh_token),
        ],
    )
    .await
}

/// Runs the whole flow for `user`; returns (access token, refresh token).
async fn sign_in(asana: &Asana, user: &str) -> (String, String) {
    let request = Authorize {
        challenge: Some(challenge(VERIFIER)),
        ..Authorize::demo(user)
    };
    let redirect = consent(asana, &request, "allow").await;
    let code = value(&redirect, "code").unwrap();
    let (status, body) = exchange(asana, code, DEMO_REDIRECT_URI, Some(VERIFIER)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    (
        body["access_token"].as_str().unwrap().to_owned(),
        body["refresh_token"].as_str().unwrap().to_owned(),
    )
}

#[tokio::test]
async fn personal_access_tokens_open_the_api_and_wrong_ones_get_401() {
    let asana = Asana::start().await;
    let me = asana.get("/users/me").await;
    assert_eq!(me["data"]["email"], asana.sim.login());
    assert!(me["data"]["gid"]
        .as_str()
        .unwrap()
        .bytes()
        .all(|b| b.is_ascii_digit()));

    for token in ["wrong", "sim-asana-nobody", ""] {
        let (status, body) = asana.call_as(token, Method::GET, "/users/me", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert!(!Asana::message(&body).is_empty());
        assert!(body["errors"][0]["help"]
            .as_str()
            .unwrap()
            .contains("developers.asana.com"));
    }
    let response = asana
        .http
        .get(format!("{}/projects", asana.api))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "no Authorization header"
    );
    let response = asana
        .http
        .get(format!("{}/users/me", asana.api))
        .basic_auth("x", Some(&asana.token))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "Basic is not how Asana takes a PAT"
    );
}

#[tokio::test]
async fn the_consent_page_offers_allow_and_deny_and_deny_redirects_with_access_denied() {
    let asana = Asana::start().await;
    let page = asana
        .http
        .get(format!("{}/-/oauth_authorize", asana.sim.url()))
        .query(&[
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", DEMO_REDIRECT_URI),
            ("response_type", "code"),
            ("state", "<script>"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"value="allow""#) && html.contains(r#"value="deny""#),
        "{html}"
    );
    assert!(
        html.contains("&lt;script&gt;") && !html.contains("<script>"),
        "state is escaped"
    );

    let denied = consent(&asana, &Authorize::demo("suzuki.ichiro"), "deny").await;
    assert_eq!(value(&denied, "error"), Some("access_denied"));
    assert_eq!(value(&denied, "state"), Some("xyz 123"));
    assert_eq!(value(&denied, "code"), None);
}

#[tokio::test]
async fn authorization_code_without_pkce_gives_tokens_for_the_chosen_user() {
    let asana = Asana::start().await;
    let redirect = consent(&asana, &Authorize::demo("suzuki.ichiro"), "allow").await;
    assert_eq!(value(&redirect, "state"), Some("xyz 123"));
    let code = value(&redirect, "code").unwrap();
    let (status, body) = exchange(&asana, code, DEMO_REDIRECT_URI, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["data"]["email"], "suzuki.ichiro@example.co.jp");
    let access = body["access_token"].as_str().unwrap();
    let (status, me) = asana.call_as(access, Method::GET, "/users/me", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["data"]["email"], "suzuki.ichiro@example.co.jp");
    assert_eq!(me["data"]["gid"], body["data"]["gid"]);

    let (status, again) = exchange(&asana, code, DEMO_REDIRECT_URI, None).await;
    assert_eq!(
        (status, again["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant")),
        "a code works once"
    );
}

#[tokio::test]
async fn pkce_needs_the_matching_verifier() {
    let asana = Asana::start().await;
    let request = Authorize {
        challenge: Some(challenge(VERIFIER)),
        ..Authorize::demo("takahashi.yui")
    };

    let code = value(&consent(&asana, &request, "allow").await, "code")
        .unwrap()
        .to_owned();
    let other = "another-verifier-that-is-long-enough-0123456789-abcdef";
    let (status, body) = exchange(&asana, &code, DEMO_REDIRECT_URI, Some(other)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );

    let code = value(&consent(&asana, &request, "allow").await, "code")
        .unwrap()
        .to_owned();
    let (status, body) = exchange(&asana, &code, DEMO_REDIRECT_URI, None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant")),
        "verifier missing"
    );

    let code = value(&consent(&asana, &request, "allow").await, "code")
        .unwrap()
        .to_owned();
    let (status, body) = exchange(&asana, &code, DEMO_REDIRECT_URI, Some(VERIFIER)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["email"], "takahashi.yui@example.co.jp");

    let plain = asana
        .http
        .get(format!("{}/-/oauth_authorize", asana.sim.url()))
        .query(&[
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", DEMO_REDIRECT_URI),
            ("response_type", "code"),
            ("code_challenge", VERIFIER),
            ("code_challenge_method", "plain"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), StatusCode::FOUND);
    assert!(
        plain.headers()["location"]
            .to_str()
            .unwrap()
            .contains("error=invalid_request"),
        "only S256"
    );
}

#[tokio::test]
async fn the_client_secret_is_required_even_with_pkce() {
    let asana = Asana::start().await;
    let request = Authorize {
        challenge: Some(challenge(VERIFIER)),
        ..Authorize::demo("suzuki.ichiro")
    };
    let code = value(&consent(&asana, &request, "allow").await, "code")
        .unwrap()
        .to_owned();
    for secret in ["", "wrong"] {
        let (status, body) = token_request(
            &asana,
            &[
                ("grant_type", "authorization_code"),
                ("client_id", DEMO_CLIENT_ID),
                ("client_secret", secret),
                ("redirect_uri", DEMO_REDIRECT_URI),
                ("code", &code),
                ("code_verifier", VERIFIER),
            ],
        )
        .await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("invalid_client"))
        );
    }
    // HTTP Basic client authentication works as well as the form.
    let response = asana
        .http
        .post(format!("{}/-/oauth_token", asana.sim.url()))
        .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
        .form(&[
            ("grant_type", "authorization_code"),
            ("redirect_uri", DEMO_REDIRECT_URI),
            ("code", &code),
            ("code_verifier", VERIFIER),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn wrong_redirect_uris_are_refused() {
    let asana = Asana::start().await;
    let page = asana
        .http
        .get(format!("{}/-/oauth_authorize", asana.sim.url()))
        .query(&[
            ("client_id", DEMO_CLIENT_ID),
            ("redirect_uri", "http://evil.example/cb"),
            ("response_type", "code"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.status(),
        StatusCode::BAD_REQUEST,
        "no redirect to an unregistered URI"
    );
    assert!(page.headers().get("location").is_none());
    let posted = asana
        .http
        .post(format!("{}/-/oauth_authorize", asana.sim.url()))
        .form(
            &Authorize {
                redirect_uri: "http://127.0.0.1:8765/other",
                ..Authorize::demo("suzuki.ichiro")
            }
            .form("allow"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::BAD_REQUEST);

    let code = value(
        &consent(&asana, &Authorize::demo("suzuki.ichiro"), "allow").await,
        "code",
    )
    .unwrap()
    .to_owned();
    let (status, body) = exchange(&asana, &code, "http://127.0.0.1:8765/other", None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );

    let unknown = asana
        .http
        .get(format!("{}/-/oauth_authorize", asana.sim.url()))
        .query(&[
            ("client_id", "nobody"),
            ("redirect_uri", DEMO_REDIRECT_URI),
            ("response_type", "code"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn refresh_keeps_the_same_refresh_token_and_revoke_ends_everything() {
    let asana = Asana::start().await;
    let (access, refresh_token) = sign_in(&asana, "suzuki.ichiro").await;

    let (status, body) = refresh(&asana, &refresh_token).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body.get("refresh_token").is_none(),
        "Asana does not rotate refresh tokens: {body}"
    );
    let second = body["access_token"].as_str().unwrap().to_owned();
    assert_ne!(second, access);
    let (status, _) = refresh(&asana, &refresh_token).await;
    assert_eq!(status, StatusCode::OK, "the refresh token keeps working");
    for token in [&access, &second] {
        assert_eq!(
            asana.call_as(token, Method::GET, "/users/me", None).await.0,
            StatusCode::OK
        );
    }

    let revoke = |token: String| {
        let http = asana.http.clone();
        let url = format!("{}/-/oauth_revoke", asana.sim.url());
        async move {
            http.post(url)
                .form(&[
                    ("client_id", DEMO_CLIENT_ID),
                    ("client_secret", DEMO_CLIENT_SECRET),
                    ("token", &token),
                ])
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        revoke(access.clone()).await,
        StatusCode::BAD_REQUEST,
        "access tokens are refused"
    );
    assert_eq!(revoke(refresh_token.clone()).await, StatusCode::OK);
    for token in [&access, &second] {
        let (status, body) = asana.call_as(token, Method::GET, "/users/me", None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    }
    let (status, body) = refresh(&asana, &refresh_token).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn expired_access_tokens_get_401_until_refreshed() {
    let asana = Asana::start().await;
    let (access, refresh_token) = sign_in(&asana, "suzuki.ichiro").await;
    let expired = asana
        .http
        .post(format!("{}/asana/oauth/expire", asana.sim.admin_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), StatusCode::OK);
    let (status, body) = asana.call_as(&access, Method::GET, "/users/me", None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(Asana::message(&body).contains("expired"), "{body}");
    let (_, body) = refresh(&asana, &refresh_token).await;
    let fresh = body["access_token"].as_str().unwrap();
    assert_eq!(
        asana.call_as(fresh, Method::GET, "/users/me", None).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn apps_registered_through_the_control_route_can_sign_in() {
    let asana = Asana::start().await;
    let redirect_uri = "http://127.0.0.1:49152/callback";
    let registered: Value = asana
        .http
        .post(format!("{}/asana/oauth/clients", asana.sim.admin_url()))
        .json(&json!({ "redirectUri": redirect_uri }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let client_id = registered["clientId"].as_str().unwrap();
    let secret = registered["clientSecret"].as_str().unwrap();
    assert_eq!(registered["redirectUri"], redirect_uri);
    assert_ne!(secret, DEMO_CLIENT_SECRET);

    let request = Authorize {
        client_id,
        redirect_uri,
        challenge: None,
        user: "tanaka.kenji",
    };
    let code = value(&consent(&asana, &request, "allow").await, "code")
        .unwrap()
        .to_owned();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", client_id),
        ("client_secret", DEMO_CLIENT_SECRET),
        ("redirect_uri", redirect_uri),
        ("code", code.as_str()),
    ];
    assert_eq!(
        token_request(&asana, &form).await.0,
        StatusCode::UNAUTHORIZED,
        "another app's secret"
    );
    let code = value(&consent(&asana, &request, "allow").await, "code")
        .unwrap()
        .to_owned();
    let form = [
        ("grant_type", "authorization_code"),
        ("client_id", client_id),
        ("client_secret", secret),
        ("redirect_uri", redirect_uri),
        ("code", code.as_str()),
    ];
    let (status, body) = token_request(&asana, &form).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["email"], "tanaka.kenji@example.co.jp");

    let bad = asana
        .http
        .post(format!("{}/asana/oauth/clients", asana.sim.admin_url()))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn viewers_may_read_but_every_write_gets_403() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let section = asana.section(&project, "進行中").await;
    let task = asana.get(&format!("/projects/{project}/tasks")).await["data"][0]["gid"]
        .as_str()
        .unwrap()
        .to_owned();
    let viewer = asana.token_of(Role::Viewer);
    let (access, _) = sign_in(&asana, &asana.person(Role::Viewer).login).await;

    for token in [viewer.as_str(), access.as_str()] {
        let (status, _) = asana
            .call_as(token, Method::GET, &format!("/tasks/{task}"), None)
            .await;
        assert_eq!(status, StatusCode::OK, "viewers browse");
        let writes = [
            (
                Method::POST,
                "/tasks".to_owned(),
                json!({ "data": { "name": "x", "projects": [project] } }),
            ),
            (
                Method::PUT,
                format!("/tasks/{task}"),
                json!({ "data": { "name": "x" } }),
            ),
            (Method::DELETE, format!("/tasks/{task}"), json!({})),
            (
                Method::POST,
                format!("/sections/{section}/addTask"),
                json!({ "data": { "task": task } }),
            ),
            (
                Method::POST,
                format!("/tasks/{task}/addProject"),
                json!({ "data": { "project": project } }),
            ),
        ];
        for (method, path, body) in writes {
            let (status, answer) = asana
                .call_as(token, method.clone(), &path, Some(body))
                .await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {answer}");
            assert!(!Asana::message(&answer).is_empty());
        }
    }
    let (_, after) = asana
        .call(Method::GET, &format!("/tasks/{task}"), None)
        .await;
    assert_ne!(after["data"]["name"], "x", "nothing was written");
}
