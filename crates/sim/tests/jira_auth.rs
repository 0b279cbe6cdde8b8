//! Jira simulators: telling Cloud from Data Center, signing in each way the
//! products allow, the Data Center CAPTCHA lock, and permissions per role.

#[path = "support/jira.rs"]
mod jira;

use jira::{Auth, Site};
use kakehashi_sim::SimKind;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn server_info_is_anonymous_and_tells_cloud_from_data_center() {
    let cloud = Site::cloud().await;
    for path in ["/rest/api/2/serverInfo", "/rest/api/3/serverInfo"] {
        let info = cloud
            .send(cloud.request(&Auth::None, Method::GET, path))
            .await;
        assert_eq!(info.status, StatusCode::OK, "{path}");
        assert_eq!(info.body["deploymentType"], "Cloud");
        assert!(info.body["versionNumbers"]
            .as_array()
            .is_some_and(|v| v.len() == 3));
        assert_eq!(info.body["baseUrl"], cloud.sim.url());
    }
    let dc = Site::dc().await;
    let info = dc
        .send(dc.request(&Auth::None, Method::GET, "/rest/api/2/serverInfo"))
        .await;
    assert_eq!(info.status, StatusCode::OK);
    assert_eq!(info.body["deploymentType"], "Server");
    assert_eq!(info.body["version"], "10.3.1");
    assert_eq!(info.body["versionNumbers"], json!([10, 3, 1]));
    // Data Center has no REST v3.
    let v3 = dc
        .send(dc.request(&Auth::None, Method::GET, "/rest/api/3/serverInfo"))
        .await;
    assert_eq!(v3.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cloud_accepts_email_and_api_token_and_refuses_anything_else() {
    let site = Site::cloud().await;
    let me = site.get("sato.hanako", "/rest/api/3/myself").await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body["accountId"].as_str().is_some_and(|a| !a.is_empty()));
    assert_eq!(me.body["emailAddress"], "sato.hanako@example.co.jp");
    assert_eq!(me.body["displayName"], "佐藤 花子");
    assert_eq!(me.body["timeZone"], "Asia/Tokyo");
    assert!(
        me.body.get("name").is_none(),
        "Cloud users have no user name"
    );

    let person = site.person("sato.hanako");
    let refused = [
        Auth::Basic(person.email.clone(), "wrong-token".into()),
        Auth::Basic(person.login.clone(), person.secret(SimKind::JiraCloud)),
        Auth::Basic(person.email.clone(), person.secret(SimKind::JiraDataCenter)),
        Auth::Bearer(person.secret(SimKind::JiraCloud)),
        Auth::None,
    ];
    for auth in refused {
        let answer = site
            .send(site.request(&auth, Method::GET, "/rest/api/3/myself"))
            .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{auth:?}");
        assert!(
            answer.body["errorMessages"]
                .as_array()
                .is_some_and(|m| !m.is_empty()),
            "{}",
            answer.body
        );
        assert!(answer.body["errors"].is_object());
    }
    // Cloud has no CAPTCHA: after many failures the right token still works.
    for _ in 0..5 {
        let auth = Auth::Basic(person.email.clone(), "wrong".into());
        let answer = site
            .send(site.request(&auth, Method::GET, "/rest/api/3/myself"))
            .await;
        assert!(answer.header("x-authentication-denied-reason").is_none());
    }
    assert_eq!(
        site.get("sato.hanako", "/rest/api/3/myself").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn data_center_accepts_passwords_and_personal_access_tokens() {
    let site = Site::dc().await;
    let me = site.get("suzuki.ichiro", "/rest/api/2/myself").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["name"], "suzuki.ichiro");
    assert!(me.body["key"]
        .as_str()
        .is_some_and(|k| k.starts_with("JIRAUSER")));
    assert!(me.body.get("accountId").is_none());

    let person = site.person("suzuki.ichiro");
    let pat = Auth::Bearer(person.personal_access_token());
    let answer = site
        .send(site.request(&pat, Method::GET, "/rest/api/2/myself"))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body["name"], "suzuki.ichiro");

    let wrong_kinds = [
        // A PAT is not a password, and a password is not a bearer token.
        Auth::Basic(person.login.clone(), person.personal_access_token()),
        Auth::Bearer(person.secret(SimKind::JiraDataCenter)),
        // Cloud credentials mean nothing here.
        Auth::Basic(person.email.clone(), person.secret(SimKind::JiraCloud)),
        Auth::Bearer("sim-pat-nobody".into()),
        Auth::None,
    ];
    for auth in wrong_kinds {
        let answer = site
            .send(site.request(&auth, Method::GET, "/rest/api/2/myself"))
            .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{auth:?}");
        assert!(answer.body["errorMessages"].is_array());
    }
}

#[tokio::test]
async fn three_failed_logins_lock_a_user_behind_a_captcha_until_reset() {
    let site = Site::dc().await;
    let person = site.person("tanaka.kenji");
    let wrong = Auth::Basic(person.login.clone(), "not-the-password".into());
    let right = site.as_person("tanaka.kenji");
    let myself = "/rest/api/2/myself";

    for attempt in 1..=3 {
        let answer = site.send(site.request(&wrong, Method::GET, myself)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            answer.header("x-seraph-loginreason"),
            Some(if attempt < 3 {
                "AUTHENTICATED_FAILED"
            } else {
                "AUTHENTICATION_DENIED"
            })
        );
    }
    let locked = site.send(site.request(&right, Method::GET, myself)).await;
    assert_eq!(
        locked.status,
        StatusCode::UNAUTHORIZED,
        "the right password is refused while locked"
    );
    let reason = locked
        .header("x-authentication-denied-reason")
        .expect("CAPTCHA header");
    assert_eq!(
        reason,
        format!("CAPTCHA_CHALLENGE; login-url={}/login.jsp", site.sim.url())
    );

    // Another user, and a PAT of the locked user, are not affected.
    assert_eq!(site.get("sato.hanako", myself).await.status, StatusCode::OK);
    let pat = Auth::Bearer(person.personal_access_token());
    assert_eq!(
        site.send(site.request(&pat, Method::GET, myself))
            .await
            .status,
        StatusCode::OK
    );

    site.control("/__sim/reset", json!({})).await;
    let after_reset = site.send(site.request(&right, Method::GET, myself)).await;
    assert_eq!(after_reset.status, StatusCode::OK);

    for _ in 0..3 {
        site.send(site.request(&wrong, Method::GET, myself)).await;
    }
    assert_eq!(
        site.send(site.request(&right, Method::GET, myself))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let cleared = site
        .control("/__sim/jira-dc/captcha/clear", json!({}))
        .await;
    assert_eq!(cleared["cleared"], 1);
    assert_eq!(
        site.send(site.request(&right, Method::GET, myself))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_successful_login_resets_the_failure_count() {
    let site = Site::dc().await;
    let person = site.person("watanabe.mei");
    let wrong = Auth::Basic(person.login.clone(), "nope".into());
    for _ in 0..2 {
        site.send(site.request(&wrong, Method::GET, "/rest/api/2/myself"))
            .await;
    }
    assert_eq!(
        site.get("watanabe.mei", "/rest/api/2/myself").await.status,
        StatusCode::OK
    );
    for _ in 0..2 {
        site.send(site.request(&wrong, Method::GET, "/rest/api/2/myself"))
            .await;
    }
    assert_eq!(
        site.get("watanabe.mei", "/rest/api/2/myself").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn cloud_mypermissions_requires_the_permissions_parameter() {
    let site = Site::cloud().await;
    let missing = site.get("sato.hanako", "/rest/api/3/mypermissions").await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    assert!(missing.body["errorMessages"][0]
        .as_str()
        .is_some_and(|m| m.contains("permissions")));
    let unknown = site
        .get("sato.hanako", "/rest/api/3/mypermissions?permissions=FLY")
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let no_project = site
        .get(
            "sato.hanako",
            "/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=NOPE",
        )
        .await;
    assert_eq!(no_project.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn permissions_follow_each_persons_role() {
    const ASKED: &str = "BROWSE_PROJECTS,CREATE_ISSUES,EDIT_ISSUES,TRANSITION_ISSUES,ADD_COMMENTS,CREATE_ATTACHMENTS,WORK_ON_ISSUES,ADMINISTER_PROJECTS,ADMINISTER";
    for site in [Site::cloud().await, Site::dc().await] {
        let path = format!(
            "{}/mypermissions?permissions={ASKED}&projectKey={}",
            site.api(),
            if site.kind == SimKind::JiraCloud {
                "WEB"
            } else {
                "SYS"
            }
        );
        let expectations = [
            (
                "sato.hanako",
                [true, true, true, true, true, true, true, true, true],
            ),
            (
                "suzuki.ichiro",
                [true, true, true, true, true, true, true, false, false],
            ),
            (
                "kobayashi.aoi",
                [true, false, false, false, false, false, false, false, false],
            ),
        ];
        for (login, expected) in expectations {
            let answer = site.get(login, &path).await;
            assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
            for (key, have) in ASKED.split(',').zip(expected) {
                let permission = &answer.body["permissions"][key];
                assert_eq!(permission["havePermission"], have, "{login} {key}");
                assert_eq!(permission["key"], key);
            }
        }
    }
    // Data Center lists every permission when none is named.
    let dc = Site::dc().await;
    let all = dc.get("suzuki.ichiro", "/rest/api/2/mypermissions").await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body["permissions"]
        .as_object()
        .is_some_and(|p| p.len() >= 9));
}

#[tokio::test]
async fn viewers_get_jiras_403_for_every_change() {
    for site in [Site::cloud().await, Site::dc().await] {
        let api = site.api();
        let project = if site.kind == SimKind::JiraCloud {
            "WEB"
        } else {
            "SYS"
        };
        let key = format!("{project}-1");
        let viewer = "kobayashi.aoi";
        let attempts = vec![
            (
                Method::POST,
                format!("{api}/issue"),
                Some(
                    json!({"fields": {"project": {"key": project}, "issuetype": {"name": "Task"}, "summary": "x"}}),
                ),
            ),
            (
                Method::PUT,
                format!("{api}/issue/{key}"),
                Some(json!({"fields": {"summary": "renamed"}})),
            ),
            (Method::DELETE, format!("{api}/issue/{key}"), None),
            (
                Method::POST,
                format!("{api}/issue/{key}/transitions"),
                Some(json!({"transition": {"id": "11"}})),
            ),
            (
                Method::POST,
                format!("{api}/issue/{key}/comment"),
                Some(json!({"body": site.text("hello")})),
            ),
            (
                Method::POST,
                format!("{api}/issue/{key}/worklog"),
                Some(json!({"timeSpentSeconds": 3600})),
            ),
            (
                Method::PUT,
                format!("{api}/issue/{key}/properties/sync"),
                Some(json!({"x": 1})),
            ),
            (
                Method::POST,
                format!("{api}/version"),
                Some(json!({"name": "v9", "project": project})),
            ),
            (
                Method::POST,
                format!("{api}/project/{project}/role/10001"),
                Some(json!({"user": []})),
            ),
        ];
        for (method, path, body) in attempts {
            let answer = site.call(viewer, method.clone(), &path, body).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{method} {path}: {}",
                answer.body
            );
            let message = answer.body["errorMessages"][0].as_str().unwrap_or_default();
            assert!(message.starts_with("You"), "{method} {path}: {message}");
            assert!(answer.body["errors"].is_object());
        }
        let upload = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(b"x".to_vec()).file_name("x.txt"),
        );
        let request = site
            .request(
                &site.as_person(viewer),
                Method::POST,
                &format!("{api}/issue/{key}/attachments"),
            )
            .header("X-Atlassian-Token", "no-check")
            .multipart(upload);
        assert_eq!(site.send(request).await.status, StatusCode::FORBIDDEN);
        // Reading is allowed.
        assert_eq!(
            site.get(viewer, &format!("{api}/issue/{key}")).await.status,
            StatusCode::OK
        );
        // Members may work on issues but not administer the project.
        let member = site
            .post(
                "suzuki.ichiro",
                &format!("{api}/version"),
                json!({"name": "v9", "project": project}),
            )
            .await;
        assert_eq!(member.status, StatusCode::FORBIDDEN);
    }
}
