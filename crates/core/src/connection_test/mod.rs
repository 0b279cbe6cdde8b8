//! Test connection (issue 6): both sides of a connection checked at the
//! same time, as a checklist that fills in live — DNS, TCP, TLS, proxy,
//! addresses, product, sign-in, identity, permissions, clock and (Jira
//! Cloud) e-mail visibility — each failure saying what, why and how to fix
//! it in the UI language.
//!
//! The desktop app holds the database only around the quick steps:
//! [`prepare`] (database and keychain) → [`TestPlan::run`] (network only,
//! `Send`) → [`record`] (database). Results are stored per server and
//! credential in a language-neutral form and rendered when read ([`last`]).
//!
//! Where things are: `model.rs` the types the UI sees; `findings.rs` the
//! stored codes; `text/` their words in en, ja and sv; `plan.rs` prepare;
//! `run.rs` the order of the checks; `network.rs` (dns, tcp, tls, proxy,
//! addresses), `product.rs`, `auth.rs`, `identity.rs`, `permissions.rs`,
//! `clock.rs`, `email.rs` the checks; `report.rs` rendering and the
//! copyable text; `store.rs` the table.

mod auth;
mod clock;
mod email;
mod findings;
mod identity;
mod model;
mod network;
mod permissions;
mod plan;
mod product;
mod report;
mod run;
mod store;
mod text;

pub use model::{
    CertificateView, CheckId, CheckResult, CheckStatus, ConnectionTestReport, LastTest, Outcome,
    PermissionResult, Side, SideReport, Suggestion, TestProgress,
};
pub use plan::{prepare, TestPlan, TestTarget};
pub use report::{report_text, RecordedTest};
pub use store::{last, last_summary, record, trust_certificate};
