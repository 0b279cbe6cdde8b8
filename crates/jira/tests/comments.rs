//! Comments on both flavours: text in, text out — ADF on Cloud and plain
//! text on Data Center underneath — with paging, edit, delete and the 403
//! and 404 answers.

mod support;

use kakehashi_jira::{ErrorKind, RichText};
use kakehashi_sim::SimKind;
use serde_json::json;
use support::{Site, BOTH};

#[tokio::test]
async fn comments_are_added_read_listed_edited_and_deleted() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let issue = site.new_issue("コメント / comments").await;
        let text = "確認しました。\n明日対応します。\n\nChecked; fixing tomorrow.";
        let added = client
            .add_comment(&issue.key, &RichText::text(text))
            .await
            .unwrap();
        assert_eq!(added.text(), text, "{kind}");
        match kind {
            SimKind::JiraCloud => assert!(matches!(added.body, RichText::Adf(_))),
            _ => assert!(matches!(added.body, RichText::Text(_))),
        }
        let me = client.myself().await.unwrap();
        assert_eq!(added.author.as_ref().unwrap().id(), me.id());

        // An ADF document with more than paragraphs reads as text on both.
        let rich = RichText::Adf(json!({"type": "doc", "version": 1, "content": [
            {"type": "bulletList", "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "一つ目"}]}]},
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "二つ目"}]}]}
            ]}
        ]}));
        let second = client.add_comment(&issue.key, &rich).await.unwrap();
        assert_eq!(second.text(), "- 一つ目\n- 二つ目", "{kind}");

        let read = client.comment(&issue.key, &added.id).await.unwrap();
        assert_eq!(read.text(), text);

        // All of them come back, oldest first.
        for n in 0..3 {
            client
                .add_comment(&issue.key, &RichText::text(format!("追記 {n}")))
                .await
                .unwrap();
        }
        let all = client.all_comments(&issue.key).await.unwrap();
        let texts: Vec<String> = all.iter().map(|c| c.text()).collect();
        assert_eq!(texts.len(), 5, "{kind}");
        assert_eq!(texts[0], text);
        assert_eq!(texts[4], "追記 2");

        let edited = client
            .update_comment(&issue.key, &added.id, &RichText::text("修正済み / fixed"))
            .await
            .unwrap();
        assert_eq!(edited.text(), "修正済み / fixed");
        assert!(edited.updated.unwrap() >= added.updated.unwrap());

        client.delete_comment(&issue.key, &added.id).await.unwrap();
        let err = client.comment(&issue.key, &added.id).await.unwrap_err();
        assert_eq!(err.code(), "NotFound", "{kind}");
        assert_eq!(client.all_comments(&issue.key).await.unwrap().len(), 4);
        site.stop().await;
    }
}

#[tokio::test]
async fn blank_comments_and_foreign_comments_are_refused() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let issue = site.new_issue("拒否 / refused").await;
        let err = site
            .client
            .add_comment(&issue.key, &RichText::text("   "))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Validation", "{kind}");
        assert!(err.message.contains("empty"), "{}", err.message);

        let viewer = site.client_as("kobayashi.aoi").await;
        let err = viewer
            .add_comment(&issue.key, &RichText::text("見ているだけ"))
            .await
            .unwrap_err();
        assert_eq!(
            err.kind,
            ErrorKind::Forbidden {
                permission: Some("ADD_COMMENTS".into())
            },
            "{kind}: {}",
            err.message
        );

        // A member may not change the service account's comment.
        let mine = site
            .client
            .add_comment(&issue.key, &RichText::text("同期アカウントのコメント"))
            .await
            .unwrap();
        let member = site.client_as("suzuki.ichiro").await;
        let err = member
            .update_comment(&issue.key, &mine.id, &RichText::text("上書き"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Forbidden");
        assert_eq!(
            err.kind,
            ErrorKind::Forbidden { permission: None },
            "{}",
            err.message
        );
        assert_eq!(
            support::code(
                site.client
                    .add_comment("NOPE-1", &RichText::text("x"))
                    .await
            ),
            "NotFound"
        );
        site.stop().await;
    }
}
