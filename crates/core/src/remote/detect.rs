//! What the server wizards ask before a server is stored: "what is at this
//! address?". The pasted address is normalised (`url_input`), then asked
//! anonymously, the way `kakehashi server test` asks a stored server
//! (`probe`), whether it is Jira (Cloud or Data Center, from `serverInfo`),
//! TimeTracker NX or Asana. The alternative URL is asked too, and used when
//! the base URL does not answer from this computer.
//!
//! Only unusable input is an `Err`, before any request. Everything the
//! network says — nothing answers, an untrusted certificate, another product
//! than expected — is the `problem` of an `Ok` answer, next to the
//! normalised URLs, so the wizard can show what it understood and offer the
//! next step (trust the certificate, set an alternative URL, pick the kind).

use kakehashi_http::{Endpoint, ErrorKind, HttpError};
use serde::Serialize;

use super::probe::{
    identify, single_address, AddressRole, Detected, ALT_BROKEN, NEITHER_ANSWERS, SET_AN_ALT_URL,
};
use crate::connection_test::CertificateView;
use crate::workspace::url_input::normalise;
use crate::workspace::ServerKind;
use crate::{AppError, AppResult};

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DetectedServer {
    /// The base URL as it is stored and shown in links.
    pub base_url: String,
    /// The alternative URL as it is stored, when one was given.
    pub alt_url: Option<String>,
    /// The product that answered; `None` when none did.
    pub kind: Option<ServerKind>,
    /// The product's version, when it tells (Jira).
    pub version: Option<String>,
    /// The address this answer describes: where the product answered (the
    /// base URL when both did), else where the untrusted certificate was
    /// shown, else where a server that is none of the products answered;
    /// `None` when nothing answered.
    pub reached_via: Option<AddressRole>,
    /// What stands in the way, with what to do: `Network` (nothing
    /// answers), `TlsUntrusted` (its `fingerprint` and `subject` are what the
    /// wizard offers to trust), `Validation` with field `kind` (another
    /// product than expected) or `url`/`altUrl` (no product we know there).
    pub problem: Option<AppError>,
    /// The certificate behind a `TlsUntrusted` problem — subject, issuer,
    /// validity and fingerprint — for the admin to compare before trusting.
    pub certificate: Option<CertificateView>,
}

/// What is at `raw_url` (and `alt_url`). `expected` is the kind the user
/// picked, if any: it decides which in-app paths are cut from the URL and
/// which product is asked first; between the two Jira kinds the server's
/// own answer decides, without a problem.
pub async fn detect(
    raw_url: &str,
    alt_url: Option<&str>,
    expected: Option<ServerKind>,
) -> AppResult<DetectedServer> {
    // Either Jira kind is read with Data Center's rules, which keep a
    // context path: the server has not said yet which one it is.
    let rules = expected.map(|kind| match Product::of(kind) {
        Product::Jira => ServerKind::JiraDataCenter,
        _ => kind,
    });
    let base_url = normalise(raw_url, rules).map_err(|err| renamed(err, "url"))?;
    let alt_url = match alt_url.map(str::trim).filter(|raw| !raw.is_empty()) {
        Some(raw) => Some(normalise(raw, rules).map_err(|err| renamed(err, "altUrl"))?),
        None => None,
    };
    let configured = Endpoint::new(&base_url)?;
    let order = asking_order(&base_url, expected);
    let base_endpoint = single_address(&configured, None)?;
    let alt_endpoint = match &alt_url {
        Some(alt) => Some(single_address(&configured, Some(alt))?),
        None => None,
    };
    let (base, alt) = tokio::join!(examine(base_endpoint, &order), async {
        match alt_endpoint {
            Some(endpoint) => Some(examine(endpoint, &order).await),
            None => None,
        }
    });
    let mut detected = conclude(base_url, alt_url, base, alt, expected);
    if detected.kind == Some(ServerKind::JiraCloud) {
        // Cloud has no context path: the URLs as they will be stored.
        detected.base_url = normalise(&detected.base_url, detected.kind)?;
        if let Some(alt) = &detected.alt_url {
            detected.alt_url = Some(normalise(alt, detected.kind)?);
        }
    }
    Ok(detected)
}

/// The same validation error, on the wizard's field.
fn renamed(err: AppError, field: &str) -> AppError {
    match err {
        AppError::Validation { message, .. } => AppError::validation(field, message),
        other => other,
    }
}

/// The three products; either Jira kind is asked the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Product {
    Jira,
    TimeTrackerNx,
    Asana,
}

impl Product {
    const ALL: [Product; 3] = [Product::Jira, Product::TimeTrackerNx, Product::Asana];

    fn of(kind: ServerKind) -> Product {
        match kind {
            ServerKind::JiraCloud | ServerKind::JiraDataCenter => Product::Jira,
            ServerKind::TimeTrackerNx => Product::TimeTrackerNx,
            ServerKind::Asana => Product::Asana,
        }
    }

    /// The kind `identify` is asked with; for Jira the answer says which.
    fn asked_as(self) -> ServerKind {
        match self {
            Product::Jira => ServerKind::JiraDataCenter,
            Product::TimeTrackerNx => ServerKind::TimeTrackerNx,
            Product::Asana => ServerKind::Asana,
        }
    }
}

/// The expected product first, else the one the URL looks like, so the
/// usual case takes one request; the others follow to name a wrong one.
fn asking_order(base_url: &str, expected: Option<ServerKind>) -> Vec<Product> {
    let lower = base_url.to_ascii_lowercase();
    let first = match expected {
        Some(kind) => Product::of(kind),
        None if lower.ends_with("/timetrackernx") => Product::TimeTrackerNx,
        None if lower.starts_with("https://app.asana.com") => Product::Asana,
        None => Product::Jira,
    };
    std::iter::once(first)
        .chain(Product::ALL.into_iter().filter(|p| *p != first))
        .collect()
}

/// What one address showed.
enum Seen {
    /// The product answered.
    Product(Detected),
    /// A server answered, but as none of the products (each one's refusal,
    /// in the order asked).
    Other(Vec<(Product, HttpError)>),
    /// The TLS handshake showed a certificate this computer does not trust.
    Untrusted(HttpError),
    /// Nothing answered: name resolution, connection, proxy or TLS failed.
    Unreachable(HttpError),
}

/// Asks `endpoint` for each product in `order` until one answers. A
/// failure below HTTP ends the asking: every product would meet it again,
/// and each try may cost a connect timeout.
async fn examine(endpoint: Endpoint, order: &[Product]) -> Seen {
    let mut refusals = Vec::new();
    for &product in order {
        match identify(product.asked_as(), endpoint.clone()).await {
            Ok(found) => return Seen::Product(found),
            Err(err) if matches!(err.kind, ErrorKind::TlsUntrusted(_)) => {
                return Seen::Untrusted(err)
            }
            Err(err) if refusals.is_empty() && unreachable(&err) => return Seen::Unreachable(err),
            Err(err) => refusals.push((product, err)),
        }
    }
    Seen::Other(refusals)
}

fn unreachable(err: &HttpError) -> bool {
    matches!(
        err.kind,
        ErrorKind::Dns
            | ErrorKind::Refused
            | ErrorKind::Timeout
            | ErrorKind::ConnectionLost
            | ErrorKind::Proxy
            | ErrorKind::Tls
    )
}

fn conclude(
    base_url: String,
    alt_url: Option<String>,
    base: Seen,
    alt: Option<Seen>,
    expected: Option<ServerKind>,
) -> DetectedServer {
    let mut detected = DetectedServer {
        base_url,
        alt_url,
        kind: None,
        version: None,
        reached_via: None,
        problem: None,
        certificate: None,
    };
    match (base, alt) {
        (Seen::Product(found), alt) => {
            detected.reached_via = Some(AddressRole::Base);
            detected.problem = kind_mismatch(&detected.base_url, found.kind, expected)
                .or_else(|| alt.and_then(|alt| alt_problem(&found, alt)));
            detected.kind = Some(found.kind);
            detected.version = found.version;
        }
        (_, Some(Seen::Product(found))) => {
            // The base URL is only for links then; connecting works.
            detected.reached_via = Some(AddressRole::Alternative);
            detected.problem = kind_mismatch(&detected.base_url, found.kind, expected);
            detected.kind = Some(found.kind);
            detected.version = found.version;
        }
        (Seen::Untrusted(err), _) => {
            detected.reached_via = Some(AddressRole::Base);
            detected.certificate = certificate_of(&err);
            detected.problem = Some(AppError::from(err));
        }
        (_, Some(Seen::Untrusted(err))) => {
            detected.reached_via = Some(AddressRole::Alternative);
            detected.certificate = certificate_of(&err);
            detected.problem = Some(AppError::from(err));
        }
        (Seen::Other(refusals), _) => {
            detected.reached_via = Some(AddressRole::Base);
            detected.problem = Some(not_a_product(refusals, expected, "url"));
        }
        (Seen::Unreachable(_), Some(Seen::Other(refusals))) => {
            detected.reached_via = Some(AddressRole::Alternative);
            detected.problem = Some(not_a_product(refusals, expected, "altUrl"));
        }
        (Seen::Unreachable(err), None) => {
            detected.problem = Some(AppError::from(err).with_hint(SET_AN_ALT_URL));
        }
        (Seen::Unreachable(err), Some(Seen::Unreachable(_))) => {
            detected.problem = Some(AppError::from(err).with_hint(NEITHER_ANSWERS));
        }
    }
    detected
}

/// Another product than the user picked (Cloud and Data Center are one
/// product here: the server's answer tells which).
fn certificate_of(err: &HttpError) -> Option<CertificateView> {
    match &err.kind {
        ErrorKind::TlsUntrusted(info) => Some(CertificateView::of(info)),
        _ => None,
    }
}

fn kind_mismatch(
    base_url: &str,
    found: ServerKind,
    expected: Option<ServerKind>,
) -> Option<AppError> {
    let expected = expected.filter(|kind| Product::of(*kind) != Product::of(found))?;
    Some(AppError::validation(
        "kind",
        format!(
            "{base_url} is {}, not {}. Choose {} as the kind, or enter the address of your {} server.",
            found.product_name(),
            expected.product_name(),
            found.product_name(),
            expected.product_name()
        ),
    ))
}

/// What is wrong with the alternative URL when the base URL answered.
fn alt_problem(base: &Detected, alt: Seen) -> Option<AppError> {
    match alt {
        Seen::Product(other) if other.kind == base.kind => None,
        Seen::Product(other) => Some(AppError::validation(
            "altUrl",
            format!(
                "The alternative URL answers as {}, the base URL as {}: both must reach the same server. Correct the alternative URL, or remove it.",
                other.kind.product_name(),
                base.kind.product_name()
            ),
        )),
        Seen::Untrusted(err) => Some(AppError::from(err)),
        Seen::Unreachable(err) => Some(AppError::from(err).with_hint(ALT_BROKEN)),
        Seen::Other(_) => Some(AppError::validation(
            "altUrl",
            format!(
                "The alternative URL answers, but not as {}. {ALT_BROKEN}",
                base.kind.product_name()
            ),
        )),
    }
}

/// A server answered at `field`'s address, but as none of the products.
/// The expected product's own refusal says best what is wrong (e.g. a TT
/// NX URL without its site); without one, a refusal that is more than "not
/// here" (a login wall, an overloaded server) is passed on; else the
/// general advice.
fn not_a_product(
    refusals: Vec<(Product, HttpError)>,
    expected: Option<ServerKind>,
    field: &str,
) -> AppError {
    let telling = refusals.into_iter().find(|(product, err)| match expected {
        Some(kind) => *product == Product::of(kind),
        None => !matches!(
            err.kind,
            ErrorKind::NotFound | ErrorKind::InvalidInput { .. } | ErrorKind::Malformed { .. }
        ),
    });
    match telling {
        Some((_, err)) => renamed(AppError::from(err), field),
        None => AppError::validation(
            field,
            "This address answers, but not as Jira, TimeTracker NX or Asana. Enter the address you open the server with in the browser: for Jira its start page (e.g. https://jira.example.com or https://your-company.atlassian.net), for TimeTracker NX the site (e.g. https://server.example.com/TimeTrackerNX), for Asana https://app.asana.com.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_likely_product_is_asked_first_and_every_product_once() {
        let order = |url: &str, kind| asking_order(url, kind);
        assert_eq!(
            order("https://tt.example.com/TimeTrackerNX", None)[0],
            Product::TimeTrackerNx
        );
        assert_eq!(order("https://app.asana.com", None)[0], Product::Asana);
        assert_eq!(order("https://jira.example.com", None)[0], Product::Jira);
        let expected = order("https://jira.example.com", Some(ServerKind::Asana));
        assert_eq!(
            expected,
            [Product::Asana, Product::Jira, Product::TimeTrackerNx]
        );
    }

    #[test]
    fn jira_cloud_and_data_center_are_one_product_for_the_mismatch() {
        let url = "https://jira.example.com";
        assert_eq!(
            kind_mismatch(url, ServerKind::JiraDataCenter, Some(ServerKind::JiraCloud)),
            None
        );
        assert_eq!(kind_mismatch(url, ServerKind::Asana, None), None);
        let err = kind_mismatch(url, ServerKind::JiraCloud, Some(ServerKind::TimeTrackerNx))
            .expect("a mismatch");
        assert!(
            matches!(&err, AppError::Validation { field, message }
                if field == "kind" && message.contains("is Jira Cloud, not TimeTracker NX")),
            "{err:?}"
        );
    }
}
