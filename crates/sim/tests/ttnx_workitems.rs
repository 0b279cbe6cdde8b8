//! TT NX work items: the tree, batch creation with nested items and
//! metadata, reads with field selection, updates and cascading deletes.

#[path = "support/ttnx.rs"]
mod ttnx_support;

use kakehashi_sim::Seed;
use reqwest::StatusCode;
use serde_json::{json, Value};
use ttnx_support::{message, Auth, Ttnx};

const FOLDER: &str = "2";
const TASK: &str = "3";

/// The item named `name` somewhere under `root`.
async fn find(sim: &Ttnx, root: &str, name: &str) -> Value {
    let items = sim
        .tree_items(
            &sim.key("kakehashi-sync"),
            root,
            "Id,Name,ItemTypeId,ParentId",
        )
        .await;
    items
        .into_iter()
        .find(|item| item["Name"] == name)
        .unwrap_or_else(|| panic!("no item {name}"))
}

#[tokio::test]
async fn item_types_tell_folders_from_tasks() {
    let sim = Ttnx::demo().await;
    let (status, body) = sim
        .get(&sim.key("suzuki.ichiro"), "/workitem/itemTypes")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let types = body["data"].as_array().unwrap();
    let folder = types.iter().find(|t| t["englishName"] == "Folder").unwrap();
    let task = types.iter().find(|t| t["englishName"] == "Task").unwrap();
    assert_eq!(
        (folder["id"].as_str(), task["id"].as_str()),
        (Some(FOLDER), Some(TASK))
    );
    let (_, body) = sim
        .get(&sim.key("suzuki.ichiro"), "/workitem/statusTypes")
        .await;
    assert_eq!(body["totalCount"], 3);
}

#[tokio::test]
async fn the_demo_tree_follows_the_jira_layout() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let (status, tree) =
        sim.get(&sim.key("suzuki.ichiro"), &format!("/workitem/workItems/{web}/subItems?fields=Id,Name,ItemTypeId,ParentId&includeDeleted=false")).await;
    assert_eq!(status, StatusCode::OK, "{tree}");
    let dev = tree
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["fields"]["Name"] == "WEB 開発")
        .expect("folder for the Jira project");
    assert_eq!(dev["fields"]["ItemTypeId"], FOLDER);
    assert_eq!(dev["fields"]["ParentId"], web.as_str());
    let versions: Vec<&str> = dev["subItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["fields"]["Name"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["v1.0 ベータ", "v1.1"]);
    let beta = &dev["subItems"][0];
    let tasks = beta["subItems"].as_array().unwrap();
    assert!(tasks.len() >= 3);
    assert!(tasks
        .iter()
        .all(|t| t["fields"]["ItemTypeId"] == TASK
            && t["fields"]["ParentId"] == beta["fields"]["Id"]));
}

#[tokio::test]
async fn batch_creation_nests_items_and_keeps_metadata() {
    let sim = Ttnx::demo().await;
    let sync = sim.key("kakehashi-sync");
    let web = sim.project_id("WEB").await;
    let dev = find(&sim, &web, "WEB 開発").await;
    let body = json!([{
        "fields": { "ItemTypeId": FOLDER, "Name": "v2.0", "PlannedStartDate": "2025-04-01T00:00:00", "PlannedFinishDate": "2025-06-30" },
        "metadata": { "kakehashi": { "link": "jira:WEB/10020" } },
        "subItems": [
            {
                "fields": { "ItemTypeId": TASK, "Name": "WEB-101 決済画面", "PlannedTime": 480, "StatusTypeId": "2" },
                "metadata": { "kakehashi": "jira:WEB-101" },
                "assignments": [{ "userId": "3" }],
                "subItems": [{ "fields": { "ItemTypeId": TASK, "Name": "WEB-102 単体テスト", "PlannedTime": "120" } }],
            },
            { "fields": { "ItemTypeId": TASK, "Name": "WEB-103 Receipt e-mail" } },
        ],
    }]);
    let (status, created) = sim
        .post(
            &sync,
            &format!(
                "/workitem/workItems/{}/subItems",
                dev["Id"].as_str().unwrap()
            ),
            &body,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let folder_id = created[0]["id"].as_str().unwrap().to_owned();
    let task_id = created[0]["subItems"][0]["id"].as_str().unwrap().to_owned();
    let child_id = created[0]["subItems"][0]["subItems"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other_id = created[0]["subItems"][1]["id"].as_str().unwrap().to_owned();

    let fields = "Id,Name,ItemTypeId,ParentId,StatusTypeId,PlannedStartDate,PlannedFinishDate,PlannedTime,ActualTime,FolderPath,CreatedAt,CreatedBy";
    let (status, items) = sim
        .get(
            &sync,
            &format!("/workitem/workItems/{folder_id},{task_id},{child_id}?fields={fields}"),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{items}");
    let folder = &items[0];
    assert_eq!(folder["fields"]["Name"], "v2.0");
    assert_eq!(folder["fields"]["ItemTypeId"], FOLDER);
    assert_eq!(folder["fields"]["PlannedStartDate"], "2025-04-01T00:00:00");
    assert_eq!(folder["fields"]["PlannedFinishDate"], "2025-06-30T00:00:00");
    assert_eq!(folder["fields"]["FolderPath"], "/Webサイト刷新/WEB 開発");
    assert_eq!(
        folder["metadata"],
        json!({ "kakehashi": { "link": "jira:WEB/10020" } })
    );
    assert!(folder["fields"]["CreatedAt"]
        .as_str()
        .unwrap()
        .ends_with('Z'));
    assert_eq!(folder["fields"]["CreatedBy"], "1");
    let task = &items[1];
    assert_eq!(task["fields"]["ParentId"], folder_id.as_str());
    assert_eq!(task["fields"]["PlannedTime"], 480);
    assert_eq!(task["fields"]["StatusTypeId"], "2");
    assert_eq!(task["fields"]["ActualTime"], 0);
    assert_eq!(task["metadata"]["kakehashi"], "jira:WEB-101");
    assert_eq!(task["assignments"][0]["userId"], "3");
    assert_eq!(items[2]["fields"]["ParentId"], task_id.as_str());
    assert_eq!(items[2]["fields"]["PlannedTime"], 120);
    assert_eq!(items[2]["metadata"], json!({}));

    // The tree shows the new branch with its metadata, where a crashed sync finds its marker.
    let (_, tree) = sim
        .get(
            &sync,
            &format!("/workitem/workItems/{folder_id}/subItems?fields=Id,Name"),
        )
        .await;
    let names: Vec<&str> = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["fields"]["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["WEB-101 決済画面", "WEB-103 Receipt e-mail"]);
    assert_eq!(tree[0]["metadata"]["kakehashi"], "jira:WEB-101");
    assert_eq!(tree[0]["subItems"][0]["fields"]["Id"], child_id.as_str());
    assert_eq!(tree[1]["fields"]["Id"], other_id.as_str());
}

#[tokio::test]
async fn a_single_object_creates_one_item_and_defaults_to_the_contract_fields() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let body = json!({ "fields": { "ItemTypeId": TASK, "Name": "単発タスク" } });
    let (status, created) = sim
        .post(
            &sim.key("suzuki.ichiro"),
            &format!("/workitem/workItems/{web}/subItems"),
            &body,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{created}");
    let id = created[0]["id"].as_str().unwrap();
    let (_, items) = sim
        .get(
            &sim.key("suzuki.ichiro"),
            &format!("/workitem/workItems/{id}"),
        )
        .await;
    let mut keys: Vec<&str> = items[0]["fields"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "ActualProgress",
            "ActualTime",
            "Id",
            "Name",
            "PlannedFinishDate",
            "PlannedStartDate",
            "PlannedTime",
            "StatusTypeId"
        ]
    );
    assert_eq!(items[0]["fields"]["StatusTypeId"], "1");
    assert_eq!(items[0]["fields"]["PlannedStartDate"], Value::Null);
}

#[tokio::test]
async fn invalid_batches_create_nothing() {
    let sim = Ttnx::demo().await;
    let sync = sim.key("kakehashi-sync");
    let web = sim.project_id("WEB").await;
    let before = sim.tree_items(&sync, &web, "Id").await.len();
    let ok = json!({ "fields": { "ItemTypeId": TASK, "Name": "ok" } });
    let bad_batches = [
        json!([ok, { "fields": { "Name": "no type" } }]),
        json!([ok, { "fields": { "ItemTypeId": TASK } }]),
        json!([ok, { "fields": { "ItemTypeId": "99", "Name": "unknown type" } }]),
        json!([{ "fields": { "ItemTypeId": TASK, "Name": "t", "PlannedStartDate": "2025-05-02", "PlannedFinishDate": "2025-05-01" } }]),
        json!([{ "fields": { "ItemTypeId": TASK, "Name": "t" }, "subItems": [{ "fields": { "ItemTypeId": FOLDER, "Name": "folder under a task" } }] }]),
        json!([{ "fields": { "ItemTypeId": TASK, "Name": "t", "Colour": "red" } }]),
        json!([{ "fields": { "ItemTypeId": TASK, "Name": "t", "ActualTime": 60 } }]),
        json!([{ "fields": { "ItemTypeId": TASK, "Name": "t" }, "assignments": [{ "userId": "6" }] }]),
        json!([{ "fields": { "ItemTypeId": TASK, "Name": "t" }, "metadata": "marker" }]),
        json!([{ "fields": { "ItemTypeId": TASK, "Name": "t", "PlannedTime": -5 } }]),
        json!([]),
        json!("task"),
    ];
    for batch in bad_batches {
        let (status, body) = sim
            .post(
                &sync,
                &format!("/workitem/workItems/{web}/subItems"),
                &batch,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{batch} → {body}");
        message(&body);
    }
    assert_eq!(sim.tree_items(&sync, &web, "Id").await.len(), before);
    let (status, _) = sim
        .post(&sync, "/workitem/workItems/999999/subItems", &json!([ok]))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn viewers_and_outsiders_cannot_create() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let int = sim.project_id("INT").await;
    let body = json!({ "fields": { "ItemTypeId": TASK, "Name": "x" } });
    let (status, body_403) = sim
        .post(
            &sim.key("kobayashi.aoi"),
            &format!("/workitem/workItems/{web}/subItems"),
            &body,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    message(&body_403);
    // Suzuki is no member of INT: the project does not exist for him.
    let (status, _) = sim
        .post(
            &sim.key("suzuki.ichiro"),
            &format!("/workitem/workItems/{int}/subItems"),
            &body,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn fields_select_by_name_and_unknown_names_are_refused() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let login = find(&sim, &web, "ログイン画面の実装").await;
    let id = login["Id"].as_str().unwrap();
    let (status, items) = sim
        .get(
            &sim.key("suzuki.ichiro"),
            &format!("/workitem/workItems/{id}?fields=Name,ActualTime"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let fields = items[0]["fields"].as_object().unwrap();
    assert_eq!(fields.len(), 2);
    assert!(
        fields["ActualTime"].as_i64().unwrap() > 0,
        "the demo has booked time on it"
    );
    let (status, body) = sim
        .get(
            &sim.key("suzuki.ichiro"),
            &format!("/workitem/workItems/{id}?fields=Name,Colour"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message(&body).contains("Colour"));
    let (status, _) = sim
        .get(
            &sim.key("suzuki.ichiro"),
            &format!("/workitem/workItems/{id},999999"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = sim
        .get(
            &sim.key("suzuki.ichiro"),
            "/workitem/workItems/999998,999999",
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn updates_are_partial_string_valued_and_all_or_nothing() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let web = sim.project_id("WEB").await;
    let v11 = find(&sim, &web, "v1.1").await;
    let tasks = sim
        .tree_items(
            &me,
            v11["Id"].as_str().unwrap(),
            "Id,Name,PlannedStartDate,PlannedFinishDate",
        )
        .await;
    let (a, b) = (
        tasks[0]["Id"].as_str().unwrap(),
        tasks[1]["Id"].as_str().unwrap(),
    );

    let change =
        json!({ "fields": { "Name": "多言語対応", "PlannedTime": "600", "StatusTypeId": "2" } });
    let (status, body) = sim
        .put(&me, &format!("/workitem/workItems/{a}"), &change)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (_, items) = sim.get(&me, &format!("/workitem/workItems/{a}?fields=Name,PlannedTime,StatusTypeId,PlannedStartDate,UpdatedBy")).await;
    let fields = &items[0]["fields"];
    assert_eq!(fields["Name"], "多言語対応");
    assert_eq!(fields["PlannedTime"], 600);
    assert_eq!(fields["StatusTypeId"], "2");
    assert_eq!(
        fields["PlannedStartDate"], tasks[0]["PlannedStartDate"],
        "untouched fields stay"
    );
    assert_eq!(fields["UpdatedBy"], "3");

    // Schedules move by days, and both items change together.
    let (status, _) = sim
        .put(
            &me,
            &format!("/workitem/workItems/{a},{b}"),
            &json!({ "moveScheduleDays": 7, "setCompleted": true }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, items) = sim
        .get(
            &me,
            &format!("/workitem/workItems/{a},{b}?fields=PlannedStartDate,StatusTypeId"),
        )
        .await;
    let moved = |before: &Value| {
        let date: jiff::civil::DateTime = before.as_str().unwrap().parse().unwrap();
        jiff::civil::DateTime::strftime(
            &date.checked_add(jiff::Span::new().days(7)).unwrap(),
            "%Y-%m-%dT%H:%M:%S",
        )
        .to_string()
    };
    assert_eq!(
        items[0]["fields"]["PlannedStartDate"],
        moved(&tasks[0]["PlannedStartDate"])
    );
    assert_eq!(
        items[1]["fields"]["PlannedStartDate"],
        moved(&tasks[1]["PlannedStartDate"])
    );
    assert!(items
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["fields"]["StatusTypeId"] == "3"));

    let (status, _) = sim
        .put(
            &me,
            &format!("/workitem/workItems/{b}"),
            &json!({ "clearSchedule": true }),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, items) = sim
        .get(
            &me,
            &format!("/workitem/workItems/{b}?fields=PlannedStartDate,PlannedFinishDate"),
        )
        .await;
    assert_eq!(
        items[0]["fields"],
        json!({ "PlannedStartDate": null, "PlannedFinishDate": null })
    );

    for bad in [
        json!({ "fields": { "PlannedTime": 600 } }),
        json!({ "fields": { "ItemTypeId": "2" } }),
        json!({ "fields": { "StatusTypeId": "9" } }),
        json!({ "fields": { "Name": "" } }),
        json!({ "metadata": { "kakehashi": "x" } }),
        json!({ "moveScheduleDays": "7" }),
    ] {
        let (status, body) = sim
            .put(&me, &format!("/workitem/workItems/{a}"), &bad)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad} → {body}");
        message(&body);
    }
    let (status, _) = sim
        .put(
            &me,
            &format!("/workitem/workItems/{a},999999"),
            &json!({ "fields": { "Name": "x" } }),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, items) = sim
        .get(&me, &format!("/workitem/workItems/{a}?fields=Name"))
        .await;
    assert_eq!(items[0]["fields"]["Name"], "多言語対応");
    let (status, _) = sim
        .put(
            &sim.key("kobayashi.aoi"),
            &format!("/workitem/workItems/{a}"),
            &json!({ "fields": { "Name": "x" } }),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn deleting_a_folder_deletes_and_reports_its_children() {
    let sim = Ttnx::demo().await;
    let me = sim.key("suzuki.ichiro");
    let web = sim.project_id("WEB").await;
    let v11 = find(&sim, &web, "v1.1").await;
    let v11_id = v11["Id"].as_str().unwrap();
    let children = sim.tree_items(&me, v11_id, "Id").await;
    assert!(!children.is_empty());

    let (status, body) = sim
        .delete(&me, &format!("/workitem/workItems/{v11_id}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let affected: Vec<&str> = body["affectedItems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(affected.len(), children.len() + 1);
    assert_eq!(affected[0], v11_id);
    for child in &children {
        assert!(affected.contains(&child["Id"].as_str().unwrap()));
    }

    let (status, _) = sim.get(&me, &format!("/workitem/workItems/{v11_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(sim
        .tree_items(&me, &web, "Id,Name")
        .await
        .iter()
        .all(|i| i["Name"] != "v1.1"));
    let (_, with_deleted) = sim
        .get(
            &me,
            &format!(
                "/workitem/workItems/{web}/subItems?fields=Name,IsDeleted&includeDeleted=true"
            ),
        )
        .await;
    let text = with_deleted.to_string();
    assert!(
        text.contains("\"v1.1\""),
        "deleted items show with includeDeleted=true"
    );
    let (status, _) = sim
        .delete(&me, &format!("/workitem/workItems/{v11_id}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = sim.delete(&me, &format!("/workitem/workItems/{web}")).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the project root is not deleted here"
    );
    message(&body);
    let weekly = find(&sim, &web, "定例会議").await;
    let (status, _) = sim
        .delete(
            &sim.key("kobayashi.aoi"),
            &format!("/workitem/workItems/{}", weekly["Id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "viewers delete nothing");
}

#[tokio::test]
async fn reset_brings_the_seed_back() {
    let sim = Ttnx::demo().await;
    let web = sim.project_id("WEB").await;
    let sync = sim.key("kakehashi-sync");
    let before = sim.tree_items(&sync, &web, "Id").await.len();
    let (status, _) = sim
        .post(
            &sync,
            &format!("/workitem/workItems/{web}/subItems"),
            &json!({ "fields": { "ItemTypeId": TASK, "Name": "tmp" } }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sim.tree_items(&sync, &web, "Id").await.len(), before + 1);
    sim.settings(&json!({ "inputGranularityMinutes": 5 })).await;
    let reset = sim
        .http
        .post(format!("{}/reset", sim.sim.admin_url()))
        .send()
        .await
        .unwrap();
    assert!(reset.status().is_success());
    assert_eq!(sim.tree_items(&sync, &web, "Id").await.len(), before);
    let settings: Value = sim
        .http
        .get(format!("{}/ttnx/settings", sim.sim.admin_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(settings["inputGranularityMinutes"], 15);
    assert!(settings["apiUrl"]
        .as_str()
        .unwrap()
        .ends_with("/TimeTrackerNX/api"));
}

#[tokio::test]
async fn the_large_seed_holds_n_items_under_a_few_projects() {
    let started = std::time::Instant::now();
    let sim = Ttnx::start(Seed::Large(10_000)).await;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    let sync = sim.key("kakehashi-sync");
    let (_, projects) = sim.get(&sync, "/project/projects").await;
    let ids: Vec<String> = projects["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_owned())
        .collect();
    assert!((3..=8).contains(&ids.len()));
    let mut total = 0;
    for id in &ids {
        total += sim.tree_items(&sync, id, "Id").await.len();
    }
    assert_eq!(total, 10_000);
    let viewer = sim.person("user00200");
    let (status, body) = sim
        .get(
            &Auth::ApiKey(kakehashi_sim::ttnx::api_key(&viewer)),
            "/project/projects",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["totalCount"], 1, "every person is a member somewhere");
}
