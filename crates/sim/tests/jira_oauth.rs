//! Jira Data Center's OAuth 2.0 incoming application link: consent page,
//! authorization code with PKCE S256, exact redirect URIs, rotating refresh
//! tokens and expiring access tokens.

#[path = "support/jira.rs"]
mod jira;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jira::{Answer, Auth, Site};
use kakehashi_sim::jira::{demo_client_secret, DEMO_CLIENT_ID, DEMO_REDIRECT_URI};
use reqwest::{Method, StatusCode};
use serde_json::json;
use sha2::{Digest, Sha256};

const AUTHORIZE: &str = "/rest/oauth2/latest/authorize";
const TOKEN: &str = "/rest/oauth2/latest/token";
const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-kakehashi-test";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).expect("hex"));
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).expect("utf-8")
}

/// The query parameters of a redirect's Location.
fn location_params(answer: &Answer) -> (String, Vec<(String, String)>) {
    let location = answer.header("location").expect("a redirect").to_owned();
    let (base, query) = location.split_once('?').expect("a query");
    let params = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), decode(v)))
        .collect();
    (base.to_owned(), params)
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn authorize_form(
    client: &str,
    redirect: &str,
    scope: &str,
    login: &str,
    decision: &str,
) -> Vec<(String, String)> {
    [
        ("client_id", client),
        ("redirect_uri", redirect),
        ("response_type", "code"),
        ("scope", scope),
        ("state", "st-42"),
        ("code_challenge", &challenge(VERIFIER)),
        ("code_challenge_method", "S256"),
        ("login", login),
        ("decision", decision),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Runs the consent step and returns the authorization code.
async fn authorize(site: &Site, client: &str, redirect: &str, scope: &str, login: &str) -> String {
    let answer = site
        .send(
            site.http
                .post(site.url(AUTHORIZE))
                .form(&authorize_form(client, redirect, scope, login, "allow")),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FOUND);
    let (base, params) = location_params(&answer);
    assert_eq!(base, redirect);
    assert_eq!(param(&params, "state"), Some("st-42"));
    param(&params, "code").expect("a code").to_owned()
}

async fn token(site: &Site, form: &[(&str, &str)]) -> Answer {
    site.send(site.http.post(site.url(TOKEN)).form(form)).await
}

async fn exchange(site: &Site, code: &str, redirect: &str, verifier: &str) -> Answer {
    token(
        site,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect),
            ("client_id", DEMO_CLIENT_ID),
            ("code_verifier", verifier),
        ],
    )
    .await
}

#[tokio::test]
async fn the_consent_page_shows_the_signed_in_user_and_both_choices() {
    let site = Site::dc().await;
    let query = format!(
        "{AUTHORIZE}?client_id={DEMO_CLIENT_ID}&redirect_uri={}&response_type=code&scope=READ%20WRITE&state=s1&code_challenge={}&code_challenge_method=S256&login=suzuki.ichiro",
        DEMO_REDIRECT_URI.replace(':', "%3A").replace('/', "%2F"),
        challenge(VERIFIER)
    );
    let page = site.send(site.http.get(site.url(&query))).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = String::from_utf8(page.bytes.clone()).unwrap();
    assert!(html.contains("鈴木 一郎"), "{html}");
    assert!(html.contains("value=\"allow\"") && html.contains("value=\"deny\""));
    assert!(html.contains("READ") && html.contains("WRITE"));

    // Without login= the service account is signed in.
    let default = site
        .send(
            site.http
                .get(site.url(&query.replace("&login=suzuki.ichiro", ""))),
        )
        .await;
    assert!(String::from_utf8(default.bytes)
        .unwrap()
        .contains("kakehashi-sync"));
}

#[tokio::test]
async fn the_full_pkce_flow_gives_tokens_that_work_on_the_rest_api() {
    let site = Site::dc().await;
    let code = authorize(
        &site,
        DEMO_CLIENT_ID,
        DEMO_REDIRECT_URI,
        "READ WRITE",
        "suzuki.ichiro",
    )
    .await;
    let tokens = exchange(&site, &code, DEMO_REDIRECT_URI, VERIFIER).await;
    assert_eq!(tokens.status, StatusCode::OK, "{}", tokens.body);
    assert_eq!(tokens.body["token_type"], "bearer");
    assert_eq!(tokens.body["expires_in"], 3600);
    assert_eq!(tokens.header("cache-control"), Some("no-store"));
    let access = tokens.body["access_token"].as_str().unwrap().to_owned();
    let me = site
        .send(site.request(
            &Auth::Bearer(access.clone()),
            Method::GET,
            "/rest/api/2/myself",
        ))
        .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["name"], "suzuki.ichiro");

    // A WRITE token may create issues.
    let create = site
        .request(&Auth::Bearer(access), Method::POST, "/rest/api/2/issue")
        .json(&json!({"fields": {"project": {"key": "SYS"}, "issuetype": {"name": "Task"}, "summary": "OAuth で作成"}}));
    assert_eq!(site.send(create).await.status, StatusCode::CREATED);

    // The code was single-use.
    let again = exchange(&site, &code, DEMO_REDIRECT_URI, VERIFIER).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(again.body["error"], "invalid_grant");
}

#[tokio::test]
async fn a_wrong_code_verifier_is_rejected() {
    let site = Site::dc().await;
    let code = authorize(
        &site,
        DEMO_CLIENT_ID,
        DEMO_REDIRECT_URI,
        "READ",
        "sato.hanako",
    )
    .await;
    let answer = exchange(
        &site,
        &code,
        DEMO_REDIRECT_URI,
        "a-completely-different-verifier-of-enough-length",
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body["error"], "invalid_grant");
    assert!(answer.body["error_description"]
        .as_str()
        .unwrap()
        .contains("PKCE"));
    let missing = token(
        &site,
        &[
            ("grant_type", "authorization_code"),
            (
                "code",
                &authorize(
                    &site,
                    DEMO_CLIENT_ID,
                    DEMO_REDIRECT_URI,
                    "READ",
                    "sato.hanako",
                )
                .await,
            ),
            ("redirect_uri", DEMO_REDIRECT_URI),
            ("client_id", DEMO_CLIENT_ID),
        ],
    )
    .await;
    assert_eq!(missing.body["error"], "invalid_grant");
}

#[tokio::test]
async fn redirect_uris_must_match_exactly() {
    let site = Site::dc().await;
    // At the consent step an unregistered redirect URI gets an error page, never a redirect.
    let wrong = "http://127.0.0.1:8765/callback/";
    let answer = site
        .send(site.http.post(site.url(AUTHORIZE)).form(&authorize_form(
            DEMO_CLIENT_ID,
            wrong,
            "READ",
            "sato.hanako",
            "allow",
        )))
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(answer.header("location").is_none());
    assert!(String::from_utf8(answer.bytes)
        .unwrap()
        .contains("does not match"));

    // At the token step the redirect URI must repeat the authorization request's.
    let code = authorize(
        &site,
        DEMO_CLIENT_ID,
        DEMO_REDIRECT_URI,
        "READ",
        "sato.hanako",
    )
    .await;
    let answer = exchange(&site, &code, "http://127.0.0.1:9999/callback", VERIFIER).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body["error"], "invalid_grant");

    // Unknown clients are refused.
    let unknown = token(
        &site,
        &[
            ("grant_type", "authorization_code"),
            ("code", "x"),
            ("client_id", "nobody"),
        ],
    )
    .await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.body["error"], "invalid_client");
    let bad_secret = token(
        &site,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", "x"),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", "wrong"),
        ],
    )
    .await;
    assert_eq!(bad_secret.body["error"], "invalid_client");
    let grant = token(
        &site,
        &[("grant_type", "password"), ("client_id", DEMO_CLIENT_ID)],
    )
    .await;
    assert_eq!(grant.body["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn deny_redirects_with_access_denied() {
    let site = Site::dc().await;
    let answer = site
        .send(site.http.post(site.url(AUTHORIZE)).form(&authorize_form(
            DEMO_CLIENT_ID,
            DEMO_REDIRECT_URI,
            "READ",
            "sato.hanako",
            "deny",
        )))
        .await;
    assert_eq!(answer.status, StatusCode::FOUND);
    let (base, params) = location_params(&answer);
    assert_eq!(base, DEMO_REDIRECT_URI);
    assert_eq!(param(&params, "error"), Some("access_denied"));
    assert_eq!(param(&params, "state"), Some("st-42"));
    assert!(param(&params, "code").is_none());
    // An unknown scope is reported to the client too.
    let answer = site
        .send(site.http.post(site.url(AUTHORIZE)).form(&authorize_form(
            DEMO_CLIENT_ID,
            DEMO_REDIRECT_URI,
            "READ EVERYTHING",
            "sato.hanako",
            "allow",
        )))
        .await;
    let (_, params) = location_params(&answer);
    assert_eq!(param(&params, "error"), Some("invalid_scope"));
}

#[tokio::test]
async fn refresh_tokens_rotate_and_expired_access_tokens_are_refused() {
    let site = Site::dc().await;
    let code = authorize(
        &site,
        DEMO_CLIENT_ID,
        DEMO_REDIRECT_URI,
        "READ WRITE",
        "takahashi.yui",
    )
    .await;
    let first = exchange(&site, &code, DEMO_REDIRECT_URI, VERIFIER)
        .await
        .body;
    let refresh = first["refresh_token"].as_str().unwrap().to_owned();
    let access = first["access_token"].as_str().unwrap().to_owned();

    let expired = site.control("/__sim/jira-dc/oauth/expire", json!({})).await;
    assert!(expired["expired"].as_u64().unwrap() >= 1);
    let refused = site
        .send(site.request(&Auth::Bearer(access), Method::GET, "/rest/api/2/myself"))
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused
        .header("www-authenticate")
        .is_some_and(|h| h.contains("invalid_token")));

    let secret = demo_client_secret();
    let renewed = token(
        &site,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", &secret),
        ],
    )
    .await;
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.body);
    let new_refresh = renewed.body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(new_refresh, refresh);
    let new_access = renewed.body["access_token"].as_str().unwrap().to_owned();
    let me = site
        .send(site.request(&Auth::Bearer(new_access), Method::GET, "/rest/api/2/myself"))
        .await;
    assert_eq!(me.body["name"], "takahashi.yui");

    // The old refresh token was spent by the rotation.
    let reused = token(
        &site,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh),
            ("client_id", DEMO_CLIENT_ID),
        ],
    )
    .await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST);
    assert_eq!(reused.body["error"], "invalid_grant");
    let next = token(
        &site,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &new_refresh),
            ("client_id", DEMO_CLIENT_ID),
        ],
    )
    .await;
    assert_eq!(next.status, StatusCode::OK);

    // Access tokens also expire when an hour passes on the simulator's clock.
    let access = next.body["access_token"].as_str().unwrap().to_owned();
    site.advance_clock(3_601_000).await;
    let late = site
        .send(site.request(&Auth::Bearer(access), Method::GET, "/rest/api/2/myself"))
        .await;
    assert_eq!(late.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_read_token_cannot_write_and_registered_clients_work() {
    let site = Site::dc().await;
    let registered = site
        .control(
            "/__sim/jira-dc/oauth/clients",
            json!({"redirectUri": "http://127.0.0.1:40123/cb", "clientId": "my-app"}),
        )
        .await;
    assert_eq!(registered["clientId"], "my-app");
    assert_eq!(registered["redirectUri"], "http://127.0.0.1:40123/cb");
    let secret = registered["clientSecret"].as_str().unwrap().to_owned();
    assert!(!secret.is_empty());

    let code = authorize(
        &site,
        "my-app",
        "http://127.0.0.1:40123/cb",
        "READ",
        "sato.hanako",
    )
    .await;
    // Confidential exchange: secret in HTTP Basic, PKCE verifier too.
    let answer = site
        .send(
            site.http
                .post(site.url(TOKEN))
                .basic_auth("my-app", Some(&secret))
                .form(&[
                    ("grant_type", "authorization_code"),
                    ("code", &code),
                    ("redirect_uri", "http://127.0.0.1:40123/cb"),
                    ("code_verifier", VERIFIER),
                ]),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let access = Auth::Bearer(answer.body["access_token"].as_str().unwrap().to_owned());
    assert_eq!(
        site.send(site.request(&access, Method::GET, "/rest/api/2/issue/SYS-1"))
            .await
            .status,
        StatusCode::OK
    );
    let write = site
        .request(&access, Method::PUT, "/rest/api/2/issue/SYS-1")
        .json(&json!({"fields": {"summary": "x"}}));
    assert_eq!(site.send(write).await.status, StatusCode::FORBIDDEN);

    // The demo client's code cannot be redeemed by another client.
    let code = authorize(
        &site,
        DEMO_CLIENT_ID,
        DEMO_REDIRECT_URI,
        "READ",
        "sato.hanako",
    )
    .await;
    let stolen = token(
        &site,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", DEMO_REDIRECT_URI),
            ("client_id", "my-app"),
            ("code_verifier", VERIFIER),
        ],
    )
    .await;
    assert_eq!(stolen.body["error"], "invalid_grant");
}

#[tokio::test]
async fn cloud_has_no_oauth_provider_of_its_own() {
    let site = Site::cloud().await;
    let answer = site
        .send(
            site.http
                .post(site.url(TOKEN))
                .form(&[("grant_type", "refresh_token")]),
        )
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
}
