//! Reaching the server: dns, tcp, tls, proxy and addresses. DNS and TCP
//! are tried by hand, to the host this computer really opens a connection
//! to (the server's, or the proxy's when one is in use); TLS, the proxy's
//! answer and the addresses are read from the product probe, the same
//! request the transport makes for real.

use std::net::SocketAddr;
use std::time::Duration;

use kakehashi_http::{Endpoint, ErrorKind};
use url::Url;

use super::findings::{Checked, Finding};
use super::model::{CertificateView, CheckId, Suggestion};
use super::product::Probed;

/// How long one look-up or one connection attempt may take.
const WAIT: Duration = Duration::from_secs(5);

/// Where this computer opens its connection for a request to the server.
#[derive(Debug, Clone)]
pub(super) struct Route {
    pub host: String,
    pub port: u16,
    /// The proxy in the way, shown without its credentials.
    pub proxy: Option<String>,
    /// The server's address is http://: nothing is encrypted end to end.
    pub plain_http: bool,
}

pub(super) fn route(endpoint: &Endpoint) -> Route {
    let url = endpoint.connect_url();
    let proxy = endpoint.proxy.describe(url);
    // `describe` appends " (with credentials)" after the address.
    let proxy_url = proxy
        .as_deref()
        .and_then(|shown| shown.split_whitespace().next())
        .and_then(|address| Url::parse(address).ok());
    let target = proxy_url.as_ref().unwrap_or(url);
    let host = match target.host() {
        // Without the brackets a URL writes around IPv6 addresses.
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        Some(host) => host.to_string(),
        // A proxy address without a host: the look-up fails and says so.
        None => proxy.clone().unwrap_or_default(),
    };
    Route {
        host,
        port: target.port_or_known_default().unwrap_or(80),
        proxy,
        plain_http: url.scheme() == "http",
    }
}

/// Looks up the host; the addresses found, for the TCP check.
pub(super) async fn dns(route: &Route) -> (Checked, Vec<SocketAddr>) {
    let lookup = tokio::time::timeout(
        WAIT,
        tokio::net::lookup_host((route.host.as_str(), route.port)),
    )
    .await;
    let mut found: Vec<SocketAddr> = match lookup {
        Ok(Ok(addresses)) => addresses.collect(),
        _ => Vec::new(),
    };
    found.dedup();
    if found.is_empty() {
        let failed = Finding::DnsFailed {
            host: route.host.clone(),
            proxy: route.proxy.clone(),
        };
        return (Checked::failed(CheckId::Dns, failed), found);
    }
    let mut shown: Vec<String> = Vec::new();
    for address in &found {
        let ip = address.ip().to_string();
        if !shown.contains(&ip) {
            shown.push(ip);
        }
    }
    shown.truncate(4);
    let resolved = Finding::DnsResolved {
        host: route.host.clone(),
        addresses: shown,
        proxy: route.proxy.clone(),
    };
    (Checked::passed(CheckId::Dns, resolved), found)
}

/// Opens (and closes) a connection to the first address that accepts,
/// trying at most three.
pub(super) async fn tcp(route: &Route, addresses: &[SocketAddr]) -> Checked {
    let mut outcome = None;
    for address in addresses.iter().take(3) {
        let shown = address.to_string();
        match tokio::time::timeout(WAIT, tokio::net::TcpStream::connect(address)).await {
            Ok(Ok(_stream)) => {
                let connected = Finding::TcpConnected {
                    address: shown,
                    proxy: route.proxy.clone(),
                };
                return Checked::passed(CheckId::Tcp, connected);
            }
            Ok(Err(_)) => {
                outcome = Some(Finding::TcpRefused {
                    address: shown,
                    proxy: route.proxy.clone(),
                })
            }
            Err(_) => {
                outcome = Some(Finding::TcpTimedOut {
                    address: shown,
                    proxy: route.proxy.clone(),
                })
            }
        }
    }
    let finding = outcome.unwrap_or(Finding::TcpRefused {
        address: format!("{}:{}", route.host, route.port),
        proxy: route.proxy.clone(),
    });
    Checked::failed(CheckId::Tcp, finding)
}

/// Whether the probe reached the server at all (an HTTP answer, or a TLS
/// handshake it could judge).
pub(super) fn reached(probe: &Probed) -> bool {
    match probe {
        Ok(_) => true,
        Err(err) => !matches!(
            err.kind,
            ErrorKind::Dns
                | ErrorKind::Refused
                | ErrorKind::Timeout
                | ErrorKind::ConnectionLost
                | ErrorKind::Proxy
        ),
    }
}

/// The certificate, judged by the probe's handshake. `blocker`: the earlier
/// check that failed, so no handshake happened.
pub(super) fn tls(
    route: &Route,
    pinned: bool,
    probe: &Probed,
    blocker: Option<CheckId>,
) -> Checked {
    if route.plain_http {
        return Checked::new(
            CheckId::Tls,
            super::model::CheckStatus::Skipped,
            Finding::TlsPlainHttp,
        );
    }
    if let Some(blocker) = blocker {
        return Checked::skipped(CheckId::Tls, blocker);
    }
    let trusted = if pinned {
        Finding::TlsPinned
    } else {
        Finding::TlsTrusted
    };
    let Err(err) = probe else {
        return Checked::passed(CheckId::Tls, trusted);
    };
    match &err.kind {
        ErrorKind::TlsUntrusted(info) => Checked::failed(
            CheckId::Tls,
            Finding::TlsUntrusted {
                reason: info.reason.clone(),
            },
        )
        .with_certificate(CertificateView::of(info))
        .with_suggestion(Suggestion::TrustCertificate {
            fingerprint: info.fingerprint.to_string(),
        }),
        ErrorKind::Tls => Checked::failed(
            CheckId::Tls,
            Finding::TlsFailed {
                detail: err.message.clone(),
            },
        ),
        // No handshake to judge: the addresses check reports it.
        _ if !reached(probe) => Checked::skipped(CheckId::Tls, CheckId::Addresses),
        // The server answered over TLS, whatever it said.
        _ => Checked::passed(CheckId::Tls, trusted),
    }
}

/// The proxy in use, and whether it let the request through.
pub(super) fn proxy(route: &Route, connected: bool, probe: &Probed) -> Checked {
    let Some(proxy) = route.proxy.clone() else {
        return Checked::passed(CheckId::Proxy, Finding::ProxyNone);
    };
    if !connected {
        return Checked::failed(CheckId::Proxy, Finding::ProxyUnreachable { proxy });
    }
    match probe {
        Err(err) if err.kind == ErrorKind::Proxy => Checked::failed(
            CheckId::Proxy,
            Finding::ProxyRefused {
                proxy,
                detail: err.message.clone(),
            },
        ),
        _ => Checked::passed(CheckId::Proxy, Finding::ProxyInUse { proxy }),
    }
}

/// Which of the base and alternative URL answer from this computer.
pub(super) fn addresses(
    base: &Endpoint,
    base_probe: &Probed,
    alt: Option<(&Endpoint, &Probed)>,
) -> Checked {
    let shown = |endpoint: &Endpoint| {
        endpoint
            .connect_url()
            .as_str()
            .trim_end_matches('/')
            .to_owned()
    };
    let base_url = shown(base);
    let Some((alt, alt_probe)) = alt else {
        return if reached(base_probe) {
            Checked::passed(
                CheckId::Addresses,
                Finding::AddressReached { base: base_url },
            )
        } else {
            Checked::failed(
                CheckId::Addresses,
                Finding::AddressBaseFails { base: base_url },
            )
        };
    };
    let alt_url = shown(alt);
    match (reached(base_probe), reached(alt_probe)) {
        (true, true) => Checked::passed(
            CheckId::Addresses,
            Finding::AddressesBothReached {
                base: base_url,
                alt: alt_url,
            },
        ),
        (false, true) => Checked::passed(
            CheckId::Addresses,
            Finding::AddressOnlyAlternative {
                base: base_url,
                alt: alt_url,
            },
        ),
        (true, false) => Checked::warning(
            CheckId::Addresses,
            Finding::AddressAlternativeFails {
                base: base_url,
                alt: alt_url,
            },
        ),
        (false, false) => Checked::failed(
            CheckId::Addresses,
            Finding::AddressesNoneReached {
                base: base_url,
                alt: alt_url,
            },
        ),
    }
}
