//! Typed models of what Jira answers and what this crate sends. Unknown
//! fields are ignored; what a server may leave out is an `Option`.

pub mod agile;
pub mod attachment;
pub mod comment;
pub mod issue;
pub mod permission;
pub mod role;
pub mod server;
pub mod text;
pub mod time;
pub mod transition;
pub mod user;
pub mod version;
pub mod worklog;
