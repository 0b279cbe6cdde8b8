//! Sync profiles and the sync engine (DESIGN §5): read both sides, diff
//! three ways against the last synced snapshot, plan, apply through a
//! durable journal, commit snapshots and watermarks together.
//!
//! The engine is generic over a [`connector::Connector`]; the Jira ↔
//! TimeTracker NX pair lives in [`jira_ttnx`].

mod apply;
mod breaker;
mod commit;
pub mod connector;
mod db_text;
mod diff;
mod echo;
pub mod engine;
pub mod jira_ttnx;
mod journal;
mod links;
pub mod model;
mod model_run;
mod plan;
mod plan_create;
mod plan_heal;
mod plan_pairs;
pub mod problems;
pub mod profile;
pub(crate) mod profile_check;
mod profile_store;
pub mod progress;
mod resolve;
pub mod run_lock;
pub mod runs;
mod undo;

pub use connector::{Connector, Fields, Record, SideRead, WriteOp, WriteResult};
pub use engine::{RunOptions, RunReport};
pub use model::*;
pub use plan::idempotency_key;
pub use problems::problems;
pub use progress::ProgressFn;
pub use resolve::resolve_problem;
pub use runs::{mark_interrupted, run_detail, runs};
