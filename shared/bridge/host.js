// The engine host's end of the bridge (README.md here): answers one port's
// requests from a method table.
//
//   const served = serveBridge({ port, methods });   // one call per connected port
//   served.close();                                  // tells the client, ends its pending calls
//
// `methods` maps a name to a function called with the request's arguments
// spread and `this` set to the call's context: { signal, peer }. `signal` is
// an AbortSignal that fires when the client cancels the call or the port
// closes; `peer` is one object per served port (peer.id, peer.onClose(fn)),
// for state that belongs to one client, such as its review sessions. Write
// methods as `name(args) {...}` or `function`, not arrows, to read `this`.
//
// Requests are checked before anything runs: an unknown method answers
// RAPPORT_E_BRIDGE_METHOD, a malformed or oversized one RAPPORT_E_BRIDGE_REQUEST.
// A method's RapportError crosses with its code; any other throw crosses as
// RAPPORT_E_INTERNAL naming what it was. On start the host sends { ready: true }.

import { RapportError, ErrorCodes } from '../api/errors.js';
import { errorToWire, isRequestId } from './protocol.js';

// A request's size is estimated by walking it (strings count 2 bytes per
// UTF-16 unit, every other value 8), stopping as soon as it is over: analyzeBatch's
// own limit (16 Mi UTF-16 units in one call) fits, a runaway message does not.
export const DEFAULT_MAX_REQUEST_BYTES = 64 * 1024 * 1024;
// Deeper than any real argument (a rule pack object is ~6 levels); also ends
// the walk over a cyclic structured-clone value.
const MAX_DEPTH = 256;

let nextPeerId = 1;

export function serveBridge({ port, methods, maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES } = {}) {
  if (!port || typeof port.postMessage !== 'function' || typeof port.onMessage !== 'function' ||
      typeof port.onClose !== 'function') {
    throw new RapportError(ErrorCodes.OPTIONS,
      'serveBridge() port must have postMessage, onMessage and onClose (use shared/bridge/ports.js)');
  }
  if (!methods || typeof methods !== 'object') {
    throw new RapportError(ErrorCodes.OPTIONS, 'serveBridge() needs a methods object');
  }

  const running = new Map();  // id -> AbortController
  const closeListeners = new Set();
  let closed = false;

  const peer = Object.freeze({
    id: nextPeerId++,
    onClose(listener) {
      if (closed) queueMicrotask(listener);
      else closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  });

  function send(message) {
    if (closed) return;
    try {
      port.postMessage(message);
    } catch (error) {
      if (error?.name === 'DataCloneError' && 'result' in message) {
        // The method returned something that cannot cross: say so instead.
        send({ id: message.id, ok: false, error: { code: ErrorCodes.INTERNAL,
          message: `the engine host's answer could not be sent: ${error.message}` } });
      }
      // Otherwise the port is dead; its onClose ends everything.
    }
  }

  function reject(id, code, message) {
    send({ id: isRequestId(id) ? id : null, ok: false, error: { code, message } });
  }

  async function run(id, fn, args, controller) {
    let reply;
    try {
      const result = await fn.apply({ signal: controller.signal, peer }, args);
      reply = { id, ok: true, result };
    } catch (error) {
      reply = { id, ok: false, error: errorToWire(error) };
    }
    // A cancelled call has been answered by the client itself.
    if (running.get(id) === controller && !controller.signal.aborted) send(reply);
    if (running.get(id) === controller) running.delete(id);
  }

  function receive(message) {
    if (closed) return;
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      reject(null, ErrorCodes.BRIDGE_REQUEST, 'a bridge request must be an object { id, method, args }');
      return;
    }
    const { id } = message;
    if (message.cancel === true) {
      running.get(id)?.abort(new RapportError(ErrorCodes.CANCELLED, 'the call was cancelled'));
      return;
    }
    if (!isRequestId(id)) {
      reject(null, ErrorCodes.BRIDGE_REQUEST, 'a bridge request needs an id (a positive integer)');
      return;
    }
    if (running.has(id)) {
      reject(id, ErrorCodes.BRIDGE_REQUEST, `request id ${id} is already in use`);
      return;
    }
    const { method, args } = message;
    if (typeof method !== 'string') {
      reject(id, ErrorCodes.BRIDGE_REQUEST, 'a bridge request needs a method name (a string)');
      return;
    }
    if (!Array.isArray(args)) {
      reject(id, ErrorCodes.BRIDGE_REQUEST, `the arguments of ${method}() must be an array`);
      return;
    }
    const fn = Object.hasOwn(methods, method) ? methods[method] : undefined;
    if (typeof fn !== 'function') {
      reject(id, ErrorCodes.BRIDGE_METHOD, `the engine host has no method '${method.slice(0, 100)}'`);
      return;
    }
    const size = measure(args, maxRequestBytes);
    if (size > maxRequestBytes) {
      reject(id, ErrorCodes.BRIDGE_REQUEST,
        `the request for ${method}() is larger than ${maxRequestBytes} bytes or nested deeper than ${MAX_DEPTH} levels; split it`);
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    run(id, fn, args, controller);
  }

  function shutdown(notify) {
    if (closed) return;
    if (notify) send({ closing: true });
    closed = true;
    offMessage?.();
    offClose?.();
    for (const controller of running.values()) {
      controller.abort(new RapportError(ErrorCodes.HOST_GONE, 'the bridge port closed'));
    }
    running.clear();
    for (const listener of [...closeListeners]) {
      try { listener(); } catch { /* one listener's failure does not skip the others */ }
    }
    closeListeners.clear();
  }

  const offMessage = port.onMessage(receive);
  const offClose = port.onClose(() => shutdown(false));
  // Tells a client that waits for it (connectRuntimePort) that requests are heard now.
  send({ ready: true });

  return {
    peer,
    get closed() { return closed; },
    get runningCount() { return running.size; },
    // Stops serving this port: the client's pending calls reject with
    // RAPPORT_E_HOST_GONE, running methods see their signal abort.
    close() {
      shutdown(true);
      port.close?.();
    },
  };
}

// Estimated bytes of `value`, counting until `limit` is passed (then any
// number above it): strings 2 per UTF-16 unit, other values 8, object keys
// as strings. Past MAX_DEPTH the value counts as over the limit.
export function measure(value, limit) {
  let total = 0;
  const stack = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop();
    if (typeof v === 'string') {
      total += 2 * v.length;
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) return Infinity;
      total += 8;
      if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
        total += v.byteLength;
      } else if (Array.isArray(v)) {
        for (let i = 0; i < v.length && total <= limit; i++) {
          total += 8;
          stack.push([v[i], depth + 1]);
        }
      } else {
        for (const key of Object.keys(v)) {
          if (total > limit) break;
          total += 2 * key.length;
          stack.push([v[key], depth + 1]);
        }
      }
    } else {
      total += 8;
    }
    if (total > limit) return total;
  }
  return total;
}
