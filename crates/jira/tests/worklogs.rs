//! Worklogs on both flavours: `started` with its offset, seconds, comments
//! in either dialect; the change feeds (which leave out the last minute),
//! `worklog/list` in batches of at most 1,000, the deleted feed; 403/404.

mod support;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use kakehashi_jira::model::worklog::WorklogInput;
use kakehashi_jira::{AdjustEstimate, ErrorKind, JiraTime, RichText, WORKLOG_LIST_BATCH};
use serde_json::json;
use support::{Site, BOTH};

fn clock_path(site: &Site) -> &'static str {
    match site.kind() {
        kakehashi_sim::SimKind::JiraCloud => "jira-cloud/clock",
        _ => "jira-dc/clock",
    }
}

#[tokio::test]
async fn worklogs_keep_the_time_and_the_comment() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let issue = site.new_issue("作業記録 / worklogs").await;
        // Logged by someone in Stockholm: +0100 in winter.
        let started = JiraTime::parse("2026-01-14T09:30:00.000+0100").unwrap();
        let input = WorklogInput::new(started.clone(), 5400).comment("設計レビュー\nDesign review");
        let added = client
            .add_worklog(&issue.key, &input, AdjustEstimate::Leave)
            .await
            .unwrap();
        assert_eq!(added.time_spent_seconds, 5400, "{kind}");
        assert_eq!(added.started.timestamp(), started.timestamp());
        // Jira shows it in the reader's profile zone (Asia/Tokyo here).
        assert_eq!(
            added.started.to_jira_string(),
            "2026-01-14T17:30:00.000+0900"
        );
        assert_eq!(
            added.comment.as_ref().unwrap().to_text(),
            "設計レビュー\nDesign review"
        );

        let read = client.worklog(&issue.key, &added.id).await.unwrap();
        assert_eq!(read, added);

        let change = WorklogInput {
            time_spent_seconds: Some(7200),
            comment: Some(Some(RichText::text("レビュー延長"))),
            ..WorklogInput::default()
        };
        let updated = client
            .update_worklog(&issue.key, &added.id, &change, AdjustEstimate::Auto)
            .await
            .unwrap();
        assert_eq!(updated.time_spent_seconds, 7200);
        assert_eq!(updated.started.timestamp(), started.timestamp(), "kept");
        assert_eq!(updated.comment.unwrap().to_text(), "レビュー延長");

        let second = client
            .add_worklog(
                &issue.key,
                &WorklogInput::new(JiraTime::in_zone(Timestamp::now(), &TimeZone::UTC), 900),
                AdjustEstimate::Leave,
            )
            .await
            .unwrap();
        let all = client.all_worklogs(&issue.key).await.unwrap();
        let ids: Vec<&str> = all.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, vec![added.id.as_str(), second.id.as_str()], "{kind}");
        let spent = client
            .issue(&issue.key, &["timespent"], false, &[])
            .await
            .unwrap();
        assert_eq!(spent.fields.time_spent, Some(7200 + 900));

        client
            .delete_worklog(&issue.key, &second.id, AdjustEstimate::Leave)
            .await
            .unwrap();
        let err = client.worklog(&issue.key, &second.id).await.unwrap_err();
        assert_eq!(err.code(), "NotFound", "{kind}");
        site.stop().await;
    }
}

#[tokio::test]
async fn the_change_feeds_report_updates_and_deletions_after_the_last_minute() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        let issue = site.new_issue("フィード / feeds").await;
        let created_at = client
            .issue(&issue.key, &["created"], false, &[])
            .await
            .unwrap()
            .fields
            .created
            .unwrap()
            .epoch_millis();
        let worklog = client
            .add_worklog(
                &issue.key,
                &WorklogInput::new(
                    JiraTime::parse("2026-01-14T09:00:00.000+0900").unwrap(),
                    3600,
                ),
                AdjustEstimate::Leave,
            )
            .await
            .unwrap();
        let id: u64 = worklog.id.parse().unwrap();

        // Jira leaves out the last minute: the new worklog is not there yet.
        let feed = client.updated_worklog_ids(created_at).await.unwrap();
        assert!(!feed.ids().contains(&id), "{kind}");

        site.control(clock_path(&site), json!({ "advanceMs": 61_000 }))
            .await;
        let feed = client.updated_worklog_ids(created_at).await.unwrap();
        assert!(feed.ids().contains(&id), "{kind}: {feed:?}");
        assert!(feed.next_since > created_at);
        let (worklogs, next) = client.updated_worklogs(created_at).await.unwrap();
        assert_eq!(next, feed.next_since);
        let found = worklogs
            .iter()
            .find(|w| w.id == worklog.id)
            .expect("listed");
        assert_eq!(found.time_spent_seconds, 3600);
        // Reading on from where the feed ended brings nothing new.
        assert!(client
            .updated_worklog_ids(next)
            .await
            .unwrap()
            .changes
            .is_empty());

        client
            .delete_worklog(&issue.key, &worklog.id, AdjustEstimate::Leave)
            .await
            .unwrap();
        site.control(clock_path(&site), json!({ "advanceMs": 61_000 }))
            .await;
        let deleted = client.deleted_worklog_ids(created_at).await.unwrap();
        assert!(deleted.ids().contains(&id), "{kind}: {deleted:?}");
        site.stop().await;
    }
}

#[tokio::test]
async fn worklog_list_reads_in_batches_of_at_most_a_thousand() {
    use futures_util::TryStreamExt;
    for kind in BOTH {
        let site = Site::start(kind).await;
        let feed = site.client.updated_worklog_ids(0).await.unwrap();
        let seeded = feed.ids();
        assert!(!seeded.is_empty(), "{kind}: the demo seed has worklogs");
        // Ids that do not exist pad the list past one batch; only real
        // worklogs come back.
        let mut ids = seeded.clone();
        ids.extend(9_000_000..9_000_000 + WORKLOG_LIST_BATCH as u64 + 10);
        let list_endpoint = format!("POST {}/worklog/list", site.api());
        let before = site.count(&list_endpoint).await;
        let worklogs: Vec<_> = site
            .client
            .worklogs_by_ids(&ids)
            .try_collect()
            .await
            .unwrap();
        let batches = site.count(&list_endpoint).await - before;
        assert_eq!(
            batches,
            ids.len().div_ceil(WORKLOG_LIST_BATCH) as u64,
            "{kind}"
        );
        let mut got: Vec<u64> = worklogs.iter().map(|w| w.id.parse().unwrap()).collect();
        let mut want = seeded;
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{kind}");
        site.stop().await;
    }
}

#[tokio::test]
async fn worklogs_need_the_permission_and_an_existing_issue() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let issue = site.new_issue("権限 / permission").await;
        let input = WorklogInput::new(
            JiraTime::parse("2026-01-14T09:00:00.000+0900").unwrap(),
            600,
        );
        let viewer = site.client_as("kobayashi.aoi").await;
        let err = viewer
            .add_worklog(&issue.key, &input, AdjustEstimate::Leave)
            .await
            .unwrap_err();
        assert_eq!(
            err.kind,
            ErrorKind::Forbidden {
                permission: Some("WORK_ON_ISSUES".into())
            },
            "{kind}: {}",
            err.message
        );
        assert_eq!(
            support::code(
                site.client
                    .add_worklog("NOPE-1", &input, AdjustEstimate::Leave)
                    .await
            ),
            "NotFound"
        );
        let incomplete = WorklogInput {
            time_spent_seconds: Some(0),
            ..input.clone()
        };
        let err = site
            .client
            .add_worklog(&issue.key, &incomplete, AdjustEstimate::Leave)
            .await
            .unwrap_err();
        assert_eq!(err.code(), "Validation");
        site.stop().await;
    }
}
