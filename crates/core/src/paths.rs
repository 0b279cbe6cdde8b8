//! Where Kakehashi keeps its files. The desktop app and the CLI must agree on
//! these folders without Tauri, so they are computed here from the bundle
//! identifier the same way Tauri's path resolver does it.

use std::path::{Path, PathBuf};

use crate::{AppError, AppResult};

/// The bundle identifier; also the keychain service name and folder name.
pub const APP_IDENTIFIER: &str = "app.kakehashi.desktop";

/// File name of the SQLite database inside the data directory.
pub const DATABASE_FILE: &str = "kakehashi.sqlite3";

/// The folders one running instance uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppPaths {
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
}

impl AppPaths {
    /// The default folders (Tauri's `app_data_dir` / `app_log_dir`), or, with
    /// an explicit data directory, logs go into `logs/` inside it so that a
    /// `--data-dir` run touches nothing else on the machine.
    pub fn resolve(data_dir_override: Option<&Path>) -> AppResult<Self> {
        match data_dir_override {
            Some(dir) => Ok(Self::inside(&absolute_data_dir(dir)?)),
            None => Self::platform_default(),
        }
    }

    /// All files under one folder (used for `--data-dir` and in tests).
    pub fn inside(dir: &Path) -> Self {
        AppPaths {
            data_dir: dir.to_path_buf(),
            log_dir: dir.join("logs"),
        }
    }

    fn platform_default() -> AppResult<Self> {
        let data_root = dirs::data_dir().ok_or_else(|| {
            AppError::validation(
                "dataDir",
                "The user data folder of this system could not be found; pass --data-dir DIR.",
            )
        })?;
        let data_dir = data_root.join(APP_IDENTIFIER);
        // Tauri puts logs in ~/Library/Logs/<id> on macOS, and in <data>/logs elsewhere.
        let log_dir = if cfg!(target_os = "macos") {
            dirs::home_dir()
                .map(|home| home.join("Library/Logs").join(APP_IDENTIFIER))
                .unwrap_or_else(|| data_dir.join("logs"))
        } else {
            let local = dirs::data_local_dir().unwrap_or(data_root);
            local.join(APP_IDENTIFIER).join("logs")
        };
        Ok(AppPaths { data_dir, log_dir })
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join(DATABASE_FILE)
    }

    /// Create both folders; a failure names the folder and what to do.
    pub fn ensure_exist(&self) -> AppResult<()> {
        for dir in [&self.data_dir, &self.log_dir] {
            std::fs::create_dir_all(dir).map_err(|err| {
                AppError::validation(
                    "dataDir",
                    format!(
                        "Cannot create the folder {}: {err}. Choose a writable folder with --data-dir.",
                        dir.display()
                    ),
                )
            })?;
        }
        Ok(())
    }
}

/// An explicit data folder must be non-empty and is made absolute, so every
/// file (SQLite, preferences, logs) lands in the same place whatever the
/// current directory or the plugin's own idea of a relative path.
fn absolute_data_dir(dir: &Path) -> AppResult<PathBuf> {
    if dir.as_os_str().is_empty() {
        return Err(AppError::validation(
            "dataDir",
            "The data folder is empty; pass --data-dir DIR with a folder name.",
        ));
    }
    std::path::absolute(dir).map_err(|err| {
        AppError::validation(
            "dataDir",
            format!("The data folder {} cannot be used: {err}", dir.display()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_data_dir_keeps_everything_inside_it() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = AppPaths::resolve(Some(tmp.path())).unwrap();
        assert_eq!(paths.data_dir, tmp.path());
        assert_eq!(paths.log_dir, tmp.path().join("logs"));
        assert_eq!(paths.database_path(), tmp.path().join(DATABASE_FILE));
        paths.ensure_exist().unwrap();
        assert!(paths.log_dir.is_dir());
    }

    #[test]
    fn default_paths_end_with_the_identifier() {
        let paths = AppPaths::resolve(None).expect("a user data folder exists here");
        assert!(paths.data_dir.ends_with(APP_IDENTIFIER));
        assert!(paths
            .log_dir
            .components()
            .any(|c| c.as_os_str() == APP_IDENTIFIER));
    }

    #[test]
    fn a_relative_data_dir_becomes_absolute_and_an_empty_one_is_refused() {
        let paths = AppPaths::resolve(Some(Path::new("some/relative"))).unwrap();
        assert!(paths.data_dir.is_absolute());
        assert!(paths.data_dir.ends_with("some/relative"));
        let err = AppPaths::resolve(Some(Path::new(""))).unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert!(err.to_string().contains("--data-dir"));
    }

    #[test]
    fn unwritable_folder_is_a_validation_error() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("not-a-dir");
        std::fs::write(&file, b"x").unwrap();
        let err = AppPaths::inside(&file.join("sub"))
            .ensure_exist()
            .unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert!(err.to_string().contains("--data-dir"));
    }
}
