//! Where exports go: the Downloads folder (or the home folder when there is
//! none), under a dated name that never overwrites an earlier file. The user
//! is told the path; no save dialog, so an export is one click.

use std::path::{Path, PathBuf};

use kakehashi_core::AppError;
use tauri::{AppHandle, Manager};

/// `Downloads/stem.ext`, or `stem-2.ext`, `stem-3.ext`… whichever is free.
pub fn free_path(app: &AppHandle, stem: &str, extension: &str) -> Result<PathBuf, AppError> {
    Ok(free_name(&folder(app)?, stem, extension))
}

fn folder(app: &AppHandle) -> Result<PathBuf, AppError> {
    let paths = app.path();
    // A Downloads folder that is configured but was never created does not count.
    paths
        .download_dir()
        .ok()
        .filter(|dir| dir.is_dir())
        .map_or_else(|| paths.home_dir(), Ok)
        .map_err(|err| {
            AppError::internal(format!(
                "Neither a Downloads nor a home folder was found for the export ({err})."
            ))
        })
}

fn free_name(folder: &Path, stem: &str, extension: &str) -> PathBuf {
    let first = folder.join(format!("{stem}.{extension}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{stem}-{n}.{extension}")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_the_next_free_number() {
        let dir = tempfile::tempdir().unwrap();
        let first = free_name(dir.path(), "members", "csv");
        assert_eq!(first, dir.path().join("members.csv"));
        std::fs::write(&first, "x").unwrap();
        std::fs::write(dir.path().join("members-2.csv"), "x").unwrap();
        assert_eq!(
            free_name(dir.path(), "members", "csv"),
            dir.path().join("members-3.csv")
        );
    }
}
