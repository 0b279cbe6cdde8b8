//! The types of an issue's system fields, for validating `fields` where the
//! Jira contracts do not (see `jira_patches.rs` and the README).

use serde_json::{json, Value};

#[derive(Clone, Copy, PartialEq)]
pub enum Flavor {
    DataCenter,
    Cloud,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Direction {
    /// What Jira answers: referenced objects are complete (`status.name`).
    Response,
    /// What a client sends: references by id, key or name, nothing required.
    Request,
}

/// An Atlassian Document Format document: `{"type": "doc", "version": 1,
/// "content": [...]}`. The nodes inside are not checked.
fn atlassian_document() -> Value {
    json!({
        "type": "object",
        "required": ["type", "version", "content"],
        "properties": {
            "type": { "enum": ["doc"] },
            "version": { "enum": [1] },
            "content": { "type": "array", "items": { "type": "object", "required": ["type"] } }
        }
    })
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
pub fn issue_fields(flavor: Flavor, direction: Direction) -> Value {
    let string = json!({ "type": "string" });
    let date_time = json!({ "type": "string", "format": "date-time" });
    let date = json!({ "type": "string", "format": "date" });
    let integer = json!({ "type": "integer" });
    let user = object(
        direction,
        json!({
            "name": string, "key": string, "accountId": string, "accountType": string,
            "displayName": string, "emailAddress": string,
            "active": { "type": "boolean" }, "self": string, "timeZone": string,
            "avatarUrls": { "type": "object", "additionalProperties": string }
        }),
        match flavor {
            // Cloud has had no user names since 2019: people are account ids.
            Flavor::Cloud => &["accountId", "displayName"],
            Flavor::DataCenter => &["name", "displayName"],
        },
    );
    // Rich text: wiki-markup strings on Data Center (REST v2), Atlassian
    // Document Format on Cloud REST v3, in requests as in answers.
    let text = match flavor {
        Flavor::DataCenter => string.clone(),
        Flavor::Cloud => atlassian_document(),
    };
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
            "id": string, "issueId": string, "self": string, "comment": text,
            "started": date_time, "created": date_time, "updated": date_time,
            "timeSpent": string, "timeSpentSeconds": integer, "author": user, "updateAuthor": user
        }),
        &["id", "started", "timeSpentSeconds"],
    );
    let comment = object(
        direction,
        json!({
            "id": string, "self": string, "body": text, "author": user, "updateAuthor": user,
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
        ("description", nullable(text.clone())),
        ("environment", nullable(text.clone())),
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
        ("issuerestriction", json!({ "type": "object" })),
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
