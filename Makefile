# Tahsildar: `make run` opens the app in sandbox mode, `make test` runs every test.
# Both install what is missing first (Debian/Ubuntu packages, npm packages, tauri-driver).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

# Build outputs live outside the clone so a fresh clone reuses them.
CARGO_TARGET_DIR ?= $(HOME)/.cache/tahsildar/target
export CARGO_TARGET_DIR
export PATH := $(HOME)/.cargo/bin:$(PATH)
export DEBIAN_FRONTEND := noninteractive

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
TAURI := ui/node_modules/.bin/tauri
APP := $(CARGO_TARGET_DIR)/debug/tahsildar
KEYRING := scripts/keyring-session.sh

# Tauri 2 build dependencies, then what the end-to-end tests need.
DEB_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev pkg-config \
	webkit2gtk-driver xvfb xauth dbus dbus-x11 gnome-keyring faketime

.PHONY: setup system-packages toolchain tauri-driver run dev app test bindings test-crates \
	test-clock test-shell test-ui test-e2e bench package lint clean

## setup: install whatever is missing (idempotent)
setup: system-packages toolchain ui/node_modules/.package-lock.json tests/e2e/node_modules/.package-lock.json tauri-driver

system-packages:
	@if command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then \
	  missing=""; \
	  for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q '^install ok installed$$' || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q; \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  fi; \
	else \
	  echo "Not a Debian/Ubuntu system: install the packages listed in README.md yourself."; \
	fi

toolchain:
	@command -v cargo >/dev/null || { echo "Rust is missing: install it from rustup (README.md)." >&2; exit 1; }
	@command -v npm >/dev/null || { echo "Node.js 20+ with npm is missing (README.md)." >&2; exit 1; }

# npm ci when node_modules is missing or older than the committed lock file.
ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

tests/e2e/node_modules/.package-lock.json: tests/e2e/package-lock.json
	cd tests/e2e && npm ci --no-audit --no-fund
	@touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

## run: build the app with its front end embedded and open it (sandbox mode)
run: app
	$(APP)

## dev: the app against the Vite dev server, reloading on UI changes
dev: setup
	$(TAURI) dev

app: setup
	$(TAURI) build --debug --no-bundle

## test: the lints, then every test; fails on the first failure
test: setup lint bindings test-crates test-clock test-ui test-e2e
	@echo "All tests passed."

# The shell's tests also write ui/src/bindings.ts from the Rust commands.
bindings test-shell:
	cargo test -p tahsildar
	@if ! git ls-files --error-unmatch ui/src/bindings.ts >/dev/null 2>&1 \
	    || ! git --no-pager diff --exit-code -- ui/src/bindings.ts; then \
	  echo "ui/src/bindings.ts is out of date with the Rust commands: add and commit the regenerated file." >&2; \
	  exit 1; \
	fi

test-crates:
	$(KEYRING) cargo test --workspace --exclude tahsildar

# The crates' tests again with the clock moved over a year ahead, then across midnight in
# Istanbul. They are built first on the real clock: the compiler can hang under libfaketime
# (rustdoc's build always does, so doc tests are left out).
test-clock:
	cargo test --workspace --exclude tahsildar --tests --no-run
	$(KEYRING) scripts/shifted-clock.sh +400d cargo test --workspace --exclude tahsildar --tests
	$(KEYRING) scripts/shifted-clock.sh midnight cargo test --workspace --exclude tahsildar --tests

test-ui:
	cd ui && npm test

test-e2e: app
	cd tests/e2e && npx --no-install tsc --noEmit -p .
	tests/e2e/run.sh

## bench: benchmarks (not tests): the importer, a 100,000-row import and what its floor costs, runs against the simulator bound by the rate limit and by the latency, the release window's start and idle memory, the payments and customers lists and the vault's opening, the reports and the exports
# BENCH_QUICK=1 make bench: the same benchmarks small and short, as a smoke run
# Every benchmark adds its figures to this file; the last step prints them as one table. A list
# figure over its target makes lists_bench exit non-zero; the run goes on to the other benchmarks.
bench: export BENCH_SUMMARY = $(CURDIR)/target/bench-summary.tsv
bench: setup
	mkdir -p target && rm -f "$$BENCH_SUMMARY"
ifeq ($(BENCH_QUICK),1)
	cargo run --release -p tahsildar-core --example import_bench -- 2000
	cargo run --release -p tahsildar-core --example floor_cost -- 2000
	cargo run --release -p tahsildar-core --example collections_bench -- 200 8 50
	cargo run --release -p tahsildar-core --example collections_bench -- 200 8 100
	-BENCH_QUICK=1 scripts/keyring-session.sh cargo run --release -p tahsildar-core --example lists_bench
	cargo run --release -p tahsildar-core --example reports_bench -- 2000,10000
	cargo run --release -p tahsildar-core --example password_bench
else
	cargo bench --workspace --exclude tahsildar
	cargo run --release -p tahsildar-core --example import_bench -- 100000
	cargo run --release -p tahsildar-core --example floor_cost -- 50000
	cargo run --release -p tahsildar-core --example collections_bench -- 10000 8 50
	cargo run --release -p tahsildar-core --example collections_bench -- 4000 8 100
	-scripts/keyring-session.sh cargo run --release -p tahsildar-core --example lists_bench
	cargo run --release -p tahsildar-core --example reports_bench -- 10000,100000,1000000
	$(TAURI) build --no-bundle
	cargo run --release -p tahsildar-core --example password_bench
	TAHSILDAR_APP=$(CARGO_TARGET_DIR)/release/tahsildar tests/e2e/run.sh --spec bench/startup.bench.ts
endif
	scripts/bench-summary.sh "$$BENCH_SUMMARY"

## package: release build with installers for this system
package: setup
	$(TAURI) build $(if $(filter Linux,$(shell uname -s)),--bundles deb,rpm)

## lint: rustfmt, clippy (the workspace denies its warnings), the TypeScript checks and ESLint
lint: setup
	cargo fmt --all --check
	cargo clippy --workspace --all-targets
	cd ui && npm run typecheck
	cd ui && npm run lint
	cd tests/e2e && npx --no-install tsc --noEmit -p .

clean:
	cargo clean
	rm -rf ui/dist target gen
