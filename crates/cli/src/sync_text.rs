//! The text forms of a sync run: the plan a dry run or the question shows,
//! the result of a run, the mass-change breaker, the problems, and the
//! progress lines on stderr. Sides are named by their servers.

use std::fmt::Write as _;

use kakehashi_core::sync::engine::RunReport;
use kakehashi_core::sync::model::{
    ActionCounts, BreakerReason, EntityKind, ItemProblem, OpAction, OpStatus, Phase, PlannedOp,
    ProblemDraft, RunOutcome, Side, SyncProgress,
};

/// Operations listed in full; the rest are counted (`--json` has all).
const OPS_SHOWN: usize = 50;
/// Problems listed in full.
const PROBLEMS_SHOWN: usize = 50;

pub fn outcome_word(outcome: RunOutcome) -> &'static str {
    match outcome {
        RunOutcome::Running => "running",
        RunOutcome::Succeeded => "succeeded",
        RunOutcome::SucceededWithProblems => "succeeded with problems",
        RunOutcome::Paused => "paused",
        RunOutcome::Failed => "failed",
        RunOutcome::Cancelled => "cancelled",
        RunOutcome::Interrupted => "interrupted",
    }
}

pub fn phase_line(progress: &SyncProgress) -> Option<String> {
    let line = match progress.phase {
        Phase::Connecting => "Signing in to both servers…".to_owned(),
        Phase::Reading => "Reading both sides…".to_owned(),
        Phase::Planning => format!("Planning ({} records read)…", progress.read),
        Phase::Applying => format!("Applying {} operations…", progress.total),
        Phase::Committing => "Saving the run…".to_owned(),
        Phase::Done => return None,
    };
    Some(line)
}

/// "Jira Cloud (left)" from the run's request counts, which list the left
/// server first.
fn side_name(report: &RunReport, side: Side) -> String {
    let index = match side {
        Side::Left => 0,
        Side::Right => 1,
    };
    let word = crate::profile_text::side_word(side);
    match report.summary.requests.get(index) {
        Some(server) => format!("{} ({word})", server.server_name),
        None => word.to_owned(),
    }
}

fn counts_table(report: &RunReport, left: &ActionCounts, right: &ActionCounts) -> String {
    let row = |side: Side, c: &ActionCounts| {
        [
            side_name(report, side),
            c.created.to_string(),
            c.updated.to_string(),
            c.deleted.to_string(),
            c.unchanged.to_string(),
            c.problems.to_string(),
        ]
    };
    let rows = [row(Side::Left, left), row(Side::Right, right)];
    let table = crate::table::render(
        [
            "WRITTEN ON",
            "CREATED",
            "UPDATED",
            "DELETED",
            "UNCHANGED",
            "PROBLEMS",
        ],
        &rows,
    );
    table.lines().map(|line| format!("  {line}\n")).collect()
}

/// What a dry run found: counts, operations, problems, the breaker.
pub fn plan(report: &RunReport, problems: &[ItemProblem]) -> String {
    let plan = &report.plan;
    let mut text = format!(
        "Plan for “{}” (a preview: nothing was written):\n",
        report.summary.profile_name
    );
    text.push_str(&counts_table(report, &plan.left, &plan.right));
    if plan.ops.is_empty() {
        text.push_str("Nothing to change: both sides agree.\n");
    } else {
        let _ = writeln!(text, "Operations ({}):", plan.ops.len());
        ops(&mut text, report, &plan.ops);
    }
    planned_problems(&mut text, &plan.problems, problems);
    if let Some(reason) = &plan.breaker {
        text.push_str(&breaker(report, reason));
    }
    requests(&mut text, report);
    text
}

/// What a real run did.
pub fn result(profile: &str, report: &RunReport, problems: &[ItemProblem]) -> String {
    let summary = &report.summary;
    let mut text = format!(
        "Run {} of “{profile}” {}.\n",
        summary.id,
        outcome_word(summary.outcome)
    );
    text.push_str(&counts_table(report, &summary.left, &summary.right));
    if let Some(reason) = &report.plan.breaker {
        if summary.outcome == RunOutcome::Paused {
            text.push_str(&breaker(report, reason));
        }
    }
    let failed: Vec<&PlannedOp> = report
        .plan
        .ops
        .iter()
        .filter(|op| op.status == OpStatus::Failed)
        .collect();
    if !failed.is_empty() {
        let _ = writeln!(text, "Failed operations ({}):", failed.len());
        for op in failed.iter().take(OPS_SHOWN) {
            let _ = writeln!(text, "  {}", op_line(report, op));
        }
    }
    item_problems(&mut text, problems);
    if let Some(message) = &summary.message {
        let _ = writeln!(text, "{message}");
    }
    if summary.outcome == RunOutcome::Cancelled {
        text.push_str("Cancelled: what was applied is kept; the next run goes on from there.\n");
    }
    requests(&mut text, report);
    text
}

fn ops(text: &mut String, report: &RunReport, ops: &[PlannedOp]) {
    for op in ops.iter().take(OPS_SHOWN) {
        let _ = writeln!(text, "  {}", op_line(report, op));
        for change in &op.changes {
            let _ = writeln!(
                text,
                "      {}: {} → {}",
                change.field,
                change.before.as_deref().unwrap_or("—"),
                change.after.as_deref().unwrap_or("—")
            );
        }
    }
    if ops.len() > OPS_SHOWN {
        let _ = writeln!(
            text,
            "  … and {} more (--json lists every one)",
            ops.len() - OPS_SHOWN
        );
    }
}

fn op_line(report: &RunReport, op: &PlannedOp) -> String {
    let action = match op.action {
        OpAction::Create => "create",
        OpAction::Update => "update",
        OpAction::Delete => "delete",
        OpAction::Archive => "archive",
    };
    let entity = match op.entity {
        EntityKind::Group => "group",
        EntityKind::Item => "item",
        EntityKind::SubItem => "sub-item",
        EntityKind::Worklog => "worklog",
    };
    format!(
        "{action:<7} {entity:<8} {}  on {}",
        op.title,
        side_name(report, op.side)
    )
}

fn planned_problems(text: &mut String, drafts: &[ProblemDraft], stored: &[ItemProblem]) {
    if !stored.is_empty() {
        item_problems(text, stored);
        return;
    }
    if drafts.is_empty() {
        return;
    }
    let _ = writeln!(text, "Problems ({}):", drafts.len());
    for problem in drafts.iter().take(PROBLEMS_SHOWN) {
        let _ = writeln!(text, "  {}: {}", problem.item, problem.message);
    }
    more(text, drafts.len());
}

fn item_problems(text: &mut String, problems: &[ItemProblem]) {
    if problems.is_empty() {
        return;
    }
    let _ = writeln!(text, "Problems ({}):", problems.len());
    for problem in problems.iter().take(PROBLEMS_SHOWN) {
        let _ = writeln!(text, "  {}: {}", problem.item, problem.message);
    }
    more(text, problems.len());
}

/// Problems earlier runs met that are still open. This run did not read
/// their items again (nothing changed there), so it neither met nor fixed
/// them; say so, or a clean run would hide them.
pub fn still_open(text: &mut String, problems: &[ItemProblem]) {
    if problems.is_empty() {
        return;
    }
    let _ = writeln!(
        text,
        "Still open from earlier runs ({}): fix them in the app (Activity → Problems), then run again.",
        problems.len()
    );
    for problem in problems.iter().take(PROBLEMS_SHOWN) {
        let _ = writeln!(text, "  {}: {}", problem.item, problem.message);
    }
    more(text, problems.len());
}

fn more(text: &mut String, count: usize) {
    if count > PROBLEMS_SHOWN {
        let _ = writeln!(
            text,
            "  … and {} more (--json lists every one; the app's Problems inbox fixes them)",
            count - PROBLEMS_SHOWN
        );
    }
}

pub fn breaker(report: &RunReport, reason: &BreakerReason) -> String {
    let why = match reason {
        BreakerReason::MassChange {
            count,
            linked,
            percent,
            limit,
        } => format!(
            "it would delete, close or reassign {count} of {linked} linked items ({percent} %, the profile allows {limit} %)"
        ),
        BreakerReason::SideEmpty { side, linked } => format!(
            "{} suddenly returns nothing while {linked} items are linked (a permission or scope change?)",
            side_name(report, *side)
        ),
    };
    format!(
        "The mass-change breaker stopped this run: {why}. Check the plan; to go ahead anyway run again with --yes --allow-mass-change.\n"
    )
}

fn requests(text: &mut String, report: &RunReport) {
    let servers: Vec<String> = report
        .summary
        .requests
        .iter()
        .map(|s| format!("{} {}", s.server_name, s.requests))
        .collect();
    if !servers.is_empty() {
        let _ = writeln!(text, "HTTP requests: {}.", servers.join(", "));
    }
}
