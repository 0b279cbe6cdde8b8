//! Where the harness deliberately departs from the Jira contracts (each
//! listed in `crates/sim/contracts/README.md`):
//!
//! - Data Center 10.3 types every value under an issue's `fields` as an
//!   object, so real issues (`"summary": "..."`) fail it. API-NOTES: validate
//!   envelopes, paging keys, ids and non-issue resources strictly, and issue
//!   `fields` by field type. [`dc_issue_fields`] is that field-type schema;
//!   it replaces `fields` in `IssueBean` (issue, search) and `IssueUpdateBean`
//!   (create, edit requests), and `renderedFields` values may be strings.
//! - Neither contract marks `fields` required when creating an issue, but
//!   Jira refuses a create without `fields.project` and `fields.issuetype`:
//!   `POST …/issue` requires them here.
//! - Data Center 10.3 gives list endpoints the schema of ONE element
//!   (generated from `List<T>` as `T`): [`DC_ARRAY_ANSWERS`] answer arrays of
//!   it, [`DC_AGILE_PAGES`] agile pages `{startAt, maxResults, isLast,
//!   values: [T]}`, [`DC_AGILE_ISSUE_PAGES`] search results.

use serde_json::{json, Value};

/// Patches the Data Center document in place.
pub fn patch_data_center(spec: &mut Value) {
    let schemas = &mut spec["components"]["schemas"];
    schemas["IssueBean"]["properties"]["fields"] = dc_issue_fields(Direction::Response);
    schemas["IssueBean"]["properties"]["renderedFields"] = json!({
        "type": "object",
        "additionalProperties": { "type": ["string", "null", "object", "array", "number", "boolean"] }
    });
    schemas["IssueUpdateBean"]["properties"]["fields"] = dc_issue_fields(Direction::Request);
    require_fields_on_create(spec, "/api/2/issue");
    for (method, path) in DC_ARRAY_ANSWERS {
        wrap_success_schema(
            spec,
            method,
            path,
            |element| json!({ "type": "array", "items": element }),
        );
    }
    for path in DC_AGILE_PAGES {
        wrap_success_schema(spec, "get", path, |element| {
            json!({
                "type": "object",
                "required": ["values"],
                "properties": {
                    "startAt": { "type": "integer" },
                    "maxResults": { "type": "integer" },
                    "total": { "type": "integer" },
                    "isLast": { "type": "boolean" },
                    "values": { "type": "array", "items": element }
                }
            })
        });
    }
    for path in DC_AGILE_ISSUE_PAGES {
        wrap_success_schema(
            spec,
            "get",
            path,
            |_| json!({ "allOf": [{ "$ref": "#/components/schemas/SearchResultsBean" }, { "required": ["issues"] }] }),
        );
    }
}

/// Data Center operations whose answer is an array of what the contract
/// describes: the same endpoints in the Cloud document answer arrays, and
/// so does Data Center (`GET /rest/api/2/project` → `[{...}, ...]`).
pub const DC_ARRAY_ANSWERS: [(&str, &str); 33] = [
    ("get", "/api/2/application-properties"),
    ("get", "/api/2/application-properties/advanced-settings"),
    ("get", "/api/2/applicationrole"),
    ("get", "/api/2/field"),
    ("get", "/api/2/filter/favourite"),
    ("get", "/api/2/filter/{id}/columns"),
    ("get", "/api/2/filter/{id}/permission"),
    ("post", "/api/2/filter/{id}/permission"),
    ("post", "/api/2/issue/{issueIdOrKey}/attachments"),
    ("get", "/api/2/issuetype"),
    ("get", "/api/2/issuetype/{id}/alternatives"),
    ("get", "/api/2/priority"),
    ("get", "/api/2/project"),
    ("get", "/api/2/project/type"),
    ("get", "/api/2/project/{projectIdOrKey}/components"),
    ("get", "/api/2/project/{projectIdOrKey}/statuses"),
    ("get", "/api/2/project/{projectIdOrKey}/versions"),
    ("get", "/api/2/projectCategory"),
    ("get", "/api/2/resolution"),
    ("get", "/api/2/role"),
    ("get", "/api/2/screens/{screenId}/availableFields"),
    ("get", "/api/2/screens/{screenId}/tabs"),
    ("get", "/api/2/screens/{screenId}/tabs/{tabId}/fields"),
    ("get", "/api/2/settings/columns"),
    ("get", "/api/2/status"),
    ("get", "/api/2/statuscategory"),
    ("get", "/api/2/user/assignable/multiProjectSearch"),
    ("get", "/api/2/user/assignable/search"),
    ("get", "/api/2/user/columns"),
    ("get", "/api/2/user/permission/search"),
    ("get", "/api/2/user/search"),
    ("get", "/api/2/user/viewissue/search"),
    ("post", "/api/2/worklog/list"),
];

/// Agile list endpoints: a page of `values`, each what the contract describes.
pub const DC_AGILE_PAGES: [&str; 5] = [
    "/agile/1.0/board",
    "/agile/1.0/board/{boardId}/epic",
    "/agile/1.0/board/{boardId}/project",
    "/agile/1.0/board/{boardId}/sprint",
    "/agile/1.0/board/{boardId}/version",
];

/// Agile issue lists: search results (`issues`), though the contract says
/// one issue or one sprint.
pub const DC_AGILE_ISSUE_PAGES: [&str; 5] = [
    "/agile/1.0/board/{boardId}/backlog",
    "/agile/1.0/board/{boardId}/epic/none/issue",
    "/agile/1.0/board/{boardId}/epic/{epicId}/issue",
    "/agile/1.0/board/{boardId}/issue",
    "/agile/1.0/board/{boardId}/sprint/{sprintId}/issue",
];

/// Replaces the JSON schema of the operation's 2xx answer by `wrap(schema)`.
/// Panics when the operation is not there: a refreshed contract that moved
/// it must be looked at, not silently skipped.
fn wrap_success_schema(spec: &mut Value, method: &str, path: &str, wrap: impl Fn(Value) -> Value) {
    let responses = operation_mut(spec, method, path)
        .and_then(|operation| operation.get_mut("responses"))
        .and_then(Value::as_object_mut);
    let Some(responses) = responses else {
        panic!(
            "jira-dc: {} {path} is not in the contract any more; update jira_patches.rs",
            method.to_uppercase()
        );
    };
    let mut wrapped = 0;
    for (status, response) in responses.iter_mut() {
        if !status.starts_with('2') {
            continue;
        }
        if let Some(schema) = response.pointer_mut("/content/application~1json/schema") {
            *schema = wrap(schema.take());
            wrapped += 1;
        }
    }
    assert!(
        wrapped > 0,
        "jira-dc: {} {path} has no JSON success answer to correct",
        method.to_uppercase()
    );
}

/// Patches the Cloud document in place.
pub fn patch_cloud(spec: &mut Value) {
    require_fields_on_create(spec, "/rest/api/3/issue");
}

fn require_fields_on_create(spec: &mut Value, create_path: &str) {
    let Some(body) = spec["paths"][create_path]["post"]["requestBody"]["content"]
        ["application/json"]
        .get_mut("schema")
    else {
        return;
    };
    let original = body.take();
    *body = json!({
        "allOf": [
            original,
            { "type": "object", "required": ["fields"], "properties": { "fields": { "type": "object", "required": ["project", "issuetype"] } } }
        ]
    });
}

/// The operation object, without inserting anything when it is missing.
fn operation_mut<'a>(spec: &'a mut Value, method: &str, path: &str) -> Option<&'a mut Value> {
    spec.get_mut("paths")?.get_mut(path)?.get_mut(method)
}

#[derive(Clone, Copy, PartialEq)]
enum Direction {
    /// What Jira answers: referenced objects are complete (`status.name`).
    Response,
    /// What a client sends: references by id, key or name, nothing required.
    Request,
}

/// An object with typed properties; in responses `required` applies.
fn object(direction: Direction, properties: Value, required: &[&str]) -> Value {
    let mut schema = json!({ "type": "object", "properties": properties });
    if direction == Direction::Response && !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

fn nullable(mut schema: Value) -> Value {
    if let Some(kind) = schema.get("type").and_then(Value::as_str) {
        schema["type"] = json!([kind, "null"]);
    }
    schema
}

/// The value types of the system fields, plus any `customfield_N`.
fn dc_issue_fields(direction: Direction) -> Value {
    let string = json!({ "type": "string" });
    let date_time = json!({ "type": "string", "format": "date-time" });
    let date = json!({ "type": "string", "format": "date" });
    let integer = json!({ "type": "integer" });
    let user = object(
        direction,
        json!({
            "name": string, "key": string, "displayName": string, "emailAddress": string,
            "active": { "type": "boolean" }, "self": string, "timeZone": string,
            "avatarUrls": { "type": "object", "additionalProperties": string }
        }),
        &["name", "displayName"],
    );
    let named = |required: &[&str]| {
        object(
            direction,
            json!({ "id": string, "name": string, "key": string, "self": string, "description": string, "iconUrl": string }),
            required,
        )
    };
    let status = object(
        direction,
        json!({
            "id": string, "name": string, "self": string, "description": string, "iconUrl": string,
            "statusCategory": { "type": "object", "properties": { "id": integer, "key": string, "name": string, "colorName": string } }
        }),
        &["id", "name"],
    );
    let issue_reference = object(
        direction,
        json!({ "id": string, "key": string, "self": string, "fields": { "type": "object" } }),
        &["id", "key"],
    );
    let worklog = object(
        direction,
        json!({
            "id": string, "issueId": string, "self": string, "comment": string,
            "started": date_time, "created": date_time, "updated": date_time,
            "timeSpent": string, "timeSpentSeconds": integer, "author": user, "updateAuthor": user
        }),
        &["id", "started", "timeSpentSeconds"],
    );
    let comment = object(
        direction,
        json!({
            "id": string, "self": string, "body": string, "author": user, "updateAuthor": user,
            "created": date_time, "updated": date_time
        }),
        &["id", "body"],
    );
    let page = |items: Value, key: &str| {
        let mut properties = json!({ "startAt": integer, "maxResults": integer, "total": integer });
        properties[key] = json!({ "type": "array", "items": items });
        object(direction, properties, &[key])
    };
    let progress = object(
        direction,
        json!({ "progress": integer, "total": integer, "percent": integer }),
        &["progress", "total"],
    );
    let array_of = |items: Value| json!({ "type": "array", "items": items });
    let seconds = nullable(integer.clone());
    let properties: serde_json::Map<String, Value> = [
        ("summary", string.clone()),
        ("description", nullable(string.clone())),
        ("environment", nullable(string.clone())),
        ("issuetype", named(&["id", "name"])),
        ("project", named(&["id", "key"])),
        ("status", status.clone()),
        ("priority", nullable(named(&["name"]))),
        ("resolution", nullable(named(&["name"]))),
        ("resolutiondate", nullable(date_time.clone())),
        ("assignee", nullable(user.clone())),
        ("reporter", nullable(user.clone())),
        ("creator", nullable(user.clone())),
        ("created", date_time.clone()),
        ("updated", date_time.clone()),
        ("lastViewed", nullable(date_time.clone())),
        ("statuscategorychangedate", nullable(date_time.clone())),
        ("duedate", nullable(date)),
        ("labels", array_of(string.clone())),
        ("components", array_of(named(&["name"]))),
        ("fixVersions", array_of(named(&["name"]))),
        ("versions", array_of(named(&["name"]))),
        ("issuelinks", array_of(json!({ "type": "object" }))),
        ("subtasks", array_of(issue_reference.clone())),
        ("parent", issue_reference.clone()),
        ("attachment", array_of(json!({ "type": "object" }))),
        ("comment", page(comment, "comments")),
        ("worklog", page(worklog, "worklogs")),
        ("timetracking", json!({ "type": "object", "properties": { "originalEstimate": string, "remainingEstimate": string, "timeSpent": string, "originalEstimateSeconds": integer, "remainingEstimateSeconds": integer, "timeSpentSeconds": integer } })),
        ("timeoriginalestimate", seconds.clone()),
        ("timeestimate", seconds.clone()),
        ("timespent", seconds.clone()),
        ("aggregatetimeoriginalestimate", seconds.clone()),
        ("aggregatetimeestimate", seconds.clone()),
        ("aggregatetimespent", seconds.clone()),
        ("progress", progress.clone()),
        ("aggregateprogress", progress.clone()),
        ("workratio", integer.clone()),
        ("watches", json!({ "type": "object", "properties": { "watchCount": integer, "isWatching": { "type": "boolean" } } })),
        ("votes", json!({ "type": "object", "properties": { "votes": integer, "hasVoted": { "type": "boolean" } } })),
        ("security", nullable(json!({ "type": "object" }))),
        ("thumbnail", nullable(string)),
    ]
    .into_iter()
    .map(|(name, schema): (&str, Value)| (name.to_owned(), schema))
    .collect();
    json!({
        "type": "object",
        "properties": properties,
        // Custom fields hold anything their type allows; the harness cannot know it.
        "patternProperties": { "^customfield_[0-9]+$": {} },
        "additionalProperties": false
    })
}
