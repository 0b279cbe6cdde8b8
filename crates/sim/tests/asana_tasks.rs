//! Asana tasks: envelopes, offset paging to the end, opt_fields,
//! modified_since, create / update / delete with custom fields, and the
//! requests Asana refuses.

#[path = "support/asana.rs"]
mod support_asana;

use std::collections::HashSet;

use kakehashi_sim::Seed;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use support_asana::Asana;

fn gids(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["gid"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn lists_are_compact_in_a_data_envelope_and_single_records_are_full() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let list = asana.get(&format!("/tasks?project={project}")).await;
    let first = &list["data"][0];
    let mut keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["gid", "name", "resource_subtype", "resource_type"]);
    assert!(
        list.get("next_page").is_none(),
        "no limit, no next_page: {list}"
    );

    let task = asana
        .get(&format!("/tasks/{}", first["gid"].as_str().unwrap()))
        .await;
    let task = &task["data"];
    for key in [
        "notes",
        "assignee",
        "memberships",
        "custom_fields",
        "created_at",
        "modified_at",
        "due_on",
        "workspace",
    ] {
        assert!(task.get(key).is_some(), "{key} missing from {task}");
    }
    assert!(task.get("html_notes").is_none(), "opt-in only");
    let stamp = task["modified_at"].as_str().unwrap();
    assert!(
        stamp.ends_with('Z') && stamp.len() == 24 && stamp.as_bytes()[19] == b'.',
        "{stamp}"
    );
    assert_eq!(task["memberships"][0]["project"]["gid"], project.as_str());
}

#[tokio::test]
async fn opt_fields_pick_exactly_the_named_fields() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let list = asana.get(&format!("/tasks?project={project}&opt_fields=name,assignee.email,assignee.name,custom_fields.display_value,html_notes")).await;
    let task = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| !t["assignee"].is_null())
        .unwrap();
    let mut keys: Vec<&str> = task
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        ["assignee", "custom_fields", "gid", "html_notes", "name"]
    );
    assert!(
        task["assignee"].get("name").is_some() && task["assignee"].get("resource_type").is_none()
    );
    assert!(task["html_notes"].as_str().unwrap().starts_with("<body>"));
    assert!(task["custom_fields"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["display_value"] == "High"));
}

#[tokio::test]
async fn offset_paging_visits_every_task_exactly_once() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let (all, _) = asana.all_pages(&format!("/tasks?project={project}")).await;
    let (paged, pages) = asana
        .all_pages(&format!("/tasks?project={project}&limit=7"))
        .await;
    assert_eq!(gids(&paged), gids(&all));
    assert_eq!(pages, all.len().div_ceil(7));
    assert_eq!(
        gids(&paged).into_iter().collect::<HashSet<_>>().len(),
        all.len()
    );

    let first = asana
        .get(&format!("/tasks?project={project}&limit=7"))
        .await;
    let next = &first["next_page"];
    assert!(
        next["uri"].as_str().unwrap().starts_with(&asana.api),
        "{next}"
    );
    assert!(next["path"]
        .as_str()
        .unwrap()
        .contains(&format!("offset={}", next["offset"].as_str().unwrap())));
    let exact = asana
        .get(&format!("/tasks?project={project}&limit={}", all.len()))
        .await;
    assert!(exact["next_page"].is_null(), "the last page says null");
}

#[tokio::test]
async fn paging_a_large_seed_reaches_the_end_while_tasks_are_added() {
    let asana = Asana::start_with(Seed::Large(2_000)).await;
    let project = asana.project("Benchmark project 1").await;
    let mut seen = Vec::new();
    let mut next = format!("/tasks?project={project}&limit=100");
    let mut created = None;
    loop {
        let body = asana.get(&next).await;
        seen.extend(gids(body["data"].as_array().unwrap()));
        if created.is_none() {
            let (status, task) = asana
                .call(
                    Method::POST,
                    "/tasks",
                    Some(
                        json!({ "data": { "name": "added while paging", "projects": [project] } }),
                    ),
                )
                .await;
            assert_eq!(status, StatusCode::CREATED);
            created = Some(task["data"]["gid"].as_str().unwrap().to_owned());
        }
        match body["next_page"]["path"].as_str() {
            Some(path) => next = path.to_owned(),
            None => break,
        }
    }
    assert_eq!(
        seen.len(),
        501,
        "500 seeded + the one created during paging"
    );
    assert_eq!(
        seen.iter().collect::<HashSet<_>>().len(),
        seen.len(),
        "no task twice"
    );
    assert_eq!(seen.last(), created.as_ref());
}

#[tokio::test]
async fn limits_outside_1_to_100_and_foreign_offsets_get_400() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    for limit in ["0", "101", "-5", "many"] {
        let (status, body) = asana
            .call(
                Method::GET,
                &format!("/tasks?project={project}&limit={limit}"),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "limit={limit}");
        assert!(Asana::message(&body).contains("limit"), "{body}");
    }
    let users = asana.get("/users?limit=2").await;
    let token = users["next_page"]["offset"].as_str().unwrap();
    let (status, _) = asana
        .call(
            Method::GET,
            &format!("/tasks?project={project}&limit=2&offset={token}"),
            None,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "an offset belongs to its list"
    );
    let (status, _) = asana.call(Method::GET, "/tasks?limit=5", None).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "tasks need a project, section or assignee + workspace"
    );
}

#[tokio::test]
async fn modified_since_finds_exactly_what_changed_after_it() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let (all, _) = asana.all_pages(&format!("/tasks?project={project}")).await;
    let since = jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    let (none, _) = asana
        .all_pages(&format!("/tasks?project={project}&modified_since={since}"))
        .await;
    assert!(none.is_empty(), "the seed is older than now: {none:?}");

    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let target = all[3]["gid"].as_str().unwrap();
    let (status, updated) = asana
        .call(
            Method::PUT,
            &format!("/tasks/{target}"),
            Some(json!({ "data": { "name": "更新済み / Updated" } })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (changed, _) = asana
        .all_pages(&format!("/tasks?project={project}&modified_since={since}"))
        .await;
    assert_eq!(gids(&changed), [target]);

    // Its own modified_at, sent back, still finds it ("at or after").
    let stamp = updated["data"]["modified_at"].as_str().unwrap();
    let (again, _) = asana
        .all_pages(&format!("/tasks?project={project}&modified_since={stamp}"))
        .await;
    assert_eq!(gids(&again), [target]);
    let tokyo = jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap());
    let later = tokyo
        .strftime("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string()
        .replace('+', "%2B");
    let (later, _) = asana
        .all_pages(&format!("/tasks?project={project}&modified_since={later}"))
        .await;
    assert!(later.is_empty(), "an offset other than Z is read correctly");

    let (status, body) = asana
        .call(
            Method::GET,
            &format!("/tasks?project={project}&modified_since=yesterday"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn tasks_are_created_updated_and_deleted_with_custom_fields() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let section = asana.section(&project, "Jira起票").await;
    let (jira_key, _) = asana.field(&project, "Jira Key").await;
    let (priority, priority_field) = asana.field(&project, "優先度").await;
    let (estimate, _) = asana.field(&project, "見積").await;
    let options = priority_field["enum_options"].as_array().unwrap();
    let high = options.iter().find(|o| o["name"] == "High").unwrap()["gid"]
        .as_str()
        .unwrap();
    let low = options.iter().find(|o| o["name"] == "Low").unwrap()["gid"]
        .as_str()
        .unwrap();
    let assignee = asana.get("/users/suzuki.ichiro@example.co.jp").await["data"]["gid"].clone();

    let (status, created) = asana
        .call(
            Method::POST,
            "/tasks",
            Some(json!({ "data": {
                "name": "新しいタスク / New task",
                "notes": "本文 / Body",
                "assignee": assignee,
                "due_on": "2026-12-24",
                "followers": ["me", assignee],
                "memberships": [{ "project": project, "section": section }],
                "custom_fields": { jira_key.clone(): "MKT-200", priority.clone(): high, estimate.clone(): 2.5 },
            }})),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let task = &created["data"];
    let gid = task["gid"].as_str().unwrap().to_owned();
    assert_eq!(task["assignee"]["gid"], assignee);
    assert_eq!(task["memberships"][0]["section"]["gid"], section.as_str());
    assert_eq!(task["due_on"], "2026-12-24");
    let followers: Vec<&Value> = task["followers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["gid"])
        .collect();
    assert_eq!(
        followers.len(),
        2,
        "creator and assignee, each once: {followers:?}"
    );
    assert!(followers.contains(&&assignee));
    let value = |task: &Value, field: &str| {
        task["custom_fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["gid"] == field)
            .unwrap()
            .clone()
    };
    assert_eq!(value(task, &jira_key)["text_value"], "MKT-200");
    assert_eq!(value(task, &priority)["enum_value"]["name"], "High");
    assert_eq!(value(task, &estimate)["number_value"], 2.5);
    assert_eq!(value(task, &estimate)["display_value"], "2.5");

    let listed = asana.get(&format!("/sections/{section}/tasks")).await;
    assert!(
        gids(listed["data"].as_array().unwrap()).contains(&gid),
        "the new task is in its section"
    );

    let (status, updated) = asana
        .call(
            Method::PUT,
            &format!("/tasks/{gid}"),
            Some(json!({ "data": { "completed": true, "custom_fields": { priority.clone(): low, jira_key.clone(): null } } })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    let task = asana.get(&format!("/tasks/{gid}")).await["data"].clone();
    assert_eq!(task["completed"], true);
    assert!(task["completed_at"].is_string());
    assert_eq!(value(&task, &priority)["display_value"], "Low");
    assert!(value(&task, &jira_key)["text_value"].is_null());
    assert!(value(&task, &jira_key)["display_value"].is_null());
    assert_eq!(
        task["name"], "新しいタスク / New task",
        "PUT changes only what it names"
    );

    let (status, _) = asana
        .call(Method::DELETE, &format!("/tasks/{gid}"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = asana
        .call(Method::GET, &format!("/tasks/{gid}"), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let listed = asana.get(&format!("/tasks?project={project}")).await;
    assert!(!gids(listed["data"].as_array().unwrap()).contains(&gid));
    let (status, _) = asana
        .call(
            Method::PUT,
            &format!("/tasks/{gid}"),
            Some(json!({ "data": { "name": "x" } })),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn bad_task_requests_get_asanas_400_and_404() {
    let asana = Asana::start().await;
    let project = asana.project("マーケティング施策").await;
    let helpdesk = asana.project("社内ヘルプデスク").await;
    let (estimate, _) = asana.field(&project, "見積").await;
    let (priority, _) = asana.field(&project, "優先度").await;
    let refused = [
        (
            json!({ "data": { "name": "nowhere" } }),
            StatusCode::BAD_REQUEST,
            "workspace, parent, projects",
        ),
        (
            json!({ "name": "no envelope", "projects": [project] }),
            StatusCode::BAD_REQUEST,
            "data",
        ),
        (
            json!({ "data": { "name": 5, "projects": [project] } }),
            StatusCode::BAD_REQUEST,
            "name",
        ),
        (
            json!({ "data": { "projects": ["12x"] } }),
            StatusCode::BAD_REQUEST,
            "projects",
        ),
        (
            json!({ "data": { "projects": ["1"] } }),
            StatusCode::NOT_FOUND,
            "Unknown object",
        ),
        (
            json!({ "data": { "projects": [project], "due_on": "24/12/2026" } }),
            StatusCode::BAD_REQUEST,
            "due_on",
        ),
        (
            json!({ "data": { "projects": [project], "assignee": "nobody@example.com" } }),
            StatusCode::NOT_FOUND,
            "assignee",
        ),
        (
            json!({ "data": { "projects": [project], "custom_fields": { estimate.clone(): "lots" } } }),
            StatusCode::BAD_REQUEST,
            "number",
        ),
        (
            json!({ "data": { "projects": [project], "custom_fields": { priority.clone(): "123" } } }),
            StatusCode::BAD_REQUEST,
            "enum",
        ),
        (
            json!({ "data": { "projects": [helpdesk], "custom_fields": { estimate.clone(): 1 } } }),
            StatusCode::BAD_REQUEST,
            "not on given object",
        ),
    ];
    for (body, expected, words) in refused {
        let (status, answer) = asana.call(Method::POST, "/tasks", Some(body.clone())).await;
        assert_eq!(status, expected, "{body} → {answer}");
        assert!(Asana::message(&answer).contains(words), "{body} → {answer}");
    }
    let workspace = asana.workspace().await;
    let (status, body) = asana
        .call(
            Method::POST,
            "/tasks",
            Some(json!({ "data": { "name": "in the workspace", "workspace": workspace } })),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let gid = body["data"]["gid"].as_str().unwrap();
    let (status, body) = asana
        .call(
            Method::PUT,
            &format!("/tasks/{gid}"),
            Some(json!({ "data": { "projects": [project] } })),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "projects are create-only: {body}"
    );
    let (status, _) = asana.call(Method::GET, "/tasks/not-a-number", None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = asana.call(Method::GET, "/tasks/1", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn add_project_remove_project_and_set_parent() {
    let asana = Asana::start().await;
    let launch = asana.project("マーケティング施策").await;
    let helpdesk = asana.project("社内ヘルプデスク").await;
    let list = asana.get(&format!("/tasks?project={launch}&limit=2")).await;
    let (task, other) = (
        list["data"][0]["gid"].as_str().unwrap(),
        list["data"][1]["gid"].as_str().unwrap(),
    );

    let (status, _) = asana
        .call(
            Method::POST,
            &format!("/tasks/{task}/addProject"),
            Some(json!({ "data": { "project": helpdesk } })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let projects = asana.get(&format!("/tasks/{task}")).await["data"]["projects"].clone();
    assert_eq!(projects.as_array().unwrap().len(), 2);
    assert!(gids(
        asana.get(&format!("/projects/{helpdesk}/tasks")).await["data"]
            .as_array()
            .unwrap()
    )
    .contains(&task.to_owned()));
    let (status, _) = asana
        .call(
            Method::POST,
            &format!("/tasks/{task}/removeProject"),
            Some(json!({ "data": { "project": helpdesk } })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!gids(
        asana.get(&format!("/projects/{helpdesk}/tasks")).await["data"]
            .as_array()
            .unwrap()
    )
    .contains(&task.to_owned()));

    let (status, body) = asana
        .call(
            Method::POST,
            &format!("/tasks/{task}/setParent"),
            Some(json!({ "data": { "parent": other } })),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["data"]["parent"]["gid"], other);
    assert_eq!(
        gids(
            asana.get(&format!("/tasks/{other}/subtasks")).await["data"]
                .as_array()
                .unwrap()
        ),
        [task]
    );
    let (status, body) = asana
        .call(
            Method::POST,
            &format!("/tasks/{other}/setParent"),
            Some(json!({ "data": { "parent": task } })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "no cycles: {body}");
    let (status, body) = asana
        .call(
            Method::POST,
            &format!("/tasks/{task}/setParent"),
            Some(json!({ "data": { "parent": null } })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["data"]["parent"].is_null());
}
