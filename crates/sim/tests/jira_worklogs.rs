//! Jira simulators: worklogs on an issue, and the change feeds a sync reads
//! them through (`/worklog/updated`, `/worklog/list`, `/worklog/deleted`).

#[path = "support/jira.rs"]
mod jira;

use std::collections::HashSet;

use jira::Site;
use kakehashi_sim::{Seed, SimKind};
use reqwest::StatusCode;
use serde_json::{json, Value};

fn project(site: &Site) -> &'static str {
    if site.kind == SimKind::JiraCloud {
        "WEB"
    } else {
        "SYS"
    }
}

#[tokio::test]
async fn worklogs_are_logged_read_changed_and_deleted() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let key = site
            .create_issue("suzuki.ichiro", project(&site), "作業記録")
            .await;
        let path = format!("{api}/issue/{key}/worklog");
        let logged = site
            .post("suzuki.ichiro", &path, json!({"started": "2026-11-17T12:34:00.000+0000", "timeSpentSeconds": 5400, "comment": site.text("設計レビュー")}))
            .await;
        assert_eq!(logged.status, StatusCode::CREATED, "{}", logged.body);
        assert_eq!(logged.body["timeSpent"], "1h 30m");
        assert_eq!(logged.body["timeSpentSeconds"], 5400);
        // Shown in the reader's zone: 12:34 UTC is 21:34 in Tokyo.
        assert_eq!(logged.body["started"], "2026-11-17T21:34:00.000+0900");
        assert_eq!(Site::plain(&logged.body["comment"]), "設計レビュー");
        let id = logged.body["id"].as_str().unwrap().to_owned();
        assert!(logged.body["issueId"]
            .as_str()
            .unwrap()
            .parse::<u64>()
            .is_ok());

        let by_text = site
            .post(
                "suzuki.ichiro",
                &path,
                json!({"started": "2026-11-18T09:00:00.000+0900", "timeSpent": "2h"}),
            )
            .await;
        assert_eq!(by_text.body["timeSpentSeconds"], 7200);

        let list = site.get("suzuki.ichiro", &path).await;
        assert_eq!(list.body["total"], 2);
        let issue = site
            .get(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}?fields=timespent,worklog"),
            )
            .await
            .body;
        assert_eq!(issue["fields"]["timespent"], 12_600);
        assert_eq!(issue["fields"]["worklog"]["total"], 2);

        let changed = site
            .put(
                "suzuki.ichiro",
                &format!("{path}/{id}"),
                json!({"timeSpentSeconds": 3600}),
            )
            .await;
        assert_eq!(changed.status, StatusCode::OK);
        assert_eq!(changed.body["timeSpent"], "1h");
        assert_eq!(
            Site::plain(&changed.body["comment"]),
            "設計レビュー",
            "fields left out stay"
        );
        // A member may not change someone else's worklog; an admin may.
        assert_eq!(
            site.put(
                "takahashi.yui",
                &format!("{path}/{id}"),
                json!({"timeSpentSeconds": 60})
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            site.put(
                "sato.hanako",
                &format!("{path}/{id}"),
                json!({"timeSpentSeconds": 1800})
            )
            .await
            .status,
            StatusCode::OK
        );
        let read = site.get("kobayashi.aoi", &format!("{path}/{id}")).await;
        assert_eq!(read.body["timeSpentSeconds"], 1800);
        assert_eq!(read.body["updateAuthor"]["displayName"], "佐藤 花子");

        assert_eq!(
            site.delete("suzuki.ichiro", &format!("{path}/{id}"))
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            site.get("suzuki.ichiro", &format!("{path}/{id}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(site.get("suzuki.ichiro", &path).await.body["total"], 1);
    }
}

#[tokio::test]
async fn invalid_worklogs_are_refused() {
    for site in [Site::cloud().await, Site::dc().await] {
        let path = format!("{}/issue/{}-1/worklog", site.api(), project(&site));
        let no_time = site
            .post(
                "suzuki.ichiro",
                &path,
                json!({"started": "2026-11-17T12:34:00.000+0000"}),
            )
            .await;
        assert_eq!(no_time.status, StatusCode::BAD_REQUEST);
        assert!(
            no_time.body["errors"]["timeLogged"].is_string(),
            "{}",
            no_time.body
        );
        let bad_start = site
            .post(
                "suzuki.ichiro",
                &path,
                json!({"started": "2026-11-17 12:34", "timeSpentSeconds": 60}),
            )
            .await;
        assert_eq!(bad_start.status, StatusCode::BAD_REQUEST);
        assert!(bad_start.body["errors"]["started"].is_string());
        let bad_time = site
            .post("suzuki.ichiro", &path, json!({"timeSpent": "a while"}))
            .await;
        assert_eq!(bad_time.status, StatusCode::BAD_REQUEST);
        let bad_adjust = site
            .post(
                "suzuki.ichiro",
                &format!("{path}?adjustEstimate=sometimes"),
                json!({"timeSpentSeconds": 60}),
            )
            .await;
        assert_eq!(bad_adjust.status, StatusCode::BAD_REQUEST);
    }
}

async fn changes(site: &Site, feed: &str, since: i64) -> Value {
    let answer = site
        .get(
            "kakehashi-sync",
            &format!("{}/worklog/{feed}?since={since}", site.api()),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body
}

fn ids(page: &Value) -> Vec<u64> {
    page["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["worklogId"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn the_change_feeds_leave_out_the_last_minute() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let since = jiff::Timestamp::now().as_millisecond() - 1000;
        let key = site
            .create_issue("suzuki.ichiro", project(&site), "フィード")
            .await;
        let logged = site
            .post(
                "suzuki.ichiro",
                &format!("{api}/issue/{key}/worklog"),
                json!({"timeSpentSeconds": 900}),
            )
            .await;
        let id: u64 = logged.body["id"].as_str().unwrap().parse().unwrap();

        let fresh = changes(&site, "updated", since).await;
        assert!(
            !ids(&fresh).contains(&id),
            "a change of the last minute is not listed yet"
        );
        assert_eq!(fresh["lastPage"], true);
        assert!(fresh.get("nextPage").is_none());

        site.advance_clock(61_000).await;
        let later = changes(&site, "updated", since).await;
        assert_eq!(ids(&later), vec![id]);
        let entry = &later["values"][0];
        assert!(entry["updatedTime"].as_i64().unwrap() >= since);
        assert_eq!(later["until"], entry["updatedTime"]);

        let list = site
            .post(
                "kakehashi-sync",
                &format!("{api}/worklog/list"),
                json!({"ids": [id, 999_999]}),
            )
            .await;
        assert_eq!(list.status, StatusCode::OK);
        assert_eq!(list.body.as_array().unwrap().len(), 1);
        assert_eq!(list.body[0]["timeSpentSeconds"], 900);

        assert_eq!(
            site.delete("suzuki.ichiro", &format!("{api}/issue/{key}/worklog/{id}"))
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert!(
            ids(&changes(&site, "deleted", since).await).is_empty(),
            "the deletion is in its last minute"
        );
        site.advance_clock(61_000).await;
        assert_eq!(ids(&changes(&site, "deleted", since).await), vec![id]);
        assert!(!ids(&changes(&site, "updated", since).await).contains(&id));

        // Deleting an issue deletes its worklogs too.
        let other = site
            .create_issue("suzuki.ichiro", project(&site), "フィード 2")
            .await;
        let logged = site
            .post(
                "suzuki.ichiro",
                &format!("{api}/issue/{other}/worklog"),
                json!({"timeSpentSeconds": 600}),
            )
            .await;
        let second: u64 = logged.body["id"].as_str().unwrap().parse().unwrap();
        site.delete("suzuki.ichiro", &format!("{api}/issue/{other}"))
            .await;
        site.advance_clock(61_000).await;
        assert!(ids(&changes(&site, "deleted", since).await).contains(&second));
    }
}

#[tokio::test]
async fn worklog_list_requests_are_checked() {
    for site in [Site::cloud().await, Site::dc().await] {
        let path = format!("{}/worklog/list", site.api());
        assert_eq!(
            site.post("kakehashi-sync", &path, json!({})).await.status,
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            site.post("kakehashi-sync", &path, json!({"ids": ["10000"]}))
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
        let too_many: Vec<u64> = (0..1001).collect();
        assert_eq!(
            site.post("kakehashi-sync", &path, json!({"ids": too_many}))
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
    }
    let cloud = Site::cloud().await;
    let extra = cloud
        .post(
            "kakehashi-sync",
            "/rest/api/3/worklog/list",
            json!({"ids": [10000], "since": 0}),
        )
        .await;
    assert_eq!(
        extra.status,
        StatusCode::BAD_REQUEST,
        "the v3 schema allows only ids"
    );
}

#[tokio::test]
async fn the_updated_feed_pages_by_a_thousand_to_the_end() {
    for kind in [SimKind::JiraCloud, SimKind::JiraDataCenter] {
        // One worklog per ten issues: 2,500 worklogs.
        let site = Site::start(kind, Seed::Large(25_000)).await;
        let mut seen = HashSet::new();
        let mut next = Some(format!("{}/worklog/updated?since=0", site.api()));
        let mut pages = 0;
        while let Some(path) = next {
            let page = site.get("kakehashi-sync", &path).await.body;
            pages += 1;
            let values = page["values"].as_array().unwrap();
            assert!(values.len() <= 1000);
            for id in ids(&page) {
                assert!(seen.insert(id), "{id} listed twice");
            }
            next = page["nextPage"]
                .as_str()
                .map(|url| url.trim_start_matches(site.sim.url()).to_owned());
            assert_eq!(page["lastPage"], next.is_none());
            if kind == SimKind::JiraDataCenter {
                assert_eq!(page["isLastPage"], page["lastPage"]);
            }
        }
        assert_eq!(seen.len(), 2500);
        assert_eq!(pages, 3);
        let listed = site
            .post(
                "kakehashi-sync",
                &format!("{}/worklog/list", site.api()),
                json!({"ids": seen.iter().take(1000).collect::<Vec<_>>()}),
            )
            .await;
        assert_eq!(listed.body.as_array().unwrap().len(), 1000);
    }
}

#[tokio::test]
async fn seeded_worklogs_start_at_local_times_in_their_authors_zones() {
    let site = Site::cloud().await;
    let list = site
        .get("emma.lindqvist", "/rest/api/3/issue/WEB-4/worklog")
        .await;
    let starts: Vec<&str> = list.body["worklogs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["started"].as_str().unwrap())
        .collect();
    assert!(
        starts.iter().any(|s| s.contains("T09:00:00.000+0")),
        "{starts:?}"
    );
    assert!(
        starts
            .iter()
            .all(|s| s.ends_with("+0100") || s.ends_with("+0200")),
        "{starts:?}"
    );
    let seeded = changes(&site, "updated", 0).await;
    assert!(
        ids(&seeded).len() >= 15,
        "the demo seed has worklogs over the last weeks"
    );
}
