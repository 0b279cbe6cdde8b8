//! TT NX's single-sign-on-only user `suzuki.sso`: no password ever signs
//! it in (Basic or `POST /auth/token`), with a message of its own; its API
//! key works; the full user object says `allowLocalAuthentication: false`.

#[path = "support/ttnx.rs"]
mod ttnx_support;

use kakehashi_contracts as contracts;
use kakehashi_sim::ttnx::{api_key, password, sso_only_person, SSO_LOGIN};
use reqwest::StatusCode;
use serde_json::{json, Value};
use ttnx_support::{message, Auth, Ttnx};

const WRONG_PASSWORD: &str = "ログイン名またはパスワードが正しくありません。";

#[tokio::test]
async fn password_logins_of_the_sso_user_are_refused_with_their_own_message() {
    let sim = Ttnx::demo().await;
    let person = sso_only_person();
    assert_eq!(person.login, SSO_LOGIN);
    // Its would-be password, a wrong one and an empty one: all refused alike.
    for pass in [password(&person), "wrong".to_owned(), String::new()] {
        let basic = Auth::Basic(SSO_LOGIN.to_owned(), pass.clone());
        let (status, body) = sim.get(&basic, "/system/users/me").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        let refused = message(&body);
        assert!(refused.contains("ローカル認証"), "{refused}");
        assert!(refused.contains("API キー"), "{refused}");

        let login = json!({ "loginName": SSO_LOGIN, "password": pass });
        let (status, body) = sim.post(&Auth::None, "/auth/token", &login).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
        assert_eq!(message(&body), refused);
    }
    // Anyone else with a wrong password still gets the usual answer.
    let other = Auth::Basic("suzuki.ichiro".into(), "wrong".into());
    let (status, body) = sim.get(&other, "/system/users/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(message(&body), WRONG_PASSWORD);
    let ichiro = sim.person("suzuki.ichiro");
    let right = Auth::Basic(ichiro.login.clone(), password(&ichiro));
    assert_eq!(sim.get(&right, "/system/users/me").await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_sso_users_api_key_works_and_its_user_object_disallows_local_login() {
    let sim = Ttnx::demo().await;
    let key = Auth::ApiKey(api_key(&sso_only_person()));
    let (status, me) = sim.get(&key, "/system/users/me").await;
    assert_eq!(status, StatusCode::OK, "{me}");
    assert_eq!(me["loginName"], SSO_LOGIN);
    assert_eq!(me["organizationName"], "開発部");
    contracts::ttnx().assert_response("system/users/getUserMe.json", &me);

    let id = me["id"].as_str().unwrap().to_owned();
    let (status, users) = sim.get(&key, &format!("/system/users/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{users}");
    contracts::ttnx().assert_response("system/users/getUser.json", &users);
    assert_eq!(users[0]["allowLocalAuthentication"], false);
    assert_eq!(users[0]["systemRoleName"], "一般ユーザー", "a member");

    // Everyone else may sign in locally.
    let (_, all) = sim.get(&key, "/system/users?limit=100").await;
    let all = all["data"].as_array().unwrap();
    let local: Vec<&Value> = all
        .iter()
        .filter(|u| u["allowLocalAuthentication"] == true)
        .collect();
    assert_eq!(local.len(), all.len() - 1, "only the SSO user is SSO-only");
}

#[tokio::test]
async fn the_control_list_shows_which_users_cannot_use_a_password() {
    let sim = Ttnx::demo().await;
    let users: Value = sim
        .http
        .get(format!("{}/ttnx/users", sim.sim.admin_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sso: Vec<&Value> = users
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["allowLocalAuthentication"] == false)
        .collect();
    assert_eq!(sso.len(), 1, "{users}");
    assert_eq!(sso[0]["login"], SSO_LOGIN);
    assert_eq!(sso[0]["role"], "member");
    assert_eq!(sso[0]["api_key"], api_key(&sso_only_person()));
}
