//! TT NX time entries: times without offset, the input granularity, lock
//! dates, who may write whose entries, and the no-`workItemId`-on-PUT rule.

#[path = "support/ttnx.rs"]
mod ttnx_support;

use reqwest::StatusCode;
use serde_json::{json, Value};
use ttnx_support::{message, Auth, Ttnx};

/// Suzuki Ichiro (user 3), a member of WEB, and his task there.
const SUZUKI: &str = "3";

async fn task_id(sim: &Ttnx, code: &str, name: &str) -> String {
    let project = sim.project_id(code).await;
    let items = sim
        .tree_items(&sim.key("kakehashi-sync"), &project, "Id,Name")
        .await;
    items
        .iter()
        .find(|i| i["Name"] == name)
        .unwrap_or_else(|| panic!("no {name}"))["Id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn actual_time(sim: &Ttnx, item: &str) -> i64 {
    let (_, items) = sim
        .get(
            &sim.key("kakehashi-sync"),
            &format!("/workitem/workItems/{item}?fields=ActualTime"),
        )
        .await;
    items[0]["fields"]["ActualTime"].as_i64().unwrap()
}

fn entry(item: &str, start: &str, finish: &str) -> Value {
    json!({ "workItemId": item, "startTime": start, "finishTime": finish, "memo": "レビュー対応" })
}

/// Books an entry on `item` for Suzuki (as `key`) and returns its id.
async fn book(sim: &Ttnx, key: &Auth, item: &str, start: &str, finish: &str) -> String {
    let path = format!("/system/users/{SUZUKI}/timeEntries");
    let (status, created) = sim.post(key, &path, &entry(item, start, finish)).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    created["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn entries_keep_server_local_times_without_offset() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let login = task_id(&sim, "WEB", "ログイン画面の実装").await;
    let before = actual_time(&sim, &login).await;

    let (status, created) = sim
        .post(
            &me,
            &format!("/system/users/{SUZUKI}/timeEntries"),
            &entry(&login, "2031-04-07T10:30:00", "2031-04-07T12:00:00"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["startTime"], "2031-04-07T10:30:00");
    assert_eq!(created["finishTime"], "2031-04-07T12:00:00");
    assert_eq!(created["time"], 90);
    assert_eq!(created["userId"], SUZUKI);
    assert_eq!(created["workItemId"], login.as_str());
    assert!(created["createdAt"].as_str().unwrap().ends_with('Z'));
    let id = created["id"].as_str().unwrap();

    let (status, read) = sim
        .get(&me, &format!("/system/users/{SUZUKI}/timeEntries/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{read}");
    let read = &read[0];
    assert_eq!(read["workDate"], "2031-04-07T00:00:00");
    assert_eq!(read["startTime"], "2031-04-07T10:30:00");
    assert_eq!(read["memo"], "レビュー対応");
    assert_eq!(read["isLocked"], false);
    assert_eq!(actual_time(&sim, &login).await, before + 90);

    // With an offset the time is converted into the server's zone (Tokyo).
    let (status, created) = sim
        .post(
            &me,
            &format!("/system/users/{SUZUKI}/timeEntries"),
            &entry(&login, "2031-04-08T00:00:00Z", "2031-04-08T01:15:00Z"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["startTime"], "2031-04-08T09:00:00");
    assert_eq!(created["finishTime"], "2031-04-08T10:15:00");
}

#[tokio::test]
async fn date_filters_and_paging_reach_every_entry() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let (status, all) = sim
        .get(
            &me,
            &format!("/system/users/{SUZUKI}/timeEntries?limit=1000"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let total = all["totalCount"].as_u64().unwrap() as usize;
    assert!(total >= 10, "two weeks of demo entries");
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let (_, page) = sim
            .get(
                &me,
                &format!("/system/users/{SUZUKI}/timeEntries?limit=4&offset={offset}"),
            )
            .await;
        assert_eq!(page["totalCount"].as_u64().unwrap() as usize, total);
        let data = page["data"].as_array().unwrap();
        if data.is_empty() {
            break;
        }
        seen.extend(data.iter().map(|e| e["id"].as_str().unwrap().to_owned()));
        offset += data.len();
    }
    let ordered: Vec<String> = all["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(seen, ordered, "pages in start-time order, each entry once");

    let first = all["data"][0]["workDate"].as_str().unwrap()[..10].to_owned();
    let (_, day) = sim
        .get(
            &me,
            &format!("/system/users/{SUZUKI}/timeEntries?startDate={first}&finishDate={first}"),
        )
        .await;
    assert!(day["totalCount"].as_u64().unwrap() >= 1);
    assert!(day["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["workDate"].as_str().unwrap().starts_with(&first)));
    let (_, none) = sim
        .get(
            &me,
            &format!(
                "/system/users/{SUZUKI}/timeEntries?startDate=2000-01-01&finishDate=2000-01-31"
            ),
        )
        .await;
    assert_eq!(none["totalCount"], 0);
    let (_, desc) = sim
        .get(
            &me,
            &format!("/system/users/{SUZUKI}/timeEntries?orderby=startTime desc&limit=1"),
        )
        .await;
    assert_eq!(desc["data"][0]["id"], ordered.last().unwrap().as_str());
    let (status, body) = sim
        .get(
            &me,
            &format!("/system/users/{SUZUKI}/timeEntries?startDate=yesterday"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    message(&body);
}

#[tokio::test]
async fn times_must_lie_on_the_input_grid() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let login = task_id(&sim, "WEB", "ログイン画面の実装").await;
    let path = format!("/system/users/{SUZUKI}/timeEntries");
    let (status, body) = sim
        .post(
            &me,
            &path,
            &entry(&login, "2031-04-07T10:10:00", "2031-04-07T11:00:00"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message(&body).contains("15"), "{body}");

    sim.settings(&json!({ "inputGranularityMinutes": 5 })).await;
    let (status, created) = sim
        .post(
            &me,
            &path,
            &entry(&login, "2031-04-07T10:10:00", "2031-04-07T11:05:00"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["time"], 55);

    sim.settings(&json!({ "inputGranularityMinutes": 30 }))
        .await;
    let (status, body) = sim
        .post(
            &me,
            &path,
            &entry(&login, "2031-04-07T13:15:00", "2031-04-07T14:00:00"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message(&body).contains("30"));
    // A PUT that moves the times is checked against the grid too.
    let id = created["id"].as_str().unwrap();
    let (status, _) = sim
        .put(
            &me,
            &format!("{path}/{id}"),
            &json!({ "finishTime": "2031-04-07T11:10:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = sim
        .put(
            &me,
            &format!("{path}/{id}"),
            &json!({ "startTime": "2031-04-07T10:00:00", "finishTime": "2031-04-07T11:30:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn locked_dates_refuse_every_change() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let login = task_id(&sim, "WEB", "ログイン画面の実装").await;
    let path = format!("/system/users/{SUZUKI}/timeEntries");
    let id = book(
        &sim,
        &me,
        &login,
        "2031-04-07T09:00:00",
        "2031-04-07T10:00:00",
    )
    .await;

    sim.settings(&json!({ "lockedUntil": "2031-04-07" })).await;
    let (status, body) = sim
        .post(
            &me,
            &path,
            &entry(&login, "2031-04-07T13:00:00", "2031-04-07T14:00:00"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message(&body).contains("2031/04/07"), "{body}");
    let (status, _) = sim
        .put(
            &me,
            &format!("{path}/{id}"),
            &json!({ "memo": "後から修正" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = sim.delete(&me, &format!("{path}/{id}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, read) = sim.get(&me, &format!("{path}/{id}")).await;
    assert_eq!(read[0]["isLocked"], true);
    assert_eq!(read[0]["memo"], "レビュー対応");
    // The day after is open; moving an entry into the locked range is not.
    let later_id = book(
        &sim,
        &me,
        &login,
        "2031-04-08T09:00:00",
        "2031-04-08T10:00:00",
    )
    .await;
    let (status, _) = sim
        .put(
            &me,
            &format!("{path}/{later_id}"),
            &json!({ "startTime": "2031-04-07T09:00:00", "finishTime": "2031-04-07T09:30:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, me_now) = sim.get(&me, "/system/users/3").await;
    assert_eq!(me_now[0]["timeEntryLockedDate"], "2031-04-07T00:00:00");

    sim.settings(&json!({ "lockedUntil": null })).await;
    let (status, _) = sim.delete(&me, &format!("{path}/{id}")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn a_put_may_not_move_an_entry_to_another_item() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let login = task_id(&sim, "WEB", "ログイン画面の実装").await;
    let weekly = task_id(&sim, "WEB", "定例会議").await;
    let path = format!("/system/users/{SUZUKI}/timeEntries");
    let id = book(
        &sim,
        &me,
        &login,
        "2031-04-07T09:00:00",
        "2031-04-07T10:00:00",
    )
    .await;
    let (status, body) = sim
        .put(
            &me,
            &format!("{path}/{id}"),
            &json!({ "workItemId": weekly, "memo": "x" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message(&body).contains("workItemId"));

    let before = actual_time(&sim, &login).await;
    let (status, body) = sim
        .put(
            &me,
            &format!("{path}/{id}"),
            &json!({ "memo": "設計見直し", "finishTime": "2031-04-07T11:30:00" }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (_, read) = sim.get(&me, &format!("{path}/{id}")).await;
    assert_eq!(read[0]["memo"], "設計見直し");
    assert_eq!(read[0]["workItemId"], login.as_str());
    assert_eq!(read[0]["time"], 150);
    assert_eq!(actual_time(&sim, &login).await, before + 90);
    for bad in [
        json!({ "time": 60 }),
        json!({ "memo": 5 }),
        json!({ "startTime": "7 April" }),
    ] {
        let (status, body) = sim.put(&me, &format!("{path}/{id}"), &bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        message(&body);
    }
}

#[tokio::test]
async fn bad_entries_are_refused() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let login = task_id(&sim, "WEB", "ログイン画面の実装").await;
    let web = sim.project_id("WEB").await;
    let path = format!("/system/users/{SUZUKI}/timeEntries");
    let bad = [
        json!({ "workItemId": login, "startTime": "2031-04-07T10:00:00" }),
        json!({ "workItemId": login, "startTime": "2031-04-07T10:00:00", "finishTime": "2031-04-07T09:00:00" }),
        json!({ "workItemId": login, "startTime": "2031-04-07T10:00:00", "finishTime": "2031-04-07T11:00:00", "time": 60 }),
        json!({ "workItemId": "999999", "startTime": "2031-04-07T10:00:00", "finishTime": "2031-04-07T11:00:00" }),
        json!({ "workItemId": web, "startTime": "2031-04-07T10:00:00", "finishTime": "2031-04-07T11:00:00" }),
        json!({ "workItemId": 12, "startTime": "2031-04-07T10:00:00", "finishTime": "2031-04-07T11:00:00" }),
    ];
    for body in bad {
        let (status, answer) = sim.post(&me, &path, &body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body} → {answer}");
        message(&answer);
    }
    // Tanaka is no member of SYS: no time on its tasks.
    let hearing = task_id(&sim, "SYS", "現行業務のヒアリング").await;
    let (status, body) = sim
        .post(
            &sim.key("tanaka.kenji"),
            "/system/users/5/timeEntries",
            &entry(&hearing, "2031-04-07T10:00:00", "2031-04-07T11:00:00"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message(&body).contains("メンバー"));
    let (status, _) = sim
        .post(
            &me,
            "/system/users/9999/timeEntries",
            &entry(&login, "2031-04-07T10:00:00", "2031-04-07T11:00:00"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_the_user_or_an_administrator_touches_a_users_entries() {
    let sim = Ttnx::demo().await;
    let login = task_id(&sim, "WEB", "ログイン画面の実装").await;
    let design = task_id(&sim, "WEB", "トップページのデザイン刷新").await;
    let body = entry(&login, "2031-04-07T10:00:00", "2031-04-07T11:00:00");

    // Suzuki may not write or read Takahashi's (user 4) entries.
    let (status, answer) = sim
        .post(
            &sim.key("suzuki.ichiro"),
            "/system/users/4/timeEntries",
            &entry(&design, "2031-04-07T10:00:00", "2031-04-07T11:00:00"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    message(&answer);
    let (status, _) = sim
        .get(&sim.key("suzuki.ichiro"), "/system/users/4/timeEntries")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The administrator may, for example as the sync service account.
    let (status, created) = sim
        .post(
            &sim.key("kakehashi-sync"),
            &format!("/system/users/{SUZUKI}/timeEntries"),
            &body,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let id = created["id"].as_str().unwrap();
    let (_, read) = sim
        .get(
            &sim.key("suzuki.ichiro"),
            &format!("/system/users/{SUZUKI}/timeEntries/{id}"),
        )
        .await;
    assert_eq!(read[0]["createdBy"], "1");
    let (status, _) = sim
        .delete(
            &sim.key("takahashi.yui"),
            &format!("/system/users/{SUZUKI}/timeEntries/{id}"),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = sim
        .delete(
            &sim.key("sato.hanako"),
            &format!("/system/users/{SUZUKI}/timeEntries/{id}"),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, gone) = sim
        .get(
            &sim.key("suzuki.ichiro"),
            &format!("/system/users/{SUZUKI}/timeEntries/{id}"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    message(&gone);

    // A viewer logs no work, not even their own.
    let (status, _) = sim
        .post(
            &sim.key("kobayashi.aoi"),
            "/system/users/12/timeEntries",
            &body,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = sim
        .get(&Auth::None, &format!("/system/users/{SUZUKI}/timeEntries"))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn several_entries_change_together_or_not_at_all() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let login = task_id(&sim, "WEB", "ログイン画面の実装").await;
    let path = format!("/system/users/{SUZUKI}/timeEntries");
    let a = book(
        &sim,
        &me,
        &login,
        "2031-04-07T09:00:00",
        "2031-04-07T10:00:00",
    )
    .await;
    let b = book(
        &sim,
        &me,
        &login,
        "2031-04-08T09:00:00",
        "2031-04-08T10:00:00",
    )
    .await;
    let (status, _) = sim
        .put(
            &me,
            &format!("{path}/{a},{b}"),
            &json!({ "memo": "まとめて" }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, both) = sim.get(&me, &format!("{path}/{a},{b}")).await;
    assert!(both
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["memo"] == "まとめて"));
    let (status, _) = sim.delete(&me, &format!("{path}/{a},999999")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = sim.get(&me, &format!("{path}/{a}")).await;
    assert_eq!(status, StatusCode::OK, "nothing deleted");
    let (status, _) = sim.delete(&me, &format!("{path}/{a},{b}")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = sim.get(&me, &format!("{path}/{a},{b}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
