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
# deleted at the end. SETTLE sets the idle seconds (default 60).
set -euo pipefail
B=${PLANSITE:?set PLANSITE to the binary to measure}
SITES=${SITES:-/work/bench-sites}
OUT=${OUT:-/work/out-tmp}
sizes=("$@")
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
    /usr/bin/time -o "$times" -f "%e s %M KB" "$B" build --root "$S" --output "$out" >/dev/null 2>&1
    first=$(cat "$times")
    sync; sleep "$(( ${SETTLE:-60} / 2 ))"
    sed -i '0,/strong interest/s//keen interest/' "$case_file"
    second=$(/usr/bin/time -o "$times" -f "%e s %M KB" "$B" build --root "$S" --output "$out" --timings 2>&1)
    cp "$backup" "$case_file"
    echo "N=$N round=$round first: $first; one-word: $(cat "$times")"
    echo "$second" | grep -E "^  (read|parse|resolve|search|render|check|write|updated)" | tr -s ' ' | tr '\n' ';'
    echo
  done
  rm -f "$backup" "$times"
  rm -rf "$OUT"/one-word-"$N"-*
done
