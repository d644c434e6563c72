// Memory stays flat over 100,000 analyze() calls: after a warm-up, neither the
// wasm linear memory nor the allocator's break may grow (a leak of even a few
// bytes per call would move the break by hundreds of KB), and process RSS stays
// bounded. Calls are awaited in groups so the test runs in a few seconds.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { api } from './helpers.mjs';

// Runs `body` in a child Node that can force GC (--expose-gc), with the API's
// internals (loadEngine, CoreSession, buildAnalyzer) in scope; `body` prints
// one JSON line, which is returned parsed.
function runWithGc(body) {
  const apiDir = new URL('../../shared/api/', import.meta.url).href;
  const script = `
    const { loadEngine } = await import('${apiDir}engine.js');
    const { CoreSession } = await import('${apiDir}core-session.js');
    const { buildAnalyzer } = await import('${apiDir}analyzer.js');
    const { attachReview } = await import('${apiDir}review.js');
    ${body}`;
  return JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script],
    { encoding: 'utf8' }));
}

const TEXTS = [
  "This is the third time I'm asking, where is my refund?? I'm cancelling ASAP",
  'Thanks so much, you guys are great 😊',
  'ok', '', 'I am NOT happy with this at all!!!',
  'Mi pedido no ha llegado todavía', 'confused... how do I reset my password?',
  'I will report this to my lawyer and leave a 1-star review', '😡😡😡 '.repeat(20),
];
const HUGE = 'so slow and broken '.repeat(4000);  // 76 KB: the truncated path, once per group

test('100,000 analyze() calls keep wasm memory and RSS flat', async () => {
  const a = await api.createAnalyzer({ model: false });
  const run = async (calls) => {
    for (let done = 0; done < calls; done += 1000) {
      const group = [];
      for (let i = 0; i < 999; i++) group.push(a.analyze(TEXTS[(done + i) % TEXTS.length]));
      group.push(a.analyze(HUGE));
      const results = await Promise.all(group);
      assert.equal(results.length, 1000);
    }
  };
  await run(5000);  // warm-up: allocator pools, scratch buffer, JIT
  const before = a.memoryStats();
  const rssBefore = process.memoryUsage().rss;
  const samples = [];
  for (let round = 0; round < 10; round++) {
    await run(10000);
    samples.push(a.memoryStats());
  }
  const rssGrowth = process.memoryUsage().rss - rssBefore;
  for (const s of samples) {
    assert.equal(s.wasmHeapBytes, before.wasmHeapBytes, `heap grew: ${JSON.stringify(samples)}`);
    assert.equal(s.wasmBreakBytes, before.wasmBreakBytes, `allocator break moved: ${JSON.stringify(samples)}`);
  }
  assert.ok(rssGrowth < 96 << 20, `RSS grew by ${(rssGrowth / 1048576).toFixed(1)} MB`);
  a.dispose();
});

// dispose() must let the instance and its linear memory go even while the
// caller still holds the analyzer object: checked with a WeakRef to the wasm
// memory in a child process that can force GC.
test('dispose() releases the wasm instance while the analyzer object lives on', async () => {
  const out = runWithGc(`
    async function make() {
      const core = await loadEngine({});
      const session = new CoreSession(core);
      const analyzer = attachReview(buildAnalyzer(session, null, 'test'), session);
      await analyzer.analyze('hello, where is my order?');
      // Review state too: the one-shot's session and an open one hold binding handles.
      await analyzer.reviewDraft('Calm down.', { customerText: 'Where is my order?' });
      const conversation = analyzer.createReviewSession({ customerText: 'Late again!' });
      await conversation.review('Sorry about that.');
      return { analyzer, conversation, memory: new WeakRef(core.HEAPU8.buffer) };
    }
    const kept = await make();
    const disposed = await make();
    disposed.analyzer.dispose();
    for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 20)); }
    console.log(JSON.stringify({ kept: Boolean(kept.memory.deref()), disposed: Boolean(disposed.memory.deref()),
      alive: [kept.analyzer, disposed.analyzer, kept.conversation, disposed.conversation].length }));`);
  assert.deepEqual(out, { kept: true, disposed: false, alive: 4 });
});

// A model owns memory outside the wasm instance (ONNX Runtime's session): an
// analyzer dropped without dispose() must still release it once collected.
test('GC releases the model of an analyzer dropped without dispose()', async () => {
  const out = runWithGc(`
    const released = [];
    async function make(name) {
      const session = new CoreSession(await loadEngine({}));
      const model = { analyzeObjects: async (texts) => session.analyzeObjects(texts), dispose: () => released.push(name) };
      const analyzer = buildAnalyzer(session, model, 'test');
      await analyzer.analyze('hello');
      return analyzer;
    }
    const kept = await make('kept');
    await make('dropped');
    const disposed = await make('disposed');
    disposed.dispose();
    for (let i = 0; i < 10 && !released.includes('dropped'); i++) {
      globalThis.gc();
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log(JSON.stringify({ released: released.sort(), alive: [kept, disposed].length }));`);
  // 'disposed' once (by dispose, not again by GC), 'dropped' by GC, 'kept' never.
  assert.deepEqual(out, { released: ['disposed', 'dropped'], alive: 2 });
});
