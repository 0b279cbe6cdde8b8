//! The command line surface. It is a stable contract (DESIGN §7): add to it,
//! never rename.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "kakehashi",
    version,
    about = "Kakehashi keeps Jira, TimeTracker NX and Asana in step — headless."
)]
pub struct Cli {
    /// Folder for the database and logs (default: the desktop app's data folder).
    #[arg(long, global = true, value_name = "DIR", env = "KAKEHASHI_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// Print one JSON document on stdout instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Versions, data folder, database schema version, and whether the OS keychain works.
    Doctor,
}
