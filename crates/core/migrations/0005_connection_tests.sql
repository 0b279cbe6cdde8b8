-- The last Test connection per server and credential (issue 6): "the last
-- time this server was tested with this credential". A wizard's test before
-- the connection exists is then the connection's last result once it is
-- saved, and a new service credential starts as "not tested". The report
-- is language-neutral JSON (finding codes and their parameters), rendered
-- in the reader's language; it never holds a secret.
CREATE TABLE connection_tests (
    server_id     INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
    -- NULL: the side had no credential at all (that is one of the findings).
    credential_id INTEGER REFERENCES credentials(id) ON DELETE CASCADE,
    ran_at        TEXT NOT NULL,                -- RFC 3339, UTC
    outcome       TEXT NOT NULL CHECK (outcome IN ('passed', 'warning', 'failed')),
    report        TEXT NOT NULL
);
-- One row per pair; IFNULL because UNIQUE lets any number of NULLs in.
CREATE UNIQUE INDEX connection_tests_one_per_pair
    ON connection_tests(server_id, IFNULL(credential_id, 0));
