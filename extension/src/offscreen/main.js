// Chrome's engine host: this offscreen document runs the analyzer for every
// tab (one per browser) and serves the engine methods to the service worker
// over runtime ports named 'rapport-engine'. Sessions opened through a port
// are closed when it closes (the service worker stopped: its tabs' ports are
// gone too). When idle it asks the service worker to close this document.
// Offscreen documents only have runtime messaging (no storage): the service
// worker hands over the team rule pack after connecting.
import { createAnalyzer } from '../../../shared/api/index.js';
import { ext } from '../platform/ext.js';
import { engineBase } from '../platform/engine-assets.js';
import { serveBridge } from '../../../shared/bridge/host.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';
import { createEngineHost } from './host.js';

export const ENGINE_PORT = 'rapport-engine';
// Idle minutes before the document asks to be closed; test builds shorten it
// (buildExtension's `define`).
const IDLE_MS = typeof __RAPPORT_ENGINE_IDLE_MS__ !== 'undefined' ? __RAPPORT_ENGINE_IDLE_MS__ : 5 * 60_000; // eslint-disable-line no-undef

const host = createEngineHost({
  createAnalyzer: () => createAnalyzer({ assetBase: engineBase() }),
  assetBase: engineBase(),
  idleMs: IDLE_MS,
  onIdle: () => ext.runtime.sendMessage({ type: 'rapport-engine-idle' }).catch(() => {}),
});

// Sessions belong to the port that opened them (the engine methods key them
// by the bridge's peer) and close with it.
ext.runtime.onConnect.addListener((runtimePort) => {
  if (runtimePort.name !== ENGINE_PORT) return;
  serveBridge({ port: fromRuntimePort(runtimePort), methods: host.methods });
});

// Tells the service worker (which may have been restarted) that the host is up.
ext.runtime.sendMessage({ type: 'rapport-engine-ready' }).catch(() => {});
