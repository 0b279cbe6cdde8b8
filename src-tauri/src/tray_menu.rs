//! The tray menu as plain data, built from state. The menu is always rebuilt
//! from this model, never edited piece by piece, so what the tray shows is a
//! pure function of the state and the language — and testable without a tray.
//!
//! Linux delivers no tray clicks, only menus, so everything is in the menu:
//! Open; "Sync now" for all profiles and, in a submenu, for one (each with
//! its running progress or its last result); the pause switch; Quit.

use kakehashi_core::status::{HomeStatus, SyncNowBlocked};
use kakehashi_core::sync::{Phase, RunOutcome, SyncProgress};

use crate::i18n::{tray_labels, Language, TrayLabels};

/// What a menu item does when chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayAction {
    Open,
    SyncNow,
    SyncProfile(u32),
    TogglePause,
    Quit,
}

const SYNC_PROFILE_PREFIX: &str = "sync-profile:";

impl TrayAction {
    /// The menu item id used by Tauri.
    pub fn id(self) -> String {
        match self {
            TrayAction::Open => "open".into(),
            TrayAction::SyncNow => "sync-now".into(),
            TrayAction::SyncProfile(id) => format!("{SYNC_PROFILE_PREFIX}{id}"),
            TrayAction::TogglePause => "toggle-pause".into(),
            TrayAction::Quit => "quit".into(),
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        if let Some(profile) = id.strip_prefix(SYNC_PROFILE_PREFIX) {
            return profile.parse().ok().map(TrayAction::SyncProfile);
        }
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

/// One profile as the tray shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayProfile {
    pub id: u32,
    pub name: String,
    /// False until its first run, which starts from its preview.
    pub has_run: bool,
    /// Its run in flight, if any.
    pub running: Option<SyncProgress>,
    /// How its last run ended, and when (local "HH:MM", or a date).
    pub last: Option<(RunOutcome, String)>,
}

/// Everything the menu is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayInput {
    pub status: HomeStatus,
    pub profiles: Vec<TrayProfile>,
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
    Submenu {
        label: String,
        entries: Vec<TrayEntry>,
    },
    Separator,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayModel {
    pub entries: Vec<TrayEntry>,
    pub tooltip: String,
}

fn item(action: TrayAction, label: impl Into<String>, enabled: bool) -> TrayEntry {
    TrayEntry::Item {
        action,
        label: label.into(),
        enabled,
        checked: None,
    }
}

pub fn build(input: &TrayInput, language: Language) -> TrayModel {
    let labels = tray_labels(language);
    let status = &input.status;
    let running: Vec<&TrayProfile> = input
        .profiles
        .iter()
        .filter(|p| p.running.is_some())
        .collect();
    // The reason stays in the label: a disabled item cannot show a tooltip
    // on every platform, and the user must see why it is greyed out.
    let sync_now = match status.sync_now_blocked {
        Some(SyncNowBlocked::NoProfile) => {
            item(TrayAction::SyncNow, labels.sync_now_needs_profile, false)
        }
        None => match running.as_slice() {
            [] => item(TrayAction::SyncNow, labels.sync_now, true),
            [one] => item(
                TrayAction::SyncNow,
                format!("{} — {}", labels.sync_now, running_text(&labels, one)),
                true,
            ),
            many => item(
                TrayAction::SyncNow,
                format!("{} — {}", labels.sync_now, labels.syncing_many(many.len())),
                true,
            ),
        },
    };
    let mut entries = vec![
        item(TrayAction::Open, labels.open, true),
        TrayEntry::Separator,
        sync_now,
    ];
    if !input.profiles.is_empty() {
        entries.push(TrayEntry::Submenu {
            label: labels.sync_one.to_string(),
            entries: input
                .profiles
                .iter()
                .map(|p| profile_entry(&labels, p))
                .collect(),
        });
    }
    entries.extend([
        TrayEntry::Item {
            action: TrayAction::TogglePause,
            label: labels.pause.to_string(),
            enabled: true,
            checked: Some(status.sync_paused),
        },
        TrayEntry::Separator,
        item(TrayAction::Quit, labels.quit, true),
    ]);
    TrayModel {
        entries,
        tooltip: tooltip(&labels, input, &running),
    }
}

/// "WEB — syncing 120/300", "WEB — last: succeeded 10:32", "WEB — preview first".
fn profile_entry(labels: &TrayLabels, profile: &TrayProfile) -> TrayEntry {
    let action = TrayAction::SyncProfile(profile.id);
    if profile.running.is_some() {
        return item(
            action,
            format!("{} — {}", profile.name, running_text(labels, profile)),
            false,
        );
    }
    if !profile.has_run {
        return item(
            action,
            format!("{} — {}", profile.name, labels.preview_first),
            false,
        );
    }
    let label = match &profile.last {
        Some((outcome, at)) => format!(
            "{} — {}: {} {at}",
            profile.name,
            labels.last,
            labels.outcome(*outcome)
        ),
        None => profile.name.clone(),
    };
    item(action, label, true)
}

/// "syncing 120/300" (writing), "syncing: reading 40" (before the plan).
fn running_text(labels: &TrayLabels, profile: &TrayProfile) -> String {
    let Some(progress) = &profile.running else {
        return String::new();
    };
    let count = match progress.phase {
        Phase::Applying | Phase::Committing | Phase::Done if progress.total > 0 => {
            format!(" {}/{}", progress.applied, progress.total)
        }
        Phase::Reading | Phase::Planning if progress.read > 0 => format!(" ({})", progress.read),
        _ => String::new(),
    };
    format!("{} {}{count}", labels.syncing, profile.name)
}

fn tooltip(labels: &TrayLabels, input: &TrayInput, running: &[&TrayProfile]) -> String {
    match running {
        [] if input.status.sync_paused => labels.tooltip_paused.to_string(),
        [] => labels.tooltip_idle.to_string(),
        [one] => format!("Kakehashi — {}", running_text(labels, one)),
        many => format!("Kakehashi — {}", labels.syncing_many(many.len())),
    }
}

#[cfg(test)]
mod tests;
