#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a real gnome-keyring (Secret Service),
# started unlocked before the command, in throwaway data and runtime directories.
#   scripts/keyring-session.sh CMD [ARGS...]
set -euo pipefail
if [ -z "${TAHSILDAR_IN_KEYRING_SESSION:-}" ]; then
  export TAHSILDAR_IN_KEYRING_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/tahsildar-keyring.XXXXXX")
keyring_pid=
trap '[ -z "$keyring_pid" ] || kill "$keyring_pid" 2>/dev/null || true; rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_RUNTIME_DIR="$scratch/run" NO_AT_BRIDGE=1
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# Started unlocked before anything asks for it: a locked keyring would wait on a password prompt.
echo -n "tahsildar-test-keyring" | gnome-keyring-daemon --foreground --components=secrets --unlock >/dev/null &
keyring_pid=$!

for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
    "$@"
    exit $?
  fi
  sleep 0.1
done
echo "keyring-session: org.freedesktop.secrets did not appear on the session bus" >&2
exit 1
