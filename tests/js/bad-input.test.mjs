// Bad input through the wasm build: never a crash, always a well-formed
// result (the native build has the same cases in tests/cpp).
import test from 'node:test';
import assert from 'node:assert/strict';
import { api } from './helpers.mjs';
import { shapeFailures } from './shape.mjs';

const analyzer = await api.createAnalyzer({ model: false });
test.after(() => analyzer.dispose());

async function analyzeOk(text) {
  const r = await analyzer.analyze(text);
  assert.deepEqual(shapeFailures(r), []);
  return r;
}

test('empty and whitespace-only text are neutral with nothing found', async () => {
  for (const text of ['', ' ', '\t\n\r  \u00a0\u2003']) {
    const r = await analyzeOk(text);
    assert.equal(r.sentiment.label, 'neutral', JSON.stringify(text));
    assert.equal(r.sentiment.score, 0);
    assert.deepEqual(r.cues, []);
    assert.deepEqual(r.evidence, []);
    assert.equal(r.truncated, false);
  }
});

test('lone and reversed surrogates become U+FFFD; offsets stay UTF-16', async () => {
  for (const text of ['\uD800 great', 'great \uDC00', 'bad \uDC00\uD800 bad', '\uD83D']) {
    const r = await analyzeOk(text);
    assert.equal(r.invalidUtf8, false, 'TextEncoder already replaced them');
    for (const e of r.evidence) assert.equal(text.slice(e.start, e.end), e.text);
  }
  assert.equal((await analyzeOk('\uD800 great')).sentiment.label, 'positive');
});

test('U+FFFD and NUL inside text', async () => {
  const r = await analyzeOk('terrible\u0000service\u0000\u0000 \uFFFD');
  assert.equal(r.sentiment.label, 'negative');
  // NUL reads as a space, so "terrible service" may match as one phrase.
  const e = r.evidence.find((x) => x.text.startsWith('terrible'));
  assert.ok(e && e.start === 0, JSON.stringify(r.evidence));
  assert.equal((await analyzeOk('\u0000'.repeat(1000))).sentiment.label, 'neutral');
});

test('a 1 MB message is cut, flagged, and analyzed in bounded memory', async () => {
  const line = 'The package never arrived and I am really upset. ';
  const text = line.repeat(Math.ceil((1 << 20) / line.length));
  assert.ok(text.length >= 1 << 20);
  const before = analyzer.memoryStats().wasmHeapBytes;
  const r = await analyzeOk(text);
  assert.equal(r.truncated, true);
  assert.equal(r.sentiment.label, 'negative');
  for (const e of r.evidence) assert.ok(e.end <= 65536, `span ${e.end} beyond the analyzed part`);
  // Bounded: the wasm heap may grow for the 64 KB analysis, never by the 1 MB+ input.
  assert.ok(analyzer.memoryStats().wasmHeapBytes - before <= 16 << 20);
  // Exactly at the limit is not cut; one byte over is.
  assert.equal((await analyzeOk('a'.repeat(65536))).truncated, false);
  assert.equal((await analyzeOk('a'.repeat(65537))).truncated, true);
  // A multi-byte character straddling the cut is dropped whole.
  const r2 = await analyzeOk('a'.repeat(65535) + '€');
  assert.equal(r2.truncated, true);
});

test("100,000 '!' and other deep repetition", async () => {
  const r = await analyzeOk('!'.repeat(100000));
  assert.equal(r.truncated, true);
  assert.equal(r.sentiment.label, 'neutral');
  for (const text of ['?'.repeat(50000), 'great!' + '!'.repeat(60000), '😀'.repeat(30000),
    'a'.repeat(65536), 'no '.repeat(20000) + 'good', '(((((((('.repeat(5000)]) {
    await analyzeOk(text);
  }
  const loud = await analyzeOk('great' + '!'.repeat(1000));
  assert.equal(loud.sentiment.label, 'positive');
  assert.ok(loud.sentiment.score <= 1);
});

test('the same bad inputs in one batch equal their singles', async () => {
  const texts = ['', ' ', '\uD800', '\u0000x', '!'.repeat(100000), 'x'.repeat(70000) + ' awful'];
  const batch = await analyzer.analyzeBatch(texts);
  for (let i = 0; i < texts.length; i++) assert.deepEqual(batch[i], await analyzer.analyze(texts[i]), `item ${i}`);
});
