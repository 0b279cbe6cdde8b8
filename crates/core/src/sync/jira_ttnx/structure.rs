//! The layout TimeTracker NX Sync expects, checked on each side:
//! the profile's TT NX folder ↔ the Jira project; items directly under the
//! folder ↔ versions (or sprints); their children ↔ issues; children of
//! those ↔ sub-tasks. Whatever does not fit becomes a StructureMismatch
//! problem that names the item and the fix — never a silent skip, because
//! "success, nothing copied" is exactly how the vendor's own tool loses
//! its users' trust.

use kakehashi_ttnx::model::{ItemTypeId, WorkItem};

use crate::sync::model::{EntityKind, ProblemCause, ProblemDraft, Side};

/// A TT NX work item placed in the sync's layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub item: WorkItem,
    pub kind: EntityKind,
    /// The parent's id (None for groups: their parent is the folder).
    pub parent: Option<String>,
}

/// What the TT NX tree holds for the sync.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TtnxLayout {
    pub placed: Vec<Placed>,
    pub problems: Vec<ProblemDraft>,
    /// Whether the folder was found under the project at all.
    pub folder_found: bool,
}

fn mismatch(side: Side, item: &str, detail: &str, fix: &str) -> ProblemDraft {
    ProblemDraft {
        side: Some(side),
        item: item.to_owned(),
        cause: ProblemCause::StructureMismatch {
            detail: detail.to_owned(),
        },
        message: format!("{detail} {fix}"),
    }
}

fn name(item: &WorkItem) -> String {
    item.fields
        .name
        .clone()
        .or_else(|| item.fields.id.as_ref().map(ToString::to_string))
        .unwrap_or_default()
}

fn find<'a>(items: &'a [WorkItem], id: &str) -> Option<&'a WorkItem> {
    items.iter().find_map(|item| {
        if item.id().is_some_and(|i| i.as_str() == id) {
            Some(item)
        } else {
            find(&item.sub_items, id)
        }
    })
}

/// Places the items under `folder` (found anywhere in the project's
/// `tree`); `folders` are the item types that are folders on this server.
pub fn ttnx_layout(
    tree: &[WorkItem],
    folder: &str,
    folders: &[ItemTypeId],
    side: Side,
    project_name: &str,
) -> TtnxLayout {
    let mut layout = TtnxLayout::default();
    let Some(root) = find(tree, folder) else {
        layout.problems.push(mismatch(
            side,
            folder,
            &format!("The TimeTracker NX folder {folder} is not in the project “{project_name}” (or it was deleted)."),
            "Open the sync profile and pick a folder of this project.",
        ));
        return layout;
    };
    layout.folder_found = true;
    let is_folder = |item: &WorkItem| {
        item.fields
            .item_type_id
            .as_ref()
            .is_some_and(|t| folders.contains(t))
    };
    let folder_name = name(root);
    for group in &root.sub_items {
        let Some(group_id) = group.id().map(ToString::to_string) else {
            continue;
        };
        if !is_folder(group) {
            layout.problems.push(mismatch(
                side,
                &name(group),
                &format!("“{}” is a task directly under the folder “{folder_name}”, where only version (or sprint) folders belong.", name(group)),
                "Move it into one of the version folders, or create a folder for its version and move it there.",
            ));
            continue;
        }
        for item in &group.sub_items {
            let Some(item_id) = item.id().map(ToString::to_string) else {
                continue;
            };
            if is_folder(item) {
                layout.problems.push(mismatch(
                    side,
                    &name(item),
                    &format!("“{}” is a folder inside the version folder “{}”; issues are tasks there, not folders.", name(item), name(group)),
                    "Move its tasks up into the version folder, or leave the folder out of the sync by moving it elsewhere.",
                ));
                continue;
            }
            for sub in &item.sub_items {
                if sub.id().is_none() {
                    continue;
                }
                if let Some(deeper) = sub.sub_items.first() {
                    layout.problems.push(mismatch(
                        side,
                        &name(deeper),
                        &format!("“{}” is a fourth level under “{}”; Jira has only issues and their sub-tasks.", name(deeper), name(sub)),
                        "Move it up to sit under the task, or out of the synced folder.",
                    ));
                }
                layout.placed.push(Placed {
                    item: WorkItem {
                        sub_items: Vec::new(),
                        ..sub.clone()
                    },
                    kind: EntityKind::SubItem,
                    parent: Some(item_id.clone()),
                });
            }
            layout.placed.push(Placed {
                item: WorkItem {
                    sub_items: Vec::new(),
                    ..item.clone()
                },
                kind: EntityKind::Item,
                parent: Some(group_id.clone()),
            });
        }
        layout.placed.push(Placed {
            item: WorkItem {
                sub_items: Vec::new(),
                ..group.clone()
            },
            kind: EntityKind::Group,
            parent: None,
        });
    }
    layout
}

/// Where a Jira issue belongs in the layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JiraPlace {
    /// Under a group (record id `version:ID` / `sprint:ID`).
    Item { group: String },
    /// A sub-task under its parent issue (record id).
    SubItem { parent: String },
    /// Out of the layout, for the reason in the problem.
    Outside(ProblemDraft),
}

/// Places an issue: a sub-task under its parent (which must be in
/// scope), any other issue under its first group in scope.
pub fn jira_place(
    key: &str,
    subtask_parent: Option<&str>,
    parent_in_scope: bool,
    groups: &[String],
    grouping: &str,
    side: Side,
) -> JiraPlace {
    if let Some(parent) = subtask_parent {
        if parent_in_scope {
            return JiraPlace::SubItem {
                parent: parent.to_owned(),
            };
        }
        return JiraPlace::Outside(mismatch(
            side,
            key,
            &format!("{key} is a sub-task whose parent is not in the synced project, or has no {grouping} itself."),
            &format!("Give its parent a {grouping}, or move the sub-task under an issue that has one."),
        ));
    }
    match groups.first() {
        Some(group) => JiraPlace::Item {
            group: group.clone(),
        },
        None => JiraPlace::Outside(mismatch(
            side,
            key,
            &format!(
                "{key} has no {grouping}, so it has no place under the TimeTracker NX folder."
            ),
            &format!("Set its {grouping} in Jira; it is synced on the next run."),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tree() -> Vec<WorkItem> {
        serde_json::from_value(json!([
            { "fields": { "Id": "1002", "Name": "WEB 開発", "ItemTypeId": "2" }, "subItems": [
                { "fields": { "Id": "1003", "Name": "v1.0 ベータ", "ItemTypeId": "2" }, "subItems": [
                    { "fields": { "Id": "1004", "Name": "ログイン", "ItemTypeId": "3" }, "subItems": [
                        { "fields": { "Id": "1005", "Name": "画面", "ItemTypeId": "3" }, "subItems": [
                            { "fields": { "Id": "1006", "Name": "深すぎ", "ItemTypeId": "3" }, "subItems": [] }
                        ] }
                    ] },
                    { "fields": { "Id": "1007", "Name": "中のフォルダー", "ItemTypeId": "2" }, "subItems": [] }
                ] },
                { "fields": { "Id": "1008", "Name": "迷子のタスク", "ItemTypeId": "3" }, "subItems": [] }
            ] },
            { "fields": { "Id": "1009", "Name": "管理", "ItemTypeId": "2" }, "subItems": [] }
        ]))
        .unwrap()
    }

    #[test]
    fn the_layout_places_groups_items_and_sub_items_and_reports_the_rest() {
        let folders = [ItemTypeId::from("2")];
        let layout = ttnx_layout(&tree(), "1002", &folders, Side::Right, "WEB");
        assert!(layout.folder_found);
        let placed: Vec<(String, EntityKind, Option<String>)> = layout
            .placed
            .iter()
            .map(|p| (p.item.id().unwrap().to_string(), p.kind, p.parent.clone()))
            .collect();
        assert_eq!(
            placed,
            vec![
                ("1005".into(), EntityKind::SubItem, Some("1004".into())),
                ("1004".into(), EntityKind::Item, Some("1003".into())),
                ("1003".into(), EntityKind::Group, None),
            ]
        );
        let items: Vec<&str> = layout.problems.iter().map(|p| p.item.as_str()).collect();
        assert_eq!(items, ["深すぎ", "中のフォルダー", "迷子のタスク"]);
        assert!(layout.problems[2].message.contains("Move it into"));
        assert!(layout
            .problems
            .iter()
            .all(|p| matches!(p.cause, ProblemCause::StructureMismatch { .. })));
    }

    #[test]
    fn a_folder_outside_the_project_is_reported_with_the_fix() {
        let layout = ttnx_layout(&tree(), "4242", &[ItemTypeId::from("2")], Side::Left, "WEB");
        assert!(!layout.folder_found);
        assert!(layout.placed.is_empty());
        assert!(layout.problems[0].message.contains("pick a folder"));
    }

    #[test]
    fn jira_issues_need_a_group_and_sub_tasks_a_parent_in_scope() {
        let groups = vec!["version:10001".to_owned()];
        assert_eq!(
            jira_place("WEB-1", None, false, &groups, "fix version", Side::Left),
            JiraPlace::Item {
                group: "version:10001".into()
            }
        );
        assert_eq!(
            jira_place("WEB-2", Some("10005"), true, &[], "fix version", Side::Left),
            JiraPlace::SubItem {
                parent: "10005".into()
            }
        );
        for place in [
            jira_place("WEB-3", None, false, &[], "fix version", Side::Left),
            jira_place(
                "WEB-4",
                Some("10009"),
                false,
                &[],
                "fix version",
                Side::Left,
            ),
        ] {
            let JiraPlace::Outside(problem) = place else {
                panic!("{place:?}")
            };
            assert!(
                problem.message.contains("fix version"),
                "{}",
                problem.message
            );
        }
    }
}
