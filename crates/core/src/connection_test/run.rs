//! Running a test: both sides at the same time, each side's checks in
//! order, every change reported as it happens. A check that cannot run
//! because an earlier one failed is skipped, naming that one.

use super::auth::{self, Session, SignedIn};
use super::findings::{Checked, Finding};
use super::model::{CheckId, CheckStatus, Side, TestProgress};
use super::network;
use super::plan::{SidePlan, TestPlan};
use super::product;
use super::report::{render_check, RecordedTest, SideRecord};
use super::{clock, email, identity, permissions};
use crate::language::Language;

/// Where a side reports each check as it starts and as it ends.
type Emit<'a> = &'a (dyn Fn(Side, &Checked) + Send + Sync);

impl TestPlan {
    /// Runs both sides at once. `progress` hears `Started` (every check
    /// pending), then one `Check` whenever a check starts or ends on
    /// either side, then `Finished` with the complete report. Never fails:
    /// every problem is one of the checks' findings.
    pub async fn run(
        self,
        language: Language,
        progress: &(dyn Fn(TestProgress) + Send + Sync),
    ) -> RecordedTest {
        let ran_at = crate::clock::now_rfc3339().unwrap_or_default();
        progress(TestProgress::Started {
            report: self.pending_at(language, &ran_at),
        });
        let emit = |side: Side, checked: &Checked| {
            progress(TestProgress::Check {
                side,
                check: render_check(checked, language),
            })
        };
        let (left, right) = tokio::join!(
            run_side(self.left, &ran_at, &emit),
            run_side(self.right, &ran_at, &emit)
        );
        let test = RecordedTest {
            left,
            right,
            ran_at,
        };
        progress(TestProgress::Finished {
            report: test.report(language),
        });
        test
    }
}

/// One side's checklist as it fills in.
struct Checklist<'a> {
    side: Side,
    checks: Vec<Checked>,
    emit: Emit<'a>,
}

impl Checklist<'_> {
    fn has(&self, id: CheckId) -> bool {
        self.checks.iter().any(|check| check.id == id)
    }

    fn start(&mut self, id: CheckId) {
        self.set(Checked::running(id));
    }

    /// Records a check's new state and reports it; returns it for the
    /// checks that depend on it.
    fn set(&mut self, checked: Checked) -> Checked {
        if let Some(slot) = self.checks.iter_mut().find(|c| c.id == checked.id) {
            *slot = checked.clone();
            (self.emit)(self.side, slot);
        }
        checked
    }
}

async fn run_side(mut plan: SidePlan, ran_at: &str, emit: Emit<'_>) -> SideRecord {
    let credential = plan.credential.take();
    let used = credential.as_ref().map(|c| (c.id, c.label.clone()));
    let mut list = Checklist {
        side: plan.side,
        checks: plan.checks().into_iter().map(Checked::pending).collect(),
        emit,
    };
    let kind = plan.server.kind;
    let route = network::route(plan.connect());

    list.start(CheckId::Dns);
    let (dns, found) = network::dns(&route).await;
    let dns = list.set(dns);
    let tcp = if dns.status == CheckStatus::Failed {
        list.set(Checked::skipped(CheckId::Tcp, CheckId::Dns))
    } else {
        list.start(CheckId::Tcp);
        let tcp = network::tcp(&route, &found).await;
        list.set(tcp)
    };
    let network_blocker = match (dns.status, tcp.status) {
        (CheckStatus::Failed, _) => Some(CheckId::Dns),
        (_, CheckStatus::Failed) => Some(CheckId::Tcp),
        _ => None,
    };

    // One anonymous request per address answers tls, proxy, addresses
    // and product.
    for id in [CheckId::Tls, CheckId::Addresses, CheckId::Product] {
        list.start(id);
    }
    let (base_probe, alt_probe) = product::probe(kind, &plan.base, plan.alt.as_ref()).await;
    let connect_probe = alt_probe.as_ref().unwrap_or(&base_probe);
    let pinned = plan.server.tls.pinned_fingerprint.is_some();
    let tls = list.set(network::tls(&route, pinned, connect_probe, network_blocker));
    list.set(network::proxy(
        &route,
        network_blocker.is_none(),
        connect_probe,
    ));
    let alt = plan.alt.as_ref().zip(alt_probe.as_ref());
    list.set(network::addresses(&plan.base, &base_probe, alt));

    // Whatever talks to the server needs it reached where requests go.
    let blocker = network_blocker
        .or((tls.status == CheckStatus::Failed).then_some(CheckId::Tls))
        .or((!network::reached(connect_probe)).then_some(CheckId::Addresses));
    let product = match blocker {
        Some(blocker) => list.set(Checked::skipped(CheckId::Product, blocker)),
        None => list.set(product::check(kind, connect_probe)),
    };

    let signed = match blocker {
        Some(blocker) => {
            list.set(Checked::skipped(CheckId::Auth, blocker));
            None
        }
        None => {
            list.start(CheckId::Auth);
            let (auth, signed) =
                auth::sign_in(&plan.server, credential, plan.configured.clone()).await;
            list.set(auth);
            if let Some(Session::Jira(client)) = signed.as_ref().map(|s| &s.session) {
                if product.finding == (Finding::ProductHidden { expected: kind }) {
                    list.set(product::after_sign_in(kind, client));
                }
            }
            signed
        }
    };
    let after_auth = blocker.unwrap_or(CheckId::Auth);
    after_sign_in(&mut list, signed.as_ref(), &plan, after_auth).await;

    match blocker {
        Some(blocker) => list.set(Checked::skipped(CheckId::Clock, blocker)),
        None => {
            list.start(CheckId::Clock);
            let clock = clock::check(kind, plan.connect().clone()).await;
            list.set(clock)
        }
    };
    if list.has(CheckId::EmailVisibility) {
        match &signed {
            Some(signed) => {
                list.start(CheckId::EmailVisibility);
                let email = email::check(signed).await;
                list.set(email);
            }
            None => {
                list.set(Checked::skipped(CheckId::EmailVisibility, after_auth));
            }
        }
    }
    if let Some(signed) = signed {
        signed.close().await;
    }
    SideRecord {
        side: plan.side,
        server_id: plan.server.id,
        server_name: plan.server.name,
        server_kind: kind,
        credential_id: used.as_ref().map(|(id, _)| *id),
        credential_label: used.map(|(_, label)| label),
        ran_at: ran_at.to_owned(),
        checks: list.checks,
    }
}

/// identity and permissions, which need a signed-in account.
async fn after_sign_in(
    list: &mut Checklist<'_>,
    signed: Option<&SignedIn>,
    plan: &SidePlan,
    blocker: CheckId,
) {
    let Some(signed) = signed else {
        list.set(Checked::skipped(CheckId::Identity, blocker));
        list.set(Checked::skipped(CheckId::Permissions, blocker));
        return;
    };
    list.set(identity::check(&signed.account, plan.os_user.as_deref()));
    list.start(CheckId::Permissions);
    let permissions = permissions::check(signed, plan.server.kind).await;
    list.set(permissions);
}
