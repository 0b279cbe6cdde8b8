//! TT NX projects: lists, `includes=Members` and the full `memberChange`.

#[path = "support/ttnx.rs"]
mod ttnx_support;

use reqwest::StatusCode;
use serde_json::{json, Value};
use ttnx_support::{message, Auth, Ttnx};

/// The active members of a project, by `partyId` (user id).
async fn members(sim: &Ttnx, project: &str) -> Vec<Value> {
    let (status, body) = sim
        .get(
            &sim.key("kakehashi-sync"),
            &format!("/project/projects/{project}?includes=Members"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body[0]["members"].as_array().unwrap().clone()
}

fn member_of<'a>(members: &'a [Value], user_id: &str) -> Option<&'a Value> {
    members.iter().find(|m| m["partyId"] == user_id)
}

fn codes(body: &Value) -> Vec<&str> {
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn administrators_see_every_project_and_members_only_their_own() {
    let sim = Ttnx::demo().await;
    let (status, body) = sim.get(&sim.key("sato.hanako"), "/project/projects").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(codes(&body), ["WEB", "SYS", "INT", "OLD"]);
    assert_eq!(body["data"][0]["name"], "Webサイト刷新");
    assert_eq!(body["data"][0]["managerName"], "佐藤 花子");
    assert!(body["data"][0].get("members").is_none());

    let (_, body) = sim
        .get(&sim.key("suzuki.ichiro"), "/project/projects")
        .await;
    assert_eq!(codes(&body), ["WEB", "SYS", "OLD"]);
    let int = sim.project_id("INT").await;
    let (status, body) = sim
        .get(
            &sim.key("suzuki.ichiro"),
            &format!("/project/projects/{int}"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    message(&body);
}

#[tokio::test]
async fn projects_filter_by_name_code_and_finished() {
    let sim = Ttnx::demo().await;
    let admin = sim.key("sato.hanako");
    let (_, body) = sim.get(&admin, "/project/projects?name=システム").await;
    assert_eq!(codes(&body), ["SYS", "OLD"]);
    let (_, body) = sim.get(&admin, "/project/projects?code=INT").await;
    assert_eq!(codes(&body), ["INT"]);
    let (_, body) = sim.get(&admin, "/project/projects?isFinished=true").await;
    assert_eq!(codes(&body), ["OLD"]);
    let (_, body) = sim
        .get(
            &admin,
            "/project/projects?isFinished=false&limit=2&offset=1",
        )
        .await;
    assert_eq!(body["totalCount"], 3);
    assert_eq!(codes(&body), ["SYS", "INT"]);
    let (status, body) = sim.get(&admin, "/project/projects?isFinished=maybe").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    message(&body);
    let (status, _) = sim
        .get(&admin, "/project/projects?includes=Everything")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn members_carry_party_id_and_their_own_member_id() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let (status, body) = sim
        .get(
            &sim.key("sato.hanako"),
            &format!("/project/projects/{web}?includes=Members"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let projects = body.as_array().expect("an array of projects");
    assert_eq!(projects.len(), 1);
    let members = projects[0]["members"].as_array().unwrap();
    assert!(members.len() >= 5);
    for member in members {
        assert_ne!(member["partyId"], member["id"], "{member}");
        assert_eq!(member["partyType"], "User");
        assert_eq!(member["projectId"], web.as_str());
        assert_eq!(member["isDeleted"], false);
        assert!(member["unitCost"].as_f64().unwrap() >= 4500.0, "{member}");
        assert!(member["createdAt"].as_str().unwrap().ends_with('Z'));
        assert!(member["updatedBy"].is_string());
    }
    let sato = member_of(members, "2").unwrap();
    assert_eq!(sato["name"], "佐藤 花子");
    assert_eq!(sato["organizationName"], "開発部");
    assert_eq!(sato["unitCost"], 9000.0);
}

#[tokio::test]
async fn comma_separated_ids_fail_only_when_none_exist() {
    let sim = Ttnx::demo().await;
    let admin = sim.key("sato.hanako");
    let (web, sys) = (sim.project_id("WEB").await, sim.project_id("SYS").await);
    let (status, body) = sim
        .get(&admin, &format!("/project/projects/{web},999999,{sys}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body.as_array().unwrap().len(), 2);
    let (status, body) = sim.get(&admin, "/project/projects/999998,999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    message(&body);
}

#[tokio::test]
async fn members_are_added_by_user_id_and_by_user_name() {
    let sim = Ttnx::demo().await;
    let int = sim.project_id("INT").await;
    let change = json!({ "memberChange": { "adds": [
        { "partyId": "3", "partyType": "User", "unitCost": 3000 },
        { "user": "Emma Lindqvist", "partyType": "User" },
        { "user": "中村 陸", "partyType": "User", "unitCost": 6200.5 },
    ] } });
    let (status, body) = sim
        .put(
            &sim.key("sato.hanako"),
            &format!("/project/projects/{int}"),
            &change,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body[0]["id"], int.as_str());
    let added: Vec<&str> = body[0]["addedMemberIds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(added.len(), 3);
    assert_eq!(body[0]["addedUserGroupIds"], json!([]));

    let members = members(&sim, &int).await;
    let suzuki = member_of(&members, "3").unwrap();
    assert_eq!(suzuki["id"], added[0]);
    assert_eq!(suzuki["unitCost"], 3000.0);
    let emma = member_of(&members, "10").unwrap();
    assert_eq!(emma["id"], added[1]);
    assert_eq!(
        emma["unitCost"], 5000.0,
        "no unitCost means the system default"
    );
    assert_eq!(member_of(&members, "9").unwrap()["unitCost"], 6200.5);
    assert_eq!(emma["createdBy"], "2");

    // Already a member: refused.
    let again = json!({ "memberChange": { "adds": [{ "partyId": "3", "partyType": "User" }] } });
    let (status, body) = sim
        .put(
            &sim.key("sato.hanako"),
            &format!("/project/projects/{int}"),
            &again,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    message(&body);
}

#[tokio::test]
async fn the_system_default_unit_cost_is_a_setting() {
    let sim = Ttnx::demo().await;
    sim.settings(&json!({ "defaultUnitCost": 4800 })).await;
    let int = sim.project_id("INT").await;
    let change = json!({ "memberChange": { "adds": [{ "partyId": "11", "partyType": "User" }] } });
    let (status, _) = sim
        .put(
            &sim.key("sato.hanako"),
            &format!("/project/projects/{int}"),
            &change,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        member_of(&members(&sim, &int).await, "11").unwrap()["unitCost"],
        4800.0
    );
}

#[tokio::test]
async fn unit_costs_are_updated_by_member_ids() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let before = members(&sim, &web).await;
    let (a, b, c) = (
        member_of(&before, "3").unwrap(),
        member_of(&before, "4").unwrap(),
        member_of(&before, "5").unwrap(),
    );
    let ids = format!(
        "{},{}",
        a["id"].as_str().unwrap(),
        b["id"].as_str().unwrap()
    );
    let change = json!({ "memberChange": { "updates": [
        { "ids": ids, "unitCost": 7777 },
        { "ids": c["id"] },
    ] } });
    let (status, body) = sim
        .put(
            &sim.key("sato.hanako"),
            &format!("/project/projects/{web}"),
            &change,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body[0]["addedMemberIds"], json!([]));
    let after = members(&sim, &web).await;
    assert_eq!(member_of(&after, "3").unwrap()["unitCost"], 7777.0);
    assert_eq!(member_of(&after, "4").unwrap()["unitCost"], 7777.0);
    assert_eq!(member_of(&after, "5").unwrap()["unitCost"], 5000.0);
    assert_eq!(
        member_of(&after, "2").unwrap()["unitCost"],
        member_of(&before, "2").unwrap()["unitCost"]
    );
    let updated = member_of(&after, "3").unwrap();
    assert_eq!(updated["id"], a["id"], "an update keeps the member id");
    assert_ne!(updated["updatedAt"], a["updatedAt"]);
}

#[tokio::test]
async fn members_are_removed_by_member_id_and_by_login_or_email() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let before = members(&sim, &web).await;
    let tanaka = member_of(&before, "5").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let change = json!({ "memberChange": {
        "removes": tanaka,
        "removeUsers": "takahashi.yui, emma.lindqvist@example.co.jp",
    } });
    let (status, body) = sim
        .put(
            &sim.key("sato.hanako"),
            &format!("/project/projects/{web}"),
            &change,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let after = members(&sim, &web).await;
    assert_eq!(after.len(), before.len() - 3);
    for user in ["4", "5", "10"] {
        assert!(
            member_of(&after, user).is_none(),
            "user {user} still a member"
        );
    }
    // Removed means gone from the user search by project too.
    let (_, body) = sim
        .get(
            &sim.key("sato.hanako"),
            &format!("/system/users?assignedProjectIds={web}&name=田中"),
        )
        .await;
    assert_eq!(body["totalCount"], 0);
    // And a removed member can be added again, with a new member id.
    let change = json!({ "memberChange": { "adds": [{ "partyId": "5", "partyType": "User" }] } });
    let (_, body) = sim
        .put(
            &sim.key("sato.hanako"),
            &format!("/project/projects/{web}"),
            &change,
        )
        .await;
    assert_ne!(body[0]["addedMemberIds"][0], tanaka.as_str());
}

#[tokio::test]
async fn a_bad_part_refuses_the_whole_change() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let admin = sim.key("sato.hanako");
    let before = members(&sim, &web).await;
    let valid_add = json!({ "partyId": "6", "partyType": "User", "unitCost": 5000 });
    let bad_changes = [
        // a user id where a member id belongs
        json!({ "adds": [valid_add], "removes": "3" }),
        json!({ "adds": [valid_add], "updates": [{ "ids": "999999", "unitCost": 1 }] }),
        json!({ "adds": [valid_add, { "partyId": "999", "partyType": "User" }] }),
        json!({ "adds": [valid_add, { "user": "誰でもない", "partyType": "User" }] }),
        json!({ "adds": [valid_add], "removeUsers": "nobody@example.com" }),
        json!({ "adds": [{ "partyId": "6", "partyType": "Group" }] }),
        json!({ "adds": [{ "partyId": "6" }] }),
        json!({ "adds": [{ "partyId": 6, "partyType": "User" }] }),
        json!({ "adds": [{ "partyId": "6", "partyType": "User", "unitCost": "5000" }] }),
        json!({ "adds": [valid_add], "removes": ["251"] }),
        json!({ "adds": { "partyId": "6", "partyType": "User" } }),
        json!({ "adds": [valid_add], "replaces": [] }),
    ];
    for change in bad_changes {
        let (status, body) = sim
            .put(
                &admin,
                &format!("/project/projects/{web}"),
                &json!({ "memberChange": change }),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{change} → {body}");
        assert!(!message(&body).is_empty());
    }
    // Unknown top-level properties are refused too (the contract allows none).
    let (status, _) = sim
        .put(
            &admin,
            &format!("/project/projects/{web}"),
            &json!({ "name": "x", "colour": "red" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let after = members(&sim, &web).await;
    assert_eq!(after, before, "nothing may change");
    let (_, body) = sim.get(&admin, &format!("/project/projects/{web}")).await;
    assert_eq!(body[0]["name"], "Webサイト刷新");
}

#[tokio::test]
async fn several_projects_change_together_or_not_at_all() {
    let sim = Ttnx::demo().await;
    let admin = sim.key("sato.hanako");
    let (int, old) = (sim.project_id("INT").await, sim.project_id("OLD").await);
    let add = json!({ "memberChange": { "adds": [{ "partyId": "9", "partyType": "User" }] } });
    let (status, body) = sim
        .put(&admin, &format!("/project/projects/{int},{old}"), &add)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body.as_array().unwrap().len(), 2);
    assert_ne!(body[0]["addedMemberIds"][0], body[1]["addedMemberIds"][0]);
    // User 3 is a member of OLD but not of INT: the whole request fails.
    let remove = json!({ "memberChange": { "removeUsers": "suzuki.ichiro" } });
    let (status, _) = sim
        .put(&admin, &format!("/project/projects/{old},{int}"), &remove)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(member_of(&members(&sim, &old).await, "3").is_some());
    let (status, body) = sim
        .put(&admin, &format!("/project/projects/{old},999999"), &add)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    message(&body);
}

#[tokio::test]
async fn only_project_managers_may_change_projects() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let change = json!({ "memberChange": { "adds": [{ "partyId": "6", "partyType": "User" }] } });
    for login in ["suzuki.ichiro", "kobayashi.aoi"] {
        let (status, body) = sim
            .put(
                &sim.key(login),
                &format!("/project/projects/{web}"),
                &change,
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{login}");
        assert!(!message(&body).is_empty());
    }
    assert!(member_of(&members(&sim, &web).await, "6").is_none());
}

#[tokio::test]
async fn plain_fields_update_partially() {
    let sim = Ttnx::demo().await;
    let admin = sim.key("sato.hanako");
    let int = sim.project_id("INT").await;
    let change = json!({ "name": "社内業務改善 2025", "isFinished": true, "standardUnitCost": 6500, "managerId": "3" });
    let (status, body) = sim
        .put(&admin, &format!("/project/projects/{int}"), &change)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = sim.get(&admin, &format!("/project/projects/{int}")).await;
    let project = &body[0];
    assert_eq!(project["name"], "社内業務改善 2025");
    assert_eq!(project["code"], "INT");
    assert_eq!(project["isFinished"], true);
    assert_eq!(project["standardUnitCost"], 6500.0);
    assert_eq!(project["managerName"], "鈴木 一郎");
    let (status, _) = sim
        .put(
            &admin,
            &format!("/project/projects/{int}"),
            &json!({ "code": "WEB" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "codes stay unique");
    let (status, _) = sim
        .put(
            &admin,
            &format!("/project/projects/{int}"),
            &json!({ "isFinished": "yes" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = sim
        .put(&Auth::None, &format!("/project/projects/{int}"), &json!({}))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
