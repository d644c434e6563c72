// The engine host proper, in both browsers: a dedicated worker, so engine
// work (analyzeBatch, draft review, the context import's batches) never runs
// on the main thread that the extension's pages share (Chrome: the offscreen
// document's renderer, with the side panel, popup and options; Firefox: the
// background page's, with the sidebar, popup and options). A long engine call
// there froze the side panel.
//
// Started by engine-host/relay.js (Chrome: in the offscreen document;
// Firefox: in the background page), which hands it one MessagePort per bridge
// channel ({ connect: id } with the port transferred), served here with the
// bridge like any port, so review sessions stay per channel; { disconnect: id }
// ends that channel's sessions. Workers have IndexedDB in the extension's
// origin: the context store is the same database as an extension page's.
import { createAnalyzer } from '../../../shared/api/index.js';
import { serveBridge } from '../../../shared/bridge/host.js';
import { fromMessagePort } from '../../../shared/bridge/ports.js';
import { createEngineHost } from './host.js';

// Workers have no extension APIs: the engine's files are found from this
// script's own URL (engine-host/worker.js beside engine/).
const assetBase = new URL('../engine/', self.location.href).href;
// Test builds shorten it (buildExtension's `define`).
const IDLE_MS = typeof __RAPPORT_ENGINE_IDLE_MS__ !== 'undefined' ? __RAPPORT_ENGINE_IDLE_MS__ : 5 * 60_000; // eslint-disable-line no-undef

// Nor storage: the team's rule pack comes from the context that started the
// worker (a loadRulePack call after connecting, and again when it changes).
// The last one that loaded is kept for the analyzer made after an idle release
// in this same worker (a call that raced in after the release was reported).
let rulePack = null;
const host = createEngineHost({
  createAnalyzer: () => createAnalyzer({ assetBase }),
  rulePack: async () => rulePack,
  assetBase,
  idleMs: IDLE_MS,
  onIdle: () => self.postMessage({ idle: true }),
});
const methods = {
  ...host.methods,
  async loadRulePack(pack) {
    const result = await host.methods.loadRulePack.call(this, pack);
    rulePack = pack;
    return result;
  },
  async resetRulePack() {
    const result = await host.methods.resetRulePack.call(this);
    rulePack = null;
    return result;
  },
};

const served = new Map();  // channel id -> serveBridge handle
self.addEventListener('message', (event) => {
  const { connect, disconnect } = event.data ?? {};
  if (connect !== undefined && event.ports[0]) {
    served.set(connect, serveBridge({ port: fromMessagePort(event.ports[0]), methods }));
  } else if (disconnect !== undefined) {
    served.get(disconnect)?.close();
    served.delete(disconnect);
  }
});

// The relay fails every call if the worker errs before this (relay.js).
self.postMessage({ loaded: true });
