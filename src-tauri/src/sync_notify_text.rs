//! The words of sync notifications, per language (drawn by the OS, so Rust
//! translates them, like the tray and the expiry reminders).

use kakehashi_core::sync::{RunOutcome, RunSummary};

use crate::i18n::Language;

/// What a notification is about; decides its words and the screen it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncNotice {
    /// The run failed; `problems` items need action too.
    Failed { message: String, problems: u32 },
    /// The run finished but items need action.
    NeedsAction { problems: u32 },
    /// The breaker stopped the run to ask.
    Paused,
    /// The scheduler paused the profile: its credential has expired.
    CredentialExpired { message: String },
    /// A manual run finished cleanly (only when the person asked for it).
    Finished,
}

impl SyncNotice {
    /// The notice for a finished run; `manual_wanted` says whether a clean
    /// manual run is announced too.
    pub fn for_run(summary: &RunSummary, manual_wanted: bool) -> Option<SyncNotice> {
        match summary.outcome {
            RunOutcome::Failed => Some(SyncNotice::Failed {
                message: summary.message.clone().unwrap_or_default(),
                problems: summary.problems,
            }),
            RunOutcome::SucceededWithProblems => Some(SyncNotice::NeedsAction {
                problems: summary.problems,
            }),
            RunOutcome::Paused => Some(SyncNotice::Paused),
            RunOutcome::Succeeded if manual_wanted => Some(SyncNotice::Finished),
            _ => None,
        }
    }
}

/// Title and body.
pub fn notice_text(language: Language, profile: &str, notice: &SyncNotice) -> (String, String) {
    match (language, notice) {
        (Language::Japanese, SyncNotice::Failed { message, problems }) => (
            format!("同期に失敗しました: {profile}"),
            with_count_ja(message, *problems),
        ),
        (Language::Japanese, SyncNotice::NeedsAction { problems }) => (
            format!("{profile}: {problems} 件の項目に対応が必要です"),
            "アクティビティ画面の「問題」から、原因と修正方法を確認してください。".into(),
        ),
        (Language::Japanese, SyncNotice::Paused) => (
            format!("同期を一時停止しました: {profile}"),
            "多くの項目を変更しようとしたため、確認を待っています。プレビューを確認して実行してください。".into(),
        ),
        (Language::Japanese, SyncNotice::CredentialExpired { message }) => (
            format!("自動同期を停止しました: {profile}"),
            message.clone(),
        ),
        (Language::Japanese, SyncNotice::Finished) => (
            format!("同期が完了しました: {profile}"),
            "すべての項目を同期しました。".into(),
        ),
        (Language::Swedish, SyncNotice::Failed { message, problems }) => (
            format!("Synkroniseringen misslyckades: {profile}"),
            with_count_sv(message, *problems),
        ),
        (Language::Swedish, SyncNotice::NeedsAction { problems }) => (
            format!("{profile}: {problems} objekt behöver åtgärdas"),
            "Se orsaken och åtgärden under Aktivitet → Problem.".into(),
        ),
        (Language::Swedish, SyncNotice::Paused) => (
            format!("Synkroniseringen pausades: {profile}"),
            "Körningen skulle ändra många objekt och väntar på ditt beslut. Granska förhandsvisningen och kör den.".into(),
        ),
        (Language::Swedish, SyncNotice::CredentialExpired { message }) => (
            format!("Automatisk synkronisering stoppad: {profile}"),
            message.clone(),
        ),
        (Language::Swedish, SyncNotice::Finished) => (
            format!("Synkroniseringen är klar: {profile}"),
            "Alla objekt är synkroniserade.".into(),
        ),
        (Language::English, SyncNotice::Failed { message, problems }) => (
            format!("Sync failed: {profile}"),
            with_count_en(message, *problems),
        ),
        (Language::English, SyncNotice::NeedsAction { problems }) => (
            format!("{profile}: {}", items_need_action_en(*problems)),
            "See the cause and the fix under Activity → Problems.".into(),
        ),
        (Language::English, SyncNotice::Paused) => (
            format!("Sync paused: {profile}"),
            "The run would change many items and waits for your decision. Review its preview and run it.".into(),
        ),
        (Language::English, SyncNotice::CredentialExpired { message }) => (
            format!("Automatic sync stopped: {profile}"),
            message.clone(),
        ),
        (Language::English, SyncNotice::Finished) => (
            format!("Sync finished: {profile}"),
            "Every item is in step.".into(),
        ),
    }
}

fn items_need_action_en(count: u32) -> String {
    if count == 1 {
        "1 item needs action".into()
    } else {
        format!("{count} items need action")
    }
}

fn with_count_en(message: &str, problems: u32) -> String {
    match problems {
        0 => message.to_owned(),
        n => format!("{message} {}.", items_need_action_en(n))
            .trim()
            .to_owned(),
    }
}

fn with_count_ja(message: &str, problems: u32) -> String {
    match problems {
        0 => message.to_owned(),
        n => format!("{message} {n} 件の項目に対応が必要です。")
            .trim()
            .to_owned(),
    }
}

fn with_count_sv(message: &str, problems: u32) -> String {
    match problems {
        0 => message.to_owned(),
        n => format!("{message} {n} objekt behöver åtgärdas.")
            .trim()
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_says_how_many_items_need_action_in_every_language() {
        let notice = SyncNotice::Failed {
            message: "Jira did not answer.".into(),
            problems: 3,
        };
        let (title, body) = notice_text(Language::English, "WEB", &notice);
        assert_eq!(title, "Sync failed: WEB");
        assert_eq!(body, "Jira did not answer. 3 items need action.");
        let (title, body) = notice_text(Language::Japanese, "WEB", &notice);
        assert!(
            title.contains("WEB") && body.contains("3 件"),
            "{title} {body}"
        );
        let (_, body) = notice_text(Language::Swedish, "WEB", &notice);
        assert!(body.contains("3 objekt"), "{body}");
        let one = SyncNotice::NeedsAction { problems: 1 };
        assert_eq!(
            notice_text(Language::English, "WEB", &one).0,
            "WEB: 1 item needs action"
        );
    }
}
