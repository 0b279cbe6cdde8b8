//! TimeTracker NX client (DESIGN §2–§5), on the shared transport
//! `kakehashi-http`.
//!
//! What it covers:
//! - sign-in with an API key, Basic, or a token that is renewed on 401
//!   ([`Credentials`], [`TokenSession`]);
//! - `users/me` and the user search ([`users`]); projects with their members
//!   ([`projects`]) and `memberChange` ([`members`]);
//! - the work-item tree, batch creation through `subItems[]` with the sync
//!   marker in `metadata`, update and delete ([`workitems`]);
//! - a user's time entries: list, read, create, update, delete ([`time_entries`]);
//! - the server's offset-less work times ↔ UTC in the server's zone, and the
//!   input granularity ([`time`]).
//!
//! What it does not: decide which zone the server runs in (the caller's
//! server settings do; [`TtnxClient::profile_zone`] is a first guess),
//! write metadata after creation (the API's PUT does not take it), user
//! groups, organisations, project creation. Retries, rate limits and the
//! error taxonomy are the transport's: every failure is a
//! [`kakehashi_http::HttpError`].

mod auth;
mod client;
mod errors;
pub mod members;
pub mod model;
mod paging;
mod probe;
pub mod projects;
pub mod time;
pub mod time_entries;
pub mod users;
pub mod workitems;

pub use auth::{Credentials, TokenSession, API_KEY_HEADER};
pub use client::{endpoint, TtnxClient};
pub use errors::TtnxErrorDecoder;
pub use members::{MemberChange, MemberChangeResult};
pub use paging::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
pub use probe::probe;
pub use time::{Granularity, Rounding, ServerZone, WallClock};
