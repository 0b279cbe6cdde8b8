//! Issues on both flavours: create with the marker property, read back,
//! edit, delete then 404; issue properties; transitions; sub-tasks; the
//! 400, 403 and 404 answers.

mod support;

use kakehashi_jira::{FieldValues, NewIssue, RichText};
use serde_json::json;
use support::{Site, BOTH};

#[tokio::test]
async fn an_issue_is_created_read_edited_and_deleted() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let marker = support::marker("crud");
        let mut new = NewIssue::new(site.project(), "Task", "請求書のPDF出力 / Invoice PDF")
            .description("一段落目\n二行目\n\nSecond paragraph")
            .property("kakehashi", marker.clone());
        new.fields.labels = Some(vec!["kakehashi".into(), "sync".into()]);
        new.fields.priority = Some("High".into());
        let created = client.create_issue(&new).await.unwrap();
        assert!(
            created.key.starts_with(&format!("{}-", site.project())),
            "{kind}"
        );

        let issue = client
            .issue(&created.key, &[], false, &["kakehashi"])
            .await
            .unwrap();
        assert_eq!(issue.id, created.id);
        let fields = &issue.fields;
        assert_eq!(
            fields.summary.as_deref(),
            Some("請求書のPDF出力 / Invoice PDF")
        );
        let description = fields.description.as_ref().unwrap();
        assert_eq!(
            description.to_text(),
            "一段落目\n二行目\n\nSecond paragraph"
        );
        match kind {
            kakehashi_sim::SimKind::JiraCloud => assert!(matches!(description, RichText::Adf(_))),
            _ => assert!(matches!(description, RichText::Text(_))),
        }
        assert_eq!(
            fields.labels.as_deref(),
            Some(&["kakehashi".to_owned(), "sync".to_owned()][..])
        );
        assert_eq!(fields.priority.as_ref().unwrap().name, "High");
        assert_eq!(fields.issue_type.as_ref().unwrap().name, "Task");
        assert_eq!(fields.project.as_ref().unwrap().key, site.project());
        assert_eq!(fields.status.as_ref().unwrap().name, "To Do");
        assert_eq!(issue.property("kakehashi"), Some(&marker));
        let created_at = fields.created.clone().unwrap();

        let me = client.myself().await.unwrap();
        client
            .edit_issue(
                &created.key,
                &FieldValues {
                    summary: Some("請求書のPDF出力（改） / Invoice PDF v2".into()),
                    description: Some(Some(RichText::text("更新しました"))),
                    assignee: Some(Some(me.id().unwrap().to_owned())),
                    labels: Some(vec![]),
                    ..FieldValues::default()
                },
            )
            .await
            .unwrap();
        let edited = client
            .issue(
                &created.key,
                &["summary", "description", "assignee", "labels", "updated"],
                true,
                &[],
            )
            .await
            .unwrap();
        assert_eq!(
            edited.fields.summary.as_deref(),
            Some("請求書のPDF出力（改） / Invoice PDF v2")
        );
        assert_eq!(edited.fields.description.unwrap().to_text(), "更新しました");
        assert_eq!(edited.fields.assignee.unwrap().id(), me.id());
        assert_eq!(edited.fields.labels.as_deref(), Some(&[][..]));
        assert!(edited.fields.updated.unwrap() >= created_at);
        let changed: Vec<String> = edited
            .changelog
            .unwrap()
            .histories
            .iter()
            .flat_map(|h| h.items.iter().map(|i| i.field.clone()))
            .collect();
        assert!(changed.contains(&"summary".to_owned()), "{changed:?}");
        assert!(changed.contains(&"assignee".to_owned()), "{changed:?}");

        client.delete_issue(&created.key, false).await.unwrap();
        let err = client
            .issue(&created.key, &[], false, &[])
            .await
            .unwrap_err();
        assert_eq!(err.code(), "NotFound", "{kind}");
        assert!(
            err.message.contains("Issue does not exist"),
            "{}",
            err.message
        );
        assert_eq!(
            support::code(client.delete_issue(&created.key, false).await),
            "NotFound"
        );
        site.stop().await;
    }
}

#[tokio::test]
async fn issue_properties_are_set_read_listed_and_removed() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let created = site.new_issue("プロパティ / properties").await;
        let key = &created.key;
        assert_eq!(
            client.issue_property(key, "kakehashi.sync").await.unwrap(),
            None
        );
        let value = json!({"link": "ttnx:1004", "syncedAt": 1_763_600_000_000_i64, "名前": "値"});
        client
            .set_issue_property(key, "kakehashi.sync", &value)
            .await
            .unwrap();
        assert_eq!(
            client.issue_property(key, "kakehashi.sync").await.unwrap(),
            Some(value.clone())
        );
        let replaced = json!({"link": "ttnx:2000"});
        client
            .set_issue_property(key, "kakehashi.sync", &replaced)
            .await
            .unwrap();
        assert_eq!(
            client.issue_property(key, "kakehashi.sync").await.unwrap(),
            Some(replaced)
        );
        // A key with characters that need encoding in the path.
        client
            .set_issue_property(key, "a b/c", &json!(1))
            .await
            .unwrap();
        let mut keys = client.issue_property_keys(key).await.unwrap();
        keys.sort();
        assert_eq!(
            keys,
            vec!["a b/c".to_owned(), "kakehashi.sync".to_owned()],
            "{kind}"
        );

        client
            .delete_issue_property(key, "kakehashi.sync")
            .await
            .unwrap();
        assert_eq!(
            client.issue_property(key, "kakehashi.sync").await.unwrap(),
            None
        );
        assert_eq!(
            support::code(client.delete_issue_property(key, "kakehashi.sync").await),
            "NotFound"
        );
        assert_eq!(
            support::code(client.issue_property("NOPE-1", "kakehashi.sync").await),
            "NotFound"
        );
        site.stop().await;
    }
}

#[tokio::test]
async fn transitions_move_an_issue_through_the_workflow() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let created = site.new_issue("ワークフロー / workflow").await;
        let offered = client.transitions(&created.key).await.unwrap();
        let targets: Vec<String> = offered
            .iter()
            .filter_map(|t| t.to.as_ref().map(|s| s.name.clone()))
            .collect();
        assert!(
            targets.contains(&"In Progress".to_owned()),
            "{kind}: {targets:?}"
        );
        assert!(!targets.contains(&"To Do".to_owned()), "not to where it is");

        let start = offered
            .iter()
            .find(|t| t.to.as_ref().is_some_and(|s| s.name == "In Progress"))
            .unwrap();
        client
            .transition_issue(
                &created.key,
                &start.id,
                None,
                Some(&RichText::text("着手します")),
            )
            .await
            .unwrap();
        client.transition_to(&created.key, "done").await.unwrap();
        let issue = client
            .issue(
                &created.key,
                &["status", "resolution", "comment"],
                false,
                &[],
            )
            .await
            .unwrap();
        assert_eq!(issue.fields.status.unwrap().name, "Done");
        assert_eq!(issue.fields.resolution.unwrap().name, "Done");
        let comments = issue.fields.comment.unwrap().comments;
        assert!(comments.iter().any(|c| c.text() == "着手します"), "{kind}");

        let err = client
            .transition_to(&created.key, "Done")
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert!(err.message.contains("To Do"), "{}", err.message);
        let err = client
            .transition_issue(&created.key, "999", None, None)
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Validation");
        site.stop().await;
    }
}

#[tokio::test]
async fn sub_tasks_need_a_parent_and_go_with_it() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let parent = client
            .create_issue(&NewIssue::new(site.project(), "Story", "親 / parent"))
            .await
            .unwrap();
        let child = client
            .create_issue(
                &NewIssue::new(site.project(), "Sub-task", "子 / child").parent(&parent.key),
            )
            .await
            .unwrap();
        let read = client
            .issue(&child.key, &["parent"], false, &[])
            .await
            .unwrap();
        assert_eq!(read.fields.parent.unwrap().key, parent.key);
        let err = client.delete_issue(&parent.key, false).await.unwrap_err();
        assert_eq!(err.code(), "Validation", "{kind}: {}", err.message);
        assert!(err.message.contains("subtasks"), "{}", err.message);
        client.delete_issue(&parent.key, true).await.unwrap();
        assert_eq!(
            support::code(client.issue(&child.key, &[], false, &[]).await),
            "NotFound"
        );

        let err = client
            .create_issue(&NewIssue::new(
                site.project(),
                "Sub-task",
                "親なし / orphan",
            ))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert!(err.message.contains("parent"), "{}", err.message);
        site.stop().await;
    }
}

#[tokio::test]
async fn refusals_name_the_field_or_the_permission() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let err = site
            .client
            .create_issue(&NewIssue::new(site.project(), "Epic-ish", "種類なし"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Validation", "{kind}");
        assert!(err.message.contains("issuetype"), "{}", err.message);
        let err = site
            .client
            .create_issue(&NewIssue::new("NOPE", "Task", "no project"))
            .await
            .unwrap_err();
        assert!(err.message.contains("project"), "{}", err.message);

        let viewer = site.client_as("kobayashi.aoi").await;
        let err = viewer
            .create_issue(&NewIssue::new(site.project(), "Task", "見るだけ"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Forbidden");
        assert_eq!(
            err.kind,
            kakehashi_jira::ErrorKind::Forbidden {
                permission: Some("CREATE_ISSUES".into())
            }
        );
        let existing = site.new_issue("編集対象").await;
        let err = viewer
            .edit_issue(
                &existing.key,
                &FieldValues {
                    summary: Some("x".into()),
                    ..FieldValues::default()
                },
            )
            .await
            .unwrap_err();
        assert_eq!(
            err.kind,
            kakehashi_jira::ErrorKind::Forbidden {
                permission: Some("EDIT_ISSUES".into())
            },
            "{kind}: {}",
            err.message
        );
        assert_eq!(
            viewer
                .delete_issue(&existing.key, false)
                .await
                .unwrap_err()
                .kind,
            kakehashi_jira::ErrorKind::Forbidden {
                permission: Some("DELETE_ISSUES".into())
            }
        );
        assert_eq!(
            support::code(viewer.issue("NOPE-404", &[], false, &[]).await),
            "NotFound"
        );
        site.stop().await;
    }
}
