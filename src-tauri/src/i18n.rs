//! Languages of the app, and the few strings Rust itself shows (the tray
//! menu). Everything in the window is translated by the UI (react-i18next);
//! the tray is drawn by the OS, so its labels are translated here.

pub use kakehashi_core::language::Language;
use kakehashi_core::sync::RunOutcome;

/// Tray menu labels in one language.
pub struct TrayLabels {
    pub language: Language,
    pub open: &'static str,
    pub sync_now: &'static str,
    pub sync_now_needs_profile: &'static str,
    pub sync_one: &'static str,
    pub syncing: &'static str,
    pub last: &'static str,
    pub preview_first: &'static str,
    pub pause: &'static str,
    pub quit: &'static str,
    pub tooltip_paused: &'static str,
    pub tooltip_idle: &'static str,
}

impl TrayLabels {
    /// "syncing 3 profiles".
    pub fn syncing_many(&self, count: usize) -> String {
        match self.language {
            Language::Japanese => format!("{count} 件のプロファイルを同期中"),
            Language::English => format!("syncing {count} profiles"),
            Language::Swedish => format!("synkroniserar {count} profiler"),
        }
    }

    /// A run's outcome in a word or two.
    pub fn outcome(&self, outcome: RunOutcome) -> &'static str {
        use RunOutcome::*;
        match (self.language, outcome) {
            (Language::Japanese, Succeeded) => "成功",
            (Language::Japanese, SucceededWithProblems) => "要対応あり",
            (Language::Japanese, Paused) => "確認待ち",
            (Language::Japanese, Failed) => "失敗",
            (Language::Japanese, Cancelled) => "キャンセル",
            (Language::Japanese, Interrupted) => "中断",
            (Language::Japanese, Running) => "実行中",
            (Language::English, Succeeded) => "succeeded",
            (Language::English, SucceededWithProblems) => "items need action",
            (Language::English, Paused) => "waiting for you",
            (Language::English, Failed) => "failed",
            (Language::English, Cancelled) => "cancelled",
            (Language::English, Interrupted) => "interrupted",
            (Language::English, Running) => "running",
            (Language::Swedish, Succeeded) => "lyckades",
            (Language::Swedish, SucceededWithProblems) => "objekt behöver åtgärdas",
            (Language::Swedish, Paused) => "väntar på dig",
            (Language::Swedish, Failed) => "misslyckades",
            (Language::Swedish, Cancelled) => "avbruten",
            (Language::Swedish, Interrupted) => "avbröts",
            (Language::Swedish, Running) => "pågår",
        }
    }
}

pub fn tray_labels(language: Language) -> TrayLabels {
    match language {
        Language::Japanese => TrayLabels {
            language,
            open: "Kakehashi を開く",
            sync_now: "今すぐ同期",
            sync_now_needs_profile: "今すぐ同期（先に同期プロファイルを作成してください）",
            sync_one: "プロファイルを選んで同期",
            syncing: "同期中:",
            last: "前回",
            preview_first: "最初はプレビューから実行してください",
            pause: "自動同期を一時停止",
            quit: "終了",
            tooltip_paused: "Kakehashi — 自動同期は一時停止中",
            tooltip_idle: "Kakehashi",
        },
        Language::English => TrayLabels {
            language,
            open: "Open Kakehashi",
            sync_now: "Sync now",
            sync_now_needs_profile: "Sync now (create a sync profile first)",
            sync_one: "Sync one profile",
            syncing: "syncing",
            last: "last",
            preview_first: "run it first from its preview",
            pause: "Pause automatic sync",
            quit: "Quit",
            tooltip_paused: "Kakehashi — automatic sync is paused",
            tooltip_idle: "Kakehashi",
        },
        Language::Swedish => TrayLabels {
            language,
            open: "Öppna Kakehashi",
            sync_now: "Synkronisera nu",
            sync_now_needs_profile: "Synkronisera nu (skapa först en synkprofil)",
            sync_one: "Synkronisera en profil",
            syncing: "synkroniserar",
            last: "senast",
            preview_first: "kör den första gången från förhandsvisningen",
            pause: "Pausa automatisk synkronisering",
            quit: "Avsluta",
            tooltip_paused: "Kakehashi — automatisk synkronisering är pausad",
            tooltip_idle: "Kakehashi",
        },
    }
}
