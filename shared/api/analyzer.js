// The analyzer object behind createAnalyzer(): input checks, the disposed /
// failed states, and the result pipeline (core session, then the model when
// one is plugged in). Separate from index.js so tests can drive it over a
// deliberately failing engine.

import { RapportError, ErrorCodes, describeType } from './errors.js';

function checkBatch(parsed, count) {
  if (Array.isArray(parsed) && parsed.length === count) return parsed;
  // The binding reports failures as data: {"error": {"code", "message"}}.
  const error = parsed && parsed.error;
  if (error && typeof error.code === 'string') throw new RapportError(error.code, error.message);
  throw new RapportError(ErrorCodes.INTERNAL, 'the wasm engine returned an unexpected result');
}

// The wasm instance needs no cleanup (its memory is garbage with it), but a
// model owns memory elsewhere (ONNX Runtime's session): if a caller drops an
// analyzer without dispose(), GC still releases it.
const modelCleanup = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((m) => m.dispose?.())
  : null;

export function buildAnalyzer(session, model, version) {
  let disposed = false;
  let broken = null;

  // Called first by every method: after dispose() nothing else is checked
  // (ERRORS.md: any call after dispose() is RAPPORT_E_DISPOSED).
  function usable() {
    if (disposed) {
      throw new RapportError(ErrorCodes.DISPOSED,
        'this analyzer was disposed; create a new one with createAnalyzer()');
    }
    if (broken) {
      throw new RapportError(ErrorCodes.INTERNAL, 'the wasm engine failed earlier and cannot be used',
        { cause: broken });
    }
  }

  // `texts` is the analyzer's own checked copy (see analyzeBatch).
  async function runBatch(texts) {
    let objects;
    try {
      // The lexicon path: objects straight from the core's compact reply.
      // The model path (shared/api/model.js) builds features in the core, runs
      // ONNX Runtime and lets the core fuse; same transport, more fields.
      objects = model ? await model.analyzeObjects(texts) : session.analyzeObjects(texts);
    } catch (error) {
      // Disposed while this call waited (e.g. on ONNX Runtime): whatever broke
      // underneath, the caller's answer is that the analyzer is gone.
      if (disposed) {
        throw new RapportError(ErrorCodes.DISPOSED,
          'this analyzer was disposed; create a new one with createAnalyzer()', { cause: error });
      }
      if (error instanceof RapportError) throw error;
      // A trap (e.g. out of bounds) leaves the instance in an unknown state.
      broken = error;
      throw new RapportError(ErrorCodes.INTERNAL, 'the wasm engine failed while analyzing',
        { cause: error });
    }
    return checkBatch(objects ?? null, texts.length);
  }

  const analyzer = {
    version,
    emotionLabels: session.emotionLabels,
    limits: Object.freeze({
      maxBatchSize: session.maxBatch,
      maxAnalyzedBytes: session.unitCap - 1,
      maxBatchUnits: session.maxBatchUnits,
    }),
    get source() { return model ? 'model+lexicon' : 'lexicon'; },
    get disposed() { return disposed; },

    async analyze(text) {
      usable();
      if (typeof text !== 'string') {
        throw new RapportError(ErrorCodes.INPUT_TYPE,
          `analyze() expects a string, got ${describeType(text)}`);
      }
      return (await runBatch([text]))[0];
    },

    async analyzeBatch(texts) {
      usable();
      if (!Array.isArray(texts)) {
        throw new RapportError(ErrorCodes.INPUT_TYPE,
          `analyzeBatch() expects an array of strings, got ${describeType(texts)}`);
      }
      if (texts.length > session.maxBatch) {
        throw new RapportError(ErrorCodes.TOO_MANY,
          `analyzeBatch() takes at most ${session.maxBatch} texts per call, got ${texts.length}; split the batch`);
      }
      // Each item is read once, into our own array: a getter (or a proxy)
      // cannot hand the check one value and the engine another.
      const own = new Array(texts.length);
      for (let i = 0; i < own.length; i++) {
        const text = texts[i];
        if (typeof text !== 'string') {
          throw new RapportError(ErrorCodes.INPUT_TYPE,
            `analyzeBatch() expects an array of strings; item ${i} is ${describeType(text)}`);
        }
        own[i] = text;
      }
      return runBatch(own);
    },

    // Wasm memory of this analyzer in bytes (memory tests, diagnostics):
    // wasmHeapBytes is the whole linear memory (it only grows); wasmBreakBytes
    // is the allocator's top, which moves only when malloc needs fresh memory;
    // reviewSessions counts the review sessions open in the engine.
    memoryStats() {
      return disposed ? { wasmHeapBytes: 0, wasmBreakBytes: 0, reviewSessions: 0 } : session.memoryStats();
    },

    // Frees the scratch buffer and drops the instance. Idempotent.
    dispose() {
      if (disposed) return;
      disposed = true;
      session.dispose();
      if (model) {
        modelCleanup?.unregister(analyzer);
        model.dispose?.();
      }
    },
  };
  if (model) modelCleanup?.register(analyzer, model, analyzer);
  return analyzer;
}

