-- Servers, credentials and connections (DESIGN §4). Secrets are never here:
-- a credential row names the keychain account that holds its secret.
CREATE TABLE servers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL CHECK (kind IN ('jiraCloud', 'jiraDataCenter', 'timeTrackerNx', 'asana')),
    name        TEXT NOT NULL,
    -- The URL users see and links point to.
    base_url    TEXT NOT NULL,
    -- The URL the app connects to when the public one is not reachable from here.
    alt_url     TEXT,
    -- TimeTracker NX work times carry no offset; this is the zone they are in.
    time_zone   TEXT,
    -- Part of the demo workspace (simulators inside the app); removed with it.
    is_demo     INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);

CREATE TABLE credentials (
    -- AUTOINCREMENT: an id is never reused, so a stale keychain entry can
    -- never be mistaken for a new credential's.
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    server_id       INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    label           TEXT NOT NULL,
    login           TEXT,
    -- Keychain account (service = bundle identifier) that holds the secret.
    secret_account  TEXT NOT NULL UNIQUE,
    -- The credential automatic sync uses on this server (seed 000).
    is_service      INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    expires_at      TEXT
);
CREATE UNIQUE INDEX credentials_one_service_per_server ON credentials(server_id) WHERE is_service = 1;

CREATE TABLE connections (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    name                 TEXT NOT NULL UNIQUE,
    left_server_id       INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    left_credential_id   INTEGER REFERENCES credentials(id) ON DELETE SET NULL,
    right_server_id      INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    right_credential_id  INTEGER REFERENCES credentials(id) ON DELETE SET NULL,
    direction            TEXT NOT NULL CHECK (direction IN ('both', 'leftToRight', 'rightToLeft')),
    created_at           TEXT NOT NULL
);
