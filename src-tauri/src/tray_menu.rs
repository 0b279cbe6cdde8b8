//! The tray menu as plain data, built from state. The menu is always rebuilt
//! from this model, never edited piece by piece, so what the tray shows is a
//! pure function of the status and the language — and testable without a tray.

use kakehashi_core::status::{HomeStatus, SyncNowBlocked};

use crate::i18n::{tray_labels, Language};

/// What a menu item does when chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayAction {
    Open,
    SyncNow,
    TogglePause,
    Quit,
}

impl TrayAction {
    /// The menu item id used by Tauri.
    pub fn id(self) -> &'static str {
        match self {
            TrayAction::Open => "open",
            TrayAction::SyncNow => "sync-now",
            TrayAction::TogglePause => "toggle-pause",
            TrayAction::Quit => "quit",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        [
            TrayAction::Open,
            TrayAction::SyncNow,
            TrayAction::TogglePause,
            TrayAction::Quit,
        ]
        .into_iter()
        .find(|action| action.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrayEntry {
    Item {
        action: TrayAction,
        label: String,
        enabled: bool,
        /// `Some` for a check item.
        checked: Option<bool>,
    },
    Separator,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayModel {
    pub entries: Vec<TrayEntry>,
    pub tooltip: String,
}

pub fn build(status: &HomeStatus, language: Language) -> TrayModel {
    let labels = tray_labels(language);
    let item = |action, label: &str, enabled, checked| TrayEntry::Item {
        action,
        label: label.to_string(),
        enabled,
        checked,
    };
    // The reason stays in the label: a disabled item cannot show a tooltip
    // on every platform, and the user must see why it is greyed out.
    let sync_now = match status.sync_now_blocked {
        None => item(TrayAction::SyncNow, labels.sync_now, true, None),
        Some(SyncNowBlocked::NoProfile) => item(
            TrayAction::SyncNow,
            labels.sync_now_needs_profile,
            false,
            None,
        ),
    };
    TrayModel {
        entries: vec![
            item(TrayAction::Open, labels.open, true, None),
            TrayEntry::Separator,
            sync_now,
            item(
                TrayAction::TogglePause,
                labels.pause,
                true,
                Some(status.sync_paused),
            ),
            TrayEntry::Separator,
            item(TrayAction::Quit, labels.quit, true, None),
        ],
        tooltip: if status.sync_paused {
            labels.tooltip_paused
        } else {
            labels.tooltip_idle
        }
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(profiles: u32, paused: bool) -> HomeStatus {
        HomeStatus {
            profile_count: profiles,
            server_count: 0,
            connection_count: 0,
            demo: None,
            sync_paused: paused,
            sync_now_blocked: (profiles == 0).then_some(SyncNowBlocked::NoProfile),
        }
    }

    fn find(model: &TrayModel, wanted: TrayAction) -> (String, bool, Option<bool>) {
        model
            .entries
            .iter()
            .find_map(|e| match e {
                TrayEntry::Item {
                    action,
                    label,
                    enabled,
                    checked,
                } if *action == wanted => Some((label.clone(), *enabled, *checked)),
                _ => None,
            })
            .expect("item present")
    }

    #[test]
    fn sync_now_is_disabled_with_the_reason_until_a_profile_exists() {
        let model = build(&status(0, false), Language::English);
        let (label, enabled, _) = find(&model, TrayAction::SyncNow);
        assert!(!enabled);
        assert_eq!(label, "Sync now (create a sync profile first)");

        let model = build(&status(2, false), Language::English);
        let (label, enabled, _) = find(&model, TrayAction::SyncNow);
        assert!(enabled);
        assert_eq!(label, "Sync now");
    }

    #[test]
    fn pause_is_a_check_item_reflecting_state_and_tooltip() {
        let model = build(&status(1, true), Language::English);
        assert_eq!(find(&model, TrayAction::TogglePause).2, Some(true));
        assert!(model.tooltip.contains("paused"));
        let model = build(&status(1, false), Language::English);
        assert_eq!(find(&model, TrayAction::TogglePause).2, Some(false));
        assert_eq!(model.tooltip, "Kakehashi");
    }

    #[test]
    fn order_is_open_sync_pause_quit_in_every_language() {
        for language in [Language::Japanese, Language::English, Language::Swedish] {
            let actions: Vec<_> = build(&status(0, false), language)
                .entries
                .iter()
                .filter_map(|e| match e {
                    TrayEntry::Item { action, .. } => Some(*action),
                    TrayEntry::Separator => None,
                })
                .collect();
            assert_eq!(
                actions,
                [
                    TrayAction::Open,
                    TrayAction::SyncNow,
                    TrayAction::TogglePause,
                    TrayAction::Quit
                ]
            );
        }
        let (label, _, _) = find(
            &build(&status(0, false), Language::Japanese),
            TrayAction::Quit,
        );
        assert_eq!(label, "終了");
    }

    #[test]
    fn ids_round_trip() {
        for action in [
            TrayAction::Open,
            TrayAction::SyncNow,
            TrayAction::TogglePause,
            TrayAction::Quit,
        ] {
            assert_eq!(TrayAction::from_id(action.id()), Some(action));
        }
        assert_eq!(TrayAction::from_id("nope"), None);
    }
}
