//! Work-item fields by name, as `?fields=Id,Name,...` selects them and as the
//! `fields` object of a create or update sets them.
//!
//! Without `fields` a read answers the contract's fields (`getWorkItem.json`
//! forbids others); `ItemTypeId`, `ParentId`, `FolderPath` and the audit
//! fields come only when asked for. Planned dates are server local time
//! without offset; `PlannedTime` and `ActualTime` are minutes.

use serde_json::{json, Map, Value};

use super::item_types::{ItemType, StatusType};
use super::reply::ApiError;
use super::store::{Store, WorkItem};
use super::times::{format_local, format_utc, parse_local};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Name,
    ItemTypeId,
    ParentId,
    ProjectId,
    StatusTypeId,
    ActualProgress,
    PlannedStartDate,
    PlannedFinishDate,
    PlannedTime,
    ActualTime,
    FolderPath,
    IsDeleted,
    CreatedAt,
    CreatedBy,
    UpdatedAt,
    UpdatedBy,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::Id,
        Field::Name,
        Field::ItemTypeId,
        Field::ParentId,
        Field::ProjectId,
        Field::StatusTypeId,
        Field::ActualProgress,
        Field::PlannedStartDate,
        Field::PlannedFinishDate,
        Field::PlannedTime,
        Field::ActualTime,
        Field::FolderPath,
        Field::IsDeleted,
        Field::CreatedAt,
        Field::CreatedBy,
        Field::UpdatedAt,
        Field::UpdatedBy,
    ];

    /// What a read without `fields` answers: the contract's fields.
    pub const DEFAULT: [Field; 8] = [
        Field::Id,
        Field::Name,
        Field::StatusTypeId,
        Field::ActualProgress,
        Field::PlannedStartDate,
        Field::PlannedFinishDate,
        Field::PlannedTime,
        Field::ActualTime,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "Id",
            Field::Name => "Name",
            Field::ItemTypeId => "ItemTypeId",
            Field::ParentId => "ParentId",
            Field::ProjectId => "ProjectId",
            Field::StatusTypeId => "StatusTypeId",
            Field::ActualProgress => "ActualProgress",
            Field::PlannedStartDate => "PlannedStartDate",
            Field::PlannedFinishDate => "PlannedFinishDate",
            Field::PlannedTime => "PlannedTime",
            Field::ActualTime => "ActualTime",
            Field::FolderPath => "FolderPath",
            Field::IsDeleted => "IsDeleted",
            Field::CreatedAt => "CreatedAt",
            Field::CreatedBy => "CreatedBy",
            Field::UpdatedAt => "UpdatedAt",
            Field::UpdatedBy => "UpdatedBy",
        }
    }

    /// Field names are matched without regard to case, like the vendor's.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|field| field.name().eq_ignore_ascii_case(name.trim()))
    }

    fn value(self, store: &Store, item: &WorkItem) -> Value {
        let local = |time: Option<jiff::civil::DateTime>| time.map(format_local);
        match self {
            Field::Id => json!(item.id.to_string()),
            Field::Name => json!(item.name),
            Field::ItemTypeId => json!(item.item_type.id()),
            Field::ParentId => json!(item.parent_id.map(|id| id.to_string())),
            Field::ProjectId => json!(item.project_id.to_string()),
            Field::StatusTypeId => json!(item.status.id()),
            Field::ActualProgress => json!(item.status.progress()),
            Field::PlannedStartDate => json!(local(item.planned_start)),
            Field::PlannedFinishDate => json!(local(item.planned_finish)),
            // The contract types it as an integer: no planned time is 0.
            Field::PlannedTime => json!(item.planned_time.unwrap_or(0)),
            Field::ActualTime => json!(store.actual_minutes(item.id)),
            Field::FolderPath => json!(store.folder_path(item.id)),
            Field::IsDeleted => json!(item.is_deleted),
            Field::CreatedAt => json!(format_utc(item.created_at)),
            Field::CreatedBy => json!(item.created_by.to_string()),
            Field::UpdatedAt => json!(format_utc(item.updated_at)),
            Field::UpdatedBy => json!(item.updated_by.to_string()),
        }
    }
}

/// The fields a read asks for; unknown names are a 400 that names them.
pub fn selection(fields: Option<&str>) -> Result<Vec<Field>, ApiError> {
    let Some(fields) = fields.map(str::trim).filter(|f| !f.is_empty()) else {
        return Ok(Field::DEFAULT.to_vec());
    };
    let mut selected = Vec::new();
    for name in fields
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        let field = Field::from_name(name).ok_or_else(|| {
            ApiError::bad_request(format!("フィールド '{name}' は存在しません。"))
        })?;
        if !selected.contains(&field) {
            selected.push(field);
        }
    }
    Ok(selected)
}

/// One item as the vendor answers it: `{fields, metadata, assignments}`.
pub fn item_json(store: &Store, item: &WorkItem, fields: &[Field]) -> Value {
    let values: Map<String, Value> = fields
        .iter()
        .map(|field| (field.name().to_owned(), field.value(store, item)))
        .collect();
    let assignments: Vec<Value> = item
        .assignments
        .iter()
        .map(|user_id| json!({ "userId": user_id.to_string(), "name": store.user(*user_id).map_or("", |u| u.name()) }))
        .collect();
    json!({
        "fields": values,
        "metadata": item.metadata.as_deref().cloned().unwrap_or_default(),
        "assignments": assignments,
    })
}

/// Field values a create or update sets. `None` inside means "clear".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldChanges {
    pub item_type: Option<ItemType>,
    pub name: Option<String>,
    pub status: Option<StatusType>,
    pub planned_start: Option<Option<jiff::civil::DateTime>>,
    pub planned_finish: Option<Option<jiff::civil::DateTime>>,
    pub planned_time: Option<Option<i64>>,
}

/// How strictly values are typed: the update contract allows only strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    StringsOnly,
    Lenient,
}

impl FieldChanges {
    pub fn parse(
        map: &Map<String, Value>,
        typing: Typing,
        creating: bool,
    ) -> Result<Self, ApiError> {
        let mut changes = FieldChanges::default();
        for (name, value) in map {
            let field = Field::from_name(name).ok_or_else(|| {
                ApiError::bad_request(format!("フィールド '{name}' は存在しません。"))
            })?;
            let text = text_value(name, value, typing)?;
            match field {
                Field::ItemTypeId if creating => {
                    let id = text.unwrap_or_default();
                    changes.item_type = Some(ItemType::from_id(&id).ok_or_else(|| {
                        ApiError::bad_request(format!("ItemTypeId '{id}' は存在しません。"))
                    })?);
                }
                Field::Name => {
                    let name = text.map(|t| t.trim().to_owned()).unwrap_or_default();
                    if name.is_empty() {
                        return Err(ApiError::bad_request("Name を入力してください。"));
                    }
                    changes.name = Some(name);
                }
                Field::StatusTypeId => {
                    let id = text.unwrap_or_default();
                    changes.status = Some(StatusType::from_id(&id).ok_or_else(|| {
                        ApiError::bad_request(format!("StatusTypeId '{id}' は存在しません。"))
                    })?);
                }
                Field::PlannedStartDate => changes.planned_start = Some(date_value(name, text)?),
                Field::PlannedFinishDate => changes.planned_finish = Some(date_value(name, text)?),
                Field::PlannedTime => changes.planned_time = Some(minutes_value(name, text)?),
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "フィールド '{name}' は変更できません。"
                    )))
                }
            }
        }
        Ok(changes)
    }

    /// Writes the changes into `item` and checks the schedule.
    pub fn apply(&self, item: &mut WorkItem) -> Result<(), ApiError> {
        if let Some(name) = &self.name {
            item.name.clone_from(name);
        }
        if let Some(status) = self.status {
            item.status = status;
        }
        if let Some(start) = self.planned_start {
            item.planned_start = start;
        }
        if let Some(finish) = self.planned_finish {
            item.planned_finish = finish;
        }
        if let Some(minutes) = self.planned_time {
            item.planned_time = minutes;
        }
        check_schedule(item)
    }
}

pub fn check_schedule(item: &WorkItem) -> Result<(), ApiError> {
    match (item.planned_start, item.planned_finish) {
        (Some(start), Some(finish)) if start > finish => Err(ApiError::bad_request(
            "PlannedFinishDate は PlannedStartDate 以降の日時を指定してください。",
        )),
        _ => Ok(()),
    }
}

/// A field value as text; `None` for null. Numbers pass only when lenient.
fn text_value(name: &str, value: &Value, typing: Typing) -> Result<Option<String>, ApiError> {
    match (value, typing) {
        (Value::String(text), _) => Ok(Some(text.clone())),
        (Value::Null, Typing::Lenient) => Ok(None),
        (Value::Number(number), Typing::Lenient) => Ok(Some(number.to_string())),
        _ => Err(ApiError::bad_request(format!(
            "フィールド '{name}' の値は文字列で指定してください。"
        ))),
    }
}

fn date_value(name: &str, text: Option<String>) -> Result<Option<jiff::civil::DateTime>, ApiError> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => parse_local(text).map(Some).ok_or_else(|| {
            ApiError::bad_request(format!("{name} の日時 '{text}' が正しくありません。"))
        }),
    }
}

fn minutes_value(name: &str, text: Option<String>) -> Result<Option<i64>, ApiError> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => match text.parse::<i64>() {
            Ok(minutes) if minutes >= 0 => Ok(Some(minutes)),
            _ => Err(ApiError::bad_request(format!(
                "{name} は 0 以上の整数 (分) で指定してください: '{text}'"
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_defaults_to_the_contract_fields_and_refuses_unknown_names() {
        assert_eq!(selection(None).unwrap(), Field::DEFAULT.to_vec());
        assert_eq!(
            selection(Some("id,NAME,ItemTypeId")).unwrap(),
            vec![Field::Id, Field::Name, Field::ItemTypeId]
        );
        assert!(selection(Some("Id,Colour")).is_err());
    }

    #[test]
    fn updates_accept_only_strings_and_writable_fields() {
        let map = |value: Value| value.as_object().cloned().unwrap();
        assert!(FieldChanges::parse(
            &map(json!({ "PlannedTime": 60 })),
            Typing::StringsOnly,
            false
        )
        .is_err());
        assert!(
            FieldChanges::parse(&map(json!({ "PlannedTime": 60 })), Typing::Lenient, true).is_ok()
        );
        assert!(FieldChanges::parse(
            &map(json!({ "ActualTime": "60" })),
            Typing::StringsOnly,
            false
        )
        .is_err());
        assert!(FieldChanges::parse(
            &map(json!({ "ItemTypeId": "3" })),
            Typing::StringsOnly,
            false
        )
        .is_err());
        let changes = FieldChanges::parse(
            &map(json!({ "PlannedStartDate": "" })),
            Typing::StringsOnly,
            false,
        )
        .unwrap();
        assert_eq!(changes.planned_start, Some(None));
    }
}
