// Chrome: the engine lives in an offscreen document, created on first need
// (one per browser) and closed when it reports itself idle. The service
// worker talks to it over one runtime port ('rapport-engine') speaking the
// bridge. `generation` counts connections: a new document means new sessions.
import { ext } from '../platform/ext.js';
import { createBridgeClient } from '../../../shared/bridge/client.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';
import { loadSettings } from '../platform/settings.js';

const DOCUMENT = 'offscreen/index.html';
const ENGINE_PORT = 'rapport-engine';

export function createLink() {
  let client = null;
  let creating = null;
  let inFlight = 0;
  const link = { generation: 0, get running() { return Boolean(client && !client.closed); } };

  async function documentOpen() {
    const url = ext.runtime.getURL(DOCUMENT);
    const contexts = await ext.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
    return contexts.length > 0;
  }

  async function connect() {
    if (!(await documentOpen())) {
      const ready = new Promise((resolve) => {
        const onMessage = (msg) => {
          if (msg?.type !== 'rapport-engine-ready') return;
          ext.runtime.onMessage.removeListener(onMessage);
          resolve();
        };
        ext.runtime.onMessage.addListener(onMessage);
      });
      await ext.offscreen.createDocument({ url: DOCUMENT, reasons: ['WORKERS'],
        justification: 'Runs the on-device analysis engine (WebAssembly and ONNX Runtime Web) for every tab.' });
      await ready;
    }
    const port = ext.runtime.connect({ name: ENGINE_PORT });
    const c = createBridgeClient({ port: fromRuntimePort(port) });
    port.onDisconnect.addListener(() => { if (client === c) client = null; });
    // The document cannot read storage: it gets the team's rule pack from here.
    const { rulePack } = await loadSettings();
    if (rulePack) await c.call('loadRulePack', [rulePack]).catch((e) => console.warn('Rapport: the saved rule pack does not load', e));
    link.generation++;
    return c;
  }

  async function engine() {
    if (client && !client.closed) return client;
    creating ??= connect().finally(() => { creating = null; });
    client = await creating;
    return client;
  }

  link.call = async (method, args) => {
    inFlight++;
    try {
      return await (await engine()).call(method, args);
    } finally {
      inFlight--;
    }
  };

  // The document asks to be closed after its idle time; calls that raced in
  // since keep it open (it will ask again).
  ext.runtime.onMessage.addListener((msg, sender) => {
    if (msg?.type !== 'rapport-engine-idle' || sender.id !== ext.runtime.id) return;
    if (inFlight > 0 || creating) return;
    client?.close();
    client = null;
    ext.offscreen.closeDocument().catch(() => {});
  });

  return link;
}
