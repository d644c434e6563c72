// Chrome: the engine lives in an offscreen document (its worker, in fact:
// offscreen/main.js), created on first need (one per browser) and closed when
// it reports itself idle. The service worker talks to it over one runtime
// port ('rapport-engine') speaking the bridge; a new document means a new
// generation (engine-link.js).
import { ext } from '../platform/ext.js';
import { createBridgeClient } from '../../../shared/bridge/client.js';
import { fromRuntimePort } from '../../../shared/bridge/ports.js';
import { engineLink } from './engine-link.js';

const DOCUMENT = 'offscreen/index.html';
const ENGINE_PORT = 'rapport-engine';

async function documentOpen() {
  const url = ext.runtime.getURL(DOCUMENT);
  const contexts = await ext.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  return contexts.length > 0;
}

export function createLink() {
  const link = engineLink({
    async connect(gone) {
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
      port.onDisconnect.addListener(gone);
      return createBridgeClient({ port: fromRuntimePort(port) });
    },
    shutdown: () => ext.offscreen.closeDocument().catch(() => {}),
  });

  // The document asks to be closed after its idle time.
  ext.runtime.onMessage.addListener((msg, sender) => {
    if (msg?.type === 'rapport-engine-idle' && sender.id === ext.runtime.id) link.idle();
  });

  return link;
}
