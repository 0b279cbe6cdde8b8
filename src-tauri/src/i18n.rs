//! Languages of the app, and the few strings Rust itself shows (the tray
//! menu). Everything in the window is translated by the UI (react-i18next);
//! the tray is drawn by the OS, so its labels are translated here.

pub use kakehashi_core::language::Language;

/// Tray menu labels in one language.
pub struct TrayLabels {
    pub open: &'static str,
    pub sync_now: &'static str,
    pub sync_now_needs_profile: &'static str,
    pub pause: &'static str,
    pub quit: &'static str,
    pub tooltip_paused: &'static str,
    pub tooltip_idle: &'static str,
}

pub fn tray_labels(language: Language) -> TrayLabels {
    match language {
        Language::Japanese => TrayLabels {
            open: "Kakehashi を開く",
            sync_now: "今すぐ同期",
            sync_now_needs_profile: "今すぐ同期（先に同期プロファイルを作成してください）",
            pause: "自動同期を一時停止",
            quit: "終了",
            tooltip_paused: "Kakehashi — 自動同期は一時停止中",
            tooltip_idle: "Kakehashi",
        },
        Language::English => TrayLabels {
            open: "Open Kakehashi",
            sync_now: "Sync now",
            sync_now_needs_profile: "Sync now (create a sync profile first)",
            pause: "Pause automatic sync",
            quit: "Quit",
            tooltip_paused: "Kakehashi — automatic sync is paused",
            tooltip_idle: "Kakehashi",
        },
        Language::Swedish => TrayLabels {
            open: "Öppna Kakehashi",
            sync_now: "Synkronisera nu",
            sync_now_needs_profile: "Synkronisera nu (skapa först en synkprofil)",
            pause: "Pausa automatisk synkronisering",
            quit: "Avsluta",
            tooltip_paused: "Kakehashi — automatisk synkronisering är pausad",
            tooltip_idle: "Kakehashi",
        },
    }
}
