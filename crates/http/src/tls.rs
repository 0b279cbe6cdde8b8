//! Trust: the OS trust store, plus per server an extra CA bundle and a pinned
//! certificate fingerprint. There is deliberately no "accept anything"
//! switch: a self-signed server is refused with its subject and SHA-256
//! fingerprint, the user checks them, and trusting it pins exactly that
//! certificate for exactly that server.

use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};

use crate::error::HttpError;

/// Per-server trust decisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsSettings {
    /// PEM certificates to trust in addition to the OS store (a company CA).
    pub extra_ca_pem: Option<String>,
    /// The one certificate the user chose to trust although nobody vouches for it.
    pub pinned: Option<Fingerprint>,
}

impl TlsSettings {
    /// Whether the settings can be used, checked the way a connection reads
    /// them (the CA bundle parses as PEM), without building a client.
    pub fn check(&self) -> Result<(), HttpError> {
        let Some(pem) = &self.extra_ca_pem else {
            return Ok(());
        };
        for der in parse_pem(pem)? {
            x509_parser::parse_x509_certificate(&der).map_err(|_| {
                HttpError::invalid_input(
                    "extraCaPem",
                    "The CA bundle holds something that is not a certificate. Paste the CA certificate exactly as exported, BEGIN and END lines included.",
                )
            })?;
        }
        Ok(())
    }
}

/// A certificate's SHA-256 fingerprint, shown as `AB:CD:…` (32 pairs).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    pub fn of(der: &[u8]) -> Self {
        Fingerprint(Sha256::digest(der).into())
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, byte) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{byte:02X}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

impl FromStr for Fingerprint {
    type Err = HttpError;

    /// Accepts `AB:CD:…`, `ab cd …` or plain hex, optionally prefixed `SHA256:`.
    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        let trimmed = raw.trim();
        let without_prefix = trimmed
            .strip_prefix("SHA256:")
            .or_else(|| trimmed.strip_prefix("sha256:"))
            .unwrap_or(trimmed);
        let hex: String = without_prefix
            .chars()
            .filter(|c| !matches!(c, ':' | ' ' | '-'))
            .collect();
        let bad = || {
            HttpError::invalid_input(
                "fingerprint",
                "A SHA-256 fingerprint is 64 hexadecimal digits, e.g. AB:CD:…; copy it again from the certificate.",
            )
        };
        if hex.len() != 64 {
            return Err(bad());
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(i * 2..i * 2 + 2).ok_or_else(bad)?, 16)
                .map_err(|_| bad())?;
        }
        Ok(Fingerprint(bytes))
    }
}

/// What a user needs to decide whether to trust a certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    pub subject: String,
    pub issuer: String,
    /// RFC 3339.
    pub not_before: String,
    pub not_after: String,
    pub fingerprint: Fingerprint,
    /// Why the OS (and the extra CA) did not trust it, in rustls' words.
    pub reason: String,
}

impl CertificateInfo {
    fn read(der: &[u8], reason: String) -> Self {
        let fingerprint = Fingerprint::of(der);
        match x509_parser::parse_x509_certificate(der) {
            Ok((_, cert)) => CertificateInfo {
                subject: cert.subject().to_string(),
                issuer: cert.issuer().to_string(),
                not_before: rfc3339(cert.validity().not_before.timestamp()),
                not_after: rfc3339(cert.validity().not_after.timestamp()),
                fingerprint,
                reason,
            },
            Err(_) => CertificateInfo {
                subject: "(unreadable certificate)".into(),
                issuer: String::new(),
                not_before: String::new(),
                not_after: String::new(),
                fingerprint,
                reason,
            },
        }
    }
}

/// Formats seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (civil-from-days).
fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3_600,
        secs / 60 % 60,
        secs % 60
    )
}

/// The OS verifier (with the extra CA), short-circuited by the pin, which
/// remembers the last certificate it refused so the error can show it.
#[derive(Debug)]
pub(crate) struct TrustVerifier {
    platform: rustls_platform_verifier::Verifier,
    pinned: Option<Fingerprint>,
    last_refused: Mutex<Option<CertificateInfo>>,
}

impl TrustVerifier {
    pub(crate) fn new(settings: &TlsSettings) -> Result<Arc<Self>, HttpError> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let extra = match &settings.extra_ca_pem {
            Some(pem) => parse_pem(pem)?,
            None => Vec::new(),
        };
        let platform = rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider)
            .map_err(|err| {
                HttpError::invalid_input(
                    "extraCaPem",
                    format!("The certificate store could not be loaded: {err}."),
                )
            })?;
        Ok(Arc::new(TrustVerifier {
            platform,
            pinned: settings.pinned,
            last_refused: Mutex::new(None),
        }))
    }

    /// The certificate refused most recently. Every request of a client
    /// goes to the same server, so concurrent refusals show the same one.
    pub(crate) fn last_refused(&self) -> Option<CertificateInfo> {
        self.last_refused
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub(crate) fn client_config(self: &Arc<Self>) -> rustls::ClientConfig {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("ring supports the default TLS versions")
            .dangerous() // a custom verifier, not a disabled one: see verify_server_cert
            .with_custom_certificate_verifier(self.clone())
            .with_no_client_auth()
    }
}

impl ServerCertVerifier for TrustVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        // The user saw this exact certificate's fingerprint and trusted it for
        // this server; the handshake signatures are still checked below.
        if self.pinned == Some(Fingerprint::of(end_entity)) {
            return Ok(ServerCertVerified::assertion());
        }
        self.platform
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
            .inspect_err(|err| {
                // A pinned server presenting another certificate is the one
                // case where the user must hear that it changed.
                let reason = match self.pinned {
                    Some(pinned) => format!("{}; it is not the certificate trusted for this server, whose fingerprint is {pinned}: the server may have a new certificate, or someone may be intercepting the connection", plain_reason(err)),
                    None => plain_reason(err),
                };
                let info = CertificateInfo::read(end_entity, reason);
                *self.last_refused.lock().unwrap_or_else(|p| p.into_inner()) = Some(info);
            })
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.platform.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.platform.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.platform.supported_verify_schemes()
    }
}

/// Why a certificate was refused, in words rather than rustls' names.
fn plain_reason(err: &rustls::Error) -> String {
    use rustls::CertificateError as E;
    let rustls::Error::InvalidCertificate(cert) = err else {
        return err.to_string();
    };
    match cert {
        E::UnknownIssuer => "no authority this computer trusts has signed it".into(),
        E::NotValidForName | E::NotValidForNameContext { .. } => {
            "it is made for another server name".into()
        }
        E::Expired | E::ExpiredContext { .. } => "it has expired".into(),
        E::NotValidYet | E::NotValidYetContext { .. } => {
            "it is not valid yet (check this computer's clock)".into()
        }
        E::Revoked => "its issuer has revoked it".into(),
        E::InvalidPurpose | E::InvalidPurposeContext { .. } => {
            "it is not meant for a web server".into()
        }
        _ => err.to_string(),
    }
}

fn parse_pem(pem: &str) -> Result<Vec<CertificateDer<'static>>, HttpError> {
    use rustls::pki_types::pem::PemObject;
    let certs: Vec<_> = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            HttpError::invalid_input(
                "extraCaPem",
                "The CA bundle is not valid PEM. Paste the certificate including its BEGIN CERTIFICATE and END CERTIFICATE lines.",
            )
        })?;
    if certs.is_empty() {
        return Err(HttpError::invalid_input(
            "extraCaPem",
            "The CA bundle holds no certificate. Paste the certificate including its BEGIN CERTIFICATE and END CERTIFICATE lines.",
        ));
    }
    Ok(certs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_round_trip_in_every_common_spelling() {
        let fp = Fingerprint::of(b"certificate");
        let shown = fp.to_string();
        assert_eq!(shown.len(), 95);
        assert_eq!(shown.parse::<Fingerprint>().unwrap(), fp);
        assert_eq!(
            shown
                .replace(':', "")
                .to_lowercase()
                .parse::<Fingerprint>()
                .unwrap(),
            fp
        );
        assert_eq!(
            format!("SHA256:{}", shown.replace(':', " "))
                .parse::<Fingerprint>()
                .unwrap(),
            fp
        );
        assert_eq!(
            "AB:CD".parse::<Fingerprint>().unwrap_err().code(),
            "Validation"
        );
    }

    #[test]
    fn unix_times_format_as_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn a_bundle_without_certificates_is_refused_with_guidance() {
        let err = TrustVerifier::new(&TlsSettings {
            extra_ca_pem: Some("not a certificate".into()),
            pinned: None,
        })
        .unwrap_err();
        assert_eq!(err.code(), "Validation");
    }
}
