//! Certificates made per test, and an HTTPS server that presents them.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use super::raw::{read_head, write_answer};

/// A certificate for `names`, signed by `issuer` or by itself.
pub struct Leaf {
    pub der: CertificateDer<'static>,
    pub key: KeyPair,
}

pub fn leaf(common_name: &str, names: &[&str], issuer: Option<&Issuer<'_, KeyPair>>) -> Leaf {
    let key = KeyPair::generate().unwrap();
    let mut params =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, common_name);
    params
        .distinguished_name
        .push(DnType::OrganizationName, "Kakehashi Test");
    let cert = match issuer {
        Some(issuer) => params.signed_by(&key, issuer).unwrap(),
        None => params.self_signed(&key).unwrap(),
    };
    Leaf {
        der: cert.der().clone(),
        key,
    }
}

/// A company CA: its PEM (what a user pastes) and the issuer that signs leaves.
pub fn company_ca() -> (String, Issuer<'static, KeyPair>) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "Kakehashi Test Company CA");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let pem = params.self_signed(&key).unwrap().pem();
    (pem, Issuer::new(params, key))
}

/// An HTTPS server on 127.0.0.1:0 presenting `leaf`, answering `{"ok":true}`.
pub struct TlsServer {
    pub port: u16,
    task: JoinHandle<()>,
}

impl TlsServer {
    pub async fn start(leaf: &Leaf) -> Self {
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf.key.serialize_der()));
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der.clone()], key)
        .unwrap();
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let task = tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    // A refused handshake ends here; that is the point.
                    let Ok(mut tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    if read_head(&mut tls).await.is_ok() {
                        let _ = write_answer(
                            &mut tls,
                            "200 OK",
                            &[("Content-Type", "application/json")],
                            br#"{"ok":true}"#,
                        )
                        .await;
                    }
                });
            }
        });
        TlsServer { port, task }
    }

    /// The server by the name its certificate is made for.
    pub fn url(&self, host: &str) -> String {
        format!("https://{host}:{}/", self.port)
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
