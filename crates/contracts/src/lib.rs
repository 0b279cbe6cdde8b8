//! Contract-test harness: the vendors' published contracts, vendored under
//! `crates/contracts/vendored/`, checked against what the simulators answer
//! and what the clients send. A dev-dependency only.
//!
//! ```ignore
//! use kakehashi_contracts as contracts;
//!
//! contracts::jira_cloud().assert_response("GET", "/rest/api/3/issue/WEB-1", 200, &body);
//! contracts::jira_dc().assert_request_rejected_by_contract("POST", "/rest/api/2/issue", &json!({}));
//! contracts::asana().assert_response("GET", "/api/1.0/tasks/123", 200, &body);
//! contracts::ttnx().assert_response("project/projects/getProject.json", &body);
//! ```
//!
//! Paths are the real request paths (query ignored); the harness strips the
//! base path the spec's `servers` imply (`/rest` for Jira DC, `/api/1.0` for
//! Asana, nothing for Jira Cloud) and picks the spec path whose segments
//! match, a literal segment beating a `{param}`. Each contract is loaded once
//! per test binary; compiled validators are cached per operation and status.
//! Where the harness is looser or stricter than a contract, it says so in
//! `crates/contracts/vendored/README.md`.

use std::sync::OnceLock;

mod issue_fields;
mod jira_patches;
mod openapi;
mod paths;
mod schema;
mod ttnx_schemas;
mod validate;
pub mod vendored;

pub use openapi::Contract;
#[allow(unused_imports)]
pub use ttnx_schemas::{project_member_schema, TtnxContracts};
#[allow(unused_imports)]
pub use validate::lenient_date_time;

/// Jira Cloud platform REST v3 (paths start with `/rest/api/3`; no agile API).
pub fn jira_cloud() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let mut spec = load(vendored::JIRA_CLOUD);
        jira_patches::patch_cloud(&mut spec);
        Contract::from_document("jira-cloud", spec, false)
    })
}

/// Jira Software Data Center 10.3 (`/rest/api/2`, `/rest/agile/1.0`, `/rest/auth/1`).
pub fn jira_dc() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        let mut spec = load(vendored::JIRA_DC);
        jira_patches::patch_data_center(&mut spec);
        Contract::from_document("jira-dc", spec, false)
    })
}

/// Asana (paths under `/api/1.0`).
pub fn asana() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| Contract::from_document("asana", load(vendored::ASANA), true))
}

/// The TimeTracker NX JSON schemas, by file (`system/users/getUserMe.json`).
pub fn ttnx() -> &'static TtnxContracts {
    static CONTRACTS: OnceLock<TtnxContracts> = OnceLock::new();
    CONTRACTS.get_or_init(|| TtnxContracts::load().unwrap_or_else(|e| panic!("{e}")))
}

fn load(relative: &str) -> serde_json::Value {
    vendored::read_gz_json(relative).unwrap_or_else(|e| panic!("vendored contract: {e}"))
}
