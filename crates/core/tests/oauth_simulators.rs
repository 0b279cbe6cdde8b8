//! OAuth 2.0 sign-in against the Jira Data Center and Asana simulators:
//! an OAuth client registered through the simulator's control API, the
//! consent page fetched and its Allow (or Deny) form posted as a browser
//! would, the tokens kept in a keychain entry (in memory here), and real
//! API calls through `authenticator_for` that renew the access token after
//! it expired, rotated refresh tokens saved.

mod support;

use std::sync::Arc;

use kakehashi_asana::AsanaClient;
use kakehashi_core::oauth::{
    authenticator_for, oauth_client_for, redirect_url, sign_out, KeychainTokenStore, Language,
    OAuthApp, Provider, SignOut,
};
use kakehashi_core::remote::endpoint_for;
use kakehashi_core::workspace::{CredentialKind, Server, ServerKind, ServerProxy, ServerTls};
use kakehashi_jira::JiraClient;
use kakehashi_secrets::{MemoryStore, Sensitive};
use kakehashi_sim::{start, RunningSim, SimKind, SimOptions};
use serde_json::{json, Value};
use support::browser::{Browser, Choice};
use support::{free_port, start_sign_in};

fn server(kind: ServerKind, sim: &RunningSim) -> Server {
    Server {
        id: 1,
        kind,
        name: "Simulator".into(),
        base_url: sim.url().to_owned(),
        alt_url: None,
        time_zone: None,
        is_demo: false,
        created_at: "2026-01-01T00:00:00Z".into(),
        tls: ServerTls::default(),
        proxy: ServerProxy::Direct,
    }
}

async fn control(sim: &RunningSim, path: &str, body: Value) -> Value {
    let answer = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}/{path}", sim.admin_url()))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_success(), "{path}: {}", answer.status());
    serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap()
}

async fn count(sim: &RunningSim, endpoint: &str) -> u64 {
    let stats = reqwest::get(format!("{}/stats", sim.admin_url()))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let stats: Value = serde_json::from_slice(&stats).unwrap();
    stats["byEndpoint"][endpoint].as_u64().unwrap_or(0)
}

fn refresh_token(store: &KeychainTokenStore) -> String {
    let grant = store.read().unwrap().expect("signed in");
    grant
        .tokens
        .refresh_token
        .expect("a refresh token")
        .expose()
        .clone()
}

#[tokio::test]
async fn jira_dc_sign_in_with_pkce_then_api_calls_that_renew_the_token() {
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let port = free_port();
    // A public client: PKCE without a client secret.
    let registered = control(
        &sim,
        "jira-dc/oauth/clients",
        json!({ "redirectUri": redirect_url(port) }),
    )
    .await;
    let client_id = registered["clientId"].as_str().unwrap().to_owned();
    let server = server(ServerKind::JiraDataCenter, &sim);
    let provider = Provider::for_server(&server, CredentialKind::JiraDcOauth).unwrap();
    let app = OAuthApp {
        client_id: client_id.clone(),
        client_secret: None,
    };

    let running = start_sign_in(provider.clone(), app, port, Language::English).await;
    assert!(running
        .url
        .starts_with(&format!("{}/rest/oauth2/latest/authorize?", sim.url())));
    let page = Browser::new().visit(&running.url, Choice::Allow).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("Kakehashi is signed in to Jira Data Center"),
        "{}",
        page.body
    );
    let tokens = running.done.await.unwrap().unwrap();
    assert_eq!(tokens.scope.as_deref(), Some("WRITE"));

    let store = Arc::new(KeychainTokenStore::new(
        Arc::new(MemoryStore::default()),
        "credential-1",
    ));
    store.write(&tokens, None).unwrap();
    let authenticator = authenticator_for(
        &server,
        CredentialKind::JiraDcOauth,
        &client_id,
        port,
        store.clone(),
    )
    .unwrap();
    let jira = JiraClient::connect(
        endpoint_for(&server).unwrap(),
        kakehashi_jira::Credentials::dc_oauth_with(authenticator),
    )
    .await
    .unwrap();
    let me = jira.myself().await.unwrap();
    assert_eq!(me.name.as_deref(), Some(sim.login()));

    let first = refresh_token(&store);
    let exchanges = count(&sim, "POST /rest/oauth2/latest/token").await;
    control(&sim, "jira-dc/oauth/expire", json!({})).await;
    assert_eq!(jira.myself().await.unwrap(), me);
    assert_eq!(
        count(&sim, "POST /rest/oauth2/latest/token").await,
        exchanges + 1
    );
    let second = refresh_token(&store);
    assert_ne!(second, first, "the rotated refresh token is saved");

    // Again, with the saved token: it is the one the server knows now.
    control(&sim, "jira-dc/oauth/expire", json!({})).await;
    assert_eq!(jira.myself().await.unwrap(), me);
    assert_ne!(refresh_token(&store), second);

    // Jira DC cannot revoke: the sign-in is forgotten here, with advice.
    let outcome = sign_out(&provider, &client_id, port, &store).await.unwrap();
    let SignOut::Forgotten { advice } = outcome else {
        panic!("{outcome:?}");
    };
    assert!(advice.contains("Authorized applications"), "{advice}");
    assert!(!store.is_signed_in().unwrap());
    sim.stop().await;
}

#[tokio::test]
async fn jira_dc_consent_denied_is_reported_clearly() {
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let port = free_port();
    let registered = control(
        &sim,
        "jira-dc/oauth/clients",
        json!({ "redirectUri": redirect_url(port) }),
    )
    .await;
    let server = server(ServerKind::JiraDataCenter, &sim);
    let provider = Provider::for_server(&server, CredentialKind::JiraDcOauth).unwrap();
    let app = OAuthApp {
        client_id: registered["clientId"].as_str().unwrap().to_owned(),
        client_secret: Some(Sensitive::new(
            registered["clientSecret"].as_str().unwrap().to_owned(),
        )),
    };
    let running = start_sign_in(provider, app, port, Language::Swedish).await;
    let page = Browser::new().visit(&running.url, Choice::Deny).await;
    assert_eq!(page.status, 403);
    assert!(page.body.contains("Du valde Neka"), "{}", page.body);
    let err = running.done.await.unwrap().unwrap_err();
    assert_eq!(err.code(), "Unauthorized");
    assert!(
        err.to_string().contains("You chose Deny in the browser"),
        "{err}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn asana_sign_in_then_api_calls_that_renew_the_token_and_sign_out_revokes() {
    let sim = start(SimKind::Asana, &SimOptions::default(), 0)
        .await
        .unwrap();
    let port = free_port();
    let registered = control(
        &sim,
        "asana/oauth/clients",
        json!({ "redirectUri": redirect_url(port) }),
    )
    .await;
    let client_id = registered["clientId"].as_str().unwrap().to_owned();
    let secret = Sensitive::new(registered["clientSecret"].as_str().unwrap().to_owned());
    let server = server(ServerKind::Asana, &sim);
    let provider = Provider::for_server(&server, CredentialKind::AsanaOauth).unwrap();
    let app = OAuthApp {
        client_id: client_id.clone(),
        client_secret: Some(secret.clone()),
    };

    let running = start_sign_in(provider.clone(), app, port, Language::Japanese).await;
    assert!(running
        .url
        .starts_with(&format!("{}/-/oauth_authorize?", sim.url())));
    let page = Browser::new().visit(&running.url, Choice::Allow).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("Kakehashi は Asana にサインインしました"),
        "{}",
        page.body
    );
    let tokens = running.done.await.unwrap().unwrap();

    let store = Arc::new(KeychainTokenStore::new(
        Arc::new(MemoryStore::default()),
        "credential-2",
    ));
    store.write(&tokens, Some(&secret)).unwrap();
    let authenticator = authenticator_for(
        &server,
        CredentialKind::AsanaOauth,
        &client_id,
        port,
        store.clone(),
    )
    .unwrap();
    let endpoint = endpoint_for(&server).unwrap();
    let asana = AsanaClient::new(
        endpoint.clone(),
        kakehashi_asana::Credentials::oauth_with(authenticator),
    )
    .unwrap();
    let me = asana.me().await.unwrap();
    assert!(me.email.is_some(), "{me:?}");

    control(&sim, "asana/oauth/expire", json!({})).await;
    let exchanges = count(&sim, "POST /-/oauth_token").await;
    assert_eq!(asana.me().await.unwrap(), me);
    assert_eq!(count(&sim, "POST /-/oauth_token").await, exchanges + 1);
    let renewed = store.read().unwrap().unwrap();
    assert_ne!(
        renewed.tokens.access_token, tokens.access_token,
        "the renewed token is saved"
    );
    assert_eq!(
        renewed.client_secret.as_ref(),
        Some(&secret),
        "the client secret stays"
    );

    // The vendor client's own transport refreshes too (shared rate limit).
    let client = oauth_client_for(
        &server,
        CredentialKind::AsanaOauth,
        &client_id,
        port,
        &store,
    )
    .unwrap();
    let shared = AsanaClient::new(
        endpoint,
        kakehashi_asana::Credentials::oauth(client, store.clone()),
    )
    .unwrap();
    control(&sim, "asana/oauth/expire", json!({})).await;
    assert_eq!(shared.me().await.unwrap(), me);

    // Sign out revokes at Asana: the grant no longer works anywhere.
    let outcome = sign_out(&provider, &client_id, port, &store).await.unwrap();
    assert_eq!(outcome, SignOut::Revoked);
    assert!(!store.is_signed_in().unwrap());
    let after = provider
        .token_endpoint(
            provider
                .client(&client_id, Some(secret), &redirect_url(port))
                .unwrap(),
        )
        .unwrap()
        .refresh(&renewed.tokens)
        .await
        .unwrap_err();
    assert_eq!(after.code(), "Unauthorized");
    assert!(
        after.message.contains("Sign in to Asana again"),
        "{}",
        after.message
    );
    sim.stop().await;
}
