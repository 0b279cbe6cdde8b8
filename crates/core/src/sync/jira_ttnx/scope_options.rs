//! The scope part of the profile editor: which Jira and TimeTracker NX
//! projects a connection sees, the folders of a TT NX project and the
//! boards of a Jira project. Each signs in on the connection's sides the
//! way a run does (`open.rs`), with the database closed before the first
//! network call.

use std::path::Path;
use std::sync::Arc;

use futures_util::TryStreamExt;
use kakehashi_jira::JiraClient;
use kakehashi_secrets::SecretStore;
use kakehashi_ttnx::model::{ItemTypeId, WorkItem, WorkItemId};
use kakehashi_ttnx::projects::ProjectSearch;
use kakehashi_ttnx::{TtnxClient, MAX_PAGE_SIZE};

use super::choices::{Choice, ScopeOptions};
use super::open::{is_jira, sign_in, wrong_kind};
use crate::remote::{endpoint_for, ClientCredentials};
use crate::store::Database;
use crate::sync::model::Side;
use crate::workspace::{connections, ServerKind};
use crate::{AppError, AppResult};

/// A Jira ↔ TimeTracker NX connection, signed in on both sides.
pub(super) struct Pair {
    pub jira: JiraClient,
    pub ttnx: TtnxClient,
    /// The connection's side Jira is on.
    pub jira_side: Side,
    pub left_kind: ServerKind,
    pub right_kind: ServerKind,
}

/// Signs in on both sides of connection `connection_id`, which must join
/// a Jira server with a TimeTracker NX server (either way round).
pub(super) async fn connect(
    db_path: &Path,
    secrets: Arc<dyn SecretStore>,
    connection_id: u32,
) -> AppResult<Pair> {
    let (name, left, right) = {
        let db = Database::open(db_path)?;
        let connection = connections::get(&db, connection_id)?;
        (
            connection.name.clone(),
            sign_in(&db, secrets.as_ref(), &connection.left)?,
            sign_in(&db, secrets.as_ref(), &connection.right)?,
        )
    };
    let (left_kind, right_kind) = (left.server.kind, right.server.kind);
    let (jira_side, jira, ttnx) = match (is_jira(left_kind), is_jira(right_kind)) {
        (true, false) if right_kind == ServerKind::TimeTrackerNx => (Side::Left, left, right),
        (false, true) if left_kind == ServerKind::TimeTrackerNx => (Side::Right, right, left),
        _ => {
            return Err(AppError::validation(
                "connectionId",
                format!("The connection “{name}” joins {} and {}; a sync profile needs a connection between a Jira and a TimeTracker NX server. Pick such a connection, or add one on Connections.", left_kind.product_name(), right_kind.product_name()),
            ))
        }
    };
    let jira_client = match jira.credentials {
        ClientCredentials::Jira(credentials) => {
            JiraClient::connect(endpoint_for(&jira.server)?, credentials).await?
        }
        _ => return Err(wrong_kind(&jira.server)),
    };
    let ttnx_client = match ttnx.credentials {
        ClientCredentials::Ttnx(credentials) => {
            TtnxClient::new(endpoint_for(&ttnx.server)?, credentials)?
        }
        _ => return Err(wrong_kind(&ttnx.server)),
    };
    Ok(Pair {
        jira: jira_client,
        ttnx: ttnx_client,
        jira_side,
        left_kind,
        right_kind,
    })
}

/// The Jira projects (id = key) and TimeTracker NX projects (id = project
/// id, detail = code; running ones first) the connection's accounts see.
pub async fn scope_options(
    db_path: &Path,
    secrets: Arc<dyn SecretStore>,
    connection_id: u32,
) -> AppResult<ScopeOptions> {
    let pair = connect(db_path, secrets, connection_id).await?;
    let jira_projects = pair
        .jira
        .projects()
        .await?
        .into_iter()
        .map(|p| Choice {
            detail: Some(p.key.clone()),
            id: p.key,
            name: p.name,
        })
        .collect();
    let mut projects: Vec<_> = pair
        .ttnx
        .search_projects(&ProjectSearch {
            page_size: Some(MAX_PAGE_SIZE),
            ..ProjectSearch::default()
        })
        .try_collect()
        .await?;
    // Stable: the server's order stays within running and finished ones.
    projects.sort_by_key(|p| p.is_finished);
    let ttnx_projects = projects
        .into_iter()
        .map(|p| Choice {
            id: p.id.to_string(),
            name: p.name,
            detail: p.code.filter(|c| !c.trim().is_empty()),
        })
        .collect();
    Ok(ScopeOptions {
        left_kind: pair.left_kind,
        right_kind: pair.right_kind,
        jira_projects,
        ttnx_projects,
    })
}

/// The folders directly under TimeTracker NX project `ttnx_project_id`,
/// each with what it holds ("3 versions, 12 tasks": the items directly
/// under it become Jira versions or sprints, the tasks below them issues).
/// Two requests: the item types and the project's tree, read once.
pub async fn ttnx_folders(
    db_path: &Path,
    secrets: Arc<dyn SecretStore>,
    connection_id: u32,
    ttnx_project_id: &str,
) -> AppResult<Vec<Choice>> {
    let project = ttnx_project_id.trim();
    if project.is_empty() || !project.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::validation(
            "ttnxProjectId",
            "Pick the TimeTracker NX project first; its folders are listed then.",
        ));
    }
    let pair = connect(db_path, secrets, connection_id).await?;
    let folder_types: Vec<ItemTypeId> = pair
        .ttnx
        .item_types()
        .await?
        .into_iter()
        .filter(|t| t.is_folder == Some(true))
        .map(|t| t.id)
        .collect();
    let tree = pair
        .ttnx
        .tree(
            &WorkItemId::from(project),
            &["Id", "Name", "ItemTypeId", "IsDeleted"],
            false,
        )
        .await?;
    let is_folder = |item: &WorkItem| {
        item.fields
            .item_type_id
            .as_ref()
            .is_some_and(|t| folder_types.contains(t))
    };
    Ok(tree
        .iter()
        .filter(|item| is_folder(item) && item.fields.is_deleted != Some(true))
        .filter_map(|folder| {
            let id = folder.id()?.to_string();
            let groups = folder.sub_items.len();
            let tasks = folder
                .sub_items
                .iter()
                .flat_map(|group| group.walk().into_iter().skip(1))
                .filter(|item| !is_folder(item))
                .count();
            Some(Choice {
                id,
                name: folder.fields.name.clone().unwrap_or_default(),
                detail: Some(counts(groups, tasks)),
            })
        })
        .collect())
}

/// "3 versions, 12 tasks", singular for one.
fn counts(groups: usize, tasks: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!("{}, {}", plural(groups, "version"), plural(tasks, "task"))
}

/// The boards of Jira project `jira_project` (for grouping by sprint):
/// scrum boards first, detail = the board's type.
pub async fn jira_boards(
    db_path: &Path,
    secrets: Arc<dyn SecretStore>,
    connection_id: u32,
    jira_project: &str,
) -> AppResult<Vec<Choice>> {
    let project = jira_project.trim();
    if project.is_empty() {
        return Err(AppError::validation(
            "jiraProject",
            "Pick the Jira project first; its boards are listed then.",
        ));
    }
    let pair = connect(db_path, secrets, connection_id).await?;
    let mut boards = pair.jira.boards(project).await?;
    boards.sort_by_key(|b| b.kind.as_deref() != Some("scrum"));
    Ok(boards
        .into_iter()
        .map(|b| Choice {
            id: b.id.to_string(),
            name: b.name,
            detail: b.kind,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::counts;

    #[test]
    fn counts_say_one_and_many() {
        assert_eq!(counts(1, 1), "1 version, 1 task");
        assert_eq!(counts(3, 12), "3 versions, 12 tasks");
        assert_eq!(counts(0, 0), "0 versions, 0 tasks");
    }
}
