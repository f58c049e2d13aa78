#!/usr/bin/env bash
# Runs every test of plansite: formatting and lints, the Rust unit and integration tests, then
# the browser tests (headless Debian Chromium + axe-core) against a fresh build of the sample.
# Installs what it needs first (scripts/setup.sh). Exit code is non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
# Clippy lints the test build itself: clippy-driver compiles plansite's own targets (library,
# binary, examples, tests, all of them in test mode where they have one) in place of rustc, so
# the dependencies are compiled once, not once for `cargo clippy` and again for `cargo test`
# (210 s of a 13-minute run from a clean checkout, measured). Any warning of rustc or clippy
# fails the build, as `cargo clippy --all-targets -- -D warnings` would; the lints set in
# Cargo.toml apply. Dependencies are built with lints capped, so the flag changes nothing there.
if clippy_driver="$(command -v clippy-driver)"; then
  echo "== cargo test, every target linted by clippy (-D warnings)"
  export RUSTC_WORKSPACE_WRAPPER="$clippy_driver"
  export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }-D warnings"
  cargo test --quiet
else
  # A toolchain whose clippy has no clippy-driver on the PATH: the two steps apart.
  echo "== cargo clippy (clippy-driver not on the PATH)"
  cargo clippy --all-targets --quiet -- -D warnings
  echo "== cargo test"
  cargo test --quiet
fi

echo "== browser tests"
site_dir="target/browser-site"
rm -rf "$site_dir"  # made by an earlier run; plansite itself never deletes a folder it does not own
# The binary `cargo test` built for the integration tests: `cargo run` would build another one,
# because without the test-only dependencies some shared crates get other features (88 s more
# from a clean checkout, measured).
plansite="${CARGO_TARGET_DIR:-target}/debug/plansite"
"$plansite" build --output "$site_dir"
node tests/browser/a11y.test.mjs "$site_dir"
node tests/browser/layout.test.mjs "$site_dir"
# A site in four languages whose untranslated texts stand in from others (search marks them).
languages_dir="target/browser-languages"
rm -rf "$languages_dir"
# (Its untranslated texts are warned of, on purpose: the warnings are kept apart, and shown
# only if the build fails.)
if ! "$plansite" build --quiet --root tests/fixtures/more-languages --output "$languages_dir" 2>target/browser-languages.log; then
  cat target/browser-languages.log >&2
  exit 1
fi
node tests/browser/search.test.mjs "$site_dir" --languages "$languages_dir"
node tests/browser/serve.test.mjs "$plansite" tests/fixtures/other-city
node tests/browser/a11y-report.test.mjs "$site_dir"
