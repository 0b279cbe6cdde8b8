//! Applying a plan through the journal. Per batch: the ops are marked
//! `Sent` (durable) just before the remote call; the results, the links and
//! the snapshots are written in ONE transaction after it. A batch whose
//! answer is lost stays `Sent`; the next run heals it. Never holds a
//! database borrow across an `.await`.

use std::collections::{BTreeMap, BTreeSet};

use tokio_util::sync::CancellationToken;

use super::connector::{Connector, Fields, WriteResult};
use super::diff::ix;
use super::links::{self, Link};
use super::model::{
    ActionCounts, EntityKind, OpAction, OpStatus, ProblemCause, ProblemDraft, Side,
};
use super::plan::{Found, Planned, Work};
use super::progress::Progress;
use super::{journal, problems};
use crate::store::Database;
use crate::AppResult;

/// What applying did.
#[derive(Debug, Default)]
pub(crate) struct Applied {
    /// Writes per side.
    pub counts: [ActionCounts; 2],
    /// Problems met while writing (already stored), with their record.
    pub problems: Vec<Found>,
    /// Sources whose write failed: their problems stay open.
    pub failed: BTreeSet<(Side, String)>,
    /// A retryable failure or an unknown outcome: keep the watermarks so the
    /// next run reads the same changes again.
    pub hold_watermarks: bool,
    pub cancelled: bool,
}

/// Who the run belongs to, for the rows it writes.
pub(crate) struct Context<'a> {
    pub profile_id: u32,
    pub run_id: u32,
    pub server_names: &'a [String; 2],
}

/// The batches in the order they must run: creates by wave (parents
/// first), updates, then deletions children first.
fn batches(works: &[Work]) -> Vec<(Side, Vec<usize>)> {
    let mut out = Vec::new();
    let pick = |action: fn(OpAction) -> bool, kind: Option<EntityKind>, side: Side| -> Vec<usize> {
        works
            .iter()
            .enumerate()
            .filter(|(_, work)| {
                action(work.op.action)
                    && work.op.side == side
                    && kind.is_none_or(|kind| work.op.entity == kind)
            })
            .map(|(index, _)| index)
            .collect()
    };
    let sides = [Side::Left, Side::Right];
    for kind in EntityKind::WAVES {
        for side in sides {
            out.push((side, pick(|a| a == OpAction::Create, Some(kind), side)));
        }
    }
    for side in sides {
        out.push((side, pick(|a| a == OpAction::Update, None, side)));
    }
    for kind in EntityKind::WAVES.into_iter().rev() {
        for side in sides {
            out.push((
                side,
                pick(
                    |a| matches!(a, OpAction::Delete | OpAction::Archive),
                    Some(kind),
                    side,
                ),
            ));
        }
    }
    out.retain(|(_, batch)| !batch.is_empty());
    out
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn apply<C: Connector>(
    db: &mut Database,
    connector: &C,
    ctx: &Context<'_>,
    planned: &mut Planned,
    journal_ids: &[i64],
    progress: &mut Progress,
    cancel: &CancellationToken,
) -> AppResult<Applied> {
    let mut applied = Applied::default();
    // Source record → the record created for it in this run.
    let mut created: BTreeMap<(Side, String), String> = BTreeMap::new();
    for (side, batch) in batches(&planned.works) {
        if cancel.is_cancelled() {
            applied.cancelled = true;
            break;
        }
        let mut ready = Vec::with_capacity(batch.len());
        for index in batch {
            let work = &mut planned.works[index];
            if let Some(parent) = work.parent_source.clone() {
                match created.get(&(work.source.0, parent.clone())) {
                    Some(id) => work.write.parent = Some(id.clone()),
                    None => {
                        let detail = format!(
                            "“{}” was not created: its parent ({parent}) could not be created in this run. It follows once the parent is synced.",
                            work.op.title
                        );
                        let cause = ProblemCause::StructureMismatch {
                            detail: detail.clone(),
                        };
                        fail(
                            db,
                            ctx,
                            &mut applied,
                            work,
                            journal_ids[index],
                            OpStatus::Skipped,
                            cause,
                            detail,
                        )?;
                        continue;
                    }
                }
            }
            ready.push(index);
        }
        if ready.is_empty() {
            continue;
        }
        db.atomic(|| {
            for &index in &ready {
                journal::set_status(db, journal_ids[index], OpStatus::Sent, None, None)?;
            }
            Ok(())
        })?;
        for &index in &ready {
            planned.works[index].op.status = OpStatus::Sent;
        }
        let ops: Vec<_> = ready
            .iter()
            .map(|&index| planned.works[index].write.clone())
            .collect();
        let results = connector.write(side, &ops).await;
        let results = match results {
            Ok(results) if results.len() == ops.len() => results,
            outcome => {
                // The answer is lost or malformed: the writes may or may not
                // have happened. They stay Sent; the next run finds out.
                let reason = match outcome {
                    Err(err) => err.to_string(),
                    Ok(_) => "the server's answer did not match the request".to_owned(),
                };
                applied.hold_watermarks = true;
                db.atomic(|| {
                    for &index in &ready {
                        let work = &planned.works[index];
                        let draft = ProblemDraft {
                            side: Some(side),
                            item: work.op.title.clone(),
                            cause: ProblemCause::Unreachable { side },
                            message: format!(
                                "The write to {} could not be confirmed ({reason}); the next run checks it and finishes it.",
                                ctx.server_names[ix(side)]
                            ),
                        };
                        problems::upsert(db, ctx.profile_id, ctx.run_id, &draft, Some((work.source.0, &work.source.1)))?;
                        applied.problems.push((draft, Some(work.source.clone())));
                        applied.failed.insert(work.source.clone());
                        applied.counts[ix(side)].problems += 1;
                    }
                    Ok(())
                })?;
                progress.applied(ready.len());
                continue;
            }
        };
        db.atomic(|| {
            for (&index, result) in ready.iter().zip(results) {
                record(
                    db,
                    ctx,
                    planned,
                    &mut applied,
                    &mut created,
                    index,
                    journal_ids[index],
                    result,
                )?;
            }
            Ok(())
        })?;
        progress.applied(ready.len());
    }
    Ok(applied)
}

#[allow(clippy::too_many_arguments)]
fn fail(
    db: &Database,
    ctx: &Context<'_>,
    applied: &mut Applied,
    work: &mut Work,
    journal_id: i64,
    status: OpStatus,
    cause: ProblemCause,
    message: String,
) -> AppResult<()> {
    let draft = ProblemDraft {
        side: Some(work.op.side),
        item: work.op.title.clone(),
        cause,
        message,
    };
    db.atomic(|| {
        journal::set_status(db, journal_id, status, None, Some(&draft.message))?;
        problems::upsert(
            db,
            ctx.profile_id,
            ctx.run_id,
            &draft,
            Some((work.source.0, &work.source.1)),
        )
    })?;
    work.op.status = status;
    applied.counts[ix(work.op.side)].problems += 1;
    applied.failed.insert(work.source.clone());
    applied.problems.push((draft, Some(work.source.clone())));
    Ok(())
}

/// Records one result: journal, link and snapshot together (the caller
/// holds the transaction).
#[allow(clippy::too_many_arguments)]
fn record(
    db: &Database,
    ctx: &Context<'_>,
    planned: &mut Planned,
    applied: &mut Applied,
    created: &mut BTreeMap<(Side, String), String>,
    index: usize,
    journal_id: i64,
    result: WriteResult,
) -> AppResult<()> {
    let work = &planned.works[index];
    let action = work.op.action;
    let (id, fields) = match result {
        WriteResult::Done { id, fields } => (id, fields),
        // Deleting what is already gone is done.
        WriteResult::Failed {
            cause: ProblemCause::Rejected { status: 404, .. },
            ..
        } if matches!(action, OpAction::Delete | OpAction::Archive) => (
            work.write.target_id.clone().unwrap_or_default(),
            Fields::new(),
        ),
        WriteResult::Failed {
            cause,
            message,
            retryable,
        } => {
            applied.hold_watermarks |= retryable;
            let work = &mut planned.works[index];
            return fail(
                db,
                ctx,
                applied,
                work,
                journal_id,
                OpStatus::Failed,
                cause,
                message,
            );
        }
    };
    let target = work.op.side;
    let counts = &mut applied.counts[ix(target)];
    match action {
        OpAction::Create => {
            let (source_side, source_id) = work.source.clone();
            let mut link = Link {
                id: None,
                kind: work.op.entity,
                left_id: String::new(),
                right_id: String::new(),
                snapshot_left: Fields::new(),
                snapshot_right: Fields::new(),
                marker: Some(work.op.key.clone()),
                left_gone: false,
                right_gone: false,
                display: work.op.title.clone(),
            };
            match source_side {
                Side::Left => (link.left_id, link.right_id) = (source_id.clone(), id.clone()),
                Side::Right => (link.right_id, link.left_id) = (source_id.clone(), id.clone()),
            }
            *link.snapshot_mut(source_side) = work.source_fields.clone();
            *link.snapshot_mut(target) = fields;
            link.id = Some(links::save(db, ctx.profile_id, &link)?);
            planned.links.push(link);
            created.insert((source_side, source_id), id.clone());
            counts.created += 1;
        }
        OpAction::Update => {
            if let Some(link_index) = work.link {
                let written: Vec<_> = work.write.fields.keys().copied().collect();
                let on_success = work.on_success.clone();
                let link = &mut planned.links[link_index];
                for (side, field, value) in on_success {
                    link.snapshot_mut(side).insert(field, value);
                }
                for field in written {
                    if let Some(value) = fields.get(&field) {
                        link.snapshot_mut(target).insert(field, value.clone());
                    }
                }
                link.id = Some(links::save(db, ctx.profile_id, link)?);
            }
            counts.updated += 1;
        }
        OpAction::Delete | OpAction::Archive => {
            if let Some(link_index) = work.link {
                let link = &mut planned.links[link_index];
                if action == OpAction::Delete {
                    links::delete(db, ctx.profile_id, &link.left_id, &link.right_id)?;
                    planned.removed.insert(link_index);
                } else {
                    // The archived record stays; the tombstone keeps it from
                    // being copied back.
                    link.set_gone(work.source.0);
                    link.id = Some(links::save(db, ctx.profile_id, link)?);
                }
                planned.dirty.remove(&link_index);
            }
            counts.deleted += 1;
        }
    }
    let work = &mut planned.works[index];
    journal::set_status(db, journal_id, OpStatus::Done, Some(&id), None)?;
    problems::settle_record(
        db,
        ctx.profile_id,
        ctx.run_id,
        work.source.0,
        &work.source.1,
    )?;
    work.op.status = OpStatus::Done;
    if action == OpAction::Create {
        work.op.target_id = Some(id);
    }
    Ok(())
}
