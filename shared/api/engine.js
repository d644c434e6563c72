// Loads the wasm core (wasm/dist/rapport_core.mjs + .wasm) in any runtime the
// API supports: Node 20, pages, dedicated workers and MV3 extension pages.
//
// The module is built -sEXPORT_ES6 -sENVIRONMENT=web,worker (TOOLCHAIN.md), so
// we never let the Emscripten glue locate or fetch the .wasm itself: we compile
// the bytes once per realm (shared by every analyzer) and hand the compiled
// WebAssembly.Module to the glue through its `instantiateWasm` hook. That keeps
// Node off `fetch(file path)`, lets callers supply their own bytes or module
// (bundlers, extensions with another layout), and makes each analyzer a cheap
// fresh instance whose memory goes away with it.

import createRapportCore from '../../wasm/dist/rapport_core.mjs';
import { RapportError, ErrorCodes, describeType } from './errors.js';
import { engineAssetUrls } from './assets.js';

export const DEFAULT_WASM_URL = engineAssetUrls().wasm;

// Compiled modules by URL: each .wasm is fetched and compiled once per realm.
const compiled = new Map();

// Node reads file: URLs from disk; browsers fetch. The specifier is held in a
// variable so bundlers do not try to pull node:fs into browser builds.
async function fetchBytes(url) {
  if (url.protocol === 'file:' && globalThis.process?.versions?.node) {
    const fsName = 'node:fs/promises';
    const { readFile } = await import(fsName);
    return readFile(url);
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.href}`);
  return response.arrayBuffer();
}

async function compileFrom(options) {
  if (options.wasmModule !== undefined) {
    if (!(options.wasmModule instanceof WebAssembly.Module)) {
      throw new RapportError(ErrorCodes.OPTIONS,
        `option 'wasmModule' must be a WebAssembly.Module, got ${describeType(options.wasmModule)}`);
    }
    return options.wasmModule;
  }
  if (options.wasmBinary !== undefined) {
    const bytes = options.wasmBinary;
    if (!(bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes))) {
      throw new RapportError(ErrorCodes.OPTIONS,
        `option 'wasmBinary' must be an ArrayBuffer or a typed array, got ${describeType(bytes)}`);
    }
    return WebAssembly.compile(bytes);
  }
  if (options.wasmUrl !== undefined) {
    const url = options.wasmUrl;
    if (!(url instanceof URL) && typeof url !== 'string') {
      throw new RapportError(ErrorCodes.OPTIONS,
        `option 'wasmUrl' must be a URL or a string, got ${describeType(url)}`);
    }
    return WebAssembly.compile(await fetchBytes(new URL(url, DEFAULT_WASM_URL)));
  }
  // The packaged module, or the one under options.assetBase (assets.js):
  // compiled once, then shared. A failure is not cached, so a later call can
  // retry (e.g. after a network hiccup in a page).
  const url = engineAssetUrls(options.assetBase).wasm;
  let promise = compiled.get(url.href);
  if (!promise) {
    promise = fetchBytes(url).then((b) => WebAssembly.compile(b));
    compiled.set(url.href, promise);
    promise.catch(() => compiled.delete(url.href));
  }
  return promise;
}

function instantiate(wasmModule) {
  // The glue's own promise would never settle if our hook failed, so a
  // failure rejects a second promise and the first to settle wins.
  let fail;
  const failed = new Promise((_, reject) => { fail = reject; });
  const ready = createRapportCore({
    instantiateWasm(imports, receiveInstance) {
      WebAssembly.instantiate(wasmModule, imports)
        .then((instance) => receiveInstance(instance, wasmModule))
        .catch(fail);
      return {};  // exports arrive asynchronously through receiveInstance
    },
    onAbort: (what) => fail(new Error(`engine aborted: ${what}`)),
  });
  return Promise.race([ready, failed]);
}

// Resolves to a ready Emscripten module object, or throws RAPPORT_E_ENGINE_LOAD
// (with the underlying error as `cause`) / RAPPORT_E_OPTIONS.
export async function loadEngine(options = {}) {
  try {
    return await instantiate(await compileFrom(options));
  } catch (error) {
    if (error instanceof RapportError) throw error;
    throw new RapportError(ErrorCodes.ENGINE_LOAD, 'could not load the Rapport wasm engine', { cause: error });
  }
}
