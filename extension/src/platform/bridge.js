// The engine-host bridge wire (CONTRACTS §2), for the extension's ports until
// shared/bridge/ lands; then this file is replaced by imports from there (same
// names, same wire, so the other side never notices).
//   request {id, method, args}   cancel {id, cancel: true}
//   reply   {id, ok: true, result} | {id, ok: false, error: {code, message, details?}}
// A closed port rejects every pending call with RAPPORT_E_HOST_GONE.
import { RapportError } from '../../../shared/api/errors.js';

export const BridgeCodes = Object.freeze({
  HOST_GONE: 'RAPPORT_E_HOST_GONE',
  METHOD: 'RAPPORT_E_BRIDGE_METHOD',
  REQUEST: 'RAPPORT_E_BRIDGE_REQUEST',
  CANCELLED: 'RAPPORT_E_CANCELLED',
});

const MAX_ARGS = 16;

function errorData(error) {
  const data = { code: error?.code ?? 'RAPPORT_E_INTERNAL', message: error?.message ?? String(error) };
  if (error?.details !== undefined) data.details = error.details;
  return data;
}

// `port`: { postMessage(msg), onMessage(listener), onClose(listener) }.
// `methods`: { name: async (...args) => result }. Own properties only, so a
// request for 'constructor' or '__proto__' is an unknown method.
export function serveBridge({ port, methods }) {
  const running = new Map();
  let closed = false;
  port.onClose(() => {
    closed = true;
    for (const controller of running.values()) controller.abort();
    running.clear();
  });
  port.onMessage(async (msg) => {
    if (!msg || typeof msg !== 'object') return;
    const { id } = msg;
    if (msg.cancel === true) {
      running.get(id)?.abort();
      return;
    }
    const reply = (body) => { if (!closed) port.postMessage({ id, ...body }); };
    if (typeof id !== 'number' && typeof id !== 'string') return;  // nothing to answer to
    if (typeof msg.method !== 'string' || !Array.isArray(msg.args) || msg.args.length > MAX_ARGS) {
      reply({ ok: false, error: { code: BridgeCodes.REQUEST, message: 'malformed bridge request: needs {id, method, args[]}' } });
      return;
    }
    if (!Object.hasOwn(methods, msg.method) || typeof methods[msg.method] !== 'function') {
      reply({ ok: false, error: { code: BridgeCodes.METHOD, message: `unknown method '${msg.method}'` } });
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const result = await methods[msg.method](...msg.args, { signal: controller.signal });
      reply({ ok: true, result });
    } catch (error) {
      reply({ ok: false, error: errorData(error) });
    } finally {
      running.delete(id);
    }
  });
}

function toError(data) {
  const error = new RapportError(data?.code ?? 'RAPPORT_E_INTERNAL', data?.message ?? 'bridge call failed');
  if (data?.details !== undefined) error.details = data.details;
  return error;
}

// `start`: optional () => Promise, run before the first call (and again after
// the port closed, by whoever makes a new client).
export function createBridgeClient({ port, start }) {
  let next = 1;
  let gone = false;
  const pending = new Map();
  let started = null;
  port.onMessage((msg) => {
    const call = msg && pending.get(msg.id);
    if (!call) return;
    pending.delete(msg.id);
    if (msg.ok) call.resolve(msg.result);
    else call.reject(toError(msg.error));
  });
  const fail = () => {
    gone = true;
    for (const call of pending.values()) call.reject(new RapportError(BridgeCodes.HOST_GONE, 'the engine host closed'));
    pending.clear();
  };
  port.onClose(fail);
  return {
    get closed() { return gone; },
    async call(method, args = [], { signal } = {}) {
      if (start) await (started ??= start());
      if (gone) throw new RapportError(BridgeCodes.HOST_GONE, 'the engine host closed');
      signal?.throwIfAborted();
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        signal?.addEventListener('abort', () => {
          if (!pending.delete(id)) return;
          port.postMessage({ id, cancel: true });
          reject(new RapportError(BridgeCodes.CANCELLED, `${method} was cancelled`));
        }, { once: true });
        port.postMessage({ id, method, args });
      });
    },
    close() { port.close?.(); fail(); },
  };
}

// chrome.runtime.Port -> the bridge's port shape.
export function fromRuntimePort(runtimePort) {
  return {
    postMessage: (msg) => runtimePort.postMessage(msg),
    onMessage: (listener) => runtimePort.onMessage.addListener((msg) => listener(msg)),
    onClose: (listener) => runtimePort.onDisconnect.addListener(() => listener()),
    close: () => runtimePort.disconnect(),
  };
}
