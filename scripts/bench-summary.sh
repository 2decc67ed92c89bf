#!/usr/bin/env bash
# Prints the figures the benchmarks of `make bench` added to the summary file ($1), as one
# table: each figure beside its floor and its target, with the size it was measured on.
set -euo pipefail
file="$1"
if [[ ! -s "$file" ]]; then
  echo "no benchmark figures in $file" >&2
  exit 1
fi
echo
echo "All figures of this run (release build):"
{
  printf 'figure\tmeasured on\tvalue\tfloor\tratio\ttarget\tresult\n'
  cat "$file"
} | awk -F'\t' '
  { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) } rows = NR; cols = (NF > cols ? NF : cols) }
  END {
    for (r = 1; r <= rows; r++) {
      line = ""
      for (i = 1; i <= cols; i++) line = line sprintf("%-" width[i] "s  ", cell[r, i])
      sub(/ +$/, "", line); print line
    }
  }'
if grep -q $'\tFAIL$' "$file"; then
  echo "$(grep -c $'\tFAIL$' "$file") figure(s) miss their target."
fi
