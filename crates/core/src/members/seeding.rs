//! Proposals of people to add, for the review step before they are staged:
//! the members of another TimeTracker NX project (with their unit costs),
//! or the people of a Jira project role matched to TimeTracker NX users.
//! Nothing here stages or writes; the caller stages what the person kept.

use std::collections::HashMap;

use futures_util::{StreamExt, TryStreamExt};
use kakehashi_http::ErrorKind;
use kakehashi_jira::model::role::RoleActor;
use kakehashi_jira::{Deployment, JiraClient};
use kakehashi_ttnx::model::User;
use kakehashi_ttnx::users::UserSearch;
use kakehashi_ttnx::{TtnxClient, MAX_PAGE_SIZE};
use serde::{Deserialize, Serialize};

use super::model::{ProjectMembers, ProjectSummary};
use super::read::{project_key, snapshot};
use super::users::{user_directory, UserCandidate, UserDirectory};
use crate::{AppError, AppResult};

/// How a source person was matched to a TimeTracker NX user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum MatchedBy {
    /// The same TimeTracker NX user (copied from another project).
    SameUser,
    Email,
    Login,
    Name,
}

/// One person of the source, and who they are in TimeTracker NX.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SeedCandidate {
    pub source_name: String,
    pub source_login: Option<String>,
    pub source_email: Option<String>,
    /// The source project's unit cost (copy from project); None from a Jira role.
    pub unit_cost: Option<f64>,
    pub user: Option<UserCandidate>,
    pub matched_by: Option<MatchedBy>,
    /// Several TT NX users fit (by e-mail or by name) and none better: the
    /// review step picks one. `user` and `matched_by` are then `None`.
    pub alternatives: Vec<UserCandidate>,
    pub already_member: bool,
}

/// Everyone a source proposes, in the source's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SeedProposal {
    /// "WEB – Webサイト刷新" or "DEMO · Developers".
    pub source: String,
    pub candidates: Vec<SeedCandidate>,
}

/// A Jira project role to seed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct JiraRole {
    pub id: String,
    pub name: String,
}

/// Most Jira role members looked up one by one for their e-mail address
/// (Jira lists role actors without it). A larger role is matched on what
/// the actor itself carries — the login on Data Center, the display name
/// everywhere — so a huge role costs at most this many requests.
pub const MAX_JIRA_LOOKUPS: usize = 200;
/// Lookups in flight at once; the Jira client's rate limiter still applies.
const LOOKUP_CONCURRENCY: usize = 4;

/// The active members of project `source_project_id`, as candidates for
/// `target` with their unit costs. Two requests: the project with its
/// members, and its users (login names and e-mail addresses).
pub async fn from_project(
    client: &TtnxClient,
    target: &ProjectMembers,
    source_project_id: &str,
) -> AppResult<SeedProposal> {
    let id = project_key(source_project_id)?;
    if id.as_str() == target.project.id {
        return Err(AppError::validation(
            "sourceProjectId",
            "That is the project being edited: pick another project to copy members from.",
        ));
    }
    let source = snapshot(client, &id).await?;
    let users: Vec<User> = client
        .search_users(&UserSearch {
            assigned_project_ids: vec![id],
            page_size: Some(MAX_PAGE_SIZE),
            ..UserSearch::default()
        })
        .try_collect()
        .await?;
    let users: HashMap<String, &User> = users
        .iter()
        .map(|user| (user.id.to_string(), user))
        .collect();
    let candidates = source
        .members
        .iter()
        .map(|member| {
            let user = users.get(&member.user_id).copied();
            let candidate = match user {
                Some(user) => UserCandidate::from_user(user, Some(target)),
                // Listed as a member but not among the project's users (a
                // user deleted meanwhile): what the member row says.
                None => UserCandidate {
                    user_id: member.user_id.clone(),
                    name: member.name.clone(),
                    login: None,
                    email: None,
                    organization: member.organization.clone(),
                    member_id: target
                        .member_of(&member.user_id)
                        .map(|m| m.member_id.clone()),
                },
            };
            SeedCandidate {
                source_name: member.name.clone(),
                source_login: candidate.login.clone(),
                source_email: candidate.email.clone(),
                unit_cost: member.unit_cost,
                already_member: candidate.member_id.is_some(),
                user: Some(candidate),
                matched_by: Some(MatchedBy::SameUser),
                alternatives: Vec::new(),
            }
        })
        .collect();
    Ok(SeedProposal {
        source: project_label(&source.project),
        candidates,
    })
}

fn project_label(project: &ProjectSummary) -> String {
    match &project.code {
        Some(code) => format!("{code} – {}", project.name),
        None => project.name.clone(),
    }
}

/// The roles of a Jira project, in Jira's id order.
pub async fn jira_roles(jira: &JiraClient, jira_project: &str) -> AppResult<Vec<JiraRole>> {
    let project = jira_project_key(jira_project)?;
    Ok(jira
        .project_roles(project)
        .await?
        .into_iter()
        .map(|role| JiraRole {
            id: role.id.to_string(),
            name: role.name,
        })
        .collect())
}

fn jira_project_key(jira_project: &str) -> AppResult<&str> {
    let project = jira_project.trim();
    if project.is_empty() {
        return Err(AppError::validation(
            "jiraProject",
            "Name the Jira project by its key (e.g. DEMO) or id.",
        ));
    }
    Ok(project)
}

/// A person of a Jira role, as far as Jira tells.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct JiraPerson {
    pub name: String,
    /// Data Center's user name (Cloud has no logins).
    pub login: Option<String>,
    /// Hidden by some Cloud profiles.
    pub email: Option<String>,
}

/// The people of a Jira project role matched to TimeTracker NX users by
/// e-mail, then login, then display name (trimmed, spaces collapsed,
/// case-insensitive; TimeTracker NX's name and English name both count).
///
/// Requests: the role (one), each user actor looked up for the e-mail
/// address Jira leaves out of role actors (at most [`MAX_JIRA_LOOKUPS`],
/// four at a time), and the TimeTracker NX user list (one per 1,000
/// users). Groups are not expanded: Jira lists a group's members only page
/// by page, and a group in a role is usually a broad one ("everyone with
/// Jira access") that nobody wants copied whole; a group becomes an
/// unmatched candidate whose name says to add its people one by one.
pub async fn from_jira_role(
    ttnx: &TtnxClient,
    target: &ProjectMembers,
    jira: &JiraClient,
    jira_project: &str,
    role_id: &str,
) -> AppResult<SeedProposal> {
    let project = jira_project_key(jira_project)?;
    let role_number: u64 = role_id.trim().parse().map_err(|_| {
        AppError::validation(
            "roleId",
            format!("“{role_id}” is not a Jira role id: pick a role from the project's roles."),
        )
    })?;
    let role = jira.project_role(project, role_number).await?;
    let people = role_people(jira, &role.actors).await?;
    let directory = user_directory(ttnx).await?;
    let candidates = role
        .actors
        .iter()
        .zip(people)
        .map(|(actor, person)| match person {
            Some(person) => candidate(&directory, target, &person),
            None => group_candidate(actor),
        })
        .collect();
    Ok(SeedProposal {
        source: format!("{project} · {}", role.name),
        candidates,
    })
}

/// Each actor as a person (`None` for a group), in the actors' order.
async fn role_people(
    jira: &JiraClient,
    actors: &[RoleActor],
) -> AppResult<Vec<Option<JiraPerson>>> {
    let mut budget = MAX_JIRA_LOOKUPS;
    // Owned inputs first: a stream of futures made from `&RoleActor`
    // borrows would not be provably `Send` for the app's async commands.
    let inputs: Vec<(Option<String>, Option<JiraPerson>, bool)> = actors
        .iter()
        .map(|actor| {
            let id = actor.user_id().map(str::to_owned);
            let look_up = id.is_some() && budget > 0;
            if look_up {
                budget -= 1;
            }
            let from_actor = id.as_ref().map(|_| JiraPerson {
                name: actor
                    .display_name
                    .clone()
                    .or_else(|| actor.name.clone())
                    .unwrap_or_default(),
                login: dc_login(jira, actor),
                email: None,
            });
            (id, from_actor, look_up)
        })
        .collect();
    let lookups = inputs
        .into_iter()
        .map(|(id, from_actor, look_up)| async move {
            let (Some(id), Some(mut person), true) = (id, from_actor.clone(), look_up) else {
                return Ok(from_actor);
            };
            match jira.user(&id).await {
                Ok(user) => {
                    person.email = user.email_address.filter(|e| !e.trim().is_empty());
                    if let Some(name) = user.display_name.filter(|n| !n.trim().is_empty()) {
                        person.name = name;
                    }
                    Ok(Some(person))
                }
                // Gone since, or not visible to this account: what the actor says.
                Err(err)
                    if matches!(err.kind, ErrorKind::NotFound | ErrorKind::Forbidden { .. }) =>
                {
                    Ok(Some(person))
                }
                Err(err) => Err(AppError::from(err)),
            }
        });
    futures_util::stream::iter(lookups)
        .buffered(LOOKUP_CONCURRENCY)
        .try_collect()
        .await
}

fn dc_login(jira: &JiraClient, actor: &RoleActor) -> Option<String> {
    match jira.deployment() {
        Deployment::DataCenter => actor.name.clone().filter(|n| !n.trim().is_empty()),
        // A Cloud actor's `name`, where present, is not a login.
        Deployment::Cloud => None,
    }
}

fn group_candidate(actor: &RoleActor) -> SeedCandidate {
    let group = actor
        .display_name
        .clone()
        .or_else(|| actor.name.clone())
        .unwrap_or_else(|| format!("group {}", actor.id));
    SeedCandidate {
        source_name: format!("{group} (Jira group: add its people one by one)"),
        source_login: None,
        source_email: None,
        unit_cost: None,
        user: None,
        matched_by: None,
        alternatives: Vec::new(),
        already_member: false,
    }
}

/// Trimmed, runs of spaces (full-width ones too) as one, lower case.
fn normalised(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// `person` matched against `directory`: the first rule that finds exactly
/// one user wins; when none does, the first rule that found several gives
/// the alternatives.
pub(crate) fn candidate(
    directory: &UserDirectory,
    target: &ProjectMembers,
    person: &JiraPerson,
) -> SeedCandidate {
    let same = |value: &Option<String>, wanted: &str| {
        value
            .as_deref()
            .is_some_and(|value| value.trim().to_lowercase() == wanted)
    };
    let active = || directory.users().iter().filter(|user| !user.is_deleted);
    let mut rules: Vec<(MatchedBy, Vec<&User>)> = Vec::new();
    if let Some(email) = &person.email {
        let email = email.trim().to_lowercase();
        rules.push((
            MatchedBy::Email,
            active().filter(|u| same(&u.email, &email)).collect(),
        ));
    }
    if let Some(login) = &person.login {
        let login = login.trim().to_lowercase();
        rules.push((
            MatchedBy::Login,
            active().filter(|u| same(&u.login_name, &login)).collect(),
        ));
    }
    let name = normalised(&person.name);
    if !name.is_empty() {
        rules.push((
            MatchedBy::Name,
            active()
                .filter(|u| {
                    normalised(&u.name) == name
                        || u.english_name
                            .as_deref()
                            .is_some_and(|en| normalised(en) == name)
                })
                .collect(),
        ));
    }
    let as_candidate = |user: &User| UserCandidate::from_user(user, Some(target));
    let unique = rules.iter().find(|(_, users)| users.len() == 1);
    let (user, matched_by, alternatives) = match unique {
        Some((rule, users)) => (Some(as_candidate(users[0])), Some(*rule), Vec::new()),
        None => {
            let several = rules.iter().find(|(_, users)| users.len() > 1);
            let alternatives = several
                .map(|(_, users)| users.iter().map(|u| as_candidate(u)).collect())
                .unwrap_or_default();
            (None, None, alternatives)
        }
    };
    SeedCandidate {
        source_name: person.name.clone(),
        source_login: person.login.clone(),
        source_email: person.email.clone(),
        unit_cost: None,
        already_member: user.as_ref().is_some_and(|u| u.member_id.is_some()),
        user,
        matched_by,
        alternatives,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::model::Member;
    use crate::members::users::tests::user;

    fn target() -> ProjectMembers {
        ProjectMembers {
            project: ProjectSummary {
                id: "1001".into(),
                code: Some("WEB".into()),
                name: "Webサイト刷新".into(),
                manager: None,
                is_finished: false,
            },
            members: vec![Member {
                member_id: "251".into(),
                user_id: "2".into(),
                name: "鈴木 一郎".into(),
                login: Some("suzuki".into()),
                organization: None,
                unit_cost: Some(5000.0),
                member_since: None,
            }],
            default_unit_cost: Some(5000.0),
        }
    }

    fn directory() -> UserDirectory {
        let mut english = user(5, "emma", "emma@example.se", "エマ リンドqvist");
        english.english_name = Some("Emma  Lindqvist".into());
        UserDirectory::new(vec![
            user(1, "sato.hanako", "sato@example.co.jp", "佐藤 花子"),
            user(2, "suzuki", "suzuki@example.co.jp", "鈴木 一郎"),
            user(3, "tanaka.a", "tanaka@example.co.jp", "田中 健二"),
            user(4, "tanaka.b", "tanaka@example.co.jp", "田中　健二"),
            english,
        ])
    }

    fn person(name: &str, login: Option<&str>, email: Option<&str>) -> JiraPerson {
        JiraPerson {
            name: name.into(),
            login: login.map(Into::into),
            email: email.map(Into::into),
        }
    }

    #[test]
    fn email_first_then_login_then_name() {
        let (dir, target) = (directory(), target());
        let by_email = candidate(
            &dir,
            &target,
            &person("Someone Else", Some("suzuki"), Some("SATO@example.co.jp")),
        );
        assert_eq!(by_email.matched_by, Some(MatchedBy::Email));
        assert_eq!(by_email.user.unwrap().user_id, "1", "e-mail beats login");

        let by_login = candidate(&dir, &target, &person("x", Some("Suzuki"), Some("no@x")));
        assert_eq!(by_login.matched_by, Some(MatchedBy::Login));
        assert!(by_login.already_member);
        assert_eq!(by_login.user.unwrap().member_id.as_deref(), Some("251"));

        let by_name = candidate(&dir, &target, &person("  佐藤   花子 ", None, None));
        assert_eq!(by_name.matched_by, Some(MatchedBy::Name));
        let english = candidate(&dir, &target, &person("emma lindqvist", None, None));
        assert_eq!(
            english.user.unwrap().user_id,
            "5",
            "the English name counts"
        );
    }

    #[test]
    fn several_fits_become_alternatives_unless_a_later_rule_is_unique() {
        let (dir, target) = (directory(), target());
        // A shared e-mail, and a name two users have (one with a full-width space).
        let shared = candidate(
            &dir,
            &target,
            &person("田中 健二", None, Some("tanaka@example.co.jp")),
        );
        assert_eq!(shared.user, None);
        assert_eq!(shared.matched_by, None);
        let ids: Vec<_> = shared
            .alternatives
            .iter()
            .map(|u| u.user_id.as_str())
            .collect();
        assert_eq!(ids, ["3", "4"]);
        // The login settles it.
        let settled = candidate(
            &dir,
            &target,
            &person("田中 健二", Some("tanaka.b"), Some("tanaka@example.co.jp")),
        );
        assert_eq!(settled.matched_by, Some(MatchedBy::Login));
        assert_eq!(settled.user.unwrap().user_id, "4");

        let nobody = candidate(&dir, &target, &person("Nobody", Some("nobody"), None));
        assert!(nobody.user.is_none() && nobody.alternatives.is_empty());
        assert!(!nobody.already_member);
    }
}
