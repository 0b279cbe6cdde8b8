//! Proxies: a server's own proxy carries every request (plain requests in
//! absolute form, https through CONNECT), `Direct` ignores every proxy, and
//! a proxy that cannot be reached or refuses is reported as the proxy's
//! failure, never with its password.

mod support;

use kakehashi_http::{
    Auth, ErrorKind, HttpClient, PlainDecoder, ProxySettings, RetryPolicy, TlsSettings,
};
use kakehashi_sim::{start, SimKind, SimOptions};
use serde_json::Value;
use support::proxy::TestProxy;
use support::tls::{leaf, TlsServer};

fn client_via(url: &str, proxy: ProxySettings) -> HttpClient {
    HttpClient::new(support::fast_endpoint(url).with_proxy(proxy), PlainDecoder).unwrap()
}

#[tokio::test]
async fn plain_requests_go_through_the_servers_own_proxy_and_direct_bypasses_it() {
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let proxy = TestProxy::start().await;

    let via = client_via(sim.url(), ProxySettings::Url(proxy.url()));
    assert_eq!(via.proxy(), Some(proxy.url().as_str()));
    let me: Value = via
        .get("rest/api/2/myself")
        .auth(&Auth::basic(sim.login(), sim.secret()))
        .send_json()
        .await
        .unwrap();
    assert_eq!(me["name"], sim.login());
    support::assert_reaches_jira_dc(&via).await;
    let seen = proxy.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0].method, "GET");
    assert_eq!(
        seen[0].target,
        via.endpoint()
            .api_url("rest/api/2/myself")
            .unwrap()
            .to_string()
    );

    let direct = client_via(sim.url(), ProxySettings::Direct);
    assert_eq!(direct.proxy(), None);
    support::assert_reaches_jira_dc(&direct).await;
    assert_eq!(proxy.seen().len(), 2, "Direct must not touch the proxy");
    sim.stop().await;
}

#[tokio::test]
async fn https_goes_through_a_connect_tunnel_with_the_proxy_credentials() {
    let cert = leaf("tunnelled.test", &["127.0.0.1"], None);
    let server = TlsServer::start(&cert).await;
    let proxy = TestProxy::start().await;
    let with_login = format!("http://alice:proxy-pw-123@127.0.0.1:{}", proxy.port);
    let endpoint = support::fast_endpoint(&server.url("127.0.0.1"))
        .with_proxy(ProxySettings::Url(with_login))
        .with_tls(TlsSettings {
            extra_ca_pem: None,
            pinned: Some(kakehashi_http::Fingerprint::of(&cert.der)),
        });
    let client = HttpClient::new(endpoint, PlainDecoder).unwrap();
    assert_eq!(
        client.proxy(),
        Some(format!("{} (with credentials)", proxy.url()).as_str())
    );
    assert!(
        !format!("{client:?}").contains("proxy-pw-123"),
        "{client:?}"
    );

    let answer: Value = client.get("status").send_json().await.unwrap();
    assert_eq!(answer["ok"], true);
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].method, "CONNECT");
    assert_eq!(seen[0].target, format!("127.0.0.1:{}", server.port));
    // "alice:proxy-pw-123", as Basic.
    assert_eq!(
        seen[0].proxy_authorization.as_deref(),
        Some("Basic YWxpY2U6cHJveHktcHctMTIz")
    );
}

#[tokio::test]
async fn an_unreachable_proxy_is_the_proxys_failure_and_not_retried() {
    let dead = support::dead_port();
    let proxy = ProxySettings::Url(format!("http://bob:dead-pw-456@127.0.0.1:{dead}"));
    for target in ["http://server.example.com/", "https://server.example.com/"] {
        let err = client_via(target, proxy.clone())
            .get("rest/api/2/serverInfo")
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Proxy, "{target}: {err:?}");
        assert_eq!(err.code(), "Network");
        assert!(
            err.message.contains(&format!("127.0.0.1:{dead}")),
            "names the proxy: {}",
            err.message
        );
        assert!(
            err.message.contains("could not be reached"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("dead-pw-456"), "{}", err.message);
    }
}

#[tokio::test]
async fn a_proxy_asking_for_a_login_or_refusing_the_tunnel_is_a_proxy_error() {
    let asks = TestProxy::refusing("407 Proxy Authentication Required").await;
    for target in ["https://server.example.com/", "http://server.example.com/"] {
        let err = client_via(target, ProxySettings::Url(asks.url()))
            .get("status")
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Proxy, "{target}: {err:?}");
        assert!(err.message.contains("407"), "{}", err.message);
        assert!(
            err.message.contains("user name and password"),
            "{}",
            err.message
        );
    }
    assert_eq!(asks.seen().len(), 2, "a proxy failure is not retried");

    let forbids = TestProxy::refusing("403 Forbidden").await;
    let err = client_via(
        "https://server.example.com/",
        ProxySettings::Url(forbids.url()),
    )
    .get("status")
    .send()
    .await
    .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Proxy, "{err:?}");
    assert!(
        err.message.contains("refused to open a connection"),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn describe_reports_an_own_proxy_and_none_for_direct() {
    let url = url::Url::parse("https://jira.example.com/").unwrap();
    assert_eq!(
        ProxySettings::Url("http://u:p@proxy.corp:8080".into()).describe(&url),
        Some("http://proxy.corp:8080 (with credentials)".into())
    );
    assert_eq!(ProxySettings::Direct.describe(&url), None);
    let err = HttpClient::new(
        support::fast_endpoint("https://x.example.com/")
            .with_proxy(ProxySettings::Url("http://[bad".into()))
            .with_retry(RetryPolicy::none()),
        PlainDecoder,
    )
    .unwrap_err();
    assert_eq!(err.code(), "Validation");
}
