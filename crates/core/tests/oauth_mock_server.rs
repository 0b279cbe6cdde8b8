//! OAuth 2.0 sign-in end to end against a real OAuth 2.0 server, the npm
//! package oauth2-mock-server (started by tests/oauth/server.mjs, which also
//! makes codes single-use, PKCE mandatory once a challenge was sent, refresh
//! tokens rotating, and revocation real). The browser is played with
//! reqwest: authorization URL → redirect → loopback listener.
//!
//! Skipped with a message when `node` is missing, unless
//! KAKEHASHI_REQUIRE_OAUTH_SERVER=1 (make test sets it).

mod support;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use futures_util::future::join_all;
use kakehashi_core::oauth::{
    redirect_url, sign_out, KeychainTokenStore, Language, OAuthApp, Provider, SignOut, TokenSet,
};
use kakehashi_http::oauth::OAuthRefresher;
use kakehashi_http::ErrorKind;
use kakehashi_secrets::MemoryStore;
use support::browser::{Browser, Choice};
use support::mock_server::MockServer;
use support::{free_port, start_sign_in};
use url::Url;

const CLIENT_ID: &str = "kakehashi-test";

fn app() -> OAuthApp {
    OAuthApp {
        client_id: CLIENT_ID.into(),
        client_secret: None,
    }
}

fn param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

#[tokio::test]
async fn sign_in_with_pkce_then_refresh_with_rotation_and_revoke() {
    let Some(server) = MockServer::start(false) else {
        return;
    };
    let provider = server.provider();
    let port = free_port();
    let running = start_sign_in(provider.clone(), app(), port, Language::English).await;

    let asked = Url::parse(&running.url).unwrap();
    assert_eq!(asked.path(), "/authorize");
    assert_eq!(
        param(&asked, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(param(&asked, "code_challenge").map(|c| c.len()), Some(43));
    assert_eq!(param(&asked, "redirect_uri"), Some(redirect_url(port)));
    assert_eq!(
        param(&asked, "scope").as_deref(),
        Some("openid offline_access")
    );
    assert!(param(&asked, "state").is_some_and(|s| s.len() >= 22));

    let page = Browser::new().visit(&running.url, Choice::Allow).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("Kakehashi is signed in to Test OAuth server"),
        "{}",
        page.body
    );
    let tokens = running.done.await.unwrap().unwrap();
    let code = param(&page.url, "code").expect("the redirect carried a code");
    let refresh = tokens.refresh_token.clone().expect("a refresh token");
    for secret in [
        code.as_str(),
        tokens.access_token.expose(),
        refresh.expose(),
    ] {
        assert!(!page.body.contains(secret), "the page shows a secret");
    }
    let left = tokens
        .expires_at
        .unwrap()
        .duration_since(SystemTime::now())
        .unwrap();
    assert!(left > Duration::from_secs(3500), "{left:?}");

    // The tokens in the keychain entry; the access token has expired, so
    // the first use renews it, and the rotated refresh token is saved.
    let store = Arc::new(KeychainTokenStore::new(
        Arc::new(MemoryStore::default()),
        "credential-1",
    ));
    let expired = TokenSet {
        expires_at: Some(SystemTime::now() - Duration::from_secs(1)),
        ..tokens.clone()
    };
    store.write(&expired, None).unwrap();
    let client = provider
        .client(CLIENT_ID, None, &redirect_url(port))
        .unwrap();
    let endpoint = provider.token_endpoint(client).unwrap();
    let refresher = OAuthRefresher::new(endpoint.clone(), store.clone());
    let access = refresher.access_token().await.unwrap();
    let first = store.read().unwrap().unwrap().tokens;
    assert_ne!(access, tokens.access_token);
    assert_eq!(first.access_token, access);
    assert_ne!(
        first.refresh_token, tokens.refresh_token,
        "the rotated refresh token is saved"
    );

    // The server spent the old refresh token: only the saved one works.
    let spent = endpoint.refresh(&tokens).await.unwrap_err();
    assert_eq!(spent.kind, ErrorKind::Unauthorized);
    assert!(spent.message.contains("invalid_grant"), "{}", spent.message);
    assert!(
        spent.message.contains("Sign in to Test OAuth server again"),
        "{}",
        spent.message
    );
    assert!(
        !spent.message.contains(refresh.expose().as_str()),
        "{}",
        spent.message
    );

    // Requests rejected together (401) share one refresh: a second refresh
    // with the same token would be refused by the server.
    let rejected = join_all((0..5).map(|_| refresher.renew_rejected(&access))).await;
    let renewed = rejected[0].clone().unwrap();
    assert!(
        rejected.iter().all(|r| r.as_ref() == Ok(&renewed)),
        "{rejected:?}"
    );
    let second = store.read().unwrap().unwrap().tokens;
    assert_eq!(second.access_token, renewed);
    assert_ne!(second.refresh_token, first.refresh_token);

    // Sign out revokes at the server, then forgets here.
    let outcome = sign_out(&provider, CLIENT_ID, port, &store).await.unwrap();
    assert_eq!(outcome, SignOut::Revoked);
    assert!(!store.is_signed_in().unwrap());
    let revoked = endpoint.refresh(&second).await.unwrap_err();
    assert!(
        revoked.message.contains("was revoked"),
        "{}",
        revoked.message
    );
    assert_eq!(
        sign_out(&provider, CLIENT_ID, port, &store).await.unwrap(),
        SignOut::NotSignedIn
    );
}

/// The server really checks PKCE, so the sign-in above proves the
/// verifier we sent matches the challenge we asked with.
#[tokio::test]
async fn the_server_refuses_a_code_with_another_verifier() {
    let Some(server) = MockServer::start(false) else {
        return;
    };
    let provider = server.provider();
    // RFC 7636 appendix B: this verifier and its S256 challenge.
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    let redirect = "http://127.0.0.1:9/callback";
    let authorize = format!(
        "{}/authorize?response_type=code&client_id={CLIENT_ID}&redirect_uri={redirect}&state=s&code_challenge={challenge}&code_challenge_method=S256",
        server.url
    );
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .unwrap();
    let code = || async {
        let answer = http.get(&authorize).send().await.unwrap();
        let location = Url::parse(answer.headers()["location"].to_str().unwrap()).unwrap();
        param(&location, "code").unwrap()
    };
    let endpoint = provider
        .token_endpoint(provider.client(CLIENT_ID, None, redirect).unwrap())
        .unwrap();
    let other = "x".repeat(43);
    let refused = endpoint
        .exchange_code(&code().await, Some(&other), redirect)
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "Validation", "{}", refused.message);
    assert!(
        refused.message.contains("code_verifier"),
        "{}",
        refused.message
    );
    let missing = endpoint
        .exchange_code(&code().await, None, redirect)
        .await
        .unwrap_err();
    assert!(
        missing.message.contains("code_verifier is required"),
        "{}",
        missing.message
    );
    endpoint
        .exchange_code(&code().await, Some(verifier), redirect)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_redirect_with_a_wrong_state_is_rejected_and_the_sign_in_waits_for_the_right_one() {
    let Some(server) = MockServer::start(false) else {
        return;
    };
    let port = free_port();
    let running = start_sign_in(server.provider(), app(), port, Language::Japanese).await;
    let mut forged = Url::parse(&running.url).unwrap();
    let pairs: Vec<(String, String)> = forged
        .query_pairs()
        .map(|(k, v)| {
            let value = if k == "state" {
                "forged-state".into()
            } else {
                v.into_owned()
            };
            (k.into_owned(), value)
        })
        .collect();
    forged.query_pairs_mut().clear().extend_pairs(&pairs);

    let browser = Browser::new();
    let stale = browser.visit(forged.as_str(), Choice::Allow).await;
    assert_eq!(stale.status, 400);
    assert!(
        stale
            .body
            .contains("このページは現在のサインインのものではありません"),
        "{}",
        stale.body
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        !running.done.is_finished(),
        "a wrong state does not end the sign-in"
    );

    let page = browser.visit(&running.url, Choice::Allow).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<html lang=\"ja\">"), "{}", page.body);
    running
        .done
        .await
        .unwrap()
        .expect("the right redirect signs in");
}

#[tokio::test]
async fn a_denied_consent_is_reported_clearly() {
    let Some(server) = MockServer::start(true) else {
        return;
    };
    let running = start_sign_in(server.provider(), app(), free_port(), Language::English).await;
    let page = Browser::new().visit(&running.url, Choice::Deny).await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("You chose Deny"), "{}", page.body);
    let err = running.done.await.unwrap().unwrap_err();
    assert_eq!(err.code(), "Unauthorized");
    assert!(
        err.to_string().contains("You chose Deny in the browser"),
        "{err}"
    );
}

#[tokio::test]
async fn cancelling_ends_the_sign_in_and_frees_the_port() {
    // No server is contacted before the browser comes back.
    let provider = Provider::from_urls(
        "Test OAuth server",
        "http://127.0.0.1:9/authorize",
        "http://127.0.0.1:9/token",
        None,
        &[],
    )
    .unwrap();
    let port = free_port();
    let running = start_sign_in(provider, app(), port, Language::English).await;
    running.cancel.cancel();
    let err = running.done.await.unwrap().unwrap_err();
    assert!(err.to_string().contains("cancelled"), "{err}");
    std::net::TcpListener::bind(("127.0.0.1", port)).expect("the port is free again");
}
