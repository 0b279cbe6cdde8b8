//! The transport against a real simulator: the happy path, a 401, and the
//! alternative URL (the only reachable one here).

use kakehashi_http::{Auth, Endpoint, ErrorKind, HttpClient, PlainDecoder};
use kakehashi_sim::{start, SimKind, SimOptions};
use serde_json::Value;

#[tokio::test]
async fn reads_json_and_maps_a_rejected_credential_to_unauthorized() {
    let sim = start(SimKind::JiraDataCenter, &SimOptions::default(), 0)
        .await
        .unwrap();
    let endpoint = Endpoint::new("https://jira.unreachable.invalid")
        .unwrap()
        .with_alt_url(Some(sim.url()))
        .unwrap();
    let client = HttpClient::new(endpoint, PlainDecoder).unwrap();

    let info: Value = client
        .get("rest/api/2/serverInfo")
        .send_json()
        .await
        .unwrap();
    assert_eq!(info["deploymentType"], "Server");
    assert_eq!(
        client.link("browse/DEMO-1").unwrap().as_str(),
        "https://jira.unreachable.invalid/browse/DEMO-1"
    );

    let me: Value = client
        .get("rest/api/2/myself")
        .auth(&Auth::basic(sim.login(), sim.secret()))
        .send_json()
        .await
        .unwrap();
    assert_eq!(me["name"], sim.login());

    let wrong = Auth::basic(sim.login(), "definitely-wrong-password");
    let err = client
        .get("rest/api/2/myself")
        .auth(&wrong)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Unauthorized);
    assert_eq!(err.code(), "Unauthorized");
    assert!(
        !err.message.contains("definitely-wrong-password"),
        "{}",
        err.message
    );
    sim.stop().await;
}
