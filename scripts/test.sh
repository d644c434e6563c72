#!/usr/bin/env bash
# Runs every suite: GoogleTest (native core), node --test against the built
# wasm module and JS API, then end-to-end tests in real headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== native: GoogleTest (ctest)"
ctest --test-dir build/native --output-on-failure -j "$(nproc)"

echo "== wasm + JS API: node --test"
node --test --test-concurrency=2 tests/js/

echo "== end to end: headless Chromium"
node --test --test-concurrency=1 tests/e2e/
