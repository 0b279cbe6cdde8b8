//! `remote::detect` against the simulators: a pasted page of each product
//! is recognised, the alternative URL is used when the base URL does not
//! answer, another product than expected is named, nothing answering is a
//! `Network` problem with advice, a self-signed server gives its
//! fingerprint to trust, and bad input is refused before any request.

use std::sync::Arc;

use kakehashi_core::remote::{detect, AddressRole, DetectedServer};
use kakehashi_core::workspace::ServerKind;
use kakehashi_core::AppError;
use kakehashi_http::Fingerprint;
use kakehashi_sim::{start, RunningSim, SimKind, SimOptions};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

async fn sim(kind: SimKind) -> RunningSim {
    start(kind, &SimOptions::default(), 0)
        .await
        .unwrap_or_else(|e| panic!("{kind} starts: {e}"))
}

/// A loopback URL nothing listens on.
fn closed_url() -> String {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

async fn detected(raw: &str, alt: Option<&str>, expected: Option<ServerKind>) -> DetectedServer {
    detect(raw, alt, expected)
        .await
        .unwrap_or_else(|e| panic!("{raw}: {e}"))
}

#[track_caller]
fn problem_message(found: &DetectedServer, code: &str) -> String {
    let problem = found
        .problem
        .as_ref()
        .unwrap_or_else(|| panic!("a {code} problem expected: {found:?}"));
    assert_eq!(problem.code(), code, "{problem:?}");
    problem.to_string()
}

#[tokio::test]
async fn a_pasted_page_of_each_simulator_is_recognised() {
    let cases = [
        (SimKind::JiraCloud, "/browse/WEB-1 ", ServerKind::JiraCloud),
        (
            SimKind::JiraDataCenter,
            "/secure/Dashboard.jspa",
            ServerKind::JiraDataCenter,
        ),
        (SimKind::Ttnx, "/#/timesheet", ServerKind::TimeTrackerNx),
        (
            SimKind::Asana,
            "/0/1208000000000020/list",
            ServerKind::Asana,
        ),
    ];
    for (sim_kind, tail, kind) in cases {
        let sim = sim(sim_kind).await;
        for expected in [None, Some(kind)] {
            let found = detected(&format!(" {}{tail}", sim.url()), None, expected).await;
            assert_eq!(found.base_url, sim.url(), "{sim_kind}");
            assert_eq!(found.kind, Some(kind), "{sim_kind}: {found:?}");
            assert_eq!(found.reached_via, Some(AddressRole::Base));
            assert_eq!(found.problem, None, "{sim_kind}");
            assert_eq!(found.alt_url, None);
        }
        let found = detected(sim.url(), None, None).await;
        match sim_kind {
            SimKind::JiraDataCenter => assert_eq!(found.version.as_deref(), Some("10.3.1")),
            SimKind::JiraCloud => assert!(found.version.is_some()),
            _ => assert_eq!(found.version, None),
        }
        sim.stop().await;
    }
}

#[tokio::test]
async fn a_timetracker_api_call_pasted_as_the_address_gives_the_site() {
    let sim = sim(SimKind::Ttnx).await;
    let raw = format!("{}/api/system/users/me?fields=Id", sim.url());
    let found = detected(&raw, None, None).await;
    assert!(sim.url().ends_with("/TimeTrackerNX"), "{}", sim.url());
    assert_eq!(found.base_url, sim.url());
    assert_eq!(found.kind, Some(ServerKind::TimeTrackerNx));
    // The API root alone, and what a person sees in the browser, too.
    for raw in [format!("{}/api", sim.url()), format!("{}/", sim.url())] {
        let found = detected(&raw, None, Some(ServerKind::TimeTrackerNx)).await;
        assert_eq!(found.base_url, sim.url(), "{raw}");
        assert_eq!(found.problem, None, "{raw}");
    }
    sim.stop().await;
}

#[tokio::test]
async fn the_server_decides_between_jira_cloud_and_data_center() {
    let dc = sim(SimKind::JiraDataCenter).await;
    let found = detected(dc.url(), None, Some(ServerKind::JiraCloud)).await;
    assert_eq!(found.kind, Some(ServerKind::JiraDataCenter));
    assert_eq!(found.problem, None, "not a mismatch: {found:?}");
    dc.stop().await;
    let cloud = sim(SimKind::JiraCloud).await;
    let found = detected(cloud.url(), None, Some(ServerKind::JiraDataCenter)).await;
    assert_eq!(found.kind, Some(ServerKind::JiraCloud));
    assert_eq!(found.problem, None);
    cloud.stop().await;
}

#[tokio::test]
async fn expecting_jira_cloud_keeps_a_data_center_context_path_until_the_server_answers() {
    let closed = closed_url();
    // Asked at the base URL with its context path (nothing listens there,
    // so the address is only read, not reached).
    let found = detected(
        &format!("{closed}/jira/browse/SYS-1"),
        None,
        Some(ServerKind::JiraCloud),
    )
    .await;
    assert_eq!(found.base_url, format!("{closed}/jira"));
    // A Cloud answer drops every path from the URLs that will be stored.
    let cloud = sim(SimKind::JiraCloud).await;
    let found = detected(
        &closed,
        Some(&format!("{}/browse/WEB-1", cloud.url())),
        Some(ServerKind::JiraDataCenter),
    )
    .await;
    assert_eq!(found.kind, Some(ServerKind::JiraCloud));
    assert_eq!(found.alt_url.as_deref(), Some(cloud.url()));
    cloud.stop().await;
}

#[tokio::test]
async fn another_product_than_expected_is_named_with_the_fix() {
    let jira = sim(SimKind::JiraDataCenter).await;
    let found = detected(jira.url(), None, Some(ServerKind::TimeTrackerNx)).await;
    assert_eq!(
        found.kind,
        Some(ServerKind::JiraDataCenter),
        "what it really is"
    );
    let message = problem_message(&found, "Validation");
    assert!(matches!(&found.problem, Some(AppError::Validation { field, .. }) if field == "kind"));
    assert!(
        message.contains("is Jira Data Center, not TimeTracker NX"),
        "{message}"
    );
    assert!(message.contains("Choose Jira Data Center"), "{message}");
    jira.stop().await;

    let ttnx = sim(SimKind::Ttnx).await;
    let found = detected(ttnx.url(), None, Some(ServerKind::Asana)).await;
    assert_eq!(found.kind, Some(ServerKind::TimeTrackerNx));
    assert!(problem_message(&found, "Validation").contains("not Asana"));
    ttnx.stop().await;
}

#[tokio::test]
async fn the_alternative_url_is_used_when_the_base_url_does_not_answer() {
    let sim = sim(SimKind::JiraDataCenter).await;
    let closed = closed_url();
    let found = detected(&closed, Some(sim.url()), None).await;
    assert_eq!(found.base_url, closed, "links keep the base URL");
    assert_eq!(found.alt_url.as_deref(), Some(sim.url()));
    assert_eq!(found.reached_via, Some(AddressRole::Alternative));
    assert_eq!(found.kind, Some(ServerKind::JiraDataCenter));
    assert_eq!(found.problem, None);
    sim.stop().await;
}

#[tokio::test]
async fn a_dead_alternative_url_is_a_problem_even_when_the_base_url_answers() {
    let sim = sim(SimKind::Asana).await;
    let found = detected(sim.url(), Some(&format!("{}/ ", closed_url())), None).await;
    assert_eq!(found.kind, Some(ServerKind::Asana));
    assert_eq!(found.reached_via, Some(AddressRole::Base));
    let message = problem_message(&found, "Network");
    assert!(
        message.contains("The alternative URL does not answer, but the base URL does"),
        "{message}"
    );

    let other = kakehashi_sim::start(SimKind::Ttnx, &SimOptions::default(), 0)
        .await
        .unwrap();
    let found = detected(sim.url(), Some(other.url()), None).await;
    let message = problem_message(&found, "Validation");
    assert!(
        message.contains("answers as TimeTracker NX, the base URL as Asana"),
        "{message}"
    );
    other.stop().await;
    sim.stop().await;
}

#[tokio::test]
async fn nothing_answering_is_a_network_problem_that_suggests_an_alternative_url() {
    let closed = closed_url();
    let found = detected(&closed, None, Some(ServerKind::JiraDataCenter)).await;
    assert_eq!(found.kind, None);
    assert_eq!(found.reached_via, None);
    let message = problem_message(&found, "Network");
    assert!(
        message.contains("set it as the alternative URL"),
        "{message}"
    );

    let found = detected(&closed, Some(&closed_url()), None).await;
    let message = problem_message(&found, "Network");
    assert!(message.contains("Neither address answers"), "{message}");
}

#[tokio::test]
async fn a_server_that_is_none_of_the_products_says_what_to_enter() {
    let sim = sim(SimKind::JiraCloud).await;
    let elsewhere = format!("{}/wiki/home", sim.url());
    let found = detected(&elsewhere, None, None).await;
    assert_eq!(found.kind, None);
    assert_eq!(found.reached_via, Some(AddressRole::Base));
    let message = problem_message(&found, "Validation");
    assert!(
        message.contains("not as Jira, TimeTracker NX or Asana"),
        "{message}"
    );
    assert!(
        message.contains("/TimeTrackerNX"),
        "says what to enter: {message}"
    );

    // Expecting TT NX, its own refusal explains more: the site is missing.
    let found = detected(&elsewhere, None, Some(ServerKind::TimeTrackerNx)).await;
    let problem = found.problem.expect("a problem");
    assert!(
        problem.to_string().contains("must include the site"),
        "{problem:?}"
    );
    sim.stop().await;
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let sim = sim(SimKind::JiraDataCenter).await;
    let err = detect("ftp://jira.example.com", None, None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, AppError::Validation { field, .. } if field == "url"),
        "{err:?}"
    );
    let err = detect(sim.url(), Some("intranet jira"), None)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, AppError::Validation { field, .. } if field == "altUrl"),
        "{err:?}"
    );
    let err = detect("https://admin:secret@jira.example.com", None, None)
        .await
        .unwrap_err();
    assert!(!err.to_string().contains("secret"), "{err}");
    let stats = reqwest::get(format!("{}/stats", sim.admin_url()))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let stats: Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["total"], 0, "no request reached the server: {stats}");
    sim.stop().await;
}

/// An HTTPS server with a certificate made for this test, trusted by
/// nobody; the client gives up in the handshake, so it serves nothing.
struct SelfSigned {
    url: String,
    der: Vec<u8>,
    task: JoinHandle<()>,
}

impl SelfSigned {
    async fn start() -> SelfSigned {
        use tokio_rustls::rustls;
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "jira.self-signed.test");
        let cert = params.self_signed(&key).unwrap();
        let der = cert.der().to_vec();
        let private = rustls::pki_types::PrivateKeyDer::Pkcs8(
            rustls::pki_types::PrivatePkcs8KeyDer::from(key.serialize_der()),
        );
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], private)
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "https://127.0.0.1:{}",
            listener.local_addr().unwrap().port()
        );
        let task = tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let _ = acceptor.accept(tcp).await;
                });
            }
        });
        SelfSigned { url, der, task }
    }
}

impl Drop for SelfSigned {
    fn drop(&mut self) {
        self.task.abort();
    }
}

#[tokio::test]
async fn an_untrusted_certificate_is_returned_to_be_trusted() {
    let server = SelfSigned::start().await;
    let found = detected(&format!("{}/browse/A-1", server.url), None, None).await;
    assert_eq!(found.base_url, server.url);
    assert_eq!(found.kind, None);
    assert_eq!(found.reached_via, Some(AddressRole::Base));
    match &found.problem {
        Some(AppError::TlsUntrusted {
            fingerprint,
            subject,
            ..
        }) => {
            assert_eq!(*fingerprint, Fingerprint::of(&server.der).to_string());
            assert!(
                subject
                    .as_deref()
                    .is_some_and(|s| s.contains("jira.self-signed.test")),
                "{subject:?}"
            );
        }
        other => panic!("expected TlsUntrusted, got {other:?}"),
    }
    // The wizard shows what the admin compares before trusting it.
    let certificate = found
        .certificate
        .as_ref()
        .expect("the certificate is shown");
    assert_eq!(
        certificate.fingerprint,
        Fingerprint::of(&server.der).to_string()
    );
    assert!(certificate.subject.contains("jira.self-signed.test"));
    assert!(!certificate.issuer.is_empty() && !certificate.not_after.is_empty());

    // Behind a dead base URL, the alternative URL's certificate is the one.
    let found = detected(&closed_url(), Some(&server.url), None).await;
    assert_eq!(found.reached_via, Some(AddressRole::Alternative));
    assert_eq!(
        found.problem.as_ref().map(AppError::code),
        Some("TlsUntrusted")
    );
    assert!(found.certificate.is_some());
}
