-- Key/value settings that belong to the app's behaviour, not to the UI
-- (those live in tauri-plugin-store): e.g. whether automatic sync is paused.
CREATE TABLE app_settings (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Sync profiles. The sync-profile feature extends this table through later
-- migrations; the shell already needs to know whether any profile exists
-- (the tray's "Sync now" stays disabled until one does).
CREATE TABLE sync_profiles (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
