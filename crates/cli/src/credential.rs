//! `kakehashi credential add|list|remove|verify|rotate|edit` (DESIGN §7);
//! `sign-in` and `sign-out` are in `credential_oauth`. The secrets live in
//! the OS keychain; nothing here prints one.

use kakehashi_core::clock;
use kakehashi_core::paths::AppPaths;
use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials::{
    self, verify, Credential, CredentialEdit, CredentialInput, CredentialKind, ReplacedService,
    Saved,
};
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;
use serde_json::json;

use crate::args::{CredentialAddArgs, CredentialCommand, CredentialEditArgs, CredentialRotateArgs};
use crate::credential_oauth;
use crate::credential_text;
use crate::output::Rendered;
use crate::secret_input::Input;

pub fn run(paths: &AppPaths, command: &CredentialCommand) -> Result<Rendered, AppError> {
    let db = Database::open(&paths.database_path())?;
    match command {
        CredentialCommand::Add(args) => add(&db, args),
        CredentialCommand::List => list(&db),
        CredentialCommand::Remove { id } => {
            let credential = credentials::get(&db, &Keychain, *id, clock::now())?;
            credentials::remove(&db, &Keychain, *id)?;
            let text = format!(
                "Removed credential {} ({}) and its keychain entry.\n",
                credential.id, credential.label
            );
            Rendered::new(&credential, text)
        }
        CredentialCommand::Verify { id } => {
            let credential = check(&db, *id).inspect_err(|_| sign_in_hint(&db, *id))?;
            let text = format!(
                "Credential {} ({}) works: {}.\n",
                credential.id,
                credential.label,
                credential_text::verification(&credential)
            );
            Rendered::new(&credential, text)
        }
        CredentialCommand::Rotate(args) => rotate(&db, args),
        CredentialCommand::Edit(args) => edit(&db, args),
        CredentialCommand::SignIn(args) => credential_oauth::sign_in(&db, args),
        CredentialCommand::SignOut { id } => credential_oauth::sign_out(&db, *id),
    }
}

/// An OAuth credential that is not signed in cannot be checked: say how to
/// sign it in (the core's message speaks of the desktop app's buttons).
fn sign_in_hint(db: &Database, id: u32) {
    let signed_out = credentials::get(db, &Keychain, id, clock::now())
        .ok()
        .and_then(|credential| credential.oauth)
        .is_some_and(|oauth| !oauth.signed_in);
    if signed_out {
        eprintln!(
            "Credential {id} is not signed in. Sign in with: kakehashi credential sign-in {id}"
        );
    }
}

fn add(db: &Database, args: &CredentialAddArgs) -> Result<Rendered, AppError> {
    let kind = CredentialKind::from_cli(&args.kind)?;
    if kind.is_oauth() {
        return Err(AppError::validation(
            "kind",
            format!(
                "{} signs in through the browser, there is no secret to paste: use `kakehashi credential sign-in --server {} --kind {} --label LABEL --client-id ID` for OAuth 2.0 credentials.",
                kind.as_str(),
                args.server,
                kind.as_str()
            ),
        ));
    }
    // Refuse a wrong server before asking for a secret.
    kakehashi_core::workspace::servers::get(db, args.server)?;
    let secret = Input::stdin().single_secret(&format!("Secret for “{}”", args.label))?;
    let saved = credentials::add(
        db,
        &Keychain,
        &CredentialInput {
            server_id: args.server,
            kind,
            label: args.label.clone(),
            login: args.login.clone(),
            expires_at: args.expires.clone(),
            is_service: args.service,
            secret,
        },
        clock::now(),
    )?;
    let text = format!(
        "Added credential {} ({}) for {}{}. Check it with: kakehashi credential verify {}\n",
        saved.credential.id,
        saved.credential.label,
        saved.credential.server_name,
        if saved.credential.is_service {
            " as its service credential"
        } else {
            ""
        },
        saved.credential.id
    );
    saved_output(&saved, text)
}

/// The credential's fields plus `replaced`, and the replacement said on stderr.
pub(crate) fn saved_output(saved: &Saved, text: String) -> Result<Rendered, AppError> {
    if let Some(ReplacedService { id, label }) = &saved.replaced {
        eprintln!(
            "Replaced the previous service credential {id} ({label}) of {}; its secret was deleted from the keychain.",
            saved.credential.server_name
        );
    }
    let mut value = serde_json::to_value(&saved.credential)
        .map_err(|err| AppError::internal(format!("Could not encode the result: {err}")))?;
    value["replaced"] = json!(saved.replaced);
    Rendered::new(&value, text)
}

fn list(db: &Database) -> Result<Rendered, AppError> {
    let all = credentials::list(db, &Keychain, clock::now())?;
    let text = if all.is_empty() {
        "No credentials yet. Add one with: kakehashi credential add --server ID --kind KIND --label LABEL\n".to_owned()
    } else {
        credential_text::table(&all)
    };
    Rendered::new(&json!({ "credentials": all }), text)
}

/// Verifies against the server and records the result; a refusal is this
/// command's failure (exit 1 with the server's reason).
pub(crate) fn check(db: &Database, id: u32) -> Result<Credential, AppError> {
    let runtime = crate::runtime::current_thread()?;
    let check = verify::prepare(db, &Keychain, id)?;
    let outcome = runtime.block_on(check.run());
    let credential = verify::record(db, &Keychain, &outcome, clock::now())?;
    match outcome.result {
        Ok(_) => Ok(credential),
        Err(err) => Err(err),
    }
}

fn rotate(db: &Database, args: &CredentialRotateArgs) -> Result<Rendered, AppError> {
    let current = credentials::get(db, &Keychain, args.id, clock::now())?;
    if current.oauth.is_some() {
        // Refused before a secret is asked for.
        return Err(AppError::validation(
            "kind",
            format!(
                "Credential {} ({}) is an OAuth 2.0 sign-in: it gets new tokens by signing in again, not from a pasted secret. Use: kakehashi credential sign-in {}",
                current.id, current.label, current.id
            ),
        ));
    }
    let secret = Input::stdin().single_secret(&format!("New secret for “{}”", current.label))?;
    let rotated = credentials::rotate(
        db,
        &Keychain,
        args.id,
        &secret,
        args.expires.as_deref(),
        clock::now(),
    )?;
    if !rotated.kind.info().verifiable {
        let text = format!(
            "Rotated credential {} ({}); {}. Tokens of this kind cannot be checked from here.\n",
            rotated.id,
            rotated.label,
            credential_text::expiry(&rotated)
        );
        return Rendered::new(&rotated, text);
    }
    match check(db, args.id) {
        Ok(verified) => {
            let text = format!(
                "Rotated credential {} ({}): the new secret works, {}; {}.\n",
                verified.id,
                verified.label,
                credential_text::verification(&verified),
                credential_text::expiry(&verified)
            );
            Rendered::new(&verified, text)
        }
        Err(err) => {
            eprintln!(
                "The new secret of credential {} replaced the old one, but the check failed:",
                rotated.id
            );
            Err(err)
        }
    }
}

fn edit(db: &Database, args: &CredentialEditArgs) -> Result<Rendered, AppError> {
    let current = credentials::get(db, &Keychain, args.id, clock::now())?;
    let expires_at = if args.no_expiry {
        None
    } else {
        args.expires.clone().or(current.expires_at)
    };
    let is_service = if args.service {
        true
    } else if args.no_service {
        false
    } else {
        current.is_service
    };
    let saved = credentials::edit(
        db,
        &Keychain,
        args.id,
        &CredentialEdit {
            label: args.label.clone().unwrap_or(current.label),
            login: args.login.clone().or(current.login),
            expires_at,
            is_service,
        },
        clock::now(),
    )?;
    let text = format!(
        "Updated credential {} ({}): {}, {}.\n",
        saved.credential.id,
        saved.credential.label,
        if saved.credential.is_service {
            "service credential"
        } else {
            "not the service credential"
        },
        credential_text::expiry(&saved.credential)
    );
    saved_output(&saved, text)
}
