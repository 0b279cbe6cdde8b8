//! Desktop notifications about syncs: a run failed (with how many items
//! need action), items need action, a run paused to ask, a profile's
//! automatic sync stopped because its credential expired, and — when the
//! person asked for it in Settings — a manual run finished.
//!
//! Each one is also sent to the window as `NotificationRaised` with the
//! screen it is about. The notification plug-in cannot report a click on
//! every desktop, so the window opens that screen the next time it comes to
//! the front while the notice is fresh (clicking a notification brings the
//! app to the front on Windows and macOS; on Linux "Open" in the tray does).

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;
use tauri_specta::Event;

use kakehashi_core::sync::{RunSummary, Trigger};

use crate::sync_notify_text::{notice_text, SyncNotice};

/// The screen a notification opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum NotificationTarget {
    Activity,
    Credentials,
    Profiles,
}

/// A notification was shown (also sent when the OS refused to show it, so
/// the window can still point the person to the screen).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct NotificationRaised {
    pub title: String,
    pub body: String,
    pub target: NotificationTarget,
    pub profile_id: u32,
}

/// After any run: the notice its outcome calls for, if any.
pub fn run_ended<R: Runtime>(app: &AppHandle<R>, summary: &RunSummary, trigger: Trigger) {
    let manual = matches!(trigger, Trigger::Ui | Trigger::Tray);
    let wanted = manual && crate::preferences::read(app).is_ok_and(|p| p.notify_manual_sync);
    if let Some(notice) = SyncNotice::for_run(summary, wanted) {
        raise(app, summary.profile_id, &summary.profile_name, &notice);
    }
}

/// Shows `notice` about the profile and tells the window.
pub fn raise<R: Runtime>(app: &AppHandle<R>, profile_id: u32, profile: &str, notice: &SyncNotice) {
    let language = crate::preferences::read(app)
        .map(|prefs| prefs.effective_language)
        .unwrap_or_else(|_| crate::i18n::Language::from_os());
    let (title, body) = notice_text(language, profile, notice);
    let target = match notice {
        SyncNotice::CredentialExpired { .. } => NotificationTarget::Credentials,
        SyncNotice::Paused => NotificationTarget::Profiles,
        _ => NotificationTarget::Activity,
    };
    if let Err(err) = app
        .notification()
        .builder()
        .title(&title)
        .body(&body)
        .show()
    {
        tracing::warn!(profile_id, "sync notification not shown: {err}");
    }
    tracing::info!(profile_id, ?target, "sync notification: {title}");
    let raised = NotificationRaised {
        title,
        body,
        target,
        profile_id,
    };
    if let Err(err) = raised.emit(app) {
        tracing::debug!("notification event not delivered: {err}");
    }
}
