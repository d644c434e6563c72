#!/usr/bin/env node
// Compiles the sentiment lexicon into C++ source: VADER's word list (Hutto &
// Gilbert 2014; read from the npm package vader-sentiment, whose JS port is
// Apache-2.0, the original VADER being MIT) plus every shared/lexicon/*.tsv of
// ours. Entries of ours override VADER's. Sources and licences:
// shared/lexicon/README.md.
// Emoji valence comes from the Emoji Sentiment Ranking (Kralj Novak et al.
// 2015, CC BY-SA 4.0; the CSV ships in the npm package `sentiment`), passed
// with --emoji; our .tsv entries override it too.
//
// Output: see "Table layout" below and wasm/core/analysis/lexicon_data.h.
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0 || !process.argv[i + 1]) {
    console.error(`gen-lexicon: missing --${name}`);
    process.exit(2);
  }
  return process.argv[i + 1];
}
const vaderPath = arg('vader');
const lexiconDir = arg('lexicon-dir');
const outPath = arg('out');
const emojiPath = process.argv.includes('--emoji') ? arg('emoji') : null;

const entries = new Map(); // term -> { valence, origin }

for (const line of readFileSync(vaderPath, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const [term, mean] = line.split('\t');
  const valence = Number(mean);
  if (!term || !Number.isFinite(valence)) continue;
  entries.set(term.toLowerCase(), { valence, origin: 0 });
}

// Emoji Sentiment Ranking: Emoji,Unicode codepoint,Occurrences,Position,
// Negative,Neutral,Positive,... Its sentiment score is (pos - neg) / n in
// -1..1. Rare emoji are too noisy to trust, so they are skipped, and a few
// pseudo-counts of "neutral" shrink the rest toward 0. VADER's emoticons sit
// around +-2 and its strongest words at +-3..4, so the score is scaled by 4:
// a heart (0.74) lands near 3, a thumbs-up (0.52) near 2.
const EMOJI_MIN_OCCURRENCES = 20;
const EMOJI_PRIOR_COUNTS = 10;
const EMOJI_SCALE = 4;
const EMOJI_MIN_ABS = 0.1; // below this an emoji carries no usable valence
if (emojiPath) {
  const lines = readFileSync(emojiPath, 'utf8').split('\n').slice(1);
  for (const line of lines) {
    const cols = line.split(',');
    if (cols.length < 7) continue;
    const [, hex, occ, , neg, , pos] = cols;
    const n = Number(occ);
    if (!(n >= EMOJI_MIN_OCCURRENCES)) continue;
    // The code point column, not the glyph column, so no stray U+FE0F slips in.
    const term = String.fromCodePoint(parseInt(hex, 16));
    const raw = (Number(pos) - Number(neg)) / (n + EMOJI_PRIOR_COUNTS);
    const valence = Math.max(-4, Math.min(4, raw * EMOJI_SCALE));
    if (Math.abs(valence) < EMOJI_MIN_ABS) continue;
    entries.set(term, { valence, origin: -1 }); // origin fixed up below
  }
}

// Our files: term<TAB>valence<TAB>reason. '#' starts a comment line. The
// origin index lets evidence say "supplement" instead of "lexicon".
const ourFiles = readdirSync(lexiconDir).filter((f) => f.endsWith('.tsv')).sort();
ourFiles.forEach((file, fileIndex) => {
  const lines = readFileSync(join(lexiconDir, file), 'utf8').split('\n');
  lines.forEach((line, i) => {
    if (!line.trim() || line.startsWith('#')) return;
    const cols = line.split('\t');
    const where = `${file}:${i + 1}`;
    if (cols.length < 3 || !cols[2].trim()) {
      console.error(`gen-lexicon: ${where}: expected term<TAB>valence<TAB>reason`);
      process.exit(1);
    }
    const valence = Number(cols[1]);
    if (!Number.isFinite(valence) || valence < -4 || valence > 4) {
      console.error(`gen-lexicon: ${where}: valence must be a number in -4..4, got '${cols[1]}'`);
      process.exit(1);
    }
    entries.set(cols[0].trim().toLowerCase(), { valence, origin: 1 + fileIndex });
  });
});

const cString = (s) => '"' + Buffer.from(s, 'utf8').toString('latin1')
  .replace(/[\\"]/g, (c) => '\\' + c)
  .replace(/[^\x20-\x7e]/g, (c) => '\\' + c.charCodeAt(0).toString(8).padStart(3, '0')) + '"';

// Origins: 0 = vader, 1..n = our files in name order, last = emoji ranking.
const origins = ['vader', ...ourFiles.map((f) => basename(f, '.tsv')), 'emoji'];
for (const e of entries.values()) if (e.origin < 0) e.origin = origins.length - 1;

// Table layout (see lexicon_data.h): every term once in one text blob, an
// entry per term {offset, length, origin, flags, valence}, and an
// open-addressing hash index over the entries (FNV-1a, linear probing). Each
// word prefix of a phrase ("cancel", "cancel my" for "cancel my account") gets
// an entry too, flagged as a prefix, so the phrase matcher knows when to stop.
const MAX_PHRASE_WORDS = 5; // kMaxPhraseWords in lexicon.h
const TERM = 1;
const PREFIX = 2;
const table = new Map(); // term -> { valence, origin, flags }
for (const [term, e] of entries) {
  if (Buffer.byteLength(term) > 255) continue;
  const words = term.split(' ');
  if (words.length > MAX_PHRASE_WORDS) {
    console.error(`gen-lexicon: phrase '${term}' has more than ${MAX_PHRASE_WORDS} words`);
    process.exit(1);
  }
  const old = table.get(term);
  table.set(term, { valence: e.valence, origin: e.origin, flags: TERM | (old ? old.flags : 0) });
  for (let n = 1; n < words.length; n++) {
    const prefix = words.slice(0, n).join(' ');
    const p = table.get(prefix) ?? { valence: 0, origin: 0, flags: 0 };
    p.flags |= PREFIX;
    table.set(prefix, p);
  }
}

// Sorted by bytes so the output is deterministic.
const byBytes = (a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0]));
const all = [...table.entries()].sort(byBytes);
let offset = 0;
const rows = [];
const blob = [];
for (const [term, e] of all) {
  const len = Buffer.byteLength(term);
  rows.push(`  {${offset}, ${len}, ${e.origin}, ${e.flags}, ${e.valence.toFixed(2)}f},`);
  blob.push(term);
  offset += len;
}

// FNV-1a over the UTF-8 bytes; lexicon_hash() in lexicon_data.h is the same.
function fnv1a(bytes) {
  let h = 2166136261;
  for (const b of bytes) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h;
}
let slotCount = 1;
while (slotCount < all.length * 2) slotCount *= 2;
// Each slot: entry index + 1 in the low 16 bits (0 = empty), the hash's top
// 16 bits above them, so a probe rejects another term's slot without reading
// its entry (most chat words are in no lexicon: their probes all miss).
const slots = new Array(slotCount).fill(0);
// One bit per term at its hash's top 16 bits (kLexiconFilter in lexicon_data.h).
const filter = new Array(2048).fill(0);
all.forEach(([term], i) => {
  const hash = fnv1a(Buffer.from(term));
  const bit = hash >>> 16;
  filter[bit >>> 5] = (filter[bit >>> 5] | (1 << (bit & 31))) >>> 0;
  let h = hash & (slotCount - 1);
  while (slots[h]) h = (h + 1) & (slotCount - 1);
  slots[h] = ((hash >>> 16) * 65536 + i + 1) >>> 0;
});
if (all.length >= 65535) {
  console.error('gen-lexicon: too many entries for 16-bit slots');
  process.exit(1);
}

const chunks = [];
for (let i = 0; i < blob.length; i += 16) chunks.push('    ' + cString(blob.slice(i, i + 16).join('')));
const filterLines = [];
for (let i = 0; i < filter.length; i += 16) filterLines.push('    ' + filter.slice(i, i + 16).map((v) => `${v}u`).join(', ') + ',');
const slotLines = [];
for (let i = 0; i < slots.length; i += 16) slotLines.push('    ' + slots.slice(i, i + 16).map((v) => `${v}u`).join(', ') + ',');

const out = `// Generated by scripts/gen-lexicon.mjs: do not edit.
#include "analysis/lexicon_data.h"

namespace rapport {
const char* const kLexiconOrigins[] = {${origins.map(cString).join(', ')}};
const int kLexiconOriginCount = ${origins.length};
const char kLexiconText[] =
${chunks.join('\n')};
const LexiconEntry kLexiconEntries[] = {
${rows.join('\n')}
};
const int kLexiconEntryCount = ${all.length};
const uint32_t kLexiconSlots[] = {
${slotLines.join('\n')}
};
const uint32_t kLexiconSlotMask = ${slotCount - 1}u;
const uint32_t kLexiconFilter[2048] = {
${filterLines.join('\n')}
};
}  // namespace rapport
`;
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, out);
