-- The token registry (seed 002) and OAuth 2.0 credentials (issue 5). Still
-- no secret here: OAuth tokens and client secrets live in the keychain under
-- the row's secret_account; an OAuth row without a keychain entry is signed out.
ALTER TABLE credentials ADD COLUMN last_verified_at TEXT;      -- RFC 3339 of the last verify attempt
ALTER TABLE credentials ADD COLUMN verify_ok INTEGER;          -- NULL never, 1 ok, 0 failed
ALTER TABLE credentials ADD COLUMN verify_code TEXT;           -- AppError code of the failure
ALTER TABLE credentials ADD COLUMN verify_message TEXT;        -- its plain-language message
ALTER TABLE credentials ADD COLUMN identity TEXT;              -- who the credential signed in as
ALTER TABLE credentials ADD COLUMN oauth_client_id TEXT;       -- OAuth kinds only
ALTER TABLE credentials ADD COLUMN oauth_redirect_port INTEGER;-- OAuth kinds only
ALTER TABLE credentials ADD COLUMN scopes TEXT;
-- Which expiry reminders (14, 7, 1 days before; 0 = expired) were already shown.
CREATE TABLE credential_reminders (
  credential_id INTEGER NOT NULL REFERENCES credentials(id) ON DELETE CASCADE,
  threshold_days INTEGER NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (credential_id, threshold_days));
