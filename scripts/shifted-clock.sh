#!/usr/bin/env bash
# Runs a command with the system clock moved (libfaketime), to prove that the tests do not
# depend on the day they run:
#   scripts/shifted-clock.sh +400d CMD...     over a year ahead: card expiries, due dates, months
#   scripts/shifted-clock.sh midnight CMD...  from 90 s before midnight in Istanbul, so the run
#                                             crosses midnight into the hours when Istanbul's
#                                             date is a day ahead of UTC's
# The monotonic clock is left alone, so timers and timeouts keep real time.
set -euo pipefail
when=${1:?usage: shifted-clock.sh +NNNd|midnight CMD...}
shift
case "$when" in
  midnight)
    # Istanbul is UTC+3 all year: seconds from now to 23:58:30 there.
    now=$(date +%s)
    offset="+$(( ((86400 - 90) - (now + 3 * 3600) % 86400 + 86400) % 86400 ))s"
    ;;
  +*) offset=$when ;;
  *) echo "shifted-clock: give +NNNd or midnight, not '$when'" >&2; exit 2 ;;
esac
export FAKETIME_DONT_FAKE_MONOTONIC=1
echo "shifted-clock: the command's clock starts at $(faketime -f "$offset" date -u '+%Y-%m-%d %H:%M:%S UTC')"
exec faketime -f "$offset" "$@"
