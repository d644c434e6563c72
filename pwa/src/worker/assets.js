// Where the engine's files are, under the dashboard's own origin: the build
// copies shared/api/assets.js's engineAssetFiles() into build/pwa/engine/, so
// everything resolves from that one base (createAnalyzer's assetBase option).
import { engineAssetUrls } from '../../../shared/api/assets.js';

export function engineOptions(base) {
  return { assetBase: base.href, wasmUrl: engineAssetUrls(base.href).wasm.href };
}
