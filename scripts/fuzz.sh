#!/usr/bin/env bash
# npm run fuzz -- [--seconds N] [target...]
# Runs each libFuzzer target (tests/fuzz/*_fuzz.cc) for N seconds (default 60)
# under ASan+UBSan, in two passes: libFuzzer's default length control, then
# long inputs (-len_control=0, up to the analyzer's 64 KB cut-off), which the
# default never reaches in minutes. New corpus entries are merged (minimized)
# into tests/fuzz/corpus/<target>/ to be committed; a crash is left as
# crash-<hash> in build/sanitize/findings/ and makes the run fail: add it to
# tests/fuzz/regressions/<target>/ with a named test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --seconds=*) seconds=${1#*=}; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
case "$seconds" in ''|*[!0-9]*) echo "fuzz: --seconds needs a whole number, got '$seconds'" >&2; exit 2 ;; esac

dir=build/sanitize
if [ ! -f "$dir/CMakeCache.txt" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DRAPPORT_SANITIZE=ON \
    -DRAPPORT_FUZZ=ON -DRAPPORT_TOOLS=OFF -DCMAKE_CXX_FLAGS="-O1 -fsanitize=fuzzer-no-link" >/dev/null
fi
cmake --build "$dir" -j "$(nproc)"
[ ${#targets[@]} -gt 0 ] || targets=($(cd "$dir" && ls -- *_fuzz))
root=$(pwd)
findings="$root/$dir/findings"
mkdir -p "$findings"
export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

status=0
half=$(( (seconds + 1) / 2 ))
for name in "${targets[@]}"; do
  fuzzer="$dir/$name"
  [ -x "$fuzzer" ] || { echo "fuzz: no target '$name' (built: $(cd "$dir" && ls -- *_fuzz | tr '\n' ' '))" >&2; exit 2; }
  committed="tests/fuzz/corpus/$name"
  work=$(mktemp -d)
  mkdir -p "$committed"
  : >"$findings/$name.log"
  dict=()
  [ -f "tests/fuzz/$name.dict" ] && dict=(-dict="$root/tests/fuzz/$name.dict")
  for pass in "-max_len=4096" "-len_control=0 -max_len=65536"; do
    echo "fuzz: $name for ${half}s ($pass)"
    # New inputs go to the first folder ($work); crashes land in $findings.
    # shellcheck disable=SC2086
    if ! (cd "$findings" && "$root/$fuzzer" -max_total_time="$half" $pass "${dict[@]}" \
          "$work" "$root/$committed" >>"$name.log" 2>&1); then
      echo "fuzz: $name found a crash; see $findings/$name.log and $findings/crash-*" >&2
      status=1
    fi
    grep -E '^#[0-9]+[[:space:]]+DONE' "$findings/$name.log" | tail -1 || true
  done
  before=$(ls "$committed" | wc -l)
  "$fuzzer" -merge=1 -max_len=65536 "$committed" "$work" >/dev/null 2>&1 || true
  echo "fuzz: $name corpus $before -> $(ls "$committed" | wc -l) entries"
  rm -rf "$work"
done
exit $status
