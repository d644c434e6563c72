// Port adapters: the bridge (client.js, host.js) speaks to one small shape,
//
//   port.postMessage(message)      send one message (structured clone or JSON)
//   port.onMessage(listener)       listener(message) per message; returns an unsubscribe function
//   port.onClose(listener)         listener() once, when the other side is gone; returns an unsubscribe
//   port.close()                   closes this end (the other side sees onClose where it can)
//
// and these adapters give it to the three kinds of channel the hosts use.
// Messages are plain data (objects, arrays, strings, numbers, booleans,
// null): chrome.runtime ports serialize as JSON, so nothing richer crosses.

// A closable adapter: close listeners run once, whoever notices first.
function closeOnce() {
  const listeners = new Set();
  let closed = false;
  return {
    get closed() { return closed; },
    add(listener) {
      if (closed) {
        queueMicrotask(listener);
        return () => {};
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire() {
      if (closed) return;
      closed = true;
      for (const listener of [...listeners]) listener();
      listeners.clear();
    },
  };
}

// A MessagePort (MessageChannel in pages, workers and Node). Its 'close'
// event fires when the other end closes or is garbage (Node, Chrome 123+);
// where a runtime lacks it, closing this end still ends the pending calls.
export function fromMessagePort(messagePort) {
  const closing = closeOnce();
  messagePort.addEventListener('close', () => closing.fire());
  let started = false;
  return {
    postMessage(message) {
      if (closing.closed) throw new Error('the port is closed');
      messagePort.postMessage(message);
    },
    onMessage(listener) {
      const handler = (event) => listener(event.data);
      messagePort.addEventListener('message', handler);
      if (!started) {
        started = true;
        messagePort.start?.();  // addEventListener does not start a MessagePort by itself
      }
      return () => messagePort.removeEventListener('message', handler);
    },
    onClose: (listener) => closing.add(listener),
    close() {
      messagePort.close();
      closing.fire();
    },
  };
}

// A dedicated Worker seen from its page, or the worker's own global scope
// (`self`) seen from inside. A page cannot observe a worker dying, so the
// page's end treats its own close() (which terminates the worker) and a
// worker 'error' that nobody handled as the host going away.
export function fromWorker(target) {
  const closing = closeOnce();
  const isWorkerObject = typeof target.terminate === 'function';
  if (isWorkerObject) target.addEventListener('error', () => closing.fire());
  return {
    postMessage(message) {
      if (closing.closed) throw new Error('the worker is closed');
      target.postMessage(message);
    },
    onMessage(listener) {
      const handler = (event) => listener(event.data);
      target.addEventListener('message', handler);
      return () => target.removeEventListener('message', handler);
    },
    onClose: (listener) => closing.add(listener),
    close() {
      if (isWorkerObject) target.terminate();
      else target.close?.();
      closing.fire();
    },
  };
}

// A chrome.runtime.Port (browser.runtime.Port in Firefox): onDisconnect is
// the other side going away (its document closed, the service worker
// stopped, the extension reloaded).
export function fromRuntimePort(runtimePort) {
  const closing = closeOnce();
  runtimePort.onDisconnect.addListener(() => closing.fire());
  return {
    postMessage(message) {
      if (closing.closed) throw new Error('the port is disconnected');
      runtimePort.postMessage(message);
    },
    onMessage(listener) {
      const handler = (message) => listener(message);
      runtimePort.onMessage.addListener(handler);
      return () => runtimePort.onMessage.removeListener(handler);
    },
    onClose: (listener) => closing.add(listener),
    close() {
      runtimePort.disconnect();  // does not fire our own onDisconnect: fire it here
      closing.fire();
    },
  };
}

// Connects a runtime Port to an engine host that may not be listening yet
// (an offscreen document just created, a background page starting): calls
// `connect()` (e.g. () => chrome.runtime.connect({ name: 'rapport-engine' })),
// waits for the host's { ready: true }, and tries again after `delayMs` when
// the port is disconnected first (nobody listened). Resolves to the adapted
// port; rejects after `attempts` tries.
export async function connectRuntimePort(connect, { attempts = 50, delayMs = 100 } = {}) {
  let lastError = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const runtimePort = connect();
    const ready = await new Promise((resolve) => {
      const onMessage = (message) => {
        if (message?.ready !== true) return;
        cleanup();
        resolve(true);
      };
      const onDisconnect = () => {
        lastError = globalThis.chrome?.runtime?.lastError?.message ?? lastError;
        cleanup();
        resolve(false);
      };
      const cleanup = () => {
        runtimePort.onMessage.removeListener(onMessage);
        runtimePort.onDisconnect.removeListener(onDisconnect);
      };
      runtimePort.onMessage.addListener(onMessage);
      runtimePort.onDisconnect.addListener(onDisconnect);
    });
    if (ready) return fromRuntimePort(runtimePort);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  throw new Error(`the engine host did not answer after ${attempts} attempts${lastError ? ` (${lastError})` : ''}`);
}
