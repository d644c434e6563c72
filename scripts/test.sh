#!/usr/bin/env bash
# Runs every suite and reports every failure, not only the first: GoogleTest
# (native core), the same under ASan+UBSan with every fuzz corpus replayed,
# node --test against the built wasm module and JS API, then the end-to-end
# suites in real browsers (tests/e2e/, every *.test.mjs below
# it, one file at a time: browsers and the live helpdesk are heavy).
# Exit status: 0 when every suite passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

failed=()
suite() {  # suite NAME COMMAND...
  local name=$1; shift
  echo "== $name"
  local start=$SECONDS
  if "$@"; then
    echo "== $name: passed in $((SECONDS - start)) s"
  else
    echo "== $name: FAILED (exit $?) after $((SECONDS - start)) s"
    failed+=("$name")
  fi
}

suite "native: GoogleTest (ctest)" ctest --test-dir build/native --output-on-failure -j "$(nproc)"
suite "native: ASan+UBSan tests and fuzz corpus replay" bash scripts/sanitize.sh
suite "wasm + JS API: node --test" node --test --test-concurrency=2 tests/js/
suite "extension: web-ext lint (Firefox build, no errors)" \
  npx --no-install web-ext lint --source-dir build/extension/firefox --no-config-discovery
suite "end to end: real browsers" node --test --test-concurrency=1 tests/e2e/

if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED suites (${#failed[@]}):"
  printf '  - %s\n' "${failed[@]}"
  exit 1
fi
echo "all suites passed"
