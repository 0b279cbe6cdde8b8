//! Suggested value and user maps for a profile draft, with the permission
//! checks of its projects. Pairs the draft already has are kept as they
//! are; suggestions only fill the values it leaves unmapped.
//!
//! - status: Jira statuses of the project ↔ TimeTracker NX status types,
//!   paired by name, else by category (to do ↔ not started, in progress ↔
//!   in progress, done ↔ completed);
//! - type: Jira issue types ↔ TimeTracker NX task types, by name, else the
//!   server's task type;
//! - priority: TimeTracker NX work items have no priority field, so only
//!   the Jira side is listed and the draft's pairs are returned unchanged.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use kakehashi_jira::catalog::StatusRef;
use kakehashi_secrets::SecretStore;
use kakehashi_ttnx::model::{ItemType, ProjectId, StatusType};

use super::choices::{Choice, MappingSuggestions, ValueSuggestions};
use super::scope_options::connect;
use super::{permissions, user_matching};
use crate::sync::model::{ProfileDraft, Scope, Side, ValuePair};
use crate::{AppError, AppResult};

/// The maps and permission checks suggested for `draft` (its connection,
/// Jira project and TimeTracker NX project).
pub async fn suggestions(
    db_path: &Path,
    secrets: Arc<dyn SecretStore>,
    draft: &ProfileDraft,
) -> AppResult<MappingSuggestions> {
    let Scope::JiraTtnx {
        jira_project,
        ttnx_project_id,
        ..
    } = &draft.scope;
    let jira_project = jira_project.trim();
    if jira_project.is_empty() || ttnx_project_id.trim().is_empty() {
        return Err(AppError::validation(
            "scope",
            "Pick the Jira project and the TimeTracker NX project first; the maps are suggested for them.",
        ));
    }
    let pair = connect(db_path, secrets, draft.connection_id).await?;
    let side = pair.jira_side;
    let issue_types = pair.jira.project_statuses(jira_project).await?;
    let priorities = pair.jira.priorities().await?;
    let status_types = pair.ttnx.status_types().await?;
    let item_types = pair.ttnx.item_types().await?;
    let users = user_matching::match_users(
        &pair.jira,
        &pair.ttnx,
        side,
        jira_project,
        ttnx_project_id,
        &draft.user_map,
    )
    .await?;
    let ttnx_id = ProjectId::from(ttnx_project_id.trim());
    let permissions = permissions::check(
        &pair.jira,
        &pair.ttnx,
        side,
        draft,
        jira_project,
        (&ttnx_id, &users.project.project.name),
    )
    .await?;

    // Every status of the project once, in workflow order.
    let mut seen = BTreeSet::new();
    let statuses: Vec<&StatusRef> = issue_types
        .iter()
        .flat_map(|t| &t.statuses)
        .filter(|s| seen.insert(s.id.clone()))
        .collect();
    let status = suggest(
        side,
        statuses
            .iter()
            .map(|s| choice(&s.id, &s.name, None))
            .collect(),
        status_types.iter().map(status_choice).collect(),
        &draft.value_maps.status,
        |left| status_match(statuses[left], &status_types),
    );
    let tasks: Vec<&ItemType> = item_types
        .iter()
        .filter(|t| t.is_folder != Some(true))
        .collect();
    let item_type = suggest(
        side,
        issue_types
            .iter()
            .map(|t| choice(&t.id, &t.name, t.subtask.then_some("sub-task")))
            .collect(),
        tasks.iter().map(|t| type_choice(t)).collect(),
        &draft.value_maps.item_type,
        |left| type_match(&issue_types[left].name, &tasks),
    );
    let priority = suggest(
        side,
        priorities
            .iter()
            .map(|p| choice(&p.id, &p.name, None))
            .collect(),
        Vec::new(),
        &draft.value_maps.priority,
        |_| None,
    );
    Ok(MappingSuggestions {
        status,
        item_type,
        priority,
        users: users.suggestions,
        unresolved_left: users.unresolved_left,
        unresolved_right: users.unresolved_right,
        right_users: users.right_users,
        left_users: users.left_users,
        permissions,
    })
}

fn choice(id: &str, name: &str, detail: Option<&str>) -> Choice {
    Choice {
        id: id.to_owned(),
        name: name.to_owned(),
        detail: detail.map(str::to_owned),
    }
}

fn status_choice(t: &StatusType) -> Choice {
    choice(t.id.as_str(), &t.name, t.english_name.as_deref())
}

fn type_choice(t: &ItemType) -> Choice {
    choice(t.id.as_str(), &t.name, t.english_name.as_deref())
}

/// The Jira values (`jira`, the other side's `ttnx`) with the draft's pairs
/// kept and, for each Jira value they leave unmapped, the TT NX id that
/// `suggest_for(index of the Jira value)` proposes.
fn suggest(
    jira_side: Side,
    jira: Vec<Choice>,
    ttnx: Vec<Choice>,
    draft: &[ValuePair],
    suggest_for: impl Fn(usize) -> Option<String>,
) -> ValueSuggestions {
    let jira_of = |p: &ValuePair| match jira_side {
        Side::Left => p.left.clone(),
        Side::Right => p.right.clone(),
    };
    let mapped: BTreeSet<String> = draft.iter().map(jira_of).collect();
    let mut pairs = draft.to_vec();
    for (index, value) in jira.iter().enumerate() {
        if mapped.contains(&value.id) {
            continue;
        }
        if let Some(other) = suggest_for(index) {
            pairs.push(match jira_side {
                Side::Left => ValuePair {
                    left: value.id.clone(),
                    right: other,
                },
                Side::Right => ValuePair {
                    left: other,
                    right: value.id.clone(),
                },
            });
        }
    }
    let (left, right) = match jira_side {
        Side::Left => (jira, ttnx),
        Side::Right => (ttnx, jira),
    };
    ValueSuggestions { left, right, pairs }
}

/// Trimmed, spaces collapsed, lower case.
fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn named(name: &str, english: Option<&str>, wanted: &str) -> bool {
    let wanted = norm(wanted);
    norm(name) == wanted || english.is_some_and(|e| norm(e) == wanted)
}

/// A TT NX status type for a Jira status: the same name, else by category.
fn status_match(status: &StatusRef, types: &[StatusType]) -> Option<String> {
    let by_name = |wanted: &str| {
        types
            .iter()
            .find(|t| named(&t.name, t.english_name.as_deref(), wanted))
    };
    let open = || types.iter().filter(|t| t.is_completed != Some(true));
    let found = by_name(&status.name).or_else(|| match status.category() {
        "new" => by_name("Not started").or_else(|| open().next()),
        "indeterminate" => by_name("In progress").or_else(|| open().nth(1)),
        "done" => types.iter().find(|t| t.is_completed == Some(true)),
        _ => None,
    });
    found.map(|t| t.id.to_string())
}

/// A TT NX task type for a Jira issue type: the same name, else the type
/// time can be booked on (every Jira issue becomes a task).
fn type_match(name: &str, tasks: &[&ItemType]) -> Option<String> {
    tasks
        .iter()
        .find(|t| named(&t.name, t.english_name.as_deref(), name))
        .or_else(|| tasks.iter().find(|t| t.can_have_time_entries == Some(true)))
        .or_else(|| tasks.first())
        .map(|t| t.id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn types() -> Vec<StatusType> {
        serde_json::from_value(json!([
            {"id": "1", "name": "未着手", "englishName": "Not started", "isCompleted": false},
            {"id": "2", "name": "進行中", "englishName": "In progress", "isCompleted": false},
            {"id": "3", "name": "完了", "englishName": "Completed", "isCompleted": true}
        ]))
        .unwrap()
    }

    fn status(id: &str, name: &str, category: &str) -> StatusRef {
        serde_json::from_value(json!({"id": id, "name": name, "statusCategory": {"key": category}}))
            .unwrap()
    }

    #[test]
    fn statuses_pair_by_name_then_by_category() {
        let types = types();
        assert_eq!(
            status_match(&status("3", "In Progress", "indeterminate"), &types).as_deref(),
            Some("2")
        );
        assert_eq!(
            status_match(&status("9", "Backlog", "new"), &types).as_deref(),
            Some("1")
        );
        assert_eq!(
            status_match(&status("8", "Review", "indeterminate"), &types).as_deref(),
            Some("2")
        );
        assert_eq!(
            status_match(&status("7", "Closed", "done"), &types).as_deref(),
            Some("3")
        );
        assert_eq!(status_match(&status("6", "Odd", "undefined"), &types), None);
    }

    #[test]
    fn the_drafts_pairs_stay_and_only_gaps_are_filled() {
        let jira = vec![
            choice("10000", "To Do", None),
            choice("3", "In Progress", None),
        ];
        let ttnx = vec![choice("1", "未着手", None), choice("2", "進行中", None)];
        let draft = [ValuePair {
            left: "2".into(),
            right: "10000".into(),
        }];
        let got = suggest(Side::Right, jira, ttnx, &draft, |i| {
            Some(["1", "2"][i].to_owned())
        });
        assert_eq!(
            got.left[0].id, "1",
            "left is TT NX when Jira is on the right"
        );
        assert_eq!(
            got.pairs,
            [
                ValuePair {
                    left: "2".into(),
                    right: "10000".into()
                },
                ValuePair {
                    left: "2".into(),
                    right: "3".into()
                },
            ]
        );
    }
}
