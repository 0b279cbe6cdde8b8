//! `system/users`: me with its zone, the user search with its filters and
//! paging, reads by ids, 404.

mod support;

use std::collections::BTreeSet;

use futures_util::TryStreamExt;
use kakehashi_http::ErrorKind;
use kakehashi_ttnx::model::{User, UserId};
use kakehashi_ttnx::users::UserSearch;
use support::{fast_endpoint, project_by_code, Sim, ADMIN};

async fn search(client: &kakehashi_ttnx::TtnxClient, query: UserSearch) -> Vec<User> {
    client.search_users(&query).try_collect().await.unwrap()
}

#[tokio::test]
async fn me_names_the_profile_zone_which_is_the_servers_here() {
    let sim = Sim::start().await;
    let client = sim.client();
    let me = client.me().await.unwrap();
    assert_eq!(me.id, sim.user_id(ADMIN));
    assert!(!me.is_deleted);
    let zone = client.profile_zone().await.unwrap();
    let settings = sim.settings(None).await;
    assert_eq!(zone.name(), settings["timeZone"].as_str().unwrap());
    sim.stop().await;
}

#[tokio::test]
async fn the_search_filters_by_name_email_and_organisation() {
    let sim = Sim::start().await;
    let client = sim.client();

    let sato = search(&client, UserSearch::by_name("佐藤")).await;
    assert_eq!(
        sato.iter().map(|u| u.name.as_str()).collect::<Vec<_>>(),
        ["佐藤 花子"]
    );
    assert_eq!(sato[0].login_name.as_deref(), Some("sato.hanako"));

    let by_mail = search(&client, UserSearch::by_email("emma.lindqvist@")).await;
    assert_eq!(by_mail.len(), 1);
    assert_eq!(by_mail[0].time_zone.as_deref(), Some("Europe/Stockholm"));

    let development = search(
        &client,
        UserSearch {
            organization_name: Some("開発部".into()),
            ..UserSearch::default()
        },
    )
    .await;
    assert!(development.len() >= 3, "{development:?}");
    assert!(development
        .iter()
        .all(|u| u.organization_name.as_deref() == Some("開発部")));

    let nobody = search(&client, UserSearch::by_name("存在しない人")).await;
    assert!(nobody.is_empty());
    sim.stop().await;
}

#[tokio::test]
async fn small_pages_give_every_user_once() {
    let sim = Sim::start().await;
    let client = sim.client();
    let everyone: BTreeSet<String> = sim
        .users()
        .await
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect();
    let paged = search(
        &client,
        UserSearch {
            page_size: Some(5),
            ..UserSearch::default()
        },
    )
    .await;
    let ids: Vec<String> = paged.iter().map(|u| u.id.to_string()).collect();
    assert_eq!(ids.len(), everyone.len(), "no user twice: {ids:?}");
    assert_eq!(ids.iter().cloned().collect::<BTreeSet<_>>(), everyone);
    assert_eq!(
        sim.calls("GET /TimeTrackerNX/api/system/users").await,
        everyone.len().div_ceil(5) as u64,
        "one request per page, none after the last"
    );
    sim.stop().await;
}

#[tokio::test]
async fn the_search_by_project_gives_its_members() {
    let sim = Sim::start().await;
    let client = sim.client();
    let web = project_by_code(&client, "WEB").await;
    let members: BTreeSet<UserId> = web.active_members().map(|m| m.party_id.clone()).collect();
    let found: BTreeSet<UserId> = search(
        &client,
        UserSearch {
            assigned_project_ids: vec![web.id.clone()],
            ..UserSearch::default()
        },
    )
    .await
    .into_iter()
    .map(|u| u.id)
    .collect();
    assert_eq!(found, members);
    sim.stop().await;
}

#[tokio::test]
async fn users_are_read_by_ids_and_unknown_ones_are_not_found() {
    let sim = Sim::start().await;
    let client = sim.client();
    let ids = [
        sim.user_id("sato.hanako"),
        UserId::from("9999"),
        sim.user_id("emma.lindqvist"),
    ];
    let users = client.users(&ids).await.unwrap();
    let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        names,
        ["佐藤 花子", "Emma Lindqvist"],
        "unknown ids left out"
    );
    assert!(client.users(&[]).await.unwrap().is_empty());

    let err = client.users(&[UserId::from("9999")]).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(err.code(), "NotFound");
    assert!(err.message.contains("見つかりません"), "{err}");
    sim.stop().await;
}

#[tokio::test]
async fn an_anonymous_probe_recognises_the_api_and_refuses_other_servers() {
    let sim = Sim::start().await;
    kakehashi_ttnx::probe(fast_endpoint(sim.sim.url()))
        .await
        .unwrap();
    // The site path is part of the URL: without it there is no API.
    let without_site = sim.sim.url().trim_end_matches("/TimeTrackerNX");
    let err = kakehashi_ttnx::probe(fast_endpoint(without_site))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "NotFound", "{err:?}");
    assert!(err.message.contains("/TimeTrackerNX"), "{}", err.message);
    // Another product's API answers, but not like TimeTracker NX.
    let jira = kakehashi_sim::start(kakehashi_sim::SimKind::JiraCloud, &Default::default(), 0)
        .await
        .unwrap();
    let err = kakehashi_ttnx::probe(fast_endpoint(&format!("{}/TimeTrackerNX", jira.url())))
        .await
        .unwrap_err();
    assert!(matches!(err.code(), "Validation" | "NotFound"), "{err:?}");
    jira.stop().await;
}
