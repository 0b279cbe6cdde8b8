//! The TimeTracker NX simulator against the vendor's JSON schemas
//! (`crates/contracts/vendored/timetracker-nx`, through `kakehashi_contracts`).
//! Every response of an endpoint a schema describes is validated, and so is
//! every request body the tests send; bodies the schemas forbid must be
//! refused by the simulator with 400 and `[{"message"}]`.
//!
//! Where the schemas disagree with the real API the harness corrects them
//! (see `crates/contracts/vendored/README.md`): `getProject.json` is an array of
//! projects with `description` and `members`; `getWorkItem.json` allows
//! `ItemTypeId` and null planned dates; zone-less work times pass
//! `date-time`. Everything else is validated as published, including
//! `getUserMe.json`, `postTimeEntry.json` and `getWorkItem.json` forbidding
//! properties they do not list — which is why the simulator's `users/me`,
//! POST time-entry answer and default work-item fields hold exactly those.
//!
//! Endpoints the simulator serves that no schema describes:
//! - `GET  /system/users/{userId}/timeEntries/{ids}` (checked below against
//!   the item schema of `getTimeEntries.json`, as the same entries);
//! - `GET  /workitem/workItems/{id}/subItems` (the tree);
//! - `POST /workitem/workItems/{parentId}/subItems` (batch creation);
//! - `GET  /workitem/itemTypes`, `GET /workitem/statusTypes`;
//! - every error answer (`[{"message": ...}]`);
//! - the simulator's own `/__sim/ttnx/settings` and `/__sim/ttnx/users`.
//!
//! Schemas of endpoints the simulator does not serve: `postProject.json`,
//! `postUser.json`, `putUser.json`, `deleteUser.json`,
//! `getNotifications.json`, `getUserGroups.json`.

mod support;
#[path = "support/ttnx.rs"]
mod ttnx_support;

use kakehashi_contracts as contracts;
use kakehashi_sim::ttnx::password;
use reqwest::StatusCode;
use serde_json::{json, Value};
use ttnx_support::{message, Auth, Ttnx};

const TASK: &str = "3";

/// Sends a body only after the contract accepted it.
async fn put_checked(
    sim: &Ttnx,
    auth: &Auth,
    schema: &str,
    path: &str,
    body: &Value,
) -> (StatusCode, Value) {
    contracts::ttnx().assert_request(schema, body);
    sim.put(auth, path, body).await
}

async fn post_checked(
    sim: &Ttnx,
    auth: &Auth,
    schema: &str,
    path: &str,
    body: &Value,
) -> (StatusCode, Value) {
    contracts::ttnx().assert_request(schema, body);
    sim.post(auth, path, body).await
}

/// A body the contract forbids: the simulator must refuse it with 400.
async fn refused(
    sim: &Ttnx,
    auth: &Auth,
    method: reqwest::Method,
    schema: &str,
    path: &str,
    body: Value,
) {
    contracts::ttnx().assert_request_rejected_by_contract(schema, &body);
    let (status, answer) = sim.call(method, auth, path, Some(&body)).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "{schema}: {body} → {answer}"
    );
    assert!(!message(&answer).is_empty());
}

#[tokio::test]
async fn auth_token_create_and_delete() {
    let sim = Ttnx::demo().await;
    let person = sim.person("suzuki.ichiro");
    let login = json!({ "loginName": person.login, "password": password(&person) });
    let (status, body) = post_checked(
        &sim,
        &Auth::None,
        "auth/token/postToken.json",
        "/auth/token",
        &login,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    contracts::ttnx().assert_response("auth/token/postToken.json", &body);
    let bearer = Auth::Bearer(body["token"].as_str().unwrap().to_owned());
    let (status, body) = sim.delete(&bearer, "/auth/token").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    contracts::ttnx().assert_response("auth/token/deleteToken.json", &body);

    refused(
        &sim,
        &Auth::None,
        reqwest::Method::POST,
        "auth/token/postToken.json",
        "/auth/token",
        json!({ "loginName": "x" }),
    )
    .await;
    let extra = json!({ "loginName": person.login, "password": password(&person), "scope": "all" });
    refused(
        &sim,
        &Auth::None,
        reqwest::Method::POST,
        "auth/token/postToken.json",
        "/auth/token",
        extra,
    )
    .await;
}

#[tokio::test]
async fn users_me_list_and_by_ids() {
    let sim = Ttnx::demo().await;
    for login in ["kakehashi-sync", "emma.lindqvist", "kobayashi.aoi"] {
        let (status, body) = sim.get(&sim.key(login), "/system/users/me").await;
        assert_eq!(status, StatusCode::OK);
        contracts::ttnx().assert_response("system/users/getUserMe.json", &body);
    }
    let person = sim.person("sato.hanako");
    let (_, body) = sim
        .get(
            &Auth::Basic(person.login.clone(), password(&person)),
            "/system/users/me",
        )
        .await;
    contracts::ttnx().assert_response("system/users/getUserMe.json", &body);

    let me = sim.key("suzuki.ichiro");
    for query in [
        "",
        "?name=佐藤",
        "?organizationName=開発&limit=2&offset=1",
        "?name=nobody",
    ] {
        let (status, body) = sim.get(&me, &format!("/system/users{query}")).await;
        assert_eq!(status, StatusCode::OK);
        contracts::ttnx().assert_response("system/users/getUsers.json", &body);
    }
    let (status, body) = sim.get(&me, "/system/users/1,2,3,999").await;
    assert_eq!(status, StatusCode::OK);
    contracts::ttnx().assert_response("system/users/getUser.json", &body);
}

#[tokio::test]
async fn organisations() {
    let sim = Ttnx::demo().await;
    let (status, body) = sim
        .get(&sim.key("suzuki.ichiro"), "/system/organizations?limit=3")
        .await;
    assert_eq!(status, StatusCode::OK);
    contracts::ttnx().assert_response("system/organizations/getOrganizations.json", &body);
}

#[tokio::test]
async fn projects_list_get_and_update() {
    let sim = Ttnx::demo().await;
    let admin = sim.key("sato.hanako");
    for query in [
        "",
        "?includes=Members",
        "?isFinished=true",
        "?name=システム&limit=1&offset=1",
    ] {
        let (status, body) = sim.get(&admin, &format!("/project/projects{query}")).await;
        assert_eq!(status, StatusCode::OK);
        contracts::ttnx().assert_response("project/projects/getProjects.json", &body);
    }
    let (web, int) = (sim.project_id("WEB").await, sim.project_id("INT").await);
    for query in [
        "",
        "?includes=Members",
        "?includes=UserGroups,Members,WorkCalendar",
    ] {
        let (status, body) = sim
            .get(&admin, &format!("/project/projects/{web},{int}{query}"))
            .await;
        assert_eq!(status, StatusCode::OK);
        contracts::ttnx().assert_response("project/projects/getProject.json", &body);
    }

    let (_, project) = sim
        .get(&admin, &format!("/project/projects/{web}?includes=Members"))
        .await;
    let member = project[0]["members"][0]["id"].as_str().unwrap().to_owned();
    let change = json!({
        "description": "2025 年度のリニューアル",
        "standardUnitCost": 6500,
        "memberChange": {
            "adds": [{ "partyId": "6", "partyType": "User", "unitCost": 5200 }],
            "updates": [{ "ids": member, "unitCost": 9100 }],
            "removeUsers": "tanaka.kenji",
        },
    });
    let (status, body) = put_checked(
        &sim,
        &admin,
        "project/projects/putProject.json",
        &format!("/project/projects/{web}"),
        &change,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    contracts::ttnx().assert_response("project/projects/putProject.json", &body);
    let (_, body) = sim
        .get(&admin, &format!("/project/projects/{web}?includes=Members"))
        .await;
    contracts::ttnx().assert_response("project/projects/getProject.json", &body);
    assert_eq!(body[0]["description"], "2025 年度のリニューアル");

    let path = format!("/project/projects/{web}");
    let put = reqwest::Method::PUT;
    let schema = "project/projects/putProject.json";
    refused(
        &sim,
        &admin,
        put.clone(),
        schema,
        &path,
        json!({ "members": [] }),
    )
    .await;
    refused(
        &sim,
        &admin,
        put.clone(),
        schema,
        &path,
        json!({ "memberChange": { "adds": [{ "partyId": "6" }] } }),
    )
    .await;
    refused(
        &sim,
        &admin,
        put.clone(),
        schema,
        &path,
        json!({ "memberChange": { "adds": [{ "partyId": "6", "partyType": "Group" }] } }),
    )
    .await;
    refused(
        &sim,
        &admin,
        put.clone(),
        schema,
        &path,
        json!({ "memberChange": { "updates": [{ "unitCost": 1 }] } }),
    )
    .await;
    refused(
        &sim,
        &admin,
        put.clone(),
        schema,
        &path,
        json!({ "memberChange": { "removes": ["251"] } }),
    )
    .await;
    refused(
        &sim,
        &admin,
        put,
        schema,
        &path,
        json!({ "isFinished": "no" }),
    )
    .await;
}

#[tokio::test]
async fn work_items_get_update_delete() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let web = sim.project_id("WEB").await;
    let items = sim.tree_items(&me, &web, "Id,Name,ItemTypeId").await;
    let ids: Vec<&str> = items.iter().map(|i| i["Id"].as_str().unwrap()).collect();
    for fields in [
        "",
        "?fields=Id,Name,PlannedStartDate,PlannedFinishDate,ItemTypeId",
        "?fields=Id,Name,StatusTypeId,ActualTime,PlannedStartDate,PlannedFinishDate",
    ] {
        let (status, body) = sim
            .get(
                &me,
                &format!("/workitem/workItems/{}{fields}", ids.join(",")),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        contracts::ttnx().assert_response("workitem/workItems/getWorkItem.json", &body);
    }

    let task = items.iter().find(|i| i["ItemTypeId"] == TASK).unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let schema = "workitem/workItems/putWorkItem.json";
    let change = json!({ "fields": { "Name": "ログイン画面の実装 (SSO)", "PlannedTime": "3000" }, "moveScheduleDays": 2 });
    let (status, body) = put_checked(
        &sim,
        &me,
        schema,
        &format!("/workitem/workItems/{task}"),
        &change,
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    contracts::ttnx().assert_response(schema, &body);
    let (status, _) = put_checked(
        &sim,
        &me,
        schema,
        &format!("/workitem/workItems/{task}"),
        &json!({ "clearSchedule": true }),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, body) = sim.get(&me, &format!("/workitem/workItems/{task}")).await;
    contracts::ttnx().assert_response("workitem/workItems/getWorkItem.json", &body);
    assert_eq!(body[0]["fields"]["PlannedStartDate"], Value::Null);
    let put = reqwest::Method::PUT;
    let path = format!("/workitem/workItems/{task}");
    refused(
        &sim,
        &me,
        put.clone(),
        schema,
        &path,
        json!({ "fields": { "PlannedTime": 3000 } }),
    )
    .await;
    refused(
        &sim,
        &me,
        put.clone(),
        schema,
        &path,
        json!({ "metadata": { "kakehashi": "WEB-1" } }),
    )
    .await;
    refused(
        &sim,
        &me,
        put,
        schema,
        &path,
        json!({ "moveScheduleDays": "2" }),
    )
    .await;

    // Create (not described) then delete (described).
    let body = json!({ "fields": { "ItemTypeId": "2", "Name": "削除テスト" }, "subItems": [{ "fields": { "ItemTypeId": TASK, "Name": "子" } }] });
    let (_, created) = sim
        .post(&me, &format!("/workitem/workItems/{web}/subItems"), &body)
        .await;
    let folder = created[0]["id"].as_str().unwrap();
    let (status, body) = sim
        .delete(&me, &format!("/workitem/workItems/{folder}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    contracts::ttnx().assert_response("workitem/workItems/deleteWorkItem.json", &body);
    assert_eq!(body["affectedItems"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn time_entries_list_create_update_delete() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    for query in [
        "",
        "?limit=3&offset=2",
        "?startDate=2000-01-01&finishDate=2000-01-02",
    ] {
        let (status, body) = sim
            .get(&me, &format!("/system/users/3/timeEntries{query}"))
            .await;
        assert_eq!(status, StatusCode::OK);
        contracts::ttnx().assert_response("system/users/timeEntries/getTimeEntries.json", &body);
    }

    let web = sim.project_id("WEB").await;
    let items = sim.tree_items(&me, &web, "Id,Name").await;
    let task = items
        .iter()
        .find(|i| i["Name"] == "ログイン画面の実装")
        .unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = "/system/users/3/timeEntries";
    let post = "system/users/timeEntries/postTimeEntry.json";
    let entry = json!({ "workItemId": task, "startTime": "2031-04-07T09:00:00", "finishTime": "2031-04-07T10:30:00", "memo": "結合テスト", "timeEntryCategoryId": "1" });
    let (status, created) = post_checked(&sim, &me, post, path, &entry).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    contracts::ttnx().assert_response(post, &created);
    let id = created["id"].as_str().unwrap().to_owned();

    // GET by ids is not described; its entries are those of the list.
    let (_, read) = sim.get(&me, &format!("{path}/{id}")).await;
    let as_page = json!({ "totalCount": 1, "data": read });
    contracts::ttnx().assert_response("system/users/timeEntries/getTimeEntries.json", &as_page);

    let put = "system/users/timeEntries/putTimeEntry.json";
    let change = json!({ "memo": "結合テスト (修正)", "finishTime": "2031-04-07T11:00:00" });
    let (status, body) = put_checked(&sim, &me, put, &format!("{path}/{id}"), &change).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    contracts::ttnx().assert_response(put, &body);
    let method = reqwest::Method::PUT;
    refused(
        &sim,
        &me,
        method.clone(),
        put,
        &format!("{path}/{id}"),
        json!({ "workItemId": task }),
    )
    .await;
    refused(
        &sim,
        &me,
        method,
        put,
        &format!("{path}/{id}"),
        json!({ "time": 60 }),
    )
    .await;
    let method = reqwest::Method::POST;
    refused(
        &sim,
        &me,
        method.clone(),
        post,
        path,
        json!({ "workItemId": task, "startTime": "2031-04-08T09:00:00" }),
    )
    .await;
    let with_time = json!({ "workItemId": task, "startTime": "2031-04-08T09:00:00", "finishTime": "2031-04-08T10:00:00", "time": 60 });
    refused(&sim, &me, method, post, path, with_time).await;

    let (status, body) = sim.delete(&me, &format!("{path}/{id}")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    contracts::ttnx().assert_response("system/users/timeEntries/deleteTimeEntry.json", &body);
}
