#!/usr/bin/env bash
# Runs every test of plansite: formatting and lints, the Rust unit and integration tests, then
# the browser tests (headless Debian Chromium + axe-core) against a fresh build of the sample.
# Installs what it needs first (scripts/setup.sh). Exit code is non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --quiet

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
node tests/browser/search.test.mjs "$site_dir"
node tests/browser/serve.test.mjs "$plansite" tests/fixtures/other-city
node tests/browser/a11y-report.test.mjs "$site_dir"
