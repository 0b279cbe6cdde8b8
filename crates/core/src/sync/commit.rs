//! The durable steps around applying: storing the plan in the journal
//! before anything is sent, and the run's last transaction (refreshed
//! snapshots, healed links, watermarks, settled problems, the summary).

use std::collections::BTreeMap;

use super::apply::Applied;
use super::connector::SideRead;
use super::diff::ix;
use super::engine::{planned_counts, RunReport};
use super::journal::{self, Pending};
use super::links;
use super::model::{BreakerReason, EntityKind, OpStatus, Plan, RunOutcome, ServerRequests, Side};
use super::plan::{Found, Planned};
use super::{problems, profile_store, runs};
use crate::store::Database;
use crate::{AppError, AppResult};

/// The plan as the UI and the CLI see it.
pub(crate) fn plan_view(
    profile_id: u32,
    planned: &Planned,
    breaker: Option<BreakerReason>,
) -> Plan {
    let [left, right] = planned_counts(planned);
    Plan {
        profile_id,
        ops: planned.works.iter().map(|work| work.op.clone()).collect(),
        left,
        right,
        problems: problems::distinct(&planned.problems)
            .into_iter()
            .map(|(draft, _)| draft)
            .collect(),
        breaker,
    }
}

/// Problems per side: the side the problem is on, else its record's.
pub(crate) fn problems_per_side(found: &[Found]) -> [u32; 2] {
    let mut out = [0, 0];
    for (draft, record) in found {
        if let Some(side) = draft.side.or(record.as_ref().map(|(side, _)| *side)) {
            out[ix(side)] += 1;
        }
    }
    out
}

/// Records the run as failed and hands the error back.
pub(crate) fn failed(
    db: &Database,
    run_id: u32,
    servers: &[ServerRequests],
    err: AppError,
) -> AppError {
    let finish = runs::Finish {
        outcome: RunOutcome::Failed,
        left: Default::default(),
        right: Default::default(),
        problems: 0,
        requests: servers,
        message: Some(err.to_string()),
        plan: None,
    };
    if let Err(store) = runs::finish(db, run_id, &finish) {
        tracing::error!("could not record the failed sync run {run_id}: {store}");
    }
    err
}

pub(crate) fn cancelled_before_apply(
    db: &Database,
    run_id: u32,
    profile_id: u32,
    servers: &[ServerRequests],
) -> AppResult<RunReport> {
    let plan = plan_view(profile_id, &Planned::default(), None);
    let summary = runs::finish(
        db,
        run_id,
        &runs::Finish {
            outcome: RunOutcome::Cancelled,
            left: plan.left,
            right: plan.right,
            problems: 0,
            requests: servers,
            message: Some("Cancelled before anything was written.".into()),
            plan: Some(&plan),
        },
    )?;
    Ok(RunReport { summary, plan })
}

fn breaker_text(reason: &BreakerReason) -> String {
    match reason {
        BreakerReason::MassChange { count, linked, percent, limit } => format!(
            "Paused: this run would delete, close or reassign {count} of {linked} linked items ({percent} %, above the profile's {limit} %). Check the plan, then run again and confirm."
        ),
        BreakerReason::SideEmpty { side, linked } => format!(
            "Paused: the {} side returned no items although {linked} are linked. A lost permission or a changed scope is more likely than everything deleted; check it, then run again and confirm.",
            if *side == Side::Left { "left" } else { "right" }
        ),
    }
}

/// Ends a dry run or a paused run: the plan is stored, nothing applied.
pub(crate) fn preview(
    db: &Database,
    run_id: u32,
    plan: &Plan,
    servers: &[ServerRequests],
    outcome: RunOutcome,
) -> AppResult<RunReport> {
    let problems = u32::try_from(plan.problems.len()).unwrap_or(u32::MAX);
    let outcome = match outcome {
        RunOutcome::Succeeded if problems > 0 => RunOutcome::SucceededWithProblems,
        other => other,
    };
    let summary = runs::finish(
        db,
        run_id,
        &runs::Finish {
            outcome,
            left: plan.left,
            right: plan.right,
            problems,
            requests: servers,
            message: plan.breaker.as_ref().map(breaker_text),
            plan: Some(plan),
        },
    )?;
    Ok(RunReport {
        summary,
        plan: plan.clone(),
    })
}

/// Before anything is sent: the plan's ops (Planned), the fate of the ops
/// earlier runs left unfinished, and the problems the plan met — in one
/// transaction. Returns the journal ids of the plan's ops.
pub(crate) fn prepare(
    db: &Database,
    profile_id: u32,
    run_id: u32,
    planned: &Planned,
    pending: &[Pending],
    found: &BTreeMap<String, (Side, String, EntityKind)>,
) -> AppResult<Vec<i64>> {
    db.atomic(|| {
        let entries: Vec<_> = planned
            .works
            .iter()
            .map(|work| (&work.op, &work.undo))
            .collect();
        let ids = journal::insert(db, run_id, profile_id, &entries)?;
        for op in pending {
            let (status, message) = if found.contains_key(&op.key) {
                (
                    OpStatus::Healed,
                    format!("Found again by its marker (run {run_id})."),
                )
            } else if op.status == OpStatus::Sent {
                (
                    OpStatus::Failed,
                    format!("The answer was lost; run {run_id} checked the item again."),
                )
            } else {
                (
                    OpStatus::Skipped,
                    format!("Never sent; run {run_id} planned again."),
                )
            };
            let result = found.get(&op.key).map(|(_, id, _)| id.as_str());
            journal::set_status(db, op.id, status, result, Some(&message))?;
        }
        for (draft, record) in &planned.problems {
            problems::upsert(
                db,
                profile_id,
                run_id,
                draft,
                record.as_ref().map(|(side, id)| (*side, id.as_str())),
            )?;
        }
        Ok(ids)
    })
}

pub(crate) struct Finish<'a> {
    pub profile_id: u32,
    pub run_id: u32,
    pub planned: &'a Planned,
    pub applied: &'a Applied,
    /// The reads whose watermarks to store (None: store none, e.g. undo).
    pub reads: Option<[&'a SideRead; 2]>,
    /// Both sides were read whole (no watermark).
    pub full_read: bool,
    pub breaker: Option<BreakerReason>,
}

/// The run's last transaction and its summary.
pub(crate) fn finish(
    db: &Database,
    finish: &Finish<'_>,
    servers: &[ServerRequests],
) -> AppResult<RunReport> {
    let Finish {
        profile_id,
        run_id,
        planned,
        applied,
        ..
    } = *finish;
    db.atomic(|| {
        for &index in &planned.dirty {
            if !planned.removed.contains(&index) {
                links::save(db, profile_id, &planned.links[index])?;
            }
        }
        for &index in &planned.removed {
            let link = &planned.links[index];
            links::delete(db, profile_id, &link.left_id, &link.right_id)?;
        }
        if let Some(reads) = finish
            .reads
            .filter(|_| !applied.hold_watermarks && !applied.cancelled)
        {
            for side in [Side::Left, Side::Right] {
                links::set_watermark(db, profile_id, side, &reads[ix(side)].watermark)?;
            }
        }
        profile_store::mark_has_run(db, profile_id)?;
        for (side, id) in &planned.clean {
            if !applied.failed.contains(&(*side, id.clone())) {
                problems::settle_record(db, profile_id, run_id, *side, id)?;
            }
        }
        if finish.full_read && !applied.cancelled {
            problems::settle_unseen(db, profile_id, run_id)?;
        }
        for problem_id in &planned.settled_used {
            problems::consume_resolution(db, run_id, *problem_id)?;
        }
        Ok(())
    })?;
    let mut plan = plan_view(profile_id, planned, finish.breaker.clone());
    // What the run met, each problem once, and only what is open after it:
    // the summary counts exactly what the inbox shows for this run.
    let open = problems::open_of_run(db, profile_id, run_id)?;
    let met: Vec<Found> = problems::distinct(
        &planned
            .problems
            .iter()
            .chain(&applied.problems)
            .cloned()
            .collect::<Vec<_>>(),
    )
    .into_iter()
    .filter(|(draft, record)| {
        let record = record.as_ref().map(|(side, id)| (*side, id.as_str()));
        open.contains(&problems::key(draft, record))
    })
    .collect();
    let per_side = problems_per_side(&met);
    let [mut left, mut right] = applied.counts;
    for (counts, side) in [(&mut left, Side::Left), (&mut right, Side::Right)] {
        counts.unchanged = planned.unchanged[ix(side)];
        counts.problems = per_side[ix(side)];
    }
    plan.problems = met.into_iter().map(|(draft, _)| draft).collect();
    let problems = u32::try_from(plan.problems.len()).unwrap_or(u32::MAX);
    let outcome = if applied.cancelled {
        RunOutcome::Cancelled
    } else if problems > 0 {
        RunOutcome::SucceededWithProblems
    } else {
        RunOutcome::Succeeded
    };
    let mut notes = planned.notes.clone();
    if applied.cancelled {
        notes.insert(0, "Cancelled; the next run continues from here.".into());
    }
    if applied.hold_watermarks && !applied.cancelled {
        notes.push("Some writes failed or could not be confirmed; the next run reads the same changes again.".into());
    }
    let summary = runs::finish(
        db,
        run_id,
        &runs::Finish {
            outcome,
            left,
            right,
            problems,
            requests: servers,
            message: (!notes.is_empty()).then(|| notes.join("\n")),
            plan: Some(&plan),
        },
    )?;
    Ok(RunReport { summary, plan })
}
