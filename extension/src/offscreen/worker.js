// Chrome's engine host proper: a dedicated worker started by the offscreen
// document (main.js), so engine work (analyzeBatch, draft review, the
// context import's batches) never runs on the offscreen document's main
// thread, which every extension page of this extension (side panel, popup,
// options) shares: a long engine call there froze the side panel.
//
// The document relays each service-worker runtime port as one MessagePort
// ({ connect: id } with the port transferred), served here with the bridge
// like any port, so review sessions stay per runtime port; { disconnect: id }
// ends that port's sessions (a MessagePort's own 'close' event is Chrome 123+,
// the extension supports 116). Workers have IndexedDB in the extension's
// origin: the context store is the same database as before.
import { createAnalyzer } from '../../../shared/api/index.js';
import { serveBridge } from '../../../shared/bridge/host.js';
import { fromMessagePort } from '../../../shared/bridge/ports.js';
import { createEngineHost } from './host.js';

// Workers have no extension APIs: the engine's files are found from this
// script's own URL (offscreen/worker.js beside engine/).
const assetBase = new URL('../engine/', self.location.href).href;
// Test builds shorten it (buildExtension's `define`).
const IDLE_MS = typeof __RAPPORT_ENGINE_IDLE_MS__ !== 'undefined' ? __RAPPORT_ENGINE_IDLE_MS__ : 5 * 60_000; // eslint-disable-line no-undef

const host = createEngineHost({
  createAnalyzer: () => createAnalyzer({ assetBase }),
  assetBase,
  idleMs: IDLE_MS,
  onIdle: () => self.postMessage({ idle: true }),
});

const served = new Map();  // relay id -> serveBridge handle
self.addEventListener('message', (event) => {
  const { connect, disconnect } = event.data ?? {};
  if (connect !== undefined && event.ports[0]) {
    served.set(connect, serveBridge({ port: fromMessagePort(event.ports[0]), methods: host.methods }));
  } else if (disconnect !== undefined) {
    served.get(disconnect)?.close();
    served.delete(disconnect);
  }
});

// The document fails every call if the worker errs before this (offscreen/main.js).
self.postMessage({ loaded: true });
