//! Sync profiles and the sync engine (DESIGN §5): read both sides, diff
//! three ways against the last synced snapshot, plan, apply through a
//! durable journal, commit snapshots and watermarks together.
//!
//! The engine is generic over a [`connector::Connector`]; the Jira ↔
//! TimeTracker NX pair lives in [`jira_ttnx`].

pub mod connector;
mod db_text;
pub mod jira_ttnx;
pub mod model;
mod model_run;

pub use connector::{Connector, Fields, Record, SideRead, WriteOp, WriteResult};
pub use model::*;
