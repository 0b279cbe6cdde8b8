//! The Asana simulator held to Asana's published OpenAPI document: every
//! endpoint it serves that the contract describes, success and error
//! answers, and the request bodies it refuses.
//!
//! Served but not described by the contract (checked by the other
//! `asana_*` tests instead):
//! - `GET|POST /-/oauth_authorize`, `POST /-/oauth_token`,
//!   `POST /-/oauth_revoke` — OAuth lives outside `/api/1.0` and outside
//!   the document;
//! - `GET /-/asset_download/{gid}` (the signed `download_url`) and
//!   `GET /app/asana/-/get_asset` (the `permanent_url`) — file hosting;
//! - the 413 of `POST /attachments` for files over 100 MB (the document
//!   describes no 413);
//! - the control routes `POST /__sim/asana/oauth/clients`,
//!   `/__sim/asana/oauth/expire` and `/__sim/asana/events/expire`.

mod support;
#[path = "support/asana.rs"]
mod support_asana;

use kakehashi_contracts as contracts;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use support_asana::Asana;

/// Sends a request and checks the answer against the contract.
async fn checked(asana: &Asana, method: Method, path: &str, body: Option<Value>) -> Value {
    checked_as(asana, &asana.token.clone(), method, path, body).await
}

async fn checked_as(
    asana: &Asana,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let (status, answer) = asana.call_as(token, method.clone(), path, body).await;
    let concrete = path.split('?').next().unwrap();
    contracts::asana().assert_response(
        method.as_str(),
        &format!("/api/1.0{concrete}"),
        status.as_u16(),
        &answer,
    );
    answer
}

fn gid(value: &Value) -> String {
    value["gid"]
        .as_str()
        .unwrap_or_else(|| panic!("no gid in {value}"))
        .to_owned()
}

#[tokio::test]
async fn users_and_workspaces_match_the_contract() {
    let asana = Asana::start().await;
    let me = checked(&asana, Method::GET, "/users/me", None).await;
    checked(
        &asana,
        Method::GET,
        &format!("/users/{}", gid(&me["data"])),
        None,
    )
    .await;
    checked(&asana, Method::GET, "/users?limit=3", None).await;
    let workspaces = checked(&asana, Method::GET, "/workspaces?limit=10", None).await;
    let workspace = gid(&workspaces["data"][0]);
    checked(
        &asana,
        Method::GET,
        &format!("/workspaces/{workspace}"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/workspaces/{workspace}/users"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/users?workspace={workspace}&opt_fields=email,name"),
        None,
    )
    .await;
    checked(&asana, Method::GET, "/users/nobody@example.com", None).await;
    checked(&asana, Method::GET, "/workspaces/1", None).await;
    checked_as(&asana, "wrong", Method::GET, "/users/me", None).await;
}

#[tokio::test]
async fn projects_sections_and_custom_fields_match_the_contract() {
    let asana = Asana::start().await;
    let workspace = asana.workspace().await;
    let projects = checked(
        &asana,
        Method::GET,
        &format!("/projects?workspace={workspace}&limit=1"),
        None,
    )
    .await;
    assert!(projects["next_page"]["offset"].is_string());
    checked(
        &asana,
        Method::GET,
        &format!("/workspaces/{workspace}/projects"),
        None,
    )
    .await;
    let project = asana.project("マーケティング施策").await;
    checked(&asana, Method::GET, &format!("/projects/{project}"), None).await;
    checked(
        &asana,
        Method::GET,
        &format!("/projects/{project}?opt_fields=name,html_notes,owner.name"),
        None,
    )
    .await;
    let sections = checked(
        &asana,
        Method::GET,
        &format!("/projects/{project}/sections?limit=2"),
        None,
    )
    .await;
    let section = gid(&sections["data"][0]);
    checked(&asana, Method::GET, &format!("/sections/{section}"), None).await;
    let settings = checked(
        &asana,
        Method::GET,
        &format!("/projects/{project}/custom_field_settings"),
        None,
    )
    .await;
    let field = gid(&settings["data"][1]["custom_field"]);
    checked(
        &asana,
        Method::GET,
        &format!("/custom_fields/{field}"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/workspaces/{workspace}/custom_fields?limit=2"),
        None,
    )
    .await;
    checked(&asana, Method::GET, "/projects/1", None).await;
    checked(&asana, Method::GET, "/projects/abc", None).await;
    checked(&asana, Method::GET, "/custom_fields/1", None).await;
}

#[tokio::test]
async fn task_lists_and_records_match_the_contract() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let section = asana.section(&project, "進行中").await;
    let list = checked(
        &asana,
        Method::GET,
        &format!("/tasks?project={project}&limit=5"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        list["next_page"]["path"].as_str().unwrap(),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/tasks?section={section}&modified_since=2020-01-01T00:00:00.000Z"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/projects/{project}/tasks?completed_since=now"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/sections/{section}/tasks?limit=100"),
        None,
    )
    .await;
    let fields = "name,assignee.name,custom_fields.display_value,custom_fields.enum_value.name,memberships.section.name,modified_at,due_on,completed";
    checked(
        &asana,
        Method::GET,
        &format!("/tasks?project={project}&opt_fields={fields}"),
        None,
    )
    .await;
    let workspace = asana.workspace().await;
    checked(
        &asana,
        Method::GET,
        &format!("/tasks?assignee=me&workspace={workspace}"),
        None,
    )
    .await;
    for task in list["data"].as_array().unwrap() {
        checked(&asana, Method::GET, &format!("/tasks/{}", gid(task)), None).await;
    }
    checked(
        &asana,
        Method::GET,
        &format!("/tasks?project={project}&limit=101"),
        None,
    )
    .await;
    checked(&asana, Method::GET, "/tasks", None).await;
    checked(&asana, Method::GET, "/tasks/1", None).await;
}

#[tokio::test]
async fn task_writes_match_the_contract_and_refused_bodies_are_refused_by_it() {
    let asana = Asana::start().await;
    let contract = contracts::asana();
    let project = asana.project("マーケティング施策").await;
    let to_jira = asana.section(&project, "Jira起票").await;
    let helpdesk = asana.project("社内ヘルプデスク").await;
    let (priority, field) = asana.field(&project, "優先度").await;
    let (jira_key, _) = asana.field(&project, "Jira Key").await;
    let high = gid(&field["enum_options"][0]);

    let create = json!({ "data": {
        "name": "契約テスト / Contract test",
        "notes": "メモ",
        "assignee": "me",
        "due_on": "2026-12-01",
        // The contract types memberships as compact records; Asana's guide
        // sends GID strings (tested in asana_tasks). Both are accepted.
        "memberships": [{ "project": { "gid": project }, "section": { "gid": to_jira } }],
        "custom_fields": { priority.clone(): high, jira_key.clone(): "MKT-300" },
    }});
    contract.assert_request("POST", "/api/1.0/tasks", &create);
    let created = checked(&asana, Method::POST, "/tasks", Some(create)).await;
    let task = gid(&created["data"]);

    let update = json!({ "data": { "name": "更新 / Updated", "completed": true, "custom_fields": { jira_key.clone(): "MKT-301" } } });
    contract.assert_request("PUT", &format!("/api/1.0/tasks/{task}"), &update);
    checked(&asana, Method::PUT, &format!("/tasks/{task}"), Some(update)).await;

    let subtask = json!({ "data": { "name": "サブタスク / Subtask" } });
    contract.assert_request("POST", &format!("/api/1.0/tasks/{task}/subtasks"), &subtask);
    let sub = checked(
        &asana,
        Method::POST,
        &format!("/tasks/{task}/subtasks"),
        Some(subtask),
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/tasks/{task}/subtasks"),
        None,
    )
    .await;
    let set_parent = json!({ "data": { "parent": null } });
    checked(
        &asana,
        Method::POST,
        &format!("/tasks/{}/setParent", gid(&sub["data"])),
        Some(set_parent),
    )
    .await;

    let add_project = json!({ "data": { "project": helpdesk } });
    contract.assert_request(
        "POST",
        &format!("/api/1.0/tasks/{task}/addProject"),
        &add_project,
    );
    checked(
        &asana,
        Method::POST,
        &format!("/tasks/{task}/addProject"),
        Some(add_project),
    )
    .await;
    let remove_project = json!({ "data": { "project": helpdesk } });
    contract.assert_request(
        "POST",
        &format!("/api/1.0/tasks/{task}/removeProject"),
        &remove_project,
    );
    checked(
        &asana,
        Method::POST,
        &format!("/tasks/{task}/removeProject"),
        Some(remove_project),
    )
    .await;
    let todo = asana.section(&project, "未着手").await;
    let add_task = json!({ "data": { "task": task } });
    contract.assert_request(
        "POST",
        &format!("/api/1.0/sections/{todo}/addTask"),
        &add_task,
    );
    checked(
        &asana,
        Method::POST,
        &format!("/sections/{todo}/addTask"),
        Some(add_task),
    )
    .await;

    // What the simulator refuses, the contract forbids too.
    let refused: [(&str, String, Value); 6] = [
        (
            "POST",
            "/tasks".into(),
            json!({ "data": { "name": 5, "projects": [project] } }),
        ),
        (
            "POST",
            "/tasks".into(),
            json!({ "data": { "projects": project } }),
        ),
        (
            "PUT",
            format!("/tasks/{task}"),
            json!({ "data": { "completed": "yes" } }),
        ),
        (
            "POST",
            format!("/sections/{todo}/addTask"),
            json!({ "data": {} }),
        ),
        (
            "POST",
            format!("/tasks/{task}/addProject"),
            json!({ "data": { "section": to_jira } }),
        ),
        (
            "POST",
            format!("/tasks/{task}/setParent"),
            json!({ "data": {} }),
        ),
    ];
    for (method, path, body) in refused {
        contract.assert_request_rejected_by_contract(method, &format!("/api/1.0{path}"), &body);
        let answer = checked(
            &asana,
            Method::from_bytes(method.as_bytes()).unwrap(),
            &path,
            Some(body.clone()),
        )
        .await;
        assert!(
            answer["errors"].is_array(),
            "{method} {path} {body} → {answer}"
        );
    }
    contract.assert_request_rejected_by_contract(
        "POST",
        "/api/1.0/tasks",
        &json!({ "name": "no envelope" }),
    );
    checked(
        &asana,
        Method::POST,
        "/tasks",
        Some(json!({ "name": "no envelope" })),
    )
    .await;

    let viewer = asana.token_of(kakehashi_sim::people::Role::Viewer);
    checked_as(
        &asana,
        &viewer,
        Method::PUT,
        &format!("/tasks/{task}"),
        Some(json!({ "data": { "name": "x" } })),
    )
    .await;
    checked(&asana, Method::DELETE, &format!("/tasks/{task}"), None).await;
    checked(&asana, Method::GET, &format!("/tasks/{task}"), None).await;
}

#[tokio::test]
async fn attachments_match_the_contract() {
    let asana = Asana::start().await;
    let project = asana.project("社内ヘルプデスク").await;
    let task = gid(&asana.get(&format!("/projects/{project}/tasks")).await["data"][0]);
    let form = Form::new().text("parent", task.clone()).part(
        "file",
        Part::bytes("報告書 report".as_bytes().to_vec())
            .file_name("report.txt")
            .mime_str("text/plain")
            .unwrap(),
    );
    let response = asana
        .http
        .post(format!("{}/attachments", asana.api))
        .bearer_auth(&asana.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let uploaded: Value = response.json().await.unwrap();
    contracts::asana().assert_response("POST", "/api/1.0/attachments", status.as_u16(), &uploaded);
    assert_eq!(status, StatusCode::OK);
    let attachment = gid(&uploaded["data"]);

    let external = Form::new()
        .text("parent", task.clone())
        .text("resource_subtype", "external")
        .text("name", "ITS-12")
        .text("url", "https://jira.example.com/browse/ITS-12");
    let response = asana
        .http
        .post(format!("{}/attachments", asana.api))
        .bearer_auth(&asana.token)
        .multipart(external)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    contracts::asana().assert_response(
        "POST",
        "/api/1.0/attachments",
        status,
        &response.json().await.unwrap(),
    );

    let missing = Form::new().text("parent", task.clone());
    let response = asana
        .http
        .post(format!("{}/attachments", asana.api))
        .bearer_auth(&asana.token)
        .multipart(missing)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    assert_eq!(status, 400);
    contracts::asana().assert_response(
        "POST",
        "/api/1.0/attachments",
        status,
        &response.json().await.unwrap(),
    );

    checked(
        &asana,
        Method::GET,
        &format!("/attachments?parent={task}"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/attachments?parent={task}&limit=1"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/attachments/{attachment}"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::DELETE,
        &format!("/attachments/{attachment}"),
        None,
    )
    .await;
    checked(
        &asana,
        Method::GET,
        &format!("/attachments/{attachment}"),
        None,
    )
    .await;
}

#[tokio::test]
async fn events_match_the_contract_in_the_412_and_200_answers() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let first = checked(
        &asana,
        Method::GET,
        &format!("/events?resource={project}"),
        None,
    )
    .await;
    let sync = first["sync"].as_str().unwrap().to_owned();
    let todo = asana.section(&project, "未着手").await;
    let to_jira = asana.section(&project, "Jira起票").await;
    let task = gid(&asana.get(&format!("/sections/{todo}/tasks")).await["data"][0]);
    asana
        .call(
            Method::POST,
            &format!("/sections/{to_jira}/addTask"),
            Some(json!({ "data": { "task": task } })),
        )
        .await;
    asana
        .call(
            Method::PUT,
            &format!("/tasks/{task}"),
            Some(json!({ "data": { "assignee": "me" } })),
        )
        .await;
    let events = checked(
        &asana,
        Method::GET,
        &format!("/events?resource={project}&sync={sync}"),
        None,
    )
    .await;
    assert_eq!(events["data"].as_array().unwrap().len(), 3, "{events}");
    checked(
        &asana,
        Method::GET,
        &format!("/events?resource={project}&sync=stale"),
        None,
    )
    .await;
    checked(&asana, Method::GET, "/events", None).await;
}
