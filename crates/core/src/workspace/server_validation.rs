//! Checks a server's settings before they are stored, with the same rules
//! the transport applies when it connects, so a stored server always works
//! as far as its settings go: URLs, CA bundle, fingerprint, proxy.

use std::str::FromStr;

use kakehashi_http::{Endpoint, Fingerprint, TlsSettings};

use super::servers::{NewServer, ServerProxy, ServerTls};
use crate::{AppError, AppResult};

/// The settings in their stored form (URLs normalised, fingerprint canonical).
pub(super) struct Checked {
    pub base_url: String,
    pub alt_url: Option<String>,
    pub tls: ServerTls,
    pub proxy: ServerProxy,
}

pub(super) fn server(server: &NewServer) -> AppResult<Checked> {
    let endpoint = Endpoint::new(&server.base_url)?.with_alt_url(server.alt_url.as_deref())?;
    Ok(Checked {
        base_url: trim_slash(endpoint.base_url().as_str()),
        alt_url: endpoint.alt_url().map(|u| trim_slash(u.as_str())),
        tls: tls(&server.tls)?,
        proxy: proxy(&server.proxy)?,
    })
}

/// A base URL in its stored form, to compare with stored servers.
pub(crate) fn normalised_base_url(raw: &str) -> AppResult<String> {
    Ok(trim_slash(Endpoint::new(raw)?.base_url().as_str()))
}

pub(super) fn tls(tls: &ServerTls) -> AppResult<ServerTls> {
    let pinned = match tls.pinned_fingerprint.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => Some(Fingerprint::from_str(raw)?),
        _ => None,
    };
    let extra_ca_pem = tls
        .extra_ca_pem
        .as_deref()
        .map(str::trim)
        .filter(|pem| !pem.is_empty())
        .map(str::to_owned);
    // The same reading of the PEM a connection will do.
    TlsSettings {
        extra_ca_pem: extra_ca_pem.clone(),
        pinned,
    }
    .check()?;
    Ok(ServerTls {
        extra_ca_pem,
        pinned_fingerprint: pinned.map(|fp| fp.to_string()),
    })
}

fn proxy(proxy: &ServerProxy) -> AppResult<ServerProxy> {
    let ServerProxy::Custom { url } = proxy else {
        return Ok(proxy.clone());
    };
    let trimmed = url.trim();
    let parsed = url::Url::parse(trimmed).map_err(|_| {
        AppError::validation(
            "proxy",
            format!(
                "“{trimmed}” is not a proxy address. Enter it as http://proxy.example.com:8080."
            ),
        )
    })?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(AppError::validation(
            "proxy",
            "Leave the user name and password out of the proxy address: Kakehashi stores no secret outside the keychain. Use a proxy that authenticates this computer, or the system proxy settings.",
        ));
    }
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(AppError::validation(
            "proxy",
            "A proxy address starts with http:// or https://.",
        ));
    }
    Ok(ServerProxy::Custom {
        url: trimmed.to_owned(),
    })
}

fn trim_slash(url: &str) -> String {
    url.trim_end_matches('/').to_owned()
}
