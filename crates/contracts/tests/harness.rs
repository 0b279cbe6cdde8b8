//! The contract-test harness has teeth: realistic documents pass, and each
//! kind of mistake a simulator could make is caught. Without these tests a
//! harness that accepted everything would look just like a working one.

use kakehashi_contracts::{self as contracts, Contract};
use serde_json::{json, Value};

/// Asserts that `check` fails and its report mentions every `needle`.
#[track_caller]
fn fails_with(check: Result<(), String>, needles: &[&str]) {
    let report = match check {
        Ok(()) => panic!("the harness accepted a document it must refuse (expected {needles:?})"),
        Err(report) => report,
    };
    for needle in needles {
        assert!(
            report.contains(needle),
            "report lacks {needle:?}:\n{report}"
        );
    }
}

/// `document` with the value at `pointer` replaced (or removed with `None`).
fn mutate(document: &Value, pointer: &str, value: Option<Value>) -> Value {
    let mut copy = document.clone();
    let (parent, key) = pointer.rsplit_once('/').expect("pointer");
    let target = copy
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("{parent} not in document"));
    match (target, value) {
        (Value::Object(object), Some(value)) => {
            object.insert(key.to_owned(), value);
        }
        (Value::Object(object), None) => {
            assert!(object.remove(key).is_some(), "{pointer} not in document");
        }
        (Value::Array(items), Some(value)) => items[key.parse::<usize>().expect("index")] = value,
        (other, _) => panic!("cannot mutate {other}"),
    }
    copy
}

// ---------------------------------------------------------------- Jira Cloud

fn cloud_user() -> Value {
    json!({
        "self": "http://127.0.0.1:8080/rest/api/3/user?accountId=5b10a2844c20165700ede21g",
        "accountId": "5b10a2844c20165700ede21g",
        "accountType": "atlassian",
        "emailAddress": "kakehashi-sync@example.com",
        "avatarUrls": { "48x48": "http://127.0.0.1:8080/avatar/48.png" },
        "displayName": "Kakehashi Sync",
        "active": true,
        "timeZone": "Asia/Tokyo",
        "locale": "ja_JP"
    })
}

fn cloud_time_tracking() -> Value {
    json!({ "defaultUnit": "hour", "timeFormat": "pretty", "workingDaysPerWeek": 5.0, "workingHoursPerDay": 8.0 })
}

#[test]
fn jira_cloud_accepts_realistic_answers() {
    let cloud = contracts::jira_cloud();
    cloud.assert_response("GET", "/rest/api/3/myself", 200, &cloud_user());
    cloud.assert_response(
        "GET",
        "/rest/api/3/configuration/timetracking/options",
        200,
        &cloud_time_tracking(),
    );
    let issue = json!({
        "id": "10001", "key": "WEB-1", "self": "http://127.0.0.1:8080/rest/api/3/issue/10001",
        "fields": { "summary": "ログイン画面の改善", "created": "2026-11-02T09:30:00.000+0900" }
    });
    cloud.assert_response("GET", "/rest/api/3/issue/WEB-1?expand=names", 200, &issue);
    let page = json!({ "issues": [issue], "nextPageToken": "CAEaAggD", "isLast": false });
    cloud.assert_response(
        "GET",
        "/rest/api/3/search/jql?jql=project%3DWEB",
        200,
        &page,
    );
    let error = json!({ "errorMessages": ["Issue does not exist or you do not have permission to see it."], "errors": {} });
    cloud.assert_response("POST", "/rest/api/3/issue", 400, &error);
}

#[test]
fn jira_cloud_catches_each_kind_of_mistake() {
    let cloud = contracts::jira_cloud();
    let path = "/rest/api/3/configuration/timetracking/options";
    let options = cloud_time_tracking();
    fails_with(
        cloud.check_response("GET", path, 200, &mutate(&options, "/timeFormat", None)),
        &["timeFormat", "required"],
    );
    fails_with(
        cloud.check_response(
            "GET",
            path,
            200,
            &mutate(&options, "/defaultUnit", Some(json!("fortnight"))),
        ),
        &["/defaultUnit"],
    );
    fails_with(
        cloud.check_response(
            "GET",
            path,
            200,
            &mutate(&options, "/workingDaysPerWeek", Some(json!("5"))),
        ),
        &["/workingDaysPerWeek", "number"],
    );
    fails_with(
        cloud.check_response(
            "GET",
            "/rest/api/3/myself",
            200,
            &mutate(&cloud_user(), "/nickname", Some(json!("k"))),
        ),
        &["nickname"],
    );
    fails_with(
        cloud.check_response(
            "GET",
            "/rest/api/3/myself",
            200,
            &mutate(&cloud_user(), "/displayName", Some(Value::Null)),
        ),
        &["/displayName", "null"],
    );
    fails_with(
        cloud.check_response(
            "GET",
            "/rest/api/3/myself",
            200,
            &mutate(&cloud_user(), "/self", Some(json!("not a uri"))),
        ),
        &["/self"],
    );
    // The report names the contract, the spec path and the status.
    fails_with(
        cloud.check_response(
            "GET",
            "/rest/api/3/issue/WEB-1",
            200,
            &json!({ "id": 10001 }),
        ),
        &[
            "jira-cloud",
            "/rest/api/3/issue/{issueIdOrKey}",
            "200",
            "/id",
        ],
    );
}

#[test]
fn jira_cloud_issue_fields_are_typed_with_rich_text_in_adf() {
    let cloud = contracts::jira_cloud();
    let adf = json!({ "type": "doc", "version": 1, "content": [{ "type": "paragraph", "content": [{ "type": "text", "text": "詳細" }] }] });
    let issue = json!({
        "id": "10001", "key": "WEB-1",
        "fields": {
            "summary": "ログイン画面の改善",
            "description": adf,
            "assignee": { "accountId": "5b10a2844c20165700ede21g", "displayName": "田中 花子", "active": true },
            "status": { "id": "3", "name": "In Progress" },
            "updated": "2026-11-03T18:05:12.345+0900",
            "customfield_10020": null
        }
    });
    let path = "/rest/api/3/issue/WEB-1";
    cloud.assert_response("GET", path, 200, &issue);
    cloud.assert_response(
        "GET",
        path,
        200,
        &mutate(&issue, "/fields/description", Some(Value::Null)),
    );
    // REST v3 never answers rich text as a plain string.
    fails_with(
        cloud.check_response(
            "GET",
            path,
            200,
            &mutate(&issue, "/fields/description", Some(json!("詳細"))),
        ),
        &["/fields/description"],
    );
    fails_with(
        cloud.check_response(
            "GET",
            path,
            200,
            &mutate(&issue, "/fields/assignee/accountId", None),
        ),
        &["/fields/assignee", "accountId"],
    );
    fails_with(
        cloud.check_response(
            "GET",
            path,
            200,
            &mutate(&issue, "/fields/summary", Some(json!(["x"]))),
        ),
        &["/fields/summary"],
    );
    fails_with(
        cloud.check_response(
            "GET",
            path,
            200,
            &mutate(&issue, "/fields/sumary", Some(json!("typo"))),
        ),
        &["sumary"],
    );
    let create = json!({ "fields": { "project": { "key": "WEB" }, "issuetype": { "id": "10002" }, "summary": "x", "description": adf } });
    cloud.assert_request("POST", "/rest/api/3/issue", &create);
    cloud.assert_request_rejected_by_contract(
        "POST",
        "/rest/api/3/issue",
        &mutate(&create, "/fields/description", Some(json!("plain"))),
    );
}

#[test]
fn nullable_values_accept_null_and_only_where_declared() {
    let cloud = contracts::jira_cloud();
    let group = json!({ "name": "jira-users", "groupId": null, "self": "http://127.0.0.1:8080/rest/api/3/group?groupId=1" });
    cloud.assert_response("GET", "/rest/api/3/group?groupname=jira-users", 200, &group);
    fails_with(
        cloud.check_response(
            "GET",
            "/rest/api/3/group",
            200,
            &mutate(&group, "/name", Some(Value::Null)),
        ),
        &["/name"],
    );
}

#[test]
fn statuses_fall_back_to_default_and_undescribed_ones_fail() {
    let cloud = contracts::jira_cloud();
    fails_with(
        cloud.check_response("GET", "/rest/api/3/myself", 418, &json!({})),
        &["418", "not described"],
    );
    // A described status without content has nothing to check.
    cloud.assert_response("GET", "/rest/api/3/myself", 401, &Value::Null);
}

// --------------------------------------------------------- Jira Data Center

fn dc_issue() -> Value {
    json!({
        "expand": "renderedFields,names,schema",
        "id": "10001",
        "self": "http://127.0.0.1:8081/rest/api/2/issue/10001",
        "key": "WEB-1",
        "fields": {
            "summary": "ログイン画面の改善",
            "description": null,
            "issuetype": { "id": "10002", "name": "Task", "self": "http://127.0.0.1:8081/rest/api/2/issuetype/10002" },
            "project": { "id": "10000", "key": "WEB", "name": "Web" },
            "status": { "id": "3", "name": "In Progress", "statusCategory": { "id": 4, "key": "indeterminate", "name": "In Progress" } },
            "assignee": { "name": "tanaka", "key": "JIRAUSER10100", "displayName": "田中 花子", "active": true },
            "reporter": null,
            "created": "2026-11-02T09:30:00.000+0900",
            "updated": "2026-11-03T18:05:12.345+0900",
            "duedate": "2026-11-30",
            "labels": ["frontend"],
            "timetracking": { "originalEstimate": "1d", "originalEstimateSeconds": 28800 },
            "worklog": { "startAt": 0, "maxResults": 20, "total": 1, "worklogs": [
                { "id": "20001", "issueId": "10001", "started": "2026-11-03T10:00:00.000+0900", "timeSpentSeconds": 3600, "comment": "レビュー" }
            ] },
            "customfield_10010": { "anything": ["goes"] }
        }
    })
}

#[test]
fn jira_dc_validates_issue_fields_by_type_and_the_rest_strictly() {
    let dc = contracts::jira_dc();
    let issue = dc_issue();
    dc.assert_response("GET", "/rest/api/2/issue/WEB-1", 200, &issue);
    let search = json!({ "expand": "schema,names", "startAt": 0, "maxResults": 50, "total": 1, "issues": [issue] });
    dc.assert_response("POST", "/rest/api/2/search", 200, &search);
    dc.assert_response(
        "GET",
        "/rest/api/2/search?jql=project%20%3D%20WEB&startAt=50",
        200,
        &search,
    );

    let issue_path = "/rest/api/2/issue/WEB-1";
    fails_with(
        dc.check_response(
            "GET",
            issue_path,
            200,
            &mutate(&issue, "/fields/summary", Some(json!(5))),
        ),
        &["/fields/summary"],
    );
    fails_with(
        dc.check_response(
            "GET",
            issue_path,
            200,
            &mutate(&issue, "/fields/summary", Some(Value::Null)),
        ),
        &["/fields/summary"],
    );
    fails_with(
        dc.check_response(
            "GET",
            issue_path,
            200,
            &mutate(&issue, "/fields/status/name", None),
        ),
        &["/fields/status", "name"],
    );
    fails_with(
        dc.check_response(
            "GET",
            issue_path,
            200,
            &mutate(&issue, "/fields/summry", Some(json!("typo"))),
        ),
        &["summry"],
    );
    fails_with(
        dc.check_response(
            "GET",
            issue_path,
            200,
            &mutate(&issue, "/fields/created", Some(json!("yesterday"))),
        ),
        &["/fields/created"],
    );
    fails_with(
        dc.check_response(
            "GET",
            issue_path,
            200,
            &mutate(
                &issue,
                "/fields/worklog/worklogs/0/timeSpentSeconds",
                Some(json!("3600")),
            ),
        ),
        &["/fields/worklog/worklogs/0/timeSpentSeconds"],
    );
    fails_with(
        dc.check_response(
            "GET",
            issue_path,
            200,
            &mutate(&issue, "/id", Some(json!(10001))),
        ),
        &["/id"],
    );
    fails_with(
        dc.check_response(
            "POST",
            "/rest/api/2/search",
            200,
            &mutate(&search, "/total", Some(json!("1"))),
        ),
        &["/total"],
    );
    fails_with(
        dc.check_response(
            "POST",
            "/rest/api/2/search",
            200,
            &mutate(&search, "/issues/0/fields/labels/0", Some(json!(1))),
        ),
        &["/issues/0/fields/labels/0"],
    );
}

#[test]
fn jira_dc_checks_non_issue_resources_strictly() {
    let dc = contracts::jira_dc();
    let me = json!({ "name": "kakehashi-sync", "key": "JIRAUSER10000", "displayName": "Kakehashi Sync", "active": true, "timeZone": "Asia/Tokyo" });
    dc.assert_response("GET", "/rest/api/2/myself", 200, &me);
    fails_with(
        dc.check_response(
            "GET",
            "/rest/api/2/myself",
            200,
            &mutate(&me, "/active", Some(json!("yes"))),
        ),
        &["/active"],
    );
    let board = json!({ "id": 1, "name": "WEB board", "type": "scrum", "self": "http://127.0.0.1:8081/rest/agile/1.0/board/1" });
    dc.assert_response("GET", "/rest/agile/1.0/board/1", 200, &board);
    fails_with(
        dc.check_response(
            "GET",
            "/rest/agile/1.0/board/1",
            200,
            &mutate(&board, "/id", Some(json!("1"))),
        ),
        &["/id"],
    );
}

#[test]
fn jira_dc_list_endpoints_answer_arrays_and_agile_pages() {
    let dc = contracts::jira_dc();
    let project = json!({ "id": "10000", "key": "WEB", "name": "Web", "self": "http://127.0.0.1:8081/rest/api/2/project/10000" });
    dc.assert_response("GET", "/rest/api/2/project", 200, &json!([project]));
    fails_with(
        dc.check_response("GET", "/rest/api/2/project", 200, &project),
        &["array"],
    );
    fails_with(
        dc.check_response(
            "GET",
            "/rest/api/2/project",
            200,
            &json!([mutate(&project, "/id", Some(json!(10000)))]),
        ),
        &["/0/id"],
    );
    // The single-project endpoint still answers one object.
    dc.assert_response("GET", "/rest/api/2/project/WEB", 200, &project);
    fails_with(
        dc.check_response("GET", "/rest/api/2/project/WEB", 200, &json!([project])),
        &["object"],
    );
    let worklog = json!({ "id": "20001", "issueId": "10001", "started": "2026-11-03T10:00:00.000+0900", "timeSpentSeconds": 3600 });
    dc.assert_response("POST", "/rest/api/2/worklog/list", 200, &json!([worklog]));

    let sprint = json!({ "id": 7, "name": "Sprint 7", "state": "active", "originBoardId": 1 });
    let page = json!({ "maxResults": 50, "startAt": 0, "isLast": true, "values": [sprint] });
    dc.assert_response(
        "GET",
        "/rest/agile/1.0/board/1/sprint?state=active",
        200,
        &page,
    );
    fails_with(
        dc.check_response("GET", "/rest/agile/1.0/board/1/sprint", 200, &sprint),
        &["values"],
    );
    fails_with(
        dc.check_response(
            "GET",
            "/rest/agile/1.0/board/1/sprint",
            200,
            &mutate(&page, "/values/0/id", Some(json!("7"))),
        ),
        &["/values/0/id"],
    );
    let issues = json!({ "startAt": 0, "maxResults": 50, "total": 1, "issues": [dc_issue()] });
    dc.assert_response(
        "GET",
        "/rest/agile/1.0/board/1/sprint/7/issue",
        200,
        &issues,
    );
    fails_with(
        dc.check_response(
            "GET",
            "/rest/agile/1.0/board/1/issue",
            200,
            &mutate(&issues, "/issues/0/fields/summary", Some(json!(1))),
        ),
        &["/issues/0/fields/summary"],
    );
}

// -------------------------------------------------------------------- Asana

fn asana_task() -> Value {
    json!({ "data": {
        "gid": "1204000000000001",
        "resource_type": "task",
        "name": "ログイン画面の改善",
        "resource_subtype": "default_task",
        "completed": false,
        "completed_at": null,
        "assignee": null,
        "due_on": "2026-11-30",
        "created_at": "2026-11-02T00:30:00.000Z",
        "modified_at": "2026-11-03T09:05:12.345Z",
        "notes": "",
        "projects": [{ "gid": "1204000000000100", "resource_type": "project", "name": "Web" }],
        "workspace": { "gid": "1204000000000900", "resource_type": "workspace", "name": "Kakehashi" }
    }})
}

#[test]
fn asana_accepts_realistic_answers_and_catches_mistakes() {
    let asana = contracts::asana();
    let task = asana_task();
    asana.assert_response(
        "GET",
        "/api/1.0/tasks/1204000000000001?opt_fields=name",
        200,
        &task,
    );
    let assigned = mutate(
        &task,
        "/data/assignee",
        Some(json!({ "gid": "1204000000000500", "resource_type": "user", "name": "Hanako" })),
    );
    asana.assert_response("GET", "/api/1.0/tasks/1204000000000001", 200, &assigned);
    asana.assert_response(
        "GET",
        "/api/1.0/tasks?project=1",
        200,
        &json!({ "data": [], "next_page": null }),
    );

    let path = "/api/1.0/tasks/1204000000000001";
    // Asana's contract never says `additionalProperties: false`; the
    // envelope requirement is the harness's (see the README).
    fails_with(
        asana.check_response("GET", path, 200, &json!({ "task": task["data"] })),
        &["data", "required"],
    );
    fails_with(
        asana.check_response(
            "GET",
            path,
            200,
            &mutate(&task, "/data/completed", Some(json!("false"))),
        ),
        &["/data/completed"],
    );
    fails_with(
        asana.check_response(
            "GET",
            path,
            200,
            &mutate(&task, "/data/name", Some(Value::Null)),
        ),
        &["/data/name"],
    );
    fails_with(
        asana.check_response(
            "GET",
            path,
            200,
            &mutate(&task, "/data/resource_subtype", Some(json!("epic"))),
        ),
        &["/data/resource_subtype"],
    );
    fails_with(
        asana.check_response(
            "GET",
            path,
            200,
            &mutate(&task, "/data/assignee", Some(json!({ "gid": 5 }))),
        ),
        &["/data/assignee/gid"],
    );
    fails_with(
        asana.check_response(
            "GET",
            path,
            200,
            &mutate(&task, "/data/due_on", Some(json!("30/11/2026"))),
        ),
        &["/data/due_on"],
    );
    // Errors have their own shape.
    asana.assert_response(
        "GET",
        path,
        404,
        &json!({ "errors": [{ "message": "task: Unknown object: 1" }] }),
    );
    fails_with(
        asana.check_response(
            "GET",
            path,
            404,
            &json!({ "errors": "task: Unknown object" }),
        ),
        &["/errors"],
    );
}

// ------------------------------------------------------------ Path matching

#[test]
fn paths_match_literal_before_parameter_and_strip_the_base() {
    let cloud = contracts::jira_cloud();
    assert_eq!(
        cloud.spec_path("/rest/api/3/issue/createmeta").unwrap(),
        "/rest/api/3/issue/createmeta"
    );
    assert_eq!(
        cloud
            .spec_path("/rest/api/3/issue/WEB-1?fields=summary")
            .unwrap(),
        "/rest/api/3/issue/{issueIdOrKey}"
    );
    assert_eq!(cloud.base_path(), "");

    let dc = contracts::jira_dc();
    assert_eq!(dc.base_path(), "/rest");
    assert_eq!(
        dc.spec_path("/rest/api/2/issue/WEB-1/worklog/7").unwrap(),
        "/api/2/issue/{issueIdOrKey}/worklog/{id}"
    );
    assert_eq!(
        dc.spec_path("/rest/agile/1.0/board/3/sprint").unwrap(),
        "/agile/1.0/board/{boardId}/sprint"
    );
    assert_eq!(dc.spec_path("/rest/api/2/search").unwrap(), "/api/2/search");

    let asana = contracts::asana();
    assert_eq!(asana.base_path(), "/api/1.0");
    assert_eq!(
        asana.spec_path("/api/1.0/users/me").unwrap(),
        "/users/{user_gid}"
    );
    assert_eq!(asana.spec_path("/api/1.0/tasks").unwrap(), "/tasks");
}

#[test]
fn undescribed_paths_and_methods_fail() {
    let cloud = contracts::jira_cloud();
    fails_with(
        cloud.check_response("GET", "/rest/agile/1.0/board", 200, &json!({})),
        &["not described"],
    );
    fails_with(
        cloud.check_response("GET", "/rest/api/3/nothing-here", 200, &json!({})),
        &["not described"],
    );
    fails_with(
        cloud.check_response("PATCH", "/rest/api/3/myself", 200, &json!({})),
        &["not described", "PATCH"],
    );
    // Without its base, a Data Center or Asana path is not theirs.
    fails_with(
        contracts::jira_dc().check_response("GET", "/api/2/myself", 200, &json!({})),
        &["not described"],
    );
    fails_with(
        contracts::asana().check_response("GET", "/tasks/1", 200, &json!({})),
        &["not described"],
    );
    fails_with(
        contracts::asana().check_response("GET", "/api/1.0x/tasks/1", 200, &json!({})),
        &["not described"],
    );
}

// ------------------------------------------------------------ Request bodies

#[test]
fn request_bodies_are_checked_and_forbidden_ones_recognised() {
    let create = json!({ "fields": {
        "project": { "key": "WEB" }, "issuetype": { "name": "Task" }, "summary": "新しい課題", "labels": ["sync"]
    }});
    let cloud = contracts::jira_cloud();
    cloud.assert_request("POST", "/rest/api/3/issue", &create);
    cloud.assert_request_rejected_by_contract(
        "POST",
        "/rest/api/3/issue",
        &json!({ "update": {} }),
    );
    cloud.assert_request_rejected_by_contract(
        "POST",
        "/rest/api/3/issue",
        &json!({ "fields": { "summary": "no project" } }),
    );
    cloud.assert_request_rejected_by_contract(
        "POST",
        "/rest/api/3/issue",
        &json!({ "fields": "summary" }),
    );

    let dc = contracts::jira_dc();
    dc.assert_request("POST", "/rest/api/2/issue", &create);
    dc.assert_request(
        "PUT",
        "/rest/api/2/issue/WEB-1",
        &json!({ "fields": { "summary": "renamed" } }),
    );
    dc.assert_request_rejected_by_contract("POST", "/rest/api/2/issue", &json!({}));
    dc.assert_request_rejected_by_contract(
        "PUT",
        "/rest/api/2/issue/WEB-1",
        &json!({ "fields": { "summary": 5 } }),
    );

    let asana = contracts::asana();
    let task = json!({ "data": { "name": "新しいタスク", "projects": ["1204000000000100"], "due_on": "2026-12-01" } });
    asana.assert_request("POST", "/api/1.0/tasks", &task);
    asana.assert_request_rejected_by_contract("POST", "/api/1.0/tasks", &task["data"]);
    asana.assert_request_rejected_by_contract(
        "POST",
        "/api/1.0/tasks",
        &json!({ "data": { "name": 5 } }),
    );
    // A body the contract requires must be there at all.
    fails_with(
        asana.check_request("POST", "/api/1.0/tasks", &Value::Null),
        &["requires a request body"],
    );
}

#[test]
#[should_panic(expected = "accepts this")]
fn a_body_the_contract_accepts_cannot_be_passed_off_as_forbidden() {
    contracts::asana().assert_request_rejected_by_contract(
        "POST",
        "/api/1.0/tasks",
        &json!({ "data": { "name": "ok" } }),
    );
}

#[test]
#[should_panic(expected = "describes no request body")]
fn a_body_for_an_operation_without_one_is_no_proof_of_anything() {
    contracts::jira_cloud().assert_request_rejected_by_contract(
        "GET",
        "/rest/api/3/myself",
        &json!({ "x": 1 }),
    );
}

#[test]
#[should_panic(expected = "response breaks the contract")]
fn assert_response_panics_with_the_report() {
    contracts::jira_cloud().assert_response(
        "GET",
        "/rest/api/3/myself",
        200,
        &json!({ "active": "yes" }),
    );
}

// ------------------------------------------------------------------ TT NX

fn ttnx_project() -> Value {
    json!({
        "id": "47", "name": "A製品の開発", "code": "A-DEV", "description": "",
        "managerId": "21", "managerName": "岡本 直哉", "organizationId": "7", "organizationName": "開発2課",
        "isFinished": false, "standardUnitCost": 8000.0,
        "createdAt": "2023-09-13T08:44:16Z", "updatedAt": "2023-09-13T08:44:16Z",
        "members": [{
            "partyId": "21", "name": "岡本 直哉", "englishName": "", "partyType": "User", "id": "251",
            "projectId": "47", "projectUserGroupIds": null, "unitCost": 8000.0, "isDeleted": false,
            "organizationId": "7", "organizationName": "開発2課", "avatarUrl": null,
            "createdAt": "2023-09-13T08:44:16Z", "createdBy": "21", "updatedAt": "2023-09-13T08:44:16Z", "updatedBy": "21"
        }]
    })
}

#[test]
fn ttnx_get_project_is_an_array_of_projects_with_members() {
    let ttnx = contracts::ttnx();
    let file = "project/projects/getProject.json";
    ttnx.assert_response(file, &json!([ttnx_project()]));
    fails_with(ttnx.check_response(file, &ttnx_project()), &["array"]);
    fails_with(
        ttnx.check_response(file, &json!([mutate(&ttnx_project(), "/code", None)])),
        &["code"],
    );
    fails_with(
        ttnx.check_response(
            file,
            &json!([mutate(&ttnx_project(), "/color", Some(json!("red")))]),
        ),
        &["color"],
    );
    fails_with(
        ttnx.check_response(
            file,
            &json!([mutate(
                &ttnx_project(),
                "/members/0/partyType",
                Some(json!("Group"))
            )]),
        ),
        &["/0/members/0/partyType"],
    );
    fails_with(
        ttnx.check_response(
            file,
            &json!([mutate(
                &ttnx_project(),
                "/members/0/partyId",
                Some(json!(21))
            )]),
        ),
        &["/0/members/0/partyId"],
    );
    fails_with(
        ttnx.check_response(
            file,
            &json!([mutate(&ttnx_project(), "/members/0/id", None)]),
        ),
        &["id"],
    );
}

#[test]
fn ttnx_lists_answer_total_count_and_data() {
    let ttnx = contracts::ttnx();
    let users = json!({ "totalCount": 1, "data": [{ "id": "80", "name": "佐藤 大輔", "loginName": "sato", "organizationName": "委託先A社", "unitCost": 0.0 }] });
    ttnx.assert_response("system/users/getUsers.json", &users);
    fails_with(
        ttnx.check_response("system/users/getUsers.json", &users["data"]),
        &["object"],
    );
    fails_with(
        ttnx.check_response(
            "system/users/getUsers.json",
            &mutate(&users, "/totalCount", None),
        ),
        &["totalCount"],
    );
    fails_with(
        ttnx.check_response(
            "system/users/getUsers.json",
            &mutate(&users, "/data/0/id", Some(json!(80))),
        ),
        &["/data/0/id"],
    );

    let organisations = json!({ "totalCount": 1, "data": [{
        "id": "1", "parentOrganizationId": null, "name": "本社", "createdAt": "2023-09-11T06:00:03Z", "updatedAt": "2023-09-11T06:00:03Z",
        "subOrganizations": [{ "id": "7", "parentOrganizationId": "1", "name": "開発2課", "createdAt": "2023-09-11T06:00:03Z", "updatedAt": "2023-09-11T06:00:03Z" }]
    }]});
    ttnx.assert_response("system/organizations/getOrganizations.json", &organisations);
    // The recursive `$ref` of the tree is followed.
    fails_with(
        ttnx.check_response(
            "system/organizations/getOrganizations.json",
            &mutate(&organisations, "/data/0/subOrganizations/0/name", None),
        ),
        &["/data/0/subOrganizations/0", "name"],
    );
}

#[test]
fn ttnx_user_me_and_work_items() {
    let ttnx = contracts::ttnx();
    let me = json!({ "id": "1", "name": "Kakehashi Sync", "loginName": "kakehashi-sync", "organizationName": "本社", "timeZone": "Asia/Tokyo", "authenticationType": "Basic" });
    ttnx.assert_response("system/users/getUserMe.json", &me);
    fails_with(
        ttnx.check_response(
            "system/users/getUserMe.json",
            &mutate(&me, "/authenticationType", Some(json!("Kerberos"))),
        ),
        &["/authenticationType"],
    );
    fails_with(
        ttnx.check_response(
            "system/users/getUserMe.json",
            &mutate(&me, "/avatarUrl", Some(Value::Null)),
        ),
        &["avatarUrl"],
    );

    let item = json!([{ "fields": { "Id": "501", "Name": "設計", "ItemTypeId": "2", "PlannedStartDate": "2026-11-01T00:00:00", "PlannedFinishDate": null, "PlannedTime": 480, "ActualTime": 90 } }]);
    ttnx.assert_response("workitem/workItems/getWorkItem.json", &item);
    fails_with(
        ttnx.check_response(
            "workitem/workItems/getWorkItem.json",
            &mutate(&item, "/0/fields/ActualTime", Some(json!(1.5))),
        ),
        &["/0/fields/ActualTime"],
    );
    fails_with(
        ttnx.check_response(
            "workitem/workItems/getWorkItem.json",
            &mutate(&item, "/0/fields/Colour", Some(json!("red"))),
        ),
        &["Colour"],
    );
    fails_with(
        ttnx.check_response(
            "workitem/workItems/getWorkItem.json",
            &mutate(&item, "/0/fields/PlannedStartDate", Some(json!("soon"))),
        ),
        &["/0/fields/PlannedStartDate"],
    );

    ttnx.assert_response("auth/token/deleteToken.json", &Value::Null);
    fails_with(
        ttnx.check_response("auth/token/deleteToken.json", &json!({})),
        &["null"],
    );
}

#[test]
fn ttnx_request_bodies_ignore_path_parameters() {
    let ttnx = contracts::ttnx();
    ttnx.assert_request(
        "system/users/putUser.json",
        &json!({ "name": "新しい名前" }),
    );
    ttnx.assert_request_rejected_by_contract(
        "system/users/putUser.json",
        &json!({ "userIds": "80" }),
    );
    ttnx.assert_request(
        "workitem/workItems/putWorkItem.json",
        &json!({ "fields": { "Name": "設計" } }),
    );
    ttnx.assert_request("system/users/timeEntries/postTimeEntry.json", &json!({ "workItemId": "501", "startTime": "2026-11-02T09:00:00", "finishTime": "2026-11-02T10:30:00", "memo": "" }));
    ttnx.assert_request_rejected_by_contract(
        "system/users/timeEntries/postTimeEntry.json",
        &json!({ "workItemId": "501", "startTime": "2026-11-02T09:00:00" }),
    );
    ttnx.assert_request_rejected_by_contract(
        "system/users/timeEntries/putTimeEntry.json",
        &json!({ "workItemId": "502" }),
    );
    ttnx.assert_request(
        "auth/token/postToken.json",
        &json!({ "loginName": "kakehashi-sync", "password": "secret" }),
    );
    ttnx.assert_request_rejected_by_contract(
        "auth/token/postToken.json",
        &json!({ "loginName": "kakehashi-sync" }),
    );
    fails_with(
        ttnx.check_response("no/such/schema.json", &Value::Null),
        &["no TimeTracker NX schema"],
    );
}

#[test]
fn every_ttnx_schema_compiles_for_both_parts() {
    let ttnx = contracts::ttnx();
    assert!(ttnx.schema_files().len() >= 20, "{:?}", ttnx.schema_files());
    for file in ttnx.schema_files() {
        for result in [
            ttnx.check_response(file, &Value::Null),
            ttnx.check_request(file, &json!({})),
        ] {
            if let Err(report) = result {
                assert!(!report.contains("does not compile"), "{report}");
            }
        }
    }
}

#[test]
fn the_lenient_date_time_reads_the_vendors_forms_only() {
    for good in [
        "2026-11-02T09:30:00.000+0900",
        "2023-09-13T08:44:16Z",
        "2019-01-07T10:30:00",
        "2026-11-02T09:30:00+09:00",
        "2026-11-02T09:30",
    ] {
        assert!(contracts::lenient_date_time(good), "{good}");
    }
    for bad in [
        "yesterday",
        "2026-11-02",
        "2026-13-02T09:30:00Z",
        "2026-11-02T25:00:00Z",
        "2026-11-02T09:30:00+9",
        "1700000000000",
    ] {
        assert!(!contracts::lenient_date_time(bad), "{bad}");
    }
}

/// A synthetic contract exercises the OpenAPI-to-JSON-Schema conversion on
/// cases the vendors' documents use only somewhere deep.
#[test]
fn openapi_conversion_handles_nullable_refs_and_draft4_keywords() {
    let spec = json!({
        "openapi": "3.0.1",
        "servers": [{ "url": "https://example.invalid/base" }],
        "paths": { "/things/{id}": { "get": { "responses": { "200": { "$ref": "#/components/responses/Thing" }, "default": { "content": { "application/json;charset=UTF-8": { "schema": { "$ref": "#/components/schemas/Error" } } } } } } } },
        "components": {
            "responses": { "Thing": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } } },
            "schemas": {
                "Thing": {
                    "type": "object", "additionalProperties": false, "required": ["id"],
                    "properties": {
                        "id": { "type": "integer", "minimum": 0, "exclusiveMinimum": true, "format": "int64", "readOnly": true, "x-internal": 1 },
                        "owner": { "allOf": [{ "$ref": "#/components/schemas/Owner" }, { "nullable": true }] },
                        "kind": { "type": "string", "enum": ["a", "b"], "nullable": true },
                        "parts": { "type": "array", "items": { "$ref": "#/components/schemas/Thing" } },
                        "any": { "oneOf": [{ "type": "string" }, { "type": "integer" }] },
                        "tags": { "type": "array", "items": { "type": "string" }, "required": [] }
                    }
                },
                "Owner": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } },
                "Error": { "type": "object", "required": ["message"], "properties": { "message": { "type": "string" } } }
            }
        }
    });
    let contract = Contract::from_document("synthetic", spec, false);
    let good = json!({ "id": 1, "owner": null, "kind": null, "parts": [{ "id": 2, "owner": { "name": "x" }, "kind": "a" }], "any": 3 });
    contract.assert_response("GET", "/base/things/1", 200, &good);
    fails_with(
        contract.check_response(
            "GET",
            "/base/things/1",
            200,
            &mutate(&good, "/id", Some(json!(0))),
        ),
        &["/id"],
    );
    fails_with(
        contract.check_response(
            "GET",
            "/base/things/1",
            200,
            &mutate(&good, "/kind", Some(json!("c"))),
        ),
        &["/kind"],
    );
    fails_with(
        contract.check_response(
            "GET",
            "/base/things/1",
            200,
            &mutate(&good, "/owner", Some(json!({}))),
        ),
        &["/owner", "name"],
    );
    fails_with(
        contract.check_response(
            "GET",
            "/base/things/1",
            200,
            &mutate(&good, "/parts/0/extra", Some(json!(1))),
        ),
        &["/parts/0", "extra"],
    );
    fails_with(
        contract.check_response(
            "GET",
            "/base/things/1",
            200,
            &mutate(&good, "/any", Some(json!(true))),
        ),
        &["/any"],
    );
    contract.assert_response("GET", "/base/things/1", 500, &json!({ "message": "boom" }));
    fails_with(
        contract.check_response("GET", "/base/things/1", 500, &json!({})),
        &["message"],
    );
}

/// Every schema of every operation converts and compiles, so no simulator's
/// contract test trips over the harness instead of over the simulator.
#[test]
fn every_schema_of_every_contract_compiles() {
    for contract in [
        contracts::jira_cloud(),
        contracts::jira_dc(),
        contracts::asana(),
    ] {
        let started = std::time::Instant::now();
        let problems = contract.self_check();
        eprintln!("{}: {:?}", contract.name(), started.elapsed());
        assert!(
            problems.is_empty(),
            "{} schemas do not compile:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
}
