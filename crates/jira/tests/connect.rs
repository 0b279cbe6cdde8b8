//! Connecting: telling Cloud from Data Center, every way to sign in, what a
//! wrong kind of credential says, the CAPTCHA lock, OAuth 2.0 refresh with
//! rotating refresh tokens, `myself` and `mypermissions`.

mod support;

use futures_util::future::join_all;
use kakehashi_jira::{
    Credentials, Deployment, ErrorKind, JiraClient, PermissionScope, SYNC_PERMISSIONS,
};
use kakehashi_sim::{start, SimKind, SimOptions};
use serde_json::json;
use support::{endpoint, oauth_credentials, oauth_tokens, refresher, Site, BOTH};

#[tokio::test]
async fn tells_cloud_from_data_center_and_reads_the_account() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let client = &site.client;
        assert_eq!(client.deployment(), site.deployment(), "{kind}");
        assert!(client.credential_fits());
        let info = client.server_info();
        match client.deployment() {
            Deployment::Cloud => {
                assert_eq!(info.deployment_type.as_deref(), Some("Cloud"));
                assert_eq!(info.version_numbers.first(), Some(&1001));
            }
            Deployment::DataCenter => {
                assert_eq!(info.version.as_deref(), Some("10.3.1"));
                assert_eq!(info.version_numbers, vec![10, 3, 1]);
                assert!(info.at_least(8, 14));
            }
        }

        let me = client.myself().await.unwrap();
        match client.deployment() {
            Deployment::Cloud => {
                assert!(me.account_id.as_deref().is_some_and(|a| !a.is_empty()));
                assert_eq!(me.email_address.as_deref(), Some(site.sim.login()));
                assert_eq!(me.id(), me.account_id.as_deref());
            }
            Deployment::DataCenter => {
                assert_eq!(me.name.as_deref(), Some(site.sim.login()));
                assert!(me.key.as_deref().is_some_and(|k| k.starts_with("JIRAUSER")));
                assert_eq!(me.id(), Some(site.sim.login()));
            }
        }
        assert_eq!(me.time_zone.as_deref(), Some("Asia/Tokyo"));
        assert_eq!(me.zone().unwrap().iana_name(), Some("Asia/Tokyo"));
        assert_eq!(
            client.browse_link("WEB-1").unwrap().as_str(),
            format!("{}/browse/WEB-1", site.sim.url())
        );
        site.stop().await;
    }
}

#[tokio::test]
async fn a_server_that_is_not_jira_says_so() {
    let asana = start(SimKind::Asana, &SimOptions::default(), 0)
        .await
        .unwrap();
    let err = JiraClient::connect(
        endpoint(asana.url()),
        Credentials::dc_password("someone", "secret"),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "NotFound", "{}", err.message);
    assert!(
        err.message.contains("does not answer like a Jira server"),
        "{}",
        err.message
    );
    asana.stop().await;

    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = JiraClient::connect(
        endpoint(&format!("http://127.0.0.1:{port}")),
        Credentials::dc_password("someone", "secret"),
    )
    .await
    .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Refused);
    assert_eq!(err.code(), "Network");
}

#[tokio::test]
async fn data_center_takes_a_personal_access_token() {
    let site = Site::start(SimKind::JiraDataCenter).await;
    let client = JiraClient::connect(
        endpoint(site.sim.url()),
        Credentials::dc_personal_access_token("sim-pat-kakehashi-sync"),
    )
    .await
    .unwrap();
    assert_eq!(
        client.myself().await.unwrap().name.as_deref(),
        Some("kakehashi-sync")
    );

    let wrong = JiraClient::connect(
        endpoint(site.sim.url()),
        Credentials::dc_personal_access_token("sim-pat-nobody"),
    )
    .await
    .unwrap();
    let err = wrong.myself().await.unwrap_err();
    assert_eq!(err.code(), "Unauthorized");
    assert!(!err.message.contains("sim-pat-nobody"), "{}", err.message);
    site.stop().await;
}

#[tokio::test]
async fn a_credential_of_the_wrong_kind_is_explained() {
    let cloud = Site::start(SimKind::JiraCloud).await;
    let pat_on_cloud = JiraClient::connect(
        endpoint(cloud.sim.url()),
        Credentials::dc_personal_access_token("sim-pat-kakehashi-sync"),
    )
    .await
    .unwrap();
    assert_eq!(pat_on_cloud.deployment(), Deployment::Cloud);
    assert!(!pat_on_cloud.credential_fits());
    let err = pat_on_cloud.myself().await.unwrap_err();
    assert_eq!(err.code(), "Unauthorized");
    assert!(
        err.message.contains("This server is Jira Cloud"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("personal access token does not work"),
        "{}",
        err.message
    );
    cloud.stop().await;

    let dc = Site::start(SimKind::JiraDataCenter).await;
    let token_on_dc = JiraClient::connect(
        endpoint(dc.sim.url()),
        Credentials::cloud_api_token(
            "kakehashi-sync@example.co.jp",
            "sim-jira-cloud-kakehashi-sync",
        ),
    )
    .await
    .unwrap();
    let err = token_on_dc.myself().await.unwrap_err();
    assert_eq!(err.code(), "Unauthorized");
    assert!(
        err.message.contains("This server is Jira Data Center"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("Jira Cloud email and API token"),
        "{}",
        err.message
    );

    // A credential of the right kind that is simply wrong gets no such hint.
    let wrong = JiraClient::connect(
        endpoint(dc.sim.url()),
        Credentials::dc_password("kakehashi-sync", "not-the-password"),
    )
    .await
    .unwrap();
    let err = wrong.myself().await.unwrap_err();
    assert_eq!(err.code(), "Unauthorized");
    assert!(!err.message.contains("This server is"), "{}", err.message);
    dc.stop().await;
}

#[tokio::test]
async fn too_many_failed_logins_need_a_captcha() {
    let site = Site::start(SimKind::JiraDataCenter).await;
    let wrong = JiraClient::connect(
        endpoint(site.sim.url()),
        Credentials::dc_password("suzuki.ichiro", "guess"),
    )
    .await
    .unwrap();
    let mut codes = Vec::new();
    for _ in 0..3 {
        codes.push(wrong.myself().await.unwrap_err().code());
    }
    // The third failure locks the account: Jira already answers with the
    // CAPTCHA reason.
    assert_eq!(
        codes,
        vec!["Unauthorized", "Unauthorized", "CaptchaRequired"]
    );

    // Now even the right password is refused until a browser login clears it.
    let right = site.client_as("suzuki.ichiro").await;
    let err = right.myself().await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Captcha);
    assert_eq!(err.code(), "CaptchaRequired");
    assert!(err.message.contains("CAPTCHA"), "{}", err.message);

    site.control("jira-dc/captcha/clear", json!({})).await;
    assert_eq!(
        right.myself().await.unwrap().name.as_deref(),
        Some("suzuki.ichiro")
    );
    site.stop().await;
}

#[tokio::test]
async fn an_expired_oauth_token_is_refreshed_once_and_the_rotated_token_kept() {
    let site = Site::start(SimKind::JiraDataCenter).await;
    let (credentials, store) = oauth_credentials(&site.sim).await;
    let client = JiraClient::connect(endpoint(site.sim.url()), credentials)
        .await
        .unwrap();
    assert!(client.credential_fits());
    assert_eq!(
        client.myself().await.unwrap().name.as_deref(),
        Some("kakehashi-sync")
    );
    let before = store.current().unwrap();

    let exchanges = site.count("POST /rest/oauth2/latest/token").await;
    site.control("jira-dc/oauth/expire", json!({})).await;
    // Several requests meet the expired token at once; one refresh serves them all.
    let results = join_all((0..5).map(|_| client.myself())).await;
    for result in results {
        assert_eq!(result.unwrap().name.as_deref(), Some("kakehashi-sync"));
    }
    assert_eq!(
        site.count("POST /rest/oauth2/latest/token").await,
        exchanges + 1
    );
    let after = store.current().unwrap();
    assert_ne!(after.access_token, before.access_token);
    assert_ne!(
        after.refresh_token, before.refresh_token,
        "the refresh token rotates"
    );
    assert!(after.expires_at.is_some());

    // Two holders of the same refresh token: when one refreshes, the
    // token rotates and the other must sign in again, and is told so.
    let shared = oauth_tokens(&site.sim).await;
    let (first, _) = refresher(&site.sim, shared.clone());
    let (second, _) = refresher(&site.sim, shared.clone());
    let renewed = first.renew_rejected(&shared.access_token).await.unwrap();
    assert_ne!(renewed, shared.access_token);
    let stale = JiraClient::connect(endpoint(site.sim.url()), Credentials::dc_oauth_with(second))
        .await
        .unwrap();
    site.control("jira-dc/oauth/expire", json!({})).await;
    let err = stale.myself().await.unwrap_err();
    assert_eq!(err.code(), "Unauthorized");
    assert!(
        err.message.contains("Sign in to Jira again"),
        "{}",
        err.message
    );
    assert!(
        !err.message
            .contains(shared.refresh_token.as_ref().unwrap().expose().as_str()),
        "{}",
        err.message
    );
    site.stop().await;
}

#[tokio::test]
async fn permissions_are_asked_for_by_key_on_both() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let project = site.project();
        let mine = site
            .client
            .my_permissions(&SYNC_PERMISSIONS, PermissionScope::Project(project))
            .await
            .unwrap();
        assert!(
            mine.missing(&SYNC_PERMISSIONS).is_empty(),
            "{kind}: {mine:?}"
        );

        let viewer = site.client_as("kobayashi.aoi").await;
        let theirs = viewer
            .my_permissions(&SYNC_PERMISSIONS, PermissionScope::Project(project))
            .await
            .unwrap();
        assert!(theirs.has("BROWSE_PROJECTS"));
        assert_eq!(
            theirs.missing(&SYNC_PERMISSIONS),
            vec![
                "CREATE_ISSUES",
                "EDIT_ISSUES",
                "TRANSITION_ISSUES",
                "ADD_COMMENTS",
                "WORK_ON_ISSUES"
            ]
        );

        let err = site
            .client
            .my_permissions(&["BROWSE_PROJECTS"], PermissionScope::Project("NOPE"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "NotFound", "{kind}");
        assert_eq!(
            support::code(
                site.client
                    .my_permissions(&[], PermissionScope::Global)
                    .await
            ),
            "Validation"
        );
        site.stop().await;
    }
}

#[tokio::test]
async fn debug_output_holds_no_secret() {
    let site = Site::start(SimKind::JiraDataCenter).await;
    let (credentials, _store) = oauth_credentials(&site.sim).await;
    let shown = format!(
        "{:?} {:?} {credentials:?} {:?}",
        site.client,
        support::service_credentials(&site.sim),
        Credentials::dc_personal_access_token("sim-pat-kakehashi-sync"),
    );
    assert!(!shown.contains(site.sim.secret()), "{shown}");
    assert!(!shown.contains("sim-pat"), "{shown}");
    assert!(
        !shown.contains("sim-oat") && !shown.contains("sim-ort"),
        "{shown}"
    );
    assert!(shown.contains("DataCenterPassword"), "{shown}");
    site.stop().await;
}

#[tokio::test]
async fn user_search_finds_people_with_their_email_and_reads_the_server_clock() {
    for kind in BOTH {
        let site = Site::start(kind).await;
        let everyone = match site.deployment() {
            Deployment::Cloud => "",
            Deployment::DataCenter => ".",
        };
        let found = site.client.search_users(everyone, 5).await.unwrap();
        assert_eq!(found.len(), 5, "{kind}: {found:?}");
        assert!(
            found.iter().all(|user| user.email_address.is_some()),
            "{kind}: {found:?}"
        );
        let sato = site.client.search_users("sato", 50).await.unwrap();
        assert!(
            sato.iter()
                .any(|u| u.email_address.as_deref() == Some("sato.hanako@example.co.jp")),
            "{kind}: {sato:?}"
        );
        let server_time = site.client.server_info().server_time.clone().unwrap();
        let at = kakehashi_jira::JiraTime::parse(&server_time).unwrap();
        let skew = (jiff::Timestamp::now() - at.timestamp())
            .total(jiff::Unit::Second)
            .unwrap();
        assert!(skew.abs() < 60.0, "{kind}: {server_time} is {skew} s off");
        site.stop().await;
    }
}
