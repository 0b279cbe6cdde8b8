//! The three requests a client makes of a provider's token side: exchange
//! an authorization code, refresh, revoke (RFC 6749 §4.1.3, §6; RFC 7009).

use reqwest::StatusCode;

use super::answer;
use super::{OAuthClient, TokenSet};
use crate::client::HttpClient;
use crate::error::{ErrorKind, HttpError};
use crate::response::Response;

const FORM: &str = "application/x-www-form-urlencoded";

/// A client's token and revocation endpoints on one server's transport.
#[derive(Debug, Clone)]
pub struct TokenEndpoint {
    http: HttpClient,
    client: OAuthClient,
}

impl TokenEndpoint {
    /// Token requests for `client` through `http` (the server's shared
    /// transport, so they share its rate limiter).
    pub fn new(http: HttpClient, client: OAuthClient) -> Self {
        TokenEndpoint { http, client }
    }

    pub fn client(&self) -> &OAuthClient {
        &self.client
    }

    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// Exchanges the code of the authorization redirect for tokens;
    /// `verifier` is the PKCE code verifier when the authorization sent a
    /// challenge. Never repeated after it may have reached the server: a
    /// code is good for one exchange.
    pub async fn exchange_code(
        &self,
        code: &str,
        verifier: Option<&str>,
        redirect_uri: &str,
    ) -> Result<TokenSet, HttpError> {
        let form = self.form(|form| {
            form.append_pair("grant_type", "authorization_code")
                .append_pair("code", code)
                .append_pair("redirect_uri", redirect_uri);
            if let Some(verifier) = verifier {
                form.append_pair("code_verifier", verifier);
            }
        });
        let mut secrets = vec![code];
        secrets.extend(verifier);
        self.token_request(form, &secrets).await
    }

    /// Runs the `refresh_token` grant. A provider that rotates refresh
    /// tokens answers with a new one (the old one is spent); one that does
    /// not keeps the old one valid, so it is kept. Not repeated after it may
    /// have reached the server: with rotation a lost answer spent the token.
    pub async fn refresh(&self, current: &TokenSet) -> Result<TokenSet, HttpError> {
        let provider = &self.client.provider;
        let Some(refresh_token) = &current.refresh_token else {
            return Err(HttpError::new(
                ErrorKind::Unauthorized,
                format!("The {provider} sign-in has expired and cannot be renewed: {provider} gave no refresh token. Sign in to {provider} again."),
            ));
        };
        let form = self.form(|form| {
            form.append_pair("grant_type", "refresh_token")
                .append_pair("refresh_token", refresh_token.expose());
            if let Some(redirect_uri) = &self.client.redirect_uri {
                form.append_pair("redirect_uri", redirect_uri);
            }
        });
        let fresh = self.token_request(form, &[refresh_token.expose()]).await?;
        Ok(TokenSet {
            refresh_token: fresh
                .refresh_token
                .or_else(|| current.refresh_token.clone()),
            scope: fresh.scope.or_else(|| current.scope.clone()),
            ..fresh
        })
    }

    /// Revokes the grant (RFC 7009): the refresh token where there is one,
    /// which takes its access tokens along, otherwise the access token.
    /// An error of kind `InvalidInput` when the provider has no revocation
    /// endpoint. Safe to repeat: revoking twice changes nothing.
    pub async fn revoke(&self, tokens: &TokenSet) -> Result<(), HttpError> {
        let provider = &self.client.provider;
        let Some(path) = &self.client.revoke_path else {
            return Err(HttpError::invalid_input(
                "revoke",
                format!("{provider} has no endpoint to revoke a sign-in; revoke it in {provider} itself."),
            ));
        };
        let (token, hint) = match &tokens.refresh_token {
            Some(refresh) => (refresh, "refresh_token"),
            None => (&tokens.access_token, "access_token"),
        };
        let form = self.form(|form| {
            form.append_pair("token", token.expose())
                .append_pair("token_type_hint", hint);
        });
        let secrets = self.secrets_with(&[token.expose()]);
        let response = self
            .http
            .post(path)
            .body(FORM, form)
            .idempotent(true)
            .accept_status(StatusCode::BAD_REQUEST)
            .accept_status(StatusCode::UNAUTHORIZED)
            .send()
            .await
            .map_err(|err| scrubbed(err, &secrets))?;
        if response.status().is_success() {
            tracing::info!(provider = %provider, "revoked the OAuth 2.0 grant");
            return Ok(());
        }
        Err(answer::revocation_error(provider, &response, &secrets))
    }

    /// A form with the client's own parameters, which every request
    /// carries, and the ones `add` puts in. The secret goes in the form
    /// (`client_secret_post`), which Jira Data Center and Asana both accept.
    fn form(&self, add: impl FnOnce(&mut url::form_urlencoded::Serializer<'_, String>)) -> String {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.append_pair("client_id", &self.client.client_id);
        if let Some(secret) = &self.client.client_secret {
            form.append_pair("client_secret", secret.expose());
        }
        add(&mut form);
        form.finish()
    }

    fn secrets_with<'a>(&'a self, more: &[&'a str]) -> Vec<&'a str> {
        let mut secrets = more.to_vec();
        secrets.extend(
            self.client
                .client_secret
                .as_ref()
                .map(|s| s.expose().as_str()),
        );
        secrets
    }

    async fn token_request(&self, form: String, secrets: &[&str]) -> Result<TokenSet, HttpError> {
        let secrets = self.secrets_with(secrets);
        let what = self.what();
        let response: Response = self
            .http
            .post(&self.client.token_path)
            .header("accept", "application/json")
            .body(FORM, form)
            .idempotent(false)
            .accept_status(StatusCode::BAD_REQUEST)
            .accept_status(StatusCode::UNAUTHORIZED)
            .send()
            .await
            .map_err(|err| scrubbed(err, &secrets))?;
        answer::tokens(&self.client.provider, &what, &response, &secrets)
    }

    /// `POST https://host/path` of the token endpoint, for messages.
    fn what(&self) -> String {
        match self.http.endpoint().api_url(&self.client.token_path) {
            Ok(url) => format!("POST {url}"),
            Err(_) => format!("POST {}", self.client.token_path),
        }
    }
}

/// A transport error with the request's secrets taken out of its message:
/// the transport scrubs the `Authorization` header's secret, but these
/// travel in the form, which a server's error page might echo.
fn scrubbed(mut error: HttpError, secrets: &[&str]) -> HttpError {
    error.message = answer::remove_secrets(&error.message, secrets);
    if let ErrorKind::Malformed { excerpt } = &mut error.kind {
        *excerpt = answer::remove_secrets(excerpt, secrets);
    }
    error
}
