#!/usr/bin/env bash
# Builds the native core (library, GoogleTest, tools) and the wasm module.
# Incremental: re-running after a change rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j "$jobs"

# emcc needs Debian's acorn module (TOOLCHAIN.md).
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
if [ ! -f build/wasm/CMakeCache.txt ]; then
  emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build build/wasm -j "$jobs"

# ONNX Runtime Web ships inside our build output, so shared/api/model.js can
# import it by a relative URL in Node, pages, workers and extension pages alike
# (no bundler, no import map, nothing fetched from elsewhere). The bundle entry
# embeds ORT's glue; only its wasm file sits beside it.
ort_src=node_modules/onnxruntime-web
ort_out=wasm/dist/ort
mkdir -p "$ort_out"
for f in ort.wasm.bundle.min.mjs ort-wasm-simd-threaded.wasm; do
  cmp -s "$ort_src/dist/$f" "$ort_out/$f" || cp "$ort_src/dist/$f" "$ort_out/"
done
node -e 'const p = require("./'"$ort_src"'/package.json");
  console.log(`ONNX Runtime Web ${p.version} (npm onnxruntime-web), ${p.license} licence, by Microsoft; unmodified.`)' \
  > "$ort_out/NOTICE.txt"

# The extension and the dashboard bundle themselves (esbuild) from the core
# built above: each has one build script, run when it exists.
for script in extension/build.mjs pwa/build.mjs; do
  if [ -f "$script" ]; then node "$script"; fi
done
