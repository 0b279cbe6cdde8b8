//! Edits staged before anything is written: adds, unit-cost updates and
//! removes, each checked against the members they will be applied to, so
//! the preview only ever shows changes the server can take.
//!
//! Adds name USERS; updates and removes name MEMBERS (a membership), as the
//! API does — a staged update can therefore never hit the wrong person.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::diff::{diff, MemberDiff};
use super::model::{Member, ProjectMembers};
use crate::{AppError, AppResult};

/// Unit costs are rounded to this many decimals when computed (a change by
/// a percentage). The API documents `unitCost` only as a number; the
/// TimeTracker NX screens show at most two decimals, so a computed cost is
/// kept at that precision and the preview shows what the server will keep.
pub const UNIT_COST_DECIMALS: i32 = 2;

/// A user to add.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StagedAdd {
    pub user_id: String,
    /// For the preview and the audit log; the server is sent the id.
    pub name: String,
    /// `None`: the system default.
    pub unit_cost: Option<f64>,
}

/// A new unit cost for a member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct StagedUpdate {
    pub member_id: String,
    /// `None`: back to the system default.
    pub unit_cost: Option<f64>,
}

/// Every staged edit of one project's members.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Staged {
    pub adds: Vec<StagedAdd>,
    pub updates: Vec<StagedUpdate>,
    /// Member ids.
    pub removes: Vec<String>,
}

/// `cost` rounded to [`UNIT_COST_DECIMALS`].
pub fn round_cost(cost: f64) -> f64 {
    let scale = 10f64.powi(UNIT_COST_DECIMALS);
    (cost * scale).round() / scale
}

/// `cost` changed by `percent` (+10 raises by a tenth, -10 lowers), rounded.
pub fn scale_cost(cost: f64, percent: f64) -> AppResult<f64> {
    if !percent.is_finite() || percent < -100.0 {
        return Err(AppError::validation(
            "percent",
            format!("A change of {percent} % is not possible; use a number of -100 or more."),
        ));
    }
    let scaled = round_cost(cost * (1.0 + percent / 100.0));
    check_cost(Some(scaled), "percent")?;
    // -0.0 would read oddly in the preview.
    Ok(scaled.max(0.0))
}

/// A unit cost the server accepts: a finite number of 0 or more.
pub fn check_cost(cost: Option<f64>, field: &str) -> AppResult<()> {
    match cost {
        Some(cost) if !cost.is_finite() || cost < 0.0 => Err(AppError::validation(
            field,
            format!("A unit cost of {cost} is not possible; enter 0 or more, or leave it empty for the system default."),
        )),
        _ => Ok(()),
    }
}

fn no_member(member_id: &str) -> AppError {
    AppError::validation(
        "memberId",
        format!("Member {member_id} is not in this project (any more). Reload the members and stage the change again."),
    )
}

impl Staged {
    pub fn new() -> Self {
        Staged::default()
    }

    pub fn is_empty(&self) -> bool {
        self.adds.is_empty() && self.updates.is_empty() && self.removes.is_empty()
    }

    /// How many single edits: one per add, update and remove.
    pub fn len(&self) -> usize {
        self.adds.len() + self.updates.len() + self.removes.len()
    }

    /// Stages adding a user. Adding back a member staged for removal takes
    /// the removal back instead (with a unit-cost update if the cost differs).
    pub fn add(&mut self, current: &ProjectMembers, add: StagedAdd) -> AppResult<()> {
        check_cost(add.unit_cost, "unitCost")?;
        if add.user_id.trim().is_empty() {
            return Err(AppError::validation(
                "userId",
                "Pick the user to add from the user search.",
            ));
        }
        if let Some(member) = current.member_of(&add.user_id) {
            if let Some(at) = self.removes.iter().position(|id| *id == member.member_id) {
                self.removes.remove(at);
                let member_id = member.member_id.clone();
                if add.unit_cost.is_some() && add.unit_cost != member.unit_cost {
                    self.update(current, &member_id, add.unit_cost)?;
                }
                return Ok(());
            }
            return Err(AppError::validation(
                "userId",
                format!(
                    "{} is already a member of this project; change their unit cost instead.",
                    member.name
                ),
            ));
        }
        if self.adds.iter().any(|staged| staged.user_id == add.user_id) {
            return Err(AppError::validation(
                "userId",
                format!(
                    "{} is already staged to be added; change the unit cost of that add instead.",
                    add.name
                ),
            ));
        }
        self.adds.push(add);
        Ok(())
    }

    /// Stages a new unit cost for a member; setting the cost they already
    /// have drops the staged update.
    pub fn update(
        &mut self,
        current: &ProjectMembers,
        member_id: &str,
        unit_cost: Option<f64>,
    ) -> AppResult<()> {
        check_cost(unit_cost, "unitCost")?;
        let member = current
            .member(member_id)
            .ok_or_else(|| no_member(member_id))?;
        if self.removes.iter().any(|id| id == member_id) {
            return Err(AppError::validation(
                "memberId",
                format!("{} is staged for removal; take the removal back before changing the unit cost.", member.name),
            ));
        }
        self.updates.retain(|update| update.member_id != member_id);
        if unit_cost != member.unit_cost {
            self.updates.push(StagedUpdate {
                member_id: member_id.to_owned(),
                unit_cost,
            });
        }
        Ok(())
    }

    /// Changes the unit cost of each of these members by `percent`, from
    /// their staged cost if any, else their current one, else the project's
    /// default. All or nothing: one member without any cost refuses the lot.
    pub fn change_by_percent(
        &mut self,
        current: &ProjectMembers,
        member_ids: &[String],
        percent: f64,
    ) -> AppResult<()> {
        let mut next = self.clone();
        for member_id in member_ids {
            let member = current
                .member(member_id)
                .ok_or_else(|| no_member(member_id))?;
            let staged = self
                .updates
                .iter()
                .find(|update| update.member_id == *member_id)
                .and_then(|update| update.unit_cost);
            // The system default's amount is not readable through the API,
            // so a member charged at it has no number to scale.
            let base = staged.or(member.unit_cost).ok_or_else(|| {
                AppError::validation(
                    "percent",
                    format!("{} has no unit cost of their own (the system default applies, whose amount TimeTracker NX does not tell); set a value instead.", member.name),
                )
            })?;
            next.update(current, member_id, Some(scale_cost(base, percent)?))?;
        }
        *self = next;
        Ok(())
    }

    /// Stages removing a member.
    pub fn remove(&mut self, current: &ProjectMembers, member_id: &str) -> AppResult<()> {
        current
            .member(member_id)
            .ok_or_else(|| no_member(member_id))?;
        self.updates.retain(|update| update.member_id != member_id);
        if !self.removes.iter().any(|id| id == member_id) {
            self.removes.push(member_id.to_owned());
        }
        Ok(())
    }

    /// Removes a user: a staged add of theirs is taken back (add then
    /// remove cancels out), a member is staged for removal.
    pub fn remove_user(&mut self, current: &ProjectMembers, user_id: &str) -> AppResult<()> {
        if let Some(at) = self.adds.iter().position(|add| add.user_id == user_id) {
            self.adds.remove(at);
            return Ok(());
        }
        let member_id = current
            .member_of(user_id)
            .map(|member| member.member_id.clone())
            .ok_or_else(|| {
                AppError::validation(
                    "userId",
                    format!("User {user_id} is neither a member nor staged to be added; nothing to remove."),
                )
            })?;
        self.remove(current, &member_id)
    }

    /// Checks a whole set of edits against `current` (a set built elsewhere:
    /// the UI, a CSV import, an undo plan, or one staged on older members).
    pub fn validate(&self, current: &ProjectMembers) -> AppResult<()> {
        let mut users = HashSet::new();
        for add in &self.adds {
            check_cost(add.unit_cost, "unitCost")?;
            if let Some(member) = current.member_of(&add.user_id) {
                return Err(AppError::validation(
                    "userId",
                    format!("{} is already a member of this project; reload the members and stage the change again.", member.name),
                ));
            }
            if !users.insert(add.user_id.as_str()) {
                return Err(AppError::validation(
                    "userId",
                    format!("{} is to be added twice; keep one add.", add.name),
                ));
            }
        }
        let mut touched = HashSet::new();
        for update in &self.updates {
            check_cost(update.unit_cost, "unitCost")?;
            current
                .member(&update.member_id)
                .ok_or_else(|| no_member(&update.member_id))?;
            if !touched.insert(update.member_id.as_str()) {
                return Err(AppError::validation(
                    "memberId",
                    format!(
                        "Member {} has two unit-cost changes; keep one.",
                        update.member_id
                    ),
                ));
            }
        }
        for member_id in &self.removes {
            current
                .member(member_id)
                .ok_or_else(|| no_member(member_id))?;
            if !touched.insert(member_id.as_str()) {
                return Err(AppError::validation(
                    "memberId",
                    format!("Member {member_id} is both changed and removed, or removed twice; keep one."),
                ));
            }
        }
        Ok(())
    }

    /// The members as they would be after the edits.
    pub fn expected(&self, current: &ProjectMembers) -> Vec<Member> {
        let mut after: Vec<Member> = current
            .members
            .iter()
            .filter(|member| !self.removes.contains(&member.member_id))
            .map(|member| {
                let mut member = member.clone();
                if let Some(update) = self
                    .updates
                    .iter()
                    .find(|update| update.member_id == member.member_id)
                {
                    member.unit_cost = update.unit_cost;
                }
                member
            })
            .collect();
        after.extend(self.adds.iter().map(|add| Member {
            member_id: String::new(),
            user_id: add.user_id.clone(),
            name: add.name.clone(),
            login: None,
            organization: None,
            unit_cost: add.unit_cost,
            member_since: None,
        }));
        after
    }

    /// The preview: what applying would change. An add's member id is
    /// `None` until the server assigns one.
    pub fn preview(&self, current: &ProjectMembers) -> MemberDiff {
        let mut preview = diff(&current.members, &self.expected(current));
        for add in &mut preview.adds {
            if let Some(after) = &mut add.after {
                after.member_id = None;
            }
        }
        preview
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::model::ProjectSummary;

    fn member(member_id: &str, user_id: &str, cost: Option<f64>) -> Member {
        Member {
            member_id: member_id.into(),
            user_id: user_id.into(),
            name: format!("User {user_id}"),
            login: None,
            organization: None,
            unit_cost: cost,
            member_since: None,
        }
    }

    fn project() -> ProjectMembers {
        ProjectMembers {
            project: ProjectSummary {
                id: "1".into(),
                code: None,
                name: "P".into(),
                manager: None,
                is_finished: false,
            },
            members: vec![
                member("101", "1", Some(5000.0)),
                member("102", "2", None),
                member("103", "3", Some(3333.33)),
            ],
            standard_unit_cost: Some(4800.0),
        }
    }

    fn add(user_id: &str, cost: Option<f64>) -> StagedAdd {
        StagedAdd {
            user_id: user_id.into(),
            name: format!("User {user_id}"),
            unit_cost: cost,
        }
    }

    #[test]
    fn an_existing_member_or_the_same_user_twice_cannot_be_added() {
        let current = project();
        let mut staged = Staged::new();
        let err = staged.add(&current, add("1", None)).unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert!(err.to_string().contains("already a member"), "{err}");
        staged.add(&current, add("9", Some(1.0))).unwrap();
        let err = staged.add(&current, add("9", None)).unwrap_err();
        assert!(err.to_string().contains("already staged"), "{err}");
        let err = staged.add(&current, add(" ", None)).unwrap_err();
        assert_eq!(err.code(), "Validation");
        assert_eq!(staged.len(), 1);
    }

    #[test]
    fn unit_costs_must_be_finite_and_not_negative() {
        let current = project();
        let mut staged = Staged::new();
        for bad in [-0.01, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(staged.add(&current, add("9", Some(bad))).is_err(), "{bad}");
            assert!(staged.update(&current, "101", Some(bad)).is_err(), "{bad}");
        }
        assert!(staged.is_empty());
        staged.add(&current, add("9", Some(0.0))).unwrap();
        staged.update(&current, "101", None).unwrap();
        assert_eq!(staged.len(), 2);
    }

    #[test]
    fn only_existing_members_are_updated_or_removed() {
        let current = project();
        let mut staged = Staged::new();
        assert!(staged.update(&current, "999", Some(1.0)).is_err());
        assert!(staged.remove(&current, "999").is_err());
        // A user id is not a member id.
        assert!(staged.remove(&current, "1").is_err());
        assert!(staged.remove_user(&current, "999").is_err());
        assert!(staged.is_empty());
    }

    #[test]
    fn an_add_then_a_remove_of_the_same_user_cancels_out() {
        let current = project();
        let mut staged = Staged::new();
        staged.add(&current, add("9", Some(100.0))).unwrap();
        staged.remove_user(&current, "9").unwrap();
        assert!(staged.is_empty());
        // And a remove taken back by adding the member again, with a new cost.
        staged.remove_user(&current, "1").unwrap();
        assert_eq!(staged.removes, ["101"]);
        staged.add(&current, add("1", Some(5000.0))).unwrap();
        assert!(staged.is_empty(), "same cost: nothing left");
        staged.remove(&current, "101").unwrap();
        staged.add(&current, add("1", Some(6000.0))).unwrap();
        assert!(staged.removes.is_empty());
        assert_eq!(staged.updates[0].unit_cost, Some(6000.0));
    }

    #[test]
    fn updates_replace_each_other_and_a_remove_drops_them() {
        let current = project();
        let mut staged = Staged::new();
        staged.update(&current, "101", Some(1.0)).unwrap();
        staged.update(&current, "101", Some(2.0)).unwrap();
        assert_eq!(staged.updates.len(), 1);
        staged.update(&current, "101", Some(5000.0)).unwrap();
        assert!(staged.updates.is_empty(), "back to the current cost");
        staged.update(&current, "101", Some(2.0)).unwrap();
        staged.remove(&current, "101").unwrap();
        staged.remove(&current, "101").unwrap();
        assert!(staged.updates.is_empty());
        assert_eq!(staged.removes, ["101"]);
        assert!(staged.update(&current, "101", Some(3.0)).is_err());
    }

    #[test]
    fn a_percentage_starts_from_the_staged_then_the_own_cost_and_rounds() {
        let current = project();
        let mut staged = Staged::new();
        staged.update(&current, "101", Some(6000.0)).unwrap();
        staged.update(&current, "102", Some(4800.0)).unwrap();
        let ids = ["101".to_owned(), "102".to_owned(), "103".to_owned()];
        staged.change_by_percent(&current, &ids, 10.0).unwrap();
        let cost = |id: &str| {
            staged
                .updates
                .iter()
                .find(|u| u.member_id == id)
                .and_then(|u| u.unit_cost)
        };
        assert_eq!(cost("101"), Some(6600.0));
        assert_eq!(cost("102"), Some(5280.0), "from the staged cost");
        assert_eq!(cost("103"), Some(3666.66), "3666.663 rounded");
        assert_eq!(scale_cost(100.0, -100.0).unwrap(), 0.0);
        assert!(scale_cost(100.0, -100.5).is_err());
        assert!(scale_cost(100.0, f64::NAN).is_err());
        assert!(scale_cost(f64::MAX, 100.0).is_err(), "overflow is refused");
    }

    #[test]
    fn a_percentage_without_any_cost_to_start_from_changes_nothing() {
        let current = project();
        let mut staged = Staged::new();
        let ids = ["101".to_owned(), "102".to_owned()];
        let err = staged.change_by_percent(&current, &ids, 5.0).unwrap_err();
        assert!(err.to_string().contains("no unit cost"), "{err}");
        assert!(staged.is_empty(), "all or nothing");
    }

    #[test]
    fn validate_catches_what_the_step_by_step_methods_prevent() {
        let current = project();
        let ok = Staged {
            adds: vec![add("9", None)],
            updates: vec![StagedUpdate {
                member_id: "101".into(),
                unit_cost: Some(1.0),
            }],
            removes: vec!["102".into()],
        };
        ok.validate(&current).unwrap();
        let mut twice = ok.clone();
        twice.adds.push(add("9", Some(2.0)));
        assert!(twice.validate(&current).is_err());
        let mut existing = ok.clone();
        existing.adds.push(add("1", None));
        assert!(existing.validate(&current).is_err());
        let mut both = ok.clone();
        both.removes.push("101".into());
        assert!(both.validate(&current).is_err());
        let mut gone = ok.clone();
        gone.removes.push("555".into());
        assert!(gone.validate(&current).is_err());
        let mut negative = ok;
        negative.updates[0].unit_cost = Some(-5.0);
        assert!(negative.validate(&current).is_err());
    }

    #[test]
    fn the_preview_shows_each_edit_with_before_and_after() {
        let current = project();
        let mut staged = Staged::new();
        staged.add(&current, add("9", None)).unwrap();
        staged.update(&current, "101", Some(7000.0)).unwrap();
        staged.remove(&current, "103").unwrap();
        let preview = staged.preview(&current);
        assert_eq!(preview.len(), 3);
        let added = &preview.adds[0];
        assert_eq!(added.user_id, "9");
        assert_eq!(added.after.as_ref().unwrap().member_id, None);
        let updated = &preview.updates[0];
        assert_eq!(updated.before.as_ref().unwrap().unit_cost, Some(5000.0));
        assert_eq!(updated.after.as_ref().unwrap().unit_cost, Some(7000.0));
        assert_eq!(preview.removes[0].user_id, "3");
        assert!(Staged::new().preview(&current).is_empty());
    }
}
