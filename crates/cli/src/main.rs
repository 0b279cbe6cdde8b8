//! `kakehashi`: the same core as the desktop app, headless (DESIGN §7).
//! Exit codes: 0 success, 2 bad input, 1 any other failure. With `--json`
//! exactly one JSON document goes to stdout, also for failures.

mod args;
mod doctor;
mod output;

use std::process::ExitCode;

use clap::Parser;
use kakehashi_core::paths::AppPaths;

use args::{Cli, Command};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // clap prints help/version with exit 0 and usage errors with 2.
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    let outcome = run(&cli);
    output::finish(cli.json, outcome)
}

fn run(cli: &Cli) -> Result<output::Rendered, kakehashi_core::AppError> {
    let paths = AppPaths::resolve(cli.data_dir.as_deref())?;
    paths.ensure_exist()?;
    // Logs go to the file only: stdout/stderr belong to the command's output.
    let _log = kakehashi_core::logging::init(&paths.log_dir, "info", false).ok();
    tracing::info!(command = ?cli.command, "kakehashi cli");
    match &cli.command {
        Command::Doctor => doctor::run(&paths),
    }
}
