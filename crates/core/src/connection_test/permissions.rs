//! permissions: each permission the sync needs, one row each.
//!
//! - Jira: `mypermissions` for browse, create, edit, transition, comment,
//!   attach and log work.
//! - TimeTracker NX: Manage Project (adding project members needs it). The
//!   API has no "my permissions", so it is asked by an empty partial
//!   update (`PUT project/projects/{id}` with `{}`) on the first running
//!   project the account sees: it names no field, so it changes none, and
//!   the server refuses it without Manage Project.
//! - Asana: write access. A read-only OAuth scope fails without asking;
//!   otherwise an empty task update (`PUT tasks/{gid}` with no field) on
//!   the first task the account sees, refused for guests and read-only
//!   members.

use futures_util::TryStreamExt;
use kakehashi_asana::model::TaskUpdate;
use kakehashi_asana::{AsanaClient, ListOptions};
use kakehashi_http::{ErrorKind, HttpError};
use kakehashi_jira::{JiraClient, PermissionScope};
use kakehashi_ttnx::projects::ProjectSearch;
use kakehashi_ttnx::TtnxClient;

use super::auth::{product_of, Session, SignedIn};
use super::findings::{Checked, Finding, Permission};
use super::model::CheckId;
use crate::workspace::{CredentialKind, ServerKind};

/// Jira's keys, in the order the checklist shows them.
pub(super) const JIRA_PERMISSIONS: [&str; 7] = [
    "BROWSE_PROJECTS",
    "CREATE_ISSUES",
    "EDIT_ISSUES",
    "TRANSITION_ISSUES",
    "ADD_COMMENTS",
    "CREATE_ATTACHMENTS",
    "WORK_ON_ISSUES",
];
pub(super) const MANAGE_PROJECT: &str = "MANAGE_PROJECT";
pub(super) const WRITE: &str = "WRITE";

/// Asana projects looked into for a task before giving up.
const ASANA_PROJECTS_TRIED: u8 = 10;

pub(super) async fn check(signed: &SignedIn, stored: ServerKind) -> Checked {
    let product = product_of(&signed.session, stored);
    let held = match &signed.session {
        Session::Jira(client) => jira(client).await,
        Session::Ttnx(client) => ttnx(client).await,
        Session::Asana(client) => asana(client, signed).await,
    };
    match held {
        Ok(Held::Rows(rows)) => verdict(product, rows),
        Ok(Held::Unknown(finding)) => Checked::warning(CheckId::Permissions, finding),
        Ok(Held::Refused(finding, rows)) => {
            Checked::failed(CheckId::Permissions, finding).with_permissions(rows)
        }
        Err(err) => Checked::warning(
            CheckId::Permissions,
            Finding::PermissionsFailed {
                detail: err.message,
            },
        ),
    }
}

/// What a product said about the account.
enum Held {
    /// One row per permission.
    Rows(Vec<Permission>),
    /// Nothing to try the permission on (yet).
    Unknown(Finding),
    /// Known to be missing without asking the server.
    Refused(Finding, Vec<Permission>),
}

fn verdict(product: ServerKind, rows: Vec<Permission>) -> Checked {
    let missing: Vec<String> = rows
        .iter()
        .filter(|row| !row.granted)
        .map(|row| row.key.clone())
        .collect();
    let checked = if missing.is_empty() {
        Checked::passed(CheckId::Permissions, Finding::PermissionsGranted)
    } else {
        Checked::failed(
            CheckId::Permissions,
            Finding::PermissionsMissing { product, missing },
        )
    };
    checked.with_permissions(rows)
}

fn row(key: &str, granted: bool) -> Permission {
    Permission {
        key: key.to_owned(),
        granted,
    }
}

async fn jira(client: &JiraClient) -> Result<Held, HttpError> {
    // Without a project, Jira answers whether the account holds each one
    // in at least one project.
    let held = client
        .my_permissions(&JIRA_PERMISSIONS, PermissionScope::Global)
        .await?;
    Ok(Held::Rows(
        JIRA_PERMISSIONS
            .iter()
            .map(|key| row(key, held.has(key)))
            .collect(),
    ))
}

async fn ttnx(client: &TtnxClient) -> Result<Held, HttpError> {
    let running = ProjectSearch {
        is_finished: Some(false),
        page_size: Some(1),
        ..ProjectSearch::default()
    };
    let mut projects = std::pin::pin!(client.search_projects(&running));
    let Some(project) = projects.try_next().await? else {
        return Ok(Held::Unknown(Finding::PermissionsNoProject));
    };
    let may = client.may_manage_project(&project.id).await?;
    Ok(Held::Rows(vec![row(MANAGE_PROJECT, may)]))
}

async fn asana(client: &AsanaClient, signed: &SignedIn) -> Result<Held, HttpError> {
    if signed.credential_kind == CredentialKind::AsanaOauth {
        if let Some(scopes) = signed.scopes.as_deref().filter(|s| read_only(s)) {
            let finding = Finding::PermissionsReadOnlyScope {
                scopes: scopes.trim().to_owned(),
            };
            return Ok(Held::Refused(finding, vec![row(WRITE, false)]));
        }
    }
    let Some(task) = first_task(client).await? else {
        return Ok(Held::Unknown(Finding::PermissionsNoTask));
    };
    match client.update_task(&task, &TaskUpdate::default()).await {
        Ok(_) => Ok(Held::Rows(vec![row(WRITE, true)])),
        Err(err) if matches!(err.kind, ErrorKind::Forbidden { .. }) => {
            Ok(Held::Rows(vec![row(WRITE, false)]))
        }
        Err(err) => Err(err),
    }
}

/// The gid of a task the account sees, looking into the first projects of
/// its first workspace.
async fn first_task(client: &AsanaClient) -> Result<Option<String>, HttpError> {
    let one = || ListOptions::default().limit(1).opt_fields("name");
    let mut workspaces = client.workspaces(&one());
    let Some(workspace) = workspaces.try_next().await? else {
        return Ok(None);
    };
    let projects = ListOptions::default()
        .limit(ASANA_PROJECTS_TRIED)
        .opt_fields("name");
    let mut projects = client.projects(&workspace.gid, &projects);
    let mut tried = 0;
    while let Some(project) = projects.try_next().await? {
        let mut tasks = client.tasks(&project.gid, None, &one());
        if let Some(task) = tasks.try_next().await? {
            return Ok(Some(task.gid));
        }
        tried += 1;
        if tried >= ASANA_PROJECTS_TRIED {
            break;
        }
    }
    Ok(None)
}

/// Whether Asana OAuth scopes allow reading only: none is the full
/// `default` scope or a `…:write` one.
fn read_only(scopes: &str) -> bool {
    let scopes: Vec<&str> = scopes
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
        .collect();
    !scopes.is_empty()
        && !scopes
            .iter()
            .any(|scope| *scope == "default" || scope.ends_with(":write"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_scopes_without_default_or_write_are_read_only() {
        assert!(read_only("tasks:read projects:read"));
        assert!(read_only("openid,email"));
        assert!(!read_only("default"));
        assert!(!read_only("tasks:read tasks:write"));
        assert!(!read_only("  "));
    }
}
