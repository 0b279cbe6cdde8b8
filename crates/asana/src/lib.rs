//! The Asana client (DESIGN §2–§3): personal access token or OAuth 2.0
//! (refreshed once on 401), `users/me`, workspaces, projects, tasks with
//! typed custom field values, custom field definitions and project settings,
//! attachments streamed both ways, and the events API with sync tokens.
//!
//! Every request goes through `kakehashi-http`, which owns retries, the rate
//! limit (Asana answers 429 with `Retry-After`; the policy adapts) and the
//! error taxonomy; [`AsanaDecoder`] hands it Asana's own error words. Lists
//! are [`Stream`](futures_util::Stream)s that page with `limit` and `offset`.
//!
//! Not covered: sections, subtasks, stories (comments), tags, webhooks (a
//! desktop app cannot receive them), the premium task search, and the
//! browser part of the OAuth sign-in (`/-/oauth_authorize`), which belongs to
//! the credentials layer; `kakehashi_http::oauth::TokenEndpoint` exchanges
//! the code of its redirect, with [`oauth_client`] naming Asana's endpoints.

mod attachments;
mod auth;
mod client;
mod custom_fields;
mod errors;
mod events;
pub mod model;
mod paging;
mod probe;
mod projects;
mod tasks;
mod users;
mod workspaces;

pub use attachments::MAX_UPLOAD_BYTES;
pub use auth::{
    oauth_client, Credentials, OAUTH_AUTHORIZE_PATH, OAUTH_REVOKE_PATH, OAUTH_TOKEN_PATH,
};
pub use client::{AsanaClient, Deletion, ASANA_URL};
pub use errors::AsanaDecoder;
pub use events::EventsOutcome;
pub use paging::{collect, Items, ListOptions, MAX_LIMIT};
pub use probe::probe;
pub use tasks::TASK_FIELDS;
