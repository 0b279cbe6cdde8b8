//! Turning a command's result into stdout/stderr and an exit code, the same
//! way for every command.

use std::process::ExitCode;

use kakehashi_core::AppError;
use serde::Serialize;

/// A successful result in both forms.
pub struct Rendered {
    json: serde_json::Value,
    text: String,
}

impl Rendered {
    pub fn new<T: Serialize>(value: &T, text: String) -> Result<Self, AppError> {
        let json = serde_json::to_value(value)
            .map_err(|err| AppError::internal(format!("Could not encode the result: {err}")))?;
        Ok(Rendered { json, text })
    }
}

pub fn finish(json: bool, outcome: Result<Rendered, AppError>) -> ExitCode {
    match outcome {
        Ok(rendered) => {
            if json {
                println!("{}", rendered.json);
            } else {
                print!("{}", rendered.text);
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            tracing::warn!(code = err.code(), "command failed: {err}");
            if json {
                println!("{}", serde_json::json!({ "error": err }));
            } else {
                eprintln!("error ({}): {err}", err.code());
            }
            ExitCode::from(if err.is_bad_input() { 2 } else { 1 })
        }
    }
}
