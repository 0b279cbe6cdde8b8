//! Everything the transport needs to know about one server.

use std::time::Duration;

use url::Url;

use crate::error::HttpError;
use crate::proxy::ProxySettings;
use crate::rate_limit::RatePolicy;
use crate::retry::RetryPolicy;
use crate::tls::TlsSettings;

/// One server as the transport sees it.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// The URL users know; links shown to them are built on it.
    base_url: Url,
    /// Where this machine actually connects, when the public URL is not
    /// reachable from inside the company network (IssueSYNC's "alternative
    /// base URL").
    alt_url: Option<Url>,
    pub tls: TlsSettings,
    pub proxy: ProxySettings,
    pub timeouts: Timeouts,
    pub retry: RetryPolicy,
    pub rate: RatePolicy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// DNS + TCP + TLS.
    pub connect: Duration,
    /// One attempt, from sending to the last byte of the answer.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

impl Endpoint {
    /// A server reached at its public URL with default settings.
    pub fn new(base_url: &str) -> Result<Self, HttpError> {
        Ok(Endpoint {
            base_url: parse_base("baseUrl", base_url)?,
            alt_url: None,
            tls: TlsSettings::default(),
            proxy: ProxySettings::default(),
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            rate: RatePolicy::default(),
        })
    }

    /// Connect through `alt_url` instead; links keep the base URL.
    pub fn with_alt_url(mut self, alt_url: Option<&str>) -> Result<Self, HttpError> {
        self.alt_url = match alt_url.map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => Some(parse_base("altUrl", raw)?),
            None => None,
        };
        Ok(self)
    }

    pub fn with_tls(mut self, tls: TlsSettings) -> Self {
        self.tls = tls;
        self
    }

    pub fn with_proxy(mut self, proxy: ProxySettings) -> Self {
        self.proxy = proxy;
        self
    }

    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    pub fn with_rate(mut self, rate: RatePolicy) -> Self {
        self.rate = rate;
        self
    }

    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    pub fn alt_url(&self) -> Option<&Url> {
        self.alt_url.as_ref()
    }

    /// The URL requests go to: the alternative one when set.
    pub fn connect_url(&self) -> &Url {
        self.alt_url.as_ref().unwrap_or(&self.base_url)
    }

    /// The URL of `path` (e.g. `rest/api/3/myself`) on the connect URL.
    pub fn api_url(&self, path: &str) -> Result<Url, HttpError> {
        join(self.connect_url(), path)
    }

    /// A link for users (`browse/PROJ-1`), always on the base URL.
    pub fn link(&self, path: &str) -> Result<Url, HttpError> {
        join(&self.base_url, path)
    }
}

/// Accepts `https://host`, `https://host/context/` and the like; keeps the
/// context path (Jira DC under `/jira`, TimeTracker NX under its site).
fn parse_base(field: &str, raw: &str) -> Result<Url, HttpError> {
    let trimmed = raw.trim();
    let mut url = Url::parse(trimmed).map_err(|_| {
        HttpError::invalid_input(
            field,
            format!("“{trimmed}” is not a web address. Enter it as https://server.example.com (with http:// or https://)."),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(HttpError::invalid_input(
            field,
            format!("“{trimmed}” is not an http:// or https:// address of a server."),
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(HttpError::invalid_input(
            field,
            "Leave the user name and password out of the address; they belong in the credential.",
        ));
    }
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&format!("{path}/"));
    Ok(url)
}

fn join(base: &Url, path: &str) -> Result<Url, HttpError> {
    base.join(path.trim_start_matches('/')).map_err(|_| {
        HttpError::invalid_input("path", format!("“{path}” cannot be joined to {base}."))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_use_the_alternative_url_and_links_keep_the_base_url() {
        let endpoint = Endpoint::new("https://jira.example.com/jira")
            .unwrap()
            .with_alt_url(Some("http://10.0.0.5:8080/jira/"))
            .unwrap();
        assert_eq!(
            endpoint.api_url("/rest/api/2/myself").unwrap().as_str(),
            "http://10.0.0.5:8080/jira/rest/api/2/myself"
        );
        assert_eq!(
            endpoint.link("browse/PROJ-1").unwrap().as_str(),
            "https://jira.example.com/jira/browse/PROJ-1"
        );
    }

    #[test]
    fn a_blank_alternative_url_means_none() {
        let endpoint = Endpoint::new("https://x.example.com")
            .unwrap()
            .with_alt_url(Some("  "))
            .unwrap();
        assert!(endpoint.alt_url().is_none());
        assert_eq!(
            endpoint.api_url("a").unwrap().as_str(),
            "https://x.example.com/a"
        );
    }

    #[test]
    fn bad_addresses_say_what_to_enter() {
        for bad in [
            "jira.example.com",
            "ftp://x.example.com",
            "https://user:pw@x.example.com",
        ] {
            let err = Endpoint::new(bad).unwrap_err();
            assert_eq!(err.code(), "Validation", "{bad}");
            assert!(!err.message.contains("pw@"), "{}", err.message);
        }
    }
}
