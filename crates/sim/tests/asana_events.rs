//! Asana's events API: the 412 handshake, section moves and changes as
//! events, `has_more`, and sync tokens that are too old.

#[path = "support/asana.rs"]
mod support_asana;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use support_asana::Asana;

/// The first call: 412 with the Asana error and a fresh sync token.
async fn first_sync(asana: &Asana, resource: &str) -> String {
    let (status, body) = asana
        .call(Method::GET, &format!("/events?resource={resource}"), None)
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{body}");
    assert!(
        Asana::message(&body).contains("Sync token invalid or too old"),
        "{body}"
    );
    body["sync"]
        .as_str()
        .expect("a fresh sync token")
        .to_owned()
}

async fn poll(asana: &Asana, resource: &str, sync: &str) -> Value {
    asana
        .get(&format!("/events?resource={resource}&sync={sync}"))
        .await
}

#[tokio::test]
async fn a_section_move_shows_up_as_removed_and_added_events() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let to_jira = asana.section(&project, "Jira起票").await;
    let sync = first_sync(&asana, &project).await;
    let nothing = poll(&asana, &project, &sync).await;
    assert_eq!(nothing["data"], json!([]));
    assert_eq!(nothing["has_more"], false);

    let todo = asana.section(&project, "未着手").await;
    let task = asana.get(&format!("/sections/{todo}/tasks")).await["data"][0].clone();
    let gid = task["gid"].as_str().unwrap();
    let (status, body) = asana
        .call(
            Method::POST,
            &format!("/sections/{to_jira}/addTask"),
            Some(json!({ "data": { "task": gid } })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({ "data": {} }));

    let events = poll(&asana, &project, nothing["sync"].as_str().unwrap()).await;
    let list = events["data"].as_array().unwrap();
    assert_eq!(list.len(), 2, "{events}");
    assert_eq!(
        (
            list[0]["action"].as_str(),
            list[0]["parent"]["gid"].as_str()
        ),
        (Some("removed"), Some(todo.as_str()))
    );
    assert_eq!(list[1]["action"], "added");
    assert_eq!(list[1]["parent"]["gid"], to_jira.as_str());
    assert_eq!(list[1]["parent"]["resource_type"], "section");
    assert_eq!(list[1]["resource"]["gid"], gid);
    assert_eq!(list[1]["resource"]["name"], task["name"]);
    assert_eq!(
        list[1]["user"]["gid"],
        asana.get("/users/me").await["data"]["gid"]
    );
    assert!(list[1]["created_at"].as_str().unwrap().ends_with('Z'));
    let moved = asana.get(&format!("/sections/{to_jira}/tasks")).await;
    assert!(moved["data"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["gid"] == gid));

    // Moving it where it already is changes nothing.
    asana
        .call(
            Method::POST,
            &format!("/sections/{to_jira}/addTask"),
            Some(json!({ "data": { "task": gid } })),
        )
        .await;
    let quiet = poll(&asana, &project, events["sync"].as_str().unwrap()).await;
    assert_eq!(quiet["data"], json!([]));
}

#[tokio::test]
async fn changes_creations_and_deletions_are_events_of_the_project_and_the_task() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let helpdesk = asana.project("社内ヘルプデスク").await;
    let project_sync = first_sync(&asana, &project).await;
    let helpdesk_sync = first_sync(&asana, &helpdesk).await;

    let (_, created) = asana
        .call(
            Method::POST,
            "/tasks",
            Some(json!({ "data": { "name": "イベント / Event", "projects": [project] } })),
        )
        .await;
    let gid = created["data"]["gid"].as_str().unwrap().to_owned();
    let task_sync = first_sync(&asana, &gid).await;
    let assignee = asana.get("/users/me").await["data"]["gid"].clone();
    asana
        .call(
            Method::PUT,
            &format!("/tasks/{gid}"),
            Some(json!({ "data": { "assignee": assignee } })),
        )
        .await;
    asana
        .call(Method::DELETE, &format!("/tasks/{gid}"), None)
        .await;

    let events = poll(&asana, &project, &project_sync).await;
    let actions: Vec<(&str, Option<&str>)> = events["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["parent"]["resource_type"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            ("added", Some("project")),
            ("added", Some("section")),
            ("changed", None),
            ("deleted", None)
        ]
    );
    let change = &events["data"][2]["change"];
    assert_eq!(
        (change["field"].as_str(), change["action"].as_str()),
        (Some("assignee"), Some("changed"))
    );
    assert_eq!(change["new_value"]["gid"], assignee);

    let on_task = poll(&asana, &gid, &task_sync).await;
    assert_eq!(
        on_task["data"].as_array().unwrap().len(),
        2,
        "the task sees its change and deletion: {on_task}"
    );
    assert_eq!(
        poll(&asana, &helpdesk, &helpdesk_sync).await["data"],
        json!([]),
        "other projects see nothing"
    );
}

#[tokio::test]
async fn many_events_come_100_at_a_time_with_has_more() {
    let asana = Asana::start().await;
    let project = asana.project("社内ヘルプデスク").await;
    let task = asana.get(&format!("/projects/{project}/tasks")).await["data"][0]["gid"]
        .as_str()
        .unwrap()
        .to_owned();
    let sync = first_sync(&asana, &project).await;
    for n in 0..130 {
        let (status, _) = asana
            .call(
                Method::PUT,
                &format!("/tasks/{task}"),
                Some(json!({ "data": { "name": format!("rename {n}") } })),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let first = poll(&asana, &project, &sync).await;
    assert_eq!(
        (
            first["data"].as_array().unwrap().len(),
            first["has_more"].as_bool()
        ),
        (100, Some(true))
    );
    assert_eq!(first["data"][0]["resource"]["name"], "rename 0");
    let rest = poll(&asana, &project, first["sync"].as_str().unwrap()).await;
    assert_eq!(
        (
            rest["data"].as_array().unwrap().len(),
            rest["has_more"].as_bool()
        ),
        (30, Some(false))
    );
    assert_eq!(rest["data"][29]["resource"]["name"], "rename 129");
}

#[tokio::test]
async fn expired_and_too_old_tokens_get_412_with_a_fresh_token() {
    let asana = Asana::start().await;
    let project = asana.project("社内ヘルプデスク").await;
    let task = asana.get(&format!("/projects/{project}/tasks")).await["data"][0]["gid"]
        .as_str()
        .unwrap()
        .to_owned();
    let sync = first_sync(&asana, &project).await;
    poll(&asana, &project, &sync).await;

    let expired = asana
        .http
        .post(format!("{}/asana/events/expire", asana.sim.admin_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), StatusCode::OK);
    let (status, body) = asana
        .call(
            Method::GET,
            &format!("/events?resource={project}&sync={sync}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED);
    let fresh = body["sync"].as_str().unwrap().to_owned();
    assert_ne!(fresh, sync);
    assert_eq!(
        poll(&asana, &project, &fresh).await["data"],
        json!([]),
        "the fresh token works"
    );

    // More than 1,000 events behind: the token is too old.
    for n in 0..1_001 {
        let (status, _) = asana
            .call(
                Method::PUT,
                &format!("/tasks/{task}"),
                Some(json!({ "data": { "notes": format!("{n}") } })),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, body) = asana
        .call(
            Method::GET,
            &format!("/events?resource={project}&sync={fresh}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::PRECONDITION_FAILED, "{body}");
    assert!(body["sync"].is_string());

    let (status, _) = asana.call(Method::GET, "/events", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "resource is required");
    let (status, _) = asana.call(Method::GET, "/events?resource=1", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = asana
        .call_as(
            "wrong",
            Method::GET,
            &format!("/events?resource={project}"),
            None,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "authentication comes before the 412"
    );
}
