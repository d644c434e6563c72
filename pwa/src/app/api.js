// The page's side of the worker (pwa/src/worker/main.js): one worker, calls by name.
import { connect } from '../rpc.js';

let client = null;
export function worker() {
  client ??= connect(new Worker(new URL('./worker.js', document.baseURI), { type: 'module' }));
  return client;
}
export const call = (method, params, options) => worker().call(method, params, options);
