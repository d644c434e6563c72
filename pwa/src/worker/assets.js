// Where the engine's files are, under the dashboard's own origin (the build
// copies them into build/pwa/engine/, the layout of CONTRACTS §3's assetBase).
// The one place to change when createAnalyzer({ assetBase }) lands.
export function engineOptions(base) {
  const at = (p) => new URL(p, base).href;
  return {
    wasmUrl: at('rapport_core.wasm'),
    model: { modelUrl: at('models/model.onnx'), metaUrl: at('models/model.json'),
      ortWasmPaths: { wasm: at('ort/ort-wasm-simd-threaded.wasm') } },
  };
}
