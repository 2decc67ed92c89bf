#!/usr/bin/env bash
# Runs the end-to-end suite against the app already built by `make test-e2e`:
# a virtual X display, a private D-Bus session with an unlocked keyring, a throwaway scratch
# folder in which each spec gets its own data folder (see wdio.conf.ts).
# Screenshots of the window land in target/e2e/ of the repository. Arguments go to wdio, e.g.
# `tests/e2e/run.sh --spec specs/04-import.e2e.ts` runs one spec.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/tahsildar-e2e.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export TAHSILDAR_E2E_SCRATCH="$scratch"
unset TAHSILDAR_DATA_DIR
mkdir -p "$root/target/e2e"

xvfb-run -a -s "-screen 0 1920x1200x24" \
  "$root/scripts/keyring-session.sh" npx --no-install wdio run wdio.conf.ts "$@"
