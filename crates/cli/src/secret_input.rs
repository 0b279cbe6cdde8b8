//! Secrets come from the environment variable `KAKEHASHI_SECRET` or from
//! standard input — never from arguments, which other users of the machine
//! can read in the process list and which end up in shell history. On a
//! terminal the user is prompted with echo off; from a pipe each secret is
//! one line.

use std::io::{BufRead, IsTerminal, Write};

use kakehashi_core::AppError;
use kakehashi_secrets::Sensitive;

pub const SECRET_ENV: &str = "KAKEHASHI_SECRET";

/// Standard input as a source of secrets and answers.
pub struct Input {
    terminal: bool,
    stdin: std::io::StdinLock<'static>,
}

impl Input {
    pub fn stdin() -> Self {
        let stdin = std::io::stdin();
        Input {
            terminal: stdin.is_terminal(),
            stdin: stdin.lock(),
        }
    }

    pub fn is_terminal(&self) -> bool {
        self.terminal
    }

    /// The one secret of a command: `KAKEHASHI_SECRET` if set, else a line
    /// of standard input (prompted for on a terminal).
    pub fn single_secret(&mut self, prompt: &str) -> Result<Sensitive<String>, AppError> {
        if let Some(secret) = env_secret()? {
            return Ok(secret);
        }
        self.secret(prompt, || {
            AppError::validation(
                "secret",
                format!("No secret given: pass it on standard input or in {SECRET_ENV} (never as an argument)."),
            )
        })
    }

    /// A secret that may be left out (an OAuth client secret): taken like
    /// [`single_secret`](Self::single_secret), but an empty value or an
    /// empty standard input means "none".
    pub fn optional_secret(&mut self, prompt: &str) -> Result<Option<Sensitive<String>>, AppError> {
        let given = match env_secret()? {
            Some(secret) => Some(secret),
            None => self.prompted_line(prompt)?,
        };
        Ok(given.filter(|secret| !secret.expose().trim().is_empty()))
    }

    /// The next secret: prompted for on a terminal, else the next line.
    /// `missing` is the error when standard input has ended.
    pub fn secret(
        &mut self,
        prompt: &str,
        missing: impl FnOnce() -> AppError,
    ) -> Result<Sensitive<String>, AppError> {
        self.prompted_line(prompt)?.ok_or_else(missing)
    }

    /// One line, prompted for with echo off on a terminal; `None` at the
    /// end of input.
    fn prompted_line(&mut self, prompt: &str) -> Result<Option<Sensitive<String>>, AppError> {
        if self.terminal {
            eprint!("{prompt}: ");
            let _ = std::io::stderr().flush();
            let _echo = EchoOff::new();
            return Ok(self.line()?.map(Sensitive::new));
        }
        Ok(self.line()?.map(Sensitive::new))
    }

    /// Asks a yes/no question on the terminal; anything but "y"/"yes" is no.
    pub fn confirm(&mut self, question: &str) -> Result<bool, AppError> {
        eprint!("{question} [y/N] ");
        let _ = std::io::stderr().flush();
        let answer = self.line()?.unwrap_or_default();
        Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
    }

    /// One line without its line ending; `None` at the end of input.
    fn line(&mut self) -> Result<Option<String>, AppError> {
        let mut line = String::new();
        let read = self.stdin.read_line(&mut line).map_err(|err| {
            AppError::validation(
                "secret",
                format!("Standard input could not be read: {err}."),
            )
        })?;
        if read == 0 {
            return Ok(None);
        }
        let end = line.trim_end_matches(['\n', '\r']).len();
        line.truncate(end);
        Ok(Some(line))
    }
}

/// `KAKEHASHI_SECRET`, if set.
fn env_secret() -> Result<Option<Sensitive<String>>, AppError> {
    let Some(value) = std::env::var_os(SECRET_ENV) else {
        return Ok(None);
    };
    value
        .into_string()
        .map(|text| Some(Sensitive::new(text)))
        .map_err(|_| AppError::validation("secret", format!("{SECRET_ENV} is not valid text.")))
}

/// Turns terminal echo off while a secret is typed, and back on after
/// (also when reading fails). Where `stty` is unavailable the secret is
/// echoed, as with any plain prompt.
struct EchoOff {
    active: bool,
}

impl EchoOff {
    fn new() -> Self {
        EchoOff {
            active: stty("-echo"),
        }
    }
}

impl Drop for EchoOff {
    fn drop(&mut self) {
        if self.active {
            stty("echo");
            // The Enter key was not echoed either.
            eprintln!();
        }
    }
}

#[cfg(unix)]
fn stty(setting: &str) -> bool {
    std::process::Command::new("stty")
        .arg(setting)
        .stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

#[cfg(not(unix))]
fn stty(_setting: &str) -> bool {
    false
}
