//! `project/projects`: the search, one project with its members (an array
//! on the wire), what members of other roles see, resolving a person's
//! project key, 404.

mod support;

use futures_util::TryStreamExt;
use kakehashi_http::ErrorKind;
use kakehashi_ttnx::model::{Project, ProjectId};
use kakehashi_ttnx::projects::ProjectSearch;
use support::{project_by_code, Kind, Sim, MEMBER};

async fn search(client: &kakehashi_ttnx::TtnxClient, query: ProjectSearch) -> Vec<Project> {
    client.search_projects(&query).try_collect().await.unwrap()
}

fn codes(projects: &[Project]) -> Vec<&str> {
    let mut codes: Vec<&str> = projects.iter().filter_map(|p| p.code.as_deref()).collect();
    codes.sort_unstable();
    codes
}

#[tokio::test]
async fn the_search_filters_by_code_name_and_finished() {
    let sim = Sim::start().await;
    let client = sim.client();
    let all = search(&client, ProjectSearch::default()).await;
    assert_eq!(codes(&all), ["INT", "OLD", "SYS", "WEB"]);
    assert!(
        all.iter().all(|p| p.members.is_empty()),
        "members only when asked"
    );

    let web = search(
        &client,
        ProjectSearch {
            code: Some("WEB".into()),
            with_members: true,
            ..ProjectSearch::default()
        },
    )
    .await;
    assert_eq!(codes(&web), ["WEB"]);
    assert!(!web[0].members.is_empty());

    let finished = search(
        &client,
        ProjectSearch {
            is_finished: Some(true),
            ..ProjectSearch::default()
        },
    )
    .await;
    assert_eq!(codes(&finished), ["OLD"]);
    assert!(finished[0].is_finished);
    let running = search(
        &client,
        ProjectSearch {
            is_finished: Some(false),
            page_size: Some(1),
            ..ProjectSearch::default()
        },
    )
    .await;
    assert_eq!(codes(&running), ["INT", "SYS", "WEB"]);

    let by_name = search(
        &client,
        ProjectSearch {
            name: Some("システム".into()),
            ..ProjectSearch::default()
        },
    )
    .await;
    assert!(by_name.iter().all(|p| p.name.contains("システム")));
    assert!(codes(&by_name).contains(&"SYS"));
    sim.stop().await;
}

#[tokio::test]
async fn one_project_comes_with_members_whose_ids_are_not_user_ids() {
    let sim = Sim::start().await;
    let client = sim.client();
    let web = project_by_code(&client, "WEB").await;
    assert_eq!(web.name, "Webサイト刷新");
    let suzuki = web
        .member_of(&sim.user_id(MEMBER))
        .expect("suzuki is a member");
    assert_ne!(suzuki.id.as_str(), suzuki.party_id.as_str());
    assert_eq!(suzuki.name, "鈴木 一郎");
    assert_eq!(suzuki.project_id.as_ref(), Some(&web.id));
    assert!(suzuki.unit_cost.is_some_and(|cost| cost > 0.0));
    assert_eq!(suzuki.organization_name.as_deref(), Some("開発部"));
    assert!(suzuki.created_at.is_some());
    assert_eq!(
        web.active_members().count(),
        web.members.len(),
        "the seed has no removed members"
    );

    let both = client
        .projects(&[web.id.clone(), ProjectId::from("424242")])
        .await
        .unwrap();
    assert_eq!(both.len(), 1, "unknown ids are left out");
    sim.stop().await;
}

#[tokio::test]
async fn a_member_sees_only_their_projects() {
    let sim = Sim::start().await;
    let member = sim.client_as(MEMBER, Kind::Token);
    let seen = search(&member, ProjectSearch::default()).await;
    let admin = sim.client();
    let everything = search(
        &admin,
        ProjectSearch {
            with_members: true,
            ..ProjectSearch::default()
        },
    )
    .await;
    let theirs: Vec<Project> = everything
        .into_iter()
        .filter(|p| p.member_of(&sim.user_id(MEMBER)).is_some())
        .collect();
    assert_eq!(codes(&seen), codes(&theirs));
    assert!(!codes(&seen).contains(&"INT"));
    let int = project_by_code(&admin, "INT").await;
    let err = member.project(&int.id).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound, "{err}");
    sim.stop().await;
}

#[tokio::test]
async fn a_person_names_a_project_by_id_code_or_exact_name() {
    let sim = Sim::start().await;
    let client = sim.client();
    let web = project_by_code(&client, "WEB").await;
    for key in [web.id.as_str(), "WEB", "Webサイト刷新", " WEB "] {
        let found = client.resolve_project(key).await.unwrap();
        assert_eq!(found.id, web.id, "{key}");
        assert!(!found.members.is_empty(), "{key}: with members");
    }
    for key in ["WE", "Webサイト", "999999"] {
        let err = client.resolve_project(key).await.unwrap_err();
        assert_eq!(err.kind, ErrorKind::NotFound, "{key}: {err}");
    }
    assert_eq!(
        client.resolve_project("  ").await.unwrap_err().code(),
        "Validation"
    );
    sim.stop().await;
}

#[tokio::test]
async fn an_unknown_project_is_not_found() {
    let sim = Sim::start().await;
    let err = sim
        .client()
        .project(&ProjectId::from("999999"))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert_eq!(err.status, Some(404));
    assert!(err.message.contains("プロジェクト"), "{err}");
    sim.stop().await;
}

#[tokio::test]
async fn manage_project_is_asked_with_an_empty_update_that_changes_nothing() {
    let sim = Sim::start().await;
    let admin = sim.client();
    let web = project_by_code(&admin, "WEB").await;
    assert!(admin.may_manage_project(&web.id).await.unwrap());
    let after = admin.project(&web.id).await.unwrap();
    assert_eq!(
        (&after.name, &after.code, after.members.len()),
        (&web.name, &web.code, web.members.len())
    );
    let member = sim.client_as(MEMBER, Kind::ApiKey);
    assert!(!member.may_manage_project(&web.id).await.unwrap());
    let err = admin
        .may_manage_project(&ProjectId::from("424242"))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound, "{err}");
    sim.stop().await;
}
