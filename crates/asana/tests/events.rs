//! The events API against the Asana simulator: the first poll gets 412 and
//! a token, later polls get what changed, `has_more` is followed, and an
//! expired token asks for a full read again.

mod support;

use kakehashi_asana::model::{EventAction, TaskUpdate};
use kakehashi_asana::EventsOutcome;
use support::{project_tasks, Asana};

#[tokio::test]
async fn first_poll_resyncs_then_changes_arrive_then_an_expired_token_resyncs() {
    let asana = Asana::start().await;
    let client = asana.client();
    let (marketing, tasks) = project_tasks(&client, "マーケティング施策").await;

    let EventsOutcome::Resync { sync: first } = client.events(&marketing.gid, None).await.unwrap()
    else {
        panic!("a first poll has no token")
    };
    let EventsOutcome::Changes {
        events,
        sync: quiet,
    } = client.events(&marketing.gid, Some(&first)).await.unwrap()
    else {
        panic!("a fresh token is good")
    };
    assert!(events.is_empty(), "{events:?}");

    let task = &tasks[0];
    let renamed = TaskUpdate {
        name: Some("コピー改訂 / Copy revised".into()),
        ..TaskUpdate::default()
    };
    client.update_task(&task.gid, &renamed).await.unwrap();
    let EventsOutcome::Changes { events, sync: next } =
        client.events(&marketing.gid, Some(&quiet)).await.unwrap()
    else {
        panic!("the token is not expired")
    };
    let change = events
        .iter()
        .find(|e| e.resource.gid == task.gid)
        .unwrap_or_else(|| panic!("no event for the task: {events:?}"));
    assert_eq!(change.action, EventAction::Changed);
    assert_eq!(
        change.change.as_ref().map(|c| c.field.as_str()),
        Some("name")
    );
    assert_eq!(
        change.user.as_ref().and_then(|u| u.name.as_deref()),
        Some("架け橋 同期")
    );
    assert_ne!(next, quiet);

    let expired = asana.control("asana/events/expire").await;
    assert!(expired["expiredTokens"].as_u64().unwrap() >= 3);
    let EventsOutcome::Resync { sync: fresh } =
        client.events(&marketing.gid, Some(&next)).await.unwrap()
    else {
        panic!("an expired token must ask for a full read")
    };
    assert_ne!(fresh, next);
    assert!(matches!(
        client.events(&marketing.gid, Some(&fresh)).await.unwrap(),
        EventsOutcome::Changes { ref events, .. } if events.is_empty()
    ));
    asana.stop().await;
}

#[tokio::test]
async fn more_than_a_page_of_events_is_read_in_one_call() {
    let asana = Asana::start().await;
    let client = asana.client();
    let (marketing, tasks) = project_tasks(&client, "マーケティング施策").await;
    let EventsOutcome::Resync { sync } = client.events(&marketing.gid, None).await.unwrap() else {
        panic!("a first poll has no token")
    };
    let task = &tasks[1];
    for n in 0..130 {
        let update = TaskUpdate {
            name: Some(format!("改訂 {n} / revision {n}")),
            ..TaskUpdate::default()
        };
        client.update_task(&task.gid, &update).await.unwrap();
    }
    let before = asana.count("GET /api/1.0/events").await;
    let EventsOutcome::Changes { events, sync: next } =
        client.events(&marketing.gid, Some(&sync)).await.unwrap()
    else {
        panic!("the token is good")
    };
    assert_eq!(events.len(), 130);
    assert!(events.iter().all(|e| e.resource.gid == task.gid));
    assert_eq!(
        events.last().and_then(|e| e.resource.name.as_deref()),
        Some("改訂 129 / revision 129")
    );
    assert_eq!(
        asana.count("GET /api/1.0/events").await - before,
        2,
        "a page of 100, then the rest"
    );
    assert!(matches!(
        client.events(&marketing.gid, Some(&next)).await.unwrap(),
        EventsOutcome::Changes { ref events, .. } if events.is_empty()
    ));
    asana.stop().await;
}
