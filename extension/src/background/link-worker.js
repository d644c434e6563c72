// Firefox: the background page starts the engine worker itself
// (engine-host/worker.js, through engine-host/relay.js, as Chrome's offscreen
// document does), on first need, and terminates it when it reports itself
// idle; the next call starts a new one (a new generation: engine-link.js).
// Firefox runs the background page, the sidebar, the popup and the options
// page on one main thread, so the engine must not run on the page itself: a
// long engine call there froze the sidebar.
import { ext } from '../platform/ext.js';
import { createBridgeClient } from '../../../shared/bridge/client.js';
import { startEngineWorker, ENGINE_WORKER } from '../engine-host/relay.js';
import { engineLink } from './engine-link.js';

export function createLink() {
  let engine = null;
  const link = engineLink({
    async connect() {
      engine?.terminate();
      engine = startEngineWorker(ext.runtime.getURL(ENGINE_WORKER), { onIdle: () => link.idle() });
      return createBridgeClient({ port: engine.open() });
    },
    shutdown() {
      engine?.terminate();
      engine = null;
    },
  });
  return link;
}
