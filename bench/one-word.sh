#!/usr/bin/env bash
# bench/one-word.sh — a `build` after a one-word edit against the first build, on the disk.
#
# Usage: PLANSITE=path/to/plansite bash bench/one-word.sh [N ...]   (default sizes: 1000 10000)
#
# For each size, three rounds of: a first build into a folder of its own (no page memo), then
# one word of an English case body changed (`strong interest` → `keen interest` in
# case-00001.en.md, restored afterwards) and a second build into the same folder. Nothing is
# deleted before a build: on a disk mounted with `discard`, deleting 24,000 files slows the
# builds that follow for minutes (bench/results-2026-12-02-one-word.md). `sync` and 60 s idle
# before each first build, 30 s before each second. The sites are bench/synth.py's, in
# SITES (default /work/bench-sites/nN); the outputs go to OUT (default /work/out-tmp) and are
# deleted at the end. SETTLE sets the idle seconds (default 60). Each build's wall time is given
# as /usr/bin/time's seconds and, in brackets, to the millisecond (the same process, timed by
# `date` around it: a few ms more, for starting /usr/bin/time).
set -euo pipefail
B=${PLANSITE:?set PLANSITE to the binary to measure}
SITES=${SITES:-/work/bench-sites}
OUT=${OUT:-/work/out-tmp}
sizes=("$@")
# Milliseconds between two `date +%s%N` readings: /usr/bin/time gives wall seconds to 10 ms,
# a tenth of a one-word build at N = 1,000.
ms() { echo $(( ($2 - $1) / 1000000 )); }
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
for N in "${sizes[@]}"; do
  S=$SITES/n$N
  case_file=$S/content/cases/case-00001.en.md
  grep -q "strong interest" "$case_file" || { echo "$case_file lacks the words to change" >&2; exit 1; }
  backup=$(mktemp)
  times=$(mktemp)
  cp "$case_file" "$backup"
  for round in 1 2 3; do
    out=$OUT/one-word-$N-$round
    rm -rf "$S/.plansite-cache"
    sync; sleep "${SETTLE:-60}"
    t0=$(date +%s%N)
    /usr/bin/time -o "$times" -f "%e s %M KB" "$B" build --root "$S" --output "$out" >/dev/null 2>&1
    t1=$(date +%s%N)
    first="$(cat "$times") ($(ms "$t0" "$t1") ms)"
    sync; sleep "$(( ${SETTLE:-60} / 2 ))"
    sed -i '0,/strong interest/s//keen interest/' "$case_file"
    t0=$(date +%s%N)
    second=$(/usr/bin/time -o "$times" -f "%e s %M KB" "$B" build --root "$S" --output "$out" --timings 2>&1)
    t1=$(date +%s%N)
    cp "$backup" "$case_file"
    echo "N=$N round=$round first: $first; one-word: $(cat "$times") ($(ms "$t0" "$t1") ms)"
    echo "$second" | grep -E "^  (read|parse|resolve|search|render|check|write|updated)" | tr -s ' ' | tr '\n' ';'
    echo
  done
  rm -f "$backup" "$times"
  rm -rf "$OUT"/one-word-"$N"-*
done
