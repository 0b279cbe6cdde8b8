//! `prepare`: everything a test needs, read from the database and the
//! keychain while the caller holds the database — then the test runs with
//! no database at all (`TestPlan` is `Send + 'static`), and `record`
//! stores the outcome. The same split as credential verification.

use kakehashi_http::Endpoint;
use kakehashi_secrets::SecretStore;

use super::findings::Checked;
use super::model::{CheckId, ConnectionTestReport, Outcome, Side, SideReport};
use super::report::render_check;
use crate::language::Language;
use crate::remote::credentials::check_endpoint;
use crate::remote::probe::single_address;
use crate::store::Database;
use crate::workspace::credentials::side::{for_side, SideCredential};
use crate::workspace::{connections, servers, ConnectionSide, Server};
use crate::{clock, AppResult};

/// What to test: a saved connection, or two sides a wizard is putting
/// together (servers and credentials saved, the connection not yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestTarget {
    Connection(u32),
    Draft {
        left: ConnectionSide,
        right: ConnectionSide,
    },
}

/// A test ready to run: both sides with their servers, credentials and
/// endpoints.
#[derive(Debug)]
pub struct TestPlan {
    pub(super) left: SidePlan,
    pub(super) right: SidePlan,
}

#[derive(Debug)]
pub(super) struct SidePlan {
    pub side: Side,
    pub server: Server,
    pub credential: Option<SideCredential>,
    /// How signed-in requests go: the server's settings, with a retry and
    /// timeouts a person waiting can bear.
    pub configured: Endpoint,
    /// Exactly the base URL, one attempt, short timeouts.
    pub base: Endpoint,
    /// Exactly the alternative URL, when one is set.
    pub alt: Option<Endpoint>,
    /// This computer's user name, to recognise the admin's own account.
    pub os_user: Option<String>,
}

impl SidePlan {
    /// Where requests go: the alternative URL when set, else the base URL.
    pub fn connect(&self) -> &Endpoint {
        self.alt.as_ref().unwrap_or(&self.base)
    }

    pub fn checks(&self) -> Vec<CheckId> {
        CheckId::for_server(self.server.kind)
    }
}

/// Reads both sides. Fails when a server or a named credential does not
/// exist, or a server's stored settings cannot make an endpoint; a side
/// without a usable credential is not an error here but the auth check's
/// finding.
pub fn prepare(
    db: &Database,
    secrets: &dyn SecretStore,
    target: TestTarget,
) -> AppResult<TestPlan> {
    let (left, right) = match target {
        TestTarget::Connection(id) => {
            let connection = connections::get(db, id)?;
            (connection.left, connection.right)
        }
        TestTarget::Draft { left, right } => (left, right),
    };
    let os_user = crate::os_user::name();
    Ok(TestPlan {
        left: side_plan(db, secrets, Side::Left, left, os_user.clone())?,
        right: side_plan(db, secrets, Side::Right, right, os_user)?,
    })
}

fn side_plan(
    db: &Database,
    secrets: &dyn SecretStore,
    side: Side,
    chosen: ConnectionSide,
    os_user: Option<String>,
) -> AppResult<SidePlan> {
    let server = servers::get(db, chosen.server_id)?;
    let credential = for_side(db, secrets, &server, chosen.credential_id)?;
    let configured = check_endpoint(&server)?;
    let base = single_address(&configured, None)?;
    let alt = match server.alt_url.as_deref() {
        Some(alt) => Some(single_address(&configured, Some(alt))?),
        None => None,
    };
    Ok(SidePlan {
        side,
        server,
        credential,
        configured,
        base,
        alt,
        os_user,
    })
}

impl TestPlan {
    /// The checklist before anything ran: every check pending (and the
    /// outcomes `Passed` until a check says otherwise).
    pub fn pending(&self, language: Language) -> ConnectionTestReport {
        let ran_at = clock::now_rfc3339().unwrap_or_default();
        self.pending_at(language, &ran_at)
    }

    pub(super) fn pending_at(&self, language: Language, ran_at: &str) -> ConnectionTestReport {
        let left = pending_side(&self.left, language, ran_at);
        let right = pending_side(&self.right, language, ran_at);
        ConnectionTestReport {
            outcome: Outcome::Passed,
            left,
            right,
            ran_at: ran_at.to_owned(),
        }
    }
}

fn pending_side(plan: &SidePlan, language: Language, ran_at: &str) -> SideReport {
    SideReport {
        side: plan.side,
        server_id: plan.server.id,
        server_name: plan.server.name.clone(),
        server_kind: plan.server.kind,
        credential_id: plan.credential.as_ref().map(|c| c.id),
        credential_label: plan.credential.as_ref().map(|c| c.label.clone()),
        outcome: Outcome::Passed,
        checks: plan
            .checks()
            .into_iter()
            .map(|id| render_check(&Checked::pending(id), language))
            .collect(),
        ran_at: ran_at.to_owned(),
    }
}
