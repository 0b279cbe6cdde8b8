//! The bodies the client really sends, captured by a proxy on their way to
//! the simulator, held to the vendors' published contracts (Jira Cloud
//! platform v3, Jira Data Center 10.3): issue create and edit, comments,
//! worklogs, transitions, searches, worklog/list, versions, role actors.

mod support;

use kakehashi_contracts as contracts;
use kakehashi_jira::model::version::VersionInput;
use kakehashi_jira::model::worklog::WorklogInput;
use kakehashi_jira::{
    AdjustEstimate, Deployment, FieldValues, JiraClient, JiraTime, NewIssue, RichText,
    SearchRequest,
};
use kakehashi_sim::SimKind;
use serde_json::json;
use support::proxy::Proxy;
use support::{endpoint, service_credentials, Site, BOTH};

/// The Data Center document types an issue property's `value`
/// (`EntityPropertyBean`) as a string: its generator's rendering of a raw
/// JSON field — the same document types the property PUT body as
/// `{"type": "string", "format": "json"}`, and Jira documents property
/// values as JSON objects. The client sends the JSON itself; for the check,
/// each value stands as its JSON text, which is what that schema describes.
fn raw_json_property_values(body: &mut serde_json::Value) {
    if let Some(properties) = body.get_mut("properties").and_then(|p| p.as_array_mut()) {
        for property in properties {
            if let Some(value) = property.get_mut("value") {
                *value = serde_json::Value::String(value.to_string());
            }
        }
    }
}

#[tokio::test]
async fn every_write_the_client_sends_matches_the_contract() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let proxy = Proxy::start(site.sim.url()).await;
        let client = JiraClient::connect(endpoint(&proxy.url()), service_credentials(&site.sim))
            .await
            .unwrap();
        let me = client.myself().await.unwrap();
        let me = me.id().unwrap().to_owned();

        let mut new = NewIssue::new(site.project(), "Task", "契約どおり / by the contract")
            .description("一行目\n二行目\n\n次の段落")
            .property(
                "kakehashi",
                json!({"link": "ttnx:1004", "syncedAt": 1_763_600_000_000_i64}),
            );
        new.fields.labels = Some(vec!["kakehashi".into()]);
        new.fields.assignee = Some(Some(me.clone()));
        new.fields.priority = Some("Medium".into());
        let issue = client.create_issue(&new).await.unwrap();
        client
            .edit_issue(
                &issue.key,
                &FieldValues {
                    summary: Some("契約どおり（改）".into()),
                    description: Some(None),
                    assignee: Some(None),
                    ..FieldValues::default()
                },
            )
            .await
            .unwrap();
        let comment = client
            .add_comment(&issue.key, &RichText::text("確認しました\nChecked"))
            .await
            .unwrap();
        client
            .update_comment(&issue.key, &comment.id, &RichText::text("修正"))
            .await
            .unwrap();
        let started = JiraTime::parse("2026-01-14T09:30:00.000+0900").unwrap();
        let worklog = client
            .add_worklog(
                &issue.key,
                &WorklogInput::new(started, 3600).comment("レビュー"),
                AdjustEstimate::Leave,
            )
            .await
            .unwrap();
        client
            .update_worklog(
                &issue.key,
                &worklog.id,
                &WorklogInput {
                    time_spent_seconds: Some(1800),
                    ..WorklogInput::default()
                },
                AdjustEstimate::Leave,
            )
            .await
            .unwrap();
        client
            .transition_to(&issue.key, "In Progress")
            .await
            .unwrap();
        client
            .search_all(
                &SearchRequest::new(format!("key = {}", issue.key))
                    .fields(&["summary", "updated"])
                    .with_changelog(),
            )
            .await
            .unwrap();
        let worklog_id: u64 = worklog.id.parse().unwrap();
        let _: Vec<_> = futures_util::TryStreamExt::try_collect::<Vec<_>>(
            client.worklogs_by_ids(&[worklog_id]),
        )
        .await
        .unwrap();
        let mut version = VersionInput::named("契約 v1");
        version.release_date = Some(Some(jiff::civil::date(2027, 3, 31)));
        let version = client
            .create_version(site.project(), &version)
            .await
            .unwrap();
        client
            .update_version(
                &version.id,
                &VersionInput {
                    released: Some(true),
                    ..VersionInput::default()
                },
            )
            .await
            .unwrap();
        let roles = client.project_roles(site.project()).await.unwrap();
        let developers = roles.iter().find(|r| r.name == "Developers").unwrap();
        let newcomer = site
            .client_as("kobayashi.aoi")
            .await
            .myself()
            .await
            .unwrap();
        client
            .add_role_users(site.project(), developers.id, &[newcomer.id().unwrap()])
            .await
            .unwrap();

        let contract = match client.deployment() {
            Deployment::Cloud => contracts::jira_cloud(),
            Deployment::DataCenter => contracts::jira_dc(),
        };
        let mut checked = Vec::new();
        for request in proxy.recorded() {
            let is_json = request
                .content_type
                .as_deref()
                .is_some_and(|c| c.starts_with("application/json"));
            if !is_json || request.method == "GET" {
                continue;
            }
            let mut body = request.json();
            if kind == SimKind::JiraDataCenter {
                raw_json_property_values(&mut body);
            }
            contract.assert_request(&request.method, &request.path, &body);
            checked.push(format!("{} {}", request.method, request.path));
        }
        let api = site.api();
        for expected in [
            format!("POST {api}/issue"),
            format!("PUT {api}/issue/{}", issue.key),
            format!("POST {api}/issue/{}/comment", issue.key),
            format!("PUT {api}/issue/{}/comment/{}", issue.key, comment.id),
            format!("POST {api}/issue/{}/worklog", issue.key),
            format!("PUT {api}/issue/{}/worklog/{}", issue.key, worklog.id),
            format!("POST {api}/issue/{}/transitions", issue.key),
            format!("POST {api}/worklog/list"),
            format!("POST {api}/version"),
            format!("PUT {api}/version/{}", version.id),
            format!(
                "POST {api}/project/{}/role/{}",
                site.project(),
                developers.id
            ),
        ] {
            assert!(
                checked.contains(&expected),
                "{kind}: {expected} not checked in {checked:?}"
            );
        }
        let search = match kind {
            SimKind::JiraCloud => format!("POST {api}/search/jql"),
            _ => format!("POST {api}/search"),
        };
        assert!(checked.contains(&search), "{kind}: {checked:?}");

        // The worklog went out with Jira's time format and the comment in
        // this flavour's dialect.
        let sent = &proxy.matching("POST", &format!("/issue/{}/worklog", issue.key))[0];
        let body = sent.json();
        assert_eq!(body["started"], "2026-01-14T09:30:00.000+0900");
        assert_eq!(body["timeSpentSeconds"], 3600);
        match kind {
            SimKind::JiraCloud => assert_eq!(body["comment"]["type"], "doc"),
            _ => assert_eq!(body["comment"], "レビュー"),
        }
        let create = &proxy.matching("POST", &format!("{api}/issue"))[0];
        assert_eq!(create.json()["properties"][0]["key"], "kakehashi");
        proxy.stop();
        site.stop().await;
    }
}
