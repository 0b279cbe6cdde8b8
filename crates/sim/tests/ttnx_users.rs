//! TT NX user search and lookup by ids.

#[path = "support/ttnx.rs"]
mod ttnx_support;

use kakehashi_sim::Seed;
use reqwest::StatusCode;
use serde_json::Value;
use ttnx_support::{message, Ttnx};

fn logins(body: &Value) -> Vec<String> {
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["loginName"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn names_match_partially_in_japanese_and_english() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let (status, body) = sim.get(&me, "/system/users?name=佐藤").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(logins(&body), ["sato.hanako"]);
    assert_eq!(body["totalCount"], 1);
    let user = &body["data"][0];
    assert_eq!(user["name"], "佐藤 花子");
    assert_eq!(user["englishName"], "Hanako Sato");
    assert!(user["id"].is_string() && user["organizationId"].is_string());
    assert_eq!(user["timeZone"], "Asia/Tokyo");

    // The full name as the help page searches it, with or without the space.
    let (_, body) = sim.get(&me, "/system/users?name=佐藤 花子").await;
    assert_eq!(logins(&body), ["sato.hanako"]);
    let (_, body) = sim.get(&me, "/system/users?name=佐藤花子").await;
    assert_eq!(logins(&body), ["sato.hanako"]);
    let (_, body) = sim.get(&me, "/system/users?name=lind").await;
    assert_eq!(logins(&body), ["emma.lindqvist"]);
    let (_, body) = sim.get(&me, "/system/users?name=存在しない人").await;
    assert_eq!(body["totalCount"], 0);
    assert_eq!(body["data"], Value::Array(vec![]));
}

#[tokio::test]
async fn email_organisation_and_project_filters_combine() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let (_, body) = sim.get(&me, "/system/users?email=OLIVER.BERG@").await;
    assert_eq!(logins(&body), ["oliver.berg"]);
    let (_, body) = sim
        .get(&me, "/system/users?organizationName=品質保証")
        .await;
    assert_eq!(logins(&body), ["tanaka.kenji", "watanabe.mei"]);

    let web = sim.project_id("WEB").await;
    let sys = sim.project_id("SYS").await;
    let (_, body) = sim
        .get(
            &me,
            &format!("/system/users?assignedProjectIds={web}&organizationName=品質保証"),
        )
        .await;
    assert_eq!(logins(&body), ["tanaka.kenji"]);
    let (_, both) = sim
        .get(
            &me,
            &format!("/system/users?assignedProjectIds={web},{sys}"),
        )
        .await;
    let (_, only_web) = sim
        .get(&me, &format!("/system/users?assignedProjectIds={web}"))
        .await;
    assert!(both["totalCount"].as_u64() > only_web["totalCount"].as_u64());
    let (status, body) = sim.get(&me, "/system/users?assignedProjectIds=abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    message(&body);
}

#[tokio::test]
async fn paging_reaches_every_user_exactly_once() {
    let sim = Ttnx::start(Seed::Large(1_000)).await;
    let me = sim.key("kakehashi-sync");
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let (status, page) = sim
            .get(&me, &format!("/system/users?limit=7&offset={offset}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(page["totalCount"], 20);
        let data = page["data"].as_array().unwrap();
        if data.is_empty() {
            break;
        }
        assert!(data.len() <= 7);
        seen.extend(data.iter().map(|u| u["id"].as_str().unwrap().to_owned()));
        offset += data.len();
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(seen.len(), 20);
    assert_eq!(unique.len(), 20);
    let (status, body) = sim.get(&me, "/system/users?limit=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    message(&body);
}

#[tokio::test]
async fn users_by_ids_fail_only_when_none_exist() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let (status, body) = sim.get(&me, "/system/users/2,3,9999").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let names: Vec<&str> = body
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["佐藤 花子", "鈴木 一郎"]);
    let (status, body) = sim.get(&me, "/system/users/9998,9999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    message(&body);
    let (status, _) = sim.get(&me, "/system/users/me,2").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn organisations_are_listed_with_paging() {
    let sim = Ttnx::demo().await;
    let (status, body) = sim
        .get(&sim.key("suzuki.ichiro"), "/system/organizations?limit=2")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["totalCount"], 6);
    assert_eq!(body["data"].as_array().unwrap().len(), 2);
    let (_, body) = sim
        .get(&sim.key("suzuki.ichiro"), "/system/organizations?name=開発")
        .await;
    assert_eq!(body["data"][0]["name"], "開発部");
}

#[tokio::test]
async fn wrong_methods_and_unknown_paths_answer_in_the_vendors_shape() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let (status, body) = sim
        .post(&me, "/system/users/me", &serde_json::json!({}))
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    message(&body);
    let (status, body) = sim.get(&me, "/system/nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    message(&body);
}
