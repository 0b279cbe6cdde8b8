//! One OpenAPI contract: finds the operation a request belongs to and
//! validates response and request bodies against it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use jsonschema::{Draft, Validator};
use serde_json::{json, Value};

use super::paths::PathIndex;
use super::schema::{deref, standalone};
use super::validate::{compile, violations};

/// Compiled validators by (method, spec path, status or "request");
/// `None` where the contract gives no JSON schema.
type ValidatorCache = HashMap<(String, String, String), Option<Arc<Validator>>>;

/// An OpenAPI 3.0 contract (Jira Cloud, Jira Data Center or Asana).
pub struct Contract {
    name: String,
    spec: Value,
    paths: PathIndex,
    validators: Mutex<ValidatorCache>,
    /// Asana wraps every request and answer body in `{"data": ...}`; its
    /// contract describes the envelope but never marks `data` required.
    data_envelope_required: bool,
}

/// What a check found out about the request's operation.
struct Operation<'a> {
    spec_path: &'a str,
    method: String,
    value: &'a Value,
}

impl Contract {
    /// A contract from an OpenAPI document (already patched where the
    /// harness relaxes or tightens it; see the README).
    pub fn from_document(name: &str, spec: Value, data_envelope_required: bool) -> Contract {
        let paths = PathIndex::new(&spec);
        Contract {
            name: name.to_owned(),
            spec,
            paths,
            validators: Mutex::new(HashMap::new()),
            data_envelope_required,
        }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The prefix the spec's `servers` put before its paths (`/rest`, `/api/1.0`, or empty).
    pub fn base_path(&self) -> &str {
        self.paths.base()
    }

    /// The spec path that `concrete_path` belongs to, e.g. `/api/2/issue/{issueIdOrKey}`.
    pub fn spec_path(&self, concrete_path: &str) -> Result<&str, String> {
        self.paths.find(concrete_path)
    }

    /// Checks a response body (`Value::Null` for none) against the schema
    /// the contract gives for this method, path and status (or `default`).
    pub fn check_response(
        &self,
        method: &str,
        concrete_path: &str,
        status: u16,
        body: &Value,
    ) -> Result<(), String> {
        let operation = self.operation(method, concrete_path)?;
        let where_ = format!(
            "{} {} {concrete_path} (spec path {}) status {status}",
            self.name, operation.method, operation.spec_path
        );
        let responses = operation.value.get("responses").and_then(Value::as_object);
        let status_key = status.to_string();
        let (key, response) = match responses
            .and_then(|r| r.get(&status_key).map(|v| (status_key.clone(), v)))
        {
            Some(found) => found,
            None => match responses.and_then(|r| r.get("default")) {
                Some(default) => ("default".to_owned(), default),
                None => {
                    let described: Vec<&String> =
                        responses.map(|r| r.keys().collect()).unwrap_or_default();
                    return Err(format!("{where_}: status {status} is not described by the contract (it describes {described:?})"));
                }
            },
        };
        let validator = self.validator(&operation, &key, || {
            let response = deref(&self.spec, response)?;
            let schema = json_schema_of(response.get("content"))?;
            Ok(schema.map(|schema| self.with_envelope(schema, status < 300)))
        });
        self.run(validator, body, &where_)
    }

    /// Checks a request body against the operation's `requestBody`.
    pub fn check_request(
        &self,
        method: &str,
        concrete_path: &str,
        body: &Value,
    ) -> Result<(), String> {
        let operation = self.operation(method, concrete_path)?;
        let where_ = format!(
            "{} {} {concrete_path} (spec path {}) request body",
            self.name, operation.method, operation.spec_path
        );
        let Some(request_body) = operation.value.get("requestBody") else {
            return if body.is_null() {
                Ok(())
            } else {
                Err(format!(
                    "{where_}: the contract describes no request body for this operation"
                ))
            };
        };
        let request_body = deref(&self.spec, request_body).map_err(|e| format!("{where_}: {e}"))?;
        if body.is_null() {
            return if request_body.get("required") == Some(&Value::Bool(true)) {
                Err(format!("{where_}: the contract requires a request body"))
            } else {
                Ok(())
            };
        }
        let validator = self.validator(&operation, "request", || {
            let schema = json_schema_of(request_body.get("content"))?;
            Ok(schema.map(|schema| self.with_envelope(schema, true)))
        });
        self.run(validator, body, &where_)
    }

    /// Panics with the list of violations unless the response matches.
    #[track_caller]
    pub fn assert_response(&self, method: &str, concrete_path: &str, status: u16, body: &Value) {
        if let Err(report) = self.check_response(method, concrete_path, status, body) {
            panic!("response breaks the contract:\n{report}");
        }
    }

    /// Panics with the list of violations unless the request body matches.
    #[track_caller]
    pub fn assert_request(&self, method: &str, concrete_path: &str, body: &Value) {
        if let Err(report) = self.check_request(method, concrete_path, body) {
            panic!("request breaks the contract:\n{report}");
        }
    }

    /// Panics if the contract would ACCEPT this request body: used before
    /// asserting that the simulator refuses it, so the test proves the
    /// simulator refuses what the contract forbids (and nothing else).
    #[track_caller]
    pub fn assert_request_rejected_by_contract(
        &self,
        method: &str,
        concrete_path: &str,
        body: &Value,
    ) {
        match self.check_request(method, concrete_path, body) {
            Ok(()) => panic!(
                "{} accepts this {method} {concrete_path} body, so a test cannot use it as a forbidden one:\n{body:#}",
                self.name
            ),
            // Refusals that say nothing about the body prove nothing.
            Err(report)
                if report.contains("not described by the contract")
                    || report.contains("describes no request body") =>
            {
                panic!("{report}")
            }
            Err(_) => {}
        }
    }

    /// Compiles the schema of every response and request body the contract
    /// describes and returns the ones that do not compile (none, one hopes):
    /// a conversion problem should surface here, not in a simulator's test.
    pub fn self_check(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let Some(paths) = self.spec.get("paths").and_then(Value::as_object) else {
            return vec![format!("{} has no paths", self.name)];
        };
        for (spec_path, item) in paths {
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, value) in item {
                if !["get", "put", "post", "delete", "patch", "head", "options"]
                    .contains(&method.as_str())
                {
                    continue;
                }
                let operation = Operation {
                    spec_path,
                    method: method.to_ascii_uppercase(),
                    value,
                };
                let mut parts: Vec<(String, Option<&Value>)> = value
                    .get("responses")
                    .and_then(Value::as_object)
                    .map(|r| {
                        r.iter()
                            .map(|(status, response)| (status.clone(), Some(response)))
                            .collect()
                    })
                    .unwrap_or_default();
                parts.push(("request".to_owned(), None));
                for (key, response) in parts {
                    let result = self.validator(&operation, &key, || match response {
                        Some(response) => {
                            json_schema_of(deref(&self.spec, response)?.get("content"))
                        }
                        None => match value.get("requestBody") {
                            Some(body) => json_schema_of(deref(&self.spec, body)?.get("content")),
                            None => Ok(None),
                        },
                    });
                    if let Err(problem) = result {
                        problems.push(format!(
                            "{} {} {spec_path} {key}: {problem}",
                            self.name, operation.method
                        ));
                    }
                }
            }
        }
        problems
    }

    fn operation(&self, method: &str, concrete_path: &str) -> Result<Operation<'_>, String> {
        let spec_path = self
            .paths
            .find(concrete_path)
            .map_err(|e| format!("{}: {e}", self.name))?;
        let method = method.to_ascii_lowercase();
        let item = &self.spec["paths"][spec_path];
        let value = item.get(&method).ok_or_else(|| {
            format!(
                "{}: {} {concrete_path} is not described by the contract (spec path {spec_path} has no {} operation)",
                self.name,
                method.to_ascii_uppercase(),
                method.to_ascii_uppercase()
            )
        })?;
        Ok(Operation {
            spec_path,
            method: method.to_ascii_uppercase(),
            value,
        })
    }

    /// Asana's envelope: where the top-level schema has a `data` property,
    /// a successful answer or a request must carry it.
    fn with_envelope(&self, mut schema: Value, applies: bool) -> Value {
        if self.data_envelope_required && applies && schema.pointer("/properties/data").is_some() {
            let required = schema
                .as_object_mut()
                .map(|o| o.entry("required").or_insert_with(|| json!([])));
            if let Some(Value::Array(required)) = required {
                if !required.contains(&json!("data")) {
                    required.push(json!("data"));
                }
            }
        }
        schema
    }

    /// The cached validator for (operation, key); `None` when the contract
    /// gives no JSON schema there (nothing to check).
    fn validator(
        &self,
        operation: &Operation<'_>,
        key: &str,
        schema: impl FnOnce() -> Result<Option<Value>, String>,
    ) -> Result<Option<Arc<Validator>>, String> {
        let cache_key = (
            operation.method.clone(),
            operation.spec_path.to_owned(),
            key.to_owned(),
        );
        if let Some(cached) = self
            .validators
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&cache_key)
        {
            return Ok(cached.clone());
        }
        let compiled = match schema()? {
            None => None,
            Some(schema) => {
                let document = standalone(&self.spec, &schema)?;
                Some(Arc::new(compile(&document, Draft::Draft4)?))
            }
        };
        self.validators
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(cache_key, compiled.clone());
        Ok(compiled)
    }

    fn run(
        &self,
        validator: Result<Option<Arc<Validator>>, String>,
        body: &Value,
        where_: &str,
    ) -> Result<(), String> {
        let Some(validator) = validator.map_err(|e| format!("{where_}: {e}"))? else {
            return Ok(());
        };
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
}

/// The schema of the JSON media type in a `content` map: `application/json`
/// first, else any `…json` type (`application/json;charset=UTF-8`,
/// `application/vnd.api+json`). `None` when there is no JSON content.
fn json_schema_of(content: Option<&Value>) -> Result<Option<Value>, String> {
    let Some(content) = content.and_then(Value::as_object) else {
        return Ok(None);
    };
    let media = content.get("application/json").or_else(|| {
        content
            .iter()
            .find(|(media_type, _)| {
                media_type
                    .split(';')
                    .next()
                    .is_some_and(|t| t.trim().ends_with("json"))
            })
            .map(|(_, m)| m)
    });
    let Some(schema) = media.and_then(|m| m.get("schema")) else {
        return Ok(None);
    };
    Ok(Some(schema.clone()))
}
