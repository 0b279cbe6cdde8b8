//! Jira Cloud (REST v3) and Jira Data Center (REST v2) simulators.

use axum::Router;

use crate::vendor::{BuildContext, VendorApp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Cloud,
    DataCenter,
}

pub(crate) fn build(_flavor: Flavor, _context: &BuildContext) -> VendorApp {
    VendorApp {
        router: Router::new(),
        reset: Box::new(|| {}),
        admin: None,
    }
}
