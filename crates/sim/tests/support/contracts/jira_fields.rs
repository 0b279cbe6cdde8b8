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
