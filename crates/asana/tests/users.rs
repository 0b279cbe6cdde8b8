//! `users/me` and workspaces against the Asana simulator, and a token
//! Asana does not know.

mod support;

use kakehashi_asana::{collect, Credentials, ListOptions};
use kakehashi_http::ErrorKind;
use support::Asana;

#[tokio::test]
async fn me_and_workspaces_are_read() {
    let asana = Asana::start().await;
    let client = asana.client();

    let me = client.me().await.unwrap();
    assert_eq!(me.email.as_deref(), Some(asana.sim.login()));
    let workspaces = collect(client.workspaces(&ListOptions::default()))
        .await
        .unwrap();
    assert_eq!(workspaces.len(), 1);
    assert_eq!(workspaces[0].name, "Kakehashi Demo");
    assert_eq!(me.workspaces[0].gid, workspaces[0].gid);
    assert_eq!(
        client.workspace(&workspaces[0].gid).await.unwrap(),
        workspaces[0]
    );

    asana.stop().await;
}

#[tokio::test]
async fn a_token_asana_does_not_know_is_unauthorized() {
    let asana = Asana::start().await;
    let wrong = asana.client_with(Credentials::pat("not-a-token-of-anyone"));
    let error = wrong.me().await.unwrap_err();
    assert_eq!(
        (error.kind.clone(), error.code()),
        (ErrorKind::Unauthorized, "Unauthorized")
    );
    assert!(
        error.message.contains("Not Authorized"),
        "{}",
        error.message
    );
    assert!(!error.message.contains("not-a-token-of-anyone"));

    asana.stop().await;
}

#[tokio::test]
async fn an_anonymous_probe_recognises_asana_and_refuses_other_servers() {
    let asana = Asana::start().await;
    kakehashi_asana::probe(asana.endpoint()).await.unwrap();
    let ttnx = kakehashi_sim::start(kakehashi_sim::SimKind::Ttnx, &Default::default(), 0)
        .await
        .unwrap();
    let err = kakehashi_asana::probe(kakehashi_http::Endpoint::new(ttnx.url()).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "NotFound", "{err:?}");
    ttnx.stop().await;
}
