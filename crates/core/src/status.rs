//! What Home and the tray show about automatic sync: how many profiles exist,
//! whether sync is paused, and why "Sync now" is unavailable if it is.

use serde::{Deserialize, Serialize};

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
    pub sync_paused: bool,
    pub sync_now_blocked: Option<SyncNowBlocked>,
}

impl HomeStatus {
    pub fn read(db: &Database) -> AppResult<Self> {
        let profile_count: u32 =
            db.conn()
                .query_row("SELECT count(*) FROM sync_profiles", [], |row| row.get(0))?;
        Ok(HomeStatus {
            profile_count,
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
            serde_json::json!({"profileCount": 0, "syncPaused": false, "syncNowBlocked": "noProfile"})
        );
    }
}
