//! OAuth 2.0 against the Asana simulator: the code exchange, a refresh
//! when Asana rejects an expired access token (once, shared by concurrent
//! requests, saved to the store), a refresh before an expiring token is
//! sent, and a revoked grant that asks for a new sign-in.

mod support;

use std::sync::Arc;

use futures_util::future::join_all;
use kakehashi_asana::{oauth_client, AsanaClient, AsanaDecoder, Credentials};
use kakehashi_http::oauth::{MemoryTokenStore, OAuthClient, TokenEndpoint, TokenSet};
use kakehashi_http::{ErrorKind, HttpClient};
use kakehashi_secrets::Sensitive;
use kakehashi_sim::asana::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_REDIRECT_URI};
use support::{consent_code, Asana};

const TOKEN_ENDPOINT: &str = "POST /-/oauth_token";
/// Stats count by route template.
const ME: &str = "GET /api/1.0/users/{user_gid}";

fn demo_app() -> OAuthClient {
    oauth_client(
        DEMO_CLIENT_ID,
        Sensitive::new(DEMO_CLIENT_SECRET.into()),
        DEMO_REDIRECT_URI,
    )
}

/// The token side of the simulator for `app`.
fn token_endpoint(asana: &Asana, app: OAuthClient) -> TokenEndpoint {
    TokenEndpoint::new(
        HttpClient::new(asana.endpoint(), AsanaDecoder).unwrap(),
        app,
    )
}

/// Signs `login` in through the consent page and the code exchange.
async fn sign_in(asana: &Asana, login: &str) -> TokenSet {
    let code = consent_code(asana, login).await;
    token_endpoint(asana, demo_app())
        .exchange_code(&code, None, DEMO_REDIRECT_URI)
        .await
        .unwrap()
}

fn oauth_api_client(asana: &Asana, store: &Arc<MemoryTokenStore>) -> AsanaClient {
    asana.client_with(Credentials::oauth(demo_app(), store.clone()))
}

#[tokio::test]
async fn an_expired_access_token_is_refreshed_once_and_saved() {
    let asana = Asana::start().await;
    let tokens = sign_in(&asana, "sato.hanako").await;
    assert!(tokens.expires_at.is_some());
    let store = Arc::new(MemoryTokenStore::new(tokens.clone()));
    let client = oauth_api_client(&asana, &store);
    let me = client.me().await.unwrap();
    assert_eq!(me.email.as_deref(), Some("sato.hanako@example.co.jp"));
    assert_eq!(
        asana.count(TOKEN_ENDPOINT).await,
        1,
        "the code exchange only"
    );

    asana.control("asana/oauth/expire").await;
    let me_again = client.me().await.unwrap();
    assert_eq!(me_again, me);
    assert_eq!(asana.count(TOKEN_ENDPOINT).await, 2, "one refresh");
    assert_eq!(asana.count(ME).await, 3, "ok, 401, resent");
    let saved = store.current().unwrap();
    assert_ne!(saved.access_token, tokens.access_token);
    assert_eq!(saved.refresh_token, tokens.refresh_token, "Asana keeps it");

    // Requests rejected together share one refresh.
    asana.control("asana/oauth/expire").await;
    let clones: Vec<AsanaClient> = (0..6).map(|_| client.clone()).collect();
    let answers = join_all(clones.iter().map(|c| c.me())).await;
    assert!(answers.iter().all(|a| a.as_ref() == Ok(&me)), "{answers:?}");
    assert_eq!(asana.count(TOKEN_ENDPOINT).await, 3, "one refresh for six");
    asana.stop().await;
}

#[tokio::test]
async fn an_access_token_about_to_expire_is_refreshed_before_it_is_sent() {
    let asana = Asana::start().await;
    let signed_in = sign_in(&asana, "kakehashi-sync").await;
    let tokens = TokenSet {
        expires_at: Some(std::time::SystemTime::now() + std::time::Duration::from_secs(30)),
        ..signed_in.clone()
    };
    let store = Arc::new(MemoryTokenStore::new(tokens));
    let client = oauth_api_client(&asana, &store);
    client.me().await.unwrap();
    assert_eq!(asana.count(TOKEN_ENDPOINT).await, 2);
    assert_eq!(asana.count(ME).await, 1, "no 401 first");
    assert_ne!(
        store.current().unwrap().access_token,
        signed_in.access_token
    );
    asana.stop().await;
}

#[tokio::test]
async fn a_revoked_grant_asks_for_a_new_sign_in() {
    let asana = Asana::start().await;
    let tokens = sign_in(&asana, "kakehashi-sync").await;
    let store = Arc::new(MemoryTokenStore::new(tokens.clone()));
    let client = oauth_api_client(&asana, &store);
    client.me().await.unwrap();

    token_endpoint(&asana, demo_app())
        .revoke(&tokens)
        .await
        .unwrap();

    let error = client.me().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unauthorized);
    asana.control("asana/oauth/expire").await;
    let error = client.me().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unauthorized);
    assert!(
        error.message.contains("Sign in to Asana again"),
        "{}",
        error.message
    );
    assert!(error.message.contains("invalid_grant"), "{}", error.message);
    let refresh_token = tokens.refresh_token.as_ref().unwrap().expose();
    assert!(!error.message.contains(refresh_token.as_str()));
    assert!(!error.message.contains(DEMO_CLIENT_SECRET));
    asana.stop().await;
}

#[tokio::test]
async fn a_wrong_client_secret_is_refused_as_unauthorized() {
    let asana = Asana::start().await;
    let code = consent_code(&asana, "kakehashi-sync").await;
    let wrong = oauth_client(
        DEMO_CLIENT_ID,
        Sensitive::new("not-the-secret".into()),
        DEMO_REDIRECT_URI,
    );
    let error = token_endpoint(&asana, wrong)
        .exchange_code(&code, None, DEMO_REDIRECT_URI)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "Unauthorized");
    assert!(
        error.message.contains("invalid_client"),
        "{}",
        error.message
    );
    assert!(!error.message.contains("not-the-secret"));
    asana.stop().await;
}

#[test]
fn debug_output_holds_no_secret() {
    let tokens = TokenSet {
        access_token: Sensitive::new("access-9f8e7d".into()),
        refresh_token: Some(Sensitive::new("refresh-1a2b3c".into())),
        expires_at: None,
        scope: None,
    };
    let store: Arc<MemoryTokenStore> = Arc::new(MemoryTokenStore::new(tokens.clone()));
    let app = oauth_client(
        "1209",
        Sensitive::new("client-secret-4d5e".into()),
        DEMO_REDIRECT_URI,
    );
    let oauth = Credentials::oauth(app.clone(), store.clone());
    let pat = Credentials::pat("pat-secret-6f7a");
    let endpoint = AsanaClient::default_endpoint().unwrap();
    let clients = [
        AsanaClient::new(endpoint.clone(), oauth.clone()).unwrap(),
        AsanaClient::new(endpoint, pat.clone()).unwrap(),
    ];
    let shown = format!("{oauth:?} {pat:?} {tokens:?} {store:?} {clients:?} {app:?}");
    for secret in [
        "access-9f8e7d",
        "refresh-1a2b3c",
        "client-secret-4d5e",
        "pat-secret-6f7a",
    ] {
        assert!(!shown.contains(secret), "{secret} in {shown}");
    }
    assert!(
        shown.contains("personal access token") && shown.contains("OAuth"),
        "{shown}"
    );
}
