//! `kakehashi`: the same core as the desktop app, headless (DESIGN §7).
//! Exit codes: 0 success, 2 bad input, 1 any other failure. With `--json`
//! exactly one JSON document goes to stdout, also for failures.

mod args;
mod browser;
mod connection;
mod connection_text;
mod credential;
mod credential_oauth;
mod credential_text;
mod daemon;
mod doctor;
mod members;
mod members_change;
mod members_text;
mod output;
mod profile;
mod profile_text;
mod runtime;
mod secret_input;
mod server;
mod sim;
mod stop_signal;
mod sync;
mod sync_text;
mod table;
mod workspace;

use std::process::ExitCode;

use clap::Parser;
use kakehashi_core::paths::AppPaths;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and --version are not errors; usage errors are bad input (2),
            // and with --json they are still one JSON document on stdout.
            if !err.use_stderr() {
                let _ = err.print();
                return ExitCode::SUCCESS;
            }
            let wants_json = std::env::args().any(|arg| arg == "--json");
            if !wants_json {
                let _ = err.print();
                return ExitCode::from(2);
            }
            let message = err.render().to_string();
            let first_line = message.lines().next().unwrap_or("invalid arguments");
            let error = kakehashi_core::AppError::validation(
                "arguments",
                format!(
                    "{} (see kakehashi --help)",
                    first_line.trim_start_matches("error: ")
                ),
            );
            return output::finish(true, Err(error));
        }
    };
    let outcome = run(&cli);
    output::finish(cli.json, outcome)
}

fn run(cli: &Cli) -> Result<output::Rendered, kakehashi_core::AppError> {
    let paths = AppPaths::resolve(cli.data_dir.as_deref())?;
    paths.ensure_exist()?;
    // Logs go to the file only: stdout/stderr belong to the command's
    // output. The daemon has no other output: it logs like the app, to the
    // same file and to stderr.
    let (filter, stderr) = match cli.command {
        Command::Daemon(_) => (daemon::LOG_FILTER, true),
        _ => ("info", false),
    };
    let _log = kakehashi_core::logging::init(&paths.log_dir, filter, stderr).ok();
    tracing::info!(command = ?cli.command, "kakehashi cli");
    match &cli.command {
        Command::Doctor => doctor::run(&paths),
        Command::Sim(args) => sim::run(args),
        Command::Server(command) => server::run(&paths, command),
        Command::Credential(command) => credential::run(&paths, command),
        Command::Connection(command) => connection::run(&paths, command, cli.json),
        Command::Workspace(command) => workspace::run(&paths, command),
        Command::Members(command) => members::run(&paths, command),
        Command::Profile(command) => profile::run(&paths, command),
        Command::Sync(command) => sync::run(&paths, command, cli.json),
        Command::Daemon(args) => daemon::run(&paths, args, cli.json),
    }
}
