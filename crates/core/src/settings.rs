//! App behaviour settings kept in SQLite (so the headless daemon sees the same
//! values as the desktop app). UI-only preferences live in the app's store.

use rusqlite::{params, OptionalExtension};

use crate::store::Database;
use crate::AppResult;

const SYNC_PAUSED: &str = "sync_paused";

/// Whether automatic sync is paused (from the tray or Home).
pub fn sync_paused(db: &Database) -> AppResult<bool> {
    Ok(get(db, SYNC_PAUSED)?.as_deref() == Some("true"))
}

pub fn set_sync_paused(db: &Database, paused: bool) -> AppResult<()> {
    set(db, SYNC_PAUSED, if paused { "true" } else { "false" })
}

fn get(db: &Database, key: &str) -> AppResult<Option<String>> {
    Ok(db
        .conn()
        .query_row(
            "SELECT value FROM app_settings WHERE key = ?1",
            [key],
            |row| row.get(0),
        )
        .optional()?)
}

fn set(db: &Database, key: &str, value: &str) -> AppResult<()> {
    let now = crate::clock::now_rfc3339()?;
    db.conn().execute(
        "INSERT INTO app_settings (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![key, value, now],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_paused_defaults_to_false_and_persists() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("k.sqlite3");
        let db = Database::open(&path).unwrap();
        assert!(!sync_paused(&db).unwrap());
        set_sync_paused(&db, true).unwrap();
        drop(db);
        let db = Database::open(&path).unwrap();
        assert!(sync_paused(&db).unwrap());
        set_sync_paused(&db, false).unwrap();
        assert!(!sync_paused(&db).unwrap());
    }
}
