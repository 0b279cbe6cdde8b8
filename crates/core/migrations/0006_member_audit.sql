-- The audit log of TimeTracker NX member changes (issue 7): one row per
-- apply, with who (the OS user and the TimeTracker NX identity), when,
-- which project, and before/after per member. `server_id` has no foreign
-- key on purpose: the log must outlive a server removed from the workspace.
-- `changes` is the JSON of the real diff read back after the apply,
-- `failures` the JSON list of edits the server refused; neither holds a
-- secret.
CREATE TABLE member_audit (
    id           INTEGER PRIMARY KEY,
    applied_at   TEXT NOT NULL,                 -- RFC 3339, UTC
    os_user      TEXT NOT NULL,
    ttnx_user    TEXT NOT NULL,
    server_id    INTEGER NOT NULL,
    project_id   TEXT NOT NULL,
    project_name TEXT NOT NULL,
    changes      TEXT NOT NULL,
    failures     TEXT NOT NULL
);
CREATE INDEX member_audit_by_project ON member_audit(server_id, project_id, id);
