//! Signing in: API key, Basic and token; the token renewed once after the
//! server forgot it, one sign-in for many concurrent requests, logout, the
//! vendor's pace, and no secret in any Debug output.

mod support;

use std::time::Instant;

use kakehashi_http::{Auth, ErrorKind, HttpClient, RatePolicy};
use kakehashi_ttnx::model::AuthenticationType;
use kakehashi_ttnx::{endpoint, TtnxClient, TtnxErrorDecoder};
use support::{fast_endpoint, Kind, Sim, ADMIN, MEMBER};

const SIGN_IN: &str = "POST /TimeTrackerNX/api/auth/token";
const ME: &str = "GET /TimeTrackerNX/api/system/users/me";

/// The bearer token a client holds now (its authenticator's current auth).
async fn current_auth(client: &TtnxClient) -> Auth {
    client.authenticator().auth().await.unwrap()
}

/// Ends a token on the server from another client, as a second app or an
/// administrator would: the client that holds it does not know.
async fn revoke_elsewhere(sim: &Sim, auth: &Auth) {
    let other = HttpClient::new(fast_endpoint(sim.sim.url()), TtnxErrorDecoder).unwrap();
    let answer = other
        .delete("api/auth/token")
        .auth(auth)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 204);
}

#[tokio::test]
async fn each_credential_kind_signs_in_and_users_me_says_how() {
    let sim = Sim::start().await;
    for (kind, expected) in [
        (Kind::ApiKey, AuthenticationType::Bearer),
        (Kind::Basic, AuthenticationType::Basic),
        (Kind::Token, AuthenticationType::Bearer),
    ] {
        let me = sim.client_as(MEMBER, kind).me().await.unwrap();
        assert_eq!(me.login_name.as_deref(), Some(MEMBER), "{kind:?}");
        assert_eq!(me.id, sim.user_id(MEMBER), "{kind:?}");
        assert_eq!(me.authentication_type, Some(expected), "{kind:?}");
        assert_eq!(me.name, "鈴木 一郎");
    }
    assert_eq!(sim.calls(SIGN_IN).await, 1, "only the token kind signs in");
    sim.stop().await;
}

#[tokio::test]
async fn wrong_or_confused_secrets_are_unauthorized_and_never_quoted() {
    let sim = Sim::start().await;
    let person = sim.person(MEMBER);
    let api_key = kakehashi_sim::ttnx::api_key(&person);
    let cases = [
        kakehashi_ttnx::Credentials::api_key("sim-ttnx-not-a-key"),
        // The API key where the password belongs: the server tells them apart.
        kakehashi_ttnx::Credentials::basic(MEMBER, api_key.clone()),
        kakehashi_ttnx::Credentials::token(MEMBER, api_key.clone()),
    ];
    for credentials in cases {
        let shown = format!("{credentials:?}");
        let client = TtnxClient::new(fast_endpoint(sim.sim.url()), credentials).unwrap();
        let err = client.me().await.unwrap_err();
        assert_eq!(err.kind, ErrorKind::Unauthorized, "{shown}: {err}");
        assert_eq!(err.code(), "Unauthorized");
        assert_eq!(err.status, Some(401));
        assert!(!err.message.contains(&api_key), "{}", err.message);
        assert!(!err.message.contains("not-a-key"), "{}", err.message);
    }
    sim.stop().await;
}

#[tokio::test]
async fn a_revoked_token_is_renewed_once_and_the_request_goes_through() {
    let sim = Sim::start().await;
    let client = sim.client_as(ADMIN, Kind::Token);
    client.me().await.unwrap();
    assert_eq!(sim.calls(SIGN_IN).await, 1);
    let first = current_auth(&client).await;
    revoke_elsewhere(&sim, &first).await;

    let me = client.me().await.unwrap();
    assert_eq!(me.login_name.as_deref(), Some(ADMIN));
    assert_eq!(sim.calls(SIGN_IN).await, 2, "signed in once more");
    assert_eq!(sim.calls(ME).await, 3, "ok, rejected, resent");
    let second = current_auth(&client).await;
    assert_ne!(bearer(&first), bearer(&second), "a new token is kept");
    sim.stop().await;
}

#[tokio::test]
async fn many_concurrent_requests_share_one_sign_in_and_one_renewal() {
    let sim = Sim::start().await;
    let client = sim.client_as(ADMIN, Kind::Token);
    let all_at_once = || async {
        let calls = (0..16).map(|_| client.me());
        for result in futures_util::future::join_all(calls).await {
            assert_eq!(result.unwrap().login_name.as_deref(), Some(ADMIN));
        }
    };
    all_at_once().await;
    assert_eq!(sim.calls(SIGN_IN).await, 1, "one sign-in for 16 requests");

    revoke_elsewhere(&sim, &current_auth(&client).await).await;
    all_at_once().await;
    assert_eq!(
        sim.calls(SIGN_IN).await,
        2,
        "16 rejected requests renew the token once"
    );
    assert_eq!(
        sim.calls(ME).await,
        16 + 16 + 16,
        "each rejected one resent"
    );
    sim.stop().await;
}

#[tokio::test]
async fn a_wrong_password_fails_the_sign_in_without_a_loop() {
    let sim = Sim::start().await;
    let client = TtnxClient::new(
        fast_endpoint(sim.sim.url()),
        kakehashi_ttnx::Credentials::token(ADMIN, "wrong-password-123"),
    )
    .unwrap();
    let err = client.me().await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unauthorized);
    assert!(
        !err.message.contains("wrong-password-123"),
        "{}",
        err.message
    );
    assert_eq!(sim.calls(SIGN_IN).await, 1);
    assert_eq!(sim.calls(ME).await, 0, "nothing sent without a token");
    sim.stop().await;
}

#[tokio::test]
async fn logout_ends_the_token_on_the_server_and_the_next_call_signs_in_again() {
    let sim = Sim::start().await;
    let client = sim.client_as(MEMBER, Kind::Token);
    client.me().await.unwrap();
    let old = current_auth(&client).await;
    client.logout().await.unwrap();
    client.logout().await.unwrap(); // nothing left to end: fine

    let raw = HttpClient::new(fast_endpoint(sim.sim.url()), TtnxErrorDecoder).unwrap();
    let err = raw
        .get("api/system/users/me")
        .auth(&old)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unauthorized, "the old token is dead");
    assert!(
        err.message.contains("トークン"),
        "server's words quoted: {err}"
    );

    client.me().await.unwrap();
    assert_eq!(sim.calls(SIGN_IN).await, 2);
    // Logging out of a key or Basic client sends nothing.
    sim.client_as(MEMBER, Kind::ApiKey).logout().await.unwrap();
    assert_eq!(sim.calls("DELETE /TimeTrackerNX/api/auth/token").await, 1);
    sim.stop().await;
}

#[tokio::test]
async fn no_secret_appears_in_debug_output() {
    let sim = Sim::start().await;
    let person = sim.person(ADMIN);
    let secrets = [
        kakehashi_sim::ttnx::api_key(&person),
        kakehashi_sim::ttnx::password(&person),
    ];
    for kind in [Kind::ApiKey, Kind::Basic, Kind::Token] {
        let credentials = sim.credentials(ADMIN, kind);
        let client = TtnxClient::new(fast_endpoint(sim.sim.url()), credentials.clone()).unwrap();
        client.me().await.unwrap();
        let token = bearer(&current_auth(&client).await);
        let shown = format!(
            "{client:?} {credentials:?} {:?}",
            current_auth(&client).await
        );
        for secret in secrets.iter().chain(token.iter()) {
            assert!(!shown.contains(secret.as_str()), "{kind:?}: {shown}");
        }
        assert!(shown.contains(kakehashi_secrets::REDACTED), "{shown}");
    }
    sim.stop().await;
}

#[tokio::test]
async fn the_endpoint_keeps_the_vendors_pace() {
    let sim = Sim::start().await;
    let paced = endpoint(sim.sim.url()).unwrap();
    assert_eq!(paced.rate, RatePolicy::timetracker_nx());
    let client = TtnxClient::new(paced, sim.credentials(ADMIN, Kind::ApiKey)).unwrap();
    let started = Instant::now();
    let calls = (0..6).map(|_| client.me());
    for result in futures_util::future::join_all(calls).await {
        result.unwrap();
    }
    let elapsed = started.elapsed();
    assert!(
        elapsed.as_millis() >= 500,
        "6 calls at once still start 100 ms apart: {elapsed:?}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn links_for_people_use_the_base_url_with_the_site() {
    let sim = Sim::start().await;
    let endpoint = fast_endpoint("https://tt.example.co.jp/TimeTrackerNX")
        .with_alt_url(Some(sim.sim.url()))
        .unwrap();
    let client = TtnxClient::new(endpoint, sim.credentials(ADMIN, Kind::ApiKey)).unwrap();
    client.me().await.unwrap();
    assert_eq!(
        client
            .project_link(&kakehashi_ttnx::model::ProjectId::from("47"))
            .unwrap()
            .as_str(),
        "https://tt.example.co.jp/TimeTrackerNX/#project/47"
    );
    sim.stop().await;
}

fn bearer(auth: &Auth) -> Option<String> {
    match auth {
        Auth::Bearer(token) => Some(token.expose().clone()),
        _ => None,
    }
}
