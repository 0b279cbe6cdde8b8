//! Redirects. Within the server's own origin (scheme, host, port) they are
//! followed. To another origin only a `303 See Other` to https is followed —
//! Jira Cloud hands attachment downloads to its media host that way — and
//! only for requests whose credential reqwest drops on the way
//! (`Authorization`); a vendor key header (TimeTracker NX `X-TT-ApiKey`)
//! would be sent on, so those requests never leave the origin. Any other
//! move (typically http:// to https://, or a sign-in page in front of the
//! server) is returned and reported with where it pointed: the server's URL
//! should be corrected, and a credential sent there would be lost or leaked.

use reqwest::header::{HeaderMap, LOCATION};
use reqwest::redirect::Policy;
use reqwest::StatusCode;

use crate::error::{ErrorKind, HttpError};

/// Hops at most; a login page that loops is reported, not chased.
const MAX_HOPS: usize = 5;

/// What happens to the request's credential on a redirect to another origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Credential {
    /// reqwest removes it (`Authorization`), or there is none.
    Dropped,
    /// reqwest would send it on (a vendor header).
    Kept,
}

pub(crate) fn policy(credential: Credential) -> Policy {
    Policy::custom(move |attempt| {
        let Some(previous) = attempt.previous().last() else {
            return attempt.stop();
        };
        let same_origin = previous.origin() == attempt.url().origin();
        let handed_over = credential == Credential::Dropped
            && attempt.status() == StatusCode::SEE_OTHER
            && attempt.url().scheme() == "https";
        if attempt.previous().len() <= MAX_HOPS && (same_origin || handed_over) {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// A redirect that was not followed: the address to correct, and where it
/// pointed (without a query, which may carry a login ticket).
pub(crate) fn not_followed(what: &str, code: u16, headers: &HeaderMap) -> HttpError {
    let target = headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(|location| {
            location
                .split(['?', '#'])
                .next()
                .unwrap_or_default()
                .to_owned()
        });
    let message = match target {
        Some(target) => format!("{what}: the server sends requests to {target} ({code}), which is not this server's address, so the credential was not sent there. If that is where the server now lives, enter it as the server's URL (or as the alternative URL)."),
        None => format!("{what}: the server answered with a redirect ({code}) that leads nowhere or in circles. Check the server's URL; a sign-in page in front of the server cannot be passed by Kakehashi."),
    };
    HttpError::new(
        ErrorKind::InvalidInput {
            field: "baseUrl".into(),
        },
        message,
    )
    .with_status(code)
}
