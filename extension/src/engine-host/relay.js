// Starts the engine worker (worker.js) and opens bridge channels to it, for
// the context that owns it: Chrome's offscreen document (offscreen/main.js,
// one channel per service-worker runtime port) and Firefox's background page
// (background/link-worker.js, one channel for its bridge client).
//
//   const engine = startEngineWorker(url, { onIdle });
//   const port = engine.open();   // a port adapter (shared/bridge/ports.js)
//   port.postMessage({ id, method, args }); port.onMessage((reply) => ...);
//   port.close(); engine.terminate();
//
// Each channel is one MessagePort to the worker ({ connect: id } with the port
// transferred), served there with the bridge like any port, so review sessions
// stay per channel; closing it sends { disconnect: id }, which ends its
// sessions (a MessagePort's own 'close' event is Chrome 123+, the extension
// supports 116). Messages pass unchanged (runtime ports carry JSON, which
// structured clone carries too).
//
// The worker says when its script has run ({ loaded: true }). An error before
// that is a worker that did not load (its file missing, an import that threw):
// every call on every channel, waiting or still to come, then fails with
// RAPPORT_E_ENGINE_LOAD instead of waiting for a reply that never comes.
import { fromMessagePort } from '../../../shared/bridge/ports.js';

// Where the build puts the worker (extension/build.mjs).
export const ENGINE_WORKER = 'engine-host/worker.js';

const isCall = (message) => message?.method !== undefined && message.id !== undefined;
const isReply = (message) => message?.id !== undefined && 'ok' in message;

export function startEngineWorker(url, { onIdle = () => {} } = {}) {
  let loaded = false;
  let failure = null;   // the wire error every call gets once the worker failed to load
  const channels = new Set();   // the open channels: { waiting: Set of request ids, deliver(message), close() }
  let nextId = 1;

  const worker = new Worker(url, { type: 'module' });
  worker.addEventListener('error', (event) => {
    console.error('Rapport: the engine worker failed:', event.message);
    if (loaded || failure) return;
    failure = { code: 'RAPPORT_E_ENGINE_LOAD', message: `the engine worker did not load${event.message ? `: ${event.message}` : ''}` };
    for (const channel of channels) {
      for (const id of channel.waiting) channel.deliver({ id, ok: false, error: failure });
      channel.waiting.clear();
    }
  });
  worker.addEventListener('message', (event) => {
    if (event.data?.loaded) loaded = true;
    if (event.data?.idle) onIdle();
  });

  function open() {
    const id = nextId++;
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ connect: id }, [port2]);   // queued until the worker's script has run
    const inner = fromMessagePort(port1);
    const listeners = new Set();
    const channel = {
      waiting: new Set(),
      deliver(message) { for (const listener of [...listeners]) listener(message); },
      close() {
        if (!channels.delete(channel)) return;
        worker.postMessage({ disconnect: id });
        inner.close();   // the bridge client on this end sees its port close
      },
    };
    channels.add(channel);
    inner.onMessage((message) => {
      if (isReply(message)) channel.waiting.delete(message.id);
      channel.deliver(message);
    });
    return {
      postMessage(message) {
        if (isCall(message) && failure) {
          queueMicrotask(() => channel.deliver({ id: message.id, ok: false, error: failure }));
          return;
        }
        if (isCall(message)) channel.waiting.add(message.id);
        inner.postMessage(message);
      },
      onMessage(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onClose: (listener) => inner.onClose(listener),
      close: channel.close,
    };
  }

  return {
    open,
    // Ends the worker and everything in it (the analyzer, sessions, the context store's connection).
    terminate() {
      for (const channel of [...channels]) channel.close();
      worker.terminate();
    },
  };
}
