//! Validation of a profile draft. Every error names the editor field to fix
//! (`AppError::Validation { field }`) and says what to do.

use std::collections::BTreeSet;

use super::model::{FieldDirection, ProfileDraft, Schedule, Scope, ValuePair};
use crate::store::Database;
use crate::workspace::{connections, servers, Direction, ServerKind};
use crate::{AppError, AppResult};

/// The shortest interval a schedule may use: more often only burns the
/// servers' rate limits without making anything fresher in practice.
pub const MIN_MINUTES: u32 = 5;

pub(crate) fn check(db: &Database, draft: &ProfileDraft) -> AppResult<()> {
    let name = draft.name.trim();
    if name.is_empty() {
        return Err(AppError::validation(
            "name",
            "Give the profile a name, for example “WEB ↔ TimeTracker”.",
        ));
    }
    if name.chars().count() > 100 {
        return Err(AppError::validation(
            "name",
            "The name is longer than 100 characters: shorten it.",
        ));
    }
    if super::profile_store::name_taken(db, name, draft.id)? {
        return Err(AppError::validation(
            "name",
            format!("A profile named “{name}” exists already: choose another name."),
        ));
    }
    check_connection(db, draft)?;
    check_scope(&draft.scope)?;
    if !draft.entities.items && !draft.entities.worklogs {
        return Err(AppError::validation(
            "entities",
            "Choose what to sync: items, worklogs or both.",
        ));
    }
    check_fields(db, draft)?;
    check_pairs("valueMaps.status", &draft.value_maps.status)?;
    check_pairs("valueMaps.itemType", &draft.value_maps.item_type)?;
    check_pairs("valueMaps.priority", &draft.value_maps.priority)?;
    check_users(draft)?;
    if !(1..=100).contains(&draft.threshold_percent) {
        return Err(AppError::validation(
            "thresholdPercent",
            "The mass-change threshold is a percentage from 1 to 100 (20 is the default).",
        ));
    }
    check_schedule(&draft.schedule)
}

fn check_connection(db: &Database, draft: &ProfileDraft) -> AppResult<()> {
    let connection = connections::get(db, draft.connection_id).map_err(|_| {
        AppError::validation(
            "connectionId",
            "The chosen connection does not exist any more: pick another one, or add it under Connections.",
        )
    })?;
    let left = servers::get(db, connection.left.server_id)?.kind;
    let right = servers::get(db, connection.right.server_id)?.kind;
    let is_jira = |kind| matches!(kind, ServerKind::JiraCloud | ServerKind::JiraDataCenter);
    let fits = match draft.scope {
        Scope::JiraTtnx { .. } => {
            (is_jira(left) && right == ServerKind::TimeTrackerNx)
                || (left == ServerKind::TimeTrackerNx && is_jira(right))
        }
    };
    if !fits {
        return Err(AppError::validation(
            "connectionId",
            format!(
                "“{}” joins {} and {}; this profile needs a connection between Jira and TimeTracker NX.",
                connection.name,
                left.product_name(),
                right.product_name()
            ),
        ));
    }
    Ok(())
}

fn check_scope(scope: &Scope) -> AppResult<()> {
    match scope {
        Scope::JiraTtnx {
            jira_project,
            ttnx_project_id,
            ttnx_folder_id,
            group_by,
            board_id,
        } => {
            if jira_project.trim().is_empty() {
                return Err(AppError::validation(
                    "scope.jiraProject",
                    "Choose the Jira project.",
                ));
            }
            if ttnx_project_id.trim().is_empty() {
                return Err(AppError::validation(
                    "scope.ttnxProjectId",
                    "Choose the TimeTracker NX project.",
                ));
            }
            if ttnx_folder_id.trim().is_empty() {
                return Err(AppError::validation(
                    "scope.ttnxFolderId",
                    "Choose the TimeTracker NX folder that mirrors the Jira project.",
                ));
            }
            let needs_board = *group_by == super::model::GroupBy::Sprint;
            if needs_board && board_id.as_deref().is_none_or(|id| id.trim().is_empty()) {
                return Err(AppError::validation(
                    "scope.boardId",
                    "Grouping by sprint needs the board whose sprints to use: choose a board.",
                ));
            }
            Ok(())
        }
    }
}

fn check_fields(db: &Database, draft: &ProfileDraft) -> AppResult<()> {
    let mut seen = BTreeSet::new();
    for mapping in &draft.fields {
        if !seen.insert(mapping.field) {
            return Err(AppError::validation(
                "fields",
                format!(
                    "The field {:?} is mapped twice: keep one row.",
                    mapping.field
                ),
            ));
        }
    }
    // A one-way connection cannot carry a field the other way.
    let direction = connections::get(db, draft.connection_id)?.direction;
    let against = match direction {
        Direction::Both => None,
        Direction::LeftToRight => Some(FieldDirection::RightToLeft),
        Direction::RightToLeft => Some(FieldDirection::LeftToRight),
    };
    if let Some(mapping) = draft.fields.iter().find(|m| Some(m.direction) == against) {
        return Err(AppError::validation(
            "fields",
            format!(
                "The connection only syncs one way, but {:?} is set to flow the other way: \
                 change its direction, or change the connection's direction.",
                mapping.field
            ),
        ));
    }
    Ok(())
}

fn check_pairs(field: &str, pairs: &[ValuePair]) -> AppResult<()> {
    let mut lefts = BTreeSet::new();
    for pair in pairs {
        if pair.left.trim().is_empty() || pair.right.trim().is_empty() {
            return Err(AppError::validation(
                field,
                "A value map row is missing a value on one side: pick both, or remove the row.",
            ));
        }
        if !lefts.insert(pair.left.as_str()) {
            return Err(AppError::validation(
                field,
                format!(
                    "The value {} is mapped twice: keep one row for it.",
                    pair.left
                ),
            ));
        }
    }
    Ok(())
}

fn check_users(draft: &ProfileDraft) -> AppResult<()> {
    let mut lefts = BTreeSet::new();
    let mut rights = BTreeSet::new();
    for pair in &draft.user_map {
        if pair.left.trim().is_empty() || pair.right.trim().is_empty() {
            return Err(AppError::validation(
                "userMap",
                "A user pair is missing a person on one side: pick both, or remove the row.",
            ));
        }
        if !lefts.insert(pair.left.as_str()) {
            return Err(AppError::validation(
                "userMap",
                format!("{} is mapped to two people: keep one row.", pair.left_name),
            ));
        }
        if !rights.insert(pair.right.as_str()) {
            return Err(AppError::validation(
                "userMap",
                format!("{} is mapped to two people: keep one row.", pair.right_name),
            ));
        }
    }
    Ok(())
}

fn check_schedule(schedule: &Schedule) -> AppResult<()> {
    let too_often = |minutes: u32| minutes < MIN_MINUTES;
    match schedule {
        Schedule::Off => Ok(()),
        Schedule::Every { minutes } if too_often(*minutes) => Err(AppError::validation(
            "schedule.minutes",
            format!("Sync at most every {MIN_MINUTES} minutes."),
        )),
        Schedule::Every { .. } => Ok(()),
        Schedule::BusinessHours {
            days,
            from,
            to,
            time_zone,
            every_minutes,
        } => {
            if days.is_empty() || days.iter().any(|day| !(1..=7).contains(day)) {
                return Err(AppError::validation(
                    "schedule.days",
                    "Choose at least one weekday (Monday to Sunday).",
                ));
            }
            let start = minutes_of(from).ok_or_else(|| {
                AppError::validation(
                    "schedule.from",
                    "Write the start time as HH:MM, e.g. 09:00.",
                )
            })?;
            let end = minutes_of(to).ok_or_else(|| {
                AppError::validation("schedule.to", "Write the end time as HH:MM, e.g. 18:00.")
            })?;
            if end <= start {
                return Err(AppError::validation(
                    "schedule.to",
                    "The end time must be later than the start time.",
                ));
            }
            if jiff::tz::TimeZone::get(time_zone).is_err() {
                return Err(AppError::validation(
                    "schedule.timeZone",
                    format!("“{time_zone}” is not a time zone name; use one like Asia/Tokyo."),
                ));
            }
            if too_often(*every_minutes) {
                return Err(AppError::validation(
                    "schedule.everyMinutes",
                    format!("Sync at most every {MIN_MINUTES} minutes."),
                ));
            }
            Ok(())
        }
    }
}

/// "09:30" → 570; None when it is not a 24-hour HH:MM time.
pub(crate) fn minutes_of(text: &str) -> Option<u32> {
    let (hours, minutes) = text.trim().split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    let hours: u32 = hours.parse().ok()?;
    let minutes: u32 = minutes.parse().ok()?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_24_hour_hh_mm() {
        assert_eq!(minutes_of("09:30"), Some(570));
        assert_eq!(minutes_of("23:59"), Some(1439));
        assert_eq!(minutes_of("24:00"), None);
        assert_eq!(minutes_of("9:30"), None);
        assert_eq!(minutes_of("09-30"), None);
    }
}
