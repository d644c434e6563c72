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

const worker = new Worker(ext.runtime.getURL('offscreen/worker.js'), { type: 'module' });
worker.addEventListener('error', (event) => console.error('Rapport: the engine worker failed:', event.message));
worker.addEventListener('message', (event) => {
  if (event.data?.idle) ext.runtime.sendMessage({ type: 'rapport-engine-idle' }).catch(() => {});
});

let nextId = 1;
ext.runtime.onConnect.addListener((runtimePort) => {
  if (runtimePort.name !== ENGINE_PORT) return;
  const id = nextId++;
  const { port1, port2 } = new MessageChannel();
  worker.postMessage({ connect: id }, [port2]);
  port1.onmessage = (event) => {
    try { runtimePort.postMessage(event.data); } catch { /* disconnected: onDisconnect ends it */ }
  };
  runtimePort.onMessage.addListener((message) => port1.postMessage(message));
  runtimePort.onDisconnect.addListener(() => {
    worker.postMessage({ disconnect: id });
    port1.close();
  });
});

// Tells the service worker (which may have been restarted) that the host is
// up. Messages to the worker queue until its script has run.
ext.runtime.sendMessage({ type: 'rapport-engine-ready' }).catch(() => {});
