//! A profile on a Jira ↔ TT NX connection in an in-memory database, with
//! the fake pair, and helpers to run the engine and look at both sides.

use std::sync::Arc;

use kakehashi_core::store::Database;
use kakehashi_core::sync::engine::{self, RunOptions, RunReport};
use kakehashi_core::sync::{
    idempotency_key, profile, ConflictPolicy, DeletionPolicy, Entities, EntityKind, GroupBy,
    ProfileDraft, RunOutcome, Schedule, Scope, Side, SyncField, SyncProfile, Trigger, ValueMaps,
};
use kakehashi_core::workspace::{
    connections, servers, ConnectionSide, Direction, NewConnection, NewServer, ServerKind,
};
use kakehashi_core::AppResult;
use tokio_util::sync::CancellationToken;

use super::fake::Fake;

pub struct World {
    pub db: Database,
    pub fake: Fake,
    pub profile: SyncProfile,
}

fn server(db: &Database, kind: ServerKind, url: &str) -> u32 {
    servers::add(
        db,
        &NewServer {
            kind,
            name: format!("{kind:?}"),
            base_url: url.into(),
            alt_url: None,
            time_zone: None,
            is_demo: false,
            tls: Default::default(),
            proxy: Default::default(),
        },
    )
    .unwrap()
    .id
}

pub fn block<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

impl World {
    pub fn new(conflict_policy: ConflictPolicy, deletion: DeletionPolicy) -> Self {
        let db = Database::open_in_memory().unwrap();
        let left = server(&db, ServerKind::JiraCloud, "https://example.atlassian.net");
        let right = server(
            &db,
            ServerKind::TimeTrackerNx,
            "https://tt.example.com/TimeTrackerNX",
        );
        let connection = connections::add(
            &db,
            &NewConnection {
                name: "pair".into(),
                left: ConnectionSide {
                    server_id: left,
                    credential_id: None,
                },
                right: ConnectionSide {
                    server_id: right,
                    credential_id: None,
                },
                direction: Direction::Both,
            },
        )
        .unwrap();
        let profile = profile::save(
            &db,
            &ProfileDraft {
                id: None,
                name: "WEB".into(),
                connection_id: connection.id,
                scope: Scope::JiraTtnx {
                    jira_project: "WEB".into(),
                    ttnx_project_id: "1".into(),
                    ttnx_folder_id: "2".into(),
                    group_by: GroupBy::Version,
                    board_id: None,
                },
                entities: Entities {
                    items: true,
                    worklogs: true,
                },
                fields: profile::default_fields(),
                value_maps: ValueMaps::default(),
                user_map: Vec::new(),
                conflict_policy,
                deletion,
                schedule: Schedule::Off,
                threshold_percent: 20,
            },
        )
        .unwrap();
        World {
            db,
            fake: Fake::default(),
            profile,
        }
    }

    pub fn try_run(
        &mut self,
        options: RunOptions,
        cancel: CancellationToken,
    ) -> AppResult<RunReport> {
        let profile = self.profile.clone();
        block(engine::run_with(
            &mut self.db,
            &self.fake,
            &profile,
            options,
            Arc::new(|_| {}),
            cancel,
        ))
    }

    /// A real run that confirms the breaker.
    pub fn run(&mut self) -> RunReport {
        self.try_run(options(false, true), CancellationToken::new())
            .unwrap()
    }

    /// Runs until a run plans nothing and no fault is left; returns how many runs it took.
    pub fn sync_until_quiet(&mut self) -> u32 {
        for count in 1..=40 {
            let report = self.try_run(options(false, true), CancellationToken::new());
            let quiet = report.as_ref().is_ok_and(|report| {
                report.plan.ops.is_empty() && report.summary.outcome == RunOutcome::Succeeded
            });
            if quiet && self.fake.lock().faults.is_empty() {
                return count;
            }
        }
        panic!("no quiet run after 40 runs");
    }

    /// The record carrying the marker of `source`'s record `id`, on the other side.
    pub fn counterpart(&self, source: Side, id: &str) -> Option<String> {
        let key = idempotency_key(self.profile.id, source, id);
        self.fake
            .records(source.other())
            .into_iter()
            .find(|(_, rec)| rec.marker.as_deref() == Some(key.as_str()))
            .map(|(id, _)| id)
    }

    /// A side's records by content, lower case: (kind, summary, status,
    /// parent summary) sorted, so two sides or two worlds compare equal
    /// whatever ids they got.
    pub fn canonical(&self, side: Side) -> Vec<(EntityKind, String, String, String)> {
        let records = self.fake.records(side);
        let text = |fields: &kakehashi_core::sync::Fields, field| {
            fields
                .get(&field)
                .and_then(|value| value.as_str())
                .unwrap_or("")
                .to_lowercase()
        };
        let mut out: Vec<_> = records
            .values()
            .filter(|rec| !rec.archived)
            .map(|rec| {
                let parent = rec
                    .parent
                    .as_ref()
                    .and_then(|id| records.get(id))
                    .map(|parent| text(&parent.fields, SyncField::Summary))
                    .unwrap_or_default();
                (
                    rec.kind,
                    text(&rec.fields, SyncField::Summary),
                    text(&rec.fields, SyncField::Status),
                    parent,
                )
            })
            .collect();
        out.sort();
        out
    }

    /// Both sides hold the same records, none twice, each linked once.
    pub fn assert_mirrored(&self) {
        let left = self.canonical(Side::Left);
        assert_eq!(left, self.canonical(Side::Right), "the sides differ");
        for side in [Side::Left, Side::Right] {
            let markers: Vec<_> = self
                .fake
                .records(side)
                .into_values()
                .filter_map(|rec| rec.marker)
                .collect();
            let unique: std::collections::BTreeSet<_> = markers.iter().collect();
            assert_eq!(
                markers.len(),
                unique.len(),
                "a record was created twice on {side:?}"
            );
        }
    }
}

pub fn options(dry_run: bool, confirm_breaker: bool) -> RunOptions {
    RunOptions {
        trigger: Trigger::Cli,
        dry_run,
        confirm_breaker,
    }
}
