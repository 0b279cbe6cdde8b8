-- The sync engine (DESIGN §5): profiles get their definition, and the
-- engine's durable state — links with the last synced snapshots,
-- watermarks, runs, the journal (outbox) and item problems.

-- A profile's definition (scope, entities, field directions, value and user
-- maps, policies, schedule, threshold) is one JSON document: it is always
-- read and written whole, and new options need no migration.
-- Removing the connection removes its profiles (and through them their
-- links, journal and problems); runs stay as history.
ALTER TABLE sync_profiles ADD COLUMN connection_id INTEGER REFERENCES connections(id) ON DELETE CASCADE;
ALTER TABLE sync_profiles ADD COLUMN definition TEXT NOT NULL DEFAULT '{}';
ALTER TABLE sync_profiles ADD COLUMN updated_at TEXT;
-- 0 until the first real (not dry) run: the UI asks for a preview first.
ALTER TABLE sync_profiles ADD COLUMN has_run INTEGER NOT NULL DEFAULT 0;
-- Profiles could not be created before this version; a row without a
-- connection cannot sync and is dropped rather than shown broken.
DELETE FROM sync_profiles WHERE connection_id IS NULL;

-- One pair of records kept in step. Ids are unique per side within a
-- profile (connectors put the kind into ids where sequences overlap).
-- A side marked gone was deleted there; the row stays as a tombstone so
-- the record left on the other side is not created again.
CREATE TABLE sync_links (
    id              INTEGER PRIMARY KEY,
    profile_id      INTEGER NOT NULL REFERENCES sync_profiles(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    left_id         TEXT NOT NULL,
    right_id        TEXT NOT NULL,
    -- Native field values last seen or written, JSON objects by field.
    snapshot_left   TEXT NOT NULL,
    snapshot_right  TEXT NOT NULL,
    left_hash       TEXT NOT NULL,
    right_hash      TEXT NOT NULL,
    -- The idempotency key the created record carries (None when linked by marker-less match).
    marker          TEXT,
    left_gone       INTEGER NOT NULL DEFAULT 0,
    right_gone      INTEGER NOT NULL DEFAULT 0,
    -- Display text for titles when neither side is read in a run.
    display         TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (profile_id, left_id),
    UNIQUE (profile_id, right_id)
);

-- Per side, the opaque watermark of the last committed run.
CREATE TABLE sync_watermarks (
    profile_id  INTEGER NOT NULL REFERENCES sync_profiles(id) ON DELETE CASCADE,
    side        TEXT NOT NULL CHECK (side IN ('left', 'right')),
    watermark   TEXT NOT NULL,
    PRIMARY KEY (profile_id, side)
);

-- Runs are history: they keep the profile's name and outlive it.
CREATE TABLE sync_runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id    INTEGER NOT NULL,
    profile_name  TEXT NOT NULL,
    trigger       TEXT NOT NULL,
    dry_run       INTEGER NOT NULL,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    outcome       TEXT NOT NULL,
    left_counts   TEXT NOT NULL DEFAULT '{"created":0,"updated":0,"deleted":0,"unchanged":0,"problems":0}',
    right_counts  TEXT NOT NULL DEFAULT '{"created":0,"updated":0,"deleted":0,"unchanged":0,"problems":0}',
    problems      INTEGER NOT NULL DEFAULT 0,
    requests      TEXT NOT NULL DEFAULT '[]',
    message       TEXT,
    -- The plan as shown (dry runs and paused runs have no journal).
    plan          TEXT,
    -- For an undo run, the run it undid; for an undone run, its undo.
    undo_of       INTEGER,
    undone_by     INTEGER
);
CREATE INDEX sync_runs_by_profile ON sync_runs(profile_id, id);

-- The outbox: every remote write, durable before it is sent.
CREATE TABLE sync_journal (
    id          INTEGER PRIMARY KEY,
    run_id      INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    profile_id  INTEGER NOT NULL REFERENCES sync_profiles(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    key         TEXT NOT NULL,
    side        TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    title       TEXT NOT NULL,
    target_id   TEXT,
    source      TEXT,
    changes     TEXT NOT NULL,
    status      TEXT NOT NULL,
    -- What undo needs: the target's values before and the link before.
    undo        TEXT,
    result_id   TEXT,
    message     TEXT,
    updated_at  TEXT NOT NULL
);
CREATE INDEX sync_journal_by_run ON sync_journal(run_id, seq);
CREATE INDEX sync_journal_by_key ON sync_journal(profile_id, key);

-- Items that need someone's action, one row per item and cause.
CREATE TABLE sync_problems (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    profile_id   INTEGER NOT NULL REFERENCES sync_profiles(id) ON DELETE CASCADE,
    run_id       INTEGER NOT NULL,
    side         TEXT,
    item         TEXT NOT NULL,
    item_id      TEXT,
    -- The side the item's record is on (Skip leaves that record out).
    record_side  TEXT,
    -- Upsert key: the item (by id when known) and the cause kind (+ field or user).
    item_key     TEXT NOT NULL,
    cause_key    TEXT NOT NULL,
    cause        TEXT NOT NULL,
    message      TEXT NOT NULL,
    status       TEXT NOT NULL,
    -- 'keepLeft' / 'keepRight' for a field conflict, until a run applies it.
    resolution   TEXT,
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    occurrences  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (profile_id, item_key, cause_key)
);
