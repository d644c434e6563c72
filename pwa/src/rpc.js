// Request/reply over a worker's MessagePort in the engine bridge's wire shape
// (shared/bridge/README.md: { rapport: 1, id, method, params } -> { rapport: 1, id,
// result | error }, { rapport: 1, id, cancel: true }), plus progress events
// { rapport: 1, id, progress } for long calls such as imports. Kept in this one
// module so the dashboard can move onto shared/bridge when it offers progress.
export function serve(port, methods) {
  const running = new Map();
  port.addEventListener('message', async (event) => {
    const msg = event.data;
    if (!msg || msg.rapport !== 1) return;
    if (msg.cancel) {
      running.get(msg.id)?.abort();
      return;
    }
    const method = methods[msg.method];
    const controller = new AbortController();
    running.set(msg.id, controller);
    try {
      if (!method) throw Object.assign(new Error(`unknown method '${msg.method}'`), { code: 'RAPPORT_E_UNKNOWN_METHOD' });
      const progress = (p) => port.postMessage({ rapport: 1, id: msg.id, progress: p });
      const result = await method(msg.params ?? {}, { signal: controller.signal, progress });
      port.postMessage({ rapport: 1, id: msg.id, result });
    } catch (error) {
      const data = typeof error?.toJSON === 'function' ? error.toJSON() : {};
      port.postMessage({ rapport: 1, id: msg.id,
        error: { ...data, code: error?.code ?? 'RAPPORT_E_INTERNAL', message: error?.message ?? String(error),
          ...(error?.details ? { details: error.details } : {}) } });
    } finally {
      running.delete(msg.id);
    }
  });
  port.start?.();
}

export class RpcError extends Error {
  constructor(data) {
    super(data.message);
    Object.assign(this, data);
    this.name = 'RpcError';
  }
}

export function connect(port) {
  let next = 1;
  const pending = new Map();
  port.addEventListener('message', (event) => {
    const msg = event.data;
    const call = msg && msg.rapport === 1 ? pending.get(msg.id) : null;
    if (!call) return;
    if (msg.progress !== undefined) {
      call.onProgress?.(msg.progress);
      return;
    }
    pending.delete(msg.id);
    if (msg.error) call.reject(new RpcError(msg.error));
    else call.resolve(msg.result);
  });
  port.start?.();
  return {
    call(method, params, { onProgress, signal } = {}) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, onProgress });
        signal?.addEventListener('abort', () => port.postMessage({ rapport: 1, id, cancel: true }), { once: true });
        port.postMessage({ rapport: 1, id, method, params });
      });
    },
  };
}
