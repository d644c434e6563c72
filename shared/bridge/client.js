// The caller's end of the engine-host bridge (README.md here):
//
//   const client = createBridgeClient({ port, start });
//   const results = await client.call('analyzeBatch', [texts], { signal });
//   client.close();
//
// `port` is a port adapter (ports.js). `start`, optional, is called once
// before the first call (lazy start: e.g. create the offscreen document) and
// may resolve to the port itself when there is none yet; if the host later
// goes away, the next call starts it again. Every failure is a RapportError:
// the host's own errors with their codes, RAPPORT_E_HOST_GONE when the host
// goes away with calls pending (none is left hanging), RAPPORT_E_CANCELLED
// when the call's AbortSignal fires, RAPPORT_E_DISPOSED after close().

import { RapportError, ErrorCodes, describeType } from '../api/errors.js';
import { errorFromWire } from './protocol.js';

export function createBridgeClient({ port, start } = {}) {
  if (port === undefined && typeof start !== 'function') {
    throw new RapportError(ErrorCodes.OPTIONS, 'createBridgeClient() needs a port or a start function');
  }
  if (port !== undefined && !isPort(port)) {
    throw new RapportError(ErrorCodes.OPTIONS,
      'createBridgeClient() port must have postMessage, onMessage and onClose (use shared/bridge/ports.js)');
  }
  if (start !== undefined && typeof start !== 'function') {
    throw new RapportError(ErrorCodes.OPTIONS, `createBridgeClient() start must be a function, got ${describeType(start)}`);
  }

  const pending = new Map();  // id -> { method, resolve, reject, done }
  let nextId = 1;
  let closed = false;
  let current = null;    // { port, unsubscribe[] } once connected
  let connecting = null; // the promise of the connection in progress

  function attach(p) {
    const link = { port: p, gone: false, off: [] };
    link.off.push(p.onMessage((message) => receive(link, message)));
    link.off.push(p.onClose(() => lost(link, 'the engine host went away')));
    current = link;
    return link;
  }

  function detach(link) {
    link.gone = true;
    for (const off of link.off) off?.();
    if (current === link) current = null;
  }

  // The host is gone: every call sent over this link fails now, not never.
  function lost(link, why) {
    if (link.gone) return;
    detach(link);
    for (const [id, call] of pending) {
      if (call.link !== link) continue;
      pending.delete(id);
      call.done(new RapportError(ErrorCodes.HOST_GONE, `${why} before answering ${call.method}()`));
    }
  }

  function receive(link, message) {
    if (link.gone || message === null || typeof message !== 'object') return;
    if (message.closing === true) {
      lost(link, 'the engine host shut down');
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;  // cancelled, or not ours
    pending.delete(message.id);
    if (message.ok === true) call.done(null, message.result);
    else call.done(errorFromWire(message.error));
  }

  // The link to the host, made on first use: start() (if any) runs first;
  // its port, or the port given, is attached. A given port is used once: after
  // it closes, calls fail with RAPPORT_E_HOST_GONE; a port that start() gives
  // is replaced by calling start() again.
  let portUsed = false;
  function connect() {
    if (current) return Promise.resolve(current);
    if (!connecting) {
      connecting = (async () => {
        if (port !== undefined && portUsed) {
          throw new RapportError(ErrorCodes.HOST_GONE, 'the engine host went away; create a new bridge client');
        }
        let started;
        try {
          started = await start?.();
        } catch (error) {
          if (error instanceof RapportError) throw error;
          throw new RapportError(ErrorCodes.HOST_GONE,
            `the engine host could not be started: ${error?.message ?? error}`, { cause: error });
        }
        const p = port !== undefined ? port : started;
        if (!isPort(p)) {
          throw new RapportError(ErrorCodes.HOST_GONE, 'the engine host could not be started: start() gave no port');
        }
        portUsed = true;
        if (closed) {
          p.close?.();
          throw new RapportError(ErrorCodes.DISPOSED, 'this bridge client was closed');
        }
        return attach(p);
      })();
      // A failed start is retried by the next call.
      connecting.then(() => { connecting = null; }, () => { connecting = null; });
    }
    return connecting;
  }
  // A port given without start() is connected right away, so its close is seen.
  if (port !== undefined && !start) {
    portUsed = true;
    attach(port);
  }

  async function call(method, args = [], { signal } = {}) {
    if (closed) throw new RapportError(ErrorCodes.DISPOSED, 'this bridge client was closed');
    if (typeof method !== 'string') {
      throw new RapportError(ErrorCodes.INPUT_TYPE, `call() expects a method name, got ${describeType(method)}`);
    }
    if (!Array.isArray(args)) {
      throw new RapportError(ErrorCodes.INPUT_TYPE, `call() expects the arguments as an array, got ${describeType(args)}`);
    }
    if (signal?.aborted) throw cancelled(method, signal);
    const link = await connect();
    if (closed) throw new RapportError(ErrorCodes.DISPOSED, 'this bridge client was closed');
    if (signal?.aborted) throw cancelled(method, signal);

    return new Promise((resolve, reject) => {
      const id = nextId++;
      const onAbort = () => {
        if (!pending.delete(id)) return;
        try { link.port.postMessage({ id, cancel: true }); } catch { /* the host is gone anyway */ }
        entry.done(cancelled(method, signal));
      };
      const entry = {
        method, link,
        done(error, result) {
          signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve(result);
        },
      };
      pending.set(id, entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        link.port.postMessage({ id, method, args });
      } catch (error) {
        pending.delete(id);
        // DataCloneError: the arguments cannot cross; anything else: the port is dead.
        if (error?.name === 'DataCloneError') {
          entry.done(new RapportError(ErrorCodes.BRIDGE_REQUEST,
            `the arguments of ${method}() cannot be sent to the engine host: ${error.message}`, { cause: error }));
        } else {
          entry.done(new RapportError(ErrorCodes.HOST_GONE, `the engine host went away before ${method}() was sent`,
            { cause: error }));
          lost(link, 'the engine host went away');
        }
      }
    });
  }

  return {
    call,
    get closed() { return closed; },
    get pendingCount() { return pending.size; },
    // Ends this client: pending calls reject with RAPPORT_E_DISPOSED and the
    // port is closed. Idempotent.
    close() {
      if (closed) return;
      closed = true;
      const link = current;
      for (const [id, c] of pending) {
        pending.delete(id);
        c.done(new RapportError(ErrorCodes.DISPOSED, `this bridge client was closed before ${c.method}() was answered`));
      }
      if (link) {
        detach(link);
        link.port.close?.();
      }
    },
  };
}

function cancelled(method, signal) {
  return new RapportError(ErrorCodes.CANCELLED, `${method}() was cancelled`, { cause: signal.reason });
}

function isPort(p) {
  return p !== null && typeof p === 'object' && typeof p.postMessage === 'function' &&
    typeof p.onMessage === 'function' && typeof p.onClose === 'function';
}
