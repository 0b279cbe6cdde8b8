//! The Jira simulators against Atlassian's published contracts
//! (`crates/contracts/vendored/jira`, through `kakehashi_contracts`): every answer
//! of every endpoint the contracts describe — successes and errors — is
//! validated, every request body the tests send must satisfy the contract,
//! and bodies the contracts forbid must be refused with Jira's 400.
//!
//! Where the contracts are wrong or silent the harness corrects them (see
//! `crates/contracts/vendored/README.md`): issue `fields` are typed per field,
//! Data Center list endpoints answer arrays and agile pages.
//!
//! Endpoints the simulators serve that the contracts do not describe:
//! - Cloud `GET /rest/api/2/serverInfo` (the anonymous probe that tells Cloud
//!   from Data Center; the Cloud document has no REST v2);
//! - the agile API on Cloud (`/rest/agile/1.0/board`, `/board/{id}`,
//!   `/board/{id}/sprint`, `/board/{id}/issue`, `/sprint/{id}`,
//!   `/sprint/{id}/issue` GET and POST): Jira Software Cloud's document is a
//!   separate one, not vendored — on Data Center they are checked;
//! - Data Center `GET /rest/api/2/attachment/content/{id}` and
//!   `GET /secure/attachment/{id}/{filename}` (attachment bytes);
//! - Data Center's OAuth 2.0 provider: `GET|POST /rest/oauth2/latest/authorize`
//!   (HTML consent page and its forms), `POST /rest/oauth2/latest/token`
//!   (RFC 6749 JSON);
//! - the control routes `/__sim/jira-cloud/clock`, `/__sim/jira-dc/clock`,
//!   `/__sim/jira/settings` (Cloud),
//!   `/__sim/jira-dc/oauth/clients`, `/__sim/jira-dc/oauth/expire`,
//!   `/__sim/jira-dc/captcha/clear`.

#[path = "support/jira.rs"]
mod jira;
mod support;

use std::collections::BTreeSet;

use jira::Site;
use kakehashi_contracts::{self as contracts, Contract};
use kakehashi_sim::SimKind;
use reqwest::multipart::{Form, Part};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// One exchange with the simulator, kept for validation.
struct Call {
    method: Method,
    path: String,
    request: Option<Value>,
    status: u16,
    body: Value,
}

/// Makes calls and remembers them.
struct Recorder<'a> {
    site: &'a Site,
    calls: Vec<Call>,
}

impl<'a> Recorder<'a> {
    fn new(site: &'a Site) -> Self {
        Recorder {
            site,
            calls: Vec::new(),
        }
    }

    async fn call(
        &mut self,
        login: &str,
        method: Method,
        path: &str,
        request: Option<Value>,
    ) -> Value {
        let answer = self
            .site
            .call(login, method.clone(), path, request.clone())
            .await;
        let body = answer.body.clone();
        self.calls.push(Call {
            method,
            path: path.to_owned(),
            request,
            status: answer.status.as_u16(),
            body: answer.body,
        });
        body
    }

    async fn get(&mut self, path: &str) -> Value {
        self.call("sato.hanako", Method::GET, path, None).await
    }

    async fn post(&mut self, path: &str, body: Value) -> Value {
        self.call("sato.hanako", Method::POST, path, Some(body))
            .await
    }

    async fn put(&mut self, path: &str, body: Value) -> Value {
        self.call("sato.hanako", Method::PUT, path, Some(body))
            .await
    }

    async fn delete(&mut self, path: &str) -> Value {
        self.call("sato.hanako", Method::DELETE, path, None).await
    }

    /// The status of the last call.
    fn last_status(&self) -> u16 {
        self.calls.last().map(|c| c.status).unwrap_or_default()
    }

    fn record(&mut self, method: Method, path: &str, status: StatusCode, body: Value) {
        self.calls.push(Call {
            method,
            path: path.to_owned(),
            request: None,
            status: status.as_u16(),
            body,
        });
    }
}

fn contract_of(site: &Site) -> &'static Contract {
    match site.kind {
        SimKind::JiraCloud => contracts::jira_cloud(),
        _ => contracts::jira_dc(),
    }
}

/// Drives every endpoint of a site, successes and the usual errors.
async fn exercise(site: &Site) -> Vec<Call> {
    let api = site.api();
    let cloud = site.kind == SimKind::JiraCloud;
    let project = if cloud { "WEB" } else { "SYS" };
    let mut r = Recorder::new(site);

    // Server, caller, users.
    r.get(&format!("{api}/serverInfo")).await;
    r.get(&format!("{api}/myself")).await;
    r.get(&format!(
        "{api}/mypermissions?permissions=BROWSE_PROJECTS,CREATE_ISSUES,ADMINISTER"
    ))
    .await;
    r.get(&format!("{api}/mypermissions?permissions=FLY")).await;
    // Cloud: 400 without `permissions`; Data Center: every permission.
    r.get(&format!("{api}/mypermissions")).await;
    let me = site.user_ref("suzuki.ichiro").await;
    let user_query = if cloud {
        format!("accountId={}", me["accountId"].as_str().unwrap())
    } else {
        "username=suzuki.ichiro".to_owned()
    };
    r.get(&format!("{api}/user?{user_query}")).await;
    r.get(&format!(
        "{api}/user/search?{}",
        if cloud { "query=sato" } else { "username=sato" }
    ))
    .await;

    // Projects, roles, versions.
    r.get(&format!("{api}/project")).await;
    r.get(&format!("{api}/project/search?query=web")).await;
    let detail = r.get(&format!("{api}/project/{project}")).await;
    let project_id: u64 = detail["id"].as_str().unwrap().parse().unwrap();
    r.get(&format!("{api}/project/NOPE")).await;
    r.get(&format!("{api}/project/{project}/role")).await;
    r.get(&format!("{api}/project/{project}/role/10001")).await;
    let viewer = site.user_ref("kobayashi.aoi").await;
    let viewer_ref = viewer
        .get("accountId")
        .or_else(|| viewer.get("name"))
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    r.post(
        &format!("{api}/project/{project}/role/10001"),
        json!({"user": [viewer_ref]}),
    )
    .await;
    r.delete(&format!(
        "{api}/project/{project}/role/10001?user={viewer_ref}"
    ))
    .await;
    r.get(&format!("{api}/project/{project}/versions")).await;
    r.get(&format!("{api}/project/{project}/version?maxResults=1"))
        .await;
    // The Cloud document types version dates as dates, Data Center's as date-times.
    let release = if cloud {
        "2027-01-31"
    } else {
        "2027-01-31T00:00:00.000+0000"
    };
    let version = r.post(&format!("{api}/version"), json!({"name": "契約テスト", "projectId": project_id, "releaseDate": release, "description": "contract"})).await;
    let version_id = version["id"].as_str().unwrap().to_owned();
    r.get(&format!("{api}/version/{version_id}")).await;
    r.put(
        &format!("{api}/version/{version_id}"),
        json!({"released": true}),
    )
    .await;
    r.post(
        &format!("{api}/version"),
        json!({"name": "契約テスト", "projectId": project_id}),
    )
    .await;

    // Property values: any JSON on Cloud; Data Center's document types them
    // as strings (the simulator, like Jira, stores whatever JSON it gets).
    let property = |n: u32| {
        if cloud {
            json!({ "run": n })
        } else {
            json!(format!("run-{n}"))
        }
    };

    // Issues.
    let assignee = site.user_ref("suzuki.ichiro").await;
    let created = r
        .post(
            &format!("{api}/issue"),
            json!({
                "fields": {
                    "project": {"key": project},
                    "issuetype": {"name": "Story"},
                    "summary": "契約テストの課題",
                    "description": site.text("説明"),
                    "assignee": assignee,
                    "labels": ["contract"],
                    "fixVersions": [{"id": version_id}],
                },
                "properties": [{"key": "kakehashi.sync", "value": property(1)}],
            }),
        )
        .await;
    let key = created["key"].as_str().unwrap().to_owned();
    let sub = r
        .post(&format!("{api}/issue"), json!({"fields": {"project": {"key": project}, "issuetype": {"name": "Sub-task"}, "summary": "子", "parent": {"key": key}}}))
        .await;
    let sub_key = sub["key"].as_str().unwrap().to_owned();
    r.post(
        &format!("{api}/issue"),
        json!({"fields": {"project": {"key": project}, "issuetype": {"name": "Task"}}}),
    )
    .await;
    r.get(&format!("{api}/issue/{key}")).await;
    r.get(&format!(
        "{api}/issue/{key}?expand=changelog,names,transitions&properties=*all"
    ))
    .await;
    r.get(&format!("{api}/issue/{sub_key}")).await;
    r.get(&format!("{api}/issue/{project}-9999")).await;
    r.put(&format!("{api}/issue/{key}"), json!({"fields": {"summary": "契約テストの課題(改)", "priority": {"name": "High"}}, "update": {"labels": [{"add": "edited"}]}})).await;
    r.put(
        &format!("{api}/issue/{key}?returnIssue=true"),
        json!({"fields": {"summary": "契約テストの課題(再)"}}),
    )
    .await;
    r.put(
        &format!("{api}/issue/{key}"),
        json!({"fields": {"summary": ""}}),
    )
    .await;
    if cloud {
        r.get(&format!("{api}/issue/{key}/changelog")).await;
    }

    // Properties.
    r.get(&format!("{api}/issue/{key}/properties")).await;
    r.get(&format!("{api}/issue/{key}/properties/kakehashi.sync"))
        .await;
    r.put(
        &format!("{api}/issue/{key}/properties/kakehashi.other"),
        property(1),
    )
    .await;
    r.put(
        &format!("{api}/issue/{key}/properties/kakehashi.other"),
        property(2),
    )
    .await;
    r.delete(&format!("{api}/issue/{key}/properties/kakehashi.other"))
        .await;
    r.get(&format!("{api}/issue/{key}/properties/kakehashi.other"))
        .await;

    // Transitions.
    r.get(&format!("{api}/issue/{key}/transitions")).await;
    r.post(
        &format!("{api}/issue/{key}/transitions"),
        json!({"transition": {"id": "21"}}),
    )
    .await;
    r.post(
        &format!("{api}/issue/{key}/transitions"),
        json!({"transition": {"id": "21"}}),
    )
    .await;

    // Comments.
    let comment = r
        .post(
            &format!("{api}/issue/{key}/comment"),
            json!({"body": site.text("コメント")}),
        )
        .await;
    let comment_id = comment["id"].as_str().unwrap().to_owned();
    r.get(&format!("{api}/issue/{key}/comment")).await;
    r.get(&format!("{api}/issue/{key}/comment/{comment_id}"))
        .await;
    r.put(
        &format!("{api}/issue/{key}/comment/{comment_id}"),
        json!({"body": site.text("コメント(改)")}),
    )
    .await;
    r.delete(&format!("{api}/issue/{key}/comment/{comment_id}"))
        .await;
    r.get(&format!("{api}/issue/{key}/comment/{comment_id}"))
        .await;

    // Worklogs and their feeds.
    let worklog = r
        .post(&format!("{api}/issue/{key}/worklog"), json!({"started": "2026-11-17T12:34:00.000+0000", "timeSpentSeconds": 3600, "comment": site.text("作業")}))
        .await;
    let worklog_id = worklog["id"].as_str().unwrap().to_owned();
    r.post(
        &format!("{api}/issue/{key}/worklog"),
        json!({"started": "yesterday", "timeSpentSeconds": 60}),
    )
    .await;
    r.get(&format!("{api}/issue/{key}/worklog")).await;
    r.get(&format!("{api}/issue/{key}/worklog/{worklog_id}"))
        .await;
    r.put(
        &format!("{api}/issue/{key}/worklog/{worklog_id}"),
        json!({"timeSpentSeconds": 1800}),
    )
    .await;
    let extra = r
        .post(
            &format!("{api}/issue/{key}/worklog"),
            json!({"timeSpentSeconds": 600}),
        )
        .await;
    let extra_id = extra["id"].as_str().unwrap().to_owned();
    r.delete(&format!("{api}/issue/{key}/worklog/{extra_id}"))
        .await;
    site.advance_clock(61_000).await;
    r.get(&format!("{api}/worklog/updated?since=0")).await;
    r.get(&format!("{api}/worklog/deleted?since=0")).await;
    r.post(
        &format!("{api}/worklog/list"),
        json!({"ids": [worklog_id.parse::<u64>().unwrap()]}),
    )
    .await;

    // Attachments.
    let upload = site
        .request(
            &site.as_person("sato.hanako"),
            Method::POST,
            &format!("{api}/issue/{key}/attachments"),
        )
        .header("X-Atlassian-Token", "no-check")
        .multipart(Form::new().part(
            "file",
            Part::bytes(b"hello".to_vec()).file_name("hello.txt"),
        ));
    let uploaded = site.send(upload).await;
    r.record(
        Method::POST,
        &format!("{api}/issue/{key}/attachments"),
        uploaded.status,
        uploaded.body.clone(),
    );
    let attachment_id = uploaded.body[0]["id"].as_str().unwrap().to_owned();
    r.get(&format!("{api}/attachment/{attachment_id}")).await;
    if cloud {
        let content = site
            .get(
                "sato.hanako",
                &format!("{api}/attachment/content/{attachment_id}"),
            )
            .await;
        r.record(
            Method::GET,
            &format!("{api}/attachment/content/{attachment_id}"),
            content.status,
            Value::Null,
        );
    }
    r.delete(&format!("{api}/attachment/{attachment_id}")).await;
    r.get(&format!("{api}/attachment/{attachment_id}")).await;

    // Search.
    if cloud {
        r.get(&format!(
            "{api}/search/jql?jql=project%3D{project}&maxResults=2"
        ))
        .await;
        r.get(&format!(
            "{api}/search/jql?jql=project%3D{project}&fields=*all&expand=changelog&maxResults=3"
        ))
        .await;
        let first = r.post(&format!("{api}/search/jql"), json!({"jql": format!("project = {project} ORDER BY key"), "maxResults": 5, "fields": ["summary", "status", "assignee", "updated"]})).await;
        let token = first["nextPageToken"].as_str().unwrap().to_owned();
        r.post(&format!("{api}/search/jql"), json!({"jql": format!("project = {project} ORDER BY key"), "maxResults": 100, "nextPageToken": token, "fields": ["*navigable"]})).await;
        r.post(&format!("{api}/search/jql"), json!({"jql": "summary ~ x"}))
            .await;
        // The count a sync run checks before listing every id.
        let counted = r
            .post(
                &format!("{api}/search/approximate-count"),
                json!({"jql": format!("project = {project}")}),
            )
            .await;
        assert!(
            counted["count"].as_u64().is_some_and(|n| n >= 5),
            "{counted}"
        );
        r.post(
            &format!("{api}/search/approximate-count"),
            json!({"jql": "summary ~ x"}),
        )
        .await;
        // Ids from a search, details in bulk (ascending id order, errors listed).
        let ids: Vec<Value> = first["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].clone())
            .rev()
            .collect();
        let mut wanted = ids.clone();
        wanted.push(json!("WEB-99999"));
        let bulk = r.post(&format!("{api}/issue/bulkfetch"), json!({"issueIdsOrKeys": wanted, "fields": ["summary", "updated"], "properties": ["kakehashi.sync"]})).await;
        let got: Vec<&str> = bulk["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap())
            .collect();
        let mut expected: Vec<u64> = ids
            .iter()
            .map(|v| v.as_str().unwrap().parse().unwrap())
            .collect();
        expected.sort_unstable();
        assert_eq!(got, expected.iter().map(u64::to_string).collect::<Vec<_>>());
        assert_eq!(bulk["issueErrors"][0]["id"], "WEB-99999");
        assert!(bulk["issues"][0]["fields"]["summary"].is_string());
        r.post(
            &format!("{api}/issue/bulkfetch"),
            json!({"issueIdsOrKeys": []}),
        )
        .await;
        assert_eq!(r.last_status(), 400);
    } else {
        r.get(&format!(
            "{api}/search?jql=project%3D{project}&maxResults=3"
        ))
        .await;
        r.get(&format!(
            "{api}/search?jql=project%3D{project}&fields=*all&expand=changelog&maxResults=3"
        ))
        .await;
        r.post(&format!("{api}/search"), json!({"jql": format!("project = {project}"), "startAt": 2, "maxResults": 5, "fields": ["summary", "status"], "expand": ["changelog"]})).await;
        // Data Center's count: a search for no issues, whose total is exact.
        let counted = r
            .post(
                &format!("{api}/search"),
                json!({"jql": format!("project = {project}"), "maxResults": 0, "fields": ["key"]}),
            )
            .await;
        assert!(
            counted["total"].as_u64().is_some_and(|n| n >= 5),
            "{counted}"
        );
        assert_eq!(counted["issues"], json!([]));
        r.post(&format!("{api}/search"), json!({"jql": "summary ~ x"}))
            .await;
    }

    // Agile.
    let boards = r.get("/rest/agile/1.0/board").await;
    let board = boards["values"][0]["id"].as_u64().unwrap();
    r.get(&format!("/rest/agile/1.0/board/{board}")).await;
    let sprints = r
        .get(&format!("/rest/agile/1.0/board/{board}/sprint"))
        .await;
    let sprint = sprints["values"][1]["id"].as_u64().unwrap();
    r.get(&format!("/rest/agile/1.0/board/{board}/issue?maxResults=5"))
        .await;
    r.get(&format!("/rest/agile/1.0/sprint/{sprint}")).await;
    r.get(&format!(
        "/rest/agile/1.0/sprint/{sprint}/issue?maxResults=5"
    ))
    .await;
    r.post(
        &format!("/rest/agile/1.0/sprint/{sprint}/issue"),
        json!({"issues": [key]}),
    )
    .await;

    // Permission refusals, deletion.
    r.call(
        "kobayashi.aoi",
        Method::PUT,
        &format!("{api}/issue/{key}"),
        Some(json!({"fields": {"summary": "x"}})),
    )
    .await;
    r.delete(&format!("{api}/issue/{key}")).await;
    assert_eq!(r.last_status(), 400, "the issue has a sub-task");
    r.delete(&format!("{api}/issue/{key}?deleteSubtasks=true"))
        .await;
    r.get(&format!("{api}/issue/{key}")).await;
    r.calls
}

/// Validates every recorded call; returns the paths the contract does not describe.
fn validate(site: &Site, calls: &[Call]) -> BTreeSet<String> {
    let contract = contract_of(site);
    let mut undescribed = BTreeSet::new();
    let mut checked = 0;
    for call in calls {
        let path = call.path.split('?').next().unwrap();
        let method = call.method.as_str();
        if let Err(report) = contract.check_response(method, path, call.status, &call.body) {
            // Only a path or method the contract lacks is "undescribed"; an
            // undescribed status on a described operation is a failure.
            let operation_missing = report.contains(&format!("has no {method} operation"));
            if contract.spec_path(path).is_err() || operation_missing {
                undescribed.insert(format!("{method} {path}"));
                continue;
            }
            panic!(
                "{method} {} → {}:\n{report}\nbody: {:#}",
                call.path, call.status, call.body
            );
        }
        if let (Some(request), true) = (&call.request, call.status < 300) {
            contract.assert_request(method, path, request);
        }
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} calls were checked");
    undescribed
}

#[tokio::test]
async fn jira_cloud_answers_match_the_v3_contract() {
    let site = Site::cloud().await;
    let calls = exercise(&site).await;
    let undescribed = validate(&site, &calls);
    let agile: BTreeSet<String> = undescribed
        .iter()
        .filter(|p| p.contains("/rest/agile/1.0/"))
        .cloned()
        .collect();
    assert_eq!(
        undescribed.len(),
        agile.len(),
        "only the agile API is undescribed on Cloud: {undescribed:?}"
    );
    assert_eq!(agile.len(), 7, "{agile:?}");
    // Statuses that matter are among the checked ones.
    let statuses: BTreeSet<u16> = calls.iter().map(|c| c.status).collect();
    for status in [200, 201, 204, 400, 403, 404] {
        assert!(statuses.contains(&status), "no {status} answer was checked");
    }
}

#[tokio::test]
async fn jira_data_center_answers_match_the_10_3_contract() {
    let site = Site::dc().await;
    let calls = exercise(&site).await;
    let undescribed = validate(&site, &calls);
    assert!(undescribed.is_empty(), "{undescribed:?}");
}

#[tokio::test]
async fn the_undescribed_cloud_probe_and_attachment_bytes_are_what_clients_expect() {
    let cloud = Site::cloud().await;
    assert!(contracts::jira_cloud()
        .spec_path("/rest/api/2/serverInfo")
        .is_err());
    let probe = cloud
        .send(cloud.request(&jira::Auth::None, Method::GET, "/rest/api/2/serverInfo"))
        .await;
    // Same shape as the described v3 answer.
    contracts::jira_cloud().assert_response(
        "GET",
        "/rest/api/3/serverInfo",
        probe.status.as_u16(),
        &probe.body,
    );
}

/// Sends a body the contract forbids and expects Jira's 400.
async fn refused(site: &Site, method: Method, path: &str, body: Value) {
    contract_of(site).assert_request_rejected_by_contract(method.as_str(), path, &body);
    let answer = site
        .call("sato.hanako", method.clone(), path, Some(body.clone()))
        .await;
    assert_eq!(
        answer.status,
        StatusCode::BAD_REQUEST,
        "{method} {path} {body}: {}",
        answer.body
    );
    assert!(
        answer.body["errorMessages"].is_array() && answer.body["errors"].is_object(),
        "{}",
        answer.body
    );
    contract_of(site).assert_response(method.as_str(), path, 400, &answer.body);
}

#[tokio::test]
async fn bodies_the_cloud_contract_forbids_are_refused() {
    let site = Site::cloud().await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/issue",
        json!({"fields": {"summary": "no project"}}),
    )
    .await;
    refused(&site, Method::POST, "/rest/api/3/issue", json!({"fields": {"project": {"key": "WEB"}, "issuetype": {"name": "Task"}, "summary": "x", "description": "plain text"}})).await;
    refused(
        &site,
        Method::PUT,
        "/rest/api/3/issue/WEB-1",
        json!({"fields": {"description": "plain text"}}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/search/jql",
        json!({"jql": "project = WEB", "startAt": 0}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/search/jql",
        json!({"jql": "project = WEB", "maxResults": "ten"}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/search/jql",
        json!({"jql": "project = WEB", "reconcileIssues": ["WEB-1"]}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/search/approximate-count",
        json!({"jql": "project = WEB", "maxResults": 0}),
    )
    .await;
    refused(&site, Method::POST, "/rest/api/3/worklog/list", json!({})).await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/worklog/list",
        json!({"ids": ["10000"]}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/issue/WEB-1/worklog",
        json!({"timeSpentSeconds": "3600"}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/version",
        json!({"name": "v9", "project": "WEB", "colour": "red"}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/version",
        json!({"name": 9, "project": "WEB"}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/project/WEB/role/10001",
        json!({"user": "not-a-list"}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/3/project/WEB/role/10001",
        json!({"users": ["x"]}),
    )
    .await;
}

#[tokio::test]
async fn bodies_the_data_center_contract_forbids_are_refused() {
    let site = Site::dc().await;
    refused(
        &site,
        Method::POST,
        "/rest/api/2/issue",
        json!({"fields": {"summary": "no project"}}),
    )
    .await;
    refused(&site, Method::POST, "/rest/api/2/issue", json!({"fields": {"project": {"key": "SYS"}, "issuetype": {"name": "Task"}, "summary": "x", "description": {"type": "doc"}}})).await;
    refused(
        &site,
        Method::POST,
        "/rest/api/2/search",
        json!({"jql": "project = SYS", "startAt": "zero"}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/2/search",
        json!({"jql": "project = SYS", "expand": "changelog"}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/2/worklog/list",
        json!({"ids": ["10000"]}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/2/issue/SYS-1/worklog",
        json!({"timeSpentSeconds": "3600"}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/2/issue/SYS-1/comment",
        json!({"body": 5}),
    )
    .await;
    refused(
        &site,
        Method::POST,
        "/rest/api/2/version",
        json!({"name": 9, "project": "SYS"}),
    )
    .await;
}
