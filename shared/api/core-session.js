// Owns one wasm core instance and moves text across the boundary: ONE call per
// batch. All texts are UTF-8 encoded with TextEncoder.encodeInto straight into
// one malloc'd scratch buffer, their byte lengths into a Uint32 array beside it,
// and one bound function (wasm/binding/bindings.cc analyzeEncodedBatch) leaves one
// reply for the whole batch in wasm memory (address returned, length at a
// fixed address), decoded here with one TextDecoder call (Embind's own
// std::string conversion loops over the bytes in JS and was ~15% of a batch).
// The reply is the compact transport (wire.js): a small JSON text of strings
// plus number and int arrays read straight from wasm memory.

import { RapportError, ErrorCodes } from './errors.js';
import { readWire, EMOTION_ORDER } from './wire.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Scratch above this size is given back after each call, so one huge batch
// does not pin memory inside the allocator for the analyzer's lifetime.
const KEEP_SCRATCH_BYTES = 1 << 20;

export class CoreSession {
  constructor(core) {
    this.core = core;
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
    this.replyLengthAddress = core.replyLengthAddress();
    this.scratch = 0;
    this.scratchBytes = 0;
  }

  // The results for `texts` (already checked to be strings; at most maxBatch
  // of them) as the public objects, built from the engine's compact reply
  // (wasm/core/output/assessment_wire.h, shared/api/wire.js) right away, while its
  // arrays are valid. Any other reply comes back parsed as it is (an error
  // object, or junk for the caller to reject); undefined if it is not JSON.
  // Throws RapportError for TOO_LARGE/OUT_OF_MEMORY.
  analyzeObjects(texts) {
    const [bytes, lengths] = this.encode(texts);
    const reply = this.core.analyzeEncodedBatch(bytes, lengths, texts.length);
    if (this.scratchBytes > KEEP_SCRATCH_BYTES) this.release();
    return this.readWireReply(reply, texts);
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
  // returns both addresses.
  encode(texts) {
    const count = texts.length;
    let units = 0;
    for (let i = 0; i < count; i++) units += Math.min(texts[i].length, this.unitCap);
    if (units > this.maxBatchUnits) {
      throw new RapportError(ErrorCodes.TOO_LARGE,
        `analyzeBatch() input is too large: ${units} UTF-16 code units (each text counted up to ` +
        `${this.unitCap}), limit ${this.maxBatchUnits}; split the batch`);
    }
    const lengthsOffset = align4(units * 3);
    const base = this.reserve(lengthsOffset + 4 * count);
    const heap = this.core.HEAPU8;  // re-read: malloc may have grown memory
    const lengths = new Uint32Array(heap.buffer, base + lengthsOffset, count);
    let at = base;
    for (let i = 0; i < count; i++) {
      let text = texts[i];
      if (text.length > this.unitCap) text = text.slice(0, this.unitCap);
      const { written } = encoder.encodeInto(text, heap.subarray(at, at + text.length * 3));
      lengths[i] = written;
      at += written;
    }
    return [base, base + lengthsOffset];
  }

  // The reply lives in the binding until its next call: read it right away.
  readReply(address) {
    const heap = this.core.HEAPU8;  // re-read: the analysis may have grown memory
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

  release() {
    if (this.scratch) this.core._free(this.scratch);
    this.scratch = 0;
    this.scratchBytes = 0;
  }

  memoryStats() {
    return { wasmHeapBytes: this.core.HEAPU8.length, wasmBreakBytes: this.core.heapBreak() };
  }

  dispose() {
    this.release();
    this.core = null;  // the instance and its memory are garbage from here on
  }
}

function align4(n) {
  return (n + 3) & ~3;
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
