// Chrome's engine host document: one per browser, created by the service
// worker (background/link-offscreen.js). The engine itself runs in a
// dedicated worker started here (engine-host/worker.js: analyzer, rule pack,
// context store, idle release); this document only relays, because extension
// pages share one main thread and engine work here froze the side panel and
// popup. Each runtime port named 'rapport-engine' becomes one channel to the
// worker (engine-host/relay.js, which also fails every call with
// RAPPORT_E_ENGINE_LOAD when the worker does not load). When the worker
// reports idle, this document asks the service worker to close it.
import { ext } from '../platform/ext.js';
import { startEngineWorker, ENGINE_WORKER } from '../engine-host/relay.js';

export const ENGINE_PORT = 'rapport-engine';

const engine = startEngineWorker(ext.runtime.getURL(ENGINE_WORKER), {
  onIdle: () => ext.runtime.sendMessage({ type: 'rapport-engine-idle' }).catch(() => {}),
});

ext.runtime.onConnect.addListener((runtimePort) => {
  if (runtimePort.name !== ENGINE_PORT) return;
  const channel = engine.open();
  channel.onMessage((message) => {
    try { runtimePort.postMessage(message); } catch { /* disconnected: onDisconnect ends it */ }
  });
  runtimePort.onMessage.addListener((message) => channel.postMessage(message));
  runtimePort.onDisconnect.addListener(() => channel.close());
});

// Tells the service worker (which may have been restarted) that the host is
// up. Messages to the worker queue until its script has run.
ext.runtime.sendMessage({ type: 'rapport-engine-ready' }).catch(() => {});
