//! `kakehashi credential sign-in` and `sign-out`: OAuth 2.0 credentials for
//! Jira Data Center incoming application links and Asana apps. The core
//! plans, waits on the browser and records (credentials::oauth); this file
//! reads the arguments and the client secret, opens the browser, turns
//! Ctrl-C into a clean cancel, verifies the new sign-in at once and says
//! what happened.

use kakehashi_core::clock;
use kakehashi_core::oauth::{Language, SignOut, TokenSet, DEFAULT_SIGN_IN_TIMEOUT};
use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials::{
    self, Credential, CredentialKind, OAuthSignInInput, Saved, SignInPlan,
};
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::args::CredentialSignInArgs;
use crate::browser;
use crate::credential::{check, saved_output};
use crate::credential_text;
use crate::output::Rendered;
use crate::secret_input::{Input, SECRET_ENV};

/// A sign-in ready to start: what the core needs, and what the messages need.
struct Prepared {
    input: OAuthSignInInput,
    /// "the incoming application link in Jira" / "the app in Asana".
    registered_with: &'static str,
}

pub fn sign_in(db: &Database, args: &CredentialSignInArgs) -> Result<Rendered, AppError> {
    let prepared = match args.id {
        Some(id) => switch_account(db, id)?,
        None => new_credential(db, args)?,
    };
    // Planned once without the client secret, so a wrong server, kind,
    // label or client ID is reported before the secret is asked for.
    let mut input = prepared.input;
    let mut plan = credentials::plan_sign_in(db, &Keychain, &input)?;
    if let Some(secret) = client_secret(&input, plan.needs_client_secret())? {
        input.client_secret = Some(secret);
        plan = credentials::plan_sign_in(db, &Keychain, &input)?;
    }
    eprintln!(
        "Redirect URL (register exactly this with {}): {}",
        prepared.registered_with,
        plan.redirect_url()
    );
    let tokens = wait_for_browser(&plan, input.redirect_port)?;
    let saved = plan.finish(db, &Keychain, &tokens, clock::now())?;
    let id = saved.credential.id;
    let verified = check(db, id).inspect_err(|_| {
        eprintln!(
            "Signed in and stored the tokens of credential {id} in the keychain, but checking them failed:"
        );
    })?;
    let text = match input.credential_id {
        Some(_) => format!(
            "Switched credential {} ({}) to another account: {}.\n",
            verified.id,
            verified.label,
            credential_text::verification(&verified)
        ),
        None => format!(
            "Signed in: added credential {} ({}) for {}{}, {}.\n",
            verified.id,
            verified.label,
            verified.server_name,
            if verified.is_service {
                " as its service credential"
            } else {
                ""
            },
            credential_text::verification(&verified)
        ),
    };
    saved_output(
        &Saved {
            credential: verified,
            replaced: saved.replaced,
        },
        text,
    )
}

fn new_credential(db: &Database, args: &CredentialSignInArgs) -> Result<Prepared, AppError> {
    // clap requires these without an ID; the messages say the same.
    let missing = |flag: &str| {
        AppError::validation(
            flag.trim_start_matches('-'),
            format!("Give {flag} for a new sign-in, or the ID of an OAuth credential to switch its account."),
        )
    };
    let kind = CredentialKind::from_cli(args.kind.as_deref().ok_or_else(|| missing("--kind"))?)?;
    if !kind.is_oauth() {
        return Err(AppError::validation(
            "kind",
            format!(
                "{} has a secret to enter, not a browser sign-in: add it with `kakehashi credential add --kind {}`. Sign-in is for jira-dc-oauth and asana-oauth.",
                kind.as_str(),
                kind.as_str()
            ),
        ));
    }
    let server_id = args.server.ok_or_else(|| missing("--server"))?;
    kakehashi_core::workspace::servers::get(db, server_id)?;
    Ok(Prepared {
        input: OAuthSignInInput {
            server_id,
            kind,
            label: args.label.clone().ok_or_else(|| missing("--label"))?,
            client_id: args
                .client_id
                .clone()
                .ok_or_else(|| missing("--client-id"))?,
            client_secret: None,
            redirect_port: args.redirect_port,
            is_service: args.service,
            credential_id: None,
        },
        registered_with: registered_with(kind),
    })
}

/// "Switch account": the credential's own server, client and port.
fn switch_account(db: &Database, id: u32) -> Result<Prepared, AppError> {
    let credential = credentials::get(db, &Keychain, id, clock::now())?;
    let Some(oauth) = &credential.oauth else {
        return Err(AppError::validation(
            "id",
            format!(
                "Credential {id} ({}) is {}, not an OAuth 2.0 sign-in: give it a new secret with `kakehashi credential rotate {id}`.",
                credential.label,
                credential.kind.describe()
            ),
        ));
    };
    Ok(Prepared {
        input: OAuthSignInInput {
            server_id: credential.server_id,
            kind: credential.kind,
            label: credential.label.clone(),
            client_id: oauth.client_id.clone(),
            client_secret: None,
            redirect_port: oauth.redirect_port,
            is_service: credential.is_service,
            credential_id: Some(id),
        },
        registered_with: registered_with(credential.kind),
    })
}

fn registered_with(kind: CredentialKind) -> &'static str {
    match kind {
        CredentialKind::AsanaOauth => "the app in the Asana developer console",
        _ => "the incoming application link in Jira",
    }
}

/// The client secret from `KAKEHASHI_SECRET` or standard input; empty
/// means none (a Jira public client, or keep the stored one).
fn client_secret(
    input: &OAuthSignInInput,
    required: bool,
) -> Result<Option<kakehashi_secrets::Sensitive<String>>, AppError> {
    let prompt = match (input.credential_id, input.kind) {
        (Some(_), _) => "New client secret (Enter keeps the stored one)",
        (None, CredentialKind::AsanaOauth) => "Client secret of the Asana app",
        (None, _) => "Client secret of the application link (Enter for a public client)",
    };
    let secret = Input::stdin().optional_secret(prompt)?;
    if secret.is_none() && required {
        return Err(AppError::validation(
            "clientSecret",
            format!("Asana wants the app's client secret as well: copy it from the app's OAuth settings in the Asana developer console and pass it on standard input or in {SECRET_ENV} (never as an argument)."),
        ));
    }
    Ok(secret)
}

/// Opens the browser and waits for it to come back, until the core's
/// time-out or Ctrl-C (which cancels the listener cleanly: nothing is
/// stored, a switched credential keeps its tokens).
fn wait_for_browser(plan: &SignInPlan, port: u16) -> Result<TokenSet, AppError> {
    let language = Language::from_os();
    crate::runtime::current_thread()?.block_on(async {
        let cancel = CancellationToken::new();
        let open_browser = |url: &str| {
            browser::show(url, port);
            eprintln!(
                "Waiting for the browser to come back (at most {} minutes; Ctrl-C cancels)…",
                DEFAULT_SIGN_IN_TIMEOUT.as_secs() / 60
            );
            Ok(())
        };
        let run = plan.run(language, open_browser, &cancel);
        tokio::pin!(run);
        let interrupted = tokio::signal::ctrl_c();
        tokio::pin!(interrupted);
        // Biased: the Ctrl-C handler is installed before the listener
        // starts. Without a handler (Err) only the sign-in is awaited.
        tokio::select! {
            biased;
            Ok(()) = &mut interrupted => {
                cancel.cancel();
                run.await
            }
            result = &mut run => result,
        }
    })
}

pub fn sign_out(db: &Database, id: u32) -> Result<Rendered, AppError> {
    let plan = credentials::plan_sign_out(db, &Keychain, id)?;
    let outcome = crate::runtime::current_thread()?.block_on(plan.run())?;
    let credential = plan.finish(db, &Keychain, clock::now())?;
    let text = sign_out_text(&outcome, &credential);
    Rendered::new(
        &json!({ "signOut": outcome, "credential": credential }),
        text,
    )
}

fn sign_out_text(outcome: &SignOut, credential: &Credential) -> String {
    let (id, label) = (credential.id, &credential.label);
    let again = format!("Sign in again with: kakehashi credential sign-in {id}");
    match outcome {
        SignOut::Revoked => format!(
            "Signed credential {id} ({label}) out: {} revoked the grant and its tokens were deleted from the keychain. {again}\n",
            credential.server_name
        ),
        SignOut::Forgotten { advice } => format!(
            "Signed credential {id} ({label}) out: its tokens were deleted from the keychain.\n{advice}\n{again}\n"
        ),
        SignOut::NotSignedIn => {
            format!("Credential {id} ({label}) was not signed in; nothing changed. {again}\n")
        }
    }
}
