//! The events API: what changed on a project or task since a sync token.
//! A desktop app cannot receive webhooks, so Kakehashi polls here.
//!
//! The first call has no token; Asana answers 412 with a fresh one. A token
//! that is too old (Asana keeps events for a while only) gets 412 and a
//! fresh token as well: the caller must read the full data set again and
//! keep the new token. Both come back as [`EventsOutcome::Resync`].

use kakehashi_http::{HttpError, Method, StatusCode};
use serde::Deserialize;

use crate::client::{checked_gid, AsanaClient};
use crate::model::Event;

/// What polling the events of a resource found.
#[derive(Debug, Clone, PartialEq)]
pub enum EventsOutcome {
    /// Everything that happened since the token, oldest first, and the token
    /// for the next poll.
    Changes { events: Vec<Event>, sync: String },
    /// No usable token: read the resource's full data set again, then poll
    /// with `sync`.
    Resync { sync: String },
}

/// A 200 (`data`, `sync`, `has_more`) or a 412 (`errors`, `sync`).
#[derive(Deserialize)]
struct EventsAnswer {
    data: Option<Vec<Event>>,
    sync: Option<String>,
    #[serde(default)]
    has_more: bool,
}

impl AsanaClient {
    /// The events on `resource_gid` (a project or a task) since `sync`,
    /// following `has_more` until Asana has handed out everything.
    pub async fn events(
        &self,
        resource_gid: &str,
        sync: Option<&str>,
    ) -> Result<EventsOutcome, HttpError> {
        let resource = checked_gid("resource", resource_gid)?;
        let mut token = sync.map(str::to_owned);
        let mut events = Vec::new();
        loop {
            let answer: EventsAnswer = self
                .api(Method::GET, "events")
                .query("resource", resource)
                .query_opt("sync", token.as_deref())
                .accept_status(StatusCode::PRECONDITION_FAILED)
                .send_json()
                .await?;
            let Some(fresh) = answer.sync.filter(|s| !s.is_empty()) else {
                return Err(HttpError::malformed(
                    "GET /api/1.0/events",
                    "(the answer carries no sync token)",
                ));
            };
            let Some(page) = answer.data else {
                // 412: the token is missing or too old. Events read so far
                // are moot: a full read follows.
                return Ok(EventsOutcome::Resync { sync: fresh });
            };
            events.extend(page);
            if !answer.has_more {
                return Ok(EventsOutcome::Changes {
                    events,
                    sync: fresh,
                });
            }
            token = Some(fresh);
        }
    }
}
