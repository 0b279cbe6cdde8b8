//! Time entries (`system/users/{userId}/timeEntries`). Work times are
//! server-local without offset; [`TimeEntry::interval`] places them in time.

use jiff::civil::{Date, DateTime};
use jiff::Timestamp;
use serde::Deserialize;

use super::{minutes, ProjectId, TimeEntryId, UserId, WorkItemId};
use crate::time::{audit_time, work_time, ServerZone};
use kakehashi_http::HttpError;

/// A time entry as the list and the read by ids return it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeEntry {
    pub id: TimeEntryId,
    pub user_id: Option<UserId>,
    pub work_item_id: Option<WorkItemId>,
    pub work_item_name: Option<String>,
    pub project_id: Option<ProjectId>,
    pub project_name: Option<String>,
    /// The server-local day of the work.
    #[serde(deserialize_with = "work_time::date::deserialize")]
    pub work_date: Date,
    #[serde(with = "work_time")]
    pub start_time: DateTime,
    #[serde(with = "work_time")]
    pub finish_time: DateTime,
    /// Minutes, as the server counts them (wall clock).
    #[serde(default, deserialize_with = "minutes::deserialize_option")]
    pub time: Option<i64>,
    pub memo: Option<String>,
    pub time_entry_category_id: Option<String>,
    pub process_category_id: Option<String>,
    /// On or before the server's lock date: can be neither changed nor deleted.
    pub is_locked: Option<bool>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub created_at: Option<Timestamp>,
    pub created_by: Option<UserId>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub updated_at: Option<Timestamp>,
    pub updated_by: Option<UserId>,
}

/// What creating a time entry answers (fewer fields than a read).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedTimeEntry {
    pub id: TimeEntryId,
    pub user_id: Option<UserId>,
    pub work_item_id: Option<WorkItemId>,
    pub project_id: Option<ProjectId>,
    #[serde(with = "work_time")]
    pub start_time: DateTime,
    #[serde(with = "work_time")]
    pub finish_time: DateTime,
    #[serde(default, deserialize_with = "minutes::deserialize_option")]
    pub time: Option<i64>,
    pub time_entry_category_id: Option<String>,
    pub process_category_id: Option<String>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub created_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "audit_time::deserialize_option")]
    pub updated_at: Option<Timestamp>,
}

impl TimeEntry {
    /// Start and finish as instants, read in the server's zone.
    pub fn interval(&self, zone: &ServerZone) -> Result<(Timestamp, Timestamp), HttpError> {
        Ok((
            zone.to_utc(self.start_time)?,
            zone.to_utc(self.finish_time)?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_an_entry_and_places_it_in_the_server_zone() {
        let entry: TimeEntry = serde_json::from_value(json!({
            "id": "70001", "userId": "3", "workItemId": "1005", "projectId": "1001",
            "workDate": "2024-05-01T00:00:00", "startTime": "2024-05-01T09:00:00",
            "finishTime": "2024-05-01T10:30:00", "time": 90, "memo": "",
            "timeEntryCategoryId": null, "isLocked": false,
            "createdAt": "2024-05-01T01:30:00Z", "updatedAt": "2024-05-01T01:30:00Z"
        }))
        .unwrap();
        assert_eq!(entry.work_date, jiff::civil::date(2024, 5, 1));
        assert_eq!(entry.time, Some(90));
        let tokyo = ServerZone::named("Asia/Tokyo").unwrap();
        let (start, finish) = entry.interval(&tokyo).unwrap();
        assert_eq!(start, "2024-05-01T00:00:00Z".parse().unwrap());
        assert_eq!(finish, "2024-05-01T01:30:00Z".parse().unwrap());
    }
}
