//! Redirects: followed within the server's origin; a 303 hand-over to
//! another https origin followed only when reqwest drops the credential on
//! the way; anything else reported with where it pointed, and no credential
//! ever reaches another server.

mod support;

use kakehashi_http::{Auth, ErrorKind, Fingerprint, HttpClient, PlainDecoder, TlsSettings};
use serde_json::{json, Value};
use support::tls::{leaf, TlsServer};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn redirecting(from: &str, status: u16, to: &str, server: &MockServer) {
    Mock::given(path(from))
        .respond_with(ResponseTemplate::new(status).insert_header("Location", to))
        .mount(server)
        .await;
}

#[tokio::test]
async fn redirects_are_followed_within_the_server_and_reported_beyond_it() {
    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ok": "elsewhere" })))
        .mount(&elsewhere)
        .await;
    let server = MockServer::start().await;
    redirecting("/moved", 302, "/rest/api/2/serverInfo", &server).await;
    Mock::given(path("/rest/api/2/serverInfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "ok": "here" })))
        .mount(&server)
        .await;
    let away = format!("{}/login?ticket=sso-ticket-Secret4", elsewhere.uri());
    redirecting("/away", 301, &away, &server).await;

    let client = support::fast_client(&server.uri());
    let here: Value = client.get("moved").send_json().await.unwrap();
    assert_eq!(here["ok"], "here");

    let key = Auth::header("x-tt-apikey", "api-key-Secret5");
    let err = client.get("away").auth(&key).send().await.unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::InvalidInput {
            field: "baseUrl".into()
        }
    );
    assert_eq!(err.status, Some(301));
    assert!(
        err.message.contains(&format!("{}/login", elsewhere.uri())),
        "{}",
        err.message
    );
    assert!(
        !err.message.contains("sso-ticket-Secret4"),
        "{}",
        err.message
    );
    assert_eq!(
        support::received(&elsewhere).await,
        0,
        "the key went to another server"
    );
}

#[tokio::test]
async fn a_see_other_to_an_https_download_host_is_followed_without_a_vendor_key() {
    let media = leaf("media.test", &["127.0.0.1"], None);
    let media_host = TlsServer::start(&media).await;
    let server = MockServer::start().await;
    let download = format!("{}download?token=media-token", media_host.url("127.0.0.1"));
    redirecting(
        "/rest/api/3/attachment/content/10000",
        303,
        &download,
        &server,
    )
    .await;
    // The media host's certificate is trusted here by its pin.
    let endpoint = support::fast_endpoint(&server.uri()).with_tls(TlsSettings {
        extra_ca_pem: None,
        pinned: Some(Fingerprint::of(&media.der)),
    });
    let client = HttpClient::new(endpoint, PlainDecoder).unwrap();

    let content: Value = client
        .get("rest/api/3/attachment/content/10000")
        .auth(&Auth::basic("sync@example.com", "api-token-Secret6"))
        .send_json()
        .await
        .unwrap();
    assert_eq!(content["ok"], true);

    let err = client
        .get("rest/api/3/attachment/content/10000")
        .auth(&Auth::header("x-tt-apikey", "api-key-Secret7"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status, Some(303));
    assert_eq!(
        err.kind,
        ErrorKind::InvalidInput {
            field: "baseUrl".into()
        }
    );
    assert!(!err.message.contains("media-token"), "{}", err.message);
}
