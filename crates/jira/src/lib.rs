//! The Jira client: Jira Cloud (REST v3) and Jira Data Center (REST v2) on
//! the shared transport (`kakehashi-http`).
//!
//! [`JiraClient::connect`] reads the server's anonymous `serverInfo` to
//! tell Cloud from Data Center ([`Deployment`]) and speaks that product's
//! dialect from then on: REST v3 with ADF bodies and `nextPageToken`
//! searches on Cloud; REST v2 with plain-text bodies and `startAt`
//! searches, pages fetched in parallel, on Data Center.
//!
//! What it covers, one file per area:
//! - sign-in ([`auth`]): Cloud email + API token; Data Center password,
//!   personal access token, or OAuth 2.0 renewed before expiry and on 401
//!   ([`Credentials::dc_oauth`] over `kakehashi_http::oauth`);
//! - `myself`, `mypermissions`, `user/search`;
//! - issue counts for a JQL ([`IssueCount`]);
//! - search as a stream ([`search`]) and change-search JQL without the
//!   profile-time-zone trap ([`jql`]);
//! - issues (create with the sync marker as a property, read, edit,
//!   delete, find by marker), issue properties, transitions, comments,
//!   attachments (streamed both ways), worklogs and their change feeds,
//!   versions, boards and sprints, project roles and their actors;
//! - what a sync profile editor picks from ([`catalog`]): projects, a
//!   project's issue types and statuses, priorities, assignable people.
//!
//! What it does not: the OAuth authorization-code flow (the app's core
//! runs it and hands the tokens to a `TokenStore`), Jira Service
//! Management, webhooks, bulk issue endpoints. Retries, rate limits, trust
//! and the error taxonomy are the transport's; every failure is an
//! [`HttpError`] with a DESIGN §6 code.

pub mod adf;
mod agile;
mod attachments;
pub mod auth;
pub mod catalog;
mod client;
mod comments;
mod count;
mod errors;
mod issues;
pub mod jql;
pub mod model;
mod myself;
pub mod paging;
mod probe;
mod properties;
mod roles;
pub mod search;
mod transitions;
mod users;
mod versions;
mod worklogs;

pub use agile::SprintState;
pub use auth::{
    dc_oauth_client, CredentialKind, Credentials, OAUTH_AUTHORIZE_PATH, OAUTH_TOKEN_PATH,
};
pub use client::{JiraClient, SearchTuning};
pub use count::IssueCount;
pub use errors::JiraDecoder;
pub use kakehashi_http::{Endpoint, ErrorKind, HttpError};
pub use model::issue::{FieldValues, Issue, NewIssue};
pub use model::server::{Deployment, ServerInfo};
pub use model::text::RichText;
pub use model::time::JiraTime;
pub use myself::{PermissionScope, SYNC_PERMISSIONS};
pub use probe::probe;
pub use search::SearchRequest;
pub use worklogs::{AdjustEstimate, WorklogFeed, WORKLOG_LIST_BATCH};
