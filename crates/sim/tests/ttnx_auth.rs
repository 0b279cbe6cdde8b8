//! TT NX authentication: API key, token (and its revocation), Basic; who am I.

#[path = "support/ttnx.rs"]
mod ttnx_support;

use kakehashi_sim::ttnx::{api_key, password};
use reqwest::StatusCode;
use serde_json::json;
use ttnx_support::{message, Auth, Ttnx};

#[tokio::test]
async fn an_api_key_identifies_its_owner() {
    let sim = Ttnx::demo().await;
    let (status, me) = sim.get(&sim.key("suzuki.ichiro"), "/system/users/me").await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["loginName"], "suzuki.ichiro");
    assert_eq!(me["name"], "鈴木 一郎");
    assert_eq!(me["timeZone"], "Asia/Tokyo");
    assert_eq!(me["organizationName"], "開発部");
    assert_eq!(me["authenticationType"], "Bearer");
    assert!(me["id"].is_string());
}

#[tokio::test]
async fn the_announced_secret_is_the_service_accounts_api_key() {
    let sim = Ttnx::demo().await;
    let (status, me) = sim
        .get(
            &Auth::ApiKey(sim.sim.secret().to_owned()),
            "/system/users/me",
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["loginName"], sim.sim.login());
}

#[tokio::test]
async fn basic_auth_takes_the_password_not_the_api_key() {
    let sim = Ttnx::demo().await;
    let person = sim.person("emma.lindqvist");
    let basic = Auth::Basic(person.login.clone(), password(&person));
    let (status, me) = sim.get(&basic, "/system/users/me").await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["authenticationType"], "Basic");
    assert_eq!(me["timeZone"], "Europe/Stockholm");
    assert_eq!(me["language"], "en-US");

    let (status, body) = sim
        .get(
            &Auth::Basic(person.login.clone(), api_key(&person)),
            "/system/users/me",
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!message(&body).is_empty());
}

#[tokio::test]
async fn a_token_works_until_it_is_revoked() {
    let sim = Ttnx::demo().await;
    let person = sim.person("takahashi.yui");
    let (status, body) = sim
        .post(
            &Auth::None,
            "/auth/token",
            &json!({ "loginName": person.login, "password": password(&person) }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["token"].as_str().expect("token").to_owned();
    let bearer = Auth::Bearer(token.clone());

    let (status, me) = sim.get(&bearer, "/system/users/me").await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["loginName"], "takahashi.yui");
    assert_eq!(me["authenticationType"], "Bearer");

    // A second login gets another token; revoking one leaves the other.
    let (_, second) = sim
        .post(
            &Auth::None,
            "/auth/token",
            &json!({ "loginName": person.login, "password": password(&person) }),
        )
        .await;
    assert_ne!(second["token"], body["token"]);

    let (status, _) = sim.delete(&bearer, "/auth/token").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = sim.get(&bearer, "/system/users/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!message(&body).is_empty());
    let (status, _) = sim
        .get(
            &Auth::Bearer(second["token"].as_str().unwrap().into()),
            "/system/users/me",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn logins_with_wrong_or_missing_credentials_are_refused() {
    let sim = Ttnx::demo().await;
    let (status, body) = sim
        .post(
            &Auth::None,
            "/auth/token",
            &json!({ "loginName": "sato.hanako", "password": "guess" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    message(&body);
    let (status, body) = sim
        .post(
            &Auth::None,
            "/auth/token",
            &json!({ "loginName": "nobody", "password": "x" }),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    // The contract requires both fields and allows no others.
    let (status, body) = sim
        .post(
            &Auth::None,
            "/auth/token",
            &json!({ "loginName": "sato.hanako" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    message(&body);
    let person = sim.person("sato.hanako");
    let extra =
        json!({ "loginName": person.login, "password": password(&person), "remember": true });
    let (status, _) = sim.post(&Auth::None, "/auth/token", &extra).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn every_endpoint_needs_credentials() {
    let sim = Ttnx::demo().await;
    for path in [
        "/system/users/me",
        "/system/users",
        "/project/projects",
        "/system/users/2/timeEntries",
        "/workitem/itemTypes",
    ] {
        let (status, body) = sim.get(&Auth::None, path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        message(&body);
        let (status, _) = sim.get(&Auth::ApiKey("sim-ttnx-nobody".into()), path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
        let (status, _) = sim.get(&Auth::Bearer("not-a-token".into()), path).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
    }
    let (status, _) = sim.delete(&Auth::None, "/auth/token").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn revoking_needs_a_token_to_revoke() {
    let sim = Ttnx::demo().await;
    let (status, body) = sim.delete(&sim.key("sato.hanako"), "/auth/token").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    message(&body);
}

#[tokio::test]
async fn the_control_route_lists_passwords_and_keys() {
    let sim = Ttnx::demo().await;
    let users: serde_json::Value = sim
        .http
        .get(format!("{}/ttnx/users", sim.sim.admin_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sato = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["login"] == "sato.hanako")
        .unwrap();
    let person = sim.person("sato.hanako");
    assert_eq!(sato["password"], password(&person));
    assert_eq!(sato["api_key"], api_key(&person));
    assert_eq!(sato["role"], "admin");
    let (status, _) = sim
        .get(
            &Auth::Basic(
                "sato.hanako".into(),
                sato["password"].as_str().unwrap().into(),
            ),
            "/system/users/me",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}
