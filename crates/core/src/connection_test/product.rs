//! product: what answers at the server's address, without signing in —
//! the anonymous probe of `kakehashi server test`, one address at a time.

use kakehashi_http::{Endpoint, HttpError};

use super::findings::{Checked, Finding};
use super::model::CheckId;
use crate::remote::probe::{detect, Detected};
use crate::workspace::ServerKind;

/// What the probe of one address found.
pub(super) type Probed = Result<Detected, HttpError>;

/// Probes the base URL and, when set, the alternative URL, at the same time.
pub(super) async fn probe(
    kind: ServerKind,
    base: &Endpoint,
    alt: Option<&Endpoint>,
) -> (Probed, Option<Probed>) {
    let base = detect(kind, base.clone());
    match alt {
        Some(alt) => {
            let (base, alt) = tokio::join!(base, detect(kind, alt.clone()));
            (base, Some(alt))
        }
        None => (base.await, None),
    }
}

/// The product and version that answered where requests go.
pub(super) fn check(expected: ServerKind, probe: &Probed) -> Checked {
    match probe {
        Ok(found) if found.kind == expected => Checked::passed(
            CheckId::Product,
            Finding::ProductFound {
                kind: found.kind,
                version: found.version.clone(),
            },
        ),
        Ok(found) => Checked::failed(
            CheckId::Product,
            Finding::ProductMismatch {
                expected,
                found: found.kind,
            },
        ),
        Err(err) => Checked::failed(
            CheckId::Product,
            Finding::ProductNotRecognised {
                expected,
                detail: err.message.clone(),
            },
        ),
    }
}
