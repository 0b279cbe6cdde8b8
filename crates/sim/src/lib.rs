//! Stateful simulators of the four vendor servers Kakehashi talks to: Jira
//! Cloud (REST v3), Jira Data Center (REST v2), TimeTracker NX and Asana.
//!
//! They stand in for the vendors in tests, benchmarks, `kakehashi sim` and the
//! desktop app's demo workspace, and they are held to the vendors' published
//! contracts by the tests in `tests/contracts_*.rs`. Every simulator:
//! - keeps its data in memory, seeded from [`Seed`] (`demo` or `large:N`);
//! - authenticates like the vendor and answers a missing permission with the
//!   vendor's 403;
//! - injects latency, rate limits and faults deterministically from a seed
//!   ([`Behaviour`]), changeable at run time through `/__sim/config`;
//! - runs on a simulated clock (`PUT /__sim/clock`) that every answer's
//!   `Date` header shows;
//! - reports request counts per endpoint at `/__sim/stats` and resets its
//!   state at `POST /__sim/reset`.

mod admin;
pub mod asana;
mod behaviour;
mod connection;
mod freeze;
pub mod jira;
mod kind;
pub mod people;
mod seed;
mod server;
mod stats;
mod switches;
pub mod ttnx;
mod vendor;

pub use behaviour::{Behaviour, FaultKind};
pub use kind::SimKind;
pub use seed::{Seed, SeedError};
pub use server::{start, start_all, RunningSim, SimError, SimOptions};
pub use stats::StatsSnapshot;
