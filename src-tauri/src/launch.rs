//! Command-line options of the desktop app itself (not the `kakehashi` CLI),
//! and what to do when the app cannot start at all.

use std::path::PathBuf;

use kakehashi_core::AppError;

/// Options the desktop binary understands.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// `--data-dir` was given without a folder: refuse rather than silently
    /// opening the user's real data.
    pub missing_data_dir_value: bool,
    /// `--data-dir DIR`: keep the database, preferences and logs in DIR.
    pub data_dir: Option<PathBuf>,
    /// `--hidden`: start in the tray (used by autostart).
    pub hidden: bool,
}

impl LaunchOptions {
    /// Refuse options that would silently do something else than asked.
    pub fn validate(&self) -> Result<(), AppError> {
        if self.missing_data_dir_value {
            return Err(AppError::validation(
                "dataDir",
                "--data-dir needs a folder: --data-dir DIR",
            ));
        }
        Ok(())
    }

    pub fn from_args(args: impl IntoIterator<Item = String>) -> Self {
        let mut options = LaunchOptions::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            if let Some(dir) = arg.strip_prefix("--data-dir=") {
                options.data_dir = Some(PathBuf::from(dir));
            } else if arg == "--data-dir" {
                match args.next().filter(|value| !value.starts_with("--")) {
                    Some(value) => options.data_dir = Some(PathBuf::from(value)),
                    None => options.missing_data_dir_value = true,
                }
            } else if arg == "--hidden" {
                options.hidden = true;
            }
            // Anything else (e.g. arguments a launcher adds) is ignored.
        }
        if options.data_dir.is_none() {
            options.data_dir = std::env::var_os("KAKEHASHI_DATA_DIR").map(PathBuf::from);
        }
        options
    }
}

/// The app cannot start: say why on stderr and in the log, and exit.
pub fn fail(err: &AppError) -> ! {
    tracing::error!(code = err.code(), "cannot start: {err}");
    eprintln!("Kakehashi cannot start ({}): {err}", err.code());
    std::process::exit(if err.is_bad_input() { 2 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> LaunchOptions {
        LaunchOptions::from_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn reads_data_dir_in_both_spellings_and_hidden() {
        assert_eq!(
            parse(&["--data-dir", "/x"]).data_dir,
            Some(PathBuf::from("/x"))
        );
        assert_eq!(
            parse(&["--data-dir=/y"]).data_dir,
            Some(PathBuf::from("/y"))
        );
        assert!(parse(&["--hidden"]).hidden);
        assert!(!parse(&["--unknown"]).hidden);
    }

    #[test]
    fn data_dir_without_a_value_is_refused() {
        for args in [&["--data-dir"][..], &["--data-dir", "--hidden"][..]] {
            let options = parse(args);
            assert_eq!(options.validate().unwrap_err().code(), "Validation");
        }
        assert!(parse(&["--data-dir", "/x"]).validate().is_ok());
    }
}
