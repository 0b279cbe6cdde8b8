#!/usr/bin/env bash
# Install what `make run` and `make test` need and is missing; a second run
# finds everything in place and returns in seconds.
#   scripts/ensure-deps.sh run    # build and run the app
#   scripts/ensure-deps.sh test   # also the test tools (Xvfb, keyring, Chromium, tauri-driver)
set -euo pipefail
purpose="${1:-run}"
root="$(cd "$(dirname "$0")/.." && pwd)"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- system packages (Debian/Ubuntu) ------------------------------------
run_packages=(libwebkit2gtk-4.1-dev build-essential file curl libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev libdbus-1-dev pkg-config)
test_packages=(xvfb xauth xclip webkit2gtk-driver dbus-x11 gnome-keyring libsecret-tools chromium)

if command -v dpkg-query >/dev/null && command -v apt-get >/dev/null; then
  wanted=("${run_packages[@]}")
  [[ "$purpose" == test ]] && wanted+=("${test_packages[@]}")
  command -v node >/dev/null || wanted+=(nodejs npm)
  missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    sudo=""
    [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
    say "installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
else
  say "not a Debian/Ubuntu system: install the Tauri prerequisites yourself (see README)"
fi

# --- Rust (rustup) -------------------------------------------------------
# Distribution packages of cargo are often older than the crates need.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
rust_minor="$(rustc --version 2>/dev/null | sed -E 's/^rustc 1\.([0-9]+).*/\1/' || true)"
if [[ -z "$rust_minor" || "$rust_minor" -lt 85 ]]; then
  say "installing the Rust toolchain with rustup"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt
fi

# --- Node.js ------------------------------------------------------------
# Vite 8 needs Node.js 20.19 or newer; Debian 12's package is 18.
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
  echo "Node.js 20.19 or newer is needed (found $(node --version 2>/dev/null || echo none))." >&2
  echo "Install it from nodejs.org or NodeSource (Debian 12's own package is too old), then run make again." >&2
  exit 1
fi

# npm ci only when the lock file changed since the last install.
npm_install() {
  local dir="$1"
  if [[ ! -d "$dir/node_modules" || "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]]; then
    say "installing npm packages in ${dir#"$root"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_install "$root/ui"

# --- Rust tools ---------------------------------------------------------
if [[ "$purpose" == test ]]; then
  npm_install "$root/tests/e2e"
  # oauth2-mock-server, the real OAuth 2.0 server of the core's sign-in tests.
  npm_install "$root/tests/oauth"
  # Pinned, so a new release cannot demand a newer compiler mid-way.
  command -v cargo-nextest >/dev/null || { say "installing cargo-nextest"; cargo install --locked cargo-nextest@0.9.143; }
  command -v tauri-driver >/dev/null || { say "installing tauri-driver"; cargo install --locked tauri-driver@2.1.0; }
fi
