// Builds the public analysis objects from the compact batch transport that
// wasm/core/output/assessment_wire.h describes (numbers, ints, strings, each read in
// order). The objects equal JSON.parse of the JSON path, key order included:
// the literals below follow the public shape (index.d.ts) field by field.
// Written out by hand, not generated at run time (MV3 pages forbid eval),
// and literal objects of one shape are what V8 builds fastest.

// GoEmotions' order, as kEmotionNames in the core; CoreSession checks the
// engine agrees before it uses this module.
export const EMOTION_ORDER = [
  'admiration', 'amusement', 'anger', 'annoyance', 'approval', 'caring', 'confusion',
  'curiosity', 'desire', 'disappointment', 'disapproval', 'disgust', 'embarrassment',
  'excitement', 'fear', 'gratitude', 'grief', 'joy', 'love', 'nervousness', 'optimism', 'pride',
  'realization', 'relief', 'remorse', 'sadness', 'surprise', 'neutral',
];

function emotionsAt(n, k) {
  return {
    admiration: n[k], amusement: n[k + 1], anger: n[k + 2], annoyance: n[k + 3],
    approval: n[k + 4], caring: n[k + 5], confusion: n[k + 6], curiosity: n[k + 7],
    desire: n[k + 8], disappointment: n[k + 9], disapproval: n[k + 10], disgust: n[k + 11],
    embarrassment: n[k + 12], excitement: n[k + 13], fear: n[k + 14], gratitude: n[k + 15],
    grief: n[k + 16], joy: n[k + 17], love: n[k + 18], nervousness: n[k + 19],
    optimism: n[k + 20], pride: n[k + 21], realization: n[k + 22], relief: n[k + 23],
    remorse: n[k + 24], sadness: n[k + 25], surprise: n[k + 26], neutral: n[k + 27],
  };
}

// `n` and `ints`: the transport's arrays; `strings`: its strings from index
// `si` on; `words`: the engine's word list (an int >= 0 indexes it, -1 means
// the word is the next string); `inputs`: the texts analyzed. A span's text
// is always the caller's own text at its offsets (the core read NUL as a
// space and a lone surrogate as U+FFFD, at the same UTF-16 offsets); unless
// the flags say it left them out (TEXTS_FROM_INPUT), the core's copies are
// skipped.
const TEXTS_FROM_INPUT = 8;

export function readWire(n, ints, strings, si, count, words, inputs) {
  let ni = 0, ii = 0;
  const word = () => {
    const w = ints[ii++];
    return w >= 0 ? words[w] : strings[si++];
  };
  const results = new Array(count);
  for (let m = 0; m < count; m++) {
    const label = word();
    const priorityLevel = word();
    const code = word();
    const source = word();
    const flags = ints[ii++];
    const input = inputs[m];
    const skip = (flags & TEXTS_FROM_INPUT) !== 0 ? 0 : 1;  // the core's copy of each span text
    const cueCount = ints[ii++];
    const evidenceCount = ints[ii++];
    const sentiment = { label, score: n[ni], positive: n[ni + 1], negative: n[ni + 2], neutral: n[ni + 3] };
    const emotions = emotionsAt(n, ni + 4);
    ni += 32;
    const cues = new Array(cueCount);
    for (let c = 0; c < cueCount; c++) {
      const id = word();
      const spanCount = ints[ii++];
      const spans = new Array(spanCount);
      for (let s = 0; s < spanCount; s++) {
        const start = ints[ii], end = ints[ii + 1];
        ii += 2;
        si += skip;
        spans[s] = { start, end, text: input.slice(start, end) };
      }
      cues[c] = { id, strength: n[ni++], spans };
    }
    const priority = n[ni++];
    const evidence = new Array(evidenceCount);
    for (let e = 0; e < evidenceCount; e++) {
      const start = ints[ii], end = ints[ii + 1];
      ii += 2;
      si += skip;
      const text = input.slice(start, end);
      const evidenceSource = word();
      const weight = n[ni++];
      evidence[e] = { start, end, text, weight, source: evidenceSource, note: word() };
    }
    results[m] = {
      sentiment, emotions, cues, priority, priorityLevel, evidence,
      language: { code, supported: (flags & 1) !== 0, confidence: n[ni++] },
      truncated: (flags & 2) !== 0, invalidUtf8: (flags & 4) !== 0, source,
    };
  }
  return results;
}
