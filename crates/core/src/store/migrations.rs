//! Versioned schema migrations. The version lives in SQLite's `user_version`;
//! each migration runs in its own transaction together with the version bump,
//! so a crash leaves the file at a whole version, never half-way.

use rusqlite::Connection;

use crate::{AppError, AppResult};

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. Never edit a released one: add a new one.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "app settings and sync profiles",
        sql: include_str!("../../migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "servers, credentials and connections",
        sql: include_str!("../../migrations/0002_servers_credentials_connections.sql"),
    },
    Migration {
        version: 3,
        name: "server trust and proxy",
        sql: include_str!("../../migrations/0003_server_trust_and_proxy.sql"),
    },
    Migration {
        version: 4,
        name: "credential registry: verification, OAuth settings, expiry reminders",
        sql: include_str!("../../migrations/0004_credential_registry.sql"),
    },
    Migration {
        version: 5,
        name: "connection tests: the last result per server and credential",
        sql: include_str!("../../migrations/0005_connection_tests.sql"),
    },
    Migration {
        version: 6,
        name: "member audit: every apply of TimeTracker NX member changes",
        sql: include_str!("../../migrations/0006_member_audit.sql"),
    },
    Migration {
        version: 7,
        name: "sync engine: profile definitions, links, watermarks, runs, journal, problems",
        sql: include_str!("../../migrations/0007_sync.sql"),
    },
];

/// The schema version this build writes.
pub const LATEST_SCHEMA_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

pub(crate) fn current_version(conn: &Connection) -> AppResult<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

pub(crate) fn apply(conn: &mut Connection, migrations: &[Migration]) -> AppResult<()> {
    let current = current_version(conn)?;
    let latest = migrations.last().map_or(0, |m| m.version);
    if current > latest {
        return Err(AppError::conflict(format!(
            "This data folder was written by a newer Kakehashi (schema {current}; this version knows up to {latest}). \
             Install the newer version, or start with another --data-dir."
        )));
    }
    for migration in migrations.iter().filter(|m| m.version > current) {
        let tx = conn.transaction()?;
        tx.execute_batch(migration.sql).map_err(|err| {
            AppError::internal(format!(
                "Database migration {} ({}) failed: {err}",
                migration.version, migration.name
            ))
        })?;
        tx.pragma_update(None, "user_version", migration.version)?;
        tx.commit()?;
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "database migrated"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_strictly_increasing_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(
                m.version as usize,
                i + 1,
                "migration {} out of order",
                m.name
            );
        }
    }

    #[test]
    fn a_failing_migration_rolls_back_and_keeps_the_previous_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        let steps = [
            Migration {
                version: 1,
                name: "ok",
                sql: "CREATE TABLE a (x INTEGER);",
            },
            Migration {
                version: 2,
                name: "broken",
                sql: "CREATE TABLE b (y INTEGER); THIS IS NOT SQL;",
            },
        ];
        let err = apply(&mut conn, &steps).unwrap_err();
        assert!(err.to_string().contains("migration 2"), "{err}");
        assert_eq!(current_version(&conn).unwrap(), 1);
        let b_exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'b'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(b_exists, 0, "half-applied migration must roll back");
    }

    #[test]
    fn applies_only_missing_steps() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, &MIGRATIONS[..1]).unwrap();
        apply(&mut conn, MIGRATIONS).unwrap();
        assert_eq!(current_version(&conn).unwrap(), LATEST_SCHEMA_VERSION);
    }
}
