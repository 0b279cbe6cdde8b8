//! The TimeTracker NX JSON schemas (draft 07, one file per endpoint, with
//! `properties.request` and `properties.response`), and the explicit,
//! per-schema corrections where they disagree with the real API (API-NOTES,
//! seed 004). Every correction is listed in `crates/contracts/vendored/README.md`
//! under "Where the TimeTracker NX schemas are incomplete".

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use jsonschema::{Draft, Validator};
use serde_json::{json, Value};

use super::validate::{compile, violations};
use super::vendored;

/// All TT NX schemas, by file name relative to `timetracker-nx/`
/// (`project/projects/getProject.json`).
pub struct TtnxContracts {
    documents: HashMap<String, Value>,
    validators: Mutex<HashMap<(String, Part), Arc<Validator>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Part {
    Request,
    Response,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Request => "request",
            Part::Response => "response",
        }
    }
}

impl TtnxContracts {
    /// Reads every `*.json` under the vendored `timetracker-nx/`.
    pub fn load() -> Result<TtnxContracts, String> {
        let root = vendored::dir().join(vendored::TTNX_DIR);
        let mut documents = HashMap::new();
        for file in vendored::files_under(&root) {
            if file.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let name = file.to_string_lossy().replace('\\', "/");
            let document = vendored::read_json(&format!("{}/{name}", vendored::TTNX_DIR))?;
            documents.insert(name, document);
        }
        if documents.is_empty() {
            return Err(format!(
                "no TimeTracker NX schemas under {}",
                root.display()
            ));
        }
        Ok(TtnxContracts {
            documents,
            validators: Mutex::new(HashMap::new()),
        })
    }

    /// The schema files, sorted.
    pub fn schema_files(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.documents.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// The `endpoint` the schema file describes, e.g. `/project/projects/{projectIds}`.
    pub fn endpoint(&self, schema_file: &str) -> Option<&str> {
        self.documents.get(schema_file)?.get("endpoint")?.as_str()
    }

    /// Checks a response body (`Value::Null` for none) against `properties.response`.
    pub fn check_response(&self, schema_file: &str, body: &Value) -> Result<(), String> {
        self.check(schema_file, Part::Response, body)
    }

    /// Checks a request body against `properties.request` (path parameters removed).
    pub fn check_request(&self, schema_file: &str, body: &Value) -> Result<(), String> {
        self.check(schema_file, Part::Request, body)
    }

    #[track_caller]
    pub fn assert_response(&self, schema_file: &str, body: &Value) {
        if let Err(report) = self.check_response(schema_file, body) {
            panic!("response breaks the contract:\n{report}");
        }
    }

    #[track_caller]
    pub fn assert_request(&self, schema_file: &str, body: &Value) {
        if let Err(report) = self.check_request(schema_file, body) {
            panic!("request breaks the contract:\n{report}");
        }
    }

    /// Panics if the schema would ACCEPT this request body.
    #[track_caller]
    pub fn assert_request_rejected_by_contract(&self, schema_file: &str, body: &Value) {
        match self.check_request(schema_file, body) {
            Ok(()) => panic!("ttnx {schema_file} accepts this request body, so a test cannot use it as a forbidden one:\n{body:#}"),
            Err(report) if report.contains("no TimeTracker NX schema") => panic!("{report}"),
            Err(_) => {}
        }
    }

    fn check(&self, schema_file: &str, part: Part, body: &Value) -> Result<(), String> {
        let where_ = format!("ttnx {schema_file} {}", part.name());
        let validator = self
            .validator(schema_file, part)
            .map_err(|e| format!("{where_}: {e}"))?;
        let found = violations(&validator, body);
        if found.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{where_}: {} violation(s):\n  {}",
            found.len(),
            found.join("\n  ")
        ))
    }

    fn validator(&self, schema_file: &str, part: Part) -> Result<Arc<Validator>, String> {
        let key = (schema_file.to_owned(), part);
        if let Some(cached) = self
            .validators
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
        {
            return Ok(cached.clone());
        }
        let document = self.documents.get(schema_file).ok_or_else(|| {
            format!(
                "no TimeTracker NX schema named {schema_file:?}; there are {:?}",
                self.schema_files()
            )
        })?;
        let mut document = document.clone();
        correct(schema_file, &mut document);
        if part == Part::Request {
            remove_path_parameters(&mut document);
        }
        let standalone = standalone(document, part);
        let validator = Arc::new(compile(&standalone, Draft::Draft7)?);
        self.validators
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, validator.clone());
        Ok(validator)
    }
}

/// `{"definitions": {"doc": <document>}, "allOf": [{"$ref": "#/definitions/doc/properties/<part>"}]}`,
/// with the schema's own `#/properties/...` references (recursive
/// organisation and group trees) moved to where the document now sits.
fn standalone(mut document: Value, part: Part) -> Value {
    fn move_refs(value: &mut Value) {
        match value {
            Value::Object(object) => {
                if let Some(Value::String(reference)) = object.get_mut("$ref") {
                    if let Some(rest) = reference.strip_prefix("#/") {
                        *reference = format!("#/definitions/doc/{rest}");
                    }
                }
                object.values_mut().for_each(move_refs);
            }
            Value::Array(items) => items.iter_mut().for_each(move_refs),
            _ => {}
        }
    }
    if let Some(object) = document.as_object_mut() {
        object.remove("$schema");
    }
    move_refs(&mut document);
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": { "doc": document },
        "allOf": [{ "$ref": format!("#/definitions/doc/properties/{}", part.name()) }]
    })
}

/// The names in `{braces}` of the schema's `endpoint` are path parameters:
/// some schemas list them among the request body's properties, and
/// `putUser.json` even requires `userIds` while forbidding it (it is not a
/// property there), which no body could satisfy.
fn remove_path_parameters(document: &mut Value) {
    let endpoint = document
        .get("endpoint")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let parameters: Vec<&str> = endpoint
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect();
    let Some(request) = document.pointer_mut("/properties/request") else {
        return;
    };
    if let Some(Value::Object(properties)) = request.get_mut("properties") {
        for parameter in &parameters {
            properties.remove(*parameter);
        }
    }
    if let Some(Value::Array(required)) = request.get_mut("required") {
        required.retain(|name| !name.as_str().is_some_and(|n| parameters.contains(&n)));
    }
}

/// A project member as `GET /project/projects/{id}?includes=Members`
/// returns it (seed 004, API-NOTES): `partyId` is the user id, `id` the
/// member id in this project.
pub fn project_member_schema() -> Value {
    let string = json!({ "type": "string" });
    let nullable_string = json!({ "type": ["string", "null"] });
    json!({
        "type": "object",
        "properties": {
            "partyId": string, "name": string, "englishName": string,
            "partyType": { "type": "string", "enum": ["User"] },
            "id": string, "projectId": string,
            "projectUserGroupIds": { "type": ["array", "null"], "items": string },
            "unitCost": { "type": "number" }, "isDeleted": { "type": "boolean" },
            "organizationId": nullable_string, "organizationName": nullable_string,
            "avatarUrl": nullable_string,
            "createdAt": { "type": "string", "format": "date-time" }, "createdBy": string,
            "updatedAt": { "type": "string", "format": "date-time" }, "updatedBy": string
        },
        "required": ["partyId", "id", "partyType", "name", "unitCost", "isDeleted", "createdAt", "updatedAt"],
        "additionalProperties": false
    })
}

/// The per-schema corrections. Each one says what the real API does that
/// the schema does not allow, and where that is documented.
fn correct(schema_file: &str, document: &mut Value) {
    match schema_file {
        // The real endpoint answers an ARRAY of projects (seed 004,
        // API-NOTES), with `description` (seed 004) and, with
        // `includes=Members`, `members`; the schema describes one project
        // and forbids both. Each element is checked against the schema's
        // project, extended by exactly these two properties.
        "project/projects/getProject.json" => {
            let project = document["properties"]["response"].take();
            let mut project = project;
            project["properties"]["description"] = json!({ "type": "string" });
            project["properties"]["members"] =
                json!({ "type": "array", "items": project_member_schema() });
            document["properties"]["response"] = json!({ "type": "array", "items": project });
        }
        // Not a relaxation: the list allows extra properties anyway, but when
        // `includes=Members` adds `members`, they are checked like above.
        "project/projects/getProjects.json" => {
            document["properties"]["response"]["properties"]["data"]["items"]["properties"]
                ["members"] = json!({ "type": "array", "items": project_member_schema() });
        }
        // Work items carry `ItemTypeId` (folders and tasks differ by it; it is
        // required when creating one — API-NOTES), which the schema forbids;
        // and `PUT ... {clearSchedule: true}` (putWorkItem.json) leaves an
        // item without planned dates, which then are null.
        "workitem/workItems/getWorkItem.json" => {
            let fields = &mut document["properties"]["response"]["items"]["properties"]["fields"]
                ["properties"];
            fields["ItemTypeId"] = json!({ "type": "string" });
            fields["PlannedStartDate"]["type"] = json!(["string", "null"]);
            fields["PlannedFinishDate"]["type"] = json!(["string", "null"]);
        }
        _ => {}
    }
}
