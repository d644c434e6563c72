// The public API contract (DESIGN.md, shared/api/README.md) in Node 20: the
// exports, the analyzer's members, the result shape of the shared JSON
// contract, batch == singles, and dispose.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, ROOT } from './helpers.mjs';
import { shapeFailures, EMOTIONS } from './shape.mjs';

test('package exports', () => {
  assert.deepEqual(Object.keys(api).sort(),
    ['ErrorCodes', 'RapportError', 'createAnalytics', 'createAnalyzer', 'createContext', 'createScorer', 'feltEmotion',
      'version']);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(api.version, pkg.version);
  assert.equal(pkg.exports['.'].default, './shared/api/index.js');
  assert.equal(pkg.exports['.'].types, './shared/api/index.d.ts');
});

test('analyzer members, limits and emotion labels', async () => {
  const a = await api.createAnalyzer({ model: false });
  for (const m of ['analyze', 'analyzeBatch', 'dispose', 'memoryStats']) assert.equal(typeof a[m], 'function', m);
  assert.equal(a.version, api.version);
  assert.equal(a.source, 'lexicon');
  assert.deepEqual(a.emotionLabels, EMOTIONS);
  assert.deepEqual({ ...a.limits }, { maxBatchSize: 10000, maxAnalyzedBytes: 65536, maxBatchUnits: 16777216 });
  assert.ok(a.memoryStats().wasmHeapBytes >= 16 << 20);
  a.dispose();
  assert.deepEqual(a.memoryStats(), { wasmHeapBytes: 0, wasmBreakBytes: 0, reviewSessions: 0 });
});

test('a support message: label, cues with spans, evidence, priority', async () => {
  const a = await api.createAnalyzer({ model: false });
  const text = "This is the third time I'm asking. My order still hasn't arrived and I need it ASAP, or I'm cancelling my account!";
  const r = await a.analyze(text);
  assert.deepEqual(shapeFailures(r), []);
  assert.equal(r.sentiment.label, 'negative');
  const ids = r.cues.map((c) => c.id);
  for (const id of ['urgency', 'churn_risk', 'repeat_contact']) assert.ok(ids.includes(id), `${id} in ${ids}`);
  for (const c of r.cues) for (const s of c.spans) assert.equal(text.slice(s.start, s.end), s.text);
  assert.ok(r.evidence.length > 0);
  assert.ok(['high', 'urgent'].includes(r.priorityLevel), r.priorityLevel);
  assert.equal(r.source, 'lexicon');
  const thanks = await a.analyze('Thank you so much, that fixed it! 😊');
  assert.deepEqual(shapeFailures(thanks), []);
  assert.equal(thanks.sentiment.label, 'positive');
  assert.ok(thanks.cues.some((c) => c.id === 'gratitude'));
  assert.ok(thanks.priority < r.priority);
  a.dispose();
});

test('UTF-16 offsets around astral characters', async () => {
  const a = await api.createAnalyzer({ model: false });
  const text = '😡😡 𝓗𝓲 I am so angry, this is terrible 💔';
  const r = await a.analyze(text);
  const terrible = r.evidence.find((e) => e.text === 'terrible');
  assert.ok(terrible, JSON.stringify(r.evidence));
  assert.equal(terrible.start, text.indexOf('terrible'));
  for (const e of r.evidence) assert.equal(text.slice(e.start, e.end), e.text);
  a.dispose();
});

test('analyzeBatch equals analyze one by one, in order, with empty batches', async () => {
  const a = await api.createAnalyzer({ model: false });
  const texts = ['I love it', '', 'worst service ever!!!', '   ', 'Where is my refund?', 'ok', 'NOT happy 😠'];
  const batch = await a.analyzeBatch(texts);
  assert.equal(batch.length, texts.length);
  for (let i = 0; i < texts.length; i++) assert.deepEqual(batch[i], await a.analyze(texts[i]), texts[i]);
  assert.deepEqual(await a.analyzeBatch([]), []);
  a.dispose();
});

test('analyzers are independent; dispose of one leaves the other working', async () => {
  const [a, b] = await Promise.all([api.createAnalyzer({ model: false }), api.createAnalyzer()]);
  a.dispose();
  assert.equal((await b.analyze('awful, just awful')).sentiment.label, 'negative');
  b.dispose();
});

test('analyzeBatch crosses into wasm once per batch, analyze once per text', async () => {
  const { loadEngine } = await import('../../shared/api/engine.js');
  const { CoreSession } = await import('../../shared/api/core-session.js');
  const { buildAnalyzer } = await import('../../shared/api/analyzer.js');
  const session = new CoreSession(await loadEngine({}));
  let crossings = 0;
  const engine = session.engine;
  const real = engine.analyzeEncodedBatch.bind(engine);
  engine.analyzeEncodedBatch = (...args) => { crossings++; return real(...args); };
  const a = buildAnalyzer(session, null, api.version);
  const texts = Array.from({ length: 500 }, (_, i) => `message ${i}: where is my order?? 😡`);
  const results = await a.analyzeBatch(texts);
  assert.equal(crossings, 1);
  assert.equal(results.length, 500);
  await a.analyze('one more');
  assert.equal(crossings, 2);
  a.dispose();
});
