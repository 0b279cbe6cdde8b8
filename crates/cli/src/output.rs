//! Turning a command's result into stdout/stderr and an exit code, the same
//! way for every command.

use std::io::Write;
use std::process::ExitCode;

use kakehashi_core::AppError;
use serde::Serialize;

/// A successful result in both forms.
pub struct Rendered {
    json: serde_json::Value,
    text: String,
    /// The command wrote its own lines as it went (e.g. `sim`): print nothing more.
    streamed: bool,
    /// The result is printed in full but the command failed with this exit
    /// code: a connection test that found a problem is a report, not an
    /// error (1); an import whose rows are bad is a report of bad input (2).
    failed: Option<u8>,
}

impl Rendered {
    /// For commands whose output was written line by line while they ran.
    pub fn streamed() -> Self {
        Rendered {
            json: serde_json::Value::Null,
            text: String::new(),
            streamed: true,
            failed: None,
        }
    }

    pub fn new<T: Serialize>(value: &T, text: String) -> Result<Self, AppError> {
        let json = serde_json::to_value(value)
            .map_err(|err| AppError::internal(format!("Could not encode the result: {err}")))?;
        Ok(Rendered {
            json,
            text,
            streamed: false,
            failed: None,
        })
    }

    /// Printed like a success, but the exit code is 1.
    pub fn failing(mut self) -> Self {
        self.failed = Some(1);
        self
    }

    /// Printed like a success, but the exit code is 2 (bad input).
    pub fn bad_input(mut self) -> Self {
        self.failed = Some(2);
        self
    }
}

pub fn finish(json: bool, outcome: Result<Rendered, AppError>) -> ExitCode {
    match outcome {
        Ok(rendered) => {
            if rendered.streamed {
                // Already written.
            } else if json {
                emit(&format!("{}\n", rendered.json));
            } else {
                emit(&rendered.text);
            }
            match rendered.failed {
                Some(code) => ExitCode::from(code),
                None => ExitCode::SUCCESS,
            }
        }
        Err(err) => {
            tracing::warn!(code = err.code(), "command failed: {err}");
            if json {
                emit(&format!("{}\n", serde_json::json!({ "error": err })));
            } else {
                let _ = writeln!(std::io::stderr(), "error ({}): {err}", err.code());
            }
            ExitCode::from(if err.is_bad_input() { 2 } else { 1 })
        }
    }
}

/// Write to stdout; a reader that went away (`| head`) is not our failure,
/// and `print!` would panic on it.
pub fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
