//! The work-item tree, item types, batch creation with the metadata marker,
//! update, delete then 404, and what a viewer may not do. Request bodies are
//! held to the vendor's schemas: updates to `putWorkItem.json`; creation has
//! no schema of its own, so each created item's `fields` are held to the
//! update schema's `fields` (string values), the nearest the vendor wrote.

mod support;

use kakehashi_contracts as contracts;
use kakehashi_http::ErrorKind;
use kakehashi_ttnx::model::{StatusTypeId, WorkItem, WorkItemId};
use kakehashi_ttnx::workitems::{NewWorkItem, WorkItemUpdate};
use serde_json::{json, Value};
use support::{
    find_named, folder_and_task, item_named, project_by_code, Kind, Sim, MEMBER, VIEWER,
};

const PUT_WORK_ITEM: &str = "workitem/workItems/putWorkItem.json";

/// Holds every item's `fields` of a batch to the vendor's `fields` schema.
fn check_batch(items: &[NewWorkItem]) {
    fn check(item: &Value) {
        contracts::ttnx().assert_request(PUT_WORK_ITEM, &json!({ "fields": item["fields"] }));
        for child in item["subItems"].as_array().into_iter().flatten() {
            check(child);
        }
    }
    for item in serde_json::to_value(items).unwrap().as_array().unwrap() {
        check(item);
    }
}

fn marker(run: &str) -> Value {
    json!({ "link": format!("jira:WEB-{run}"), "run": run })
}

#[tokio::test]
async fn the_tree_of_a_project_nests_folders_and_tasks() {
    let sim = Sim::start().await;
    let client = sim.client();
    let (folder, task) = folder_and_task(&client).await;
    let web = project_by_code(&client, "WEB").await;
    let tree = client
        .tree(&web.id.clone().into(), &[], false)
        .await
        .unwrap();
    let dev = find_named(&tree, "WEB 開発").unwrap();
    assert_eq!(dev.fields.item_type_id.as_ref(), Some(&folder));
    let beta = dev
        .sub_items
        .iter()
        .find(|i| i.fields.name.as_deref() == Some("v1.0 ベータ"))
        .unwrap();
    assert!(!beta.sub_items.is_empty());
    for item in &beta.sub_items {
        assert_eq!(item.fields.item_type_id.as_ref(), Some(&task));
        assert_eq!(item.fields.parent_id.as_ref(), beta.id());
        assert_eq!(item.fields.project_id.as_ref(), Some(&web.id));
        assert!(item.fields.planned_start_date.is_some());
        assert!(item.fields.updated_at.is_some());
    }
    let ids: Vec<&WorkItemId> = tree
        .iter()
        .flat_map(WorkItem::walk)
        .filter_map(WorkItem::id)
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "every item once");

    let statuses = client.status_types().await.unwrap();
    assert!(statuses.iter().any(|s| s.is_completed == Some(true)));
    sim.stop().await;
}

#[tokio::test]
async fn a_batch_is_created_read_back_updated_deleted_then_not_found() {
    let sim = Sim::start().await;
    let client = sim.client();
    let (folder, task) = folder_and_task(&client).await;
    let web = project_by_code(&client, "WEB").await;
    let parent = item_named(&client, &web.id, "WEB 開発").await;
    let suzuki = sim.user_id(MEMBER);
    let day = |d| jiff::civil::date(2031, 4, d).at(0, 0, 0, 0);

    let batch = vec![NewWorkItem::new(&folder, "v2.0")
        .planned(day(1), day(30))
        .metadata("kakehashi", marker("happy"))
        .sub_item(
            NewWorkItem::new(&task, "検索 API")
                .planned(day(2), day(10))
                .planned_minutes(960)
                .status(&StatusTypeId::from("1"))
                .assign(suzuki.clone())
                .metadata("kakehashi", marker("happy-1")),
        )
        .sub_item(
            NewWorkItem::new(&task, "Release notes").metadata("kakehashi", marker("happy-2")),
        )];
    check_batch(&batch);
    let created = client.create_sub_items(&parent, &batch).await.unwrap();
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].sub_items.len(), 2);
    let ids = created[0].ids();

    let read = client.work_items(&ids, &[]).await.unwrap();
    let names: Vec<_> = read
        .iter()
        .filter_map(|i| i.fields.name.as_deref())
        .collect();
    assert_eq!(names, ["v2.0", "検索 API", "Release notes"]);
    let search_api = &read[1];
    assert_eq!(search_api.fields.planned_time, Some(960));
    assert_eq!(search_api.fields.planned_start_date, Some(day(2)));
    assert_eq!(search_api.fields.parent_id.as_ref(), Some(&ids[0]));
    assert_eq!(search_api.assignments[0].user_id, suzuki);
    assert_eq!(search_api.metadata["kakehashi"], marker("happy-1"));
    let metadata = client.work_item_metadata(&ids).await.unwrap();
    assert_eq!(metadata[&ids[0]]["kakehashi"], marker("happy"));

    let found = client
        .find_by_metadata(&web.id.clone().into(), "kakehashi", &marker("happy"), &[])
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id(), Some(&ids[0]));
    assert_eq!(found[0].sub_items.len(), 2, "found with its subtree");

    // Update both tasks at once; clear one date; read back.
    let update = WorkItemUpdate::new()
        .planned_minutes(Some(480))
        .planned_finish(Some(day(20)))
        .status(&StatusTypeId::from("2"));
    contracts::ttnx().assert_request(PUT_WORK_ITEM, &update.to_body());
    client.update_work_items(&ids[1..], &update).await.unwrap();
    let clear = WorkItemUpdate::new().name("v2.0 (改)").planned_start(None);
    contracts::ttnx().assert_request(PUT_WORK_ITEM, &clear.to_body());
    client.update_work_items(&ids[..1], &clear).await.unwrap();
    let read = client.work_items(&ids, &[]).await.unwrap();
    assert_eq!(read[0].fields.name.as_deref(), Some("v2.0 (改)"));
    assert_eq!(read[0].fields.planned_start_date, None);
    for task in &read[1..] {
        assert_eq!(task.fields.planned_time, Some(480));
        assert_eq!(task.fields.planned_finish_date, Some(day(20)));
        assert_eq!(task.fields.status_type_id, Some(StatusTypeId::from("2")));
    }
    let completed = WorkItemUpdate::new().set_completed().move_schedule_days(1);
    contracts::ttnx().assert_request(PUT_WORK_ITEM, &completed.to_body());
    client
        .update_work_items(&ids[2..], &completed)
        .await
        .unwrap();
    let last = &client.work_items(&ids[2..], &[]).await.unwrap()[0];
    assert_eq!(last.fields.planned_finish_date, Some(day(21)));
    assert_eq!(last.fields.actual_progress, Some(100.0));

    // Delete the folder: the tasks go with it.
    let affected = client.delete_work_items(&ids[..1]).await.unwrap();
    let mut gone: Vec<WorkItemId> = affected.iter().filter_map(|a| a.id.clone()).collect();
    gone.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(gone, expected);
    let err = client.work_items(&ids, &[]).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound, "{err}");
    let tree = client
        .tree(&web.id.clone().into(), &[], false)
        .await
        .unwrap();
    assert!(find_named(&tree, "v2.0 (改)").is_none());
    let with_deleted = client
        .tree(&web.id.clone().into(), &["Id", "Name", "IsDeleted"], true)
        .await
        .unwrap();
    let deleted = find_named(&with_deleted, "v2.0 (改)").unwrap();
    assert_eq!(deleted.fields.is_deleted, Some(true));
    sim.stop().await;
}

#[tokio::test]
async fn a_viewer_may_read_but_not_create_and_unknown_items_are_not_found() {
    let sim = Sim::start().await;
    let admin = sim.client();
    let (_, task) = folder_and_task(&admin).await;
    let web = project_by_code(&admin, "WEB").await;
    let parent = item_named(&admin, &web.id, "v1.1").await;

    let viewer = sim.client_as(VIEWER, Kind::Basic);
    let tree = viewer
        .tree(&web.id.clone().into(), &[], false)
        .await
        .unwrap();
    assert!(
        find_named(&tree, "v1.1").is_some(),
        "a viewer member may read"
    );
    let batch = [NewWorkItem::new(&task, "閲覧者のタスク")];
    check_batch(&batch);
    let err = viewer.create_sub_items(&parent, &batch).await.unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::Forbidden {
            permission: Some("Edit Work Items".into())
        },
        "{err}"
    );
    let err = viewer
        .update_work_items(
            std::slice::from_ref(&parent),
            &WorkItemUpdate::new().name("x"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.code(), "Forbidden");

    let err = admin
        .work_items(&[WorkItemId::from("987654")], &[])
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    let err = admin
        .tree(&WorkItemId::from("987654"), &[], false)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "NotFound");
    let err = admin
        .delete_work_items(&[WorkItemId::from("987654")])
        .await
        .unwrap_err();
    assert_eq!(err.code(), "NotFound");
    sim.stop().await;
}

#[tokio::test]
async fn bad_batches_are_refused_locally_or_by_the_server_and_create_nothing() {
    let sim = Sim::start().await;
    let client = sim.client();
    let (folder, task) = folder_and_task(&client).await;
    let web = project_by_code(&client, "WEB").await;
    let task_parent = item_named(&client, &web.id, "定例会議").await;
    let before = client
        .tree(&web.id.clone().into(), &["Id"], true)
        .await
        .unwrap();

    let err = client
        .create_sub_items(&task_parent, &[NewWorkItem::new(&task, "  ")])
        .await
        .unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::InvalidInput {
            field: "Name".into()
        }
    );

    // A folder under a task: the server refuses the whole batch.
    let batch = [
        NewWorkItem::new(&task, "有効なタスク"),
        NewWorkItem::new(&folder, "タスクの下のフォルダー"),
    ];
    check_batch(&batch);
    let err = client
        .create_sub_items(&task_parent, &batch)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Rejected, "{err}");
    assert!(err.message.contains("ItemTypeId"), "{err}");
    let after = client
        .tree(&web.id.clone().into(), &["Id"], true)
        .await
        .unwrap();
    assert_eq!(before, after, "nothing was created");
    sim.stop().await;
}

#[tokio::test]
async fn long_id_lists_are_read_in_chunks_and_missing_ids_are_left_out() {
    let sim = Sim::start().await;
    let client = sim.client();
    let web = project_by_code(&client, "WEB").await;
    let real = item_named(&client, &web.id, "定例会議").await;
    let mut ids: Vec<WorkItemId> = (0..150)
        .map(|n| WorkItemId::new((900_000 + n).to_string()))
        .collect();
    ids.push(real.clone());
    let found = client.work_items(&ids, &["Id", "Name"]).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id(), Some(&real));
    assert_eq!(
        sim.calls("GET /TimeTrackerNX/api/workitem/workItems/{ids}")
            .await,
        2,
        "151 ids in two requests"
    );
    let err = client.work_items(&ids[..150], &[]).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound, "none of them exists");
    sim.stop().await;
}
