//! Asana simulator.

use axum::Router;

use crate::vendor::{BuildContext, VendorApp};

pub(crate) fn build(_context: &BuildContext) -> VendorApp {
    VendorApp {
        router: Router::new(),
        reset: Box::new(|| {}),
        admin: None,
    }
}
