//! State shared by commands, the tray and window handlers.

use std::sync::Mutex;

use kakehashi_core::paths::AppPaths;
use kakehashi_core::store::Database;
use kakehashi_core::{AppError, AppResult};

pub struct AppState {
    pub paths: AppPaths,
    db: Mutex<Database>,
}

impl AppState {
    pub fn new(paths: AppPaths, db: Database) -> Self {
        AppState {
            paths,
            db: Mutex::new(db),
        }
    }

    /// Run `f` with the database. The lock is held only for `f`.
    pub fn with_db<T>(&self, f: impl FnOnce(&Database) -> AppResult<T>) -> AppResult<T> {
        let db = self.db.lock().map_err(|_| {
            AppError::internal(
                "The database lock was poisoned by an earlier failure; restart Kakehashi.",
            )
        })?;
        f(&db)
    }
}
