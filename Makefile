# Kakehashi — `make run` opens the app, `make test` runs every check.
# Both install what is missing first (apt packages with sudo when not root,
# npm packages, cargo tools) and are quick the second time.

# One persistent target directory outside the clone, shared by every clone
# and CI run on this machine (a cold Tauri build takes minutes).
CARGO_TARGET_DIR ?= $(HOME)/.cache/kakehashi/target
export CARGO_TARGET_DIR
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: help deps deps-test ui run cli test bench bindings e2e screenshots fmt clean-ui

help:
	@echo "make run       install what is missing, build, open Kakehashi"
	@echo "make test      install what is missing, run every check (one summary line at the end)"
	@echo "make bindings  regenerate ui/src/bindings.ts from the Rust commands"
	@echo "make cli       build the kakehashi command line tool"
	@echo "make e2e       only the end-to-end test of the real app"
	@echo "make bench     speed, memory and request budgets (simulators, Jira search, members), release build"

deps:
	@scripts/ensure-deps.sh run

deps-test:
	@scripts/ensure-deps.sh test

ui: deps
	npm --prefix ui run build

run: ui
	cargo build -p kakehashi-desktop -p kakehashi-cli
	$(CARGO_TARGET_DIR)/debug/kakehashi-desktop

cli: deps
	cargo build -p kakehashi-cli
	@echo "built $(CARGO_TARGET_DIR)/debug/kakehashi"

test: deps-test
	@scripts/test-all.sh

# Budgets are checked here, in a release build, never by timed tests.
bench: deps
	cargo bench -p kakehashi-sim --bench large_seed
	cargo bench -p kakehashi-jira --bench search
	cargo bench -p kakehashi-core --bench members

bindings: ui
	KAKEHASHI_UPDATE_BINDINGS=1 cargo nextest run -p kakehashi-desktop -E 'test(committed_bindings_match_the_commands)'

e2e: deps-test ui
	cargo build -p kakehashi-desktop
	xvfb-run -a dbus-run-session -- scripts/with-keyring.sh npm --prefix tests/e2e test

screenshots: deps-test ui
	npm --prefix ui run screenshots

fmt:
	cargo fmt --all
