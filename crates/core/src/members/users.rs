//! Finding TimeTracker NX users to add: the search behind the add dialog
//! (name, e-mail or organisation, a page at a time), and the directory of
//! every user that CSV import, seeding and the CLI resolve login names and
//! e-mail addresses against.

use std::collections::HashSet;

use futures_util::TryStreamExt;
use kakehashi_ttnx::model::User;
use kakehashi_ttnx::users::UserSearch;
use kakehashi_ttnx::{TtnxClient, MAX_PAGE_SIZE};
use serde::{Deserialize, Serialize};

use super::model::ProjectMembers;
use crate::{AppError, AppResult};

/// Most users one search returns: a screenful to pick from; a person
/// looking for someone types more rather than scrolls through thousands.
pub const MAX_SEARCH_LIMIT: u32 = 200;

/// A user someone may add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UserCandidate {
    pub user_id: String,
    pub name: String,
    pub login: Option<String>,
    pub email: Option<String>,
    pub organization: Option<String>,
    /// Some(member id) when already an active member of the project searched for.
    pub member_id: Option<String>,
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UserMatches {
    pub users: Vec<UserCandidate>,
    /// More users match than were returned: narrow the query.
    pub has_more: bool,
}

fn non_empty(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

impl UserCandidate {
    /// `user` as a candidate for `project` (`None`: no project in view).
    pub fn from_user(user: &User, project: Option<&ProjectMembers>) -> Self {
        let user_id = user.id.to_string();
        UserCandidate {
            member_id: project
                .and_then(|project| project.member_of(&user_id))
                .map(|member| member.member_id.clone()),
            user_id,
            name: user.name.clone(),
            login: non_empty(&user.login_name),
            email: non_empty(&user.email),
            organization: non_empty(&user.organization_name),
        }
    }
}

/// Users whose name OR e-mail OR organisation contains `query` (three
/// searches, merged in that order, each user once); at most `limit` users
/// (1..=200). Each search asks for `limit + 1` users a page and stops as
/// soon as one more than `limit` are known, so a query that many people
/// fit costs one request, and any query at most three (plus one page per
/// search of users already seen). Empty query → everyone. Deleted users
/// cannot be added and are left out.
pub async fn search_users(
    client: &TtnxClient,
    project: &ProjectMembers,
    query: &str,
    limit: u32,
) -> AppResult<UserMatches> {
    search_users_in(client, Some(project), query, limit).await
}

/// [`search_users`] without a project in view (the CLI's `members search`):
/// no candidate carries a member id.
pub async fn search_users_in(
    client: &TtnxClient,
    project: Option<&ProjectMembers>,
    query: &str,
    limit: u32,
) -> AppResult<UserMatches> {
    if !(1..=MAX_SEARCH_LIMIT).contains(&limit) {
        return Err(AppError::validation(
            "limit",
            format!("Ask for 1 to {MAX_SEARCH_LIMIT} users at a time."),
        ));
    }
    let query = query.trim();
    let page_size = Some((limit + 1).min(MAX_PAGE_SIZE));
    let searches = if query.is_empty() {
        vec![UserSearch::default()]
    } else {
        vec![
            UserSearch::by_name(query),
            UserSearch::by_email(query),
            UserSearch {
                organization_name: Some(query.to_owned()),
                ..UserSearch::default()
            },
        ]
    };
    let wanted = limit as usize + 1;
    let mut seen = HashSet::new();
    let mut users = Vec::new();
    'searches: for search in searches {
        let mut found = Box::pin(client.search_users(&UserSearch {
            page_size,
            ..search
        }));
        // The stream reads the next page only when it gets that far.
        while let Some(user) = found.try_next().await? {
            if user.is_deleted || !seen.insert(user.id.to_string()) {
                continue;
            }
            users.push(UserCandidate::from_user(&user, project));
            if users.len() == wanted {
                break 'searches;
            }
        }
    }
    let has_more = users.len() > limit as usize;
    users.truncate(limit as usize);
    Ok(UserMatches { users, has_more })
}

/// Every user of the server, to resolve people by login name or e-mail
/// address without a request per person.
#[derive(Debug, Clone, Default)]
pub struct UserDirectory {
    users: Vec<User>,
}

/// What a login name or e-mail address resolves to.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<'a> {
    Found(&'a User),
    Unknown,
    /// Several users fit (a shared e-mail address, or one user's login is
    /// another's address); they are listed to say which.
    Ambiguous(Vec<&'a User>),
}

/// Reads every user, pages of 1,000: one request for most servers.
pub async fn user_directory(client: &TtnxClient) -> AppResult<UserDirectory> {
    let users = client
        .search_users(&UserSearch {
            page_size: Some(MAX_PAGE_SIZE),
            ..UserSearch::default()
        })
        .try_collect()
        .await?;
    Ok(UserDirectory::new(users))
}

impl UserDirectory {
    pub fn new(users: Vec<User>) -> Self {
        UserDirectory { users }
    }

    pub fn len(&self) -> usize {
        self.users.len()
    }

    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    /// Every user, deleted ones included.
    pub fn users(&self) -> &[User] {
        &self.users
    }

    /// The user with this id, deleted or not.
    pub fn by_id(&self, user_id: &str) -> Option<&User> {
        self.users.iter().find(|user| user.id.as_str() == user_id)
    }

    /// The user whose login name or e-mail address is `login_or_email`
    /// (trimmed, case-insensitive, exact). Deleted users are not found:
    /// they cannot be added.
    pub fn find(&self, login_or_email: &str) -> Lookup<'_> {
        let wanted = login_or_email.trim();
        if wanted.is_empty() {
            return Lookup::Unknown;
        }
        let wanted = wanted.to_lowercase();
        let same = |value: &Option<String>| {
            value
                .as_deref()
                .is_some_and(|value| value.trim().to_lowercase() == wanted)
        };
        let fits: Vec<&User> = self
            .users
            .iter()
            .filter(|user| !user.is_deleted)
            .filter(|user| same(&user.login_name) || same(&user.email))
            .collect();
        match fits.as_slice() {
            [] => Lookup::Unknown,
            [user] => Lookup::Found(user),
            _ => Lookup::Ambiguous(fits),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    /// A user as the server lists it.
    pub(crate) fn user(id: u32, login: &str, email: &str, name: &str) -> User {
        serde_json::from_value(json!({
            "id": id.to_string(), "name": name, "loginName": login, "email": email,
            "organizationName": "開発部", "isDeleted": false, "unitCost": 0.0,
        }))
        .unwrap()
    }

    #[test]
    fn logins_and_emails_resolve_case_insensitively_and_exactly() {
        let mut deleted = user(4, "gone", "gone@example.com", "Gone");
        deleted.is_deleted = true;
        let directory = UserDirectory::new(vec![
            user(1, "sato.hanako", "sato@example.co.jp", "佐藤 花子"),
            user(2, "suzuki", "SHARED@example.co.jp", "鈴木 一郎"),
            user(3, "takahashi", "shared@example.co.jp", "高橋 結衣"),
            deleted,
            user(5, "Ärla", "", "Ärla"),
        ]);
        let id = |lookup: Lookup<'_>| match lookup {
            Lookup::Found(user) => user.id.to_string(),
            other => panic!("{other:?}"),
        };
        assert_eq!(id(directory.find("SATO.Hanako")), "1");
        assert_eq!(id(directory.find(" sato@example.co.jp ")), "1");
        assert_eq!(id(directory.find("ärla")), "5", "non-ASCII case folds too");
        assert_eq!(
            directory.find("sato"),
            Lookup::Unknown,
            "exact, not partial"
        );
        assert_eq!(directory.find("gone"), Lookup::Unknown, "deleted users");
        assert_eq!(
            directory.find(""),
            Lookup::Unknown,
            "an empty e-mail fits nobody"
        );
        match directory.find("shared@example.co.jp") {
            Lookup::Ambiguous(users) => assert_eq!(users.len(), 2),
            other => panic!("{other:?}"),
        }
        assert_eq!(directory.by_id("4").unwrap().name, "Gone");
    }
}
