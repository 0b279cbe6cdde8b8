//! One browser sign-in (RFC 6749 §4.1 with PKCE, RFC 8252 for native
//! apps): listen on the loopback port, open the system browser on the
//! provider's authorization page, wait for its redirect, exchange the code
//! with the PKCE verifier, and tell the browser tab how it ended.

use std::time::Duration;

use kakehashi_http::oauth::TokenSet;
use kakehashi_secrets::Sensitive;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::loopback::{Callback, CallbackOutcome, Loopback};
use super::page::{Language, PageOutcome};
use super::pkce::{Pkce, State};
use super::provider::Provider;
use crate::{AppError, AppResult};

/// How long the user has to finish in the browser by default.
pub const DEFAULT_SIGN_IN_TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// The OAuth 2.0 app the admin registered and entered.
#[derive(Debug, Clone)]
pub struct OAuthApp {
    pub client_id: String,
    /// Where the app has one (Jira DC links may; Asana always).
    pub client_secret: Option<Sensitive<String>>,
}

/// How one sign-in runs.
#[derive(Debug, Clone, Copy)]
pub struct SignInOptions {
    /// The loopback port; the redirect URL is `http://127.0.0.1:PORT/callback`.
    pub redirect_port: u16,
    /// The language of the page the browser shows at the end.
    pub language: Language,
    /// How long to wait for the browser to come back.
    pub timeout: Duration,
}

impl SignInOptions {
    pub fn new(redirect_port: u16, language: Language) -> Self {
        SignInOptions {
            redirect_port,
            language,
            timeout: DEFAULT_SIGN_IN_TIMEOUT,
        }
    }
}

/// Signs in at `provider` as `app`: opens `open_browser` on the
/// authorization URL and returns the tokens once the browser comes back
/// and the code is exchanged. Ends early with an error when the user
/// chooses Deny, the provider refuses, `options.timeout` passes, or
/// `cancel` fires. The caller stores the tokens
/// ([`KeychainTokenStore::write`](super::KeychainTokenStore::write)).
pub async fn sign_in(
    provider: &Provider,
    app: &OAuthApp,
    options: &SignInOptions,
    open_browser: impl FnOnce(&str) -> AppResult<()>,
    cancel: &CancellationToken,
) -> AppResult<TokenSet> {
    let deadline = Instant::now() + options.timeout;
    // Bound first: a port in use is reported before the browser opens.
    let loopback = Loopback::bind(options.redirect_port).await?;
    let redirect_uri = loopback.redirect_uri();
    let client = provider.client(&app.client_id, app.client_secret.clone(), &redirect_uri)?;
    let token_endpoint = provider.token_endpoint(client)?;
    let pkce = Pkce::new();
    let state = State::new();
    let url = provider.authorize_url(&app.client_id, &redirect_uri, &pkce, &state);
    open_browser(url.as_str())?;
    tracing::info!(
        provider = provider.name(),
        "waiting for the browser to come back from the sign-in"
    );

    let Callback { outcome, reply } = loopback
        .wait(&state, deadline, cancel, options.language, provider.name())
        .await?;
    let code = match outcome {
        CallbackOutcome::Code(code) => code,
        CallbackOutcome::Denied => {
            reply
                .show(options.language, PageOutcome::Denied, provider.name())
                .await;
            return Err(denied(provider));
        }
        CallbackOutcome::Failed { error, description } => {
            reply
                .show(options.language, PageOutcome::Failed, provider.name())
                .await;
            return Err(refused(
                provider,
                &error,
                description.as_deref(),
                &redirect_uri,
            ));
        }
    };
    let exchange =
        token_endpoint.exchange_code(code.expose(), Some(pkce.verifier.expose()), &redirect_uri);
    let exchanged = tokio::select! {
        exchanged = exchange => exchanged.map_err(AppError::from),
        () = cancel.cancelled() => Err(AppError::validation(
            "signIn",
            format!("The sign-in to {} was cancelled.", provider.name()),
        )),
    };
    let outcome = match &exchanged {
        Ok(_) => PageOutcome::Success,
        Err(_) => PageOutcome::Failed,
    };
    reply.show(options.language, outcome, provider.name()).await;
    if exchanged.is_ok() {
        tracing::info!(provider = provider.name(), "signed in with OAuth 2.0");
    }
    exchanged
}

fn denied(provider: &Provider) -> AppError {
    let name = provider.name();
    AppError::Unauthorized {
        message: format!("You chose Deny in the browser, so {name} did not give Kakehashi access and nothing was signed in. To sign in, start again and choose Allow; if {name} offers no Allow, ask its administrator to allow the app."),
    }
}

/// The provider's `error=` in the redirect (RFC 6749 §4.1.2.1), in words
/// that say what to check.
fn refused(
    provider: &Provider,
    error: &str,
    description: Option<&str>,
    redirect_uri: &str,
) -> AppError {
    let name = provider.name();
    let said = match description {
        Some(description) if !description.is_empty() => format!("{error}: {description}"),
        _ => error.to_owned(),
    };
    match error {
        "invalid_scope" => AppError::validation(
            "scope",
            format!("{name} refused the permissions Kakehashi asks for ({said}). Allow the scopes {} for the app in {name}, then sign in again.", provider.scopes().join(" ")),
        ),
        "server_error" | "temporarily_unavailable" => AppError::Network {
            message: format!("{name} could not complete the sign-in just now ({said}). Try again in a few minutes."),
        },
        _ => AppError::validation(
            "clientId",
            format!("{name} refused the sign-in ({said}). Check the client ID, and that the app's redirect URL in {name} is exactly {redirect_uri}."),
        ),
    }
}
