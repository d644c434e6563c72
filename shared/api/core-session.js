// The one JS module that calls the wasm binding (wasm/binding/*.cc): every
// other part of the API (analyzer.js, model.js, review.js) asks a CoreSession.
// One CoreSession per analyzer, over that analyzer's own wasm instance, holding
// the binding's per-analyzer objects: the Engine (analysis and model path
// replies), the Reviewer (the analyzer's rule pack) and the open review
// sessions (one per conversation).
//
// Text crosses ONE way, whatever it is for (batch texts, drafts, customer
// messages, rule packs, model.json): encode() writes UTF-8 with
// TextEncoder.encodeInto straight into one malloc'd scratch buffer, byte
// lengths in a Uint32 array beside it, and the binding reads them
// (wasm/binding/encoded_texts.h). A batch crosses once; its reply stays in
// wasm memory (address returned, length at a fixed address) and is decoded
// with one TextDecoder call (Embind's own std::string conversion loops over
// the bytes in JS and was ~15% of a batch). The analysis reply is the compact
// transport (wire.js): a small JSON text of strings plus number and int
// arrays read straight from wasm memory.

import { RapportError, ErrorCodes } from './errors.js';
import { readWire, EMOTION_ORDER } from './wire.js';
import { addModelFields } from './model-wire.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Scratch above this size is given back after each call, so one huge batch
// does not pin memory inside the allocator for the analyzer's lifetime.
const KEEP_SCRATCH_BYTES = 1 << 20;

export class CoreSession {
  constructor(core) {
    this.core = core;
    this.engine = new core.Engine();
    this.maxBatch = core.maxBatchSize();
    // The core reads at most maxAnalyzedBytes of a text. Passing one UTF-16
    // unit more than that many (>= 1 byte each) is enough for the core to see
    // the cut and flag `truncated`, while bounding what we encode: a 1 MB
    // paste costs ~64 KB of copying, not 3 MB.
    this.unitCap = core.maxAnalyzedBytes() + 1;
    this.maxBatchUnits = core.maxBatchBytes() / 3;  // worst case: 3 bytes per unit
    this.emotionLabels = JSON.parse(core.emotionNamesJson());
    // wire.js is written for this emotion order; the engine says it has it.
    this.wireWords = sameList(this.emotionLabels, EMOTION_ORDER) ? JSON.parse(core.wireWordsJson()) : null;
    this.replyLengthAddress = this.engine.replyLengthAddress();
    this.scratch = 0;
    this.scratchBytes = 0;
    this.reviewer = null;         // made on first use: most analyzers never review
    this.reviewSessions = new Set();
  }

  // Throws RAPPORT_E_DISPOSED once dispose() ran: a call that was waiting
  // (e.g. on ONNX Runtime) when the analyzer was disposed ends here.
  live() {
    if (!this.core) {
      throw new RapportError(ErrorCodes.DISPOSED, 'this analyzer was disposed; create a new one with createAnalyzer()');
    }
    return this.core;
  }

  // The results for `texts` (already checked to be strings; at most maxBatch
  // of them) as the public objects, built from the engine's compact reply
  // (wasm/core/output/assessment_wire.h, shared/api/wire.js) right away, while its
  // arrays are valid. Any other reply comes back parsed as it is (an error
  // object, or junk for the caller to reject); undefined if it is not JSON.
  // Throws RapportError for TOO_LARGE/OUT_OF_MEMORY.
  analyzeObjects(texts) {
    this.live();
    const [bytes, lengths] = this.encode(texts);
    const reply = this.engine.analyzeEncodedBatch(bytes, lengths, texts.length);
    this.trimScratch();
    return this.readWireReply(reply, texts);
  }

  // The core's public JSON for the same texts (the reference the transport
  // is tested against, tests/js/wire-parity.test.mjs), parsed.
  analyzeReferenceJson(texts) {
    this.live();
    const [bytes, lengths] = this.encode(texts);
    return JSON.parse(this.readReply(this.engine.analyzeEncodedBatchJson(bytes, lengths, texts.length)));
  }

  // The public objects from a compact reply at `address` for `texts`;
  // `extras(buffer, head)` may add to them from further arrays the head
  // names (the model path's fields). A reply that is not the transport comes
  // back parsed as it is; undefined if it is not JSON.
  readWireReply(address, texts, extras) {
    let reply;
    try {
      reply = JSON.parse(this.readReply(address));
    } catch {
      return undefined;
    }
    const head = Array.isArray(reply) ? reply[0] : null;
    if (!Array.isArray(head) || head[0] !== 'wire' || !this.wireWords) return reply;
    const buffer = this.core.HEAPU8.buffer;  // re-read: the analysis may have grown memory
    const numbers = new Float64Array(buffer, head[1], head[2]);
    const ints = new Int32Array(buffer, head[3], head[4]);
    const results = readWire(numbers, ints, reply, 1, texts.length, this.wireWords, texts);
    return extras ? extras(results, buffer, head) : results;
  }

  // The same results as one JSON string of the public shape (for callers
  // that want text, e.g. a stand-in model in tests).
  analyzeJson(texts) {
    return JSON.stringify(this.analyzeObjects(texts) ?? null);
  }

  // UTF-8 of every text into the scratch buffer, byte lengths beside them;
  // returns both addresses. Each text is cut at `cap` UTF-16 units (the core
  // never reads further); the total is bounded by maxBatchUnits.
  encode(texts, cap = this.unitCap, what = 'analyzeBatch() input') {
    const core = this.live();
    const count = texts.length;
    let units = 0;
    for (let i = 0; i < count; i++) units += Math.min(texts[i].length, cap);
    if (units > this.maxBatchUnits) {
      throw new RapportError(ErrorCodes.TOO_LARGE,
        `${what} is too large: ${units} UTF-16 code units (each text counted up to ` +
        `${cap}), limit ${this.maxBatchUnits}; split the batch`);
    }
    const lengthsOffset = align4(units * 3);
    const base = this.reserve(lengthsOffset + 4 * count);
    const heap = core.HEAPU8;  // re-read: malloc may have grown memory
    const lengths = new Uint32Array(heap.buffer, base + lengthsOffset, count);
    let at = base;
    for (let i = 0; i < count; i++) {
      let text = texts[i];
      if (text.length > cap) text = text.slice(0, cap);
      // encodeInto writes a lone surrogate as U+FFFD (3 bytes, 1 unit), so
      // the core's UTF-16 offsets stay those of the caller's text.
      const { written } = encoder.encodeInto(text, heap.subarray(at, at + text.length * 3));
      lengths[i] = written;
      at += written;
    }
    return [base, base + lengthsOffset];
  }

  // The reply lives in the binding until its next call: read it right away.
  readReply(address) {
    const heap = this.live().HEAPU8;  // re-read: the analysis may have grown memory
    const length = new Uint32Array(heap.buffer, this.replyLengthAddress, 1)[0];
    return decoder.decode(heap.subarray(address, address + length));
  }

  reserve(bytes) {
    if (bytes <= this.scratchBytes) return this.scratch;
    this.release();
    const size = Math.max(bytes, 4096);
    const ptr = this.core._malloc(size);
    if (!ptr) {
      throw new RapportError(ErrorCodes.OUT_OF_MEMORY,
        `the wasm engine could not allocate ${size} bytes for this batch`);
    }
    this.scratch = ptr;
    this.scratchBytes = size;
    return ptr;
  }

  trimScratch() {
    if (this.scratchBytes > KEEP_SCRATCH_BYTES) this.release();
  }

  release() {
    if (this.scratch && this.core) this.core._free(this.scratch);
    this.scratch = 0;
    this.scratchBytes = 0;
  }

  // --- model path (shared/api/model.js) -------------------------------------

  // '' when the engine accepts model.json, else what is wrong with it.
  setModelConfig(metaText) {
    const [bytes, lengths] = this.encode([metaText], Infinity, 'model.json');
    return this.engine.setModelConfig(bytes, lengths);
  }

  // The model's input features for `texts`, copied out of wasm memory:
  // { ids, counts, dense } (dense: `denseWidth` floats per text).
  modelFeatures(texts, denseWidth) {
    this.live();
    const [bytes, lengths] = this.encode(texts);
    const total = this.engine.modelFeaturesEncoded(bytes, lengths, texts.length);
    this.trimScratch();
    if (total < 0) throw new RapportError(ErrorCodes.INTERNAL, 'the wasm engine could not build model features');
    const buffer = this.core.HEAPU8.buffer;
    return {
      ids: new Uint32Array(buffer, this.engine.modelIdsPtr(), total).slice(),
      counts: new Uint32Array(buffer, this.engine.modelCountsPtr(), texts.length).slice(),
      dense: new Float32Array(buffer, this.engine.modelDensePtr(), texts.length * denseWidth).slice(),
    };
  }

  // Writes the model's probabilities into wasm memory and returns what
  // `finish(count, emotionsAddress, sentimentAddress)` of the engine made.
  withProbabilities(emotions, sentiment, finish) {
    const core = this.live();
    const probs = core._malloc((emotions.length + sentiment.length) * 4);
    if (!probs) throw new RapportError(ErrorCodes.OUT_OF_MEMORY, 'the wasm engine could not allocate model outputs');
    try {
      const heap = new Float32Array(core.HEAPU8.buffer);
      heap.set(emotions, probs >> 2);
      heap.set(sentiment, (probs >> 2) + emotions.length);
      return finish(probs, probs + emotions.length * 4);
    } finally {
      core._free(probs);
    }
  }

  // The public objects of the last modelFeatures() batch, fused with the
  // model's probabilities (the core's model JSON's shape, from the transport).
  finishModelObjects(texts, emotions, sentiment) {
    return this.withProbabilities(emotions, sentiment, (e, s) => this.readWireReply(
      this.engine.finishModelBatchWire(texts.length, e, s), texts,
      (results, buffer, head) => addModelFields(results,
        new Float64Array(buffer, head[5], head[6]), new Int32Array(buffer, head[7], head[8]))));
  }

  // The core's model JSON for the same batch (wire-parity tests), parsed.
  finishModelReferenceJson(count, emotions, sentiment) {
    return JSON.parse(this.withProbabilities(emotions, sentiment,
      (e, s) => this.engine.finishModelBatch(count, e, s)));
  }

  // --- draft review (shared/api/review.js) ----------------------------------

  // The analyzer's Reviewer: its rule pack, shared by its review sessions.
  packOwner() {
    const core = this.live();
    this.reviewer ??= new core.Reviewer();
    return this.reviewer;
  }

  // { ok, ruleCount, errors: [{ path, code, message }] } (pack unchanged unless ok).
  loadRulePack(text) {
    const owner = this.packOwner();
    const [bytes, lengths] = this.encode([text], Infinity, 'loadRulePack() pack');
    const reply = owner.loadPack(bytes, lengths);
    this.trimScratch();
    return JSON.parse(reply);
  }

  exportRulePack() {
    return this.packOwner().exportPack();
  }

  resetRulePack() {
    this.packOwner().resetPack();
  }

  // One conversation's review state in the engine. The caller (review.js)
  // closes it; closing the CoreSession closes every one still open. The
  // binding's handle is dropped on close, so nothing keeps the wasm instance
  // reachable after dispose().
  openReview() {
    const core = this.live();
    const record = { handle: new core.ReviewSession(this.packOwner()) };
    this.reviewSessions.add(record);
    const session = this;
    const handle = () => {
      session.live();
      if (!record.handle) throw new RapportError(ErrorCodes.DISPOSED, 'this review session was closed');
      return record.handle;
    };
    return {
      // [customerText, customerName, agentName, company] -> true when analysed.
      setCustomer(fields) {
        const h = handle();
        const [bytes, lengths] = session.encode(fields);
        return h.setCustomer(bytes, lengths);
      },
      // The parsed review JSON of `draft` (spans still as the core wrote them).
      review(draft) {
        const h = handle();
        const [bytes, lengths] = session.encode([draft]);
        const reply = h.review(bytes, lengths);
        session.trimScratch();
        return JSON.parse(reply);
      },
      customerAnalyses: () => handle().customerAnalyses(),
      close() {
        if (!session.reviewSessions.delete(record)) return;
        record.handle.delete();
        record.handle = null;
      },
    };
  }

  memoryStats() {
    return { wasmHeapBytes: this.core.HEAPU8.length, wasmBreakBytes: this.core.heapBreak(),
      reviewSessions: this.reviewSessions.size };
  }

  dispose() {
    if (!this.core) return;
    this.release();
    // Sessions point at the reviewer: they go first. Every binding handle is
    // dropped too: each one reaches the module and its memory.
    for (const record of this.reviewSessions) {
      record.handle.delete();
      record.handle = null;
    }
    this.reviewSessions.clear();
    this.reviewer?.delete();
    this.reviewer = null;
    this.engine.delete();
    this.engine = null;
    this.core = null;  // the instance and its memory are garbage from here on
  }
}

function align4(n) {
  return (n + 3) & ~3;
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
