//! Who signs the user in, and where: the authorization page the browser
//! opens, and the token side this machine talks to.
//!
//! - Jira Data Center (incoming application link): `rest/oauth2/latest/
//!   authorize` and `/token` below the server's URL, scope `WRITE` (which
//!   includes READ; ADMIN is not needed to sync), PKCE S256, no revocation
//!   endpoint (users revoke under Profile → Authorized applications).
//! - Asana: `/-/oauth_authorize`, `/-/oauth_token`, `/-/oauth_revoke` on the
//!   server's origin (`https://app.asana.com`, beside `/api/1.0`; the
//!   simulator serves them at the same places), the app's full scope; the
//!   token endpoint always wants the client secret.
//! - Any OAuth 2.0 server from explicit URLs (oauth2-mock-server in tests).
//!
//! The browser opens the authorization page on the server's base URL, the
//! one users know and are signed in to; token requests go to the connect
//! URL (the alternative base URL when set) through the server's own TLS and
//! proxy settings, as every other request does (`remote::endpoint_for`).

use kakehashi_asana::AsanaDecoder;
use kakehashi_http::oauth::{OAuthClient, TokenEndpoint};
use kakehashi_http::{Endpoint, HttpClient, PlainDecoder};
use kakehashi_jira::JiraDecoder;
use kakehashi_secrets::Sensitive;
use url::Url;

use super::pkce::{Pkce, State};
use crate::remote::endpoint_for;
use crate::workspace::{CredentialKind, Server, ServerKind};
use crate::{AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flavor {
    JiraDataCenter,
    Asana,
    Explicit,
}

/// One OAuth 2.0 provider as a sign-in needs it.
#[derive(Debug, Clone)]
pub struct Provider {
    flavor: Flavor,
    /// The product name for pages and messages ("Jira Data Center").
    name: String,
    authorize_url: Url,
    /// The token side's transport settings (URLs, TLS, proxy, rate).
    endpoint: Endpoint,
    token_path: String,
    revoke_path: Option<String>,
    scopes: Vec<String>,
}

impl Provider {
    /// The provider behind `server` for an OAuth credential of `kind`.
    pub fn for_server(server: &Server, kind: CredentialKind) -> AppResult<Provider> {
        let flavor = match (kind, server.kind) {
            (CredentialKind::JiraDcOauth, ServerKind::JiraDataCenter) => Flavor::JiraDataCenter,
            (CredentialKind::AsanaOauth, ServerKind::Asana) => Flavor::Asana,
            (CredentialKind::JiraDcOauth, ServerKind::JiraCloud) => {
                return Err(AppError::validation(
                    "kind",
                    format!("“{}” is a Jira Cloud server: Jira Cloud's OAuth 2.0 needs a client secret kept on a web server and no PKCE, which a desktop app cannot keep safe. Use an email address and API token (jira-cloud-token) there.", server.name),
                ))
            }
            (CredentialKind::JiraDcOauth | CredentialKind::AsanaOauth, _) => {
                return Err(AppError::validation(
                    "kind",
                    format!("A {} OAuth 2.0 sign-in does not fit “{}”, a {} server. Choose a credential kind for {}.", kind_product(kind), server.name, server.kind.product_name(), server.kind.product_name()),
                ))
            }
            (other, _) => {
                return Err(AppError::validation(
                    "kind",
                    format!("{} is not an OAuth 2.0 credential: it has a secret to enter, not a browser sign-in.", other.as_str()),
                ))
            }
        };
        let endpoint = endpoint_for(server)?;
        let (authorize, token, revoke, scopes) = match flavor {
            Flavor::JiraDataCenter => (
                kakehashi_jira::OAUTH_AUTHORIZE_PATH,
                kakehashi_jira::OAUTH_TOKEN_PATH,
                None,
                vec!["WRITE".to_owned()],
            ),
            _ => (
                kakehashi_asana::OAUTH_AUTHORIZE_PATH,
                kakehashi_asana::OAUTH_TOKEN_PATH,
                Some(kakehashi_asana::OAUTH_REVOKE_PATH.to_owned()),
                Vec::new(),
            ),
        };
        Ok(Provider {
            flavor,
            name: server.kind.product_name().to_owned(),
            authorize_url: endpoint.link(authorize)?,
            endpoint,
            token_path: token.to_owned(),
            revoke_path: revoke,
            scopes,
        })
    }

    /// Any OAuth 2.0 server from its URLs. The revocation endpoint, if
    /// any, must be on the token endpoint's server.
    pub fn from_urls(
        name: &str,
        authorize_url: &str,
        token_url: &str,
        revoke_url: Option<&str>,
        scopes: &[&str],
    ) -> AppResult<Provider> {
        let authorize_url = parse_url("authorizeUrl", authorize_url)?;
        let token_url = parse_url("tokenUrl", token_url)?;
        let origin = token_url.origin().ascii_serialization();
        let endpoint = Endpoint::new(&origin)?;
        let revoke_path = match revoke_url {
            None => None,
            Some(raw) => {
                let revoke = parse_url("revokeUrl", raw)?;
                if revoke.origin() != token_url.origin() {
                    return Err(AppError::validation(
                        "revokeUrl",
                        format!("The revocation URL {revoke} is not on the token endpoint's server ({origin}). Enter both on the same server."),
                    ));
                }
                Some(revoke.path().to_owned())
            }
        };
        Ok(Provider {
            flavor: Flavor::Explicit,
            name: name.to_owned(),
            authorize_url,
            endpoint,
            token_path: token_url.path().to_owned(),
            revoke_path,
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
        })
    }

    /// The same provider asking for other scopes.
    pub fn with_scopes(mut self, scopes: &[&str]) -> Provider {
        self.scopes = scopes.iter().map(|s| (*s).to_owned()).collect();
        self
    }

    /// "Jira Data Center", "Asana", or the name given.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }

    /// Whether "Sign out" can revoke the grant at the provider.
    pub fn can_revoke(&self) -> bool {
        self.revoke_path.is_some()
    }

    /// Whether the token endpoint wants the client secret even with PKCE
    /// (Asana always does).
    pub fn needs_client_secret(&self) -> bool {
        self.flavor == Flavor::Asana
    }

    /// The token endpoint's URL, for diagnostics.
    pub fn token_url(&self) -> AppResult<Url> {
        Ok(self.endpoint.api_url(&self.token_path)?)
    }

    /// The registered client as the token side sees it. Asana wants the
    /// redirect URI in refresh requests too, and its client secret always.
    pub fn client(
        &self,
        client_id: &str,
        client_secret: Option<Sensitive<String>>,
        redirect_uri: &str,
    ) -> AppResult<OAuthClient> {
        let client_id = client_id.trim();
        if client_id.is_empty() {
            return Err(AppError::validation(
                "clientId",
                format!(
                    "Enter the client ID of the OAuth 2.0 app registered in {}.",
                    self.name
                ),
            ));
        }
        let client_secret = client_secret.filter(|s| !s.expose().trim().is_empty());
        Ok(match self.flavor {
            Flavor::JiraDataCenter => kakehashi_jira::dc_oauth_client(client_id, client_secret),
            Flavor::Asana => {
                let Some(secret) = client_secret else {
                    return Err(AppError::validation(
                        "clientSecret",
                        "Asana wants the app's client secret as well: copy it from the app's OAuth settings in the Asana developer console.",
                    ));
                };
                kakehashi_asana::oauth_client(client_id, secret, redirect_uri)
            }
            Flavor::Explicit => OAuthClient::new(self.name.clone(), client_id, &self.token_path)
                .with_secret(client_secret)
                .with_revoke_path(self.revoke_path.clone()),
        })
    }

    /// The token side for `client`, through the server's transport.
    pub fn token_endpoint(&self, client: OAuthClient) -> AppResult<TokenEndpoint> {
        let http = match self.flavor {
            Flavor::JiraDataCenter => HttpClient::new(self.endpoint.clone(), JiraDecoder)?,
            Flavor::Asana => HttpClient::new(self.endpoint.clone(), AsanaDecoder)?,
            Flavor::Explicit => HttpClient::new(self.endpoint.clone(), PlainDecoder)?,
        };
        Ok(TokenEndpoint::new(http, client))
    }

    /// Where "Sign out" tells the user to revoke when the provider cannot
    /// be asked to (Jira Data Center).
    pub(crate) fn revoke_advice(&self) -> String {
        match self.flavor {
            Flavor::JiraDataCenter => format!(
                "Jira Data Center has no revocation endpoint, so the sign-in was only forgotten here. To revoke it, open {} in the browser, go to your profile → Authorized applications and revoke Kakehashi.",
                self.endpoint.base_url()
            ),
            _ => format!(
                "{} has no revocation endpoint, so the sign-in was only forgotten here. Revoke Kakehashi's access in {}'s own settings.",
                self.name, self.name
            ),
        }
    }

    /// The page the browser opens: the authorization request with PKCE
    /// S256 and this sign-in's `state`.
    pub(crate) fn authorize_url(
        &self,
        client_id: &str,
        redirect_uri: &str,
        pkce: &Pkce,
        state: &State,
    ) -> Url {
        let mut url = self.authorize_url.clone();
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", client_id.trim())
                .append_pair("redirect_uri", redirect_uri)
                .append_pair("state", state.as_str())
                .append_pair("code_challenge", &pkce.challenge)
                .append_pair("code_challenge_method", Pkce::METHOD);
            if !self.scopes.is_empty() {
                query.append_pair("scope", &self.scopes.join(" "));
            }
        }
        url
    }
}

fn kind_product(kind: CredentialKind) -> &'static str {
    match kind {
        CredentialKind::AsanaOauth => "Asana",
        _ => "Jira Data Center",
    }
}

fn parse_url(field: &str, raw: &str) -> AppResult<Url> {
    let url = Url::parse(raw.trim()).map_err(|_| {
        AppError::validation(
            field,
            format!(
                "“{}” is not a web address. Enter it as https://server.example.com/path.",
                raw.trim()
            ),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(AppError::validation(
            field,
            format!("“{url}” is not an http:// or https:// address."),
        ));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{ServerProxy, ServerTls};

    fn server(kind: ServerKind, base_url: &str, alt_url: Option<&str>) -> Server {
        Server {
            id: 1,
            kind,
            name: "Test".into(),
            base_url: base_url.into(),
            alt_url: alt_url.map(str::to_owned),
            time_zone: None,
            is_demo: false,
            created_at: "2026-01-01T00:00:00Z".into(),
            tls: ServerTls::default(),
            proxy: ServerProxy::System,
        }
    }

    fn query(url: &Url) -> Vec<(String, String)> {
        url.query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    #[test]
    fn jira_dc_authorizes_on_the_base_url_and_exchanges_on_the_alternative_one() {
        let server = server(
            ServerKind::JiraDataCenter,
            "https://jira.example.com/jira",
            Some("http://10.0.0.5:8080/jira"),
        );
        let provider = Provider::for_server(&server, CredentialKind::JiraDcOauth).unwrap();
        let pkce = Pkce::new();
        let state = State::new();
        let url =
            provider.authorize_url(" link-1 ", "http://127.0.0.1:47813/callback", &pkce, &state);
        assert_eq!(
            url.as_str().split('?').next().unwrap(),
            "https://jira.example.com/jira/rest/oauth2/latest/authorize"
        );
        let pairs = query(&url);
        for (name, value) in [
            ("response_type", "code"),
            ("client_id", "link-1"),
            ("redirect_uri", "http://127.0.0.1:47813/callback"),
            ("state", state.as_str()),
            ("code_challenge", pkce.challenge.as_str()),
            ("code_challenge_method", "S256"),
            ("scope", "WRITE"),
        ] {
            assert!(
                pairs.contains(&(name.into(), value.into())),
                "{name} in {pairs:?}"
            );
        }
        assert!(!url.as_str().contains(pkce.verifier.expose().as_str()));
        assert_eq!(
            provider.token_url().unwrap().as_str(),
            "http://10.0.0.5:8080/jira/rest/oauth2/latest/token"
        );
        assert!(!provider.can_revoke());
        assert!(provider.revoke_advice().contains("Authorized applications"));
        let client = provider
            .client("link-1", None, "http://127.0.0.1:47813/callback")
            .unwrap();
        assert_eq!(client.client_secret, None);
        assert_eq!(client.redirect_uri, None);
    }

    #[test]
    fn asana_uses_its_origin_and_wants_the_secret() {
        let server = server(ServerKind::Asana, "https://app.asana.com", None);
        let provider = Provider::for_server(&server, CredentialKind::AsanaOauth).unwrap();
        let url = provider.authorize_url(
            "1209",
            "http://127.0.0.1:47813/callback",
            &Pkce::new(),
            &State::new(),
        );
        assert!(
            url.as_str()
                .starts_with("https://app.asana.com/-/oauth_authorize?"),
            "{url}"
        );
        assert!(!query(&url).iter().any(|(k, _)| k == "scope"));
        assert_eq!(
            provider.token_url().unwrap().as_str(),
            "https://app.asana.com/-/oauth_token"
        );
        assert!(provider.can_revoke());
        assert!(provider.needs_client_secret());
        let err = provider
            .client("1209", None, "http://127.0.0.1:1/callback")
            .unwrap_err();
        assert!(
            matches!(&err, AppError::Validation { field, .. } if field == "clientSecret"),
            "{err:?}"
        );
        let client = provider
            .client(
                "1209",
                Some(Sensitive::new("s".into())),
                "http://127.0.0.1:47813/callback",
            )
            .unwrap();
        assert_eq!(
            client.redirect_uri.as_deref(),
            Some("http://127.0.0.1:47813/callback")
        );
        assert_eq!(client.revoke_path.as_deref(), Some("-/oauth_revoke"));
    }

    #[test]
    fn kinds_that_do_not_fit_are_refused_with_what_to_use() {
        let cloud = server(ServerKind::JiraCloud, "https://x.atlassian.net", None);
        let err = Provider::for_server(&cloud, CredentialKind::JiraDcOauth).unwrap_err();
        assert!(err.to_string().contains("API token"), "{err}");
        let dc = server(ServerKind::JiraDataCenter, "https://jira.example.com", None);
        assert_eq!(
            Provider::for_server(&dc, CredentialKind::AsanaOauth)
                .unwrap_err()
                .code(),
            "Validation"
        );
        assert_eq!(
            Provider::for_server(&dc, CredentialKind::JiraDcPat)
                .unwrap_err()
                .code(),
            "Validation"
        );
        let provider = Provider::for_server(&dc, CredentialKind::JiraDcOauth).unwrap();
        let err = provider.client("  ", None, "x").unwrap_err();
        assert!(
            matches!(&err, AppError::Validation { field, .. } if field == "clientId"),
            "{err:?}"
        );
    }

    #[test]
    fn explicit_urls_keep_their_paths() {
        let provider = Provider::from_urls(
            "Test server",
            "http://127.0.0.1:9000/authorize",
            "http://127.0.0.1:9000/token",
            Some("http://127.0.0.1:9000/revoke"),
            &["openid"],
        )
        .unwrap();
        assert_eq!(
            provider.token_url().unwrap().as_str(),
            "http://127.0.0.1:9000/token"
        );
        let client = provider.client("c", None, "r").unwrap();
        assert_eq!(client.revoke_path.as_deref(), Some("/revoke"));
        assert!(Provider::from_urls(
            "x",
            "http://a/authorize",
            "http://b/token",
            Some("http://c/revoke"),
            &[]
        )
        .is_err());
        assert!(Provider::from_urls("x", "nope", "http://b/token", None, &[]).is_err());
    }
}
