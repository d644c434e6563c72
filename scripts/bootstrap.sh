#!/usr/bin/env bash
# Installs whatever is missing on a fresh Debian 12 machine (run as root) and
# does nothing when everything is already there. `npm start`, `npm test`,
# `npm run build` and `npm run bench` all call it first.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
# clang + libclang-rt-14-dev: the sanitizer build and libFuzzer (scripts/sanitize.sh);
# chromium and firefox-esr: the end-to-end suites.
for pkg in cmake g++ clang libclang-rt-14-dev emscripten nlohmann-json3-dev libgtest-dev chromium firefox-esr \
    python3-onnx python3-numpy; do
  have_pkg "$pkg" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: missing packages need root (apt-get install ${need[*]})" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# JS packages: exactly what the lockfile says, only when they are missing or
# the lockfile changed since the last install.
stamp=node_modules/.rapport-lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
