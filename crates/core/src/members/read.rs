//! Reading projects and members from TimeTracker NX for the members screen.
//! The project read (`includes=Members`) carries no login names, so a full
//! load also reads the project's users — one request each, however many
//! members (pages of 1,000). The checks around an apply read only the
//! project and carry login names over from the load (see `apply`).

use std::collections::HashMap;

use futures_util::TryStreamExt;
use kakehashi_ttnx::model::ProjectId;
use kakehashi_ttnx::projects::ProjectSearch;
use kakehashi_ttnx::users::UserSearch;
use kakehashi_ttnx::{TtnxClient, MAX_PAGE_SIZE};

use super::model::{Member, ProjectMembers, ProjectSummary};
use crate::{AppError, AppResult};

/// Projects whose name or code contains `text` (both searched, each project
/// once, in the server's order). An empty `text` lists every project.
pub async fn search_projects(client: &TtnxClient, text: &str) -> AppResult<Vec<ProjectSummary>> {
    let text = text.trim();
    let searches = if text.is_empty() {
        vec![ProjectSearch::default()]
    } else {
        vec![
            ProjectSearch {
                name: Some(text.to_owned()),
                ..ProjectSearch::default()
            },
            ProjectSearch {
                code: Some(text.to_owned()),
                ..ProjectSearch::default()
            },
        ]
    };
    let mut found: Vec<ProjectSummary> = Vec::new();
    for search in searches {
        let page_size = Some(MAX_PAGE_SIZE);
        let projects: Vec<_> = client
            .search_projects(&ProjectSearch {
                page_size,
                ..search
            })
            .try_collect()
            .await?;
        for project in projects {
            if !found.iter().any(|known| known.id == project.id.as_str()) {
                found.push(ProjectSummary::from_project(&project));
            }
        }
    }
    Ok(found)
}

/// The project and its active members, login names included.
pub async fn load(client: &TtnxClient, project_id: &str) -> AppResult<ProjectMembers> {
    let id = project_key(project_id)?;
    let mut members = snapshot(client, &id).await?;
    let users: Vec<_> = client
        .search_users(&UserSearch {
            assigned_project_ids: vec![id],
            page_size: Some(MAX_PAGE_SIZE),
            ..UserSearch::default()
        })
        .try_collect()
        .await?;
    let logins: HashMap<String, String> = users
        .into_iter()
        .filter_map(|user| user.login_name.map(|login| (user.id.to_string(), login)))
        .collect();
    for member in &mut members.members {
        member.login = logins.get(&member.user_id).cloned();
    }
    Ok(members)
}

/// The project and its members in ONE request, without login names.
pub(crate) async fn snapshot(client: &TtnxClient, id: &ProjectId) -> AppResult<ProjectMembers> {
    let project = client.project(id).await?;
    Ok(ProjectMembers::from_project(&project))
}

/// Login names (and anything else only a full load knows) carried over
/// from `known` to the same users in `members`.
pub(crate) fn carry_logins(members: &mut [Member], known: &[Member]) {
    let logins: HashMap<&str, &Option<String>> = known
        .iter()
        .map(|member| (member.user_id.as_str(), &member.login))
        .collect();
    for member in members {
        if member.login.is_none() {
            if let Some(login) = logins.get(member.user_id.as_str()) {
                member.login = (*login).clone();
            }
        }
    }
}

pub(crate) fn project_key(project_id: &str) -> AppResult<ProjectId> {
    let id = project_id.trim();
    if id.is_empty() || id.contains(',') {
        return Err(AppError::validation(
            "projectId",
            "Pick one TimeTracker NX project from the project search.",
        ));
    }
    Ok(ProjectId::from(id))
}
