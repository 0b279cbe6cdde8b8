//! The user-mapping assistant: the Jira people issues of the project can
//! be assigned to, matched to the TimeTracker NX members of the project by
//! e-mail, then login, then name — the rules member seeding uses
//! (`members::seeding::candidate`), so one person is matched the same way
//! everywhere. Pairs the draft has are kept; whoever is left on either side
//! goes to the unresolved queue.

use std::collections::BTreeSet;

use futures_util::TryStreamExt;
use kakehashi_jira::model::user::User as JiraUser;
use kakehashi_jira::{Deployment, JiraClient};
use kakehashi_ttnx::users::UserSearch;
use kakehashi_ttnx::{TtnxClient, MAX_PAGE_SIZE};

use super::choices::{Choice, MatchedBy, UserSuggestion};
use crate::members::read::{project_key, snapshot};
use crate::members::seeding::{self, candidate, JiraPerson};
use crate::members::{ProjectMembers, UserDirectory};
use crate::sync::model::{Side, UserPair};
use crate::AppResult;

/// The assistant's answer, oriented by the connection's sides.
pub(super) struct UserMatches {
    pub suggestions: Vec<UserSuggestion>,
    pub unresolved_left: Vec<Choice>,
    pub unresolved_right: Vec<Choice>,
    pub left_users: Vec<Choice>,
    pub right_users: Vec<Choice>,
    /// The TT NX project as read (for its name in permission checks).
    pub project: ProjectMembers,
}

/// Reads both sides (Jira: assignable users; TT NX: the project with its
/// members, and their user records) and matches them.
pub(super) async fn match_users(
    jira: &JiraClient,
    ttnx: &TtnxClient,
    jira_side: Side,
    jira_project: &str,
    ttnx_project_id: &str,
    draft: &[UserPair],
) -> AppResult<UserMatches> {
    let jira_people = jira.assignable_users(jira_project).await?;
    let id = project_key(ttnx_project_id)?;
    let project = snapshot(ttnx, &id).await?;
    let users: Vec<_> = ttnx
        .search_users(&UserSearch {
            assigned_project_ids: vec![id],
            page_size: Some(MAX_PAGE_SIZE),
            ..UserSearch::default()
        })
        .try_collect()
        .await?;
    // Only the project's active members may be assigned there.
    let members = UserDirectory::new(
        users
            .into_iter()
            .filter(|u| !u.is_deleted && project.member_of(u.id.as_str()).is_some())
            .collect(),
    );
    let pick = |pair: &UserPair| match jira_side {
        Side::Left => (pair.left.clone(), pair.right.clone()),
        Side::Right => (pair.right.clone(), pair.left.clone()),
    };
    let mut jira_taken: BTreeSet<String> = draft.iter().map(|p| pick(p).0).collect();
    let mut ttnx_taken: BTreeSet<String> = draft.iter().map(|p| pick(p).1).collect();

    let jira_deployment = jira.deployment();
    let mut suggestions = Vec::new();
    let mut unresolved_jira = Vec::new();
    for user in &jira_people {
        let Some(jira_id) = user.id().map(str::to_owned) else {
            continue;
        };
        if jira_taken.contains(&jira_id) {
            continue;
        }
        let person = jira_person(user, jira_deployment);
        let found = candidate(&members, &project, &person);
        let matched = match (found.user, found.matched_by) {
            (Some(u), Some(how)) if !ttnx_taken.contains(&u.user_id) => {
                matched_by(how).map(|how| (u, how))
            }
            _ => None,
        };
        match matched {
            Some((ttnx_user, how)) => {
                jira_taken.insert(jira_id.clone());
                ttnx_taken.insert(ttnx_user.user_id.clone());
                let (left, left_name, right, right_name) = orient(
                    jira_side,
                    (jira_id, person.name.clone()),
                    (ttnx_user.user_id, ttnx_user.name),
                );
                suggestions.push(UserSuggestion {
                    pair: UserPair {
                        left,
                        left_name,
                        right,
                        right_name,
                    },
                    matched_by: how,
                });
            }
            None => unresolved_jira.push(jira_choice(user)),
        }
    }
    let ttnx_all: Vec<Choice> = project
        .members
        .iter()
        .map(|m| {
            let user = members.by_id(&m.user_id);
            Choice {
                id: m.user_id.clone(),
                name: m.name.clone(),
                detail: user
                    .and_then(|u| u.email.clone().or_else(|| u.login_name.clone()))
                    .filter(|d| !d.trim().is_empty()),
            }
        })
        .collect();
    let unresolved_ttnx: Vec<Choice> = ttnx_all
        .iter()
        .filter(|c| !ttnx_taken.contains(&c.id))
        .cloned()
        .collect();
    let jira_all: Vec<Choice> = jira_people.iter().map(jira_choice).collect();
    let (unresolved_left, unresolved_right, left_users, right_users) = match jira_side {
        Side::Left => (unresolved_jira, unresolved_ttnx, jira_all, ttnx_all),
        Side::Right => (unresolved_ttnx, unresolved_jira, ttnx_all, jira_all),
    };
    Ok(UserMatches {
        suggestions,
        unresolved_left,
        unresolved_right,
        left_users,
        right_users,
        project,
    })
}

/// What Jira tells about a person, in the shape member seeding matches.
fn jira_person(user: &JiraUser, deployment: Deployment) -> JiraPerson {
    let text = |v: &Option<String>| v.clone().filter(|t| !t.trim().is_empty());
    JiraPerson {
        name: text(&user.display_name).unwrap_or_default(),
        // Cloud has no logins; Data Center's user name is one.
        login: match deployment {
            Deployment::DataCenter => text(&user.name),
            Deployment::Cloud => None,
        },
        email: text(&user.email_address),
    }
}

fn jira_choice(user: &JiraUser) -> Choice {
    Choice {
        id: user.id().unwrap_or_default().to_owned(),
        name: user
            .display_name
            .clone()
            .or_else(|| user.name.clone())
            .unwrap_or_default(),
        detail: user.email_address.clone().filter(|e| !e.trim().is_empty()),
    }
}

/// Seeding's rule as the sync names it (seeding's "same user" cannot
/// happen across two products).
fn matched_by(how: seeding::MatchedBy) -> Option<MatchedBy> {
    match how {
        seeding::MatchedBy::Email => Some(MatchedBy::Email),
        seeding::MatchedBy::Login => Some(MatchedBy::Login),
        seeding::MatchedBy::Name => Some(MatchedBy::Name),
        seeding::MatchedBy::SameUser => None,
    }
}

/// (left id, left name, right id, right name) for the connection's sides.
fn orient(
    jira_side: Side,
    jira: (String, String),
    ttnx: (String, String),
) -> (String, String, String, String) {
    match jira_side {
        Side::Left => (jira.0, jira.1, ttnx.0, ttnx.1),
        Side::Right => (ttnx.0, ttnx.1, jira.0, jira.1),
    }
}
