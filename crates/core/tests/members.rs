//! Issue 7's member management against the TimeTracker NX simulator: add
//! with and without a unit cost, a bulk update, a remove — each apply in
//! three requests (check, change, read back) — then undo from the audit
//! log; a member removed by someone else between preview and apply; an
//! unknown user refused while the rest stands; a member-role user (no
//! Manage Project) refused with nothing changed.

use std::time::Duration;

use kakehashi_core::members::{
    self, apply, audit, session, ApplyOutcome, ApplyReport, Identity, ProjectMembers, Staged,
    StagedAdd,
};
use kakehashi_core::store::Database;
use kakehashi_http::{Endpoint, HttpClient, PlainDecoder, RatePolicy, RetryPolicy, Timeouts};
use kakehashi_sim::people::{people, Person};
use kakehashi_sim::{start, RunningSim, Seed, SimKind, SimOptions};
use kakehashi_ttnx::model::{MemberId, ProjectId};
use kakehashi_ttnx::{Credentials, MemberChange, TtnxClient};
use serde_json::Value;

const ADMIN: &str = "kakehashi-sync";
const MEMBER: &str = "suzuki.ichiro";

struct Sim {
    sim: RunningSim,
    control: HttpClient,
}

impl Sim {
    async fn start() -> Self {
        let sim = start(
            SimKind::Ttnx,
            &SimOptions {
                seed: Seed::Demo,
                ..SimOptions::default()
            },
            0,
        )
        .await
        .expect("simulator starts");
        let control =
            HttpClient::new(Endpoint::new(&sim.admin_url()).unwrap(), PlainDecoder).unwrap();
        Sim { sim, control }
    }

    fn person(&self, login: &str) -> Person {
        people(Seed::Demo)
            .into_iter()
            .find(|person| person.login == login)
            .unwrap_or_else(|| panic!("no demo person {login}"))
    }

    /// Users are numbered like the demo people.
    fn user_id(&self, login: &str) -> String {
        self.person(login).number.to_string()
    }

    fn client_as(&self, login: &str) -> TtnxClient {
        let endpoint = Endpoint::new(self.sim.url())
            .unwrap()
            .with_rate(RatePolicy::unlimited())
            .with_timeouts(Timeouts {
                connect: Duration::from_secs(2),
                request: Duration::from_secs(5),
            })
            .with_retry(RetryPolicy {
                max_attempts: 2,
                base_delay: Duration::from_millis(10),
                max_delay: Duration::from_millis(50),
                max_retry_after: Duration::from_secs(1),
            });
        let key = kakehashi_sim::ttnx::api_key(&self.person(login));
        TtnxClient::new(endpoint, Credentials::api_key(key)).unwrap()
    }

    async fn stats(&self) -> Value {
        self.control.get("stats").send_json().await.unwrap()
    }

    /// Requests the simulator served, control calls excluded.
    async fn total(&self) -> u64 {
        self.stats().await["total"].as_u64().unwrap()
    }

    async fn puts(&self) -> u64 {
        self.stats().await["byEndpoint"]["PUT /TimeTrackerNX/api/project/projects/{ids}"]
            .as_u64()
            .unwrap_or(0)
    }

    async fn default_unit_cost(&self) -> f64 {
        let settings: Value = self.control.get("ttnx/settings").send_json().await.unwrap();
        settings["defaultUnitCost"].as_f64().unwrap()
    }
}

async fn project(client: &TtnxClient, code: &str) -> ProjectMembers {
    let found = members::search_projects(client, code).await.unwrap();
    let summary = found
        .iter()
        .find(|p| p.code.as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no project {code} in {found:?}"));
    members::load(client, &summary.id).await.unwrap()
}

fn applied(outcome: ApplyOutcome) -> ApplyReport {
    match outcome {
        ApplyOutcome::Applied(report) => report,
        ApplyOutcome::Conflict { changed, .. } => panic!("unexpected conflict: {changed:?}"),
    }
}

fn cost_of(members: &ProjectMembers, user_id: &str) -> Option<f64> {
    members.member_of(user_id).and_then(|m| m.unit_cost)
}

/// Active members as (user, cost), sorted: what "the same state" means.
fn state(members: &ProjectMembers) -> Vec<(String, Option<u64>)> {
    let mut all: Vec<_> = members
        .members
        .iter()
        .map(|m| (m.user_id.clone(), m.unit_cost.map(f64::to_bits)))
        .collect();
    all.sort();
    all
}

#[tokio::test]
async fn add_update_remove_each_in_three_requests_then_undo_from_the_audit_log() {
    let sim = Sim::start().await;
    let client = sim.client_as(ADMIN);
    let db = Database::open_in_memory().unwrap();
    let who = Identity::new(ADMIN, 1);
    let emma = sim.user_id("emma.lindqvist");
    let oliver = sim.user_id("oliver.berg");
    let base = project(&client, "INT").await;
    assert!(base.member_of(&emma).is_none() && base.member_of(&oliver).is_none());
    assert!(
        base.members.iter().all(|m| m.login.is_some()),
        "logins read"
    );
    let original = state(&base);

    // Add: one with a unit cost, one with the system default.
    let mut staged = Staged::new();
    for (user_id, name, unit_cost) in [(&emma, "Emma", Some(8200.0)), (&oliver, "Oliver", None)] {
        let add = StagedAdd {
            user_id: user_id.clone(),
            name: name.into(),
            unit_cost,
        };
        staged.add(&base, add).unwrap();
    }
    assert_eq!(staged.preview(&base).adds.len(), 2);
    let before = sim.total().await;
    let report = applied(apply(&client, &base, &staged).await.unwrap());
    assert_eq!(sim.total().await - before, 3, "check, one PUT, read back");
    assert_eq!(report.requests, 3);
    assert!(report.failures.is_empty(), "{:?}", report.failures);
    assert_eq!(report.changes.adds.len(), 2);
    assert!(report.changes.updates.is_empty() && report.changes.removes.is_empty());
    assert_eq!(cost_of(&report.after, &emma), Some(8200.0));
    assert_eq!(
        cost_of(&report.after, &oliver),
        Some(sim.default_unit_cost().await)
    );
    audit::record(&db, &who, &report).unwrap();

    // Bulk update: every member to one cost, then +10 %: one PUT each.
    let current = report.after;
    let ids: Vec<String> = current
        .members
        .iter()
        .map(|m| m.member_id.clone())
        .collect();
    let mut staged = Staged::new();
    for id in &ids {
        staged.update(&current, id, Some(6000.0)).unwrap();
    }
    let repriced = current
        .members
        .iter()
        .filter(|m| m.unit_cost != Some(6000.0))
        .count();
    assert!(repriced >= 2, "a bulk update of several members");
    assert_eq!(staged.updates.len(), repriced, "the same cost is no update");
    let puts = sim.puts().await;
    let report = applied(apply(&client, &current, &staged).await.unwrap());
    assert_eq!(sim.puts().await - puts, 1);
    assert_eq!(report.changes.updates.len(), repriced);
    assert!(report
        .after
        .members
        .iter()
        .all(|m| m.unit_cost == Some(6000.0)));
    audit::record(&db, &who, &report).unwrap();
    let current = report.after;
    let mut staged = Staged::new();
    staged.change_by_percent(&current, &ids, 10.0).unwrap();
    let report = applied(apply(&client, &current, &staged).await.unwrap());
    assert!(report
        .after
        .members
        .iter()
        .all(|m| m.unit_cost == Some(6600.0)));
    assert_eq!(report.requests, 3);
    audit::record(&db, &who, &report).unwrap();

    // Remove one.
    let current = report.after;
    let before_remove = state(&current);
    let mut staged = Staged::new();
    staged.remove_user(&current, &emma).unwrap();
    let report = applied(apply(&client, &current, &staged).await.unwrap());
    assert_eq!(report.changes.removes.len(), 1);
    assert_eq!(report.changes.removes[0].user_id, emma);
    assert!(report.after.member_of(&emma).is_none());
    let removal = audit::record(&db, &who, &report).unwrap();

    // Undo the removal, then every earlier apply, newest first.
    let log = audit::list(&db, None).unwrap();
    assert_eq!(log.len(), 4);
    assert_eq!(log[0].id, removal);
    let mut current = report.after;
    for (step, entry) in log.iter().enumerate() {
        let plan = audit::undo_plan(&db, entry.id, &current).unwrap();
        plan.validate(&current).unwrap();
        let report = applied(apply(&client, &current, &plan).await.unwrap());
        assert!(report.failures.is_empty(), "{:?}", report.failures);
        audit::record(&db, &who, &report).unwrap();
        current = report.after;
        if step == 0 {
            assert_eq!(state(&current), before_remove, "the removal undone");
            assert_eq!(cost_of(&current, &emma), Some(6600.0));
        }
    }
    assert_eq!(state(&current), original, "back where it started");
    let csv = audit::export_csv(&audit::list(&db, None).unwrap());
    assert!(csv.contains(",remove,") && csv.contains(",add,") && csv.contains(",update,"));
    sim.sim.stop().await;
}

#[tokio::test]
async fn a_member_removed_by_someone_else_after_the_preview_is_a_conflict() {
    let sim = Sim::start().await;
    let client = sim.client_as(ADMIN);
    let base = project(&client, "WEB").await;
    assert!(base.members.len() >= 2);
    let (kept, gone) = (&base.members[0], &base.members[1]);
    let mut staged = Staged::new();
    staged.update(&base, &kept.member_id, Some(1234.0)).unwrap();

    // Someone else removes a member meanwhile.
    let other = sim.client_as(ADMIN);
    let change = MemberChange::new().remove(&[MemberId::from(gone.member_id.as_str())]);
    other
        .change_members(&ProjectId::from(base.project.id.as_str()), &change)
        .await
        .unwrap();
    let puts = sim.puts().await;

    match apply(&client, &base, &staged).await.unwrap() {
        ApplyOutcome::Conflict { changed, current } => {
            assert_eq!(changed.removes.len(), 1);
            assert_eq!(changed.removes[0].user_id, gone.user_id);
            assert!(changed.adds.is_empty() && changed.updates.is_empty());
            assert!(current.member_of(&gone.user_id).is_none());
            // The caller decides: the staged edit still fits the new state.
            staged.validate(&current).unwrap();
            let report = applied(apply(&client, &current, &staged).await.unwrap());
            assert_eq!(cost_of(&report.after, &kept.user_id), Some(1234.0));
        }
        ApplyOutcome::Applied(report) => panic!("applied over a change: {report:?}"),
    }
    assert_eq!(sim.puts().await - puts, 1, "nothing sent on the conflict");
    sim.sim.stop().await;
}

#[tokio::test]
async fn an_unknown_user_is_refused_and_the_rest_stands() {
    let sim = Sim::start().await;
    let client = sim.client_as(ADMIN);
    let base = project(&client, "INT").await;
    let emma = sim.user_id("emma.lindqvist");
    let mut staged = Staged::new();
    for (user_id, name) in [("987654", "Nobody"), (emma.as_str(), "Emma")] {
        let add = StagedAdd {
            user_id: user_id.into(),
            name: name.into(),
            unit_cost: Some(5000.0),
        };
        staged.add(&base, add).unwrap();
    }
    let member = &base.members[0];
    staged
        .update(&base, &member.member_id, Some(4321.0))
        .unwrap();

    let report = applied(apply(&client, &base, &staged).await.unwrap());
    assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
    let failure = &report.failures[0];
    assert_eq!(failure.user_id.as_deref(), Some("987654"));
    assert!(
        failure.message.contains("Nobody") && failure.message.contains("987654"),
        "{}",
        failure.message
    );
    assert_eq!(cost_of(&report.after, &emma), Some(5000.0));
    assert_eq!(cost_of(&report.after, &member.user_id), Some(4321.0));
    assert!(report.after.member_of("987654").is_none());
    assert_eq!(report.changes.len(), 2);
    // Refused whole, then halves: the unknown add alone, the rest together.
    assert_eq!(report.requests, 5);
    sim.sim.stop().await;
}

#[tokio::test]
async fn without_manage_project_nothing_is_changed() {
    let sim = Sim::start().await;
    let admin = sim.client_as(ADMIN);
    let base = project(&admin, "WEB").await;
    let mut staged = Staged::new();
    let outsider = people(Seed::Demo)
        .into_iter()
        .map(|person| person.number.to_string())
        .find(|user_id| base.member_of(user_id).is_none())
        .expect("a demo person outside WEB");
    let add = StagedAdd {
        user_id: outsider,
        name: "Outsider".into(),
        unit_cost: None,
    };
    staged.add(&base, add).unwrap();
    let err = apply(&sim.client_as(MEMBER), &base, &staged)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "Forbidden", "{err}");
    assert!(err.to_string().contains("Manage Project"), "{err}");
    assert_eq!(state(&project(&admin, "WEB").await), state(&base));
    // Nothing staged, or a stale base, is refused before any request.
    let total = sim.total().await;
    assert_eq!(
        apply(&admin, &base, &Staged::new())
            .await
            .unwrap_err()
            .code(),
        "Validation"
    );
    let mut stale = Staged::new();
    stale.removes.push("no-such-member".into());
    assert_eq!(
        apply(&admin, &base, &stale).await.unwrap_err().code(),
        "Validation"
    );
    assert_eq!(sim.total().await, total);
    sim.sim.stop().await;
}

#[tokio::test]
async fn the_view_says_who_is_signed_in_and_whether_they_may_edit() {
    let sim = Sim::start().await;
    // WEB: the member-role user is a member there, so can see it.
    let id = project(&sim.client_as(ADMIN), "WEB").await.project.id;
    let admin = session::view(&sim.client_as(ADMIN), &id).await.unwrap();
    assert!(admin.can_manage);
    assert!(admin.signed_in_as.contains(ADMIN), "{}", admin.signed_in_as);
    assert!(!admin.members.members.is_empty());
    let member = session::view(&sim.client_as(MEMBER), &id).await.unwrap();
    assert!(!member.can_manage, "a member-role user may not manage");
    assert!(
        member.signed_in_as.contains(MEMBER),
        "{}",
        member.signed_in_as
    );
}

#[tokio::test]
async fn apply_and_log_records_the_apply_and_its_undo_is_previewed_on_the_members_now() {
    let sim = Sim::start().await;
    let client = sim.client_as(ADMIN);
    let db = Database::open_in_memory().unwrap();
    let emma = sim.user_id("emma.lindqvist");
    let base = project(&client, "INT").await;
    let mut staged = Staged::new();
    staged
        .add(
            &base,
            StagedAdd {
                user_id: emma.clone(),
                name: "Emma".into(),
                unit_cost: Some(7100.0),
            },
        )
        .unwrap();
    let applied = session::apply_and_log(&client, 7, &base, &staged, |who, report| {
        audit::record(&db, who, report)
    })
    .await
    .unwrap();
    let audit_id = applied.audit_id.expect("an apply is logged");
    let entry = audit::get(&db, audit_id).unwrap();
    assert_eq!(entry.ttnx_user, ADMIN);
    assert_eq!(entry.server_id, 7);
    assert_eq!(entry.changes.adds.len(), 1);

    let undo = session::undo_proposal(&client, &entry, |current| {
        audit::undo_plan(&db, audit_id, current)
    })
    .await
    .unwrap();
    assert_eq!(undo.server_id, 7);
    assert_eq!(undo.preview.removes.len(), 1, "{:?}", undo.preview);
    assert_eq!(undo.preview.removes[0].user_id, emma);
    assert!(undo.preview.adds.is_empty() && undo.preview.updates.is_empty());

    // A conflict is not logged.
    let stale = base.clone();
    let outcome = session::apply_and_log(&client, 7, &stale, &staged, |_, _| {
        panic!("a conflict must not be logged")
    })
    .await
    .unwrap();
    assert!(outcome.audit_id.is_none());
    assert!(matches!(outcome.outcome, ApplyOutcome::Conflict { .. }));
}
