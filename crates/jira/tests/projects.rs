//! Project-level areas on both flavours: versions (list, create, update),
//! boards and sprints (agile API), project roles and their actors.

mod support;

use jiff::civil::date;
use kakehashi_jira::model::version::VersionInput;
use kakehashi_jira::{ErrorKind, SprintState};
use support::{Site, BOTH};

#[tokio::test]
async fn versions_are_listed_created_and_updated() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let before = client.versions(site.project()).await.unwrap();
        assert!(!before.is_empty(), "{kind}: the demo seed has versions");

        let mut input = VersionInput::named("v9.9 同期テスト");
        input.description = Some("Kakehashi test".into());
        input.start_date = Some(Some(date(2027, 1, 4)));
        input.release_date = Some(Some(date(2027, 3, 31)));
        let created = client.create_version(site.project(), &input).await.unwrap();
        assert_eq!(created.name, "v9.9 同期テスト");
        assert_eq!(created.start(), Some(date(2027, 1, 4)), "{kind}");
        assert_eq!(created.release(), Some(date(2027, 3, 31)));
        assert!(!created.released);

        let after = client.versions(site.project()).await.unwrap();
        assert_eq!(after.len(), before.len() + 1);
        let change = VersionInput {
            released: Some(true),
            release_date: Some(None),
            ..VersionInput::default()
        };
        let updated = client.update_version(&created.id, &change).await.unwrap();
        assert!(updated.released);
        assert_eq!(updated.release(), None);
        assert_eq!(client.version(&created.id).await.unwrap(), updated);

        let err = client
            .create_version(site.project(), &input)
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Validation", "{kind}: the name is taken");
        assert!(err.message.contains("already exists"), "{}", err.message);
        let member = site.client_as("suzuki.ichiro").await;
        let err = member
            .create_version(site.project(), &VersionInput::named("member"))
            .await
            .unwrap_err();
        assert_eq!(
            err.kind,
            ErrorKind::Forbidden {
                permission: Some("ADMINISTER_PROJECTS".into())
            },
            "{}",
            err.message
        );
        assert_eq!(support::code(client.version("999999").await), "NotFound");
        assert_eq!(support::code(client.versions("NOPE").await), "NotFound");
        site.stop().await;
    }
}

#[tokio::test]
async fn boards_and_their_sprints_are_found() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let boards = client.boards(site.project()).await.unwrap();
        assert_eq!(boards.len(), 1, "{kind}");
        let board = &boards[0];
        let location = board.location.as_ref().unwrap();
        assert_eq!(location.project_key.as_deref(), Some(site.project()));

        let all = client.sprints(board.id, &[]).await.unwrap();
        let mut states: Vec<&str> = all.iter().map(|s| s.state.as_str()).collect();
        states.sort_unstable();
        assert_eq!(states, vec!["active", "closed", "future"], "{kind}");
        let active = client
            .sprints(board.id, &[SprintState::Active])
            .await
            .unwrap();
        assert_eq!(active.len(), 1);
        assert!(active[0].start_date.is_some() && active[0].end_date.is_some());
        let open = client
            .sprints(board.id, &[SprintState::Active, SprintState::Future])
            .await
            .unwrap();
        assert_eq!(open.len(), 2);
        assert!(client.boards("NOPE").await.unwrap_err().code() == "NotFound");
        assert_eq!(
            support::code(client.sprints(999_999, &[]).await),
            "NotFound"
        );
        site.stop().await;
    }
}

#[tokio::test]
async fn role_actors_are_listed_added_and_removed() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let roles = client.project_roles(site.project()).await.unwrap();
        let names: Vec<&str> = roles.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["Users", "Developers", "Administrators"],
            "{kind}"
        );
        let users = roles.iter().find(|r| r.name == "Users").unwrap();

        let viewer = site.client_as("kobayashi.aoi").await;
        let viewer_id = viewer.myself().await.unwrap().id().unwrap().to_owned();
        let before = client.project_role(site.project(), users.id).await.unwrap();
        assert_eq!(before.name, "Users");
        let was_member = before
            .actors
            .iter()
            .any(|a| a.user_id() == Some(viewer_id.as_str()));
        if was_member {
            client
                .remove_role_user(site.project(), users.id, &viewer_id)
                .await
                .unwrap();
        }
        let added = client
            .add_role_users(site.project(), users.id, &[&viewer_id])
            .await
            .unwrap();
        assert!(
            added
                .actors
                .iter()
                .any(|a| a.user_id() == Some(viewer_id.as_str())),
            "{kind}: {added:?}"
        );
        let err = client
            .add_role_users(site.project(), users.id, &[&viewer_id])
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Validation", "already a member");

        client
            .remove_role_user(site.project(), users.id, &viewer_id)
            .await
            .unwrap();
        let after = client.project_role(site.project(), users.id).await.unwrap();
        assert!(!after
            .actors
            .iter()
            .any(|a| a.user_id() == Some(viewer_id.as_str())));
        assert_eq!(
            support::code(
                client
                    .remove_role_user(site.project(), users.id, &viewer_id)
                    .await
            ),
            "NotFound"
        );

        let member = site.client_as("suzuki.ichiro").await;
        let err = member
            .add_role_users(site.project(), users.id, &[&viewer_id])
            .await
            .unwrap_err();
        assert_eq!(
            err.kind,
            ErrorKind::Forbidden {
                permission: Some("ADMINISTER_PROJECTS".into())
            }
        );
        assert_eq!(
            support::code(client.project_role(site.project(), 4242).await),
            "NotFound"
        );
        site.stop().await;
    }
}
