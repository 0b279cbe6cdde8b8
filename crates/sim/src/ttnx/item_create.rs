//! `POST /workitem/workItems/{parentId}/subItems`: batch creation.
//!
//! The body is one item or an array of items, each
//! `{fields: {ItemTypeId, Name, ...}, subItems: [...], assignments: [{userId}], metadata: {...}}`.
//! `ItemTypeId` and `Name` are required. `metadata` holds arbitrary key/values
//! and is returned with every read (Kakehashi keeps its sync marker there).
//! The whole batch is checked before anything is created. The answer mirrors
//! the request: `[{"id", "subItems": [...]}]`, so a client can tell which id
//! belongs to which of the items it sent.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use jiff::Timestamp;
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::item_fields::{FieldChanges, Typing};
use super::item_types::{ItemType, StatusType};
use super::reply::{self, ApiError, Reply};
use super::store::{Id, Shared, Store, WorkItem};
use super::users::caller_user;
use super::workitems::{require_edit, single_id, visible_item};

/// Where the new items go and who creates them.
struct Batch<'a> {
    store: &'a Store,
    project_id: Id,
    user_id: Id,
    now: Timestamp,
    next_id: Id,
    /// Parents before children, so they can be inserted in order.
    planned: Vec<WorkItem>,
}

pub async fn create(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(parent): Path<String>,
    body: Bytes,
) -> Reply {
    let parent_id = single_id(&parent)?;
    let body = reply::json_body(&body)?;
    let specs: Vec<&Value> = match &body {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) => vec![&body],
        _ => {
            return Err(ApiError::bad_request(
                "作成するアイテムをオブジェクトまたは配列で指定してください。",
            ))
        }
    };
    if specs.is_empty() {
        return Err(ApiError::bad_request(
            "作成するアイテムを 1 つ以上指定してください。",
        ));
    }
    let mut store = shared.write();
    let (planned, next_id, answer) = {
        let me = caller_user(&store, &caller)?;
        let parent = visible_item(&store, me, parent_id)?;
        require_edit(me)?;
        let mut batch = Batch {
            store: &store,
            project_id: parent.project_id,
            user_id: me.id,
            now: Timestamp::now(),
            next_id: store.next_item_id,
            planned: Vec::new(),
        };
        let answer = batch.plan_all(&specs, parent.id, parent.item_type)?;
        (batch.planned, batch.next_id, answer)
    };
    store.next_item_id = next_id;
    for item in planned {
        store.insert_item(item);
    }
    reply::ok(&Value::Array(answer))
}

impl Batch<'_> {
    fn plan_all(
        &mut self,
        specs: &[&Value],
        parent_id: Id,
        parent_type: ItemType,
    ) -> Result<Vec<Value>, ApiError> {
        specs
            .iter()
            .map(|spec| self.plan(spec, parent_id, parent_type))
            .collect()
    }

    fn plan(
        &mut self,
        spec: &Value,
        parent_id: Id,
        parent_type: ItemType,
    ) -> Result<Value, ApiError> {
        let Value::Object(spec) = spec else {
            return Err(ApiError::bad_request(
                "作成するアイテムはオブジェクトで指定してください。",
            ));
        };
        reply::only_known_keys(spec, &["fields", "subItems", "assignments", "metadata"])?;
        let Some(Value::Object(fields)) = spec.get("fields") else {
            return Err(ApiError::bad_request(
                "fields は必須です。ItemTypeId と Name を指定してください。",
            ));
        };
        let changes = FieldChanges::parse(fields, Typing::Lenient, true)?;
        let item_type = changes
            .item_type
            .ok_or_else(|| ApiError::bad_request("fields.ItemTypeId は必須です。"))?;
        if changes.name.is_none() {
            return Err(ApiError::bad_request("fields.Name は必須です。"));
        }
        if !item_type.may_be_child_of(parent_type) {
            return Err(ApiError::bad_request(format!(
                "ItemTypeId '{}' のアイテムは ItemTypeId '{}' のアイテムの下に作成できません。",
                item_type.id(),
                parent_type.id()
            )));
        }
        let metadata = match spec.get("metadata") {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) if map.is_empty() => None,
            Some(Value::Object(map)) => Some(Box::new(map.clone())),
            Some(_) => {
                return Err(ApiError::bad_request(
                    "metadata はオブジェクトで指定してください。",
                ))
            }
        };
        let assignments = self.assignments(spec)?;
        let id = self.next_id;
        self.next_id += 1;
        let mut item = WorkItem {
            id,
            project_id: self.project_id,
            parent_id: Some(parent_id),
            item_type,
            name: String::new(),
            status: StatusType::NotStarted,
            planned_start: None,
            planned_finish: None,
            planned_time: None,
            own_actual_minutes: 0,
            metadata,
            assignments,
            children: Vec::new(),
            is_deleted: false,
            created_at: self.now,
            created_by: self.user_id,
            updated_at: self.now,
            updated_by: self.user_id,
        };
        changes.apply(&mut item)?;
        self.planned.push(item);
        let children: Vec<&Value> = match spec.get("subItems") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.iter().collect(),
            Some(_) => return Err(ApiError::bad_request("subItems は配列で指定してください。")),
        };
        let sub_items = self.plan_all(&children, id, item_type)?;
        Ok(json!({ "id": id.to_string(), "subItems": sub_items }))
    }

    /// `assignments: [{userId}]`: each must be a member of the project.
    fn assignments(&self, spec: &Map<String, Value>) -> Result<Vec<Id>, ApiError> {
        let list = match spec.get("assignments") {
            None | Some(Value::Null) => return Ok(Vec::new()),
            Some(Value::Array(list)) => list,
            Some(_) => {
                return Err(ApiError::bad_request(
                    "assignments は配列で指定してください。",
                ))
            }
        };
        let project = self.store.projects.get(&self.project_id);
        let mut users = Vec::with_capacity(list.len());
        for entry in list {
            let user = entry
                .as_object()
                .map(|map| reply::opt_str(map, "userId"))
                .transpose()?
                .flatten()
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "assignments の要素には userId を文字列で指定してください。",
                    )
                })?;
            let user_id = user
                .trim()
                .parse::<Id>()
                .ok()
                .filter(|id| project.is_some_and(|p| p.active_member(*id).is_some()))
                .ok_or_else(|| ApiError::bad_request(format!("ユーザー '{user}' はプロジェクトのメンバーではないため担当者にできません。")))?;
            if !users.contains(&user_id) {
                users.push(user_id);
            }
        }
        Ok(users)
    }
}
