//! Expiry reminders as desktop notifications (seed 002): 14, 7 and 1 days
//! before a credential expires, and once when it has expired. A background
//! task owned by a handle checks at start-up and every hour after; the core
//! decides what is due and remembers what was shown, so a restart never
//! repeats a reminder.

use std::time::Duration;

use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;
use tokio_util::sync::CancellationToken;

use kakehashi_core::clock;
use kakehashi_core::workspace::credentials::{self, Reminder};

use crate::reminder_text::reminder_text;

/// Often enough that a reminder appears on its day; rare enough to cost nothing.
const CHECK_EVERY: Duration = Duration::from_secs(60 * 60);
/// Let the window come up before the first check.
const FIRST_CHECK_AFTER: Duration = Duration::from_secs(5);

/// Owns the reminder task; dropping it stops the task.
pub struct ReminderTask {
    cancel: CancellationToken,
}

impl Drop for ReminderTask {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}

pub fn start<R: Runtime>(app: &AppHandle<R>) -> ReminderTask {
    let cancel = CancellationToken::new();
    let stop = cancel.clone();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut wait = FIRST_CHECK_AFTER;
        loop {
            tokio::select! {
                _ = stop.cancelled() => break,
                _ = tokio::time::sleep(wait) => {}
            }
            remind_now(&app);
            wait = CHECK_EVERY;
        }
    });
    ReminderTask { cancel }
}

/// Shows every reminder that is due and marks it shown. A reminder whose
/// notification failed is not marked, so the next check tries again.
fn remind_now<R: Runtime>(app: &AppHandle<R>) {
    let state = crate::state(app);
    let now = clock::now();
    let due = match state.with_db(|db| credentials::reminders_due(db, now)) {
        Ok(due) => due,
        Err(err) => {
            tracing::warn!(
                code = err.code(),
                "expiry reminders could not be read: {err}"
            );
            return;
        }
    };
    if due.is_empty() {
        return;
    }
    let language = crate::preferences::read(app)
        .map(|prefs| prefs.effective_language)
        .unwrap_or_else(|_| crate::i18n::Language::from_os());
    for reminder in due {
        if let Err(err) = notify(app, language, &reminder) {
            tracing::warn!(
                credential = reminder.credential_id,
                "expiry notification failed: {err}"
            );
            continue;
        }
        let marked = state.with_db(|db| {
            credentials::mark_reminded(db, reminder.credential_id, reminder.threshold_days, now)
        });
        if let Err(err) = marked {
            tracing::warn!(
                credential = reminder.credential_id,
                "reminder not recorded: {err}"
            );
        }
        tracing::info!(
            credential = reminder.credential_id,
            days = reminder.threshold_days,
            "expiry reminder shown"
        );
    }
}

fn notify<R: Runtime>(
    app: &AppHandle<R>,
    language: crate::i18n::Language,
    reminder: &Reminder,
) -> Result<(), tauri_plugin_notification::Error> {
    let (title, body) = reminder_text(language, reminder);
    app.notification().builder().title(title).body(body).show()
}
