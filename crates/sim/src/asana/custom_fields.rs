//! Custom fields: definitions (`/workspaces/{gid}/custom_fields`,
//! `/custom_fields/{gid}`), the fields enabled per project
//! (`/projects/{gid}/custom_field_settings`), and the values on tasks —
//! rendered with `text_value` / `number_value` / `enum_value` and
//! `display_value`, and read from `{"custom_fields": {gid: value}}`.

use axum::extract::{Path, State};
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::compact;
use super::fields::View;
use super::params::Params;
use super::response::{lookup, ApiError, ApiResult};
use super::store::{
    CustomField, EnumOption, FieldKind, FieldSetting, FieldValue, Gid, Project, Store,
};
use super::users::check_workspace;
use super::AsanaState;

/// What a custom field looks like in lists of definitions.
const FIELD_COMPACT: &[&str] = &[
    "gid",
    "resource_type",
    "name",
    "resource_subtype",
    "type",
    "enum_options",
    "is_formula_field",
    "representation_type",
    "id_prefix",
];
const SETTING_COMPACT: &[&str] = &[
    "gid",
    "resource_type",
    "is_important",
    "project",
    "parent",
    "custom_field",
];

fn option_json(option: &EnumOption) -> Value {
    json!({
        "gid": option.gid.to_string(),
        "resource_type": "enum_option",
        "name": option.name,
        "enabled": option.enabled,
        "color": option.color,
    })
}

/// The properties every rendering of a field shares.
fn base_json(store: &Store, field: &CustomField) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("gid".into(), compact::gid(field.gid));
    out.insert("resource_type".into(), json!("custom_field"));
    out.insert("name".into(), json!(field.name));
    out.insert("type".into(), json!(field.kind.name()));
    out.insert("resource_subtype".into(), json!(field.kind.name()));
    out.insert("representation_type".into(), json!(field.kind.name()));
    out.insert("id_prefix".into(), Value::Null);
    out.insert("is_formula_field".into(), json!(false));
    out.insert("is_value_read_only".into(), json!(false));
    out.insert("created_by".into(), compact::user(store, field.created_by));
    match &field.kind {
        FieldKind::Enum { options } => {
            out.insert(
                "enum_options".into(),
                Value::Array(options.iter().map(option_json).collect()),
            );
        }
        FieldKind::Number { precision } => {
            out.insert("precision".into(), json!(precision));
        }
        FieldKind::Text => {}
    }
    out
}

/// A field definition (`CustomFieldResponse`).
pub(crate) fn definition_json(store: &Store, field: &CustomField) -> Map<String, Value> {
    let mut out = base_json(store, field);
    out.insert("description".into(), json!(field.description));
    out.insert("is_global_to_workspace".into(), json!(true));
    out.insert("has_notifications_enabled".into(), json!(true));
    out.insert("asana_created_field".into(), Value::Null);
    out.insert("privacy_setting".into(), json!("public_with_guests"));
    out.insert("default_access_level".into(), json!("editor"));
    if let FieldKind::Number { .. } = field.kind {
        out.insert("format".into(), json!("custom"));
        out.insert("currency_code".into(), Value::Null);
        out.insert("custom_label".into(), json!("h"));
        out.insert("custom_label_position".into(), json!("suffix"));
    } else {
        out.insert("format".into(), json!("none"));
    }
    out
}

/// The value of `field` on a task, with its `display_value`.
pub(crate) fn value_json(store: &Store, field: &CustomField, value: Option<&FieldValue>) -> Value {
    let mut out = base_json(store, field);
    out.insert("enabled".into(), json!(true));
    let display = match (&field.kind, value) {
        (FieldKind::Text, value) => {
            let text = match value {
                Some(FieldValue::Text(text)) => Some(text.clone()),
                _ => None,
            };
            out.insert("text_value".into(), json!(text));
            text
        }
        (FieldKind::Number { precision }, value) => {
            let number = match value {
                Some(FieldValue::Number(n)) => Some(*n),
                _ => None,
            };
            out.insert("number_value".into(), json!(number));
            number.map(|n| format!("{n:.prec$}", prec = *precision as usize))
        }
        (FieldKind::Enum { options }, value) => {
            let chosen = match value {
                Some(FieldValue::Enum(gid)) => options.iter().find(|o| o.gid == *gid),
                _ => None,
            };
            out.insert("enum_value".into(), chosen.map_or(Value::Null, option_json));
            chosen.map(|o| o.name.clone())
        }
    };
    out.insert("display_value".into(), json!(display));
    Value::Object(out)
}

fn setting_json(
    store: &Store,
    project: &Project,
    setting: &FieldSetting,
) -> Option<Map<String, Value>> {
    let field = store.fields.get(&setting.field)?;
    let mut out = Map::new();
    out.insert("gid".into(), compact::gid(setting.gid));
    out.insert("resource_type".into(), json!("custom_field_setting"));
    out.insert("is_important".into(), json!(setting.is_important));
    out.insert("project".into(), compact::project(store, project.gid));
    out.insert("parent".into(), compact::project(store, project.gid));
    out.insert(
        "custom_field".into(),
        Value::Object(definition_json(store, field)),
    );
    Some(out)
}

/// The settings of a project, as embedded in the project record.
pub(crate) fn settings_of(store: &Store, project: &Project) -> Vec<Value> {
    project
        .field_settings
        .iter()
        .filter_map(|setting| setting_json(store, project, setting))
        .map(|setting| {
            Value::Object(
                setting
                    .into_iter()
                    .filter(|(k, _)| SETTING_COMPACT.contains(&k.as_str()))
                    .collect(),
            )
        })
        .collect()
}

/// Reads the value sent for `field`: text for text fields, a number for
/// number fields, an enum option GID of this field for enum fields; `null`
/// clears the value.
pub(crate) fn parse_value(
    field: &CustomField,
    value: &Value,
) -> Result<Option<FieldValue>, ApiError> {
    let wrong = |expected: &str| {
        ApiError::bad_request(format!(
            "custom_fields: The value for custom field {} ({}) must be {expected}.",
            field.gid, field.name
        ))
    };
    if value.is_null() {
        return Ok(None);
    }
    match &field.kind {
        FieldKind::Text => match value {
            Value::String(text) => Ok(Some(FieldValue::Text(text.clone()))),
            _ => Err(wrong("a string")),
        },
        FieldKind::Number { .. } => {
            let number = match value {
                Value::Number(n) => n.as_f64(),
                Value::String(text) => text.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
                _ => None,
            };
            number
                .map(|n| Some(FieldValue::Number(n)))
                .ok_or_else(|| wrong("a number"))
        }
        FieldKind::Enum { options } => {
            let Value::String(text) = value else {
                return Err(wrong("the GID of one of its enum options"));
            };
            match options.iter().find(|o| o.gid.to_string() == *text) {
                Some(option) if option.enabled => Ok(Some(FieldValue::Enum(option.gid))),
                Some(_) => Err(wrong("an enabled enum option")),
                None => Err(wrong("the GID of one of its enum options")),
            }
        }
    }
}

/// Reads `{"custom_fields": {gid: value}}` against the fields a task may hold.
pub(crate) fn parse_values(
    store: &Store,
    allowed: &[Gid],
    values: &Value,
) -> Result<Vec<(Gid, Option<FieldValue>)>, ApiError> {
    let Value::Object(map) = values else {
        return Err(ApiError::bad_request(
            "custom_fields: Value must be an object of custom field GIDs to values",
        ));
    };
    let mut parsed = Vec::with_capacity(map.len());
    for (gid_text, value) in map {
        let gid = super::store::parse_gid(gid_text)
            .ok_or_else(|| ApiError::not_a_gid("custom_fields", gid_text))?;
        let field = store
            .fields
            .get(&gid)
            .ok_or_else(|| ApiError::unknown("custom_field", gid))?;
        if !allowed.contains(&gid) {
            return Err(ApiError::bad_request(format!(
                "custom_fields: Custom field with ID {gid} is not on given object. Add it to one of the task's projects first."
            )));
        }
        parsed.push((gid, parse_value(field, value)?));
    }
    Ok(parsed)
}

/// `GET /workspaces/{workspace_gid}/custom_fields`
pub(crate) async fn list_for_workspace(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(workspace): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    check_workspace(&store, &workspace)?;
    params.page_of(
        store.fields.values(),
        |field| field.gid,
        |field| definition_json(&store, field),
        View::Compact(FIELD_COMPACT),
        state.base_url(),
    )
}

/// `GET /custom_fields/{custom_field_gid}`
pub(crate) async fn get_field(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    let field = lookup(&store.fields, "custom_field", &gid)?;
    Ok(params.one(definition_json(&store, field), View::AllBut(&[])))
}

/// `GET /projects/{project_gid}/custom_field_settings`
pub(crate) async fn list_settings(
    State(state): State<AsanaState>,
    _caller: Caller,
    Path(gid): Path<String>,
    params: Params,
) -> ApiResult {
    let store = state.store();
    let project = super::projects::find(&store, &gid)?;
    params.page_of(
        project.field_settings.iter(),
        |setting| setting.gid,
        |setting| setting_json(&store, project, setting).unwrap_or_default(),
        View::Compact(SETTING_COMPACT),
        state.base_url(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn priority() -> CustomField {
        CustomField {
            gid: 10,
            name: "優先度 Priority".into(),
            description: String::new(),
            kind: FieldKind::Enum {
                options: vec![
                    EnumOption {
                        gid: 11,
                        name: "High".into(),
                        color: "red",
                        enabled: true,
                    },
                    EnumOption {
                        gid: 12,
                        name: "Old".into(),
                        color: "none",
                        enabled: false,
                    },
                ],
            },
            created_by: 1,
        }
    }

    #[test]
    fn values_are_checked_against_the_field_type() {
        let text = CustomField {
            gid: 1,
            name: "Jira Key".into(),
            description: String::new(),
            kind: FieldKind::Text,
            created_by: 1,
        };
        assert_eq!(
            parse_value(&text, &json!("MKT-1")).unwrap(),
            Some(FieldValue::Text("MKT-1".into()))
        );
        assert!(parse_value(&text, &json!(5)).is_err());
        let number = CustomField {
            kind: FieldKind::Number { precision: 1 },
            ..text
        };
        assert_eq!(
            parse_value(&number, &json!(2.5)).unwrap(),
            Some(FieldValue::Number(2.5))
        );
        assert_eq!(
            parse_value(&number, &json!("3")).unwrap(),
            Some(FieldValue::Number(3.0))
        );
        assert!(parse_value(&number, &json!("three")).is_err());
        assert_eq!(parse_value(&number, &Value::Null).unwrap(), None);
        let enumeration = priority();
        assert_eq!(
            parse_value(&enumeration, &json!("11")).unwrap(),
            Some(FieldValue::Enum(11))
        );
        assert!(
            parse_value(&enumeration, &json!("12")).is_err(),
            "disabled option"
        );
        assert!(parse_value(&enumeration, &json!("99")).is_err());
        assert!(parse_value(&enumeration, &json!(11)).is_err());
    }
}
