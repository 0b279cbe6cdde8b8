//! product: what answers at the server's address, without signing in —
//! the anonymous probe of `kakehashi server test`, one address at a time.

use kakehashi_http::{Endpoint, ErrorKind, HttpError};
use kakehashi_jira::Deployment;

use super::findings::{Checked, Finding};
use super::model::CheckId;
use crate::remote::probe::{identify, Detected};
use crate::workspace::ServerKind;

/// What the probe of one address found.
pub(super) type Probed = Result<Detected, HttpError>;

/// Probes the base URL and, when set, the alternative URL, at the same time.
pub(super) async fn probe(
    kind: ServerKind,
    base: &Endpoint,
    alt: Option<&Endpoint>,
) -> (Probed, Option<Probed>) {
    let base = identify(kind, base.clone());
    match alt {
        Some(alt) => {
            let (base, alt) = tokio::join!(base, identify(kind, alt.clone()));
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
        // Jira can keep `serverInfo` from anonymous visitors; the signed-in
        // client reads it (see `after_sign_in`).
        Err(err)
            if is_jira(expected)
                && matches!(
                    err.kind,
                    ErrorKind::Unauthorized | ErrorKind::Forbidden { .. }
                ) =>
        {
            Checked::warning(CheckId::Product, Finding::ProductHidden { expected })
        }
        Err(err) => Checked::failed(
            CheckId::Product,
            Finding::ProductNotRecognised {
                expected,
                detail: err.message.clone(),
            },
        ),
    }
}

fn is_jira(kind: ServerKind) -> bool {
    matches!(kind, ServerKind::JiraCloud | ServerKind::JiraDataCenter)
}

/// The product check once a Jira client has signed in and read
/// `serverInfo` with the credential: replaces [`Finding::ProductHidden`].
pub(super) fn after_sign_in(expected: ServerKind, client: &kakehashi_jira::JiraClient) -> Checked {
    let kind = match client.deployment() {
        Deployment::Cloud => ServerKind::JiraCloud,
        Deployment::DataCenter => ServerKind::JiraDataCenter,
    };
    let found = Detected {
        kind,
        version: client.server_info().version.clone(),
    };
    check(expected, &Ok(found))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connection_test::model::CheckStatus;

    fn found(kind: ServerKind) -> Probed {
        Ok(Detected {
            kind,
            version: Some("10.3.1".into()),
        })
    }

    #[test]
    fn the_product_answers_as_stored_or_says_what_it_is() {
        let same = check(
            ServerKind::JiraDataCenter,
            &found(ServerKind::JiraDataCenter),
        );
        assert_eq!(same.status, CheckStatus::Passed);
        let other = check(ServerKind::JiraCloud, &found(ServerKind::JiraDataCenter));
        assert_eq!(
            other.finding,
            Finding::ProductMismatch {
                expected: ServerKind::JiraCloud,
                found: ServerKind::JiraDataCenter
            }
        );
        assert_eq!(other.status, CheckStatus::Failed);
        let refused = || Err(HttpError::new(ErrorKind::Unauthorized, "401"));
        let hidden = check(ServerKind::JiraDataCenter, &refused());
        assert_eq!(hidden.status, CheckStatus::Warning);
        // TimeTracker NX and Asana answer anonymously; a 401 is not them.
        let not_ttnx = check(ServerKind::TimeTrackerNx, &refused());
        assert_eq!(not_ttnx.status, CheckStatus::Failed);
        assert!(matches!(
            not_ttnx.finding,
            Finding::ProductNotRecognised { .. }
        ));
    }
}
