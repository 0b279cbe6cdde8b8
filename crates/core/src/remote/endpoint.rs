//! A stored server → the transport's endpoint: its URLs, its trust decisions,
//! its proxy, and the vendor's rate limit.

use std::str::FromStr;

use kakehashi_http::{Endpoint, Fingerprint, ProxySettings, RatePolicy, TlsSettings};

use crate::workspace::{Server, ServerKind, ServerProxy};
use crate::AppResult;

pub fn endpoint_for(server: &Server) -> AppResult<Endpoint> {
    let pinned = server
        .tls
        .pinned_fingerprint
        .as_deref()
        .map(Fingerprint::from_str)
        .transpose()?;
    let proxy = match &server.proxy {
        ServerProxy::System => ProxySettings::System,
        ServerProxy::Direct => ProxySettings::Direct,
        ServerProxy::Custom { url } => ProxySettings::Url(url.clone()),
    };
    let rate = match server.kind {
        // TimeTracker NX asks for at most 1,500 calls a minute, 100 ms apart.
        ServerKind::TimeTrackerNx => RatePolicy::timetracker_nx(),
        // Jira and Asana say when to slow down (429, Retry-After, X-RateLimit-*).
        ServerKind::JiraCloud | ServerKind::JiraDataCenter | ServerKind::Asana => {
            RatePolicy::adaptive()
        }
    };
    Ok(Endpoint::new(&server.base_url)?
        .with_alt_url(server.alt_url.as_deref())?
        .with_tls(TlsSettings {
            extra_ca_pem: server.tls.extra_ca_pem.clone(),
            pinned,
        })
        .with_proxy(proxy)
        .with_rate(rate))
}
