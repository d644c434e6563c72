// The engine host: the bridge's standard engine methods (shared/bridge/
// engine-methods.js: one analyzer for the whole browser, created on first
// need, review sessions per port) plus what an extension host needs on top:
// the team's rule pack loaded into each new analyzer, and an idle release.
// Chrome runs it in the offscreen document, Firefox in the background page.
//
// Idle: after `idleMs` without a call the host drops its analyzer (and with
// it every review session), starts a fresh method table, bumps `generation`
// and calls `onIdle` (Chrome then closes the offscreen document). Callers
// that hold sessions re-open them when the generation moved
// (background/router.js).
import { engineMethods } from '../../../shared/bridge/engine-methods.js';

// `createAnalyzer`: () => Promise<analyzer>. `rulePack`: () => Promise<pack|null>.
export function createEngineHost({ createAnalyzer, rulePack = async () => null, idleMs = 5 * 60_000, onIdle = () => {} }) {
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
  for (const name of Object.keys(table)) {
    methods[name] = async function tracked(...args) {
      inFlight++;
      lastUse = Date.now();
      try {
        return await table[name].apply(this, args);
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
