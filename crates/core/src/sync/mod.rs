//! Sync profiles and the sync engine (DESIGN §5): read both sides, diff
//! three ways against the last synced snapshot, plan, apply through a
//! durable journal, commit snapshots and watermarks together.
//!
//! The engine is generic over a [`connector::Connector`]; the Jira ↔
//! TimeTracker NX pair lives in [`jira_ttnx`].

pub mod connector;
mod db_text;
pub mod jira_ttnx;
mod journal;
mod links;
pub mod model;
mod model_run;
pub mod problems;
pub mod profile;
mod profile_check;
mod profile_store;
pub mod runs;

pub use connector::{Connector, Fields, Record, SideRead, WriteOp, WriteResult};
pub use model::*;
pub use problems::problems;
pub use runs::{mark_interrupted, run_detail, runs};
