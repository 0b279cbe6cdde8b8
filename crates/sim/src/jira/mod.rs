//! Jira Cloud (REST v3) and Jira Data Center (REST v2) simulators.
//!
//! One implementation serves both; where the products differ it switches on
//! [`Flavor`]: `/rest/api/3` vs `/rest/api/2`, ADF vs plain-text bodies,
//! `nextPageToken` vs `startAt` search paging, `accountId` vs `name`/`key`
//! users, and the ways to sign in (Cloud API tokens; Data Center passwords
//! with a CAPTCHA lock, personal access tokens and OAuth 2.0).
//!
//! Layout: [`state`] holds a site, [`store`] its data, [`seed`] fills it;
//! [`auth`] and [`oauth`] say who calls; one file per resource group serves
//! the routes; [`control`] adds `/__sim/jira-*/` routes for tests.

mod access;
mod agile;
mod attachments;
mod auth;
mod bulkfetch;
mod catalog;
mod comments;
mod control;
mod demo;
mod errors;
mod issue_input;
mod issue_json;
mod issues;
mod jql;
mod lookups;
mod oauth;
mod oauth_endpoints;
mod params;
mod projects;
mod properties;
mod search;
mod seed;
mod state;
mod store;
mod text;
mod time;
mod transitions;
mod users;
mod versions;
mod worklogs;

use std::sync::Arc;

use axum::Router;

use crate::vendor::{BuildContext, VendorApp};

pub use oauth::{DEMO_CLIENT_ID, DEMO_REDIRECT_URI};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Cloud,
    DataCenter,
}

impl Flavor {
    /// Where the platform REST API lives.
    pub fn api(self) -> &'static str {
        match self {
            Flavor::Cloud => "/rest/api/3",
            Flavor::DataCenter => "/rest/api/2",
        }
    }
}

/// The client secret of the seeded OAuth 2.0 client (`kakehashi-demo`).
pub fn demo_client_secret() -> String {
    oauth::OAuthState::seeded().clients().remove(0).secret
}

pub(crate) fn build(flavor: Flavor, context: &BuildContext) -> VendorApp {
    let shared = Arc::new(state::Shared::new(
        flavor,
        context.seed,
        &context.base_url,
        context.switches.clone(),
    ));
    let mut router = Router::new()
        .merge(users::routes(flavor))
        .merge(projects::routes(flavor))
        .merge(versions::routes(flavor))
        .merge(issues::routes(flavor))
        .merge(properties::routes(flavor))
        .merge(transitions::routes(flavor))
        .merge(comments::routes(flavor))
        .merge(worklogs::routes(flavor))
        .merge(attachments::routes(flavor))
        .merge(search::routes(flavor))
        .merge(bulkfetch::routes(flavor))
        .merge(lookups::routes(flavor))
        .merge(agile::routes());
    router = match flavor {
        Flavor::Cloud => router.merge(users::cloud_v2_routes()),
        Flavor::DataCenter => router.merge(oauth_endpoints::routes()),
    };
    let admin = control::routes(flavor, shared.clone());
    let for_reset = shared.clone();
    VendorApp {
        router: router.with_state(shared),
        reset: Box::new(move || for_reset.reset()),
        admin: Some(admin),
    }
}
