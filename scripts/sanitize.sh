#!/usr/bin/env bash
# The native core under AddressSanitizer + UndefinedBehaviorSanitizer (Debian
# clang 14): builds every GoogleTest suite and every libFuzzer target into
# build/sanitize, runs the tests, then replays each target's committed seed
# corpus (tests/fuzz/corpus/<target>/) and every crash ever found
# (tests/fuzz/regressions/<target>/) once. Any report fails the run.
# Part of `npm test` (scripts/test.sh); `npm run fuzz` explores further.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build/sanitize

if [ ! -f "$dir/CMakeCache.txt" ]; then
  # -O1 keeps the build fast and the reports readable; fuzzer-no-link gives
  # libFuzzer the core's coverage for `npm run fuzz` with the same build.
  CC=clang CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DRAPPORT_SANITIZE=ON \
    -DRAPPORT_FUZZ=ON -DRAPPORT_TOOLS=OFF -DCMAKE_CXX_FLAGS="-O1 -fsanitize=fuzzer-no-link" >/dev/null
fi
cmake --build "$dir" -j "$(nproc)"

# halt_on_error: the first UBSan report fails the test instead of scrolling by.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"

status=0
for fuzzer in "$dir"/*_fuzz; do
  name=$(basename "$fuzzer")
  inputs=()
  for sub in corpus regressions; do
    [ -d "tests/fuzz/$sub/$name" ] && inputs+=("tests/fuzz/$sub/$name")
  done
  if [ ${#inputs[@]} -eq 0 ]; then
    echo "sanitize: $name has no committed corpus in tests/fuzz/corpus/$name" >&2
    status=1
    continue
  fi
  # -runs=0: execute every input of the given folders once, explore nothing.
  if "$fuzzer" -runs=0 -max_len=65536 "${inputs[@]}" >"$dir/$name.replay.log" 2>&1; then
    echo "sanitize: $name replayed $(find "${inputs[@]}" -type f | wc -l) inputs cleanly"
  else
    echo "sanitize: $name FAILED on its corpus:" >&2
    tail -40 "$dir/$name.replay.log" >&2
    status=1
  fi
done
exit $status
