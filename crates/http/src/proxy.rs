//! Which proxy a server is reached through, and how to say so without
//! showing the proxy's password.

use std::fmt;

use hyper_util::client::proxy::matcher::Matcher;
use reqwest::ClientBuilder;
use url::Url;

use crate::error::HttpError;

/// Per server: the system's proxy settings (`HTTPS_PROXY`, `HTTP_PROXY`,
/// `ALL_PROXY`, `NO_PROXY`, and the OS settings on Windows and macOS), a
/// proxy of its own, or none at all.
#[derive(Clone, Default, PartialEq, Eq)]
pub enum ProxySettings {
    #[default]
    System,
    /// Connect directly, whatever the system says.
    Direct,
    /// This proxy for every request to the server (NO_PROXY does not apply).
    Url(String),
}

impl fmt::Debug for ProxySettings {
    /// Redacted: a proxy URL may carry `user:password@`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxySettings::System => f.write_str("System"),
            ProxySettings::Direct => f.write_str("Direct"),
            ProxySettings::Url(raw) => f.debug_tuple("Url").field(&redacted(raw)).finish(),
        }
    }
}

impl ProxySettings {
    /// The proxy a request to `url` goes through, for people ("Proxy in
    /// use: `http://proxy.example.com:8080`"), or `None` for a direct
    /// connection. Credentials in the proxy address are never shown.
    ///
    /// `System` reads the environment (and the OS settings) now, with the
    /// same rules as the transport: `HTTPS_PROXY`/`https_proxy` for https,
    /// `HTTP_PROXY`/`http_proxy` for http, `ALL_PROXY`/`all_proxy` for
    /// both, hosts in `NO_PROXY`/`no_proxy` (and their subdomains) direct.
    /// A client keeps what the system said when it was made; see
    /// [`crate::HttpClient::proxy`].
    pub fn describe(&self, url: &Url) -> Option<String> {
        match self {
            ProxySettings::Direct => None,
            ProxySettings::Url(raw) => Some(redacted(raw)),
            ProxySettings::System => route(&Matcher::from_system(), url),
        }
    }

    pub(crate) fn apply(&self, builder: ClientBuilder) -> Result<ClientBuilder, HttpError> {
        Ok(match self {
            // reqwest reads the environment and the OS settings when the
            // client is built, with the same matcher `describe` uses.
            ProxySettings::System => builder,
            ProxySettings::Direct => builder.no_proxy(),
            ProxySettings::Url(raw) => {
                let proxy = reqwest::Proxy::all(raw.as_str()).map_err(|_| {
                    HttpError::invalid_input(
                        "proxy",
                        "The proxy address is not valid. Enter it as http://proxy.example.com:8080.",
                    )
                })?;
                builder.proxy(proxy)
            }
        })
    }
}

/// The proxy `matcher` sends `url` through, shown without credentials.
fn route(matcher: &Matcher, url: &Url) -> Option<String> {
    let destination = url.as_str().parse::<http::Uri>().ok()?;
    let intercept = matcher.intercept(&destination)?;
    let shown = intercept.uri().to_string().trim_end_matches('/').to_owned();
    Some(
        if intercept.basic_auth().is_some() || intercept.raw_auth().is_some() {
            format!("{shown} (with credentials)")
        } else {
            shown
        },
    )
}

/// A proxy address as typed, without its password (or user name).
fn redacted(raw: &str) -> String {
    let parsed = Url::parse(raw)
        .ok()
        .filter(|url| url.has_host())
        .or_else(|| Url::parse(&format!("http://{raw}")).ok());
    let Some(mut url) = parsed else {
        // Not an address at all; still never echo what might be a password.
        return "(an invalid proxy address)".to_owned();
    };
    let had_credentials = !url.username().is_empty() || url.password().is_some();
    // Setting both cannot fail on an address with a host.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    let shown = url.as_str().trim_end_matches('/').to_owned();
    if had_credentials {
        format!("{shown} (with credentials)")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(raw: &str) -> Url {
        Url::parse(raw).unwrap()
    }

    fn matcher(https: &str, http: &str, all: &str, no: &str) -> Matcher {
        Matcher::builder()
            .https(https)
            .http(http)
            .all(all)
            .no(no)
            .build()
    }

    #[test]
    fn https_and_http_servers_use_their_own_proxy_and_all_proxy_fills_in() {
        let m = matcher(
            "http://secure.proxy:8443",
            "http://plain.proxy:8080",
            "",
            "",
        );
        assert_eq!(
            route(&m, &url("https://jira.example.com/")).as_deref(),
            Some("http://secure.proxy:8443")
        );
        assert_eq!(
            route(&m, &url("http://ttnx.example.com/TimeTrackerNX/")).as_deref(),
            Some("http://plain.proxy:8080")
        );
        let only_all = matcher("", "", "http://every.proxy:3128", "");
        assert_eq!(
            route(&only_all, &url("https://app.asana.com/api/1.0/")).as_deref(),
            Some("http://every.proxy:3128")
        );
    }

    #[test]
    fn no_proxy_hosts_and_their_subdomains_go_direct() {
        let m = matcher("http://proxy:8080", "", "", "corp.example.com, 10.0.0.0/8");
        assert_eq!(route(&m, &url("https://jira.corp.example.com/")), None);
        assert_eq!(route(&m, &url("https://corp.example.com/")), None);
        assert_eq!(route(&m, &url("https://10.1.2.3:8443/")), None);
        assert_eq!(
            route(&m, &url("https://notcorp.example.com/")).as_deref(),
            Some("http://proxy:8080")
        );
        assert_eq!(route(&m, &url("http://plain.example.com/")), None);
    }

    #[test]
    fn credentials_of_the_proxy_are_never_shown() {
        let m = matcher("http://alice:s3cret-pw@proxy:8080", "", "", "");
        let shown = route(&m, &url("https://jira.example.com/")).unwrap();
        assert_eq!(shown, "http://proxy:8080 (with credentials)");
        let own = ProxySettings::Url("http://alice:s3cret-pw@proxy.example.com:3128".into());
        let described = own.describe(&url("https://x.example.com/")).unwrap();
        assert_eq!(
            described,
            "http://proxy.example.com:3128 (with credentials)"
        );
        assert!(!format!("{own:?}").contains("s3cret-pw"), "{own:?}");
        assert!(!format!("{own:?}").contains("alice"), "{own:?}");
    }

    #[test]
    fn an_own_proxy_applies_to_every_url_and_direct_to_none() {
        let own = ProxySettings::Url("proxy.example.com:3128".into());
        assert_eq!(
            own.describe(&url("http://10.0.0.5/")).as_deref(),
            Some("http://proxy.example.com:3128")
        );
        assert_eq!(
            ProxySettings::Direct.describe(&url("https://x.example.com/")),
            None
        );
    }
}
