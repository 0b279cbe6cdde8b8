//! Checks a server's settings before they are stored, with the same rules
//! the transport applies when it connects, so a stored server always works
//! as far as its settings go: URLs (forgiven like the wizards forgive them,
//! `url_input`), CA bundle, fingerprint, proxy.

use std::str::FromStr;

use kakehashi_http::{Endpoint, Fingerprint, TlsSettings};

use super::servers::{NewServer, ServerKind, ServerProxy, ServerTls};
use super::url_input::normalise;
use crate::{AppError, AppResult};

/// The settings in their stored form (URLs normalised, fingerprint canonical).
pub(super) struct Checked {
    pub base_url: String,
    pub alt_url: Option<String>,
    pub tls: ServerTls,
    pub proxy: ServerProxy,
}

pub(super) fn server(server: &NewServer) -> AppResult<Checked> {
    let base_url = url(&server.base_url, server.kind, "baseUrl")?;
    let alt_url = match server.alt_url.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => Some(url(raw, server.kind, "altUrl")?),
        _ => None,
    };
    // The transport's own reading, so nothing is stored that it would refuse.
    Endpoint::new(&base_url)?.with_alt_url(alt_url.as_deref())?;
    Ok(Checked {
        base_url,
        alt_url,
        tls: tls(&server.tls)?,
        proxy: proxy(&server.proxy)?,
    })
}

/// A base URL in its stored form, to compare with stored servers.
pub(crate) fn normalised_base_url(raw: &str, kind: ServerKind) -> AppResult<String> {
    url(raw, kind, "baseUrl")
}

/// What the user entered → the stored URL, with the same forgiveness as the
/// wizards (see `url_input`); a refusal names the form's own `field`.
fn url(raw: &str, kind: ServerKind, field: &str) -> AppResult<String> {
    normalise(raw, Some(kind)).map_err(|err| match err {
        AppError::Validation { message, .. } => AppError::Validation {
            field: field.to_owned(),
            message,
        },
        other => other,
    })
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
