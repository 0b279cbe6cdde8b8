//! TimeTracker NX simulator.
//!
//! The API lives under `/TimeTrackerNX/api/...` (the base URL users enter ends
//! in `/TimeTrackerNX`). What it serves, and the choices where the vendor's
//! contract (`contracts/timetracker-nx`) and help pages are silent:
//!
//! - **Auth** (`auth.rs`): `X-TT-ApiKey` with the person's
//!   `secret(SimKind::Ttnx)`; `POST /auth/token` + `Bearer`; Basic. The
//!   password for the last two is [`password`] (`sim-ttnx-password-<login>`),
//!   listed with the API key at `GET /__sim/ttnx/users`. `users/me` reports an
//!   API key as `authenticationType: "Bearer"` (the contract's enum has no
//!   value for API keys).
//! - **Ids** are strings on the wire; users, work items (a project is its
//!   root work item, same id), members and time entries have separate
//!   sequences (users from 1, items from 1001, members from 251, entries
//!   from 70001), so a member `id` never equals its `partyId`.
//! - **Times**: work times without offset in server local time
//!   (Asia/Tokyo); audit times UTC with `Z` (`times.rs`).
//! - **Writes** are all-or-nothing: every id and every part of a request is
//!   checked before anything changes. Bodies with properties the contract
//!   does not allow are refused with 400.
//! - **No body**: PUT of work items and time entries, DELETE of time entries
//!   and of the token answer 204, like the vendor's `void` actions.
//! - **Errors** are always `[{"message": "..."}]`, in Japanese like a
//!   ja-JP server.
//! - **SSO-only user** (`sso.rs`): the demo seed has `suzuki.sso`, whose
//!   password logins always get a 401 saying local authentication is not
//!   allowed; the API key works; `allowLocalAuthentication: false`.
//! - **Control**: `GET|PUT /__sim/ttnx/settings` (input granularity, lock
//!   date, default unit cost), `GET /__sim/ttnx/users` (`control.rs`) and
//!   `POST /__sim/ttnx/users` (generated users and members, `generate.rs`).

mod auth;
mod control;
mod entry_rules;
mod generate;
mod item_create;
mod item_fields;
mod item_types;
mod members;
mod projects;
mod reply;
mod seed;
mod sso;
mod store;
mod time_entries;
mod times;
mod users;
mod workitems;

use std::sync::{Arc, Mutex, RwLock};

use axum::routing::{get, post};
use axum::Router;

pub use auth::{api_key, password, API_KEY_HEADER};
pub use sso::{sso_only_person, SSO_LOGIN};
pub use times::SERVER_ZONE;

use crate::vendor::{BuildContext, VendorApp};
use store::Shared;

/// The default site path; the API lives under `{SITE_PATH}/api`.
pub const SITE_PATH: &str = "/TimeTrackerNX";

pub(crate) fn build(context: &BuildContext) -> VendorApp {
    let seed = context.seed;
    let shared = Arc::new(Shared {
        store: RwLock::new(seed::build(seed)),
        tokens: Mutex::new(Default::default()),
        seed,
    });
    let reset_target = shared.clone();
    VendorApp {
        router: router(shared.clone()),
        reset: Box::new(move || *reset_target.write() = seed::build(reset_target.seed)),
        admin: Some(control::router(shared, format!("{}/api", context.base_url))),
    }
}

fn router(shared: Arc<Shared>) -> Router {
    let api = Router::new()
        .route(
            "/auth/token",
            post(auth::create_token).delete(auth::delete_token),
        )
        .route("/system/users/me", get(users::me))
        .route("/system/users", get(users::search))
        .route("/system/users/{users}", get(users::by_ids))
        .route(
            "/system/users/{users}/timeEntries",
            get(time_entries::list).post(time_entries::create),
        )
        .route(
            "/system/users/{users}/timeEntries/{ids}",
            get(time_entries::by_ids)
                .put(time_entries::update)
                .delete(time_entries::delete),
        )
        .route("/system/organizations", get(users::organizations))
        .route("/project/projects", get(projects::list))
        .route(
            "/project/projects/{ids}",
            get(projects::by_ids).put(projects::update),
        )
        .route("/workitem/itemTypes", get(item_types::list_item_types))
        .route("/workitem/statusTypes", get(item_types::list_status_types))
        .route(
            "/workitem/workItems/{ids}",
            get(workitems::by_ids)
                .put(workitems::update)
                .delete(workitems::delete),
        )
        .route(
            "/workitem/workItems/{ids}/subItems",
            get(workitems::tree).post(item_create::create),
        )
        // After every route: a wrong method on a known path gets the
        // vendor's error body, not axum's empty 405.
        .method_not_allowed_fallback(|| async {
            reply::ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "このリソースはこの HTTP メソッドに対応していません。",
            )
        })
        .with_state(shared);
    Router::new().nest(&format!("{SITE_PATH}/api"), api)
}
