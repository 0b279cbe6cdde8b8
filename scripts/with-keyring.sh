#!/usr/bin/env bash
# Run a command inside a private D-Bus session with an unlocked GNOME Keyring,
# as on a desktop. Used by `make test` for the real-keychain and end-to-end
# tests. Call it through dbus-run-session (the Makefile does):
#   dbus-run-session -- scripts/with-keyring.sh CMD...
# The keyring's files go to a temporary XDG_DATA_HOME that is removed after.
set -euo pipefail
keyring_home="$(mktemp -d -t kakehashi-keyring.XXXXXX)"
export XDG_DATA_HOME="$keyring_home"
cleanup() {
  if [[ -n "${keyring_pid:-}" ]]; then kill "$keyring_pid" 2>/dev/null || true; fi
  rm -rf "$keyring_home"
}
trap cleanup EXIT
# --unlock reads the password from stdin and creates the login keyring.
eval "$(echo -n test | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
keyring_pid="$(pgrep -u "$(id -u)" -n gnome-keyring-d || true)"
"$@"
