//! The text forms of connections: the `connection list` table and the
//! checklist `connection test` prints as it runs. The words of the checks
//! come from core, already in the user's language; this file only lays
//! them out.

use std::fmt::Write as _;

use kakehashi_core::connection_test::{
    CheckResult, CheckStatus, ConnectionTestReport, Outcome, Side, SideReport,
};
use kakehashi_core::workspace::connections::{ConnectionOverview, Direction};

use crate::credential_text::when;

/// The table of `connection list`.
pub fn table(connections: &[ConnectionOverview]) -> String {
    let rows: Vec<[String; 5]> = connections
        .iter()
        .map(|c| {
            let side = |s: &kakehashi_core::workspace::connections::SideOverview| {
                let credential = s
                    .credential_label
                    .clone()
                    .unwrap_or_else(|| "service credential".into());
                format!("{} ({credential})", s.server.name)
            };
            let last_test = match &c.last_test {
                Some(test) => format!("{} {}", outcome_word(test.outcome), when(&test.ran_at)),
                None => "not tested".to_owned(),
            };
            [
                c.name.clone(),
                side(&c.left),
                arrow(c.direction).to_owned(),
                side(&c.right),
                last_test,
            ]
        })
        .collect();
    crate::table::render(["NAME", "LEFT", "", "RIGHT", "LAST TEST"], &rows)
}

fn arrow(direction: Direction) -> &'static str {
    match direction {
        Direction::Both => "↔",
        Direction::LeftToRight => "→",
        Direction::RightToLeft => "←",
    }
}

fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Passed => "passed",
        Outcome::Warning => "WARNINGS",
        Outcome::Failed => "FAILED",
    }
}

/// Which server each side is, before the first check finishes.
pub fn test_heading(name: &str, pending: &ConnectionTestReport) -> String {
    format!(
        "Testing “{name}”: {} and {}\n",
        side_name(&pending.left),
        side_name(&pending.right)
    )
}

fn side_name(side: &SideReport) -> String {
    match &side.credential_label {
        Some(label) => format!("{} ({label})", side.server_name),
        None => side.server_name.clone(),
    }
}

/// A finished check as it arrives: status, side, title and what was found;
/// for a warning or failure also why and how to fix it. Nothing for checks
/// that merely started.
pub fn finished_check(
    pending: &ConnectionTestReport,
    side: Side,
    check: &CheckResult,
) -> Option<String> {
    let mark = match check.status {
        CheckStatus::Pending | CheckStatus::Running => return None,
        CheckStatus::Passed => "✔",
        CheckStatus::Warning => "!",
        CheckStatus::Failed => "✘",
        CheckStatus::Skipped => "–",
    };
    let server = match side {
        Side::Left => &pending.left.server_name,
        Side::Right => &pending.right.server_name,
    };
    let mut text = format!("{mark} [{server}] {}: {}\n", check.title, check.summary);
    for line in [&check.why, &check.fix].into_iter().flatten() {
        let _ = writeln!(text, "    {line}");
    }
    if let Some(certificate) = &check.certificate {
        let _ = writeln!(
            text,
            "    {} / {} / {} – {}\n    SHA-256 {}",
            certificate.subject,
            certificate.issuer,
            certificate.not_before,
            certificate.not_after,
            certificate.fingerprint
        );
    }
    for permission in check.permissions.iter().filter(|p| !p.granted) {
        let _ = writeln!(text, "    ✘ {} ({})", permission.label, permission.key);
    }
    Some(text)
}

/// The verdict after the last check.
pub fn test_footer(report: &ConnectionTestReport) -> String {
    let verdict = match report.outcome {
        Outcome::Passed => "Both sides passed every check.",
        Outcome::Warning => "Both sides work; read the warnings above (!).",
        Outcome::Failed => "A check failed (✘): fix what it says, then test again.",
    };
    format!("{verdict}\n")
}
