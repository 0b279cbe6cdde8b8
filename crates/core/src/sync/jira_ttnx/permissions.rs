//! The permissions a draft needs, checked on ITS projects with the
//! connection's accounts: TimeTracker NX "Manage Project" on the project
//! (the only way the API tells is an empty update, see
//! `TtnxClient::may_manage_project`), and on Jira what `mypermissions` says
//! for the project — BROWSE_PROJECTS, CREATE_ISSUES, EDIT_ISSUES,
//! TRANSITION_ISSUES always, WORK_ON_ISSUES when worklogs sync,
//! DELETE_ISSUES when deletions are mirrored.

use kakehashi_jira::{JiraClient, PermissionScope};
use kakehashi_ttnx::model::ProjectId;
use kakehashi_ttnx::TtnxClient;

use super::choices::PermissionCheck;
use crate::sync::model::{DeletionPolicy, ProfileDraft, Side};
use crate::AppResult;

/// The TimeTracker NX permission, named as the product names it.
pub const MANAGE_PROJECT: &str = "Manage Project";

/// The Jira permission keys `draft` needs.
pub fn jira_needs(draft: &ProfileDraft) -> Vec<&'static str> {
    let mut keys = vec![
        "BROWSE_PROJECTS",
        "CREATE_ISSUES",
        "EDIT_ISSUES",
        "TRANSITION_ISSUES",
    ];
    if draft.entities.worklogs {
        keys.push("WORK_ON_ISSUES");
    }
    if draft.deletion == DeletionPolicy::Mirror {
        keys.push("DELETE_ISSUES");
    }
    keys
}

/// Checks both sides: one `mypermissions` request and one empty project
/// update. `ttnx_name` names the project in the messages.
pub(super) async fn check(
    jira: &JiraClient,
    ttnx: &TtnxClient,
    jira_side: Side,
    draft: &ProfileDraft,
    jira_project: &str,
    (ttnx_id, ttnx_name): (&ProjectId, &str),
) -> AppResult<Vec<PermissionCheck>> {
    let keys = jira_needs(draft);
    let held = jira
        .my_permissions(&keys, PermissionScope::Project(jira_project))
        .await?;
    let mut checks: Vec<PermissionCheck> = keys
        .iter()
        .map(|key| {
            let granted = held.has(key);
            let title = held
                .permissions
                .get(*key)
                .and_then(|p| p.name.clone())
                .unwrap_or_else(|| (*key).to_owned());
            PermissionCheck {
                side: jira_side,
                project: jira_project.to_owned(),
                permission: (*key).to_owned(),
                granted,
                message: if granted {
                    format!("The Jira account holds {key} ({title}) in project {jira_project}.")
                } else {
                    format!("The Jira account lacks {key} ({title}) in project {jira_project}. A Jira administrator grants it in the project's permission scheme (Project settings → Permissions), usually by adding the account to a project role that holds it.")
                },
            }
        })
        .collect();
    let manages = ttnx.may_manage_project(ttnx_id).await?;
    checks.push(PermissionCheck {
        side: jira_side.other(),
        project: ttnx_name.to_owned(),
        permission: MANAGE_PROJECT.to_owned(),
        granted: manages,
        message: if manages {
            format!("The TimeTracker NX account holds {MANAGE_PROJECT} on “{ttnx_name}”.")
        } else {
            format!("The TimeTracker NX account lacks {MANAGE_PROJECT} on “{ttnx_name}”, so the sync cannot create or change its work items. A TimeTracker NX system administrator gives the account a system role with “{MANAGE_PROJECT}”.")
        },
    });
    Ok(checks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::model::*;

    fn draft(worklogs: bool, deletion: DeletionPolicy) -> ProfileDraft {
        ProfileDraft {
            id: None,
            name: "WEB".into(),
            connection_id: 1,
            scope: Scope::JiraTtnx {
                jira_project: "WEB".into(),
                ttnx_project_id: "1".into(),
                ttnx_folder_id: "2".into(),
                group_by: GroupBy::Version,
                board_id: None,
            },
            entities: Entities {
                items: true,
                worklogs,
            },
            fields: Vec::new(),
            value_maps: ValueMaps {
                status: vec![],
                item_type: vec![],
                priority: vec![],
            },
            user_map: vec![],
            conflict_policy: ConflictPolicy::NewestWins,
            deletion,
            schedule: Schedule::Off,
            threshold_percent: 20,
        }
    }

    #[test]
    fn worklogs_and_mirrored_deletes_need_their_permissions() {
        let base = jira_needs(&draft(false, DeletionPolicy::Ignore));
        assert_eq!(
            base,
            [
                "BROWSE_PROJECTS",
                "CREATE_ISSUES",
                "EDIT_ISSUES",
                "TRANSITION_ISSUES"
            ]
        );
        let all = jira_needs(&draft(true, DeletionPolicy::Mirror));
        assert!(all.contains(&"WORK_ON_ISSUES") && all.contains(&"DELETE_ISSUES"));
        assert!(!jira_needs(&draft(false, DeletionPolicy::Archive)).contains(&"DELETE_ISSUES"));
    }
}
