// The model path of the analyzer: the wasm core builds feature ids, ONNX
// Runtime Web (wasm backend, one thread) runs models/model.onnx, and the core
// applies the thresholds and fuses model and lexicon (wasm/core/model/).
//
// Files ship inside the package; nothing is downloaded at run time:
//   - models/model.onnx and models/model.json, next to this package;
//   - ONNX Runtime Web itself: the build copies its bundle entry and wasm file
//     into wasm/dist/ort/ (scripts/build.sh), imported here by a relative URL,
//     so Node, pages, workers and extension pages need no bundler or import
//     map. Its wasm is read from disk in Node and fetched from beside this
//     package in browsers, always through the object form of `wasmPaths`
//     (a string would make ORT import() its glue, which MV3 forbids); a host
//     may override it with `model.ortWasmPaths` or `model.ortWasmBinary`.
// Options (createAnalyzer({ model: {...} })): modelUrl, modelBytes, metaUrl,
// meta (object or JSON text), ortWasmPaths, ortWasmBinary.

import * as ort from '../../wasm/dist/ort/ort.wasm.bundle.min.mjs';
import { RapportError, ErrorCodes } from './errors.js';
import { engineAssetUrls } from './assets.js';

// The package's own files (shared/api/assets.js); createAnalyzer's assetBase
// option moves all three.
const PACKAGED = engineAssetUrls();
export const DEFAULT_MODEL_URL = PACKAGED.model;
export const DEFAULT_META_URL = PACKAGED.meta;
export const DEFAULT_ORT_WASM_URL = PACKAGED.ortWasm;

const MODEL_OPTIONS = ['modelUrl', 'modelBytes', 'metaUrl', 'meta', 'ortWasmPaths', 'ortWasmBinary'];
// Per ORT run: at most CHUNK texts and at most RUN_IDS padded ids. The second
// bound keeps ORT's intermediates (ids x embedding dim floats) to a few MB even
// when a batch holds 64 KB messages, because ORT's arena keeps its peak.
const CHUNK = 256;
const RUN_IDS = 16384;
const EMOTIONS = 28;
const SENTIMENTS = 3;
const isNode = Boolean(globalThis.process?.versions?.node);

function modelError(message, cause) {
  return new RapportError(ErrorCodes.MODEL_LOAD, message, cause ? { cause } : undefined);
}

// Node reads file: URLs from disk (specifier in a variable so bundlers leave
// node:fs out of browser builds); browsers fetch.
async function readBytes(url) {
  if (url.protocol === 'file:' && isNode) {
    const fsName = 'node:fs/promises';
    const { readFile } = await import(fsName);
    return new Uint8Array(await readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function sha256Hex(bytes) {
  const digest = await globalThis.crypto?.subtle?.digest('SHA-256', bytes);
  if (!digest) return null;  // no WebCrypto (insecure context): size check only
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

let ortConfigured = false;
async function configureOrt(options, ortWasmUrl) {
  if (ortConfigured) return;
  ort.env.wasm.numThreads = 1;
  if (options.ortWasmBinary) {
    ort.env.wasm.wasmBinary = options.ortWasmBinary;
  } else if (options.ortWasmPaths) {
    ort.env.wasm.wasmPaths = options.ortWasmPaths;
  } else if (isNode) {
    const url = ortWasmUrl;
    try {
      ort.env.wasm.wasmBinary = await readBytes(url);
    } catch (error) {
      throw modelError(`could not read ONNX Runtime's wasm file ${url.pathname}: ${error.message}`, error);
    }
  } else {
    ort.env.wasm.wasmPaths = { wasm: ortWasmUrl.href };
  }
  ortConfigured = true;
}

function checkModelOptions(model) {
  const options = typeof model === 'object' && model !== null ? model : {};
  for (const key of Object.keys(options)) {
    if (!MODEL_OPTIONS.includes(key)) {
      throw new RapportError(ErrorCodes.OPTIONS,
        `unknown model option '${key}' (known: ${MODEL_OPTIONS.join(', ')})`);
    }
  }
  return options;
}

async function loadMeta(options, metaUrl) {
  if (options.meta !== undefined) {
    return typeof options.meta === 'string' ? options.meta : JSON.stringify(options.meta);
  }
  const url = new URL(options.metaUrl ?? metaUrl, metaUrl);
  try {
    return new TextDecoder().decode(await readBytes(url));
  } catch (error) {
    throw modelError(`could not read the model metadata file ${url.href}: ${error.message}`, error);
  }
}

async function loadOnnx(options, meta, modelUrl) {
  const url = new URL(options.modelUrl ?? modelUrl, modelUrl);
  const name = options.modelBytes ? 'the model bytes given in options.model.modelBytes' : `the model file ${url.href}`;
  let bytes = options.modelBytes ? new Uint8Array(options.modelBytes) : null;
  if (!bytes) {
    try {
      bytes = await readBytes(url);
    } catch (error) {
      throw modelError(`could not read ${name}: ${error.message}`, error);
    }
  }
  if (meta.fileBytes && bytes.length !== meta.fileBytes) {
    throw modelError(`${name} is corrupt: ${bytes.length} bytes, model.json says ${meta.fileBytes}`);
  }
  const digest = meta.fileSha256 ? await sha256Hex(bytes) : null;
  if (digest && digest !== meta.fileSha256) {
    throw modelError(`${name} is corrupt: its SHA-256 does not match model.json`);
  }
  try {
    return await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  } catch (error) {
    throw modelError(`ONNX Runtime could not load ${name}: ${error.message}`, error);
  }
}

// Resolves to the model part of an analyzer (see analyzer.js), or throws
// RAPPORT_E_MODEL_LOAD naming the file that failed.
// `assetBase`: createAnalyzer's option (assets.js); undefined for the package's own files.
export async function loadModel(session, model, assetBase) {
  const options = checkModelOptions(model);
  const urls = engineAssetUrls(assetBase);
  const metaText = await loadMeta(options, urls.meta);
  let meta;
  try {
    meta = JSON.parse(metaText);
  } catch (error) {
    throw modelError(`the model metadata (model.json) is not valid JSON: ${error.message}`, error);
  }
  const problem = session.setModelConfig(metaText);
  if (problem) throw modelError(`the model metadata (model.json) does not fit this engine: ${problem}`);
  await configureOrt(options, urls.ortWasm);
  const onnx = await loadOnnx(options, meta, urls.model);
  return new ModelRunner(session, onnx, meta);
}

// Everything that touches the wasm engine goes through the analyzer's
// CoreSession (features out, probabilities in); this class only runs ORT.
class ModelRunner {
  constructor(session, onnx, meta) {
    this.session = session;
    this.onnx = onnx;
    this.meta = meta;
    this.dense = meta.features.dense.length;
    this.queue = Promise.resolve();
    this.running = null;  // the ORT run in flight, if any (see dispose)
  }

  // Runs ORT over chunks of texts with similar id counts: sorting by length
  // first keeps the zero padding (wasted Gather/MatMul work) small when
  // short chats and long posts share a batch.
  async probabilities(f, count) {
    const emotions = new Float32Array(count * EMOTIONS);
    const sentiment = new Float32Array(count * SENTIMENTS);
    const starts = new Uint32Array(count);
    for (let i = 1; i < count; i++) starts[i] = starts[i - 1] + f.counts[i - 1];
    const order = Array.from({ length: count }, (_, i) => i).sort((x, y) => f.counts[x] - f.counts[y]);
    for (let at = 0; at < count;) {
      this.session.live();  // disposed between two chunks: RAPPORT_E_DISPOSED, not a null session
      // Sorted ascending, so the last member is the widest: grow the chunk
      // while the padded size stays within RUN_IDS (always at least one text).
      let n = 1;
      while (n < CHUNK && at + n < count && (n + 1) * f.counts[order[at + n]] <= RUN_IDS) n++;
      const members = order.slice(at, at + n);
      at += n;
      const width = f.counts[members[n - 1]];  // the longest of this chunk
      const ids = new Int32Array(n * width);
      const weights = new Float32Array(n * width);
      const dense = new Float32Array(n * this.dense);
      members.forEach((t, i) => {
        const c = f.counts[t];
        ids.set(f.ids.subarray(starts[t], starts[t] + c), i * width);
        weights.fill(1 / c, i * width, i * width + c);
        dense.set(f.dense.subarray(t * this.dense, (t + 1) * this.dense), i * this.dense);
      });
      this.running = this.onnx.run({
        ids: new ort.Tensor('int32', ids, [n, width]),
        weights: new ort.Tensor('float32', weights, [n, width]),
        dense: new ort.Tensor('float32', dense, [n, this.dense]),
      });
      const out = await this.running;
      members.forEach((t, i) => {
        emotions.set(out.emotions.data.subarray(i * EMOTIONS, (i + 1) * EMOTIONS), t * EMOTIONS);
        sentiment.set(out.sentiment.data.subarray(i * SENTIMENTS, (i + 1) * SENTIMENTS), t * SENTIMENTS);
      });
    }
    return { emotions, sentiment };
  }

  // The public objects for `texts`, source "model+lexicon" (or, when the
  // core reports a failure, its parsed error object for the analyzer to
  // throw). Batches run one at a time: the core keeps a batch's analyses
  // while ORT runs.
  analyzeObjects(texts) {
    const run = this.queue.then(() => this.runBatch(texts));
    this.queue = run.catch(() => {});
    return run;
  }

  async runBatch(texts) {
    this.session.live();  // a batch queued behind one that saw dispose()
    if (texts.length === 0) return [];
    const f = this.session.modelFeatures(texts, this.dense);
    const p = await this.probabilities(f, texts.length);
    // The analyzer may have been disposed while ORT ran: live() says so.
    return this.session.finishModelObjects(texts, p.emotions, p.sentiment);
  }

  // A run in flight keeps its session until it settles: releasing an ONNX
  // Runtime Web session under a pending run() could leave that run never
  // settling, spinning a core (the hostile-contract test's "dispose one
  // microtask in" hung so with one model file and not another). The pending
  // call then fails with RAPPORT_E_DISPOSED at its next live() check.
  dispose() {
    const onnx = this.onnx;
    this.onnx = null;
    if (!onnx?.release) return;
    const release = () => Promise.resolve(onnx.release()).catch(() => {});
    if (this.running) this.running.then(release, release);
    else release();
  }
}
