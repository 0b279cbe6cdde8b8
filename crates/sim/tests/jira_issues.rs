//! Jira simulators: the life of an issue — create (with properties), find,
//! edit with a changelog, transition, comment, attach, delete — on both
//! flavours, and Jira's answers to invalid input.

#[path = "support/jira.rs"]
mod jira;

use jira::Site;
use kakehashi_sim::SimKind;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

fn project(site: &Site) -> &'static str {
    if site.kind == SimKind::JiraCloud {
        "WEB"
    } else {
        "SYS"
    }
}

/// Searches with the flavour's own endpoint and returns the found keys.
async fn search_keys(site: &Site, login: &str, jql: &str) -> Vec<String> {
    let (path, body) = match site.kind {
        SimKind::JiraCloud => (
            "/rest/api/3/search/jql",
            json!({"jql": jql, "fields": ["key"], "maxResults": 100}),
        ),
        _ => (
            "/rest/api/2/search",
            json!({"jql": jql, "fields": ["key"], "maxResults": 100}),
        ),
    };
    let answer = site.post(login, path, body).await;
    assert_eq!(answer.status, StatusCode::OK, "{jql}: {}", answer.body);
    answer.body["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn create_search_edit_changelog_delete() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let project = project(&site);
        let assignee = site.user_ref("suzuki.ichiro").await;
        let created = site
            .post(
                "kakehashi-sync",
                &format!("{api}/issue"),
                json!({
                    "fields": {
                        "project": {"key": project},
                        "issuetype": {"name": "Story"},
                        "summary": "同期テスト: 新しい課題",
                        "description": site.text("説明文 / description"),
                        "assignee": assignee,
                        "priority": {"name": "High"},
                        "labels": ["sync", "テスト"],
                    },
                    "properties": [{"key": "kakehashi.sync", "value": {"link": "ttnx-42"}}],
                }),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let key = created.body["key"].as_str().unwrap().to_owned();
        let id = created.body["id"].as_str().unwrap().to_owned();
        assert!(key.starts_with(&format!("{project}-")));
        assert!(id.parse::<u64>().is_ok(), "ids are numeric strings");
        assert_eq!(created.body["self"], site.url(&format!("{api}/issue/{id}")));

        // Read it back, by key and by id.
        for reference in [&key, &id] {
            let issue = site
                .get("suzuki.ichiro", &format!("{api}/issue/{reference}"))
                .await;
            assert_eq!(issue.status, StatusCode::OK);
            let fields = &issue.body["fields"];
            assert_eq!(fields["summary"], "同期テスト: 新しい課題");
            assert_eq!(Site::plain(&fields["description"]), "説明文 / description");
            assert_eq!(fields["status"]["name"], "To Do");
            assert_eq!(fields["issuetype"]["name"], "Story");
            assert_eq!(fields["priority"]["name"], "High");
            assert_eq!(fields["labels"], json!(["sync", "テスト"]));
            assert_eq!(fields["assignee"]["displayName"], "鈴木 一郎");
            assert_eq!(fields["reporter"]["displayName"], "架け橋 同期");
            // Times the Jira way, in the reader's zone (Tokyo).
            let created_at = fields["created"].as_str().unwrap();
            assert_eq!(
                created_at.len(),
                "2026-11-20T10:15:30.123+0900".len(),
                "{created_at}"
            );
            assert!(created_at.ends_with("+0900"), "{created_at}");
        }
        let property = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}/properties/kakehashi.sync"),
            )
            .await;
        assert_eq!(
            property.body,
            json!({"key": "kakehashi.sync", "value": {"link": "ttnx-42"}})
        );

        // Search finds it.
        assert_eq!(
            search_keys(&site, "suzuki.ichiro", &format!("key = {key}")).await,
            vec![key.clone()]
        );
        let found = search_keys(
            &site,
            "suzuki.ichiro",
            &format!("project = {project} AND status = \"To Do\" AND assignee = currentUser()"),
        )
        .await;
        assert!(found.contains(&key));

        // Edit: fields and update operations; only real changes enter the changelog.
        let before = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=updated"),
            )
            .await
            .body["fields"]["updated"]
            .clone();
        let edit = site
            .put(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}"),
                json!({
                    "fields": {"summary": "同期テスト: 変更後", "priority": {"name": "High"}},
                    "update": {"labels": [{"add": "edited"}, {"remove": "テスト"}]},
                }),
            )
            .await;
        assert_eq!(edit.status, StatusCode::NO_CONTENT, "{}", edit.body);
        let edited = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?expand=changelog"),
            )
            .await
            .body;
        assert_eq!(edited["fields"]["summary"], "同期テスト: 変更後");
        assert_eq!(edited["fields"]["labels"], json!(["sync", "edited"]));
        assert!(edited["fields"]["updated"].as_str() >= before.as_str());
        let histories = edited["changelog"]["histories"].as_array().unwrap();
        assert_eq!(histories.len(), 1, "{histories:?}");
        let items = histories[0]["items"].as_array().unwrap();
        let summary = items
            .iter()
            .find(|i| i["field"] == "summary")
            .expect("summary change");
        assert_eq!(summary["fromString"], "同期テスト: 新しい課題");
        assert_eq!(summary["toString"], "同期テスト: 変更後");
        let labels = items
            .iter()
            .find(|i| i["field"] == "labels")
            .expect("labels change");
        assert_eq!(labels["toString"], "sync edited");
        assert!(
            items.iter().all(|i| i["field"] != "priority"),
            "an unchanged value is no change"
        );
        assert_eq!(histories[0]["author"]["displayName"], "鈴木 一郎");

        // The edit is visible to change searches.
        let changed = search_keys(
            &site,
            "suzuki.ichiro",
            &format!("project = {project} AND updated >= -5m"),
        )
        .await;
        assert!(changed.contains(&key));

        // Delete: then it is gone everywhere.
        let deleted = site
            .delete("suzuki.ichiro", &format!("{api}/issue/{key}"))
            .await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);
        let gone = site
            .get("suzuki.ichiro", &format!("{api}/issue/{key}"))
            .await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND);
        assert!(gone.body["errorMessages"][0]
            .as_str()
            .unwrap()
            .contains("does not exist"));
        let search = site
            .post(
                "suzuki.ichiro",
                if site.kind == SimKind::JiraCloud {
                    "/rest/api/3/search/jql"
                } else {
                    "/rest/api/2/search"
                },
                json!({"jql": format!("key = {key}")}),
            )
            .await;
        assert_eq!(
            search.status,
            StatusCode::BAD_REQUEST,
            "a deleted key is an unknown value in JQL"
        );
    }
}

#[tokio::test]
async fn invalid_issues_are_refused_field_by_field() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let project = project(&site);
        let answer = site
            .post(
                "sato.hanako",
                &format!("{api}/issue"),
                json!({"fields": {"project": {"key": project}}}),
            )
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(
            answer.body["errors"]["summary"].is_string(),
            "{}",
            answer.body
        );
        assert!(
            answer.body["errors"]["issuetype"].is_string(),
            "{}",
            answer.body
        );
        assert_eq!(answer.body["errorMessages"], json!([]));

        let answer = site.post("sato.hanako", &format!("{api}/issue"), json!({"fields": {"project": {"key": "NOPE"}, "summary": "x", "issuetype": {"name": "Task"}}})).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(answer.body["errors"]["project"].is_string());

        let answer = site
            .post("sato.hanako", &format!("{api}/issue"), json!({"fields": {"project": {"key": project}, "summary": "x", "issuetype": {"name": "Sub-task"}, "flavour": 1, "labels": ["with space"]}}))
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(
            answer.body["errors"]["parent"].is_string(),
            "{}",
            answer.body
        );
        assert!(answer.body["errors"]["flavour"]
            .as_str()
            .unwrap()
            .contains("cannot be set"));
        assert!(answer.body["errors"]["labels"].is_string());

        let answer = site
            .post(
                "sato.hanako",
                &format!("{api}/issue"),
                Value::String("not an object".into()),
            )
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        let raw = site
            .send(
                site.request(
                    &site.as_person("sato.hanako"),
                    Method::POST,
                    &format!("{api}/issue"),
                )
                .header("content-type", "application/json")
                .body("{broken"),
            )
            .await;
        assert_eq!(raw.status, StatusCode::BAD_REQUEST);
        assert!(raw.body["errorMessages"].is_array());

        // The description's dialect is the flavour's.
        let wrong_dialect = match site.kind {
            SimKind::JiraCloud => json!("plain text is not ADF"),
            _ => json!({"type": "doc", "version": 1, "content": []}),
        };
        let answer = site
            .post("sato.hanako", &format!("{api}/issue"), json!({"fields": {"project": {"key": project}, "summary": "x", "issuetype": {"name": "Task"}, "description": wrong_dialect}}))
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(answer.body["errors"]["description"].is_string());

        let status = site
            .put(
                "sato.hanako",
                &format!("{api}/issue/{project}-1"),
                json!({"fields": {"status": {"name": "Done"}}}),
            )
            .await;
        assert_eq!(
            status.status,
            StatusCode::BAD_REQUEST,
            "status changes only through transitions"
        );
    }
}

#[tokio::test]
async fn sub_tasks_belong_to_their_parent_and_delete_with_it() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let project = project(&site);
        let parent = site.create_issue("sato.hanako", project, "親課題").await;
        let child = site
            .post("sato.hanako", &format!("{api}/issue"), json!({"fields": {"project": {"key": project}, "summary": "子課題", "issuetype": {"name": "Sub-task"}, "parent": {"key": parent}}}))
            .await;
        assert_eq!(child.status, StatusCode::CREATED, "{}", child.body);
        let child = child.body["key"].as_str().unwrap().to_owned();
        let parent_json = site
            .get("sato.hanako", &format!("{api}/issue/{parent}"))
            .await
            .body;
        assert_eq!(parent_json["fields"]["subtasks"][0]["key"], child);
        let child_json = site
            .get("sato.hanako", &format!("{api}/issue/{child}"))
            .await
            .body;
        assert_eq!(child_json["fields"]["parent"]["key"], parent);

        let refused = site
            .delete("sato.hanako", &format!("{api}/issue/{parent}"))
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        let deleted = site
            .delete(
                "sato.hanako",
                &format!("{api}/issue/{parent}?deleteSubtasks=true"),
            )
            .await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);
        assert_eq!(
            site.get("sato.hanako", &format!("{api}/issue/{child}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn transitions_move_through_the_workflow_with_a_changelog() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let key = site
            .create_issue("suzuki.ichiro", project(&site), "ワークフロー")
            .await;
        let list = site
            .get("suzuki.ichiro", &format!("{api}/issue/{key}/transitions"))
            .await;
        assert_eq!(list.status, StatusCode::OK);
        let names: Vec<&str> = list.body["transitions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["to"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, vec!["In Progress", "Done"]);

        let invalid = site
            .post(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}/transitions"),
                json!({"transition": {"id": "11"}}),
            )
            .await;
        assert_eq!(
            invalid.status,
            StatusCode::BAD_REQUEST,
            "To Do → To Do is not offered"
        );

        for (id, status) in [("21", "In Progress"), ("31", "Done")] {
            let moved = site
                .post("suzuki.ichiro", &format!("{api}/issue/{key}/transitions"), json!({"transition": {"id": id}, "update": {"comment": [{"add": {"body": site.text(status)}}]}}))
                .await;
            assert_eq!(moved.status, StatusCode::NO_CONTENT, "{}", moved.body);
            let issue = site
                .get("suzuki.ichiro", &format!("{api}/issue/{key}"))
                .await
                .body;
            assert_eq!(issue["fields"]["status"]["name"], status);
        }
        let done = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?expand=changelog"),
            )
            .await
            .body;
        assert_eq!(done["fields"]["resolution"]["name"], "Done");
        assert!(done["fields"]["resolutiondate"].is_string());
        assert_eq!(done["fields"]["comment"]["total"], 2);
        let statuses: Vec<(String, String)> = done["changelog"]["histories"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|h| h["items"].as_array().unwrap().clone())
            .filter(|i| i["field"] == "status")
            .map(|i| {
                (
                    i["fromString"].as_str().unwrap().to_owned(),
                    i["toString"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            statuses,
            vec![
                ("To Do".into(), "In Progress".into()),
                ("In Progress".into(), "Done".into())
            ]
        );

        let reopened = site
            .post(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}/transitions"),
                json!({"transition": {"id": "11"}}),
            )
            .await;
        assert_eq!(reopened.status, StatusCode::NO_CONTENT);
        let issue = site
            .get("suzuki.ichiro", &format!("{api}/issue/{key}"))
            .await
            .body;
        assert!(issue["fields"]["resolution"].is_null());
        let found = search_keys(
            &site,
            "suzuki.ichiro",
            &format!("key = {key} AND status = 'To Do'"),
        )
        .await;
        assert_eq!(found, vec![key]);
    }
}

#[tokio::test]
async fn comments_use_adf_on_cloud_and_text_on_data_center() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let key = site
            .create_issue("suzuki.ichiro", project(&site), "コメント")
            .await;
        let added = site
            .post(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}/comment"),
                json!({"body": site.text("最初のコメント")}),
            )
            .await;
        assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
        match site.kind {
            SimKind::JiraCloud => assert_eq!(added.body["body"]["type"], "doc"),
            _ => assert_eq!(added.body["body"], "最初のコメント"),
        }
        let id = added.body["id"].as_str().unwrap().to_owned();
        let updated = site
            .put(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}/comment/{id}"),
                json!({"body": site.text("書き直し")}),
            )
            .await;
        assert_eq!(updated.status, StatusCode::OK);
        assert_eq!(Site::plain(&updated.body["body"]), "書き直し");
        // Someone else's comment is not a member's to change; an admin may.
        let other = site
            .put(
                "takahashi.yui",
                &format!("{api}/issue/{key}/comment/{id}"),
                json!({"body": site.text("x")}),
            )
            .await;
        assert_eq!(other.status, StatusCode::FORBIDDEN);
        let list = site
            .get("kobayashi.aoi", &format!("{api}/issue/{key}/comment"))
            .await;
        assert_eq!(list.body["total"], 1);
        assert_eq!(Site::plain(&list.body["comments"][0]["body"]), "書き直し");
        let empty = site
            .post(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}/comment"),
                json!({"body": site.text("")}),
            )
            .await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST);
        let deleted = site
            .delete("sato.hanako", &format!("{api}/issue/{key}/comment/{id}"))
            .await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);
        assert_eq!(
            site.get("suzuki.ichiro", &format!("{api}/issue/{key}/comment/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn attachments_round_trip_byte_for_byte() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let key = site
            .create_issue("suzuki.ichiro", project(&site), "添付")
            .await;
        let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let form = || {
            Form::new().part(
                "file",
                Part::bytes(bytes.clone())
                    .file_name("設計書 v1.bin")
                    .mime_str("application/octet-stream")
                    .unwrap(),
            )
        };
        let path = format!("{api}/issue/{key}/attachments");

        let without_token = site
            .request(&site.as_person("suzuki.ichiro"), Method::POST, &path)
            .multipart(form());
        let refused = site.send(without_token).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(refused.body["errorMessages"][0], "XSRF check failed");

        let upload = site
            .request(&site.as_person("suzuki.ichiro"), Method::POST, &path)
            .header("X-Atlassian-Token", "no-check")
            .multipart(form());
        let uploaded = site.send(upload).await;
        assert_eq!(uploaded.status, StatusCode::OK, "{}", uploaded.body);
        let meta = &uploaded.body[0];
        assert_eq!(meta["filename"], "設計書 v1.bin");
        assert_eq!(meta["size"], 70_000);
        let id = meta["id"].as_str().unwrap().to_owned();

        let read = site
            .get("kobayashi.aoi", &format!("{api}/attachment/{id}"))
            .await;
        assert_eq!(read.body["mimeType"], "application/octet-stream");
        let content_url = read.body["content"].as_str().unwrap().to_owned();
        for url in [
            content_url.clone(),
            site.url(&format!("{api}/attachment/content/{id}")),
        ] {
            let download = site
                .http
                .get(&url)
                .basic_auth(
                    site.user_name("kobayashi.aoi"),
                    Some(site.person("kobayashi.aoi").secret(site.kind)),
                )
                .send()
                .await
                .unwrap();
            assert_eq!(download.status(), StatusCode::OK, "{url}");
            assert_eq!(download.bytes().await.unwrap().to_vec(), bytes, "{url}");
        }
        let issue = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=attachment"),
            )
            .await
            .body;
        assert_eq!(issue["fields"]["attachment"][0]["id"], id);

        assert_eq!(
            site.delete("suzuki.ichiro", &format!("{api}/attachment/{id}"))
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            site.get("suzuki.ichiro", &format!("{api}/attachment/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn issue_properties_are_listed_set_and_deleted_without_touching_updated() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let key = site
            .create_issue("suzuki.ichiro", project(&site), "プロパティ")
            .await;
        let path = format!("{api}/issue/{key}/properties/kakehashi.marker");
        let updated_before = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=updated"),
            )
            .await
            .body["fields"]["updated"]
            .clone();
        assert_eq!(
            site.put("suzuki.ichiro", &path, json!({"run": 1}))
                .await
                .status,
            StatusCode::CREATED
        );
        assert_eq!(
            site.put("suzuki.ichiro", &path, json!({"run": 2}))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            site.get("suzuki.ichiro", &path).await.body["value"],
            json!({"run": 2})
        );
        let keys = site
            .get("suzuki.ichiro", &format!("{api}/issue/{key}/properties"))
            .await
            .body;
        assert_eq!(keys["keys"][0]["key"], "kakehashi.marker");
        let updated_after = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=updated"),
            )
            .await
            .body["fields"]["updated"]
            .clone();
        assert_eq!(updated_before, updated_after);
        let with_properties = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=summary&properties=kakehashi.marker"),
            )
            .await
            .body;
        assert_eq!(
            with_properties["properties"]["kakehashi.marker"],
            json!({"run": 2})
        );
        assert_eq!(
            site.delete("suzuki.ichiro", &path).await.status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            site.get("suzuki.ichiro", &path).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            site.delete("suzuki.ichiro", &path).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn reset_puts_the_seed_back() {
    let site = Site::cloud().await;
    let key = site.create_issue("sato.hanako", "WEB", "消える課題").await;
    assert_eq!(
        site.delete("sato.hanako", "/rest/api/3/issue/WEB-1?deleteSubtasks=true")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    site.control("/__sim/reset", json!({})).await;
    assert_eq!(
        site.get("sato.hanako", &format!("/rest/api/3/issue/{key}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        site.get("sato.hanako", "/rest/api/3/issue/WEB-1")
            .await
            .status,
        StatusCode::OK
    );
}

/// Holds a request body and an answer to the flavour's contract.
fn conforms(
    site: &Site,
    method: &str,
    path: &str,
    request: Option<&Value>,
    status: StatusCode,
    body: &Value,
) {
    let contract = match site.kind {
        SimKind::JiraCloud => kakehashi_contracts::jira_cloud(),
        _ => kakehashi_contracts::jira_dc(),
    };
    let path = path.split('?').next().unwrap();
    if let Some(request) = request {
        contract.assert_request(method, path, request);
    }
    if let Err(report) = contract.check_response(method, path, status.as_u16(), body) {
        panic!("{method} {path} → {status}:\n{report}\nbody: {body:#}");
    }
}

/// Searches `key = {key}` with `fields` and returns the one issue found.
async fn search_one(site: &Site, login: &str, key: &str, fields: &[&str]) -> Value {
    let path = match site.kind {
        SimKind::JiraCloud => "/rest/api/3/search/jql",
        _ => "/rest/api/2/search",
    };
    let answer = site
        .post(
            login,
            path,
            json!({"jql": format!("key = {key}"), "fields": fields}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    conforms(site, "POST", path, None, answer.status, &answer.body);
    answer.body["issues"][0].clone()
}

#[tokio::test]
async fn due_dates_and_original_estimates_are_set_read_and_changed() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let project = project(&site);
        // Exactly what the sync connector sends on create.
        let body = json!({
            "fields": {
                "project": {"key": project},
                "issuetype": {"name": "Task"},
                "summary": "期日と見積り",
                "duedate": "2026-03-01",
                "timetracking": {"originalEstimate": "150m"},
            },
        });
        let path = format!("{api}/issue");
        let created = site.post("kakehashi-sync", &path, body.clone()).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        conforms(
            &site,
            "POST",
            &path,
            Some(&body),
            created.status,
            &created.body,
        );
        let key = created.body["key"].as_str().unwrap().to_owned();

        let all_path = format!("{api}/issue/{key}");
        let issue = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=duedate,timetracking,timeoriginalestimate"),
            )
            .await;
        assert_eq!(issue.status, StatusCode::OK, "{}", issue.body);
        let fields = &issue.body["fields"];
        assert_eq!(fields["duedate"], "2026-03-01");
        assert_eq!(fields["timeoriginalestimate"], 9000);
        assert_eq!(
            fields["timetracking"],
            json!({
                "originalEstimate": "2h 30m", "originalEstimateSeconds": 9000,
                "remainingEstimate": "2h 30m", "remainingEstimateSeconds": 9000,
            })
        );
        assert!(fields.get("summary").is_none(), "only the fields asked for");

        // `*all` on a single issue and in search, and the listed fields in search.
        let all = site.get("suzuki.ichiro", &all_path).await.body;
        conforms(&site, "GET", &all_path, None, StatusCode::OK, &all);
        assert_eq!(all["fields"]["duedate"], "2026-03-01");
        assert_eq!(
            all["fields"]["timetracking"]["originalEstimateSeconds"],
            9000
        );
        let found = search_one(&site, "suzuki.ichiro", &key, &["*all"]).await;
        assert_eq!(found["fields"]["duedate"], "2026-03-01");
        assert_eq!(found["fields"]["timeoriginalestimate"], 9000);
        let found = search_one(
            &site,
            "suzuki.ichiro",
            &key,
            &["duedate", "timeoriginalestimate", "timetracking"],
        )
        .await;
        assert_eq!(found["fields"]["duedate"], "2026-03-01");
        assert_eq!(found["fields"]["timeoriginalestimate"], 9000);
        assert_eq!(
            found["fields"]["timetracking"]["originalEstimate"],
            "2h 30m"
        );

        // Edit with `fields`: a new due date and an estimate in seconds.
        let body = json!({"fields": {
            "duedate": "2026-04-15",
            "timetracking": {"originalEstimateSeconds": 28800},
        }});
        let edit = site.put("suzuki.ichiro", &all_path, body.clone()).await;
        assert_eq!(edit.status, StatusCode::NO_CONTENT, "{}", edit.body);
        conforms(
            &site,
            "PUT",
            &all_path,
            Some(&body),
            edit.status,
            &edit.body,
        );
        let edited = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=duedate,timetracking,timeoriginalestimate,timeestimate&expand=changelog"),
            )
            .await
            .body;
        assert_eq!(edited["fields"]["duedate"], "2026-04-15");
        assert_eq!(edited["fields"]["timeoriginalestimate"], 28800);
        assert_eq!(edited["fields"]["timeestimate"], 28800);
        assert_eq!(edited["fields"]["timetracking"]["originalEstimate"], "1d");
        let histories = edited["changelog"]["histories"].as_array().unwrap();
        assert_eq!(histories.len(), 1, "{histories:?}");
        let items = histories[0]["items"].as_array().unwrap();
        let due = items.iter().find(|i| i["field"] == "duedate").unwrap();
        assert_eq!(due["from"], "2026-03-01");
        assert_eq!(due["to"], "2026-04-15");
        let estimate = items
            .iter()
            .find(|i| i["field"] == "timeoriginalestimate")
            .unwrap();
        assert_eq!(estimate["from"], "9000");
        assert_eq!(estimate["to"], "28800");

        // Edit with `update` verbs, then clear both with `fields`.
        let body = json!({"update": {
            "duedate": [{"set": "2026-05-01"}],
            "timetracking": [{"edit": {"originalEstimate": "1w 1d", "remainingEstimate": "3h"}}],
        }});
        let edit = site.put("suzuki.ichiro", &all_path, body.clone()).await;
        assert_eq!(edit.status, StatusCode::NO_CONTENT, "{}", edit.body);
        conforms(
            &site,
            "PUT",
            &all_path,
            Some(&body),
            edit.status,
            &edit.body,
        );
        let fields = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=duedate,timetracking"),
            )
            .await
            .body["fields"]
            .clone();
        assert_eq!(fields["duedate"], "2026-05-01");
        assert_eq!(
            fields["timetracking"],
            json!({
                "originalEstimate": "1w 1d", "originalEstimateSeconds": 172800,
                "remainingEstimate": "3h", "remainingEstimateSeconds": 10800,
            })
        );
        let edit = site
            .put(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}"),
                json!({"fields": {
                    "duedate": null,
                    "timetracking": {"originalEstimate": "", "remainingEstimate": ""},
                }}),
            )
            .await;
        assert_eq!(edit.status, StatusCode::NO_CONTENT, "{}", edit.body);
        let fields = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=duedate,timetracking,timeoriginalestimate"),
            )
            .await
            .body["fields"]
            .clone();
        assert_eq!(fields["duedate"], Value::Null);
        assert_eq!(fields["timeoriginalestimate"], Value::Null);
        assert_eq!(fields["timetracking"], json!({}));

        // Values Jira cannot read are refused, field by field.
        let refused = site
            .put(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}"),
                json!({"fields": {
                    "duedate": "01/Mar/26",
                    "timetracking": {"originalEstimate": "soon"},
                }}),
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(
            refused.body["errors"]["duedate"].is_string(),
            "{}",
            refused.body
        );
        assert!(
            refused.body["errors"]["timetracking"].is_string(),
            "{}",
            refused.body
        );
        let refused = site
            .put(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}"),
                json!({"fields": {"timeoriginalestimate": 3600}}),
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "read-only field");
    }
}
