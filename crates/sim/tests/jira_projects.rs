//! Jira simulators: projects, project roles and their actors, versions, and
//! the agile API's boards and sprints.

#[path = "support/jira.rs"]
mod jira;

use jira::Site;
use kakehashi_sim::SimKind;
use reqwest::StatusCode;
use serde_json::{json, Value};

fn projects(site: &Site) -> (&'static str, &'static str) {
    if site.kind == SimKind::JiraCloud {
        ("WEB", "MOB")
    } else {
        ("SYS", "OPS")
    }
}

#[tokio::test]
async fn projects_are_listed_searched_and_read() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let (first, second) = projects(&site);
        let list = site.get("kobayashi.aoi", &format!("{api}/project")).await;
        assert_eq!(list.status, StatusCode::OK);
        let keys: Vec<&str> = list
            .body
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["key"].as_str().unwrap())
            .collect();
        assert_eq!(keys, vec![first, second]);

        let detail = site
            .get("kobayashi.aoi", &format!("{api}/project/{first}"))
            .await
            .body;
        assert!(detail["id"].as_str().unwrap().parse::<u64>().is_ok());
        assert!(detail["lead"]["displayName"].is_string());
        let types: Vec<&str> = detail["issueTypes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert_eq!(types, vec!["Story", "Task", "Bug", "Sub-task"]);
        assert!(detail["versions"].as_array().unwrap().len() >= 2);
        assert_eq!(detail["roles"].as_object().unwrap().len(), 3);
        let by_id = site
            .get(
                "kobayashi.aoi",
                &format!("{api}/project/{}", detail["id"].as_str().unwrap()),
            )
            .await;
        assert_eq!(by_id.body["key"], first);
        assert_eq!(
            site.get("kobayashi.aoi", &format!("{api}/project/NOPE"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        let search = site
            .get(
                "kobayashi.aoi",
                &format!("{api}/project/search?query={}", second.to_lowercase()),
            )
            .await
            .body;
        assert_eq!(search["total"], 1);
        assert_eq!(search["values"][0]["key"], second);
        assert_eq!(search["isLast"], true);
    }
}

fn actor_names(role: &Value) -> Vec<String> {
    role["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["displayName"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn role_actors_are_listed_added_and_removed_by_admins() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let (project, _) = projects(&site);
        let roles = site
            .get("suzuki.ichiro", &format!("{api}/project/{project}/role"))
            .await
            .body;
        let developers_url = roles["Developers"].as_str().unwrap();
        assert!(developers_url.ends_with("/role/10001"), "{developers_url}");
        let path = format!("{api}/project/{project}/role/10001");
        let developers = site.get("suzuki.ichiro", &path).await.body;
        assert_eq!(developers["name"], "Developers");
        assert!(actor_names(&developers).contains(&"鈴木 一郎".to_owned()));
        let suzuki = developers["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["displayName"] == "鈴木 一郎")
            .unwrap();
        assert_eq!(suzuki["type"], "atlassian-user-role-actor");
        match site.kind {
            SimKind::JiraCloud => assert!(suzuki["actorUser"]["accountId"].is_string()),
            _ => assert_eq!(suzuki["name"], "suzuki.ichiro"),
        }
        let admins = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/project/{project}/role/10002"),
            )
            .await
            .body;
        assert!(actor_names(&admins).contains(&"jira-administrators".to_owned()));

        // The viewer becomes a developer, once.
        let viewer = site.user_ref("kobayashi.aoi").await;
        let reference = viewer
            .get("accountId")
            .or_else(|| viewer.get("name"))
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned();
        let member = site
            .post("suzuki.ichiro", &path, json!({"user": [reference]}))
            .await;
        assert_eq!(
            member.status,
            StatusCode::FORBIDDEN,
            "members do not manage roles"
        );
        let added = site
            .post(
                "sato.hanako",
                &path,
                json!({"user": [reference], "group": ["jira-software-users"]}),
            )
            .await;
        assert_eq!(added.status, StatusCode::OK, "{}", added.body);
        let names = actor_names(&added.body);
        assert!(
            names.contains(&"小林 葵".to_owned())
                && names.contains(&"jira-software-users".to_owned())
        );
        let again = site
            .post("sato.hanako", &path, json!({"user": [reference]}))
            .await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST);
        let nobody = site
            .post("sato.hanako", &path, json!({"user": ["nobody-at-all"]}))
            .await;
        assert_eq!(nobody.status, StatusCode::BAD_REQUEST);

        let removed = site
            .delete("sato.hanako", &format!("{path}?user={reference}"))
            .await;
        assert_eq!(removed.status, StatusCode::NO_CONTENT);
        assert!(!actor_names(&site.get("sato.hanako", &path).await.body)
            .contains(&"小林 葵".to_owned()));
        assert_eq!(
            site.delete("sato.hanako", &format!("{path}?user={reference}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            site.delete("sato.hanako", &format!("{path}?group=jira-software-users"))
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            site.get("sato.hanako", &format!("{api}/project/{project}/role/99"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn versions_are_created_and_updated_by_project_admins() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let (project, _) = projects(&site);
        let before = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/project/{project}/versions"),
            )
            .await
            .body
            .as_array()
            .unwrap()
            .len();
        assert!((2..=3).contains(&before));
        let detail = site
            .get("suzuki.ichiro", &format!("{api}/project/{project}"))
            .await
            .body;
        let project_id: u64 = detail["id"].as_str().unwrap().parse().unwrap();

        let created = site
            .post("sato.hanako", &format!("{api}/version"), json!({"name": "v3.0 次期開発", "projectId": project_id, "description": "次のリリース", "releaseDate": "2027-03-31"}))
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        assert_eq!(created.body["name"], "v3.0 次期開発");
        // A date on Cloud; Data Center's contract types it as a date-time.
        assert!(created.body["releaseDate"]
            .as_str()
            .unwrap()
            .starts_with("2027-03-31"));
        assert_eq!(created.body["released"], false);
        assert_eq!(created.body["projectId"], project_id);
        let id = created.body["id"].as_str().unwrap().to_owned();

        let duplicate = site
            .post(
                "sato.hanako",
                &format!("{api}/version"),
                json!({"name": "v3.0 次期開発", "project": project}),
            )
            .await;
        assert_eq!(duplicate.status, StatusCode::BAD_REQUEST);
        assert!(duplicate.body["errors"]["name"].is_string());
        let no_name = site
            .post(
                "sato.hanako",
                &format!("{api}/version"),
                json!({"project": project}),
            )
            .await;
        assert_eq!(no_name.status, StatusCode::BAD_REQUEST);
        let bad_date = site
            .post(
                "sato.hanako",
                &format!("{api}/version"),
                json!({"name": "x", "project": project, "releaseDate": "31/03/2027"}),
            )
            .await;
        assert_eq!(bad_date.status, StatusCode::BAD_REQUEST);

        let updated = site
            .put(
                "sato.hanako",
                &format!("{api}/version/{id}"),
                json!({"released": true, "description": "リリース済み"}),
            )
            .await;
        assert_eq!(updated.status, StatusCode::OK);
        assert_eq!(updated.body["released"], true);
        assert_eq!(updated.body["name"], "v3.0 次期開発");
        assert_eq!(
            site.get("kobayashi.aoi", &format!("{api}/version/{id}"))
                .await
                .body["description"],
            "リリース済み"
        );
        let page = site
            .get(
                "kobayashi.aoi",
                &format!("{api}/project/{project}/version?maxResults=2"),
            )
            .await
            .body;
        assert_eq!(page["total"], before + 1);
        assert_eq!(page["values"].as_array().unwrap().len(), 2);
        assert_eq!(page["isLast"], false);

        // A new version can be set as an issue's fix version.
        let key = site
            .create_issue("suzuki.ichiro", project, "修正バージョン")
            .await;
        let edit = site
            .put(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}"),
                json!({"update": {"fixVersions": [{"add": {"id": id}}]}}),
            )
            .await;
        assert_eq!(edit.status, StatusCode::NO_CONTENT, "{}", edit.body);
        let issue = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=fixVersions"),
            )
            .await
            .body;
        assert_eq!(issue["fields"]["fixVersions"][0]["name"], "v3.0 次期開発");
    }
    let cloud = Site::cloud().await;
    let strict = cloud
        .post(
            "sato.hanako",
            "/rest/api/3/version",
            json!({"name": "x", "project": "WEB", "colour": "red"}),
        )
        .await;
    assert_eq!(
        strict.status,
        StatusCode::BAD_REQUEST,
        "the v3 Version schema forbids unknown properties"
    );
}

#[tokio::test]
async fn boards_sprints_and_their_issues() {
    for site in [Site::cloud().await, Site::dc().await] {
        let (project, _) = projects(&site);
        let boards = site
            .get("suzuki.ichiro", "/rest/agile/1.0/board")
            .await
            .body;
        assert_eq!(boards["total"], 2);
        let board = site
            .get(
                "suzuki.ichiro",
                &format!("/rest/agile/1.0/board?projectKeyOrId={project}"),
            )
            .await
            .body["values"][0]
            .clone();
        assert_eq!(board["type"], "scrum");
        assert_eq!(board["location"]["projectKey"], project);
        let board_id = board["id"].as_u64().unwrap();

        let sprints = site
            .get(
                "suzuki.ichiro",
                &format!("/rest/agile/1.0/board/{board_id}/sprint"),
            )
            .await
            .body;
        let states: Vec<&str> = sprints["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["state"].as_str().unwrap())
            .collect();
        assert_eq!(states, vec!["closed", "active", "future"]);
        let active = site
            .get(
                "suzuki.ichiro",
                &format!("/rest/agile/1.0/board/{board_id}/sprint?state=active"),
            )
            .await
            .body;
        assert_eq!(active["values"].as_array().unwrap().len(), 1);
        let active_id = active["values"][0]["id"].as_u64().unwrap();
        assert!(active["values"][0]["startDate"]
            .as_str()
            .unwrap()
            .ends_with('Z'));
        let future_id = sprints["values"][2]["id"].as_u64().unwrap();
        let closed_id = sprints["values"][0]["id"].as_u64().unwrap();

        let in_sprint = site
            .get(
                "suzuki.ichiro",
                &format!("/rest/agile/1.0/sprint/{active_id}/issue?maxResults=100"),
            )
            .await
            .body;
        let sprint_field = if site.kind == SimKind::JiraCloud {
            "customfield_10020"
        } else {
            "customfield_10100"
        };
        let issues = in_sprint["issues"].as_array().unwrap();
        assert!(!issues.is_empty());
        assert_eq!(in_sprint["total"], issues.len());
        assert!(issues
            .iter()
            .all(|i| i["fields"][sprint_field][0]["id"] == active_id));
        let on_board = site
            .get(
                "suzuki.ichiro",
                &format!("/rest/agile/1.0/board/{board_id}/issue?maxResults=100"),
            )
            .await
            .body;
        let project_issues = site
            .get(
                "suzuki.ichiro",
                &format!("{}/project/{project}", site.api()),
            )
            .await;
        assert_eq!(project_issues.status, StatusCode::OK);
        assert!(on_board["issues"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["key"].as_str().unwrap().starts_with(project)));
        let narrowed = site
            .get(
                "suzuki.ichiro",
                &format!("/rest/agile/1.0/board/{board_id}/issue?jql=status%3DDone"),
            )
            .await
            .body;
        assert!(narrowed["total"].as_u64().unwrap() < on_board["total"].as_u64().unwrap());

        let key = site
            .create_issue("suzuki.ichiro", project, "次のスプリントへ")
            .await;
        let moved = site
            .post(
                "suzuki.ichiro",
                &format!("/rest/agile/1.0/sprint/{future_id}/issue"),
                json!({"issues": [key]}),
            )
            .await;
        assert_eq!(moved.status, StatusCode::NO_CONTENT, "{}", moved.body);
        let future = site
            .get(
                "suzuki.ichiro",
                &format!("/rest/agile/1.0/sprint/{future_id}/issue"),
            )
            .await
            .body;
        assert!(future["issues"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["key"] == key));
        let closed = site
            .post(
                "suzuki.ichiro",
                &format!("/rest/agile/1.0/sprint/{closed_id}/issue"),
                json!({"issues": [key]}),
            )
            .await;
        assert_eq!(closed.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            site.get("suzuki.ichiro", "/rest/agile/1.0/board/999")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            site.get("suzuki.ichiro", "/rest/agile/1.0/sprint/999")
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
}
