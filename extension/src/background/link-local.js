// Firefox: MV3 has no offscreen documents, and its background page may run
// wasm and ONNX Runtime Web, so the engine host lives right here. When idle
// it drops the analyzer (memory back to the browser) and bumps its
// generation, so the router re-opens sessions on the next review.
import { createAnalyzer } from '../../../shared/api/index.js';
import { RapportError } from '../../../shared/api/errors.js';
import { engineBase } from '../platform/engine-assets.js';
import { loadSettings } from '../platform/settings.js';
import { createEngineHost } from '../engine-host/host.js';

// Idle time before the analyzer is dropped; test builds shorten it.
const IDLE_MS = typeof __RAPPORT_ENGINE_IDLE_MS__ !== 'undefined' ? __RAPPORT_ENGINE_IDLE_MS__ : 5 * 60_000; // eslint-disable-line no-undef

export function createLink() {
  const host = createEngineHost({
    createAnalyzer: () => createAnalyzer({ assetBase: engineBase() }),
    assetBase: engineBase(),
    rulePack: async () => (await loadSettings()).rulePack,
    idleMs: IDLE_MS,
  });
  return {
    get generation() { return host.generation; },
    get running() { return host.running; },
    async call(method, args) {
      if (!Object.hasOwn(host.methods, method)) throw new RapportError('RAPPORT_E_BRIDGE_METHOD', `unknown method '${method}'`);
      return host.methods[method](...args);
    },
  };
}
