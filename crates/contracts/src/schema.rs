//! OpenAPI 3.0 schema objects → a small standalone JSON Schema (draft 4)
//! document: only the components the schema reaches, extracted
//! transitively, so a check never compiles the whole multi-megabyte spec.
//!
//! OpenAPI 3.0 is draft 4 with changes, undone here:
//! - `nullable: true` allows `null` (also when it sits in an `allOf` member
//!   next to a `$ref`, as Asana writes it);
//! - `readOnly`, `writeOnly`, `example`, `x-*`, `discriminator`, `xml` and
//!   the like are annotations and are dropped;
//! - an empty `required` list (valid OpenAPI, invalid draft 4) is dropped;
//! - `format` is kept only where checking it is cheap and meaningful
//!   (see [`CHECKED_FORMATS`]); other formats (`int64`, `byte`...) go.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

/// Formats worth checking. `date-time` is checked leniently (see
/// `validate::lenient_date_time`) because Jira writes `+0000` offsets.
pub const CHECKED_FORMATS: [&str; 5] = ["date-time", "date", "email", "uuid", "uri"];

const ANNOTATIONS: [&str; 11] = [
    "example",
    "examples",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "deprecated",
    "discriminator",
    "description",
    "title",
    "default",
];

/// Builds `{"definitions": {...}, "allOf": [root]}` for `schema`, whose
/// `$ref`s point into `spec`.
pub fn standalone(spec: &Value, schema: &Value) -> Result<Value, String> {
    let mut extractor = Extractor {
        names: HashMap::new(),
        definitions: Map::new(),
        pending: Vec::new(),
    };
    let root = extractor.convert(schema);
    while let Some((reference, name)) = extractor.pending.pop() {
        let target = resolve(spec, &reference)?;
        let converted = extractor.convert(target);
        extractor.definitions.insert(name, converted);
    }
    Ok(json!({ "definitions": extractor.definitions, "allOf": [root] }))
}

/// Follows a local `$ref` (`#/components/schemas/X`) in `spec`.
pub fn resolve<'a>(spec: &'a Value, reference: &str) -> Result<&'a Value, String> {
    let pointer = reference
        .strip_prefix('#')
        .ok_or_else(|| format!("only local references are supported, not {reference}"))?;
    spec.pointer(&percent_decode(pointer))
        .ok_or_else(|| format!("{reference} points nowhere in the contract"))
}

/// Follows `$ref`s until a value without one (response objects, request bodies).
pub fn deref<'a>(spec: &'a Value, mut value: &'a Value) -> Result<&'a Value, String> {
    for _ in 0..16 {
        match value.get("$ref").and_then(Value::as_str) {
            Some(reference) => value = resolve(spec, reference)?,
            None => return Ok(value),
        }
    }
    Err("$ref chain longer than 16".into())
}

struct Extractor {
    /// `$ref` → definition name, for every reference seen.
    names: HashMap<String, String>,
    definitions: Map<String, Value>,
    /// References seen whose definitions are still to be converted.
    pending: Vec<(String, String)>,
}

impl Extractor {
    fn convert(&mut self, schema: &Value) -> Value {
        let Value::Object(object) = schema else {
            // `true`, `false` (additionalProperties) and anything odd stay as they are.
            return schema.clone();
        };
        let nullable = is_nullable(object);
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            // Siblings of `$ref` are ignored in OpenAPI 3.0, except that we
            // honour `nullable`, which is clearly what the authors meant.
            let pointer = self.reference(reference);
            return if nullable {
                json!({ "anyOf": [{ "type": "null" }, pointer] })
            } else {
                pointer
            };
        }
        let mut out = Map::new();
        for (key, value) in object {
            if ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-") || key == "nullable" {
                continue;
            }
            let converted = match key.as_str() {
                "properties" | "patternProperties" => match value {
                    Value::Object(properties) => Value::Object(
                        properties
                            .iter()
                            .map(|(name, schema)| (name.clone(), self.convert(schema)))
                            .collect(),
                    ),
                    other => other.clone(),
                },
                "items" | "additionalProperties" | "not" => self.convert(value),
                "allOf" | "anyOf" | "oneOf" => match value {
                    Value::Array(members) => {
                        Value::Array(members.iter().map(|m| self.convert(m)).collect())
                    }
                    other => other.clone(),
                },
                "required" if value.as_array().is_some_and(Vec::is_empty) => continue,
                "format" if !value.as_str().is_some_and(|f| CHECKED_FORMATS.contains(&f)) => {
                    continue
                }
                _ => value.clone(),
            };
            out.insert(key.clone(), converted);
        }
        if !nullable {
            return Value::Object(out);
        }
        match out.get("type").cloned() {
            // `type: T` becomes `type: [T, null]`, which keeps error messages
            // about the object's own properties precise.
            Some(Value::String(kind)) => {
                out.insert("type".into(), json!([kind, "null"]));
                if let Some(Value::Array(values)) = out.get_mut("enum") {
                    if !values.contains(&Value::Null) {
                        values.push(Value::Null);
                    }
                }
                Value::Object(out)
            }
            _ => json!({ "anyOf": [{ "type": "null" }, Value::Object(out)] }),
        }
    }

    fn reference(&mut self, reference: &str) -> Value {
        let name = match self.names.get(reference) {
            Some(name) => name.clone(),
            None => {
                let name = definition_name(reference, self.names.len());
                self.names.insert(reference.to_owned(), name.clone());
                self.pending.push((reference.to_owned(), name.clone()));
                name
            }
        };
        json!({ "$ref": format!("#/definitions/{name}") })
    }
}

/// `nullable: true` here, or in a `$ref`-less `allOf` member (`allOf:
/// [{$ref: UserCompact}, {nullable: true}]`).
fn is_nullable(object: &Map<String, Value>) -> bool {
    if object.get("nullable") == Some(&Value::Bool(true)) {
        return true;
    }
    object
        .get("allOf")
        .and_then(Value::as_array)
        .is_some_and(|members| {
            members
                .iter()
                .any(|m| m.get("$ref").is_none() && m.get("nullable") == Some(&Value::Bool(true)))
        })
}

/// A definition name safe in a JSON pointer and a URI: `#/components/schemas/IssueBean` → `IssueBean`.
fn definition_name(reference: &str, serial: usize) -> String {
    let last = reference.rsplit('/').next().unwrap_or("schema");
    let clean: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{clean}.{serial}")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
