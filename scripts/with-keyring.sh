#!/usr/bin/env bash
# Run a command inside a private D-Bus session with an unlocked GNOME Keyring,
# as on a desktop. Used by `make test` for the real-keychain and end-to-end
# tests. Call it through dbus-run-session (the test script does):
#   dbus-run-session -- scripts/with-keyring.sh CMD...
# The keyring's files go to a temporary XDG_DATA_HOME that is removed after,
# and the daemon is our own child, stopped by its PID.
set -euo pipefail
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
  echo "with-keyring.sh: run me inside dbus-run-session" >&2
  exit 2
fi
keyring_home="$(mktemp -d -t kakehashi-keyring.XXXXXX)"
export XDG_DATA_HOME="$keyring_home"
keyring_pid=""
cleanup() {
  if [[ -n "$keyring_pid" ]]; then kill "$keyring_pid" 2>/dev/null || true; wait "$keyring_pid" 2>/dev/null || true; fi
  rm -rf "$keyring_home"
}
trap cleanup EXIT

# --unlock reads the password from stdin and creates the login keyring;
# --foreground keeps the daemon our child so we know its PID.
printf 'test' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
keyring_pid=$!

# Wait (bounded) until the Secret Service owns its name on the session bus.
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
    break
  fi
  if ! kill -0 "$keyring_pid" 2>/dev/null; then
    echo "with-keyring.sh: gnome-keyring-daemon exited early" >&2
    exit 1
  fi
  sleep 0.1
done
"$@"
