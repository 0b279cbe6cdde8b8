//! Search on both flavours: every issue once and in order whatever the
//! page size, Data Center pages fetched in parallel, properties and
//! changelogs, change searches with epoch milliseconds or the profile zone
//! (and the silent miss a wrong zone causes), overlap and de-duplication.

mod support;

use futures_util::TryStreamExt;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use kakehashi_jira::jql::{changes_jql, quote, with_overlap, SeenChanges, TimeFilter};
use kakehashi_jira::{Deployment, FieldValues, Issue, NewIssue, SearchRequest, SearchTuning};
use kakehashi_sim::SimKind;
use serde_json::json;
use support::{Site, BOTH};

fn keys(issues: &[Issue]) -> Vec<String> {
    issues.iter().map(|i| i.key.clone()).collect()
}

fn number(key: &str) -> u64 {
    key.rsplit('-').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn every_issue_comes_once_and_in_order_whatever_the_page_size() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let jql = format!(
            "project in ({}, {}) ORDER BY key ASC",
            site.project(),
            site.other_project()
        );
        let request = SearchRequest::new(&jql).fields(&["summary", "updated", "status"]);
        let one_page = site
            .client
            .clone()
            .with_search_tuning(SearchTuning {
                cloud_page_size: 100,
                dc_page_size: 1000,
                dc_concurrency: 1,
                cloud_bulk_concurrency: 0,
            })
            .search_all(&request)
            .await
            .unwrap();
        assert!(one_page.len() > 10, "{kind}: the demo seed has issues");

        let searches_before = site.stats().await["total"].as_u64().unwrap();
        let small = site.client.clone().with_search_tuning(SearchTuning {
            cloud_page_size: 4,
            dc_page_size: 3,
            dc_concurrency: 3,
            cloud_bulk_concurrency: 0,
        });
        let paged = small.search_all(&request).await.unwrap();
        assert_eq!(keys(&paged), keys(&one_page), "{kind}");
        let requests = site.stats().await["total"].as_u64().unwrap() - searches_before;
        let page_size = if kind == SimKind::JiraCloud { 4 } else { 3 };
        assert_eq!(
            requests,
            one_page.len().div_ceil(page_size) as u64,
            "{kind}"
        );

        // ORDER BY key: project by project, numbers ascending.
        for pair in paged.windows(2) {
            let (a, b) = (&pair[0].key, &pair[1].key);
            let (pa, pb) = (a.split('-').next(), b.split('-').next());
            assert!(
                pa < pb || (pa == pb && number(a) < number(b)),
                "{a} before {b}"
            );
        }
        let first = &paged[0];
        assert!(first
            .fields
            .summary
            .as_deref()
            .is_some_and(|s| !s.is_empty()));
        assert!(first.fields.updated.is_some());
        assert!(first.fields.status.is_some());
        assert!(
            first.fields.description.is_none(),
            "only the fields asked for"
        );
        site.stop().await;
    }
}

#[tokio::test]
async fn the_stream_reads_pages_only_as_it_is_consumed() {
    let site = Site::start(SimKind::JiraCloud).await;
    let client = site.client.clone().with_search_tuning(SearchTuning {
        cloud_page_size: 2,
        cloud_bulk_concurrency: 0,
        ..SearchTuning::default()
    });
    let before = site.count("POST /rest/api/3/search/jql").await;
    let request = SearchRequest::new("project = WEB ORDER BY key").fields(&["summary"]);
    let mut stream = client.search(&request);
    let first = stream.try_next().await.unwrap().unwrap();
    let second = stream.try_next().await.unwrap().unwrap();
    assert_ne!(first.key, second.key);
    assert_eq!(site.count("POST /rest/api/3/search/jql").await, before + 1);
    stream.try_next().await.unwrap().unwrap();
    assert_eq!(site.count("POST /rest/api/3/search/jql").await, before + 2);
    drop(stream);

    // Ids and keys only: Cloud's large pages, one request for them all.
    let ids = client
        .search_all(&SearchRequest::new("project in (WEB, MOB) ORDER BY key"))
        .await
        .unwrap();
    assert!(ids.len() > 2);
    assert!(ids.iter().all(|i| i.fields.summary.is_none()));
    assert_eq!(site.count("POST /rest/api/3/search/jql").await, before + 3);
    site.stop().await;
}

#[tokio::test]
async fn properties_and_changelogs_come_with_the_issues() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let marker = support::marker("search");
        let created = site
            .client
            .create_issue(
                &NewIssue::new(site.project(), "Task", "検索で見つける / find me")
                    .property("kakehashi", marker.clone()),
            )
            .await
            .unwrap();
        site.client
            .edit_issue(
                &created.key,
                &FieldValues {
                    summary: Some("検索で見つけた / found".into()),
                    ..FieldValues::default()
                },
            )
            .await
            .unwrap();
        let request = SearchRequest::new(format!("key = {}", created.key))
            .fields(&["summary"])
            .with_changelog()
            .property("kakehashi");
        let found = site.client.search_all(&request).await.unwrap();
        assert_eq!(found.len(), 1, "{kind}");
        let issue = &found[0];
        assert_eq!(issue.property("kakehashi"), Some(&marker));
        let histories = &issue.changelog.as_ref().expect("a changelog").histories;
        let summary_change = histories
            .iter()
            .flat_map(|h| &h.items)
            .find(|item| item.field == "summary")
            .expect("the edit is in the changelog");
        assert_eq!(
            summary_change.to_string.as_deref(),
            Some("検索で見つけた / found")
        );
        site.stop().await;
    }
}

#[tokio::test]
async fn change_searches_in_epoch_milliseconds_or_the_profile_zone_find_a_fresh_change() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let created = site.new_issue("変更検索 / change search").await;
        let issue = site
            .client
            .issue(&created.key, &["updated"], false, &[])
            .await
            .unwrap();
        let updated = issue.updated().unwrap().timestamp();
        let scope = format!("project = {}", quote(site.project()));
        let profile = site.client.myself().await.unwrap().zone().unwrap();

        let exact = TimeFilter::updated_since(updated);
        let in_profile_zone = TimeFilter::updated_since(updated).in_zone(profile.clone());
        for filter in [exact, in_profile_zone] {
            let found = site
                .client
                .search_all(&SearchRequest::new(changes_jql(&scope, &filter)).fields(&["updated"]))
                .await
                .unwrap();
            assert!(
                keys(&found).contains(&created.key),
                "{kind}: {filter} must find {}",
                created.key
            );
            // Oldest change first, so a watermark can follow the results.
            let times: Vec<Timestamp> = found
                .iter()
                .map(|i| i.updated().unwrap().timestamp())
                .collect();
            assert!(times.windows(2).all(|w| w[0] <= w[1]), "{kind}: {times:?}");
        }

        // The trap: the same instant written as a wall-clock time of another
        // zone is read in the profile zone (Asia/Tokyo) and misses the change.
        let kiritimati = TimeZone::get("Pacific/Kiritimati").unwrap();
        assert_ne!(kiritimati, profile);
        let wrong = TimeFilter::updated_since(updated).in_zone(kiritimati);
        let missed = site
            .client
            .search_all(&SearchRequest::new(changes_jql(&scope, &wrong)))
            .await
            .unwrap();
        assert!(!keys(&missed).contains(&created.key), "{kind}: {wrong}");
        site.stop().await;
    }
}

#[tokio::test]
async fn overlapping_change_searches_report_each_change_once() {
    let site = Site::start(SimKind::JiraDataCenter).await;
    let client = &site.client;
    let scope = "project = SYS";
    let first = client
        .create_issue(&NewIssue::new("SYS", "Task", "一回目 / first"))
        .await
        .unwrap();
    let first_updated = client
        .issue(&first.key, &["updated"], false, &[])
        .await
        .unwrap()
        .updated()
        .unwrap()
        .timestamp();
    let mut seen = SeenChanges::new();
    let run = |since: Timestamp| async move {
        let jql = changes_jql(scope, &TimeFilter::updated_since(with_overlap(since)));
        client
            .search_all(&SearchRequest::new(jql).fields(&["updated"]))
            .await
    };
    let one = seen.retain_new(run(first_updated).await.unwrap());
    assert!(keys(&one).contains(&first.key));
    let watermark = kakehashi_jira::jql::latest_updated(&one).unwrap();

    // Another change inside the overlapping minute, then the next run.
    site.control("jira-dc/clock", json!({ "advanceMs": 1_000 }))
        .await;
    let second = client
        .create_issue(&NewIssue::new("SYS", "Task", "二回目 / second"))
        .await
        .unwrap();
    let raw = run(watermark).await.unwrap();
    assert!(
        keys(&raw).contains(&first.key),
        "the overlap reads the first change again"
    );
    let two = seen.retain_new(raw);
    assert_eq!(keys(&two), vec![second.key.clone()]);
    site.stop().await;
}

#[tokio::test]
async fn bad_queries_are_refused_with_the_servers_words() {
    let cloud = Site::start(SimKind::JiraCloud).await;
    assert_eq!(cloud.client.deployment(), Deployment::Cloud);
    let err = cloud
        .client
        .search_all(&SearchRequest::new("ORDER BY key"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "Validation");
    assert!(err.message.contains("Unbounded JQL"), "{}", err.message);
    cloud.stop().await;

    let dc = Site::start(SimKind::JiraDataCenter).await;
    let err = dc
        .client
        .search_all(&SearchRequest::new("sprint = 5"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "Validation");
    assert!(err.message.contains("sprint"), "{}", err.message);
    dc.stop().await;
}

#[tokio::test]
async fn cloud_reads_ids_then_details_in_bulk_in_the_searchs_order() {
    let site = Site::start(SimKind::JiraCloud).await;
    // Descending keys: the opposite of the id order bulkfetch answers in.
    let request = SearchRequest::new("project in (WEB, MOB) ORDER BY key DESC")
        .fields(&["summary", "updated"]);
    let paged = site
        .client
        .clone()
        .with_search_tuning(SearchTuning {
            cloud_bulk_concurrency: 0,
            ..SearchTuning::default()
        })
        .search_all(&request)
        .await
        .unwrap();
    let searches = site.count("POST /rest/api/3/search/jql").await;
    let bulk = site.count("POST /rest/api/3/issue/bulkfetch").await;
    let client = site.client.clone().with_search_tuning(SearchTuning {
        cloud_bulk_concurrency: 3,
        ..SearchTuning::default()
    });
    let fetched = client.search_all(&request).await.unwrap();
    assert_eq!(keys(&fetched), keys(&paged));
    assert!(fetched
        .iter()
        .all(|i| i.fields.summary.is_some() && i.fields.updated.is_some()));
    assert!(
        fetched.iter().all(|i| i.fields.description.is_none()),
        "only the fields asked for"
    );
    // One ids-only page, then one bulk fetch per 100 issues.
    assert_eq!(
        site.count("POST /rest/api/3/search/jql").await,
        searches + 1
    );
    assert_eq!(
        site.count("POST /rest/api/3/issue/bulkfetch").await,
        bulk + fetched.len().div_ceil(100) as u64
    );
    site.stop().await;
}
