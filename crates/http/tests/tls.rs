//! Trust against a real TLS server with certificates made for each test:
//! a self-signed server is refused with what a person needs to decide
//! (subject, issuer, validity, SHA-256 fingerprint of exactly the served
//! certificate); pinning that fingerprint, or adding the CA that signed the
//! server, lets it in; nothing else does.

mod support;

use kakehashi_http::{
    CertificateInfo, ErrorKind, Fingerprint, HttpClient, HttpError, PlainDecoder, RetryPolicy,
    TlsSettings,
};
use serde_json::Value;
use support::raw::write_answer;
use support::tls::{company_ca, leaf, TlsServer};

fn client(url: &str, tls: TlsSettings) -> HttpClient {
    let endpoint = support::fast_endpoint(url)
        .with_retry(RetryPolicy::none())
        .with_tls(tls);
    HttpClient::new(endpoint, PlainDecoder).unwrap()
}

async fn fetch(client: &HttpClient) -> Result<Value, HttpError> {
    client.get("status").send_json::<Value>().await
}

/// The refusal of `url` under `tls`, with the certificate it shows.
async fn refused(url: &str, tls: TlsSettings) -> (HttpError, CertificateInfo) {
    let err = fetch(&client(url, tls)).await.unwrap_err();
    match &err.kind {
        ErrorKind::TlsUntrusted(info) => {
            let info = (**info).clone();
            (err, info)
        }
        _ => panic!("expected TlsUntrusted, got {err:?}"),
    }
}

#[tokio::test]
async fn a_self_signed_server_is_refused_with_its_fingerprint_and_accepted_once_pinned() {
    let cert = leaf("self-signed.test", &["127.0.0.1"], None);
    let server = TlsServer::start(&cert).await;
    let url = server.url("127.0.0.1");

    let (err, info) = refused(&url, TlsSettings::default()).await;
    assert_eq!(err.code(), "TlsUntrusted");
    assert_eq!(info.fingerprint, Fingerprint::of(&cert.der));
    assert!(info.subject.contains("CN=self-signed.test"), "{info:?}");
    assert!(info.subject.contains("O=Kakehashi Test"), "{info:?}");
    assert_eq!(info.issuer, info.subject, "self-signed: {info:?}");
    assert!(info.not_before.ends_with('Z') && info.not_before < info.not_after);
    assert!(!info.reason.is_empty());
    assert!(
        err.message.contains("CN=self-signed.test"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains(&info.fingerprint.to_string()),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("trust"),
        "says what to do: {}",
        err.message
    );

    // The user checks the fingerprint shown and trusts exactly it.
    let shown = info.fingerprint.to_string();
    let pinned = TlsSettings {
        extra_ca_pem: None,
        pinned: Some(shown.parse().unwrap()),
    };
    let answer = fetch(&client(&url, pinned)).await.unwrap();
    assert_eq!(answer["ok"], true);
}

#[tokio::test]
async fn a_pin_of_another_certificate_does_not_open_the_door_and_says_so() {
    let served = leaf("served.test", &["127.0.0.1"], None);
    let other = leaf("other.test", &["127.0.0.1"], None);
    let server = TlsServer::start(&served).await;

    let pinned_other = TlsSettings {
        extra_ca_pem: None,
        pinned: Some(Fingerprint::of(&other.der)),
    };
    let (err, info) = refused(&server.url("127.0.0.1"), pinned_other).await;
    assert_eq!(info.fingerprint, Fingerprint::of(&served.der));
    assert!(
        info.reason
            .contains(&Fingerprint::of(&other.der).to_string()),
        "the reason names the trusted fingerprint: {}",
        info.reason
    );
    assert!(
        err.message.contains("not the certificate trusted"),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn a_leaf_of_a_company_ca_needs_that_ca_and_the_right_host_name() {
    let (ca_pem, ca) = company_ca();
    let cert = leaf("jira.company.test", &["127.0.0.1"], Some(&ca));
    let server = TlsServer::start(&cert).await;
    let url = server.url("127.0.0.1");

    let (_, info) = refused(&url, TlsSettings::default()).await;
    assert!(
        info.issuer.contains("Kakehashi Test Company CA"),
        "{info:?}"
    );

    let with_ca = TlsSettings {
        extra_ca_pem: Some(ca_pem.clone()),
        pinned: None,
    };
    let answer = fetch(&client(&url, with_ca.clone())).await.unwrap();
    assert_eq!(answer["ok"], true);

    // The same CA vouches for a certificate made for another name: the
    // host name is still checked.
    let elsewhere = leaf("elsewhere.test", &["elsewhere.test"], Some(&ca));
    let wrong_name = TlsServer::start(&elsewhere).await;
    let (_, info) = refused(&wrong_name.url("127.0.0.1"), with_ca).await;
    assert_eq!(info.fingerprint, Fingerprint::of(&elsewhere.der));
    assert!(
        info.reason.to_ascii_lowercase().contains("name"),
        "{}",
        info.reason
    );
}

#[tokio::test]
async fn the_extra_ca_does_not_vouch_for_a_self_signed_server() {
    let (ca_pem, _ca) = company_ca();
    let cert = leaf("self-signed.test", &["127.0.0.1"], None);
    let server = TlsServer::start(&cert).await;
    let with_ca = TlsSettings {
        extra_ca_pem: Some(ca_pem),
        pinned: None,
    };
    let err = fetch(&client(&server.url("127.0.0.1"), with_ca))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "TlsUntrusted", "{err:?}");
}

#[tokio::test]
async fn a_plain_http_server_behind_an_https_address_is_a_tls_error_not_a_trust_question() {
    let server = support::raw::RawServer::start(|mut tcp| async move {
        // The client's hello never ends in a blank line: answer at once.
        let mut hello = [0u8; 512];
        let _ = tokio::io::AsyncReadExt::read(&mut tcp, &mut hello).await;
        let _ = write_answer(&mut tcp, "400 Bad Request", &[], b"plain http").await;
    })
    .await;
    let url = format!("https://127.0.0.1:{}/", server.port);
    let err = fetch(&client(&url, TlsSettings::default()))
        .await
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Tls, "{err:?}");
    assert_eq!(err.code(), "Network");
    assert!(err.message.contains("https://"), "{}", err.message);
}
