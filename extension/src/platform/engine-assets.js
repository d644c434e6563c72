// Where the engine's files are inside the extension: the build copies them
// under engine/ (the assetBase layout of shared/api, CONTRACTS §3), and they
// are read from the extension's own origin only (CSP connect-src 'self').
import { ext } from './ext.js';

export const ENGINE_BASE = () => ext.runtime.getURL('engine/');

export function engineOptions(base = ENGINE_BASE()) {
  const at = (p) => new URL(p, base).href;
  return {
    wasmUrl: at('rapport_core.wasm'),
    model: { modelUrl: at('model/model.onnx'), metaUrl: at('model/model.json'),
      ortWasmPaths: { wasm: at('ort/ort-wasm-simd-threaded.wasm') } },
  };
}
