//! A finished test in words: the stored findings rendered in a language,
//! and the plain-text report people copy into a mail or a ticket. Nothing
//! here can hold a secret: findings never carry one (see findings.rs).

use std::fmt::Write;

use super::findings::Checked;
use super::model::{
    CheckResult, CheckStatus, ConnectionTestReport, Outcome, PermissionResult, Side, SideReport,
    Suggestion,
};
use super::text;
use crate::language::Language;
use crate::workspace::ServerKind;

/// The outcome of a test, language-neutral: what `record` stores and what
/// [`RecordedTest::report`] renders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedTest {
    pub(crate) left: SideRecord,
    pub(crate) right: SideRecord,
    pub(crate) ran_at: String,
}

/// One side of a finished test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SideRecord {
    pub side: Side,
    pub server_id: u32,
    pub server_name: String,
    pub server_kind: ServerKind,
    pub credential_id: Option<u32>,
    pub credential_label: Option<String>,
    pub ran_at: String,
    pub checks: Vec<Checked>,
}

impl SideRecord {
    pub fn outcome(&self) -> Outcome {
        Outcome::of(self.checks.iter().map(|check| check.status))
    }

    fn render(&self, language: Language) -> SideReport {
        SideReport {
            side: self.side,
            server_id: self.server_id,
            server_name: self.server_name.clone(),
            server_kind: self.server_kind,
            credential_id: self.credential_id,
            credential_label: self.credential_label.clone(),
            outcome: self.outcome(),
            checks: self
                .checks
                .iter()
                .map(|check| render_check(check, language))
                .collect(),
            ran_at: self.ran_at.clone(),
        }
    }
}

impl RecordedTest {
    /// The report in `language`.
    pub fn report(&self, language: Language) -> ConnectionTestReport {
        let left = self.left.render(language);
        let right = self.right.render(language);
        ConnectionTestReport {
            outcome: left.outcome.max(right.outcome),
            left,
            right,
            ran_at: self.ran_at.clone(),
        }
    }

    /// The worse of the two sides.
    pub fn outcome(&self) -> Outcome {
        self.left.outcome().max(self.right.outcome())
    }
}

pub(crate) fn render_check(check: &Checked, language: Language) -> CheckResult {
    let words = text::render(&check.finding, language);
    CheckResult {
        id: check.id,
        status: check.status,
        title: text::title(check.id, language).to_owned(),
        summary: words.summary,
        why: words.why,
        fix: words.fix,
        certificate: check.certificate.clone(),
        suggestion: check.suggestion.clone(),
        permissions: check
            .permissions
            .iter()
            .map(|permission| PermissionResult {
                key: permission.key.clone(),
                label: text::permission(&permission.key, language),
                granted: permission.granted,
            })
            .collect(),
    }
}

/// The report as plain text to copy: both sides, every check with its
/// status, and for warnings and failures why and what to do. The fixed
/// words are in `language` (render the report in the same one).
pub fn report_text(report: &ConnectionTestReport, language: Language) -> String {
    let words = text::words(language);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{}", words.heading);
    let _ = writeln!(out, "{}: {}", words.tested_at, report.ran_at);
    let _ = writeln!(out, "{}: {}", words.result, words.outcome(report.outcome));
    for side in [&report.left, &report.right] {
        side_text(&mut out, side, words);
    }
    out
}

fn side_text(out: &mut String, side: &SideReport, words: &text::Words) {
    let credential = side
        .credential_label
        .as_deref()
        .unwrap_or(words.no_credential);
    let _ = writeln!(
        out,
        "\n{}: {} ({}) · {}: {} · {}",
        words.side(side.side),
        side.server_name,
        side.server_kind.product_name(),
        words.credential,
        credential,
        words.outcome(side.outcome)
    );
    for check in &side.checks {
        let _ = writeln!(
            out,
            "  [{}] {}: {}",
            words.status(check.status),
            check.title,
            check.summary
        );
        let explain = matches!(check.status, CheckStatus::Warning | CheckStatus::Failed);
        if explain {
            if let Some(why) = &check.why {
                let _ = writeln!(out, "      {}: {why}", words.why);
            }
            if let Some(fix) = &check.fix {
                let _ = writeln!(out, "      {}: {fix}", words.fix);
            }
        }
        if !check.permissions.is_empty() {
            let rows: Vec<String> = check
                .permissions
                .iter()
                .map(|p| {
                    let held = if p.granted {
                        words.granted
                    } else {
                        words.missing
                    };
                    format!("{}: {held}", p.label)
                })
                .collect();
            let _ = writeln!(out, "      {}", rows.join(" · "));
        }
        if let Some(certificate) = &check.certificate {
            let _ = writeln!(
                out,
                "      {}: {}: {} · {}: {} · {}: {} – {} · {}: {}",
                words.certificate,
                words.subject,
                certificate.subject,
                words.issuer,
                certificate.issuer,
                words.valid,
                certificate.not_before,
                certificate.not_after,
                words.fingerprint,
                certificate.fingerprint
            );
        }
        match &check.suggestion {
            Some(Suggestion::TrustCertificate { fingerprint }) => {
                let _ = writeln!(out, "      {} ({fingerprint})", words.trust_suggestion);
            }
            None => {}
        }
    }
}
