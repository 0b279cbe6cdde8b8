//! The words of a credential expiry reminder, per language. The desktop
//! notification is drawn by the OS, so Rust translates it (like the tray).

use kakehashi_core::workspace::credentials::Reminder;

use crate::i18n::Language;

/// Title and body of one reminder's notification.
pub fn reminder_text(language: Language, reminder: &Reminder) -> (String, String) {
    let label = &reminder.label;
    let server = &reminder.server_name;
    let days = reminder.threshold_days;
    match (language, days) {
        (Language::Japanese, 0) => (
            format!("資格情報「{label}」の有効期限が切れました"),
            format!("{server} の同期はこの資格情報を使うため一時停止しています。資格情報画面で「ローテーション」してください。"),
        ),
        (Language::Japanese, _) => (
            format!("資格情報「{label}」はあと {days} 日で期限切れになります"),
            format!("{server} の同期が止まる前に、資格情報画面で新しいトークンにローテーションしてください（期限 {}）。", reminder.expires_at),
        ),
        (Language::Swedish, 0) => (
            format!("Autentiseringsuppgiften ”{label}” har gått ut"),
            format!("Synkroniseringar mot {server} som använder den är pausade. Byt den under Autentiseringsuppgifter → Rotera."),
        ),
        (Language::Swedish, 1) => (
            format!("Autentiseringsuppgiften ”{label}” går ut i morgon"),
            format!("Byt den under Autentiseringsuppgifter → Rotera innan synkroniseringen mot {server} stannar (sista dag {}).", reminder.expires_at),
        ),
        (Language::Swedish, _) => (
            format!("Autentiseringsuppgiften ”{label}” går ut om {days} dagar"),
            format!("Byt den under Autentiseringsuppgifter → Rotera innan synkroniseringen mot {server} stannar (sista dag {}).", reminder.expires_at),
        ),
        (Language::English, 0) => (
            format!("Credential “{label}” has expired"),
            format!("Syncs with {server} that use it are paused. Rotate it on the Credentials screen."),
        ),
        (Language::English, 1) => (
            format!("Credential “{label}” expires tomorrow"),
            format!("Rotate it on the Credentials screen before syncs with {server} stop (last day {}).", reminder.expires_at),
        ),
        (Language::English, _) => (
            format!("Credential “{label}” expires in {days} days"),
            format!("Rotate it on the Credentials screen before syncs with {server} stop (last day {}).", reminder.expires_at),
        ),
    }
}

#[cfg(test)]
mod tests {
    use kakehashi_core::workspace::credentials::Expiry;

    use super::*;

    fn reminder(threshold_days: u32) -> Reminder {
        Reminder {
            credential_id: 1,
            label: "sync bot".into(),
            server_name: "Jira".into(),
            threshold_days,
            expiry: if threshold_days == 0 {
                Expiry::Expired { days: 0 }
            } else {
                Expiry::Soon {
                    days: threshold_days as i32,
                }
            },
            expires_at: "2026-12-06".into(),
        }
    }

    #[test]
    fn every_language_names_the_credential_and_the_days_left() {
        for language in [Language::Japanese, Language::English, Language::Swedish] {
            for days in [14, 7, 1, 0] {
                let (title, body) = reminder_text(language, &reminder(days));
                assert!(title.contains("sync bot"), "{language:?} {days}: {title}");
                assert!(body.contains("Jira"), "{language:?} {days}: {body}");
                if days > 1 {
                    assert!(title.contains(&days.to_string()), "{title}");
                }
            }
        }
    }

    #[test]
    fn an_expired_credential_says_syncs_are_paused() {
        let (title, body) = reminder_text(Language::English, &reminder(0));
        assert_eq!(title, "Credential “sync bot” has expired");
        assert!(body.contains("paused"), "{body}");
    }
}
