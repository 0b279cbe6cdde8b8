//! TimeTracker NX simulator.

use axum::Router;

use crate::vendor::{BuildContext, VendorApp};

/// The default site path; the API lives under `{SITE_PATH}/api`.
pub const SITE_PATH: &str = "/TimeTrackerNX";

pub(crate) fn build(_context: &BuildContext) -> VendorApp {
    VendorApp {
        router: Router::new(),
        reset: Box::new(|| {}),
        admin: None,
    }
}
