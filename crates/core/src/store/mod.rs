//! The SQLite store: one file in the data directory, WAL mode, versioned
//! migrations. All domain data lives here; UI preferences do not.

mod migrations;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::{AppError, AppResult};
pub use migrations::{Migration, LATEST_SCHEMA_VERSION, MIGRATIONS};

/// An open, migrated database.
#[derive(Debug)]
pub struct Database {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Database {
    /// Open (creating if needed) the database file and bring its schema up to date.
    pub fn open(path: &Path) -> AppResult<Self> {
        let conn = Connection::open(path).map_err(|err| {
            AppError::internal(format!(
                "Cannot open the database {}: {err}. Check that the folder is writable.",
                path.display()
            ))
        })?;
        Self::prepare(conn, Some(path.to_path_buf()), MIGRATIONS).map_err(|err| match err {
            AppError::Internal { message } => AppError::internal(format!(
                "{message} (database {}). If the file is damaged, move it aside and start again, \
                 or choose another folder with --data-dir.",
                path.display()
            )),
            other => other,
        })
    }

    /// An in-memory database with the full schema, for tests.
    pub fn open_in_memory() -> AppResult<Self> {
        Self::prepare(Connection::open_in_memory()?, None, MIGRATIONS)
    }

    fn prepare(
        conn: Connection,
        path: Option<PathBuf>,
        migrations: &[Migration],
    ) -> AppResult<Self> {
        // WAL lets the app and a `kakehashi` CLI read while the other writes;
        // the busy timeout makes the second writer wait instead of failing.
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        if path.is_some() {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(AppError::internal(format!(
                    "The database could not switch to WAL mode (it reported {mode})."
                )));
            }
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")?;
        let mut db = Database { conn, path };
        migrations::apply(&mut db.conn, migrations)?;
        Ok(db)
    }

    /// The schema version now in the file.
    pub fn schema_version(&self) -> AppResult<u32> {
        migrations::current_version(&self.conn)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Runs `f` all-or-nothing: its writes are kept only if it returns `Ok`.
    /// A SAVEPOINT rather than a transaction, so it also works inside an
    /// outer transaction (the demo workspace and import add credentials as
    /// part of a bigger change); at the outermost level releasing it commits.
    pub fn atomic<T>(&self, f: impl FnOnce() -> AppResult<T>) -> AppResult<T> {
        self.conn.execute_batch("SAVEPOINT kakehashi_atomic")?;
        match f() {
            Ok(value) => {
                if let Err(err) = self.conn.execute_batch("RELEASE kakehashi_atomic") {
                    self.undo_savepoint();
                    return Err(err.into());
                }
                Ok(value)
            }
            Err(err) => {
                self.undo_savepoint();
                Err(err)
            }
        }
    }

    fn undo_savepoint(&self) {
        if let Err(err) = self
            .conn
            .execute_batch("ROLLBACK TO kakehashi_atomic; RELEASE kakehashi_atomic")
        {
            tracing::error!("could not roll back a failed change: {err}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_a_new_file_migrates_to_latest_in_wal_mode() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("k.sqlite3");
        let db = Database::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
        let mode: String = db
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(db);
        // Re-opening is a no-op for the schema and keeps the data.
        let db = Database::open(&path).unwrap();
        assert_eq!(db.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused_not_damaged() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("k.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", LATEST_SCHEMA_VERSION + 5)
                .unwrap();
        }
        let err = Database::open(&path).unwrap_err();
        assert_eq!(err.code(), "Conflict");
        assert!(err.to_string().contains("newer"), "{err}");
        let conn = Connection::open(&path).unwrap();
        let v: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_SCHEMA_VERSION + 5);
    }

    #[test]
    fn atomic_keeps_all_or_nothing_also_when_nested() {
        let db = Database::open_in_memory().unwrap();
        let count = |db: &Database| -> i64 {
            db.conn()
                .query_row("SELECT count(*) FROM app_settings", [], |r| r.get(0))
                .unwrap()
        };
        let insert = |db: &Database, key: &str| -> AppResult<()> {
            db.conn().execute(
                "INSERT INTO app_settings (key, value, updated_at) VALUES (?1, 'v', 't')",
                [key],
            )?;
            Ok(())
        };
        db.atomic(|| insert(&db, "a")).unwrap();
        assert_eq!(count(&db), 1);
        let err = db
            .atomic(|| {
                insert(&db, "b")?;
                db.atomic(|| insert(&db, "c"))?;
                Err::<(), _>(AppError::internal("later step failed"))
            })
            .unwrap_err();
        assert_eq!(err.code(), "Internal");
        assert_eq!(count(&db), 1, "b and the nested c roll back together");
        let _ = db.atomic(|| {
            insert(&db, "d")?;
            let inner = db.atomic(|| {
                insert(&db, "e")?;
                Err::<(), _>(AppError::internal("inner failed"))
            });
            assert!(inner.is_err());
            Ok(())
        });
        assert_eq!(count(&db), 2, "only the failed inner step rolls back");
        assert!(db.conn().is_autocommit(), "no transaction left open");
    }

    #[test]
    fn an_unopenable_path_is_a_typed_error() {
        let tmp = tempfile::tempdir().unwrap();
        let err = Database::open(&tmp.path().join("missing/dir/k.sqlite3")).unwrap_err();
        assert_eq!(err.code(), "Internal");
        assert!(err.to_string().contains("writable"));
    }
}
