//! Turning a failure below HTTP (DNS, TCP, TLS, timeouts) into an error that
//! says what happened and what to do. Messages are built from the URL without
//! its query and from the error's causes, never from reqwest's own text,
//! which would quote the full URL.

use std::error::Error as StdError;
use std::io;

use crate::error::{ErrorKind, HttpError};
use crate::tls::TrustVerifier;

/// `proxy` is the proxy this request went through, if any: a failure to
/// connect is then the proxy's, not the server's.
pub(crate) fn classify_transport(
    err: &reqwest::Error,
    trust: Option<&TrustVerifier>,
    proxy: Option<&str>,
) -> HttpError {
    let place = err
        .url()
        .map(|url| {
            let mut url = url.clone();
            url.set_query(None);
            url.to_string()
        })
        .unwrap_or_else(|| "the server".to_owned());
    let causes = causes(err);

    if let Some(tls) = find_rustls(err) {
        if matches!(tls, rustls::Error::InvalidCertificate(_)) {
            if let Some(info) = trust.and_then(TrustVerifier::last_refused) {
                let message = format!(
                    "{place} presented a certificate this computer does not trust ({}). Subject: {}. SHA-256 fingerprint: {}. If your administrator confirms this fingerprint, trust the certificate for this server, or add your company's CA certificate to the server's settings.",
                    info.reason, info.subject, info.fingerprint
                );
                return HttpError::new(ErrorKind::TlsUntrusted(Box::new(info)), message);
            }
        }
        return HttpError::new(
            ErrorKind::Tls,
            format!("The secure connection to {place} failed ({tls}). Check that the address starts with https:// only if the server speaks TLS on that port."),
        );
    }
    let lowered = causes.to_ascii_lowercase();
    // hyper-util reports every failed CONNECT as "tunnel error: ..."; with a
    // proxy in use, any failure to connect is a failure to reach the proxy.
    if lowered.contains("tunnel error") || (err.is_connect() && proxy.is_some()) {
        let via = proxy.unwrap_or("the proxy");
        let what = if lowered.contains("proxy authorization required") {
            "asks for a user name and password (407); Kakehashi keeps no password in a proxy address, so use the system's proxy settings or a proxy that recognises this computer without one"
        } else if lowered.contains("unsuccessful") {
            "refused to open a connection to the server; ask the proxy's administrators whether it may be reached through the proxy"
        } else {
            "could not be reached; check the proxy address and port in the server's or the system's settings"
        };
        return HttpError::new(
            ErrorKind::Proxy,
            format!("{place} was not reached: the proxy {via} {what}."),
        );
    }
    if err.is_timeout() {
        return HttpError::new(
            ErrorKind::Timeout,
            format!("{place} did not answer in time. The server may be busy, or a firewall may be dropping the connection: try again later, or set the alternative URL if this computer reaches the server by another address."),
        );
    }
    if err.is_connect() {
        if lowered.contains("dns error")
            || lowered.contains("failed to lookup address")
            || lowered.contains("name or service not known")
            || lowered.contains("no such host")
        {
            return HttpError::new(
                ErrorKind::Dns,
                format!("The server name in {place} could not be found. Check the spelling, and whether this computer must be on the company network or VPN to see it."),
            );
        }
        if io_kind(err) == Some(io::ErrorKind::ConnectionRefused) {
            return HttpError::new(
                ErrorKind::Refused,
                format!("{place} refused the connection: nothing listens at that address and port, or a firewall blocks it. Check the port, or set the alternative URL."),
            );
        }
        return HttpError::new(
            ErrorKind::Refused,
            format!("Could not connect to {place} ({causes}). Check the address and the network."),
        );
    }
    HttpError::new(
        ErrorKind::ConnectionLost,
        format!("The connection to {place} broke before the answer was complete ({causes}). It is safe to try again; nothing is repeated that could create duplicates."),
    )
}

/// The causes below reqwest's own message, joined.
fn causes(err: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in chain(err) {
        let text = cause.to_string();
        // An io::Error shows the error it wraps: say it once.
        if !parts.contains(&text) {
            parts.push(text);
        }
    }
    if parts.is_empty() {
        "no further detail".to_owned()
    } else {
        parts.join(": ")
    }
}

/// Every error below `err`. `io::Error::source()` skips the error it wraps
/// (it returns that error's source), and hyper-util and tokio-rustls wrap
/// rustls errors in one or two io::Errors, so step into those explicitly.
fn chain<'a>(err: &'a reqwest::Error) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    let first: Option<&'a (dyn StdError + 'static)> = err.source();
    std::iter::successors(first, |cause| {
        let cause: &'a (dyn StdError + 'static) = *cause;
        match cause
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
        {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => cause.source(),
        }
    })
}

/// The rustls error somewhere in the chain.
fn find_rustls(err: &reqwest::Error) -> Option<&rustls::Error> {
    chain(err).find_map(|cause| cause.downcast_ref::<rustls::Error>())
}

/// The most specific I/O error kind in the chain.
fn io_kind(err: &reqwest::Error) -> Option<io::ErrorKind> {
    chain(err)
        .filter_map(|cause| cause.downcast_ref::<io::Error>())
        .map(io::Error::kind)
        .filter(|kind| *kind != io::ErrorKind::Other)
        .last()
}
