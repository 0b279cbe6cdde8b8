//! The languages of the app: the UI, the tray, notifications and the page
//! the browser shows at the end of an OAuth sign-in all use these three.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
pub enum Language {
    #[serde(rename = "ja")]
    Japanese,
    #[serde(rename = "en")]
    English,
    #[serde(rename = "sv")]
    Swedish,
}

impl Language {
    /// A BCP 47 tag or POSIX locale (`ja`, `ja-JP`, `sv_SE.UTF-8`) mapped to
    /// a supported language; anything else is English.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag
            .split(['-', '_', '.'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Language::Japanese,
            "sv" => Language::Swedish,
            _ => Language::English,
        }
    }

    /// The operating system's language, as far as we support it.
    pub fn from_os() -> Language {
        sys_locale::get_locale()
            .map(|tag| Language::from_tag(&tag))
            .unwrap_or(Language::English)
    }

    pub fn tag(self) -> &'static str {
        match self {
            Language::Japanese => "ja",
            Language::English => "en",
            Language::Swedish => "sv",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_os_locales() {
        assert_eq!(Language::from_tag("ja-JP"), Language::Japanese);
        assert_eq!(Language::from_tag("sv_SE.UTF-8"), Language::Swedish);
        assert_eq!(Language::from_tag("en-US"), Language::English);
        assert_eq!(Language::from_tag("de-DE"), Language::English);
        assert_eq!(Language::from_tag(""), Language::English);
    }

    #[test]
    fn serialises_as_short_codes_like_its_tag() {
        for language in [Language::Japanese, Language::English, Language::Swedish] {
            assert_eq!(
                serde_json::to_string(&language).unwrap(),
                format!("\"{}\"", language.tag())
            );
        }
    }
}
