//! The difference between two member lists, per user: the preview (current
//! members → what the staged edits would make of them), "what really
//! changed" after an apply, what someone else changed meanwhile, and the
//! before/after the audit log keeps.
//!
//! Keyed by USER id, not member id: a user removed and added again by
//! someone else gets a new member id, and that is one change to one person.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::model::Member;

/// One side of a change for one user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemberState {
    /// `None` only in a preview's add: the server assigns it.
    pub member_id: Option<String>,
    /// `None`: the system default.
    pub unit_cost: Option<f64>,
}

/// One user whose membership differs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemberDelta {
    pub user_id: String,
    pub name: String,
    pub login: Option<String>,
    /// `None`: not a member before (an add).
    pub before: Option<MemberState>,
    /// `None`: not a member after (a remove).
    pub after: Option<MemberState>,
}

/// Adds, updates and removes, each in the order of the lists compared.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemberDiff {
    pub adds: Vec<MemberDelta>,
    pub updates: Vec<MemberDelta>,
    pub removes: Vec<MemberDelta>,
}

impl MemberDiff {
    pub fn is_empty(&self) -> bool {
        self.adds.is_empty() && self.updates.is_empty() && self.removes.is_empty()
    }

    /// How many users differ.
    pub fn len(&self) -> usize {
        self.adds.len() + self.updates.len() + self.removes.len()
    }

    /// Every delta: adds, then updates, then removes.
    pub fn all(&self) -> impl Iterator<Item = &MemberDelta> {
        self.adds
            .iter()
            .chain(self.updates.iter())
            .chain(self.removes.iter())
    }
}

fn state(member: &Member) -> MemberState {
    MemberState {
        member_id: Some(member.member_id.clone()),
        unit_cost: member.unit_cost,
    }
}

/// What differs from `before` to `after`. A member counts as updated when
/// their unit cost or member id differs; names and organisations are the
/// user's, not the membership's, and are not compared.
pub fn diff(before: &[Member], after: &[Member]) -> MemberDiff {
    let old: HashMap<&str, &Member> = before.iter().map(|m| (m.user_id.as_str(), m)).collect();
    let new: HashMap<&str, &Member> = after.iter().map(|m| (m.user_id.as_str(), m)).collect();
    let mut out = MemberDiff::default();
    for now in after {
        match old.get(now.user_id.as_str()) {
            None => out.adds.push(MemberDelta {
                user_id: now.user_id.clone(),
                name: now.name.clone(),
                login: now.login.clone(),
                before: None,
                after: Some(state(now)),
            }),
            Some(was) if was.member_id != now.member_id || was.unit_cost != now.unit_cost => {
                out.updates.push(MemberDelta {
                    user_id: now.user_id.clone(),
                    name: now.name.clone(),
                    login: now.login.clone().or_else(|| was.login.clone()),
                    before: Some(state(was)),
                    after: Some(state(now)),
                })
            }
            Some(_) => {}
        }
    }
    for was in before {
        if !new.contains_key(was.user_id.as_str()) {
            out.removes.push(MemberDelta {
                user_id: was.user_id.clone(),
                name: was.name.clone(),
                login: was.login.clone(),
                before: Some(state(was)),
                after: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn member(member_id: &str, user_id: &str, cost: Option<f64>) -> Member {
        Member {
            member_id: member_id.into(),
            user_id: user_id.into(),
            name: format!("User {user_id}"),
            login: Some(format!("u{user_id}")),
            organization: None,
            unit_cost: cost,
            member_since: None,
        }
    }

    #[test]
    fn equal_lists_differ_in_nothing_whatever_the_order() {
        let a = [member("1", "10", Some(5000.0)), member("2", "20", None)];
        let b = [a[1].clone(), a[0].clone()];
        assert!(diff(&a, &b).is_empty());
        assert!(diff(&[], &[]).is_empty());
    }

    #[test]
    fn adds_updates_and_removes_are_told_apart_with_both_sides() {
        let before = [
            member("1", "10", Some(5000.0)),
            member("2", "20", None),
            member("3", "30", Some(1.0)),
        ];
        let mut renamed = member("1", "10", Some(5000.0));
        renamed.name = "Another spelling".into();
        let after = [
            renamed,
            member("2", "20", Some(4800.0)),
            member("4", "40", Some(7000.0)),
        ];
        let d = diff(&before, &after);
        assert_eq!(d.len(), 3);
        assert_eq!(d.adds[0].user_id, "40");
        assert_eq!(d.adds[0].before, None);
        assert_eq!(
            d.adds[0].after.as_ref().unwrap().member_id.as_deref(),
            Some("4")
        );
        assert_eq!(d.updates[0].user_id, "20", "a name change is not an update");
        assert_eq!(d.updates[0].before.as_ref().unwrap().unit_cost, None);
        assert_eq!(d.updates[0].after.as_ref().unwrap().unit_cost, Some(4800.0));
        assert_eq!(d.removes[0].user_id, "30");
        assert_eq!(d.removes[0].after, None);
    }

    #[test]
    fn a_user_removed_and_added_again_is_one_update_with_the_new_member_id() {
        let before = [member("1", "10", Some(5000.0))];
        let after = [member("9", "10", Some(5000.0))];
        let d = diff(&before, &after);
        assert!(d.adds.is_empty() && d.removes.is_empty());
        assert_eq!(
            d.updates[0].after.as_ref().unwrap().member_id.as_deref(),
            Some("9")
        );
    }
}
