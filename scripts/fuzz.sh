#!/usr/bin/env bash
# Runs plansite's coverage-guided fuzz targets (fuzz/, cargo-fuzz + libFuzzer), one after
# another, each for SECONDS (default 600), single process. See docs/fuzzing.md.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      # no TARGET: every target
#
# Needs the nightly toolchain (`rustup toolchain install nightly`); installs cargo-fuzz if it is
# missing. Environment:
#   FUZZ_TARGET_DIR   where the fuzz build goes (default fuzz/target)
#   FUZZ_SANITIZER    none (default: safe Rust, twice the speed) or address
#   CARGO_WRAP        a command put before every cargo build, e.g. "flock /tmp/cargo.lock"
#   RAYON_NUM_THREADS threads of the compile inside yaml_content (default 1)
#   FUZZ_NO_BUILD=1   run the targets as last built
# A crash stops that target; its input is left in fuzz/artifacts/<target>/. Corpora grow in
# fuzz/corpus/<target>/ (git-ignored); fuzz/seeds/<target>/ is the committed starting set.
# Not part of scripts/test.sh: a crash found here becomes a file in tests/fuzz-regressions/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
all=(yaml_content markdown progress_csv progress_xlsx tokenizer serve_path)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
target_dir="${FUZZ_TARGET_DIR:-fuzz/target}"
sanitizer="${FUZZ_SANITIZER:-none}"
wrap=(${CARGO_WRAP:-})
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-1}"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    "${wrap[@]}" cargo install cargo-fuzz --locked
fi

if [ -z "${FUZZ_NO_BUILD:-}" ]; then
    for t in "${targets[@]}"; do
        echo "== building $t"
        "${wrap[@]}" cargo +nightly fuzz build --sanitizer "$sanitizer" --target-dir "$target_dir" "$t"
    done
fi

status=0
for t in "${targets[@]}"; do
    echo "== fuzzing $t for ${seconds}s"
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    # Already built: run the binary directly, so this step holds no build lock. Without -jobs,
    # libFuzzer fuzzes in this one process (-jobs=1 would fork a worker logging to fuzz-0.log).
    bin="$target_dir/$(rustc +nightly -vV | sed -n 's/^host: //p')/release/$t"
    if ! nice -n 10 "$bin" -max_total_time="$seconds" -print_final_stats=1 -timeout=30 \
        -artifact_prefix="fuzz/artifacts/$t/" "fuzz/corpus/$t" "fuzz/seeds/$t"; then
        echo "!! $t found a failing input: see fuzz/artifacts/$t/" >&2
        status=1
    fi
done
exit $status
