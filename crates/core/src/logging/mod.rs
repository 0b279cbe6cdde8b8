//! Logging for the app, the CLI and the daemon: tracing to a daily rolling
//! file in the log folder plus stderr, every line passed through the secret
//! redactor first. Redaction happens at the writer, after formatting, so it
//! covers messages, fields and error chains alike, whoever logged them.

mod redacting_writer;

use std::io::IsTerminal;
use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder as RollingBuilder, Rotation};
use tracing_subscriber::fmt::writer::MakeWriterExt;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;

use crate::{AppError, AppResult};
pub use redacting_writer::Redacting;

/// Prefix of the log files (`kakehashi.2026-11-22.log`).
pub const LOG_FILE_PREFIX: &str = "kakehashi";
/// How many daily files are kept.
const KEEP_FILES: usize = 14;

/// Keeps the background log writer alive; drop it last to flush.
#[must_use = "dropping the guard stops file logging"]
pub struct LogGuard {
    _file: WorkerGuard,
}

/// Install the global subscriber. `RUST_LOG` overrides `default_filter`.
pub fn init(log_dir: &Path, default_filter: &str, stderr: bool) -> AppResult<LogGuard> {
    let appender = RollingBuilder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix(LOG_FILE_PREFIX)
        .filename_suffix("log")
        .max_log_files(KEEP_FILES)
        .build(log_dir)
        .map_err(|err| {
            AppError::internal(format!("Cannot write logs to {}: {err}", log_dir.display()))
        })?;
    let (file_writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    // reqwest and hyper log full URLs (query strings included) at debug
    // level; keep them at info whatever RUST_LOG asks for.
    let filter = ["reqwest=info", "hyper=info", "hyper_util=info"]
        .into_iter()
        .fold(filter, |filter, directive| match directive.parse() {
            Ok(directive) => filter.add_directive(directive),
            Err(_) => filter,
        });
    let file_layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_writer(Redacting::new(file_writer));
    // Colours only for a person at a terminal: under systemd or a pipe the
    // escape codes would land in journald or the file as noise. NO_COLOR
    // (no-color.org) turns them off everywhere.
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let stderr_layer = stderr.then(|| {
        tracing_subscriber::fmt::layer()
            .with_ansi(colour)
            .with_writer(Redacting::new(
                std::io::stderr.with_max_level(tracing::Level::INFO),
            ))
    });
    tracing_subscriber::registry()
        .with(filter)
        .with(file_layer)
        .with(stderr_layer)
        .try_init()
        .map_err(|err| AppError::internal(format!("Logging was already set up: {err}")))?;
    Ok(LogGuard { _file: guard })
}
