//! Custom fields: the definitions (workspace-wide, enabled per project
//! through custom field settings), the typed values a task holds, and the
//! values a write sets.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::Compact;

/// The kind of value a custom field holds (`resource_subtype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    Number,
    Enum,
    MultiEnum,
    Date,
    People,
    /// A kind this client does not read (reference, formula results...).
    #[serde(other)]
    Other,
}

/// One choice of an enum or multi-enum field.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct EnumOption {
    pub gid: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub color: Option<String>,
}

/// A custom field's definition.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "RawDefinition")]
pub struct CustomField {
    pub gid: String,
    pub name: String,
    /// `None` when the answer carried neither `resource_subtype` nor `type`.
    pub field_type: Option<FieldType>,
    pub description: Option<String>,
    pub enum_options: Vec<EnumOption>,
    /// Decimal places of a number field.
    pub precision: Option<u32>,
}

impl CustomField {
    /// The enabled enum option called `name` (exact match).
    pub fn option(&self, name: &str) -> Option<&EnumOption> {
        self.enum_options
            .iter()
            .find(|o| o.name == name && o.enabled != Some(false))
    }
}

/// What every rendering of a custom field, definition or value, starts with.
#[derive(Deserialize)]
struct RawHeader {
    gid: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    resource_subtype: Option<FieldType>,
    #[serde(default, rename = "type")]
    legacy_type: Option<FieldType>,
}

impl RawHeader {
    /// `type` is Asana's older name for `resource_subtype`.
    fn declared_type(&self) -> Option<FieldType> {
        self.resource_subtype.or(self.legacy_type)
    }
}

#[derive(Deserialize)]
struct RawDefinition {
    #[serde(flatten)]
    header: RawHeader,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    enum_options: Option<Vec<EnumOption>>,
    #[serde(default)]
    precision: Option<u32>,
}

impl From<RawDefinition> for CustomField {
    fn from(raw: RawDefinition) -> Self {
        CustomField {
            field_type: raw.header.declared_type(),
            gid: raw.header.gid,
            name: raw.header.name,
            description: raw.description,
            enum_options: raw.enum_options.unwrap_or_default(),
            precision: raw.precision,
        }
    }
}

/// A custom field enabled on a project.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CustomFieldSetting {
    pub gid: String,
    #[serde(default)]
    pub is_important: Option<bool>,
    #[serde(default)]
    pub project: Option<Compact>,
    pub custom_field: CustomField,
}

/// A date field's value: a day, or a moment when the field has a time.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct DateValue {
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub date_time: Option<Timestamp>,
}

/// The typed value of a custom field on a task; `None` / empty when unset.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(Option<String>),
    Number(Option<f64>),
    Enum(Option<EnumOption>),
    MultiEnum(Vec<EnumOption>),
    Date(Option<DateValue>),
    People(Vec<Compact>),
    /// A kind this client does not read; `display_value` still shows it.
    Unknown,
}

/// A custom field as a task carries it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawValue")]
pub struct CustomFieldValue {
    pub gid: String,
    pub name: String,
    /// Asana's rendering of the value, whatever its kind.
    pub display_value: Option<String>,
    pub value: FieldValue,
}

/// Tells a property sent as `null` (Some(Null)) from one left out (None).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

#[derive(Deserialize)]
struct RawValue {
    #[serde(flatten)]
    header: RawHeader,
    #[serde(default)]
    display_value: Option<String>,
    #[serde(default, deserialize_with = "present")]
    text_value: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    number_value: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    enum_value: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    multi_enum_values: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    date_value: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    people_value: Option<Value>,
}

impl RawValue {
    /// The declared kind, else the kind whose value property is present.
    fn field_type(&self) -> Option<FieldType> {
        self.header.declared_type().or_else(|| {
            [
                (&self.text_value, FieldType::Text),
                (&self.number_value, FieldType::Number),
                (&self.enum_value, FieldType::Enum),
                (&self.multi_enum_values, FieldType::MultiEnum),
                (&self.date_value, FieldType::Date),
                (&self.people_value, FieldType::People),
            ]
            .into_iter()
            .find_map(|(value, kind)| value.is_some().then_some(kind))
        })
    }
}

/// Decodes an optional property; `null` and absent are both "unset".
fn decode<T: serde::de::DeserializeOwned>(
    value: Option<Value>,
    what: &str,
) -> Result<Option<T>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(value) => serde_json::from_value(value)
            .map(Some)
            .map_err(|e| format!("{what}: {e}")),
    }
}

impl TryFrom<RawValue> for CustomFieldValue {
    type Error = String;

    fn try_from(raw: RawValue) -> Result<Self, String> {
        let value = match raw.field_type() {
            Some(FieldType::Text) => FieldValue::Text(decode(raw.text_value, "text_value")?),
            Some(FieldType::Number) => {
                FieldValue::Number(decode(raw.number_value, "number_value")?)
            }
            Some(FieldType::Enum) => FieldValue::Enum(decode(raw.enum_value, "enum_value")?),
            Some(FieldType::MultiEnum) => FieldValue::MultiEnum(
                decode(raw.multi_enum_values, "multi_enum_values")?.unwrap_or_default(),
            ),
            Some(FieldType::Date) => FieldValue::Date(decode(raw.date_value, "date_value")?),
            Some(FieldType::People) => {
                FieldValue::People(decode(raw.people_value, "people_value")?.unwrap_or_default())
            }
            Some(FieldType::Other) | None => FieldValue::Unknown,
        };
        Ok(CustomFieldValue {
            gid: raw.header.gid,
            name: raw.header.name,
            display_value: raw.display_value,
            value,
        })
    }
}

/// A value to write into a custom field (`"custom_fields": {gid: value}`).
#[derive(Debug, Clone, PartialEq)]
pub enum FieldInput {
    Text(String),
    Number(f64),
    /// The GID of one of the field's enum options.
    EnumOption(String),
    /// GIDs of enum options.
    MultiEnum(Vec<String>),
    /// Written as `YYYY-MM-DD`, as Asana's contract asks.
    Date(Date),
    /// User GIDs, emails or `me`.
    People(Vec<String>),
    /// Empties the field (`null`).
    Clear,
}

impl Serialize for FieldInput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            FieldInput::Text(text) | FieldInput::EnumOption(text) => serializer.serialize_str(text),
            FieldInput::Number(number) => serializer.serialize_f64(*number),
            FieldInput::MultiEnum(gids) | FieldInput::People(gids) => gids.serialize(serializer),
            FieldInput::Date(date) => serializer.serialize_str(&date.to_string()),
            FieldInput::Clear => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn value(json: Value) -> CustomFieldValue {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn values_are_typed_by_subtype_or_by_the_property_present() {
        let priority = value(json!({
            "gid": "1", "name": "Priority", "resource_subtype": "enum", "display_value": "High",
            "enum_value": { "gid": "11", "name": "High", "color": "red", "enabled": true }
        }));
        let FieldValue::Enum(Some(option)) = &priority.value else {
            panic!("{priority:?}")
        };
        assert_eq!((option.gid.as_str(), option.name.as_str()), ("11", "High"));
        // Without a declared type (opt_fields left it out), the value
        // property that is present decides, even when it is null.
        let estimate = value(json!({ "gid": "2", "number_value": null }));
        assert_eq!(estimate.value, FieldValue::Number(None));
        let due = value(json!({
            "gid": "3", "type": "date",
            "date_value": { "date": "2026-12-01", "date_time": null }
        }));
        assert_eq!(
            due.value,
            FieldValue::Date(Some(DateValue {
                date: Some(jiff::civil::date(2026, 12, 1)),
                date_time: None
            }))
        );
        let tags = value(json!({ "gid": "4", "resource_subtype": "multi_enum",
            "multi_enum_values": [{ "gid": "41", "name": "A" }, { "gid": "42", "name": "B" }] }));
        let FieldValue::MultiEnum(options) = tags.value else {
            panic!()
        };
        assert_eq!(options.len(), 2);
        let odd =
            value(json!({ "gid": "5", "resource_subtype": "reference", "display_value": "x" }));
        assert_eq!(odd.value, FieldValue::Unknown);
        assert!(serde_json::from_value::<CustomFieldValue>(
            json!({ "gid": "6", "resource_subtype": "number", "number_value": "many" })
        )
        .is_err());
    }

    #[test]
    fn inputs_are_written_as_asana_reads_them() {
        let written = json!({
            "t": FieldInput::Text("MKT-1".into()),
            "n": FieldInput::Number(2.5),
            "e": FieldInput::EnumOption("11".into()),
            "m": FieldInput::MultiEnum(vec!["41".into()]),
            "d": FieldInput::Date(jiff::civil::date(2026, 2, 3)),
            "c": FieldInput::Clear,
        });
        assert_eq!(
            written,
            json!({ "t": "MKT-1", "n": 2.5, "e": "11", "m": ["41"], "d": "2026-02-03", "c": null })
        );
    }

    #[test]
    fn a_definition_reads_either_type_property() {
        let field: CustomField = serde_json::from_value(json!({
            "gid": "1", "name": "Priority", "type": "enum",
            "enum_options": [{ "gid": "11", "name": "High", "enabled": true },
                             { "gid": "12", "name": "Old", "enabled": false }]
        }))
        .unwrap();
        assert_eq!(field.field_type, Some(FieldType::Enum));
        assert_eq!(field.option("High").map(|o| o.gid.as_str()), Some("11"));
        assert!(
            field.option("Old").is_none(),
            "disabled options are not offered"
        );
    }
}
