//! One run of a profile at a time across processes. The app, `kakehashi
//! daemon` and `kakehashi sync run` may share one data folder; each keeps
//! its own runs apart (the scheduler's `RunRegistry`), but only the
//! operating system sees all three. A run that writes holds an exclusive
//! lock on a small file next to the database for as long as it runs.
//!
//! The OS drops the lock when the process ends, however it ends (a kill -9
//! included), so a crash never leaves a profile locked: the journal resumes
//! the run, and the lock is free again.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use super::model::SyncProfile;
use super::runs;
use crate::store::Database;
use crate::{AppError, AppResult};

/// Held for the length of a run; dropping it frees the profile.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

/// The lock file of a profile: `locks/profile-ID.lock` beside the database.
fn lock_path(db_path: &Path, profile_id: u32) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("locks")
        .join(format!("profile-{profile_id}.lock"))
}

impl RunLock {
    /// Takes the profile's lock, or `None` when another process (or another
    /// run in this one) holds it.
    pub fn try_acquire(db_path: &Path, profile_id: u32) -> AppResult<Option<RunLock>> {
        let path = lock_path(db_path, profile_id);
        let cannot = |err: std::io::Error| {
            AppError::internal(format!(
                "Cannot create the run lock {}: {err}. Check that the data folder is writable.",
                path.display()
            ))
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(cannot)?;
        }
        // Never truncated or written: the file's content does not matter,
        // only who holds its lock.
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(cannot)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(RunLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(err)) => Err(cannot(err)),
        }
    }
}

/// Takes the profile's lock for a run that writes (or an undo), or `None`
/// when another process is running it. Whoever holds the lock knows that
/// no other process runs the profile, so a run still shown as going was
/// cut off (a killed CLI, a crash): it is marked interrupted now, rather
/// than at the next start of the app or the daemon.
pub(crate) fn claim(db: &Database, profile: &SyncProfile) -> AppResult<Option<RunLock>> {
    let path = db
        .path()
        .ok_or_else(|| AppError::internal("A run that writes needs the database file."))?;
    let Some(lock) = RunLock::try_acquire(path, profile.id)? else {
        return Ok(None);
    };
    let stale = runs::mark_interrupted_of(db, profile.id)?;
    if stale > 0 {
        tracing::info!(
            profile_id = profile.id,
            stale,
            "earlier run(s) of the profile were interrupted"
        );
    }
    Ok(Some(lock))
}

/// What a person reads when the profile is running elsewhere.
pub fn busy(profile_name: &str) -> AppError {
    AppError::conflict(format!(
        "\"{profile_name}\" is being synced right now by another Kakehashi on this computer (the app, `kakehashi daemon` or `kakehashi sync run`). Wait for that run to end, then try again."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("kakehashi.sqlite");
        let first = RunLock::try_acquire(&db, 7)
            .unwrap()
            .expect("free at first");
        assert!(RunLock::try_acquire(&db, 7).unwrap().is_none(), "held");
        // Another profile is independent.
        assert!(RunLock::try_acquire(&db, 8).unwrap().is_some());
        let refused = busy("WEB");
        assert_eq!(refused.code(), "Conflict");
        assert!(refused.to_string().contains("\"WEB\""), "{refused}");
        drop(first);
        assert!(RunLock::try_acquire(&db, 7).unwrap().is_some(), "freed");
    }
}
