#!/usr/bin/env bash
# Every check of `make test`, in order. Each runs even when an earlier one
# failed, so one run shows everything that is wrong; the last line is the
# summary "checks: N passed, N failed" and the exit code is 1 if any failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

passed=0
failed=0
failures=()

check() {
  local name="$1"
  shift
  printf '\n\033[1m━━ %s\033[0m\n' "$name"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    printf '\033[32m✔ %s (%ss)\033[0m\n' "$name" $((SECONDS - started))
  else
    failed=$((failed + 1))
    failures+=("$name")
    printf '\033[31m✘ %s (%ss)\033[0m\n' "$name" $((SECONDS - started))
  fi
}

# Tests that need the Secret Service run in a private D-Bus session with an
# unlocked gnome-keyring, exactly like a desktop login.
with_keyring=(dbus-run-session -- "$root/scripts/with-keyring.sh")

check "ui build" npm --prefix ui run --silent build
check "cargo fmt" cargo fmt --all --check
check "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
check "cargo nextest" env KAKEHASHI_REQUIRE_KEYCHAIN=1 KAKEHASHI_REQUIRE_OAUTH_SERVER=1 "${with_keyring[@]}" \
  cargo nextest run --workspace --no-fail-fast -E 'not test(committed_bindings_match_the_commands)'
check "bindings up to date" cargo nextest run -p kakehashi-desktop -E 'test(committed_bindings_match_the_commands)'
check "ui typecheck" npm --prefix ui run --silent typecheck
check "ui lint" npm --prefix ui run --silent lint
check "ui unit tests (vitest)" npm --prefix ui run --silent test
check "ui screenshots + axe (chromium)" npm --prefix ui run --silent screenshots
check "app build" cargo build -p kakehashi-desktop -p kakehashi-cli
check "end to end (tauri-driver)" xvfb-run -a "${with_keyring[@]}" npm --prefix tests/e2e test

echo
if ((failed)); then
  printf 'failed: %s\n' "${failures[@]}"
fi
echo "checks: $passed passed, $failed failed"
((failed == 0))
