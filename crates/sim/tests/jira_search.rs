//! Jira simulators: the JQL subset, time zones in JQL dates, and paging to
//! the end — Cloud's `nextPageToken` and Data Center's `startAt`.

#[path = "support/jira.rs"]
mod jira;

use std::collections::HashSet;

use jira::Site;
use kakehashi_sim::{Seed, SimKind};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn cloud_search(site: &Site, login: &str, body: Value) -> jira::Answer {
    site.post(login, "/rest/api/3/search/jql", body).await
}

async fn keys(site: &Site, login: &str, jql: &str) -> Vec<String> {
    let answer = match site.kind {
        SimKind::JiraCloud => {
            cloud_search(
                site,
                login,
                json!({"jql": jql, "fields": ["key"], "maxResults": 500}),
            )
            .await
        }
        _ => {
            site.post(
                login,
                "/rest/api/2/search",
                json!({"jql": jql, "fields": ["key"], "maxResults": 500}),
            )
            .await
        }
    };
    assert_eq!(answer.status, StatusCode::OK, "{jql}: {}", answer.body);
    answer.body["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["key"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_jql_subset_filters_and_orders() {
    let site = Site::cloud().await;
    let web = keys(&site, "sato.hanako", "project = WEB").await;
    let mob = keys(&site, "sato.hanako", "project = \"モバイルアプリ\"").await;
    assert!(
        web.len() >= 15 && mob.len() >= 15,
        "{} {}",
        web.len(),
        mob.len()
    );
    let both = keys(&site, "sato.hanako", "project IN (WEB, MOB)").await;
    assert_eq!(both.len(), web.len() + mob.len());
    assert_eq!(
        keys(
            &site,
            "sato.hanako",
            "project in (web, mob) and not project = MOB"
        )
        .await
        .len(),
        web.len()
    );

    let bugs = keys(&site, "sato.hanako", "project = WEB AND issuetype = Bug").await;
    assert!(!bugs.is_empty() && bugs.len() < web.len());
    let not_done = keys(&site, "sato.hanako", "project = WEB AND status != Done").await;
    let done = keys(&site, "sato.hanako", "project = WEB AND status = Done").await;
    assert_eq!(not_done.len() + done.len(), web.len());
    let mixed = keys(
        &site,
        "sato.hanako",
        "(project = WEB AND issuetype = Bug) OR (project = MOB AND status = \"In Progress\")",
    )
    .await;
    let mob_progress = keys(
        &site,
        "sato.hanako",
        "project = MOB AND status = 'in progress'",
    )
    .await;
    assert_eq!(mixed.len(), bugs.len() + mob_progress.len());
    assert_eq!(
        keys(
            &site,
            "sato.hanako",
            "key in (WEB-1, WEB-2, MOB-3) ORDER BY key ASC"
        )
        .await,
        vec!["MOB-3", "WEB-1", "WEB-2"]
    );
    assert_eq!(
        keys(&site, "sato.hanako", "issuekey = web-2 OR id = 10000")
            .await
            .len(),
        2
    );
    let unassigned = keys(&site, "sato.hanako", "project = WEB AND assignee IS EMPTY").await;
    assert!(!unassigned.is_empty());
    let mine = keys(&site, "emma.lindqvist", "assignee = currentUser()").await;
    assert!(!mine.is_empty());

    // ORDER BY created ASC is the reverse of DESC.
    let ascending = keys(&site, "sato.hanako", "project = WEB ORDER BY created ASC").await;
    let mut descending = keys(&site, "sato.hanako", "project = WEB ORDER BY created DESC").await;
    descending.reverse();
    assert_eq!(ascending, descending);
    let by_updated = cloud_search(&site, "sato.hanako", json!({"jql": "project = WEB ORDER BY updated DESC", "fields": ["updated"], "maxResults": 100})).await;
    let times: Vec<String> = by_updated.body["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fields"]["updated"].as_str().unwrap().to_owned())
        .collect();
    let mut sorted = times.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(
        times, sorted,
        "same zone, so the strings sort like the instants"
    );
}

#[tokio::test]
async fn unsupported_or_invalid_jql_gets_jiras_400() {
    for site in [Site::cloud().await, Site::dc().await] {
        let project = if site.kind == SimKind::JiraCloud {
            "WEB"
        } else {
            "SYS"
        };
        let path = if site.kind == SimKind::JiraCloud {
            "/rest/api/3/search/jql"
        } else {
            "/rest/api/2/search"
        };
        for jql in [
            format!("project = {project} AND summary ~ \"ログイン\""),
            format!("project = {project} AND labels = bug"),
            "flavour = sweet".to_owned(),
            "project = NOPE".to_owned(),
            format!("project = {project} AND status = Closed"),
            format!("project = {project} AND issuetype = Epic"),
            format!("project = {project} ORDER BY rank"),
            format!("project = {project} AND updated = \"2026-11-01\""),
            format!("project = {project} AND updated >= startOfDay()"),
            format!("project = {project} AND updated >= \"yesterday\""),
            format!("project = {project} AND key = {project}-9999"),
            format!("project = {project} AND assignee = nobody-at-all"),
            "project = (".to_owned(),
            "project = WEB AND".to_owned(),
            "project = \"unclosed".to_owned(),
        ] {
            let answer = site.post("sato.hanako", path, json!({"jql": jql})).await;
            assert_eq!(
                answer.status,
                StatusCode::BAD_REQUEST,
                "{jql}: {}",
                answer.body
            );
            assert!(
                answer.body["errorMessages"][0]
                    .as_str()
                    .is_some_and(|m| !m.is_empty()),
                "{jql}: {}",
                answer.body
            );
            assert_eq!(answer.body["errors"], json!({}), "{jql}");
        }
    }
}

#[tokio::test]
async fn cloud_refuses_unbounded_queries_and_data_center_does_not() {
    let cloud = Site::cloud().await;
    for jql in ["", "ORDER BY created DESC"] {
        let answer = cloud_search(&cloud, "sato.hanako", json!({"jql": jql})).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{jql:?}");
        assert!(answer.body["errorMessages"][0]
            .as_str()
            .unwrap()
            .contains("Unbounded"));
    }
    let dc = Site::dc().await;
    let answer = dc
        .get("sato.hanako", "/rest/api/2/search?jql=ORDER%20BY%20key")
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body["total"].as_u64().unwrap() >= 30);
}

/// `yyyy-MM-dd HH:mm` of a Jira timestamp as its reader saw it.
fn minute_of(jira_time: &str) -> String {
    format!("{} {}", &jira_time[..10], &jira_time[11..16])
}

#[tokio::test]
async fn zone_less_jql_dates_are_read_in_the_searching_users_zone() {
    for site in [Site::cloud().await, Site::dc().await] {
        let project = if site.kind == SimKind::JiraCloud {
            "WEB"
        } else {
            "SYS"
        };
        let key = site
            .create_issue("kakehashi-sync", project, "時刻テスト")
            .await;
        // As the Tokyo user saw `updated`, truncated to the minute.
        let tokyo = site
            .get(
                "suzuki.ichiro",
                &format!("{}/issue/{key}?fields=updated", site.api()),
            )
            .await;
        let updated = tokyo.body["fields"]["updated"].as_str().unwrap().to_owned();
        assert!(updated.ends_with("+0900"), "{updated}");
        let local = minute_of(&updated);

        let at_or_after = format!("key = {key} AND updated >= \"{local}\"");
        assert_eq!(
            keys(&site, "suzuki.ichiro", &at_or_after).await,
            vec![key.clone()],
            "Tokyo reads {local} as JST"
        );
        // The same words mean eight (or seven) hours later in Stockholm.
        assert!(
            keys(&site, "emma.lindqvist", &at_or_after).await.is_empty(),
            "Stockholm reads {local} as CET"
        );
        let before = format!("key = {key} AND updated < \"{}\"", local.replace('-', "/"));
        assert!(keys(&site, "suzuki.ichiro", &before).await.is_empty());
        assert_eq!(
            keys(&site, "emma.lindqvist", &before).await,
            vec![key.clone()]
        );

        // Stockholm sees the same instant in its own zone.
        let stockholm = site
            .get(
                "emma.lindqvist",
                &format!("{}/issue/{key}?fields=updated", site.api()),
            )
            .await;
        let theirs = stockholm.body["fields"]["updated"].as_str().unwrap();
        assert!(
            theirs.ends_with("+0100") || theirs.ends_with("+0200"),
            "{theirs}"
        );
        assert_eq!(
            keys(
                &site,
                "emma.lindqvist",
                &format!("key = {key} AND updated >= \"{}\"", minute_of(theirs))
            )
            .await,
            vec![key.clone()]
        );
    }
}

#[tokio::test]
async fn epoch_milliseconds_and_relative_dates_need_no_zone() {
    let site = Site::cloud().await;
    let key = site
        .create_issue("kakehashi-sync", "WEB", "エポックミリ秒")
        .await;
    let now = jiff::Timestamp::now().as_millisecond();
    for login in ["suzuki.ichiro", "emma.lindqvist"] {
        assert_eq!(
            keys(
                &site,
                login,
                &format!("key = {key} AND updated >= {}", now - 60_000)
            )
            .await,
            vec![key.clone()]
        );
        assert!(keys(
            &site,
            login,
            &format!("key = {key} AND updated > {}", now + 60_000)
        )
        .await
        .is_empty());
        assert_eq!(
            keys(
                &site,
                login,
                &format!("key = {key} AND created >= -2m AND updated <= \"+1m\"")
            )
            .await,
            vec![key.clone()]
        );
    }
    // The seed spreads over the last 30 days: nothing is newer than now or older than 31 days.
    let all = keys(&site, "sato.hanako", "project in (WEB, MOB)")
        .await
        .len();
    assert_eq!(
        keys(
            &site,
            "sato.hanako",
            "project in (WEB, MOB) AND created >= -31d"
        )
        .await
        .len(),
        all
    );
    assert!(keys(
        &site,
        "sato.hanako",
        &format!("project in (WEB, MOB) AND updated > {}", now + 1000)
    )
    .await
    .is_empty());
    assert!(
        keys(
            &site,
            "sato.hanako",
            "project in (WEB, MOB) AND updated >= -1d"
        )
        .await
        .len()
            < all
    );
}

#[tokio::test]
async fn cloud_search_returns_only_ids_unless_fields_are_asked_for() {
    let site = Site::cloud().await;
    let plain = site
        .get(
            "sato.hanako",
            "/rest/api/3/search/jql?jql=project%20%3D%20WEB&maxResults=3",
        )
        .await;
    assert_eq!(plain.status, StatusCode::OK);
    let issue = &plain.body["issues"][0];
    assert!(issue["id"].is_string());
    assert!(issue.get("fields").is_none(), "{issue}");
    assert!(
        plain.body.get("total").is_none(),
        "Cloud's search has no total"
    );

    let some = site.get("sato.hanako", "/rest/api/3/search/jql?jql=project%20%3D%20WEB&maxResults=3&fields=summary,status&expand=changelog").await;
    let fields = some.body["issues"][0]["fields"].as_object().unwrap();
    assert_eq!(fields.keys().collect::<Vec<_>>(), vec!["status", "summary"]);
    assert!(some.body["issues"][0]["changelog"]["histories"].is_array());
    let excluded = site
        .get(
            "sato.hanako",
            "/rest/api/3/search/jql?jql=key%3DWEB-1&fields=*all,-comment,-worklog",
        )
        .await;
    let fields = excluded.body["issues"][0]["fields"].as_object().unwrap();
    assert!(
        fields.contains_key("description")
            && !fields.contains_key("comment")
            && !fields.contains_key("worklog")
    );

    let strict = cloud_search(
        &site,
        "sato.hanako",
        json!({"jql": "project = WEB", "startAt": 10}),
    )
    .await;
    assert_eq!(
        strict.status,
        StatusCode::BAD_REQUEST,
        "Cloud's search body allows no startAt"
    );
    let typed = cloud_search(
        &site,
        "sato.hanako",
        json!({"jql": "project = WEB", "maxResults": "ten"}),
    )
    .await;
    assert_eq!(typed.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn next_page_tokens_walk_every_issue_exactly_once() {
    let site = Site::start(SimKind::JiraCloud, Seed::Large(733)).await;
    let jql = "project in (LOAD1, LOAD2, LOAD3, LOAD4, LOAD5) ORDER BY updated DESC";
    let mut seen = HashSet::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut body = json!({"jql": jql, "maxResults": 100, "fields": ["summary"]});
        if let Some(token) = &token {
            body["nextPageToken"] = json!(token);
        }
        let page = cloud_search(&site, "kakehashi-sync", body).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        pages += 1;
        for issue in page.body["issues"].as_array().unwrap() {
            assert!(
                seen.insert(issue["key"].as_str().unwrap().to_owned()),
                "{} twice",
                issue["key"]
            );
            assert!(issue["fields"]["summary"]
                .as_str()
                .unwrap()
                .contains("Load test issue"));
        }
        match page.body["nextPageToken"].as_str() {
            Some(next) => {
                assert_eq!(page.body["isLast"], false);
                token = Some(next.to_owned());
            }
            None => {
                assert_eq!(page.body["isLast"], true);
                break;
            }
        }
    }
    assert_eq!(seen.len(), 733);
    assert_eq!(pages, 8);

    // Id-only pages may be larger; a token is bound to its query.
    let big = site
        .get(
            "kakehashi-sync",
            "/rest/api/3/search/jql?jql=project%20%3D%20LOAD1&maxResults=5000",
        )
        .await;
    assert_eq!(big.body["issues"].as_array().unwrap().len(), 147);
    let first = cloud_search(
        &site,
        "kakehashi-sync",
        json!({"jql": "project = LOAD1", "maxResults": 10}),
    )
    .await;
    let token = first.body["nextPageToken"].as_str().unwrap();
    let wrong = cloud_search(
        &site,
        "kakehashi-sync",
        json!({"jql": "project = LOAD2", "nextPageToken": token}),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn data_center_pages_with_start_at_and_reports_the_total() {
    let site = Site::start(SimKind::JiraDataCenter, Seed::Large(733)).await;
    let mut seen = HashSet::new();
    let mut start = 0;
    loop {
        let page = site.get("kakehashi-sync", &format!("/rest/api/2/search?jql=project%20in%20(LOAD1,LOAD2,LOAD3,LOAD4,LOAD5)%20ORDER%20BY%20key&startAt={start}&maxResults=150&fields=summary")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.body["total"], 733);
        assert_eq!(page.body["startAt"], start);
        let issues = page.body["issues"].as_array().unwrap();
        if issues.is_empty() {
            break;
        }
        for issue in issues {
            assert!(seen.insert(issue["key"].as_str().unwrap().to_owned()));
        }
        start += issues.len();
    }
    assert_eq!(seen.len(), 733);

    let default = site
        .get("kakehashi-sync", "/rest/api/2/search?jql=project%3DLOAD1")
        .await;
    assert_eq!(default.body["maxResults"], 50, "the default page size");
    assert_eq!(default.body["issues"].as_array().unwrap().len(), 50);
    let fields = default.body["issues"][0]["fields"].as_object().unwrap();
    assert!(
        fields.contains_key("summary")
            && fields.contains_key("status")
            && fields.contains_key("updated")
    );
    assert!(
        !fields.contains_key("comment"),
        "*navigable leaves comments out"
    );
    let capped = site
        .get(
            "kakehashi-sync",
            "/rest/api/2/search?jql=project%3DLOAD1&maxResults=5000",
        )
        .await;
    assert_eq!(capped.body["maxResults"], 1000);
}
