//! The page the browser shows when it comes back to the loopback listener:
//! an HTML file embedded with rust-embed (`assets/oauth/result.html`) and
//! its words in Japanese, English and Swedish (`assets/oauth/strings.json`).
//!
//! The page never shows a code, a token or the provider's error text: only
//! the provider's name and fixed words. What went wrong is shown in the
//! app, where the user is going back to anyway.

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_embed::Embed;
use serde::Deserialize;

pub use crate::language::Language;

#[derive(Embed)]
#[folder = "assets/oauth/"]
struct Assets;

/// How the sign-in ended, as far as the browser is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageOutcome {
    /// Tokens received and stored.
    Success,
    /// The user chose Deny on the consent page.
    Denied,
    /// The provider refused, or the code exchange failed.
    Failed,
    /// A redirect whose `state` is not the one of the sign-in in progress.
    Stale,
}

impl PageOutcome {
    fn key(self) -> &'static str {
        match self {
            PageOutcome::Success => "success",
            PageOutcome::Denied => "denied",
            PageOutcome::Failed => "failed",
            PageOutcome::Stale => "stale",
        }
    }

    fn mark(self) -> &'static str {
        match self {
            PageOutcome::Success => "✓",
            PageOutcome::Denied => "⨯",
            PageOutcome::Failed | PageOutcome::Stale => "!",
        }
    }
}

#[derive(Deserialize)]
struct Words {
    title: String,
    heading: String,
    message: String,
    next: String,
}

type Strings = HashMap<String, HashMap<String, Words>>;

struct Loaded {
    template: String,
    strings: Strings,
}

fn loaded() -> Option<&'static Loaded> {
    static LOADED: OnceLock<Option<Loaded>> = OnceLock::new();
    LOADED
        .get_or_init(|| {
            let template = Assets::get("result.html")?;
            let strings = Assets::get("strings.json")?;
            let loaded = Loaded {
                template: String::from_utf8(template.data.into_owned()).ok()?,
                strings: serde_json::from_slice(&strings.data).ok()?,
            };
            Some(loaded)
        })
        .as_ref()
}

/// The page for `outcome` in `language`, naming `provider`.
pub fn render(language: Language, outcome: PageOutcome, provider: &str) -> String {
    let words = loaded().and_then(|loaded| {
        let words = loaded.strings.get(language.tag())?.get(outcome.key())?;
        Some((loaded, words))
    });
    let Some((loaded, words)) = words else {
        // Only a broken build gets here (the unit tests read every entry);
        // the browser still gets a page that sends the user back.
        tracing::error!("the embedded OAuth result page is missing or unreadable");
        return "<!DOCTYPE html><title>Kakehashi</title><p>Return to Kakehashi.</p>".to_owned();
    };
    let fill = |text: &str| escape(&text.replace("{provider}", provider));
    loaded
        .template
        .replace("{{lang}}", language.tag())
        .replace("{{outcome}}", outcome.key())
        .replace("{{mark}}", outcome.mark())
        .replace("{{title}}", &fill(&words.title))
        .replace("{{heading}}", &fill(&words.heading))
        .replace("{{message}}", &fill(&words.message))
        .replace("{{next}}", &fill(&words.next))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANGUAGES: [Language; 3] = [Language::Japanese, Language::English, Language::Swedish];
    const OUTCOMES: [PageOutcome; 4] = [
        PageOutcome::Success,
        PageOutcome::Denied,
        PageOutcome::Failed,
        PageOutcome::Stale,
    ];

    #[test]
    fn every_outcome_is_translated_into_every_language() {
        for outcome in OUTCOMES {
            let pages: Vec<String> = LANGUAGES
                .iter()
                .map(|&language| render(language, outcome, "Jira Data Center"))
                .collect();
            for (page, language) in pages.iter().zip(LANGUAGES) {
                assert!(
                    page.contains(&format!("<html lang=\"{}\">", language.tag())),
                    "{page}"
                );
                assert!(
                    !page.contains("{{") && !page.contains("{provider}"),
                    "{page}"
                );
                assert!(!page.contains("Return to Kakehashi."), "{page}");
            }
            assert_ne!(pages[0], pages[1]);
            assert_ne!(pages[1], pages[2]);
        }
    }

    #[test]
    fn the_words_fit_the_outcome() {
        let denied = render(Language::English, PageOutcome::Denied, "Asana");
        assert!(denied.contains("You chose Deny"), "{denied}");
        assert!(
            denied.contains("Asana did not give Kakehashi access"),
            "{denied}"
        );
        let success = render(Language::Japanese, PageOutcome::Success, "Asana");
        assert!(
            success.contains("Kakehashi は Asana にサインインしました"),
            "{success}"
        );
        let failed = render(Language::Swedish, PageOutcome::Failed, "Asana");
        assert!(
            failed.contains("Inloggningen i Asana slutfördes inte"),
            "{failed}"
        );
        assert!(failed.contains("class=\"failed\""), "{failed}");
    }

    #[test]
    fn the_provider_name_is_escaped() {
        let page = render(
            Language::English,
            PageOutcome::Success,
            "<script>x</script>",
        );
        assert!(!page.contains("<script>"), "{page}");
        assert!(page.contains("&lt;script&gt;"), "{page}");
    }

    #[test]
    fn language_tags_are_read_leniently() {
        assert_eq!(Language::from_tag("ja-JP"), Language::Japanese);
        assert_eq!(Language::from_tag("sv_SE.UTF-8"), Language::Swedish);
        assert_eq!(Language::from_tag("en"), Language::English);
        assert_eq!(Language::from_tag("fr"), Language::English);
        let json = serde_json::to_string(&Language::Swedish).unwrap();
        assert_eq!(json, "\"sv\"");
    }
}
