// The engine host: the bridge's standard engine methods (shared/bridge/
// engine-methods.js: one analyzer for the whole browser, created on first
// need, review sessions per port) plus what an extension host needs on top:
// the team's rule pack loaded into each new analyzer, and an idle release.
// Both browsers run it in a dedicated worker (worker.js): Chrome's started by
// the offscreen document, Firefox's by the background page.
//
// Idle: after `idleMs` without a call the host drops its analyzer (and with
// it every review session), starts a fresh method table, bumps `generation`
// and calls `onIdle` (the worker reports it; its owner then ends it: Chrome
// closes the offscreen document, Firefox terminates the worker). Callers
// that hold sessions re-open them when the link's generation moved
// (background/router.js).
//
// The customer context (shared/context: 'context.*' methods) is served here
// too, so the engine host and the side panel share one store in the
// extension's origin. Its service is opened on the first context call and
// kept for the browser's life: the idle release drops only the analyzer
// (the context engine is small and its data is on disk anyway).
import { engineMethods } from '../../../shared/bridge/engine-methods.js';
import { contextMethods } from '../../../shared/context/methods.js';
import { openContextService } from '../../../shared/context/service.js';
import { engineAssetUrls } from '../../../shared/api/assets.js';

const wasmOf = (assetBase) => (assetBase === undefined ? {} : { wasmUrl: String(engineAssetUrls(assetBase).wasm) });

export const CONTEXT_DB = 'rapport-context';

// `createAnalyzer`: () => Promise<analyzer>. `rulePack`: () => Promise<pack|null>.
// `assetBase`: where the engine's files are (the context engine loads the
// same wasm). `openContext`: () => Promise<service> (tests pass their own).
export function createEngineHost({ createAnalyzer, rulePack = async () => null, idleMs = 5 * 60_000, onIdle = () => {},
  assetBase, openContext = () => openContextService({ dbName: CONTEXT_DB, ...wasmOf(assetBase) }) }) {
  let analyzer = null;   // the current table's analyzer, once made
  let table = null;
  let inFlight = 0;
  let lastUse = Date.now();
  let timer = null;

  function fresh() {
    table = engineMethods(async () => {
      const a = await createAnalyzer();
      const pack = await rulePack();
      if (pack) {
        try { a.loadRulePack(pack); } catch (error) { console.warn('Rapport: the saved rule pack no longer loads; using the built-in rules', error); }
      }
      analyzer = a;
      return a;
    });
  }
  fresh();

  // One service for the browser; a failed open is retried on the next call.
  let service = null;
  const context = contextMethods(() => {
    service ??= openContext().catch((error) => { service = null; throw error; });
    return service;
  });

  function scheduleIdle() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (inFlight > 0 || Date.now() - lastUse < idleMs) return scheduleIdle();
      release();
      onIdle();
    }, idleMs);
  }

  function release() {
    clearTimeout(timer);
    analyzer?.dispose();   // also ends every review session made from it
    analyzer = null;
    fresh();
    host.generation++;
  }

  // Each method of the table, timed for the idle release; `this` (the
  // bridge's { signal, peer }) passes through, so sessions stay per port.
  const methods = {};
  for (const name of [...Object.keys(table), ...Object.keys(context)]) {
    methods[name] = async function tracked(...args) {
      inFlight++;
      lastUse = Date.now();
      try {
        return await (Object.hasOwn(context, name) ? context[name] : table[name]).apply(this, args);
      } finally {
        inFlight--;
        lastUse = Date.now();
        scheduleIdle();
      }
    };
  }

  const host = { methods, generation: 0, release, get running() { return analyzer !== null; } };
  return host;
}
