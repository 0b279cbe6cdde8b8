//! `memberChange` of `PUT project/projects/{ids}` (seed 004): add users,
//! change members' unit costs, remove members — in one request. Needs the
//! Manage Project permission.
//!
//! The trap this API sets: `adds` take USER ids (`partyId`), while
//! `updates` and `removes` take MEMBER ids (the `id` of a project member).
//! [`MemberChange`] takes [`UserId`] and [`MemberId`] where each belongs.

use kakehashi_http::HttpError;
use serde::{Deserialize, Serialize};

use crate::model::{join, MemberId, ProjectId, UserId};
use crate::TtnxClient;

/// One change to a project's members, built step by step.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberChange {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    adds: Vec<Add>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    updates: Vec<Update>,
    #[serde(skip_serializing_if = "Option::is_none")]
    removes: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remove_users: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Add {
    #[serde(skip_serializing_if = "Option::is_none")]
    party_id: Option<UserId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<String>,
    party_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_cost: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Update {
    ids: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_cost: Option<f64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Body<'a> {
    member_change: &'a MemberChange,
}

/// What the server answers per project changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberChangeResult {
    pub id: ProjectId,
    /// The member ids of the users added, in the order of the adds.
    #[serde(default)]
    pub added_member_ids: Vec<MemberId>,
    #[serde(default)]
    pub added_user_group_ids: Vec<String>,
}

impl MemberChange {
    /// An empty change.
    pub fn new() -> Self {
        MemberChange::default()
    }

    /// Adds a user by user id; `None` unit cost means the system default.
    pub fn add(mut self, user: UserId, unit_cost: Option<f64>) -> Self {
        self.adds.push(Add {
            party_id: Some(user),
            user: None,
            party_type: "User",
            unit_cost,
        });
        self
    }

    /// Adds a user by display name; with several users of that name the
    /// server takes the first, so prefer [`Self::add`] when the id is known.
    pub fn add_by_name(mut self, name: impl Into<String>, unit_cost: Option<f64>) -> Self {
        self.adds.push(Add {
            party_id: None,
            user: Some(name.into()),
            party_type: "User",
            unit_cost,
        });
        self
    }

    /// Sets the unit cost of these members; `None` resets it to the system default.
    pub fn set_unit_cost(mut self, members: &[MemberId], unit_cost: Option<f64>) -> Self {
        if !members.is_empty() {
            self.updates.push(Update {
                ids: join(members),
                unit_cost,
            });
        }
        self
    }

    /// Removes these members (member ids, not user ids).
    pub fn remove(mut self, members: &[MemberId]) -> Self {
        if !members.is_empty() {
            let mut all: Vec<String> = self
                .removes
                .iter()
                .flat_map(|ids| ids.split(',').map(str::to_owned))
                .collect();
            all.extend(members.iter().map(ToString::to_string));
            self.removes = Some(all.join(","));
        }
        self
    }

    /// Removes the members who are these users, named by login name or e-mail.
    pub fn remove_users<S: AsRef<str>>(mut self, logins_or_emails: &[S]) -> Self {
        let mut all: Vec<String> = self
            .remove_users
            .iter()
            .flat_map(|users| users.split(',').map(str::to_owned))
            .collect();
        all.extend(
            logins_or_emails
                .iter()
                .map(|user| user.as_ref().trim().to_owned())
                .filter(|user| !user.is_empty()),
        );
        if !all.is_empty() {
            self.remove_users = Some(all.join(","));
        }
        self
    }

    /// Whether the change does nothing.
    pub fn is_empty(&self) -> bool {
        self.adds.is_empty()
            && self.updates.is_empty()
            && self.removes.is_none()
            && self.remove_users.is_none()
    }

    /// The request body, `{"memberChange": {...}}`.
    pub fn to_body(&self) -> serde_json::Value {
        serde_json::to_value(Body {
            member_change: self,
        })
        .unwrap_or_default()
    }

    /// Only unit-cost updates can be sent twice with the same outcome; a
    /// repeated add or remove is refused ("already a member", "not a member").
    fn is_repeatable(&self) -> bool {
        self.adds.is_empty() && self.removes.is_none() && self.remove_users.is_none()
    }

    fn check(&self) -> Result<(), HttpError> {
        if self.is_empty() {
            return Err(HttpError::invalid_input(
                "memberChange",
                "The member change is empty: add, update or remove at least one member.",
            ));
        }
        if let Some(add) = self.adds.iter().find(|add| {
            add.user
                .as_deref()
                .is_some_and(|name| name.trim().is_empty())
        }) {
            return Err(HttpError::invalid_input(
                "memberChange.adds",
                format!("A user to add has an empty name ({add:?}); give the user's id or name."),
            ));
        }
        let negative = self
            .adds
            .iter()
            .map(|add| add.unit_cost)
            .chain(self.updates.iter().map(|update| update.unit_cost))
            .flatten()
            .find(|cost| !cost.is_finite() || *cost < 0.0);
        if let Some(cost) = negative {
            return Err(HttpError::invalid_input(
                "unitCost",
                format!("A unit cost of {cost} is not possible; use 0 or more."),
            ));
        }
        Ok(())
    }
}

impl TtnxClient {
    /// Applies `change` to one project; the answer holds the new member ids.
    pub async fn change_members(
        &self,
        project: &ProjectId,
        change: &MemberChange,
    ) -> Result<MemberChangeResult, HttpError> {
        let mut results = self
            .change_members_of(std::slice::from_ref(project), change)
            .await?;
        match results.iter().position(|result| &result.id == project) {
            Some(index) => Ok(results.swap_remove(index)),
            None => Err(HttpError::malformed(
                &format!("PUT project/projects/{project}"),
                format!("an answer without project {project}"),
            )),
        }
    }

    /// Applies the same `change` to several projects at once (all or nothing
    /// on the server). A change that adds or removes is not repeated after a
    /// lost answer: re-read the members to see whether it happened.
    pub async fn change_members_of(
        &self,
        projects: &[ProjectId],
        change: &MemberChange,
    ) -> Result<Vec<MemberChangeResult>, HttpError> {
        change.check()?;
        if projects.is_empty() {
            return Ok(Vec::new());
        }
        self.put(&format!("project/projects/{}", join(projects)))
            .json(&change.to_body())
            .idempotent(change.is_repeatable())
            .send_json()
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_the_shape_of_seed_004() {
        let change = MemberChange::new()
            .add(UserId::from("80"), Some(3000.0))
            .add_by_name("小林 葵", None)
            .set_unit_cost(&[MemberId::from("251")], Some(5000.0))
            .remove(&[MemberId::from("258")])
            .remove(&[MemberId::from("259")])
            .remove_users(&["sato", " ", "kato@example.co.jp"]);
        assert_eq!(
            change.to_body(),
            json!({ "memberChange": {
                "adds": [
                    { "partyId": "80", "partyType": "User", "unitCost": 3000.0 },
                    { "user": "小林 葵", "partyType": "User" }
                ],
                "updates": [{ "ids": "251", "unitCost": 5000.0 }],
                "removes": "258,259",
                "removeUsers": "sato,kato@example.co.jp"
            }})
        );
        assert!(!change.is_repeatable());
        let costs_only = MemberChange::new().set_unit_cost(&[MemberId::from("1")], None);
        assert!(costs_only.is_repeatable());
        assert_eq!(
            costs_only.to_body(),
            json!({ "memberChange": { "updates": [{ "ids": "1" }] } })
        );
    }

    #[test]
    fn empty_and_impossible_changes_are_refused_before_sending() {
        assert!(MemberChange::new().check().is_err());
        assert!(MemberChange::new()
            .remove(&[])
            .remove_users::<&str>(&[])
            .is_empty());
        assert!(MemberChange::new()
            .add(UserId::from("3"), Some(-1.0))
            .check()
            .is_err());
        assert!(MemberChange::new().add_by_name(" ", None).check().is_err());
        assert!(MemberChange::new()
            .add(UserId::from("3"), None)
            .check()
            .is_ok());
    }
}
