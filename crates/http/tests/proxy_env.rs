//! `ProxySettings::System` with `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY`.
//!
//! The environment belongs to the whole process and reqwest reads it when a
//! client is built, so this binary holds exactly one test, which sets the
//! variables before it builds any client and nothing runs beside it.

mod support;

use kakehashi_http::{HttpClient, PlainDecoder, ProxySettings};
use kakehashi_sim::{start, SimKind, SimOptions};
use serde_json::Value;
use support::proxy::TestProxy;
use url::Url;

fn system_client(url: &str) -> HttpClient {
    HttpClient::new(
        support::fast_endpoint(url).with_proxy(ProxySettings::System),
        PlainDecoder,
    )
    .unwrap()
}

#[tokio::test]
async fn the_system_proxy_comes_from_the_environment_and_no_proxy_is_honoured() {
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let proxy = TestProxy::start().await;
    for name in [
        "ALL_PROXY",
        "all_proxy",
        "http_proxy",
        "https_proxy",
        "no_proxy",
    ] {
        std::env::remove_var(name);
    }
    std::env::set_var("HTTP_PROXY", proxy.url());
    std::env::set_var(
        "HTTPS_PROXY",
        "http://carol:env-pw-789@secure-proxy.example.com:8443",
    );
    std::env::set_var("NO_PROXY", "localhost, .corp.example.com");

    let system = ProxySettings::System;
    assert_eq!(
        system.describe(&Url::parse("http://ttnx.example.com/").unwrap()),
        Some(proxy.url())
    );
    assert_eq!(
        system.describe(&Url::parse("https://jira.example.com/").unwrap()),
        Some("http://secure-proxy.example.com:8443 (with credentials)".into())
    );
    assert_eq!(
        system.describe(&Url::parse("https://jira.corp.example.com/").unwrap()),
        None
    );

    // 127.0.0.1 is not in NO_PROXY: through the proxy.
    let proxied = system_client(sim.url());
    assert_eq!(proxied.proxy(), Some(proxy.url().as_str()));
    support::assert_reaches_jira_dc(&proxied).await;
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(
        seen[0].target,
        proxied
            .endpoint()
            .api_url("rest/api/2/serverInfo")
            .unwrap()
            .to_string()
    );

    // The same simulator as `localhost`, which NO_PROXY names: direct.
    let port = Url::parse(sim.url()).unwrap().port().unwrap();
    let direct = system_client(&format!("http://localhost:{port}/"));
    assert_eq!(direct.proxy(), None);
    support::assert_reaches_jira_dc(&direct).await;
    assert_eq!(
        proxy.seen().len(),
        1,
        "NO_PROXY host went through the proxy"
    );

    // A client keeps what the environment said when it was built.
    std::env::remove_var("HTTP_PROXY");
    assert_eq!(proxied.proxy(), Some(proxy.url().as_str()));
    let _: Value = proxied
        .get("rest/api/2/serverInfo")
        .send_json()
        .await
        .unwrap();
    assert_eq!(proxy.seen().len(), 2);
    sim.stop().await;
}
