//! What a connector knows about its profile and its two servers, read once
//! when it is opened: which side is Jira, the scope, the maps, the TT NX
//! item and status types, the TT NX technical user, and the zones.

use kakehashi_ttnx::model::{
    ItemType, ItemTypeId, ProjectId, StatusType, StatusTypeId, UserId, WorkItemId,
};
use kakehashi_ttnx::{Granularity, ServerZone};

use super::values::Translator;
use crate::sync::model::{GroupBy, Side};
use crate::{AppError, AppResult};

/// A profile's pair, resolved.
#[derive(Debug, Clone)]
pub struct Setup {
    pub profile_id: u32,
    pub jira_side: Side,
    /// (server id, name) of each side, for the run's request counts.
    pub jira_server: (u32, String),
    pub ttnx_server: (u32, String),
    pub jira_project: String,
    pub ttnx_project: ProjectId,
    pub ttnx_folder: WorkItemId,
    pub group_by: GroupBy,
    pub board: Option<u64>,
    pub translator: Translator,
    /// The TT NX technical user (its own changes are echoes).
    pub ttnx_me: UserId,
    /// Item types that are folders (level-1 groups), and the one new
    /// groups get; the type new items get when the map names none.
    pub folder_types: Vec<ItemTypeId>,
    pub group_type: ItemTypeId,
    pub task_type: ItemTypeId,
    /// Status types that mean "completed" (archive sets the first).
    pub completed_statuses: Vec<StatusTypeId>,
    /// The zone TT NX work times are in, and its input granularity.
    pub ttnx_zone: ServerZone,
    pub granularity: Granularity,
    /// The profile syncs worklogs (time entries are read only then).
    pub worklogs: bool,
}

/// The folder type for new groups and the task type for new items, from
/// the server's list (ids differ between servers). A project's root type
/// is a folder too; "Folder" by English name is preferred over it.
pub fn item_types(types: &[ItemType]) -> AppResult<(Vec<ItemTypeId>, ItemTypeId, ItemTypeId)> {
    let english = |t: &ItemType, name: &str| {
        t.english_name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    };
    let folders: Vec<ItemTypeId> = types
        .iter()
        .filter(|t| t.is_folder == Some(true) && !english(t, "Project"))
        .map(|t| t.id.clone())
        .collect();
    let group = types
        .iter()
        .find(|t| english(t, "Folder"))
        .map(|t| t.id.clone())
        .or_else(|| folders.first().cloned());
    let task = types
        .iter()
        .find(|t| t.can_have_time_entries == Some(true) && t.is_folder != Some(true))
        .or_else(|| types.iter().find(|t| english(t, "Task")))
        .map(|t| t.id.clone());
    match (group, task) {
        (Some(group), Some(task)) => Ok((folders, group, task)),
        _ => Err(AppError::internal(
            "The TimeTracker NX server lists no folder or task item type, so the sync cannot place work items. Check that the technical user may read work-item types.",
        )),
    }
}

/// The status types that mean completed.
pub fn completed(types: &[StatusType]) -> Vec<StatusTypeId> {
    types
        .iter()
        .filter(|t| t.is_completed == Some(true))
        .map(|t| t.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn folder_and_task_types_come_from_the_server_list() {
        let types: Vec<ItemType> = serde_json::from_value(json!([
            {"id": "1", "name": "プロジェクト", "englishName": "Project", "isFolder": true, "canHaveTimeEntries": false},
            {"id": "2", "name": "フォルダー", "englishName": "Folder", "isFolder": true, "canHaveTimeEntries": false},
            {"id": "3", "name": "作業", "englishName": "Task", "isFolder": false, "canHaveTimeEntries": true}
        ]))
        .unwrap();
        let (folders, group, task) = item_types(&types).unwrap();
        assert_eq!(folders, [ItemTypeId::from("2")]);
        assert_eq!(group, ItemTypeId::from("2"));
        assert_eq!(task, ItemTypeId::from("3"));
        assert!(item_types(&types[..1]).is_err());
    }
}
