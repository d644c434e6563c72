// Content script entry (bundled by extension/build.mjs into content.js). Runs
// in the extension's isolated world on the sites the agent turned on: the
// page's scripts cannot see or replace anything here. It talks to the engine
// host only through the shared bridge over a runtime port named 'rapport-tab'
// (CONTRACTS.md section 4), started on the first call, restarted if the
// service worker went away.
import { createBridgeClient } from '../../../shared/bridge/client.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';
import { ext } from '../platform/ext.js';
import { helpdeskAdapters, generic } from '../adapters/helpdesks.js';
import { createComposer } from '../composer/coach.js';
import { startRapport } from './run.js';

// registerContentScripts and a one-off activeTab injection can both run this
// file in one page; the isolated world's global says it already runs.
if (!globalThis.__rapportContent) {
  const engine = createBridgeClient({ start: async () => fromRuntimePort(ext.runtime.connect({ name: 'rapport-tab' })) });
  const composer = createComposer({ window, engine });
  globalThis.__rapportContent = startRapport({ window, engine, adapters: helpdeskAdapters, fallback: generic, extensions: [composer] });
}
