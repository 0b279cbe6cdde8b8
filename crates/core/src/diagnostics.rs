//! `kakehashi doctor` and Settings → About: versions, folders, schema version
//! and whether the OS keychain works. The same report backs the CLI's JSON,
//! the About screen and "Copy diagnostics", so what a user pastes into a
//! support request is exactly what the app saw. It never contains a secret.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::paths::AppPaths;
use crate::store::Database;
use crate::AppResult;

/// Result of the keychain check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KeychainCheck {
    pub reachable: bool,
    pub backend: String,
    pub reason: Option<String>,
}

impl From<kakehashi_secrets::KeychainStatus> for KeychainCheck {
    fn from(status: kakehashi_secrets::KeychainStatus) -> Self {
        KeychainCheck {
            reachable: status.reachable,
            backend: status.backend.to_string(),
            reason: status.reason,
        }
    }
}

/// Everything `doctor` reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DoctorReport {
    pub app_version: String,
    /// Set by the desktop app; the CLI has no Tauri.
    pub tauri_version: Option<String>,
    /// Set by the desktop app from the running webview.
    pub webview_version: Option<String>,
    pub os: String,
    pub arch: String,
    pub sqlite_version: String,
    pub data_dir: String,
    pub log_dir: String,
    pub database_path: String,
    pub schema_version: u32,
    pub keychain: KeychainCheck,
}

impl DoctorReport {
    /// Gather the report. `keychain` is passed in so callers decide when the
    /// (slow, side-effecting) probe runs and tests can supply a result.
    pub fn gather(paths: &AppPaths, db: &Database, keychain: KeychainCheck) -> AppResult<Self> {
        Ok(DoctorReport {
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            tauri_version: None,
            webview_version: None,
            os: std::env::consts::OS.to_string(),
            arch: std::env::consts::ARCH.to_string(),
            sqlite_version: rusqlite::version().to_string(),
            data_dir: paths.data_dir.display().to_string(),
            log_dir: paths.log_dir.display().to_string(),
            database_path: paths.database_path().display().to_string(),
            schema_version: db.schema_version()?,
            keychain,
        })
    }

    /// The plain-text form printed by `kakehashi doctor` and copied by
    /// "Copy diagnostics". Passed through the redactor as a last guard.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |label: &str, value: &str| {
            let _ = writeln!(out, "{label:<18}{value}");
        };
        line("Kakehashi", &self.app_version);
        if let Some(v) = &self.tauri_version {
            line("Tauri", v);
        }
        if let Some(v) = &self.webview_version {
            line("WebView", v);
        }
        line("OS", &format!("{} ({})", self.os, self.arch));
        line("SQLite", &self.sqlite_version);
        line("Data folder", &self.data_dir);
        line("Log folder", &self.log_dir);
        line("Database", &self.database_path);
        line("Schema version", &self.schema_version.to_string());
        let keychain = if self.keychain.reachable {
            format!("reachable ({})", self.keychain.backend)
        } else {
            format!(
                "NOT reachable ({}): {}",
                self.keychain.backend,
                self.keychain.reason.as_deref().unwrap_or("no reason given")
            )
        };
        line("Keychain", &keychain);
        kakehashi_secrets::redact(&out).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(keychain: KeychainCheck) -> DoctorReport {
        let tmp = tempfile::tempdir().unwrap();
        let paths = AppPaths::inside(tmp.path());
        let db = Database::open(&paths.database_path()).unwrap();
        DoctorReport::gather(&paths, &db, keychain).unwrap()
    }

    #[test]
    fn reports_schema_version_and_folders() {
        let r = report(KeychainCheck {
            reachable: true,
            backend: "test".into(),
            reason: None,
        });
        assert_eq!(r.schema_version, crate::store::LATEST_SCHEMA_VERSION);
        assert!(r.database_path.ends_with(crate::paths::DATABASE_FILE));
        assert!(r.sqlite_version.starts_with('3'));
        let json = serde_json::to_value(&r).unwrap();
        for key in [
            "appVersion",
            "dataDir",
            "logDir",
            "schemaVersion",
            "keychain",
        ] {
            assert!(json.get(key).is_some(), "missing {key} in {json}");
        }
        assert!(r.to_text().contains("reachable (test)"));
    }

    #[test]
    fn text_says_why_the_keychain_is_unreachable() {
        let r = report(KeychainCheck {
            reachable: false,
            backend: "Secret Service".into(),
            reason: Some("No D-Bus session bus is available.".into()),
        });
        let text = r.to_text();
        assert!(text.contains("NOT reachable"), "{text}");
        assert!(text.contains("No D-Bus session bus"), "{text}");
    }
}
