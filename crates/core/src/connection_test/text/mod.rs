//! The words of the connection test in the app's three languages. Each
//! language file matches every [`Finding`] exhaustively, so a new finding
//! does not compile until all three say something about it.

mod en;
mod ja;
mod sv;

use super::findings::Finding;
use super::model::{CheckId, CheckStatus, Outcome, Side};
use crate::language::Language;

/// A finding in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rendered {
    /// What was found, one line.
    pub summary: String,
    /// Why it matters, or what went wrong (warnings and failures).
    pub why: Option<String>,
    /// How to fix it (warnings and failures).
    pub fix: Option<String>,
}

impl Rendered {
    fn plain(summary: String) -> Self {
        Rendered {
            summary,
            why: None,
            fix: None,
        }
    }

    fn explained(summary: String, why: String, fix: String) -> Self {
        Rendered {
            summary,
            why: Some(why),
            fix: Some(fix),
        }
    }
}

/// The fixed words of a report.
#[derive(Debug)]
pub(crate) struct Words {
    pub heading: &'static str,
    pub tested_at: &'static str,
    pub result: &'static str,
    pub left: &'static str,
    pub right: &'static str,
    pub credential: &'static str,
    pub no_credential: &'static str,
    pub why: &'static str,
    pub fix: &'static str,
    pub certificate: &'static str,
    pub subject: &'static str,
    pub issuer: &'static str,
    pub valid: &'static str,
    pub fingerprint: &'static str,
    pub granted: &'static str,
    pub missing: &'static str,
    pub passed: &'static str,
    pub warning: &'static str,
    pub failed: &'static str,
    pub skipped: &'static str,
    pub pending: &'static str,
    pub running: &'static str,
    pub trust_suggestion: &'static str,
}

impl Words {
    pub fn status(&self, status: CheckStatus) -> &'static str {
        match status {
            CheckStatus::Pending => self.pending,
            CheckStatus::Running => self.running,
            CheckStatus::Passed => self.passed,
            CheckStatus::Warning => self.warning,
            CheckStatus::Failed => self.failed,
            CheckStatus::Skipped => self.skipped,
        }
    }

    pub fn outcome(&self, outcome: Outcome) -> &'static str {
        match outcome {
            Outcome::Passed => self.passed,
            Outcome::Warning => self.warning,
            Outcome::Failed => self.failed,
        }
    }

    pub fn side(&self, side: Side) -> &'static str {
        match side {
            Side::Left => self.left,
            Side::Right => self.right,
        }
    }
}

pub(crate) fn render(finding: &Finding, language: Language) -> Rendered {
    match language {
        Language::English => en::render(finding),
        Language::Japanese => ja::render(finding),
        Language::Swedish => sv::render(finding),
    }
}

pub(crate) fn title(check: CheckId, language: Language) -> &'static str {
    match language {
        Language::English => en::title(check),
        Language::Japanese => ja::title(check),
        Language::Swedish => sv::title(check),
    }
}

/// What a permission allows; an unknown key is shown as it is.
pub(crate) fn permission(key: &str, language: Language) -> String {
    let known = match language {
        Language::English => en::permission(key),
        Language::Japanese => ja::permission(key),
        Language::Swedish => sv::permission(key),
    };
    known.map_or_else(|| key.to_owned(), str::to_owned)
}

pub(crate) fn words(language: Language) -> &'static Words {
    match language {
        Language::English => &en::WORDS,
        Language::Japanese => &ja::WORDS,
        Language::Swedish => &sv::WORDS,
    }
}

/// Every permission key the checks report, for the completeness test.
#[cfg(test)]
pub(crate) const PERMISSION_KEYS: [&str; 9] = [
    "BROWSE_PROJECTS",
    "CREATE_ISSUES",
    "EDIT_ISSUES",
    "TRANSITION_ISSUES",
    "ADD_COMMENTS",
    "CREATE_ATTACHMENTS",
    "WORK_ON_ISSUES",
    "MANAGE_PROJECT",
    "WRITE",
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::connection_test::findings::samples;

    const LANGUAGES: [Language; 3] = [Language::English, Language::Japanese, Language::Swedish];

    #[test]
    fn the_samples_cover_every_code() {
        let covered: BTreeSet<usize> = samples::all().iter().map(samples::index).collect();
        let every: BTreeSet<usize> = (0..samples::CODES).collect();
        assert_eq!(covered, every, "a finding has no sample");
    }

    #[test]
    fn every_code_reads_in_every_language_without_empty_words() {
        for finding in samples::all() {
            let code = finding.code();
            assert!(!code.is_empty(), "{finding:?}");
            let mut summaries = Vec::new();
            for language in LANGUAGES {
                let rendered = render(&finding, language);
                let where_ = format!("{code} in {}", language.tag());
                assert!(!rendered.summary.trim().is_empty(), "{where_}");
                // Why and fix come together, and never blank.
                assert_eq!(rendered.why.is_some(), rendered.fix.is_some(), "{where_}");
                for text in [&rendered.why, &rendered.fix].into_iter().flatten() {
                    assert!(!text.trim().is_empty(), "{where_}");
                }
                let all = format!(
                    "{} {} {}",
                    rendered.summary,
                    rendered.why.clone().unwrap_or_default(),
                    rendered.fix.clone().unwrap_or_default()
                );
                // Parameters are filled in, never left as placeholders.
                assert!(!all.contains('{') && !all.contains('}'), "{where_}: {all}");
                summaries.push(rendered);
            }
            // The three languages really differ (a copy of the English
            // would pass every other check). Codes whose summary is only
            // names and numbers are alike by nature.
            let names_only = matches!(
                finding,
                Finding::DnsResolved { proxy: None, .. } | Finding::ProductFound { .. }
            );
            if !names_only {
                assert_ne!(
                    summaries[0].summary, summaries[1].summary,
                    "{code}: ja = en"
                );
                assert_ne!(
                    summaries[0].summary, summaries[2].summary,
                    "{code}: sv = en"
                );
            }
            if let (Some(en), Some(ja), Some(sv)) =
                (&summaries[0].fix, &summaries[1].fix, &summaries[2].fix)
            {
                assert!(en != ja && en != sv, "{code}: a fix is not translated");
            }
        }
    }

    #[test]
    fn titles_permissions_and_words_exist_in_every_language() {
        for language in LANGUAGES {
            for check in CheckId::ALL {
                assert!(!title(check, language).trim().is_empty());
            }
            for key in PERMISSION_KEYS {
                let label = permission(key, language);
                assert!(
                    !label.trim().is_empty() && label != key,
                    "{key} in {}",
                    language.tag()
                );
            }
            let words = words(language);
            let all = [
                words.heading,
                words.tested_at,
                words.result,
                words.left,
                words.right,
                words.credential,
                words.no_credential,
                words.why,
                words.fix,
                words.certificate,
                words.subject,
                words.issuer,
                words.valid,
                words.fingerprint,
                words.granted,
                words.missing,
                words.passed,
                words.warning,
                words.failed,
                words.skipped,
                words.pending,
                words.running,
                words.trust_suggestion,
            ];
            assert!(
                all.iter().all(|w| !w.trim().is_empty()),
                "{}",
                language.tag()
            );
        }
        assert_eq!(
            permission("SOMETHING_NEW", Language::Japanese),
            "SOMETHING_NEW"
        );
        assert_ne!(
            title(CheckId::Dns, Language::Japanese),
            title(CheckId::Dns, Language::English)
        );
        assert_ne!(
            title(CheckId::Dns, Language::Swedish),
            title(CheckId::Dns, Language::English)
        );
    }
}
