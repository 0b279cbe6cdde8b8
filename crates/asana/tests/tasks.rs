//! Tasks against the Asana simulator: create with typed custom field
//! values, read back, list changes since a moment, update, delete; the
//! bodies the client sends held to Asana's contract; a viewer's 403.

mod support;

use std::collections::HashSet;

use kakehashi_asana::model::{External, FieldInput, FieldValue, NewTask, TaskUpdate};
use kakehashi_asana::{collect, AsanaClient, Credentials, Deletion, ListOptions};
use kakehashi_http::ErrorKind;
use kakehashi_sim::people::Role;
use serde_json::{json, Value};
use support::canned::{Canned, Reply};
use support::{field, project, project_tasks, Asana};

#[tokio::test]
async fn a_task_is_created_read_listed_changed_and_deleted() {
    let asana = Asana::start().await;
    let client = asana.client();
    let marketing = project(&client, "マーケティング施策").await;
    let jira_key = field(&client, &marketing, "Jira Key").await;
    let priority = field(&client, &marketing, "優先度").await;
    let estimate = field(&client, &marketing, "見積").await;
    let high = priority.option("High").unwrap().clone();

    let started = jiff::Timestamp::now();
    let new = NewTask {
        notes: Some("Kakehashi から作成 / created by Kakehashi".into()),
        assignee: Some("me".into()),
        due_on: Some(jiff::civil::date(2026, 12, 1)),
        ..NewTask::in_project("展示会の振り返り / Trade-show retro", &marketing.gid)
    }
    .custom_field(&jira_key.gid, FieldInput::Text("MKT-500".into()))
    .custom_field(&priority.gid, FieldInput::EnumOption(high.gid.clone()))
    .custom_field(&estimate.gid, FieldInput::Number(6.5));
    let created = client.create_task(&new).await.unwrap();
    assert_eq!(created.name, "展示会の振り返り / Trade-show retro");
    assert_eq!(created.completed, Some(false));
    assert_eq!(created.due_on, Some(jiff::civil::date(2026, 12, 1)));
    assert_eq!(
        created.assignee.as_ref().and_then(|a| a.name.as_deref()),
        Some("架け橋 同期")
    );
    assert_eq!(
        created.memberships[0].project.as_ref().map(|p| &p.gid),
        Some(&marketing.gid)
    );
    assert_eq!(created.text_value(&jira_key.gid), Some("MKT-500"));
    let FieldValue::Enum(Some(chosen)) = &created.custom_field(&priority.gid).unwrap().value else {
        panic!("{created:?}")
    };
    assert_eq!((&chosen.gid, chosen.name.as_str()), (&high.gid, "High"));
    let estimate_value = created.custom_field(&estimate.gid).unwrap();
    assert_eq!(estimate_value.value, FieldValue::Number(Some(6.5)));
    assert_eq!(estimate_value.display_value.as_deref(), Some("6.5"));

    let read = client.task(&created.gid, None).await.unwrap();
    assert_eq!(read, created);

    // Changes since a moment: the new task, and no seed task (all older).
    let changed = collect(client.tasks(&marketing.gid, Some(started), &ListOptions::default()))
        .await
        .unwrap();
    assert_eq!(
        changed.iter().map(|t| t.gid.as_str()).collect::<Vec<_>>(),
        [created.gid.as_str()]
    );
    let all = collect(client.tasks(&marketing.gid, None, &ListOptions::default().limit(7)))
        .await
        .unwrap();
    let distinct: HashSet<&str> = all.iter().map(|t| t.gid.as_str()).collect();
    assert_eq!(
        (all.len(), distinct.len()),
        (21, 21),
        "20 seed tasks and ours"
    );
    assert!(all.iter().all(|t| t.modified_at.is_some()));

    let update = TaskUpdate {
        name: Some("展示会の振り返り (完了) / Retro done".into()),
        completed: Some(true),
        assignee: Some(None),
        ..TaskUpdate::default()
    }
    .custom_field(&jira_key.gid, FieldInput::Clear)
    .custom_field(&estimate.gid, FieldInput::Number(8.0));
    let updated = client.update_task(&created.gid, &update).await.unwrap();
    assert_eq!(updated.name, "展示会の振り返り (完了) / Retro done");
    assert_eq!(updated.completed, Some(true));
    assert!(updated.completed_at.is_some());
    assert_eq!(updated.assignee, None);
    assert_eq!(updated.text_value(&jira_key.gid), None);
    assert_eq!(
        updated.custom_field(&estimate.gid).unwrap().value,
        FieldValue::Number(Some(8.0))
    );
    assert!(updated.modified_at >= created.modified_at);
    assert_eq!(client.task(&created.gid, None).await.unwrap(), updated);

    assert_eq!(
        client.delete_task(&created.gid).await.unwrap(),
        Deletion::Deleted
    );
    let gone = client.task(&created.gid, None).await.unwrap_err();
    assert_eq!(gone.kind, ErrorKind::NotFound);
    assert!(gone.message.contains("Unknown object"), "{}", gone.message);
    assert_eq!(
        client.delete_task(&created.gid).await.unwrap(),
        Deletion::AlreadyGone
    );
    let refused = client
        .update_task(&created.gid, &TaskUpdate::default())
        .await
        .unwrap_err();
    assert_eq!(refused.code(), "NotFound");
    asana.stop().await;
}

#[tokio::test]
async fn a_wrong_custom_field_value_is_refused_with_asanas_reason() {
    let asana = Asana::start().await;
    let client = asana.client();
    let marketing = project(&client, "マーケティング施策").await;
    let priority = field(&client, &marketing, "優先度").await;
    let new = NewTask::in_project("x", &marketing.gid)
        .custom_field(&priority.gid, FieldInput::Text("High".into()));
    let error = client.create_task(&new).await.unwrap_err();
    assert_eq!((error.code(), error.status), ("Validation", Some(400)));
    assert!(
        error
            .message
            .contains("must be the GID of one of its enum options"),
        "{}",
        error.message
    );
    asana.stop().await;
}

#[tokio::test]
async fn a_viewer_reads_but_every_write_is_forbidden() {
    let asana = Asana::start().await;
    let viewer = asana.client_of(Role::Viewer);
    let (marketing, tasks) = project_tasks(&viewer, "マーケティング施策").await;
    assert_eq!(tasks.len(), 20);

    let error = viewer
        .create_task(&NewTask::in_project("閲覧者 / viewer", &marketing.gid))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "Forbidden");
    assert_eq!(error.kind, ErrorKind::Forbidden { permission: None });
    assert!(
        error.message.contains("You do not have permission"),
        "{}",
        error.message
    );
    let error = viewer
        .update_task(
            &tasks[0].gid,
            &TaskUpdate {
                name: Some("x".into()),
                ..TaskUpdate::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "Forbidden");
    assert_eq!(
        viewer.delete_task(&tasks[0].gid).await.unwrap_err().code(),
        "Forbidden"
    );
    assert_eq!(
        asana.count("POST /api/1.0/tasks").await,
        1,
        "a 403 is not retried"
    );
    asana.stop().await;
}

/// The client against a canned server, to capture the exact bytes it sends.
fn capturing_client(server: &Canned) -> AsanaClient {
    let endpoint = AsanaClient::default_endpoint()
        .unwrap()
        .with_alt_url(Some(&server.url))
        .unwrap()
        .with_retry(support::fast_retry());
    AsanaClient::new(endpoint, Credentials::pat("sim-asana-kakehashi-sync")).unwrap()
}

#[tokio::test]
async fn create_and_update_bodies_match_the_asana_contract() {
    let task = json!({ "data": { "gid": "1208000000000999", "name": "x" } });
    let server = Canned::start(vec![Reply::json(201, task.clone()), Reply::json(200, task)]).await;
    let client = capturing_client(&server);
    let new = NewTask {
        notes: Some("メモ".into()),
        assignee: Some("me".into()),
        due_on: Some(jiff::civil::date(2026, 12, 1)),
        followers: vec!["sato.hanako@example.co.jp".into()],
        external: Some(External {
            gid: Some("kakehashi:1208000000000777".into()),
            data: Some("{\"jira\":\"MKT-1\"}".into()),
        }),
        ..NewTask::in_project("契約 / Contract", "1208000000000020")
    }
    .custom_field("1208000000000030", FieldInput::Text("MKT-1".into()))
    .custom_field(
        "1208000000000031",
        FieldInput::EnumOption("1208000000000032".into()),
    )
    .custom_field(
        "1208000000000040",
        FieldInput::Date(jiff::civil::date(2026, 11, 30)),
    );
    client.create_task(&new).await.unwrap();
    let update = TaskUpdate {
        name: Some("更新 / Updated".into()),
        completed: Some(true),
        due_on: Some(None),
        assignee: Some(None),
        ..TaskUpdate::default()
    }
    .custom_field("1208000000000030", FieldInput::Text("MKT-2".into()));
    client
        .update_task("1208000000000999", &update)
        .await
        .unwrap();

    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    let contract = kakehashi_contracts::asana();
    let path = |target: &str| target.split('?').next().unwrap().to_owned();
    assert_eq!(sent[0].method, "POST");
    assert_eq!(path(&sent[0].target), "/api/1.0/tasks");
    let create: Value = serde_json::from_slice(&sent[0].body).unwrap();
    contract.assert_request("POST", &path(&sent[0].target), &create);
    assert_eq!(create["data"]["projects"], json!(["1208000000000020"]));
    assert_eq!(
        create["data"]["custom_fields"]["1208000000000040"],
        "2026-11-30"
    );
    assert_eq!(sent[1].method, "PUT");
    let update: Value = serde_json::from_slice(&sent[1].body).unwrap();
    contract.assert_request("PUT", &path(&sent[1].target), &update);
    assert_eq!(update["data"]["due_on"], Value::Null);
    assert!(sent.iter().all(|r| r.target.contains("opt_fields=")));
}
