//! Shared by the core's integration tests: a scripted browser, the
//! oauth2-mock-server launcher, a sign-in run in the background whose
//! browser URL the test receives (OAuth), and a workspace in memory with a
//! secret store that can be told to fail (credentials).

#![allow(dead_code)]

pub mod browser;
pub mod mock_server;
pub mod proxy;
pub mod tls_forwarder;
pub mod workspace;

// Not every test binary uses the workspace helpers.
#[allow(unused_imports)]
pub use workspace::*;

use std::time::Duration;

use kakehashi_core::oauth::{sign_in, Language, OAuthApp, Provider, SignInOptions, TokenSet};
use kakehashi_core::AppResult;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    probe.local_addr().unwrap().port()
}

/// A sign-in waiting for its browser.
pub struct Running {
    pub url: String,
    pub done: JoinHandle<AppResult<TokenSet>>,
    pub cancel: CancellationToken,
}

/// Starts `sign_in` in the background and returns the URL it opened.
pub async fn start_sign_in(
    provider: Provider,
    app: OAuthApp,
    port: u16,
    language: Language,
) -> Running {
    let (opened, url) = oneshot::channel::<String>();
    let cancel = CancellationToken::new();
    let token = cancel.clone();
    let options = SignInOptions {
        timeout: Duration::from_secs(60),
        ..SignInOptions::new(port, language)
    };
    let done = tokio::spawn(async move {
        sign_in(
            &provider,
            &app,
            &options,
            move |url| {
                let _ = opened.send(url.to_owned());
                Ok(())
            },
            &token,
        )
        .await
    });
    let url = match tokio::time::timeout(Duration::from_secs(10), url).await {
        Ok(Ok(url)) => url,
        Ok(Err(_)) => panic!(
            "the sign-in ended before it opened the browser: {:?}",
            done.await
        ),
        Err(_) => panic!("the sign-in did not open the browser within 10 s"),
    };
    Running { url, done, cancel }
}
