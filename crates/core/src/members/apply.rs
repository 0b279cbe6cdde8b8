//! Applying staged edits: read the members again and stop if someone else
//! changed them since the preview; send every edit in ONE `memberChange`
//! (more only above [`CHUNK_LIMIT`] edits); read the members again and
//! report what really changed.
//!
//! Per-member failures: the server checks a whole `memberChange` before it
//! writes anything and refuses it as a whole (400) when one entry is wrong —
//! an unknown user, a member someone else just removed. So a refused request
//! changed nothing, and it is split in halves and sent again until the
//! refused entries stand alone; those are reported with the server's reason
//! and everything else is applied. That costs extra requests only when
//! something is refused: about two per refused entry and halving step.

use kakehashi_http::{ErrorKind, HttpError};
use kakehashi_ttnx::model::{MemberId, UserId};
use kakehashi_ttnx::{MemberChange, TtnxClient};
use serde::{Deserialize, Serialize};

use super::diff::{diff, MemberDiff};
use super::model::{ProjectMembers, ProjectSummary};
use super::read::{carry_logins, project_key, snapshot};
use super::staging::{Staged, StagedAdd};
use crate::{AppError, AppResult};

/// Most edits (adds + updated members + removes) sent in one request. The
/// API states no limit; 500 keeps a body around 30 KB and well inside any
/// proxy's limits, while the benchmark (200 edits) and any project
/// a person manages by hand go out in one request.
pub const CHUNK_LIMIT: usize = 500;

/// Which kind of edit failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum MemberAction {
    Add,
    Update,
    Remove,
}

/// One edit the server refused, or could not be sent; the others stand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct MemberFailure {
    pub action: MemberAction,
    /// Set for an add.
    pub user_id: Option<String>,
    /// Set for an update or a remove.
    pub member_id: Option<String>,
    pub name: String,
    /// Why, with what to do next; the server's own words are included.
    pub message: String,
}

/// What an apply did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ApplyReport {
    pub project: ProjectSummary,
    /// What really changed, read back from the server after the apply.
    pub changes: MemberDiff,
    pub failures: Vec<MemberFailure>,
    /// The members after the apply (login names carried over from the base).
    pub after: ProjectMembers,
    /// HTTP requests the apply made (reads included, transport retries not).
    pub requests: u32,
}

/// An apply either happened, or found the members changed meanwhile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(
    tag = "outcome",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum ApplyOutcome {
    Applied(ApplyReport),
    /// Nothing was sent: someone changed the members after the preview.
    /// `changed` is base → now; stage again on `current` (or keep the
    /// edits and apply with `current` as the base) — the caller decides.
    Conflict {
        changed: MemberDiff,
        current: ProjectMembers,
    },
}

/// One edit, the unit a refused request is split into.
#[derive(Debug, Clone)]
enum Edit {
    Add(StagedAdd),
    Update {
        member_id: String,
        unit_cost: Option<f64>,
    },
    Remove(String),
}

/// Applies `staged`, previewed on `base`, to the project of `base`.
pub async fn apply(
    client: &TtnxClient,
    base: &ProjectMembers,
    staged: &Staged,
) -> AppResult<ApplyOutcome> {
    if staged.is_empty() {
        return Err(AppError::validation(
            "staged",
            "Nothing is staged: add, change or remove a member first.",
        ));
    }
    staged.validate(base)?;
    let id = project_key(&base.project.id)?;
    let mut requests = 1;
    let mut current = snapshot(client, &id).await?;
    carry_logins(&mut current.members, &base.members);
    let changed = diff(&base.members, &current.members);
    if !changed.is_empty() {
        tracing::info!(
            project = %id,
            changed = changed.len(),
            "members changed since the preview; nothing applied"
        );
        return Ok(ApplyOutcome::Conflict { changed, current });
    }

    let edits = edits(staged);
    // A stack of batches; the first batch is on top.
    let mut pending: Vec<Vec<Edit>> = edits
        .chunks(CHUNK_LIMIT)
        .rev()
        .map(<[Edit]>::to_vec)
        .collect();
    let mut failures = Vec::new();
    let mut sent_any = false;
    while let Some(batch) = pending.pop() {
        requests += 1;
        match client.change_members(&id, &change(&batch)).await {
            Ok(_) => sent_any = true,
            Err(err) if is_refusal(&err) && batch.len() > 1 => {
                let (first, second) = batch.split_at(batch.len() / 2);
                pending.push(second.to_vec());
                pending.push(first.to_vec());
            }
            Err(err) if is_refusal(&err) => {
                failures.extend(batch.iter().map(|edit| failure(base, edit, &err, true)));
            }
            Err(err) if !sent_any => return Err(err.into()),
            Err(err) => {
                // Some batches went through: report them, and these as not sent.
                failures.extend(
                    std::iter::once(batch)
                        .chain(pending.drain(..).rev())
                        .flatten()
                        .map(|edit| failure(base, &edit, &err, false)),
                );
            }
        }
    }

    requests += 1;
    let mut after = snapshot(client, &id).await?;
    carry_logins(&mut after.members, &base.members);
    let changes = diff(&base.members, &after.members);
    tracing::info!(
        project = %id,
        changed = changes.len(),
        failed = failures.len(),
        requests,
        "members applied"
    );
    Ok(ApplyOutcome::Applied(ApplyReport {
        project: after.project.clone(),
        changes,
        failures,
        after,
        requests,
    }))
}

/// A 400: the server read the change and refused its content.
fn is_refusal(err: &HttpError) -> bool {
    matches!(
        err.kind,
        ErrorKind::Rejected | ErrorKind::InvalidInput { .. }
    )
}

fn edits(staged: &Staged) -> Vec<Edit> {
    let adds = staged.adds.iter().cloned().map(Edit::Add);
    let updates = staged.updates.iter().map(|update| Edit::Update {
        member_id: update.member_id.clone(),
        unit_cost: update.unit_cost,
    });
    let removes = staged.removes.iter().cloned().map(Edit::Remove);
    adds.chain(updates).chain(removes).collect()
}

/// One `memberChange` for `batch`: updates to the same unit cost share one
/// entry (`ids: "1,2"`), removes are one list.
fn change(batch: &[Edit]) -> MemberChange {
    let mut change = MemberChange::new();
    // Grouped by the cost's bits: costs are validated finite, so equal
    // numbers have equal bits (0.0 and -0.0 aside, which `scale_cost` avoids).
    let mut groups: Vec<(Option<u64>, Option<f64>, Vec<MemberId>)> = Vec::new();
    let mut removes = Vec::new();
    for edit in batch {
        match edit {
            Edit::Add(add) => {
                change = change.add(UserId::from(add.user_id.as_str()), add.unit_cost);
            }
            Edit::Update {
                member_id,
                unit_cost,
            } => {
                let key = unit_cost.map(f64::to_bits);
                let member = MemberId::from(member_id.as_str());
                match groups.iter_mut().find(|(bits, _, _)| *bits == key) {
                    Some((_, _, ids)) => ids.push(member),
                    None => groups.push((key, *unit_cost, vec![member])),
                }
            }
            Edit::Remove(member_id) => removes.push(MemberId::from(member_id.as_str())),
        }
    }
    for (_, unit_cost, ids) in groups {
        change = change.set_unit_cost(&ids, unit_cost);
    }
    change.remove(&removes)
}

fn failure(base: &ProjectMembers, edit: &Edit, err: &HttpError, refused: bool) -> MemberFailure {
    let name_of = |member_id: &str| {
        base.member(member_id)
            .map_or_else(|| format!("member {member_id}"), |m| m.name.clone())
    };
    let (action, user_id, member_id, name) = match edit {
        Edit::Add(add) => (
            MemberAction::Add,
            Some(add.user_id.clone()),
            None,
            add.name.clone(),
        ),
        Edit::Update { member_id, .. } => (
            MemberAction::Update,
            None,
            Some(member_id.clone()),
            name_of(member_id),
        ),
        Edit::Remove(member_id) => (
            MemberAction::Remove,
            None,
            Some(member_id.clone()),
            name_of(member_id),
        ),
    };
    let what = match action {
        MemberAction::Add => "Adding",
        MemberAction::Update => "Changing the unit cost of",
        MemberAction::Remove => "Removing",
    };
    let message = if refused {
        format!(
            "{what} {name} was refused by TimeTracker NX: {}. The other changes were applied; reload the members, check this one and stage it again.",
            err.message
        )
    } else {
        format!(
            "{what} {name} was not sent: {}. The changes before it were applied; reload the members and apply the rest again.",
            err.message
        )
    };
    MemberFailure {
        action,
        user_id,
        member_id,
        name,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::staging::StagedUpdate;
    use serde_json::json;

    #[test]
    fn one_change_groups_updates_by_cost_and_joins_removes() {
        let staged = Staged {
            adds: vec![
                StagedAdd {
                    user_id: "80".into(),
                    name: "A".into(),
                    unit_cost: Some(3000.0),
                },
                StagedAdd {
                    user_id: "81".into(),
                    name: "B".into(),
                    unit_cost: None,
                },
            ],
            updates: [("1", Some(5000.0)), ("2", None), ("3", Some(5000.0))]
                .into_iter()
                .map(|(member_id, unit_cost)| StagedUpdate {
                    member_id: member_id.into(),
                    unit_cost,
                })
                .collect(),
            removes: vec!["4".into(), "5".into()],
        };
        assert_eq!(
            change(&edits(&staged)).to_body(),
            json!({ "memberChange": {
                "adds": [
                    { "partyId": "80", "partyType": "User", "unitCost": 3000.0 },
                    { "partyId": "81", "partyType": "User" }
                ],
                "updates": [{ "ids": "1,3", "unitCost": 5000.0 }, { "ids": "2" }],
                "removes": "4,5"
            }})
        );
    }

    #[test]
    fn a_large_set_is_split_only_above_the_limit() {
        let staged = Staged {
            removes: (0..CHUNK_LIMIT * 2 + 1).map(|i| i.to_string()).collect(),
            ..Staged::default()
        };
        let edits = edits(&staged);
        let sizes: Vec<usize> = edits.chunks(CHUNK_LIMIT).map(<[Edit]>::len).collect();
        assert_eq!(sizes, [CHUNK_LIMIT, CHUNK_LIMIT, 1]);
        assert_eq!(edits[..CHUNK_LIMIT].chunks(CHUNK_LIMIT).count(), 1);
    }
}
