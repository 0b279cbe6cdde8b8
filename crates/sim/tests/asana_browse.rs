//! Browsing the Asana simulator: users, the workspace, projects, sections
//! and custom fields of the demo seed; reset back to the seed.

#[path = "support/asana.rs"]
mod support_asana;

use kakehashi_sim::people::people;
use kakehashi_sim::Seed;
use reqwest::{Method, StatusCode};
use serde_json::json;
use support_asana::Asana;

#[tokio::test]
async fn users_are_the_shared_people_found_by_gid_email_or_me() {
    let asana = Asana::start().await;
    let workspace = asana.workspace().await;
    let me = asana.get("/users/me").await["data"].clone();
    assert_eq!(me["workspaces"][0]["gid"], workspace.as_str());
    assert_eq!(me["name"], "架け橋 同期");
    let by_gid = asana
        .get(&format!("/users/{}", me["gid"].as_str().unwrap()))
        .await;
    assert_eq!(by_gid["data"]["email"], me["email"]);
    let by_email = asana.get("/users/emma.lindqvist@example.co.jp").await;
    assert_eq!(by_email["data"]["name"], "Emma Lindqvist");
    let (status, _) = asana
        .call(Method::GET, "/users/nobody@example.com", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (all, _) = asana
        .all_pages(&format!("/workspaces/{workspace}/users"))
        .await;
    assert_eq!(all.len(), people(Seed::Demo).len());
    let (paged, pages) = asana
        .all_pages(&format!("/users?workspace={workspace}&limit=5"))
        .await;
    assert_eq!(paged, all);
    assert_eq!(pages, all.len().div_ceil(5));
    let (status, _) = asana.call(Method::GET, "/workspaces/1/users", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_workspace_projects_and_sections_of_the_demo() {
    let asana = Asana::start().await;
    let workspaces = asana.get("/workspaces").await;
    assert_eq!(workspaces["data"].as_array().unwrap().len(), 1);
    assert_eq!(workspaces["data"][0]["name"], "Kakehashi Demo");
    let workspace = asana.workspace().await;
    let full = asana.get(&format!("/workspaces/{workspace}")).await;
    assert_eq!(full["data"]["is_organization"], false);

    let projects = asana.get(&format!("/projects?workspace={workspace}")).await;
    let names: Vec<&str> = projects["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "マーケティング施策 (Marketing launch)",
            "社内ヘルプデスク (IT help desk)"
        ]
    );
    assert_eq!(
        asana
            .get(&format!("/workspaces/{workspace}/projects"))
            .await["data"],
        projects["data"]
    );
    assert_eq!(
        asana.get("/projects?archived=true").await["data"],
        json!([])
    );

    let launch = asana.project("マーケティング施策").await;
    let project = asana.get(&format!("/projects/{launch}")).await["data"].clone();
    assert_eq!(project["workspace"]["gid"], workspace.as_str());
    assert_eq!(
        project["custom_field_settings"].as_array().unwrap().len(),
        3
    );
    assert!(project["owner"]["name"].is_string());
    let sections = asana.get(&format!("/projects/{launch}/sections")).await;
    let names: Vec<&str> = sections["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "未着手 (To do)",
            "進行中 (In progress)",
            "Jira起票 (Send to Jira)",
            "完了 (Done)"
        ]
    );
    let section = asana
        .get(&format!(
            "/sections/{}",
            sections["data"][3]["gid"].as_str().unwrap()
        ))
        .await;
    assert_eq!(section["data"]["project"]["gid"], launch.as_str());
    let done = asana
        .get(&format!(
            "/sections/{}/tasks?opt_fields=completed",
            sections["data"][3]["gid"].as_str().unwrap()
        ))
        .await;
    assert!(done["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["completed"] == true));
    let open = asana
        .get(&format!(
            "/projects/{launch}/tasks?completed_since=now&opt_fields=completed"
        ))
        .await;
    assert!(!open["data"].as_array().unwrap().is_empty());
    assert!(open["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["completed"] == false));
}

#[tokio::test]
async fn custom_fields_are_defined_in_the_workspace_and_set_on_the_project() {
    let asana = Asana::start().await;
    let workspace = asana.workspace().await;
    let fields = asana
        .get(&format!("/workspaces/{workspace}/custom_fields"))
        .await;
    let names: Vec<&str> = fields["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Jira Key", "優先度 Priority", "見積 Estimate (h)"]);
    let launch = asana.project("マーケティング施策").await;
    let (priority, setting_field) = asana.field(&launch, "優先度").await;
    let field = asana.get(&format!("/custom_fields/{priority}")).await["data"].clone();
    assert_eq!(field["resource_subtype"], "enum");
    let options: Vec<&str> = field["enum_options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(options, ["High", "Medium", "Low"]);
    assert_eq!(setting_field["gid"], field["gid"]);
    let (estimate, _) = asana.field(&launch, "見積").await;
    assert_eq!(
        asana.get(&format!("/custom_fields/{estimate}")).await["data"]["precision"],
        1
    );
    let (status, _) = asana.call(Method::GET, "/custom_fields/1", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn opt_pretty_indents_and_unknown_paths_and_methods_get_asanas_404() {
    let asana = Asana::start().await;
    let response = asana
        .http
        .get(format!("{}/users/me?opt_pretty", asana.api))
        .bearer_auth(&asana.token)
        .send()
        .await
        .unwrap();
    let text = response.text().await.unwrap();
    assert!(text.contains("\n  \"data\""), "{text}");
    let (status, body) = asana.call(Method::GET, "/no/such/endpoint", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["errors"][0]["message"].is_string());
    let (status, body) = asana.call(Method::PATCH, "/tasks/1", None).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a wrong method is no route either"
    );
    assert_eq!(Asana::message(&body), "No matching route for request");
    let response = asana
        .http
        .get(format!("{}/-/oauth_token", asana.sim.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn reset_puts_the_seed_back() {
    let asana = Asana::start().await;
    let launch = asana.project("マーケティング施策").await;
    let before = asana.get(&format!("/tasks?project={launch}")).await["data"]
        .as_array()
        .unwrap()
        .len();
    let (status, _) = asana
        .call(
            Method::POST,
            "/tasks",
            Some(json!({ "data": { "name": "temporary", "projects": [launch] } })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        asana.get(&format!("/tasks?project={launch}")).await["data"]
            .as_array()
            .unwrap()
            .len(),
        before + 1
    );
    let reset = asana
        .http
        .post(format!("{}/reset", asana.sim.admin_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(reset.status(), StatusCode::OK);
    assert_eq!(
        asana.get(&format!("/tasks?project={launch}")).await["data"]
            .as_array()
            .unwrap()
            .len(),
        before
    );
    assert_eq!(
        asana.project("マーケティング施策").await,
        launch,
        "the same GIDs after a reset"
    );
}

#[tokio::test]
async fn a_large_seed_starts_quickly() {
    let started = std::time::Instant::now();
    let asana = Asana::start_with(Seed::Large(10_000)).await;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let projects = asana.get("/projects").await["data"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(projects, 4);
    let project = asana.project("Benchmark project 1").await;
    let (status, body) = asana
        .call(Method::GET, &format!("/tasks?project={project}"), None)
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "2,500 tasks without a limit are too many: {body}"
    );
    assert!(Asana::message(&body).contains("pagination"));
}
