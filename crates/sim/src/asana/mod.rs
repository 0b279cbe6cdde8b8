//! Asana simulator: the REST API under `/api/1.0` (users, workspaces,
//! projects, sections, tasks with custom fields, attachments, events) and
//! OAuth 2.0 under `/-/oauth_*`, like `https://app.asana.com`.
//!
//! Control routes (no auth, no faults):
//! - `POST /__sim/asana/oauth/clients {"redirectUri"}` registers an OAuth app
//! - `POST /__sim/asana/oauth/expire` expires every access token now
//! - `POST /__sim/asana/events/expire` makes every events sync token too old

mod attachments;
mod auth;
mod compact;
mod consent;
mod custom_fields;
mod events;
mod fields;
mod memberships;
mod oauth;
mod paging;
mod params;
mod projects;
mod response;
mod sections;
mod seed;
mod store;
mod task_input;
mod task_moves;
mod task_writes;
mod tasks;
mod url;
mod users;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;

pub use oauth::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_REDIRECT_URI};

use crate::people::Role;
use crate::vendor::{BuildContext, VendorApp};
use crate::{Seed, SimKind};
use oauth::OAuth;
use response::ApiError;
use store::{Gid, Store};

/// Where the REST API lives below the server's base URL.
pub(crate) const API_PREFIX: &str = "/api/1.0";

/// Everything the handlers share. Locks are never held across an `.await`.
#[derive(Clone)]
pub(crate) struct AsanaState {
    store: Arc<Mutex<Store>>,
    oauth: Arc<Mutex<OAuth>>,
    /// Personal access token → (user, role); the people never change.
    pats: Arc<HashMap<String, (Gid, Role)>>,
    /// `http://127.0.0.1:PORT`, for `next_page.uri`, permalinks and downloads.
    base_url: Arc<str>,
}

impl AsanaState {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn oauth(&self) -> MutexGuard<'_, OAuth> {
        self.oauth
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn base_url(&self) -> &str {
        &self.base_url
    }
}

pub(crate) fn build(context: &BuildContext) -> VendorApp {
    let seed: Seed = context.seed;
    let store = seed::build(seed);
    let pats = store
        .users
        .iter()
        .map(|user| {
            (
                user.person.secret(SimKind::Asana),
                (user.gid, user.person.role),
            )
        })
        .collect();
    let state = AsanaState {
        store: Arc::new(Mutex::new(store)),
        oauth: Arc::new(Mutex::new(OAuth::seeded())),
        pats: Arc::new(pats),
        base_url: Arc::from(context.base_url.trim_end_matches('/')),
    };
    let reset_state = state.clone();
    let reset = Box::new(move || {
        let fresh = seed::build(seed);
        *reset_state.store() = fresh;
        *reset_state.oauth() = OAuth::seeded();
    });
    VendorApp {
        router: api(state.clone()),
        reset,
        admin: Some(control(state)),
    }
}

fn api(state: AsanaState) -> Router {
    let api = Router::new()
        .route("/users", get(users::list_users))
        .route("/users/{user_gid}", get(users::get_user))
        .route("/workspaces", get(users::list_workspaces))
        .route("/workspaces/{workspace_gid}", get(users::get_workspace))
        .route(
            "/workspaces/{workspace_gid}/users",
            get(users::list_workspace_users),
        )
        .route(
            "/workspaces/{workspace_gid}/projects",
            get(projects::list_workspace_projects),
        )
        .route(
            "/workspaces/{workspace_gid}/custom_fields",
            get(custom_fields::list_for_workspace),
        )
        .route("/projects", get(projects::list_projects))
        .route("/projects/{project_gid}", get(projects::get_project))
        .route(
            "/projects/{project_gid}/sections",
            get(sections::list_for_project),
        )
        .route(
            "/projects/{project_gid}/tasks",
            get(tasks::list_for_project),
        )
        .route(
            "/projects/{project_gid}/custom_field_settings",
            get(custom_fields::list_settings),
        )
        .route("/sections/{section_gid}", get(sections::get_section))
        .route(
            "/sections/{section_gid}/tasks",
            get(tasks::list_for_section),
        )
        .route("/sections/{section_gid}/addTask", post(sections::add_task))
        .route(
            "/custom_fields/{custom_field_gid}",
            get(custom_fields::get_field),
        )
        .route(
            "/tasks",
            get(tasks::list_tasks).post(task_writes::create_task),
        )
        .route(
            "/tasks/{task_gid}",
            get(tasks::get_task)
                .put(task_writes::update_task)
                .delete(task_writes::delete_task),
        )
        .route(
            "/tasks/{task_gid}/subtasks",
            get(tasks::list_subtasks).post(task_writes::create_subtask),
        )
        .route(
            "/tasks/{task_gid}/addProject",
            post(task_moves::add_project),
        )
        .route(
            "/tasks/{task_gid}/removeProject",
            post(task_moves::remove_project),
        )
        .route("/tasks/{task_gid}/setParent", post(task_moves::set_parent))
        .route(
            "/attachments",
            get(attachments::list)
                .post(attachments::upload)
                .layer(DefaultBodyLimit::max(attachments::MAX_REQUEST_BYTES)),
        )
        .route(
            "/attachments/{attachment_gid}",
            get(attachments::get).delete(attachments::delete),
        )
        .route("/events", get(events::get_events))
        .method_not_allowed_fallback(no_route);
    Router::new()
        .nest(API_PREFIX, api)
        .route(
            "/-/oauth_authorize",
            get(consent::page_handler).post(consent::decision_handler),
        )
        .route("/-/oauth_token", post(oauth::token))
        .route("/-/oauth_revoke", post(oauth::revoke))
        .route(attachments::DOWNLOAD_ROUTE, get(attachments::download))
        .route(attachments::PERMANENT_ROUTE, get(attachments::permanent))
        .method_not_allowed_fallback(no_route)
        .with_state(state)
}

/// A known path with a method it does not take: Asana answers as for any
/// unknown route (404 in its error shape), not with axum's empty 405.
async fn no_route() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "No matching route for request")
}

fn control(state: AsanaState) -> Router {
    Router::new()
        .route("/__sim/asana/oauth/clients", post(oauth::register_client))
        .route("/__sim/asana/oauth/expire", post(oauth::expire_tokens))
        .route("/__sim/asana/events/expire", post(events::expire))
        .with_state(state)
}
