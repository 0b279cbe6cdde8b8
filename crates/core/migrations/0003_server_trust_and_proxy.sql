-- Trust and proxy per server (DESIGN §4). Nothing here is secret: CA
-- certificates and fingerprints are public, and a proxy address with a
-- password in it is refused before it gets here.
-- PEM certificates trusted for this server in addition to the OS trust store.
ALTER TABLE servers ADD COLUMN extra_ca_pem TEXT;
-- SHA-256 of the one certificate the user chose to trust (AB:CD:…).
ALTER TABLE servers ADD COLUMN pinned_fingerprint TEXT;
-- NULL: the system's proxy settings; 'direct': none; otherwise the proxy URL.
ALTER TABLE servers ADD COLUMN proxy TEXT;
