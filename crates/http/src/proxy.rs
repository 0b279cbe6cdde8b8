//! Which proxy a server is reached through.

use reqwest::ClientBuilder;

use crate::error::HttpError;

/// Per server: the system's proxy settings (`HTTPS_PROXY`, `HTTP_PROXY`,
/// `ALL_PROXY`, `NO_PROXY`, and the OS settings on Windows and macOS), a
/// proxy of its own, or none at all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ProxySettings {
    #[default]
    System,
    /// Connect directly, whatever the system says.
    Direct,
    /// This proxy for every request to the server (NO_PROXY does not apply).
    Url(String),
}

impl ProxySettings {
    pub(crate) fn apply(&self, builder: ClientBuilder) -> Result<ClientBuilder, HttpError> {
        Ok(match self {
            // reqwest reads the environment and the OS settings by default.
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
