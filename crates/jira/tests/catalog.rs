//! What a sync profile editor picks from, on both flavours: projects,
//! a project's issue types with their statuses, priorities, and the people
//! issues can be assigned to — each answer held to the vendor's contract.

mod support;

use kakehashi_contracts as contracts;
use kakehashi_sim::SimKind;
use serde_json::Value;
use support::{Site, BOTH};

/// The raw answer of `path` (under the API root) for the service account,
/// checked against the flavour's published contract.
async fn checked(site: &Site, path: &str) {
    let (contract, root) = match site.kind() {
        SimKind::JiraCloud => (contracts::jira_cloud(), "/rest/api/3"),
        _ => (contracts::jira_dc(), "/rest/api/2"),
    };
    let answer = reqwest::Client::new()
        .get(format!(
            "{}{root}/{path}",
            site.sim.url().trim_end_matches('/')
        ))
        .basic_auth(site.sim.login(), Some(site.sim.secret()))
        .send()
        .await
        .unwrap();
    let status = answer.status().as_u16();
    let body: Value = answer.json().await.unwrap();
    let concrete = format!("{root}/{}", path.split('?').next().unwrap());
    contract.assert_response("GET", &concrete, status, &body);
}

#[tokio::test]
async fn the_editor_lists_come_back_typed_and_as_the_contracts_describe() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;

        for path in [
            "project",
            "project/search",
            &format!("project/{}/statuses", site.project()),
            "priority",
            &format!("user/assignable/search?project={}", site.project()),
        ] {
            if path == "project/search" && kind != SimKind::JiraCloud {
                continue;
            }
            checked(&site, path).await;
        }
        if kind == SimKind::JiraCloud {
            checked(&site, "priority/search").await;
        }

        let projects = client.projects().await.unwrap();
        assert!(projects.iter().any(|p| p.key == site.project()), "{kind}");
        assert!(projects.iter().any(|p| p.key == site.other_project()));

        let types = client.project_statuses(site.project()).await.unwrap();
        let task = types.iter().find(|t| t.name == "Task").unwrap();
        let categories: Vec<&str> = task.statuses.iter().map(|s| s.category()).collect();
        assert_eq!(categories, ["new", "indeterminate", "done"], "{kind}");
        assert!(types.iter().any(|t| t.subtask));
        let err = client.project_statuses("NOPE").await.unwrap_err();
        assert_eq!(err.code(), "NotFound", "{kind}");

        let priorities = client.priorities().await.unwrap();
        let names: Vec<&str> = priorities.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Highest", "High", "Medium", "Low", "Lowest"]);

        let people = client.assignable_users(site.project()).await.unwrap();
        let me = client.myself().await.unwrap();
        assert!(people.iter().any(|u| u.id() == me.id()), "{kind}");
        assert!(
            people
                .iter()
                .all(|u| u.display_name.as_deref() != Some("小林 葵")),
            "{kind}: a viewer may not be assigned issues"
        );
    }
}
