//! What Home and the tray show about automatic sync: how many profiles exist,
//! whether sync is paused, and why "Sync now" is unavailable if it is.

use serde::{Deserialize, Serialize};

use crate::demo::{self, DemoSummary};
use crate::store::Database;
use crate::{settings, AppResult};

/// Why "Sync now" cannot run; the UI and the tray translate the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SyncNowBlocked {
    /// There is nothing to sync until a sync profile exists.
    NoProfile,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct HomeStatus {
    pub profile_count: u32,
    /// Servers registered, demo included; none means Home offers the demo workspace.
    pub server_count: u32,
    pub connection_count: u32,
    /// Present while the demo workspace is registered.
    pub demo: Option<DemoSummary>,
    pub sync_paused: bool,
    pub sync_now_blocked: Option<SyncNowBlocked>,
}

impl HomeStatus {
    pub fn read(db: &Database) -> AppResult<Self> {
        let profile_count: u32 =
            db.conn()
                .query_row("SELECT count(*) FROM sync_profiles", [], |row| row.get(0))?;
        let (server_count, connection_count): (u32, u32) = db.conn().query_row(
            "SELECT (SELECT count(*) FROM servers), (SELECT count(*) FROM connections)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(HomeStatus {
            profile_count,
            server_count,
            connection_count,
            demo: demo::summary(db)?,
            sync_paused: settings::sync_paused(db)?,
            sync_now_blocked: (profile_count == 0).then_some(SyncNowBlocked::NoProfile),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_now_is_blocked_until_a_profile_exists() {
        let db = Database::open_in_memory().unwrap();
        let status = HomeStatus::read(&db).unwrap();
        assert_eq!(status.profile_count, 0);
        assert_eq!(status.sync_now_blocked, Some(SyncNowBlocked::NoProfile));

        db.conn()
            .execute(
                "INSERT INTO sync_profiles (name, created_at) VALUES ('p', '2026-01-01T00:00:00Z')",
                [],
            )
            .unwrap();
        settings::set_sync_paused(&db, true).unwrap();
        let status = HomeStatus::read(&db).unwrap();
        assert_eq!(status.profile_count, 1);
        assert!(status.sync_paused);
        assert_eq!(status.sync_now_blocked, None);
    }

    #[test]
    fn serialises_for_the_ui() {
        let db = Database::open_in_memory().unwrap();
        let value = serde_json::to_value(HomeStatus::read(&db).unwrap()).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "profileCount": 0,
                "serverCount": 0,
                "connectionCount": 0,
                "demo": null,
                "syncPaused": false,
                "syncNowBlocked": "noProfile"
            })
        );
    }
}
