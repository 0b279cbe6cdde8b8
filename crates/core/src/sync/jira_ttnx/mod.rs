//! The Jira ↔ TimeTracker NX pair (DESIGN §5): a [`Connector`] that speaks
//! both sides of one profile, plus what the profile editor asks the two
//! servers (scope options, mapping suggestions, permission checks).
//!
//! Where things are: `setup.rs` what a connector knows about its profile
//! and servers; `open.rs` builds one from the database and keychain;
//! `structure.rs` the layout check; `fields.rs` native values; `values.rs`
//! translation; `ids.rs` record ids; `markers.rs` create markers;
//! `jira_read.rs` / `ttnx_read.rs` and `jira_write.rs` / `ttnx_write.rs`
//! each side's reads and writes; `heal.rs` finding lost creates again;
//! `worklogs.rs` (fields, ids, markers), `worklog_read.rs`,
//! `worklog_write.rs`, `worklog_heal.rs` and `zones.rs` the worklogs.

mod choices;
mod heal;
mod ids;
mod jira_presence;
mod jira_read;
mod jira_write;
mod markers;
mod open;
mod outcome;
mod permissions;
mod scope_options;
mod setup;
mod structure;
mod suggestions;
mod ttnx_read;
mod ttnx_write;
mod user_matching;
mod values;
mod worklog_heal;
mod worklog_read;
mod worklog_write;
mod worklogs;
pub mod zones;

pub mod fields;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use kakehashi_jira::JiraClient;
use kakehashi_ttnx::TtnxClient;
use serde_json::Value;

use crate::sync::connector::{Connector, SideRead, WriteOp, WriteResult};
use crate::sync::model::{EntityKind, ProblemCause, ServerRequests, Side, SyncField};
use crate::AppResult;

pub use markers::{JIRA_PROPERTY, TTNX_METADATA};
pub use open::{open, prepare};
pub use setup::Setup;

// Editor support: what the profile editor is offered.
pub use choices::{
    Choice, MappingSuggestions, MatchedBy, PermissionCheck, ScopeOptions, UserSuggestion,
    ValueSuggestions,
};
pub use permissions::{jira_needs, MANAGE_PROJECT};
pub use scope_options::{jira_boards, scope_options, ttnx_folders};
pub use suggestions::suggestions;

/// What reads learn that later writes and `closes` need.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    /// Jira issue id → key (sub-task parents are named by key).
    pub jira_keys: BTreeMap<String, String>,
    /// Jira status ids whose category is "done".
    pub jira_done: BTreeSet<String>,
    /// A Jira issue type for sub-tasks, as seen on the server.
    pub jira_subtask_type: Option<String>,
    /// TT NX user id → name (the project's members), for worklog authors.
    pub ttnx_names: BTreeMap<String, String>,
    /// Jira accountId (user name on Data Center) → display name, as the
    /// reads met the people (assignees, worklog authors).
    pub jira_names: BTreeMap<String, String>,
    /// The Jira technical user (`/myself`): its id and profile zone.
    pub jira_me: Option<(Option<String>, jiff::tz::TimeZone)>,
}

/// The Jira ↔ TimeTracker NX connector of one profile.
pub struct JiraTtnx {
    pub(crate) jira: JiraClient,
    pub(crate) ttnx: TtnxClient,
    pub(crate) setup: Setup,
    pub(crate) cache: Mutex<Cache>,
    /// Requests already made by the clients before this connector (a
    /// shared client's earlier calls do not count for this run).
    start: (u64, u64),
}

impl std::fmt::Debug for JiraTtnx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JiraTtnx")
            .field("setup", &self.setup)
            .finish_non_exhaustive()
    }
}

impl JiraTtnx {
    /// A connector over signed-in clients (what [`open`] builds; tests
    /// build it directly against the simulators).
    pub fn new(jira: JiraClient, ttnx: TtnxClient, setup: Setup) -> Self {
        let start = (jira.http().requests_sent(), ttnx.http().requests_sent());
        JiraTtnx {
            jira,
            ttnx,
            setup,
            cache: Mutex::new(Cache::default()),
            start,
        }
    }

    pub(crate) fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        // A panic while the cache was held leaves plain data behind.
        self.cache.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn is_jira(&self, side: Side) -> bool {
        side == self.setup.jira_side
    }

    /// A problem about an unmapped person, with the name the reads met them
    /// by (the id stays: mapping the person needs it).
    pub(crate) fn named(&self, cause: ProblemCause) -> ProblemCause {
        match cause {
            ProblemCause::UnmappedUser { side, user, name } if name == user => {
                let cache = self.cache();
                let names = if self.is_jira(side) {
                    &cache.jira_names
                } else {
                    &cache.ttnx_names
                };
                let name = names
                    .get(&user)
                    .filter(|known| !known.is_empty())
                    .cloned()
                    .unwrap_or(name);
                ProblemCause::UnmappedUser { side, user, name }
            }
            other => other,
        }
    }

    /// The Jira technical user's id and zone, asked once (`/myself`). A
    /// profile without a zone Jira knows writes at UTC: `started` carries
    /// its offset, so the instant is right either way.
    pub(crate) async fn jira_me(&self) -> AppResult<(Option<String>, jiff::tz::TimeZone)> {
        if let Some(me) = self.cache().jira_me.clone() {
            return Ok(me);
        }
        let user = self.jira.myself().await?;
        let me = (
            user.id().map(str::to_owned),
            user.zone().unwrap_or(jiff::tz::TimeZone::UTC),
        );
        self.cache().jira_me = Some(me.clone());
        Ok(me)
    }
}

impl Connector for JiraTtnx {
    fn servers(&self) -> [ServerRequests; 2] {
        let jira = ServerRequests {
            server_id: self.setup.jira_server.0,
            server_name: self.setup.jira_server.1.clone(),
            requests: count(self.jira.http().requests_sent(), self.start.0),
        };
        let ttnx = ServerRequests {
            server_id: self.setup.ttnx_server.0,
            server_name: self.setup.ttnx_server.1.clone(),
            requests: count(self.ttnx.http().requests_sent(), self.start.1),
        };
        match self.setup.jira_side {
            Side::Left => [jira, ttnx],
            Side::Right => [ttnx, jira],
        }
    }

    async fn read(
        &self,
        side: Side,
        watermark: Option<&str>,
        linked: &BTreeSet<String>,
    ) -> AppResult<SideRead> {
        if self.is_jira(side) {
            self.read_jira(watermark, linked).await
        } else {
            self.read_ttnx(watermark, linked).await
        }
    }

    fn translate(
        &self,
        field: SyncField,
        from: Side,
        value: &Value,
    ) -> Result<Value, ProblemCause> {
        self.setup
            .translator
            .translate(field, from, value)
            .map_err(|cause| self.named(cause))
    }

    fn fields(&self, kind: EntityKind) -> Vec<SyncField> {
        fields::synced(kind)
    }

    async fn write(&self, side: Side, ops: &[WriteOp]) -> AppResult<Vec<WriteResult>> {
        if self.is_jira(side) {
            self.write_jira(ops).await
        } else {
            self.write_ttnx(ops).await
        }
    }

    async fn find_created(
        &self,
        side: Side,
        keys: &[String],
    ) -> AppResult<BTreeMap<String, String>> {
        if keys.is_empty() {
            return Ok(BTreeMap::new());
        }
        let (worklogs, items): (Vec<String>, Vec<String>) = keys
            .iter()
            .cloned()
            .partition(|k| worklogs::is_worklog_key(k));
        let mut found = BTreeMap::new();
        if !items.is_empty() {
            found.extend(if self.is_jira(side) {
                self.find_created_jira(&items).await?
            } else {
                self.find_created_ttnx(&items).await?
            });
        }
        if !worklogs.is_empty() {
            found.extend(if self.is_jira(side) {
                self.find_created_jira_worklogs(&worklogs).await?
            } else {
                self.find_created_ttnx_entries(&worklogs).await?
            });
        }
        Ok(found)
    }

    fn closes(&self, side: Side, status: &Value) -> bool {
        let Some(status) = status.as_str() else {
            return false;
        };
        if self.is_jira(side) {
            self.cache().jira_done.contains(status)
        } else {
            self.setup
                .completed_statuses
                .iter()
                .any(|s| s.as_str() == status)
        }
    }
}

fn count(now: u64, start: u64) -> u32 {
    u32::try_from(now.saturating_sub(start)).unwrap_or(u32::MAX)
}
