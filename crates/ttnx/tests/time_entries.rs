//! A user's time entries: create → read → list → update → delete → 404,
//! bodies held to `postTimeEntry.json` / `putTimeEntry.json`; the server's
//! offset-less times against its own UTC audit times; input granularity and
//! the lock date; who may touch whose entries.

mod support;

use futures_util::TryStreamExt;
use jiff::civil::{date, Date, DateTime};
use jiff::ToSpan;
use kakehashi_contracts as contracts;
use kakehashi_http::ErrorKind;
use kakehashi_ttnx::model::{TimeEntry, TimeEntryId, UserId};
use kakehashi_ttnx::time_entries::{NewTimeEntry, TimeEntryQuery, TimeEntryUpdate};
use kakehashi_ttnx::{Granularity, ServerZone, TtnxClient};
use serde_json::json;
use support::{item_named, project_by_code, Kind, Sim, MEMBER, VIEWER};

const POST_ENTRY: &str = "system/users/timeEntries/postTimeEntry.json";
const PUT_ENTRY: &str = "system/users/timeEntries/putTimeEntry.json";

fn at(day: Date, hour: i8, minute: i8) -> DateTime {
    day.at(hour, minute, 0, 0)
}

async fn list(client: &TtnxClient, user: &UserId, query: TimeEntryQuery) -> Vec<TimeEntry> {
    client
        .time_entries(user, &query)
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_entry_is_booked_for_a_user_read_listed_changed_and_deleted() {
    let sim = Sim::start().await;
    let client = sim.client(); // the service account books for a person
    let suzuki = sim.user_id(MEMBER);
    let web = project_by_code(&client, "WEB").await;
    let task = item_named(&client, &web.id, "ログイン画面の実装").await;
    let day = date(2030, 6, 3);

    let entry = NewTimeEntry::new(task.clone(), at(day, 9, 0), at(day, 10, 30)).memo("結合テスト");
    entry.check(Granularity::default()).unwrap();
    contracts::ttnx().assert_request(POST_ENTRY, &entry.to_body());
    let created = client.create_time_entry(&suzuki, &entry).await.unwrap();
    assert_eq!(created.start_time, at(day, 9, 0));
    assert_eq!(created.finish_time, at(day, 10, 30));
    assert_eq!(created.time, Some(90));
    assert_eq!(created.user_id.as_ref(), Some(&suzuki));
    assert_eq!(created.project_id.as_ref(), Some(&web.id));

    let read = client.time_entry(&suzuki, &created.id).await.unwrap();
    assert_eq!(read.work_date, day);
    assert_eq!(read.memo.as_deref(), Some("結合テスト"));
    assert_eq!(read.work_item_id.as_ref(), Some(&task));
    assert_eq!(read.work_item_name.as_deref(), Some("ログイン画面の実装"));
    assert_eq!(read.is_locked, Some(false));
    let listed = list(&client, &suzuki, TimeEntryQuery::between(day, day)).await;
    assert_eq!(listed, std::slice::from_ref(&read));

    let update = TimeEntryUpdate {
        finish_time: Some(at(day, 11, 0)),
        memo: Some("結合テスト (完了)".into()),
        ..TimeEntryUpdate::default()
    };
    let body = update.to_body();
    contracts::ttnx().assert_request(PUT_ENTRY, &body);
    assert!(body.get("workItemId").is_none());
    client
        .update_time_entries(&suzuki, std::slice::from_ref(&created.id), &update)
        .await
        .unwrap();
    let read = client.time_entry(&suzuki, &created.id).await.unwrap();
    assert_eq!(read.finish_time, at(day, 11, 0));
    assert_eq!(read.time, Some(120));
    assert_eq!(read.memo.as_deref(), Some("結合テスト (完了)"));
    assert_eq!(read.start_time, at(day, 9, 0), "untouched parts stay");

    client
        .delete_time_entries(&suzuki, std::slice::from_ref(&created.id))
        .await
        .unwrap();
    let err = client.time_entry(&suzuki, &created.id).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    assert!(list(&client, &suzuki, TimeEntryQuery::between(day, day))
        .await
        .is_empty());
    let err = client
        .delete_time_entries(&suzuki, std::slice::from_ref(&created.id))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "NotFound");
    sim.stop().await;
}

#[tokio::test]
async fn server_local_times_read_in_the_servers_zone_match_its_utc_audit_times() {
    let sim = Sim::start().await;
    let client = sim.client_as(MEMBER, Kind::Token);
    let suzuki = sim.user_id(MEMBER);
    let zone = client.profile_zone().await.unwrap();
    let today = zone.local_date(jiff::Timestamp::now());
    let query = TimeEntryQuery {
        page_size: Some(3),
        ..TimeEntryQuery::between(today - 20.days(), today)
    };
    let entries = list(&client, &suzuki, query.clone()).await;
    assert!(
        entries.len() >= 8,
        "two weeks of entries: {}",
        entries.len()
    );
    let all_at_once = list(
        &client,
        &suzuki,
        TimeEntryQuery {
            page_size: Some(1000),
            ..query
        },
    )
    .await;
    assert_eq!(entries, all_at_once, "small pages give the same list");

    // The seed writes each entry when its work ends: the server's UTC
    // `createdAt` is its local `finishTime`, placed in the server's zone.
    let stockholm = ServerZone::named("Europe/Stockholm").unwrap();
    for entry in &entries {
        let (start, finish) = entry.interval(&zone).unwrap();
        assert_eq!(Some(finish), entry.created_at, "{entry:?}");
        assert_eq!(
            finish.duration_since(start).as_secs(),
            entry.time.unwrap() * 60
        );
        assert_eq!(zone.to_local(finish), entry.finish_time);
        assert_eq!(entry.work_date, entry.start_time.date());
        assert_ne!(
            Some(stockholm.to_utc(entry.finish_time).unwrap()),
            entry.created_at,
            "the wrong zone would shift every entry"
        );
    }
    sim.stop().await;
}

#[tokio::test]
async fn the_input_granularity_is_checked_before_sending_and_by_the_server() {
    let sim = Sim::start().await;
    let client = sim.client_as(MEMBER, Kind::ApiKey);
    let suzuki = sim.user_id(MEMBER);
    let web = project_by_code(&client, "WEB").await;
    let task = item_named(&client, &web.id, "ログイン画面の実装").await;
    let settings = sim
        .settings(Some(json!({ "inputGranularityMinutes": 30 })))
        .await;
    let grid =
        Granularity::minutes(settings["inputGranularityMinutes"].as_u64().unwrap() as u32).unwrap();
    let day = date(2030, 6, 4);

    let off_grid = NewTimeEntry::new(task.clone(), at(day, 9, 15), at(day, 10, 0));
    let err = off_grid.check(grid).unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::InvalidInput {
            field: "startTime".into()
        }
    );
    // Sent anyway, the server refuses it in its own words.
    let err = client
        .create_time_entry(&suzuki, &off_grid)
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Rejected);
    assert!(err.message.contains("30 分単位"), "{err}");

    // A Jira worklog of 09:07 for 50 minutes, fitted to the grid, is accepted.
    let (start, finish) = grid.fit(at(day, 9, 7), 50).unwrap();
    let fitted = NewTimeEntry::new(task, start, finish);
    fitted.check(grid).unwrap();
    contracts::ttnx().assert_request(POST_ENTRY, &fitted.to_body());
    let created = client.create_time_entry(&suzuki, &fitted).await.unwrap();
    assert_eq!(
        (created.start_time, created.finish_time),
        (at(day, 9, 0), at(day, 10, 0))
    );
    sim.stop().await;
}

#[tokio::test]
async fn locked_days_refuse_changes_and_read_as_locked() {
    let sim = Sim::start().await;
    let client = sim.client_as(MEMBER, Kind::Basic);
    let suzuki = sim.user_id(MEMBER);
    let web = project_by_code(&sim.client(), "WEB").await;
    let task = item_named(&client, &web.id, "ログイン画面の実装").await;
    let day = date(2030, 6, 5);
    let created = client
        .create_time_entry(
            &suzuki,
            &NewTimeEntry::new(task.clone(), at(day, 13, 0), at(day, 14, 0)),
        )
        .await
        .unwrap();
    sim.settings(Some(json!({ "lockedUntil": "2030-06-05" })))
        .await;

    let read = client.time_entry(&suzuki, &created.id).await.unwrap();
    assert_eq!(read.is_locked, Some(true));
    let memo = TimeEntryUpdate {
        memo: Some("後から".into()),
        ..TimeEntryUpdate::default()
    };
    contracts::ttnx().assert_request(PUT_ENTRY, &memo.to_body());
    let err = client
        .update_time_entries(&suzuki, std::slice::from_ref(&created.id), &memo)
        .await
        .unwrap_err();
    assert_eq!(err.code(), "Validation");
    assert!(err.message.contains("ロック"), "{err}");
    let err = client
        .create_time_entry(
            &suzuki,
            &NewTimeEntry::new(task, at(day, 15, 0), at(day, 16, 0)),
        )
        .await
        .unwrap_err();
    assert!(err.message.contains("ロック"), "{err}");
    let me = client.users(std::slice::from_ref(&suzuki)).await.unwrap();
    assert_eq!(me[0].time_entry_locked_date, Some(day));
    sim.stop().await;
}

#[tokio::test]
async fn people_touch_only_their_own_entries_and_viewers_none() {
    let sim = Sim::start().await;
    let member = sim.client_as(MEMBER, Kind::Token);
    let tanaka = sim.user_id("tanaka.kenji");
    let err = member
        .time_entries(&tanaka, &TimeEntryQuery::default())
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::Forbidden {
            permission: Some("Manage Time Entries of Other Users".into())
        },
        "{err}"
    );

    let web = project_by_code(&sim.client(), "WEB").await;
    let task = item_named(&sim.client(), &web.id, "定例会議").await;
    let viewer = sim.client_as(VIEWER, Kind::ApiKey);
    let day = date(2030, 6, 6);
    let entry = NewTimeEntry::new(task, at(day, 10, 0), at(day, 11, 0));
    contracts::ttnx().assert_request(POST_ENTRY, &entry.to_body());
    let err = viewer
        .create_time_entry(&sim.user_id(VIEWER), &entry)
        .await
        .unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::Forbidden {
            permission: Some("Enter Time Entries".into())
        },
        "{err}"
    );

    let err = member
        .time_entry(&sim.user_id(MEMBER), &TimeEntryId::from("1"))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::NotFound);
    let err = member
        .create_time_entry(
            &sim.user_id(MEMBER),
            &NewTimeEntry::new(web.id.clone().into(), at(day, 11, 0), at(day, 10, 0)),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::InvalidInput {
            field: "finishTime".into()
        },
        "checked before sending"
    );
    sim.stop().await;
}
