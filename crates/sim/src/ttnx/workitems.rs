//! `/workitem/workItems`: read by ids, the sub-item tree, update and delete.
//! (Batch creation is in `item_create.rs`.)
//!
//! Items of projects the caller may not see are "not found"; viewers may
//! read but get a 403 on every write. Deleting an item deletes everything
//! under it, and `affectedItems` lists them all. Deleted items stay in the
//! store (their time entries still point at them) and show up in the tree
//! with `includeDeleted=true`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use jiff::{Timestamp, ToSpan};
use serde_json::{json, Value};

use super::auth::Caller;
use super::item_fields::{self, item_json, Field, FieldChanges, Typing};
use super::item_types::{ItemType, StatusType};
use super::reply::{self, ApiError, ParamsQuery, Reply};
use super::store::{Id, Shared, Store, User, WorkItem};
use super::users::caller_user;

/// A live item the caller may see, or 404.
pub fn visible_item<'a>(store: &'a Store, me: &User, id: Id) -> Result<&'a WorkItem, ApiError> {
    store
        .item(id)
        .filter(|item| store.can_browse(me, item.project_id))
        .ok_or_else(|| ApiError::not_found(format!("ワークアイテム '{id}' が見つかりません。")))
}

/// The caller may change work items at all (viewers may not).
pub fn require_edit(me: &User) -> Result<(), ApiError> {
    if me.can_edit() {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "ワークアイテムを編集する権限がありません。",
        ))
    }
}

/// `GET /workitem/workItems/{ids}?fields=...` → `[{fields: {...}}, ...]`;
/// 404 only when none of the ids exist.
pub async fn by_ids(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(ids): Path<String>,
    query: ParamsQuery,
) -> Reply {
    let ids = reply::id_list(&ids, "ワークアイテム")?;
    let params = reply::params(query)?;
    let fields = item_fields::selection(params.get("fields").map(String::as_str))?;
    let store = shared.read();
    let me = caller_user(&store, &caller)?;
    let found: Vec<Value> = ids
        .iter()
        .filter_map(|id| visible_item(&store, me, *id).ok())
        .map(|item| item_json(&store, item, &fields))
        .collect();
    reply::found_by_ids(found, "ワークアイテム")
}

/// `GET /workitem/workItems/{id}/subItems?fields=...&includeDeleted=false`:
/// the children of the item (for a project id: of the project's root item),
/// each with its own `subItems`, all the way down.
pub async fn tree(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(id): Path<String>,
    query: ParamsQuery,
) -> Reply {
    let id = single_id(&id)?;
    let params = reply::params(query)?;
    let fields = item_fields::selection(params.get("fields").map(String::as_str))?;
    let include_deleted = reply::bool_param(&params, "includeDeleted")?.unwrap_or(false);
    let store = shared.read();
    let me = caller_user(&store, &caller)?;
    let root = visible_item(&store, me, id)?;
    reply::ok(&Value::Array(children_json(
        &store,
        root,
        &fields,
        include_deleted,
    )))
}

fn children_json(
    store: &Store,
    parent: &WorkItem,
    fields: &[Field],
    include_deleted: bool,
) -> Vec<Value> {
    parent
        .children
        .iter()
        .filter_map(|child| store.items.get(child))
        .filter(|child| include_deleted || !child.is_deleted)
        .map(|child| {
            let mut node = item_json(store, child, fields);
            node["subItems"] = Value::Array(children_json(store, child, fields, include_deleted));
            node
        })
        .collect()
}

pub fn single_id(text: &str) -> Result<Id, ApiError> {
    match reply::id_list(text, "ワークアイテム")?.as_slice() {
        [id] => Ok(*id),
        _ => Err(ApiError::bad_request(
            "ワークアイテムの ID は 1 つだけ指定してください。",
        )),
    }
}

/// `PUT /workitem/workItems/{ids}` with `fields` (string values only),
/// `clearSchedule`, `moveScheduleDays`, `setCompleted`. All items must exist;
/// every change must be valid for every item, or nothing changes.
pub async fn update(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(ids): Path<String>,
    body: Bytes,
) -> Reply {
    let ids = reply::id_list(&ids, "ワークアイテム")?;
    let map = reply::json_object(&body)?;
    reply::only_known_keys(
        &map,
        &[
            "moveScheduleDays",
            "clearSchedule",
            "setCompleted",
            "fields",
        ],
    )?;
    let clear_schedule = reply::opt_bool(&map, "clearSchedule")?.unwrap_or(false);
    let set_completed = reply::opt_bool(&map, "setCompleted")?.unwrap_or(false);
    let move_days = match map.get("moveScheduleDays") {
        None | Some(Value::Null) => 0,
        Some(value) => value
            .as_i64()
            .filter(|days| days.abs() <= 36_500)
            .ok_or_else(|| {
                ApiError::bad_request("moveScheduleDays は整数 (日数) で指定してください。")
            })?,
    };
    let changes = match map.get("fields") {
        None | Some(Value::Null) => FieldChanges::default(),
        Some(Value::Object(fields)) => FieldChanges::parse(fields, Typing::StringsOnly, false)?,
        Some(_) => {
            return Err(ApiError::bad_request(
                "fields はオブジェクトで指定してください。",
            ))
        }
    };
    let now = Timestamp::now();
    let mut store = shared.write();
    let me = caller_user(&store, &caller)?;
    let mut changed = Vec::with_capacity(ids.len());
    for id in &ids {
        let mut item = visible_item(&store, me, *id)?.clone();
        require_edit(me)?;
        if clear_schedule {
            item.planned_start = None;
            item.planned_finish = None;
        }
        changes.apply(&mut item)?;
        if move_days != 0 {
            let shift = |time: Option<jiff::civil::DateTime>| -> Result<_, ApiError> {
                time.map(|t| {
                    t.checked_add(move_days.days())
                        .map_err(|_| ApiError::bad_request("moveScheduleDays が大きすぎます。"))
                })
                .transpose()
            };
            item.planned_start = shift(item.planned_start)?;
            item.planned_finish = shift(item.planned_finish)?;
        }
        if set_completed {
            item.status = StatusType::Completed;
        }
        item.updated_at = now;
        item.updated_by = caller.user_id;
        changed.push(item);
    }
    for item in changed {
        store.items.insert(item.id, item);
    }
    reply::no_content()
}

/// `DELETE /workitem/workItems/{ids}` → `{"affectedItems": [...]}`: every
/// item deleted, children included. A project's root item is deleted with
/// the project, not here.
pub async fn delete(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(ids): Path<String>,
) -> Reply {
    let ids = reply::id_list(&ids, "ワークアイテム")?;
    let now = Timestamp::now();
    let mut store = shared.write();
    let me = caller_user(&store, &caller)?;
    for id in &ids {
        let item = visible_item(&store, me, *id)?;
        require_edit(me)?;
        if item.item_type == ItemType::Project {
            return Err(ApiError::bad_request(
                "プロジェクトはワークアイテムの削除 API では削除できません。",
            ));
        }
    }
    let mut doomed = Vec::new();
    for id in &ids {
        collect_live_subtree(&store, *id, &mut doomed);
    }
    let mut affected = Vec::with_capacity(doomed.len());
    for id in doomed {
        let Some(item) = store.items.get_mut(&id) else {
            continue;
        };
        if item.is_deleted {
            continue; // listed twice: an id and its ancestor were both given
        }
        item.is_deleted = true;
        item.updated_at = now;
        item.updated_by = caller.user_id;
        affected.push(json!({
            "id": item.id.to_string(),
            "name": item.name,
            "itemTypeId": item.item_type.id(),
            "parentId": item.parent_id.map(|id| id.to_string()),
            "isDeleted": true,
        }));
    }
    reply::ok(&json!({ "affectedItems": affected }))
}

fn collect_live_subtree(store: &Store, id: Id, out: &mut Vec<Id>) {
    let Some(item) = store.item(id) else { return };
    out.push(id);
    for child in &item.children {
        collect_live_subtree(store, *child, out);
    }
}
