// The dashboard's import scorer (pwa/src/worker/score.js) against the public
// API's createScorer, the reference: same scores for the demo's messages in
// batches as an import cuts them (a conversation's replies reviewed with the
// customer message before them, across batches), replies without text and
// pre-scored records left alone. And the reviews from a second, lexicon-only
// analyzer (the import's review worker, review.js) equal the model
// analyzer's own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer, createScorer } from '../../shared/api/index.js';
import { createMessageScorer } from '../../pwa/src/worker/score.js';
import { reviewItems } from '../../pwa/src/worker/review.js';
import { demoMessages } from '../../pwa/tools/demo.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const demo = JSON.parse(fs.readFileSync(path.join(root, 'shared', 'demo', 'conversations.json'), 'utf8'));

// The reference: createScorer's records, copied onto the messages as the dashboard stores them.
async function reference(analyzer, batches) {
  const scorer = createScorer(analyzer);
  const out = [];
  for (const batch of batches) {
    const scoreable = batch.filter((m) => !(m.role === 'agent' ? typeof m.empathy === 'number' || !m.text : typeof m.sentiment === 'number'));
    const records = await scorer.score(scoreable);
    for (const m of batch) {
      const k = scoreable.indexOf(m);
      if (k < 0) { out.push({ ...m }); continue; }
      const r = records[k];
      const o = { ...m };
      if (m.role === 'agent') {
        o.empathy = r.empathy;
        if (r.cold.length) o.cold = r.cold;
      } else {
        Object.assign(o, { sentiment: r.sentiment, priority: r.priority });
        if (r.emotion) o.emotion = r.emotion;
        if (r.cues.length) o.cues = r.cues;
      }
      out.push(o);
    }
  }
  return out;
}

function batchesOf(messages, size) {
  const out = [];
  for (let i = 0; i < messages.length; i += size) out.push(messages.slice(i, i + size));
  return out;
}

test('import scoring equals createScorer, with the reviews from a lexicon-only second analyzer', async () => {
  const analyzer = await createAnalyzer();
  const reviewer = await createAnalyzer({ model: false });
  const messages = demoMessages(demo).slice(0, 700);
  messages.push({ conversation: 'x1', at: '2024-01-01T10:00:00Z', role: 'agent', text: '' },
    { conversation: 'x1', at: '2024-01-01T10:01:00Z', role: 'customer', text: 'fine', sentiment: 0.25, priority: 0.1 },
    { conversation: 'x1', at: '2024-01-01T10:02:00Z', role: 'agent', text: 'ok', empathy: 12 });
  const batches = batchesOf(messages, 97);
  const want = await reference(analyzer, batches);
  assert.ok(want.some((m) => m.cold) && want.some((m) => m.cues) && want.some((m) => m.emotion), 'the sample exercises every field');

  for (const options of [{}, { review: (items) => reviewItems(reviewer, items) }]) {
    const score = createMessageScorer(analyzer, options);
    const got = [];
    for (const batch of batches) got.push(...await score(batch));
    assert.deepEqual(got, want);
  }
  assert.deepEqual(messages[0], demoMessages(demo)[0], 'the input messages were changed');
});
