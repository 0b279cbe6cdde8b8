//! `system/users/{userId}/timeEntries`: one user's time entries. Times are
//! server-local without offset ([`crate::time`]); an entry's work item can
//! never change (a PUT must not send `workItemId`: delete and add instead),
//! so [`TimeEntryUpdate`] has no such field at all.

use futures_util::Stream;
use jiff::civil::{Date, DateTime};
use kakehashi_http::HttpError;
use serde::Serialize;

use crate::model::{join, CreatedTimeEntry, ProjectId, TimeEntry, TimeEntryId, UserId, WorkItemId};
use crate::paging::pages;
use crate::time::{work_time, Granularity};
use crate::TtnxClient;

/// Which of a user's entries to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeEntryQuery {
    /// First work date, inclusive.
    pub start_date: Option<Date>,
    /// Last work date, inclusive.
    pub finish_date: Option<Date>,
    pub project_id: Option<ProjectId>,
    /// e.g. `startTime`, `updatedAt desc`; the server's order when `None`.
    pub order_by: Option<String>,
    /// Entries per request (1–1,000); the server's default when `None`.
    pub page_size: Option<u32>,
}

impl TimeEntryQuery {
    /// The entries of the work dates `start..=finish`.
    pub fn between(start: Date, finish: Date) -> Self {
        TimeEntryQuery {
            start_date: Some(start),
            finish_date: Some(finish),
            ..TimeEntryQuery::default()
        }
    }
}

/// A time entry to create. Times are server-local.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewTimeEntry {
    pub work_item_id: WorkItemId,
    #[serde(with = "work_time")]
    pub start_time: DateTime,
    #[serde(with = "work_time")]
    pub finish_time: DateTime,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_entry_category_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process_category_id: Option<String>,
}

/// A partial update of time entries; absent parts stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeEntryUpdate {
    #[serde(skip_serializing_if = "Option::is_none", with = "work_time::option")]
    pub start_time: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none", with = "work_time::option")]
    pub finish_time: Option<DateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_entry_category_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub process_category_id: Option<String>,
}

impl NewTimeEntry {
    /// Work on `work_item` from `start` to `finish`, server-local.
    pub fn new(work_item: WorkItemId, start: DateTime, finish: DateTime) -> Self {
        NewTimeEntry {
            work_item_id: work_item,
            start_time: start,
            finish_time: finish,
            memo: None,
            time_entry_category_id: None,
            process_category_id: None,
        }
    }

    /// With a memo.
    pub fn memo(mut self, memo: impl Into<String>) -> Self {
        self.memo = Some(memo.into());
        self
    }

    /// Checks order and the server's grid before sending, so the person
    /// learns which time to fix in their own words, not the server's.
    pub fn check(&self, granularity: Granularity) -> Result<(), HttpError> {
        check_times(granularity, Some(self.start_time), Some(self.finish_time))
    }

    /// The request body.
    pub fn to_body(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

impl TimeEntryUpdate {
    /// Whether the update changes nothing.
    pub fn is_empty(&self) -> bool {
        *self == TimeEntryUpdate::default()
    }

    /// Checks the times it sets against the server's grid (and their order
    /// when it sets both).
    pub fn check(&self, granularity: Granularity) -> Result<(), HttpError> {
        check_times(granularity, self.start_time, self.finish_time)
    }

    /// The request body (never with `workItemId`).
    pub fn to_body(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

fn check_times(
    granularity: Granularity,
    start: Option<DateTime>,
    finish: Option<DateTime>,
) -> Result<(), HttpError> {
    if let Some(start) = start {
        granularity.check("startTime", start)?;
    }
    if let Some(finish) = finish {
        granularity.check("finishTime", finish)?;
    }
    match (start, finish) {
        (Some(start), Some(finish)) if finish <= start => Err(HttpError::invalid_input(
            "finishTime",
            format!("The entry ends ({finish}) before it starts ({start}); the finish must come after the start."),
        )),
        _ => Ok(()),
    }
}

impl TtnxClient {
    /// The user's time entries matching `query`, page by page.
    pub fn time_entries(
        &self,
        user: &UserId,
        query: &TimeEntryQuery,
    ) -> impl Stream<Item = Result<TimeEntry, HttpError>> + Send + 'static {
        let request = self
            .get(&format!("system/users/{user}/timeEntries"))
            .query_opt("startDate", query.start_date)
            .query_opt("finishDate", query.finish_date)
            .query_opt("projectId", query.project_id.as_ref())
            .query_opt("orderby", query.order_by.as_deref());
        pages(request, query.page_size)
    }

    /// The user's entries with these ids (missing ones left out; none → `NotFound`).
    pub async fn time_entries_by_ids(
        &self,
        user: &UserId,
        ids: &[TimeEntryId],
    ) -> Result<Vec<TimeEntry>, HttpError> {
        self.read_by_ids(ids, |ids| {
            self.get(&format!("system/users/{user}/timeEntries/{ids}"))
        })
        .await
    }

    /// One of the user's entries.
    pub async fn time_entry(
        &self,
        user: &UserId,
        id: &TimeEntryId,
    ) -> Result<TimeEntry, HttpError> {
        let found = self
            .time_entries_by_ids(user, std::slice::from_ref(id))
            .await?;
        found.into_iter().find(|entry| &entry.id == id).ok_or_else(|| {
            HttpError::new(
                kakehashi_http::ErrorKind::NotFound,
                format!("Time entry {id} of user {user} was not in the server's answer; it may have been deleted."),
            )
        })
    }

    /// Books `entry` for the user. Not repeated after a lost answer: read
    /// the day's entries to see whether it was booked.
    pub async fn create_time_entry(
        &self,
        user: &UserId,
        entry: &NewTimeEntry,
    ) -> Result<CreatedTimeEntry, HttpError> {
        check_times(
            Granularity::minutes(1)?,
            Some(entry.start_time),
            Some(entry.finish_time),
        )?;
        self.post(&format!("system/users/{user}/timeEntries"))
            .json(&entry.to_body())
            .send_json()
            .await
    }

    /// Applies `update` to these entries of the user (all or nothing).
    pub async fn update_time_entries(
        &self,
        user: &UserId,
        ids: &[TimeEntryId],
        update: &TimeEntryUpdate,
    ) -> Result<(), HttpError> {
        if update.is_empty() {
            return Err(HttpError::invalid_input(
                "timeEntry",
                "The time-entry update changes nothing.",
            ));
        }
        check_times(
            Granularity::minutes(1)?,
            update.start_time,
            update.finish_time,
        )?;
        if ids.is_empty() {
            return Ok(());
        }
        self.put(&format!("system/users/{user}/timeEntries/{}", join(ids)))
            .json(&update.to_body())
            .send()
            .await
            .map(|_| ())
    }

    /// Deletes these entries of the user (all or nothing). After a lost
    /// answer the transport asks again; `NotFound` then means already gone.
    pub async fn delete_time_entries(
        &self,
        user: &UserId,
        ids: &[TimeEntryId],
    ) -> Result<(), HttpError> {
        if ids.is_empty() {
            return Ok(());
        }
        self.delete(&format!("system/users/{user}/timeEntries/{}", join(ids)))
            .send()
            .await
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use serde_json::json;

    #[test]
    fn bodies_carry_server_local_times_and_updates_never_a_work_item() {
        let entry = NewTimeEntry::new(
            WorkItemId::from("1005"),
            date(2024, 5, 1).at(9, 0, 0, 0),
            date(2024, 5, 1).at(10, 30, 0, 0),
        )
        .memo("レビュー");
        assert_eq!(
            entry.to_body(),
            json!({
                "workItemId": "1005",
                "startTime": "2024-05-01T09:00:00",
                "finishTime": "2024-05-01T10:30:00",
                "memo": "レビュー"
            })
        );
        let update = TimeEntryUpdate {
            finish_time: Some(date(2024, 5, 1).at(11, 0, 0, 0)),
            ..TimeEntryUpdate::default()
        };
        assert_eq!(
            update.to_body(),
            json!({ "finishTime": "2024-05-01T11:00:00" })
        );
        assert!(TimeEntryUpdate::default().is_empty());
    }

    #[test]
    fn times_off_the_grid_or_out_of_order_are_refused_with_the_field() {
        let fifteen = Granularity::default();
        let at = |h, m| date(2024, 5, 1).at(h, m, 0, 0);
        let field = |result: Result<(), HttpError>| match result.unwrap_err().kind {
            kakehashi_http::ErrorKind::InvalidInput { field } => field,
            other => panic!("{other:?}"),
        };
        let item = WorkItemId::from("1");
        assert!(NewTimeEntry::new(item.clone(), at(9, 0), at(9, 15))
            .check(fifteen)
            .is_ok());
        assert_eq!(
            field(NewTimeEntry::new(item.clone(), at(9, 10), at(9, 30)).check(fifteen)),
            "startTime"
        );
        assert_eq!(
            field(NewTimeEntry::new(item.clone(), at(9, 30), at(9, 30)).check(fifteen)),
            "finishTime"
        );
        let update = TimeEntryUpdate {
            finish_time: Some(at(9, 20)),
            ..TimeEntryUpdate::default()
        };
        assert_eq!(field(update.check(fifteen)), "finishTime");
        assert!(update.check(Granularity::minutes(5).unwrap()).is_ok());
    }
}
