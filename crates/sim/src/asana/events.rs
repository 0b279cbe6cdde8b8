//! The events API: `GET /events?resource=<project or task>&sync=<token>`.
//!
//! A desktop app cannot receive webhooks, so Kakehashi polls here. Every
//! write records events (task added to / removed from a project or section,
//! task changed, task deleted) for the projects and tasks that see them.
//! The first call has no token and gets 412 with a fresh one; later calls
//! get up to 100 events and a new token (`has_more` when more are waiting).
//! A token whose events are no longer kept — more than
//! [`MAX_EVENTS_PER_TOKEN`] behind, dropped from the log, or expired through
//! `POST /__sim/asana/events/expire` — gets 412 and a fresh token, and the
//! client must read the full data set again.

use std::collections::{HashMap, VecDeque};

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use jiff::Timestamp;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::auth::Caller;
use super::compact;
use super::fields::View;
use super::params::Params;
use super::response::{self, ApiError, ApiResult};
use super::store::{self, Gid, Store, Task};
use super::AsanaState;

/// Asana hands out at most 100 events per call.
pub(crate) const PAGE: usize = 100;
/// A token this many events behind its resource is too old (412).
pub(crate) const MAX_EVENTS_PER_TOKEN: usize = 1_000;
/// Events kept for all resources together; older ones are forgotten.
const LOG_CAPACITY: usize = 20_000;
/// Sync tokens remembered; the oldest are forgotten first.
const TOKEN_CAPACITY: usize = 50_000;

const TOO_OLD: &str = "Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch the full dataset for this query now and use the new sync token for the next sync.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Added,
    Removed,
    Changed,
    Deleted,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Added => "added",
            Action::Removed => "removed",
            Action::Changed => "changed",
            Action::Deleted => "deleted",
        }
    }
}

/// A resource as an event names it, captured when the event happened.
#[derive(Debug, Clone)]
pub(crate) struct Named {
    kind: &'static str,
    gid: Gid,
    name: String,
}

impl Named {
    pub fn task(task: &Task) -> Named {
        Named {
            kind: "task",
            gid: task.gid,
            name: task.name.clone(),
        }
    }

    pub fn project(store: &Store, gid: Gid) -> Named {
        let name = store
            .projects
            .get(&gid)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        Named {
            kind: "project",
            gid,
            name,
        }
    }

    pub fn section(store: &Store, gid: Gid) -> Named {
        let name = store
            .sections
            .get(&gid)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        Named {
            kind: "section",
            gid,
            name,
        }
    }

    fn json(&self) -> Value {
        let mut value =
            json!({ "gid": self.gid.to_string(), "resource_type": self.kind, "name": self.name });
        if self.kind == "task" {
            value["resource_subtype"] = json!("default_task");
        }
        value
    }
}

/// What changed in a `changed` event: the field, and for fields holding a
/// resource (assignee, parent) its new compact value.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    pub field: &'static str,
    pub action: &'static str,
    pub value: Option<Value>,
}

#[derive(Debug, Clone)]
struct Event {
    seq: u64,
    created_at: Timestamp,
    action: Action,
    resource: Named,
    parent: Option<Named>,
    user: Option<Gid>,
    change: Option<Change>,
    /// The projects and tasks whose subscriptions see this event.
    audience: Vec<Gid>,
}

#[derive(Debug, Clone, Copy)]
struct SyncPoint {
    resource: Gid,
    /// The token sees events with a larger sequence number.
    after: u64,
}

/// The log of events and the sync tokens handed out.
pub(crate) struct EventLog {
    events: VecDeque<Event>,
    last_seq: u64,
    tokens: HashMap<String, SyncPoint>,
    token_order: VecDeque<String>,
    minted: u64,
    /// Makes tokens of an earlier run (before a reset) unknown to this one.
    salt: i128,
}

impl Default for EventLog {
    fn default() -> Self {
        EventLog {
            events: VecDeque::new(),
            last_seq: 0,
            tokens: HashMap::new(),
            token_order: VecDeque::new(),
            minted: 0,
            salt: Timestamp::now().as_nanosecond(),
        }
    }
}

/// What one poll of the events endpoint finds.
pub(crate) struct Poll {
    events: Vec<Event>,
    pub sync: String,
    pub has_more: bool,
}

impl EventLog {
    /// Records one event for the given audience (projects and tasks).
    pub fn record(
        &mut self,
        action: Action,
        resource: Named,
        parent: Option<Named>,
        user: Gid,
        change: Option<Change>,
        audience: Vec<Gid>,
    ) {
        self.last_seq += 1;
        self.events.push_back(Event {
            seq: self.last_seq,
            created_at: store::now(),
            action,
            resource,
            parent,
            user: Some(user),
            change,
            audience,
        });
        while self.events.len() > LOG_CAPACITY {
            self.events.pop_front();
        }
    }

    /// Forgets every token handed out so far: the next poll of each gets 412.
    pub fn expire_tokens(&mut self) -> usize {
        let count = self.tokens.len();
        self.tokens.clear();
        self.token_order.clear();
        count
    }

    fn has_tokens_for(&self, resource: Gid) -> bool {
        self.tokens.values().any(|point| point.resource == resource)
    }

    fn mint(&mut self, resource: Gid, after: u64) -> String {
        self.minted += 1;
        let digest = Sha256::digest(format!("{}:{}:{resource}:{after}", self.salt, self.minted));
        let token: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        self.tokens
            .insert(token.clone(), SyncPoint { resource, after });
        self.token_order.push_back(token.clone());
        while self.token_order.len() > TOKEN_CAPACITY {
            if let Some(old) = self.token_order.pop_front() {
                self.tokens.remove(&old);
            }
        }
        token
    }

    /// The events `resource` has seen since `token`, or `Err(fresh token)`
    /// when the token is missing, unknown or too old.
    pub fn poll(&mut self, resource: Gid, token: Option<&str>) -> Result<Poll, String> {
        let point = token
            .and_then(|t| self.tokens.get(t).copied())
            .filter(|p| p.resource == resource);
        let Some(point) = point else {
            return Err(self.mint(resource, self.last_seq));
        };
        let oldest_kept = self.events.front().map_or(self.last_seq + 1, |e| e.seq);
        if point.after + 1 < oldest_kept {
            return Err(self.mint(resource, self.last_seq));
        }
        let pending: Vec<&Event> = self
            .events
            .iter()
            .filter(|e| e.seq > point.after && e.audience.contains(&resource))
            .collect();
        if pending.len() > MAX_EVENTS_PER_TOKEN {
            return Err(self.mint(resource, self.last_seq));
        }
        let has_more = pending.len() > PAGE;
        let events: Vec<Event> = pending.into_iter().take(PAGE).cloned().collect();
        let after = match (has_more, events.last()) {
            (true, Some(last)) => last.seq,
            _ => self.last_seq,
        };
        Ok(Poll {
            events,
            sync: self.mint(resource, after),
            has_more,
        })
    }
}

fn event_json(store: &Store, event: &Event) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("user".into(), compact::optional_user(store, event.user));
    out.insert("created_at".into(), json!(store::iso(event.created_at)));
    out.insert("type".into(), json!(event.resource.kind));
    out.insert("action".into(), json!(event.action.as_str()));
    out.insert("resource".into(), event.resource.json());
    // Asana sends `"parent": null` on events without one, but its contract
    // types `parent` as a non-nullable object: leave it out instead.
    if let Some(parent) = &event.parent {
        out.insert("parent".into(), parent.json());
    }
    if let Some(change) = &event.change {
        let mut value = json!({ "field": change.field, "action": change.action });
        if let Some(new) = &change.value {
            let key = match change.action {
                "added" => "added_value",
                "removed" => "removed_value",
                _ => "new_value",
            };
            value[key] = new.clone();
        }
        out.insert("change".into(), value);
    }
    out
}

/// `GET /events?resource=&sync=`
pub(crate) async fn get_events(
    State(state): State<AsanaState>,
    _caller: Caller,
    params: Params,
) -> ApiResult {
    let text = params.require("resource")?;
    let resource = store::parse_gid(text).ok_or_else(|| ApiError::not_a_gid("resource", text))?;
    let mut store = state.store();
    // A deleted task stays pollable with its tokens, so the subscriber
    // still learns about the deletion.
    let exists = store.projects.contains_key(&resource) || store.tasks.contains_key(&resource);
    if !exists && !store.events.has_tokens_for(resource) {
        return Err(ApiError::unknown("resource", resource));
    }
    let poll = store
        .events
        .poll(resource, params.get("sync"))
        .map_err(|fresh| ApiError {
            status: StatusCode::PRECONDITION_FAILED,
            message: TOO_OLD.to_owned(),
            sync: Some(fresh),
        })?;
    let data: Vec<Value> = poll
        .events
        .iter()
        .map(|event| {
            params
                .fields
                .shape(event_json(&store, event), View::AllBut(&[]))
        })
        .collect();
    let body = json!({ "data": data, "sync": poll.sync, "has_more": poll.has_more });
    Ok(response::json_body(StatusCode::OK, &body, params.pretty))
}

/// `POST /__sim/asana/events/expire`: every sync token handed out so far
/// becomes too old, as happens now and then at Asana.
pub(crate) async fn expire(State(state): State<AsanaState>) -> Json<Value> {
    let expired = state.store().events.expire_tokens();
    Json(json!({ "expiredTokens": expired }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(gid: Gid) -> Named {
        Named {
            kind: "task",
            gid,
            name: format!("task {gid}"),
        }
    }

    #[test]
    fn a_first_poll_gets_a_token_then_the_events_since() {
        let mut log = EventLog::default();
        let token = log.poll(7, None).err().unwrap();
        log.record(Action::Changed, named(1), None, 99, None, vec![7, 1]);
        log.record(Action::Changed, named(2), None, 99, None, vec![8, 2]);
        let poll = log.poll(7, Some(&token)).ok().unwrap();
        assert_eq!(poll.events.len(), 1);
        assert!(!poll.has_more);
        let again = log.poll(7, Some(&poll.sync)).ok().unwrap();
        assert!(again.events.is_empty());
        assert!(
            log.poll(8, Some(&token)).is_err(),
            "a token belongs to its resource"
        );
    }

    #[test]
    fn more_than_a_page_sets_has_more_and_too_many_is_too_old() {
        let mut log = EventLog::default();
        let token = log.poll(7, None).err().unwrap();
        for n in 0..(PAGE as u64 + 5) {
            log.record(Action::Changed, named(n), None, 99, None, vec![7]);
        }
        let first = log.poll(7, Some(&token)).ok().unwrap();
        assert_eq!((first.events.len(), first.has_more), (PAGE, true));
        let rest = log.poll(7, Some(&first.sync)).ok().unwrap();
        assert_eq!((rest.events.len(), rest.has_more), (5, false));
        for n in 0..=MAX_EVENTS_PER_TOKEN as u64 {
            log.record(Action::Changed, named(n), None, 99, None, vec![7]);
        }
        assert!(log.poll(7, Some(&rest.sync)).is_err());
    }

    #[test]
    fn expired_tokens_are_refused() {
        let mut log = EventLog::default();
        let token = log.poll(7, None).err().unwrap();
        assert!(log.poll(7, Some(&token)).is_ok());
        log.expire_tokens();
        assert!(log.poll(7, Some(&token)).is_err());
    }
}
