//! `memberChange`: add by user id and by name, change unit costs by member
//! id, remove by member id and by login — each read back; bodies held to
//! `putProject.json`; 403 for a member-role user; a refused change; an add
//! whose answer is lost is not repeated.

mod support;

use kakehashi_contracts as contracts;
use kakehashi_http::ErrorKind;
use kakehashi_ttnx::model::MemberId;
use kakehashi_ttnx::MemberChange;
use serde_json::json;
use support::{project_by_code, Kind, Sim, MEMBER};

const PUT_PROJECT: &str = "project/projects/putProject.json";

fn checked(change: MemberChange) -> MemberChange {
    contracts::ttnx().assert_request(PUT_PROJECT, &change.to_body());
    change
}

#[tokio::test]
async fn members_are_added_repriced_and_removed_and_read_back() {
    let sim = Sim::start().await;
    let client = sim.client();
    let int = project_by_code(&client, "INT").await;
    let emma = sim.user_id("emma.lindqvist");
    let oliver = sim.user_id("oliver.berg");
    assert!(int.member_of(&emma).is_none() && int.member_of(&oliver).is_none());

    // Add: one by user id with a cost, one by name with the system default.
    let default_cost = sim.settings(Some(json!({ "defaultUnitCost": 4800 }))).await
        ["defaultUnitCost"]
        .as_f64()
        .unwrap();
    let change = checked(
        MemberChange::new()
            .add(emma.clone(), Some(8200.0))
            .add_by_name("Oliver Berg", None),
    );
    let result = client.change_members(&int.id, &change).await.unwrap();
    assert_eq!(result.id, int.id);
    assert_eq!(result.added_member_ids.len(), 2);
    let after = client.project(&int.id).await.unwrap();
    let emma_member = after.member_of(&emma).unwrap();
    let oliver_member = after.member_of(&oliver).unwrap();
    assert_eq!(
        [emma_member.id.clone(), oliver_member.id.clone()],
        result.added_member_ids.as_slice()
    );
    assert_eq!(emma_member.unit_cost, Some(8200.0));
    assert_eq!(oliver_member.unit_cost, Some(default_cost));

    // Reprice both by MEMBER id.
    let both = [emma_member.id.clone(), oliver_member.id.clone()];
    let change = checked(MemberChange::new().set_unit_cost(&both, Some(6100.0)));
    client.change_members(&int.id, &change).await.unwrap();
    let after = client.project(&int.id).await.unwrap();
    assert_eq!(after.member_of(&emma).unwrap().unit_cost, Some(6100.0));
    assert_eq!(after.member_of(&oliver).unwrap().unit_cost, Some(6100.0));
    assert!(after.member_of(&emma).unwrap().updated_at >= emma_member.updated_at);

    // Remove one by member id and the other by login.
    let change = checked(
        MemberChange::new()
            .remove(std::slice::from_ref(&emma_member.id))
            .remove_users(&["oliver.berg"]),
    );
    let result = client.change_members(&int.id, &change).await.unwrap();
    assert!(result.added_member_ids.is_empty());
    let after = client.project(&int.id).await.unwrap();
    assert!(after.member_of(&emma).is_none());
    assert!(after.member_of(&oliver).is_none());
    assert_eq!(after.active_members().count(), int.active_members().count());
    sim.stop().await;
}

#[tokio::test]
async fn a_member_role_user_gets_forbidden_naming_manage_project() {
    let sim = Sim::start().await;
    let member = sim.client_as(MEMBER, Kind::Token);
    let web = project_by_code(&sim.client(), "WEB").await;
    let change = checked(MemberChange::new().add(sim.user_id("emma.lindqvist"), None));
    let err = member.change_members(&web.id, &change).await.unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::Forbidden {
            permission: Some("Manage Project".into())
        },
        "{err}"
    );
    assert_eq!(err.code(), "Forbidden");
    assert!(err.message.contains("Manage Project"), "{err}");
    let unchanged = project_by_code(&sim.client(), "WEB").await;
    assert_eq!(unchanged.members, web.members);
    sim.stop().await;
}

#[tokio::test]
async fn a_change_the_server_refuses_changes_nothing_and_says_why() {
    let sim = Sim::start().await;
    let client = sim.client();
    let web = project_by_code(&client, "WEB").await;
    let suzuki = web.member_of(&sim.user_id(MEMBER)).unwrap().id.clone();
    // Adding an existing member and a valid removal: all or nothing.
    let change = checked(
        MemberChange::new()
            .add(sim.user_id(MEMBER), None)
            .remove(std::slice::from_ref(&suzuki)),
    );
    let err = client.change_members(&web.id, &change).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Rejected, "{err}");
    assert_eq!(err.code(), "Validation");
    assert!(err.message.contains("既にプロジェクトのメンバー"), "{err}");
    assert_eq!(project_by_code(&client, "WEB").await.members, web.members);

    // A user id where a member id belongs is not taken for someone else.
    let as_member = MemberId::new(sim.user_id(MEMBER).to_string());
    let change = checked(MemberChange::new().remove(&[as_member]));
    let err = client.change_members(&web.id, &change).await.unwrap_err();
    assert_eq!(err.code(), "Validation", "{err}");

    let err = client
        .change_members(&web.id, &MemberChange::new())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "Validation");
    sim.stop().await;
}

#[tokio::test]
async fn an_add_whose_answer_is_lost_is_not_repeated() {
    let sim = Sim::start().await;
    let client = sim.client();
    let int = project_by_code(&client, "INT").await;
    let emma = sim.user_id("emma.lindqvist");
    sim.config(json!({ "faultRate": 1.0, "faultKinds": ["reset"] }))
        .await;
    let change = checked(MemberChange::new().add(emma.clone(), Some(7000.0)));
    let err = client.change_members(&int.id, &change).await.unwrap_err();
    assert_eq!(err.code(), "Network", "{err}");
    sim.behave().await;
    assert_eq!(
        sim.calls("PUT /TimeTrackerNX/api/project/projects/{ids}")
            .await,
        1,
        "sent once"
    );
    let after = client.project(&int.id).await.unwrap();
    let added: Vec<_> = after
        .members
        .iter()
        .filter(|m| m.party_id == emma)
        .collect();
    assert_eq!(added.len(), 1, "the add happened exactly once");

    // A pure repricing is safe to repeat, so a lost answer is retried.
    sim.config(json!({ "faultRate": 0.5, "faultKinds": ["reset"], "randomSeed": 7 }))
        .await;
    let member = added[0].id.clone();
    for cost in [7100.0, 7200.0, 7300.0] {
        let change =
            checked(MemberChange::new().set_unit_cost(std::slice::from_ref(&member), Some(cost)));
        client.change_members(&int.id, &change).await.unwrap();
    }
    assert!(sim.faults("reset").await >= 2, "faults were injected");
    sim.behave().await;
    let after = client.project(&int.id).await.unwrap();
    assert_eq!(after.member_of(&emma).unwrap().unit_cost, Some(7300.0));
    sim.stop().await;
}
