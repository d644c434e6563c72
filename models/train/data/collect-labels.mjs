// Collects the annotators' label files into twcc-test-labels.jsonl: ids and
// labels only (any other field, such as a text, is dropped), one line per
// customer turn in the order of <data>/twcc/test.json, duplicates refused.
//   node models/train/data/collect-labels.mjs --data ../shared/data A.jsonl B.jsonl \
//     > models/train/data/twcc-test-labels.jsonl
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--data');
if (at < 0 || !args[at + 1]) {
  console.error('usage: collect-labels.mjs --data DIR LABELS.jsonl...');
  process.exit(2);
}
const dataDir = args[at + 1];
const files = args.filter((_, i) => i !== at && i !== at + 1);

const order = new Map();
for (const conv of JSON.parse(fs.readFileSync(path.join(dataDir, 'twcc', 'test.json'), 'utf8'))) {
  conv.dialogContent.forEach((turn, i) => {
    if ('client' in turn) order.set(`test-${conv.dialogHeader.sessionID}-${i}`, order.size);
  });
}
const rows = new Map();
for (const file of files) {
  fs.readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${file}:${i + 1}`;
    const r = JSON.parse(line);
    if (!order.has(r.id)) throw new Error(`${where}: id ${JSON.stringify(r.id)} is no customer turn of twcc/test.json`);
    if (rows.has(r.id)) throw new Error(`${where}: id ${r.id} labelled twice`);
    rows.set(r.id, { id: r.id, sentiment: r.sentiment, emotion: r.emotion, urgent: r.urgent });
  });
}
const out = [...rows.values()].sort((a, b) => order.get(a.id) - order.get(b.id));
process.stdout.write(out.map((r) => JSON.stringify(r)).join('\n') + (out.length ? '\n' : ''));
console.error(`collect-labels: ${out.length} of ${order.size} customer turns labelled`);
