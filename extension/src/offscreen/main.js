// Chrome's engine host document: one per browser, created by the service
// worker (background/link-offscreen.js). The engine itself runs in a
// dedicated worker started here (worker.js: analyzer, rule pack, context
// store, idle release); this document only relays, because extension pages
// share one main thread and engine work here froze the side panel and popup.
// Each runtime port named 'rapport-engine' becomes one MessagePort to the
// worker, its bridge messages passed through unchanged both ways (runtime
// ports carry JSON, which structured clone carries too). When the worker
// reports idle, this document asks the service worker to close it.
import { ext } from '../platform/ext.js';

export const ENGINE_PORT = 'rapport-engine';

// The worker says when its script has run ({ loaded: true }, worker.js). An
// error before that is a worker that did not load (its file missing, an import
// that threw): every call relayed to it, waiting or still to come, then fails
// with RAPPORT_E_ENGINE_LOAD, where it used to wait for a reply that never came.
let loaded = false;
let failure = null;   // the wire error every call gets once the worker failed to load
const relays = new Set();   // per runtime port: { runtimePort, waiting: Set of request ids }

const worker = new Worker(ext.runtime.getURL('offscreen/worker.js'), { type: 'module' });
worker.addEventListener('error', (event) => {
  console.error('Rapport: the engine worker failed:', event.message);
  if (loaded || failure) return;
  failure = { code: 'RAPPORT_E_ENGINE_LOAD', message: `the engine worker did not load${event.message ? `: ${event.message}` : ''}` };
  for (const relay of relays) {
    for (const id of relay.waiting) fail(relay.runtimePort, id);
    relay.waiting.clear();
  }
});
worker.addEventListener('message', (event) => {
  if (event.data?.loaded) loaded = true;
  if (event.data?.idle) ext.runtime.sendMessage({ type: 'rapport-engine-idle' }).catch(() => {});
});

function fail(runtimePort, id) {
  try { runtimePort.postMessage({ id, ok: false, error: failure }); } catch { /* disconnected */ }
}

let nextId = 1;
ext.runtime.onConnect.addListener((runtimePort) => {
  if (runtimePort.name !== ENGINE_PORT) return;
  const id = nextId++;
  const relay = { runtimePort, waiting: new Set() };
  relays.add(relay);
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ connect: id }, [port2]);
  port1.onmessage = (event) => {
    if (event.data?.id !== undefined && 'ok' in event.data) relay.waiting.delete(event.data.id);
    try { runtimePort.postMessage(event.data); } catch { /* disconnected: onDisconnect ends it */ }
  };
  runtimePort.onMessage.addListener((message) => {
    const isCall = message?.method !== undefined && message.id !== undefined;
    if (isCall && failure) { fail(runtimePort, message.id); return; }
    if (isCall) relay.waiting.add(message.id);
    port1.postMessage(message);
  });
  runtimePort.onDisconnect.addListener(() => {
    relays.delete(relay);
    worker.postMessage({ disconnect: id });
    port1.close();
  });
});

// Tells the service worker (which may have been restarted) that the host is
// up. Messages to the worker queue until its script has run.
ext.runtime.sendMessage({ type: 'rapport-engine-ready' }).catch(() => {});
