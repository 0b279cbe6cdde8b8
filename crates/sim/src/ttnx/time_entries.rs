//! `/system/users/{userId}/timeEntries`: a user's time entries.
//!
//! Work times carry no offset (server local time, Asia/Tokyo); `time` is
//! minutes; `workDate` is the start's date at midnight. Only the user
//! themself (unless a viewer) or an administrator may write a user's
//! entries, and read them. Time is booked on tasks of projects the user is a
//! member of. A PUT may not change `workItemId` (delete and add instead).

use std::cmp::Ordering;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use jiff::Timestamp;
use serde_json::{json, Map, Value};

use super::auth::Caller;
use super::entry_rules::{check_times, check_unlocked, parse_time};
use super::item_types::ItemType;
use super::reply::{self, ApiError, Paging, Params, ParamsQuery, Reply};
use super::store::{Id, Shared, Store, TimeEntry, User};
use super::times::{format_date, format_local, format_utc, parse_date};
use super::users::caller_user;

const POST_KEYS: &[&str] = &[
    "workItemId",
    "memo",
    "startTime",
    "finishTime",
    "timeEntryCategoryId",
    "processCategoryId",
];
const PUT_KEYS: &[&str] = &[
    "memo",
    "startTime",
    "finishTime",
    "timeEntryCategoryId",
    "processCategoryId",
];

/// The user whose entries the path names, if the caller may read them.
fn target_user<'a>(
    store: &'a Store,
    caller: &Caller,
    user_id: &str,
) -> Result<(&'a User, &'a User), ApiError> {
    let me = caller_user(store, caller)?;
    let user = user_id
        .trim()
        .parse()
        .ok()
        .and_then(|id| store.user(id))
        .ok_or_else(|| ApiError::not_found(format!("ユーザー '{user_id}' が見つかりません。")))?;
    if me.id != user.id && !me.is_admin() {
        return Err(ApiError::forbidden(
            "他のユーザーの実績にアクセスする権限がありません。",
        ));
    }
    Ok((me, user))
}

fn require_write(me: &User) -> Result<(), ApiError> {
    if me.can_edit() {
        Ok(())
    } else {
        Err(ApiError::forbidden("実績を入力する権限がありません。"))
    }
}

pub fn entry_json(store: &Store, entry: &TimeEntry) -> Value {
    json!({
        "id": entry.id.to_string(),
        "userId": entry.user_id.to_string(),
        "workItemId": entry.work_item_id.to_string(),
        "workItemName": store.items.get(&entry.work_item_id).map_or("", |item| item.name.as_str()),
        "projectId": entry.project_id.to_string(),
        "projectName": store.project_name(entry.project_id),
        "workDate": format_date(entry.work_date()),
        "startTime": format_local(entry.start),
        "finishTime": format_local(entry.finish),
        "time": entry.minutes(),
        "memo": entry.memo,
        "timeEntryCategoryId": entry.time_entry_category_id,
        "processCategoryId": entry.process_category_id,
        "isLocked": store.is_locked(entry.work_date()),
        "createdAt": format_utc(entry.created_at),
        "createdBy": entry.created_by.to_string(),
        "updatedAt": format_utc(entry.updated_at),
        "updatedBy": entry.updated_by.to_string(),
    })
}

/// The answer of a POST: exactly the fields of `postTimeEntry.json`.
fn created_json(entry: &TimeEntry) -> Value {
    let mut body = json!({
        "id": entry.id.to_string(),
        "userId": entry.user_id.to_string(),
        "workItemId": entry.work_item_id.to_string(),
        "startTime": format_local(entry.start),
        "finishTime": format_local(entry.finish),
        "projectId": entry.project_id.to_string(),
        "time": entry.minutes(),
        "createdAt": format_utc(entry.created_at),
        "updatedAt": format_utc(entry.updated_at),
    });
    if let Some(id) = &entry.time_entry_category_id {
        body["timeEntryCategoryId"] = json!(id);
    }
    if let Some(id) = &entry.process_category_id {
        body["processCategoryId"] = json!(id);
    }
    body
}

/// How `orderby` sorts (`"workDate desc"`, `"updatedAt"`, ...).
fn ordering(params: &Params) -> Result<impl Fn(&&TimeEntry, &&TimeEntry) -> Ordering, ApiError> {
    let text = params.get("orderby").map(|v| v.trim()).unwrap_or_default();
    let mut words = text.split_whitespace();
    let key = words.next().unwrap_or("startTime").to_ascii_lowercase();
    let descending = match words.next().map(str::to_ascii_lowercase).as_deref() {
        None | Some("asc") => false,
        Some("desc") => true,
        Some(_) => {
            return Err(ApiError::bad_request(
                "orderby の並び順には asc または desc を指定してください。",
            ))
        }
    };
    type Key = fn(&TimeEntry) -> (i128, Id);
    let key: Key = match key.as_str() {
        "workdate" | "starttime" => |e| {
            (
                e.start
                    .duration_since(jiff::civil::DateTime::MIN)
                    .as_nanos(),
                e.id,
            )
        },
        "createdat" => |e| (e.created_at.as_nanosecond(), e.id),
        "updatedat" => |e| (e.updated_at.as_nanosecond(), e.id),
        "time" => |e| (i128::from(e.minutes()), e.id),
        _ => {
            return Err(ApiError::bad_request(format!(
                "orderby に '{text}' は指定できません。"
            )))
        }
    };
    Ok(move |a: &&TimeEntry, b: &&TimeEntry| {
        let order = key(a).cmp(&key(b));
        if descending {
            order.reverse()
        } else {
            order
        }
    })
}

/// `GET /system/users/{userId}/timeEntries?startDate&finishDate&projectId&...&limit&offset&orderby`
pub async fn list(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(user_id): Path<String>,
    query: ParamsQuery,
) -> Reply {
    let params = reply::params(query)?;
    let paging = Paging::from_params(&params)?;
    let date = |key: &str| -> Result<Option<jiff::civil::Date>, ApiError> {
        match params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(text) => parse_date(text)
                .map(Some)
                .ok_or_else(|| ApiError::bad_request(format!("{key} '{text}' は日付として正しくありません。'2019-01-07' の形式で指定してください。"))),
        }
    };
    let (from, to) = (date("startDate")?, date("finishDate")?);
    let project = match params
        .get("projectId")
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
    {
        Some(id) => Some(id.parse::<Id>().map_err(|_| {
            ApiError::bad_request(format!("projectId '{id}' が正しくありません。"))
        })?),
        None => None,
    };
    let text = |key: &str| params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let (entry_category, process_category) =
        (text("timeEntryCategoryId"), text("processCategoryId"));
    let order = ordering(&params)?;
    let store = shared.read();
    let (_, user) = target_user(&store, &caller, &user_id)?;
    let mut found: Vec<&TimeEntry> = store
        .entries
        .values()
        .filter(|e| e.user_id == user.id)
        .filter(|e| from.is_none_or(|from| e.work_date() >= from))
        .filter(|e| to.is_none_or(|to| e.work_date() <= to))
        .filter(|e| project.is_none_or(|id| e.project_id == id))
        .filter(|e| entry_category.is_none_or(|id| e.time_entry_category_id.as_deref() == Some(id)))
        .filter(|e| process_category.is_none_or(|id| e.process_category_id.as_deref() == Some(id)))
        .collect();
    found.sort_by(order);
    reply::ok(&paging.page(&found, |entry| entry_json(&store, entry)))
}

/// `GET /system/users/{userId}/timeEntries/{ids}` — an array; 404 only when
/// none of the ids is an entry of this user.
pub async fn by_ids(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path((user_id, ids)): Path<(String, String)>,
) -> Reply {
    let ids = reply::id_list(&ids, "実績")?;
    let store = shared.read();
    let (_, user) = target_user(&store, &caller, &user_id)?;
    let found: Vec<Value> = ids
        .iter()
        .filter_map(|id| store.entries.get(id))
        .filter(|entry| entry.user_id == user.id)
        .map(|entry| entry_json(&store, entry))
        .collect();
    reply::found_by_ids(found, "実績")
}

fn category(map: &Map<String, Value>, key: &str) -> Result<Option<Option<String>>, ApiError> {
    if !map.contains_key(key) {
        return Ok(None);
    }
    Ok(Some(
        reply::opt_str(map, key)?
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned),
    ))
}

/// `POST /system/users/{userId}/timeEntries`
pub async fn create(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(user_id): Path<String>,
    body: Bytes,
) -> Reply {
    let map = reply::json_object(&body)?;
    reply::only_known_keys(&map, POST_KEYS)?;
    let (Some(item_id), Some(start), Some(finish)) = (
        reply::opt_str(&map, "workItemId")?,
        reply::opt_str(&map, "startTime")?,
        reply::opt_str(&map, "finishTime")?,
    ) else {
        return Err(ApiError::bad_request(
            "workItemId、startTime、finishTime は必須です。",
        ));
    };
    let (start, finish) = (
        parse_time("startTime", start)?,
        parse_time("finishTime", finish)?,
    );
    let memo = reply::opt_str(&map, "memo")?.unwrap_or_default().to_owned();
    let (entry_category, process_category) = (
        category(&map, "timeEntryCategoryId")?,
        category(&map, "processCategoryId")?,
    );
    let now = Timestamp::now();
    let mut store = shared.write();
    let (me, user) = target_user(&store, &caller, &user_id)?;
    require_write(me)?;
    let item = item_id
        .trim()
        .parse::<Id>()
        .ok()
        .and_then(|id| store.item(id))
        .ok_or_else(|| {
            ApiError::bad_request(format!("ワークアイテム '{item_id}' が見つかりません。"))
        })?;
    if item.item_type != ItemType::Task {
        return Err(ApiError::bad_request(format!(
            "ワークアイテム '{}' は作業ではないため、実績を入力できません。",
            item.id
        )));
    }
    if store
        .projects
        .get(&item.project_id)
        .is_none_or(|p| p.active_member(user.id).is_none())
    {
        return Err(ApiError::bad_request(format!(
            "ユーザー '{}' はプロジェクト '{}' のメンバーではないため、実績を入力できません。",
            user.name(),
            store.project_name(item.project_id)
        )));
    }
    check_times(&store.settings, start, finish)?;
    check_unlocked(&store.settings, start.date())?;
    let entry = TimeEntry {
        id: store.next_entry_id,
        user_id: user.id,
        work_item_id: item.id,
        project_id: item.project_id,
        start,
        finish,
        memo,
        time_entry_category_id: entry_category.flatten(),
        process_category_id: process_category.flatten(),
        created_at: now,
        created_by: me.id,
        updated_at: now,
        updated_by: me.id,
    };
    store.take_entry_id();
    let body = created_json(&entry);
    store.insert_entry(entry);
    reply::ok(&body)
}

/// The entries `ids` of the path's user, all of which must exist; checks
/// that the caller may write them.
fn writable_entries(
    store: &Store,
    caller: &Caller,
    user_id: &str,
    ids: &str,
) -> Result<(Id, Vec<TimeEntry>), ApiError> {
    let ids = reply::id_list(ids, "実績")?;
    let (me, user) = target_user(store, caller, user_id)?;
    require_write(me)?;
    let entries = ids
        .iter()
        .map(|id| {
            store
                .entries
                .get(id)
                .filter(|entry| entry.user_id == user.id)
                .cloned()
                .ok_or_else(|| ApiError::not_found(format!("実績 '{id}' が見つかりません。")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((me.id, entries))
}

/// `PUT /system/users/{userId}/timeEntries/{ids}`: a partial update; all or
/// nothing. `workItemId` is refused: an entry cannot move to another item.
pub async fn update(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path((user_id, ids)): Path<(String, String)>,
    body: Bytes,
) -> Reply {
    let map = reply::json_object(&body)?;
    if map.contains_key("workItemId") {
        return Err(ApiError::bad_request(
            "workItemId は更新できません。ワークアイテムを変更するには実績を削除して追加し直してください。",
        ));
    }
    reply::only_known_keys(&map, PUT_KEYS)?;
    let start = reply::opt_str(&map, "startTime")?
        .map(|text| parse_time("startTime", text))
        .transpose()?;
    let finish = reply::opt_str(&map, "finishTime")?
        .map(|text| parse_time("finishTime", text))
        .transpose()?;
    let memo = reply::opt_str(&map, "memo")?.map(str::to_owned);
    let (entry_category, process_category) = (
        category(&map, "timeEntryCategoryId")?,
        category(&map, "processCategoryId")?,
    );
    let now = Timestamp::now();
    let mut store = shared.write();
    let (me, entries) = writable_entries(&store, &caller, &user_id, &ids)?;
    let mut changed = Vec::with_capacity(entries.len());
    for mut entry in entries {
        check_unlocked(&store.settings, entry.work_date())?;
        if start.is_some() || finish.is_some() {
            entry.start = start.unwrap_or(entry.start);
            entry.finish = finish.unwrap_or(entry.finish);
            check_times(&store.settings, entry.start, entry.finish)?;
            check_unlocked(&store.settings, entry.work_date())?;
        }
        if let Some(memo) = &memo {
            entry.memo.clone_from(memo);
        }
        if let Some(id) = &entry_category {
            entry.time_entry_category_id.clone_from(id);
        }
        if let Some(id) = &process_category {
            entry.process_category_id.clone_from(id);
        }
        entry.updated_at = now;
        entry.updated_by = me;
        changed.push(entry);
    }
    for entry in changed {
        if let Some(old) = store.entries.remove(&entry.id) {
            store.book_minutes(old.work_item_id, -old.minutes());
        }
        store.insert_entry(entry);
    }
    reply::no_content()
}

/// `DELETE /system/users/{userId}/timeEntries/{ids}`: all or nothing.
pub async fn delete(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path((user_id, ids)): Path<(String, String)>,
) -> Reply {
    let mut store = shared.write();
    let (_, entries) = writable_entries(&store, &caller, &user_id, &ids)?;
    for entry in &entries {
        check_unlocked(&store.settings, entry.work_date())?;
    }
    for entry in entries {
        store.entries.remove(&entry.id);
        store.book_minutes(entry.work_item_id, -entry.minutes());
    }
    reply::no_content()
}
