//! Where the harness deliberately departs from the Jira contracts (each
//! listed in `crates/contracts/vendored/README.md`):
//!
//! - Data Center 10.3 types every value under an issue's `fields` as an
//!   object, so real issues (`"summary": "..."`) fail it. API-NOTES: validate
//!   envelopes, paging keys, ids and non-issue resources strictly, and issue
//!   `fields` by field type. `issue_fields` is that field-type schema;
//!   it replaces `fields` in `IssueBean` (issue, search) and `IssueUpdateBean`
//!   (create, edit requests), and `renderedFields` values may be strings.
//! - The Cloud document leaves an issue's `fields` free-form; they are typed
//!   the same way (stricter), with Cloud's differences: users by
//!   `accountId`, and rich text (description, environment, comment and
//!   worklog comment bodies) in Atlassian Document Format on REST v3.
//! - Neither contract marks `fields` required when creating an issue, but
//!   Jira refuses a create without `fields.project` and `fields.issuetype`:
//!   `POST …/issue` requires them here.
//! - Data Center 10.3 gives list endpoints the schema of ONE element
//!   (generated from `List<T>` as `T`): [`DC_ARRAY_ANSWERS`] answer arrays of
//!   it, [`DC_AGILE_PAGES`] agile pages `{startAt, maxResults, isLast,
//!   values: [T]}`, [`DC_AGILE_ISSUE_PAGES`] search results.

use serde_json::{json, Value};

use super::issue_fields::{issue_fields, Direction, Flavor};

/// Patches the Data Center document in place.
pub fn patch_data_center(spec: &mut Value) {
    let schemas = &mut spec["components"]["schemas"];
    schemas["IssueBean"]["properties"]["fields"] =
        issue_fields(Flavor::DataCenter, Direction::Response);
    schemas["IssueBean"]["properties"]["renderedFields"] = json!({
        "type": "object",
        "additionalProperties": { "type": ["string", "null", "object", "array", "number", "boolean"] }
    });
    schemas["IssueUpdateBean"]["properties"]["fields"] =
        issue_fields(Flavor::DataCenter, Direction::Request);
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
    let schemas = &mut spec["components"]["schemas"];
    schemas["IssueBean"]["properties"]["fields"] = issue_fields(Flavor::Cloud, Direction::Response);
    schemas["IssueUpdateDetails"]["properties"]["fields"] =
        issue_fields(Flavor::Cloud, Direction::Request);
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
