//! Jira simulators: what the demo seed contains, and that a large seed is
//! cheap to build.

#[path = "support/jira.rs"]
mod jira;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use jira::Site;
use kakehashi_sim::{start, Seed, SimKind, SimOptions};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn all_issues(site: &Site, project: &str) -> Vec<Value> {
    let answer = match site.kind {
        SimKind::JiraCloud => site.post("sato.hanako", "/rest/api/3/search/jql", json!({"jql": format!("project = {project}"), "fields": ["*all"], "maxResults": 100})).await,
        _ => site.post("sato.hanako", "/rest/api/2/search", json!({"jql": format!("project = {project}"), "fields": ["*all"], "maxResults": 100})).await,
    };
    assert_eq!(answer.status, StatusCode::OK);
    answer.body["issues"].as_array().unwrap().clone()
}

fn has_japanese(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[tokio::test]
async fn the_demo_seed_is_realistic_on_both_flavours() {
    let now = jiff::Timestamp::now().as_millisecond();
    for (site, projects) in [
        (
            Site::cloud().await,
            [("WEB", "Webサイト刷新"), ("MOB", "モバイルアプリ")],
        ),
        (
            Site::dc().await,
            [("SYS", "基幹システム更改"), ("OPS", "運用保守")],
        ),
    ] {
        for (key, name) in projects {
            let project = site
                .get("sato.hanako", &format!("{}/project/{key}", site.api()))
                .await
                .body;
            assert_eq!(project["name"], name);
            assert!((2..=3).contains(&project["versions"].as_array().unwrap().len()));

            let issues = all_issues(&site, key).await;
            assert!((15..=30).contains(&issues.len()), "{key}: {}", issues.len());
            let field = |name: &str| -> HashSet<String> {
                issues
                    .iter()
                    .map(|i| i["fields"][name]["name"].as_str().unwrap_or("").to_owned())
                    .collect()
            };
            assert_eq!(
                field("issuetype"),
                ["Story", "Task", "Bug", "Sub-task"]
                    .map(String::from)
                    .into(),
                "{key}"
            );
            assert_eq!(
                field("status"),
                ["To Do", "In Progress", "Done"].map(String::from).into(),
                "{key}"
            );
            let summaries: Vec<String> = issues
                .iter()
                .map(|i| i["fields"]["summary"].as_str().unwrap().to_owned())
                .collect();
            assert!(
                summaries.iter().any(|s| has_japanese(s))
                    && summaries.iter().any(|s| !has_japanese(s)),
                "{key}: mixed languages"
            );
            assert!(issues.iter().any(|i| !i["fields"]["description"].is_null()));
            let assignees: HashSet<&str> = issues
                .iter()
                .filter_map(|i| i["fields"]["assignee"]["displayName"].as_str())
                .collect();
            assert!(assignees.len() >= 4, "{key}: {assignees:?}");
            assert!(issues
                .iter()
                .any(|i| i["fields"]["comment"]["total"].as_u64().unwrap() > 0));
            assert!(issues
                .iter()
                .any(|i| i["fields"]["worklog"]["total"].as_u64().unwrap() > 0));
            assert!(issues
                .iter()
                .any(|i| !i["fields"]["fixVersions"].as_array().unwrap().is_empty()));
            // Done issues carry a resolution and a changelog of their way there.
            let done = issues
                .iter()
                .find(|i| i["fields"]["status"]["name"] == "Done")
                .unwrap();
            assert_eq!(done["fields"]["resolution"]["name"], "Done");
            let history = site
                .get(
                    "sato.hanako",
                    &format!(
                        "{}/issue/{}?expand=changelog",
                        site.api(),
                        done["key"].as_str().unwrap()
                    ),
                )
                .await
                .body;
            assert_eq!(history["changelog"]["total"], 2);
        }
        // Everything happened within the last 30 days and nothing in the future.
        let path = if site.kind == SimKind::JiraCloud {
            "/rest/api/3/search/jql"
        } else {
            "/rest/api/2/search"
        };
        let projects_jql = projects.map(|(k, _)| k).join(", ");
        for jql in [
            format!("project in ({projects_jql}) AND created < -31d"),
            format!("project in ({projects_jql}) AND updated > {}", now + 1000),
        ] {
            let answer = site.post("sato.hanako", path, json!({"jql": jql})).await;
            assert_eq!(answer.body["issues"].as_array().unwrap().len(), 0, "{jql}");
        }
    }
}

#[tokio::test]
async fn a_large_seed_of_ten_thousand_issues_starts_fast() {
    for kind in [SimKind::JiraCloud, SimKind::JiraDataCenter] {
        let began = Instant::now();
        let sim = start(
            kind,
            &SimOptions {
                seed: Seed::Large(10_000),
                ..Default::default()
            },
            0,
        )
        .await
        .unwrap();
        let took = began.elapsed();
        assert!(took < Duration::from_secs(1), "{kind}: {took:?}");
        eprintln!("{kind}: large:10000 started in {took:?}");
        drop(sim);
    }
    let site = Site::start(SimKind::JiraDataCenter, Seed::Large(10_000)).await;
    let all = site.get("kakehashi-sync", "/rest/api/2/search?jql=project%20in%20(LOAD1,LOAD2,LOAD3,LOAD4,LOAD5)&maxResults=1&fields=summary,assignee").await.body;
    assert_eq!(all["total"], 10_000);
    let per_project = site
        .get(
            "kakehashi-sync",
            "/rest/api/2/search?jql=project%3DLOAD5&maxResults=0",
        )
        .await
        .body;
    assert_eq!(per_project["total"], 2000);
    let issue = &all["issues"][0];
    assert!(issue["fields"]["summary"]
        .as_str()
        .unwrap()
        .contains("Load test issue"));
    assert!(issue["fields"]["assignee"]["name"].is_string());
}
