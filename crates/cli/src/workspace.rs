//! `kakehashi workspace export|import`: servers, credentials and
//! connections as a file without secrets; importing asks for the secrets.

use std::fmt::Write as _;
use std::path::Path;

use kakehashi_core::clock;
use kakehashi_core::paths::AppPaths;
use kakehashi_core::store::Database;
use kakehashi_core::workspace::credentials::export;
use kakehashi_core::workspace::credentials::import::{self, ImportPreview, ImportSecret};
use kakehashi_core::AppError;
use kakehashi_secrets::Keychain;

use crate::args::WorkspaceCommand;
use crate::output::Rendered;
use crate::secret_input::Input;

pub fn run(paths: &AppPaths, command: &WorkspaceCommand) -> Result<Rendered, AppError> {
    let db = Database::open(&paths.database_path())?;
    match command {
        WorkspaceCommand::Export { file } => {
            let summary = export::write(&db, file, clock::now())?;
            let text = format!(
                "Exported {} servers, {} credentials (without their secrets) and {} connections to {}.\n",
                summary.servers, summary.credentials, summary.connections, summary.path
            );
            Rendered::new(&summary, text)
        }
        WorkspaceCommand::Import { file, yes } => import_file(&db, file, *yes),
    }
}

fn import_file(db: &Database, file: &Path, yes: bool) -> Result<Rendered, AppError> {
    let text = std::fs::read_to_string(file).map_err(|err| {
        AppError::validation(
            "file",
            format!(
                "Cannot read {}: {err}. Give the path of a workspace file.",
                file.display()
            ),
        )
    })?;
    let preview = import::preview(db, &text, clock::now())?;
    eprint!("{}", describe(&preview));
    let mut input = Input::stdin();
    if !yes {
        if !input.is_terminal() {
            return Err(AppError::validation(
                "yes",
                "Pass --yes to import without being asked: standard input carries the secrets.",
            ));
        }
        if !input.confirm("Import?")? {
            return Err(AppError::validation("yes", "Nothing was imported."));
        }
    }
    let mut secrets = Vec::new();
    for credential in preview.credentials.iter().filter(|c| c.needs_secret) {
        let secret = input.secret(
            &format!(
                "Secret for “{}” ({}, {})",
                credential.label,
                credential.kind.as_str(),
                credential.server_name
            ),
            || {
                AppError::validation(
                    "secrets",
                    format!(
                        "Standard input ended before the secret of “{}”: give one line per credential that needs a secret, in the file's order.",
                        credential.label
                    ),
                )
            },
        )?;
        secrets.push(ImportSecret {
            index: credential.index,
            secret,
        });
    }
    let summary = import::apply(db, &Keychain, &text, &secrets, clock::now())?;
    let mut out = format!(
        "Imported: {} servers added, {} reused; {} credentials added, {} reused; {} connections added.\n",
        summary.servers_added,
        summary.servers_reused,
        summary.credentials_added,
        summary.credentials_reused,
        summary.connections_added
    );
    for name in &summary.connections_skipped {
        let _ = writeln!(
            out,
            "  skipped connection “{name}”: the name exists already"
        );
    }
    for label in &summary.sign_in_needed {
        let _ = writeln!(
            out,
            "  “{label}” needs signing in (OAuth 2.0) before it can be used: kakehashi credential sign-in ID (its ID in `credential list`)"
        );
    }
    Rendered::new(&summary, out)
}

/// What the import will do, for the person about to confirm it.
fn describe(preview: &ImportPreview) -> String {
    let mut text = String::from("This file holds:\n");
    for server in &preview.servers {
        let state = if server.existing {
            "here already, reused"
        } else {
            "new"
        };
        let _ = writeln!(
            text,
            "  server      {} ({}) — {state}",
            server.name, server.base_url
        );
    }
    for credential in &preview.credentials {
        let state = if credential.existing {
            "here already, reused"
        } else if credential.needs_secret {
            "new, needs its secret"
        } else {
            "new, sign in afterwards"
        };
        let _ = writeln!(
            text,
            "  credential  {} ({}, {}) — {state}",
            credential.label,
            credential.kind.as_str(),
            credential.server_name
        );
    }
    for name in &preview.connections {
        let _ = writeln!(text, "  connection  {name} — new");
    }
    for note in &preview.notes {
        let _ = writeln!(text, "  note: {note}");
    }
    text
}
