// Regression tests for the five contract bugs a hostile-input probe of the JS
// API found (issue 8, "Defects found by a hostile-input probe"), one test each.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api } from './helpers.mjs';

const { createAnalyzer, RapportError } = api;

const isCode = (code) => (e) => e instanceof RapportError && e.code === code;

test('1. an item whose getter changes type is read once; an input error never poisons the engine', async () => {
  const a = await createAnalyzer({ model: false });
  let reads = 0;
  const arr = ['first'];
  Object.defineProperty(arr, 1, { get() { return reads++ < 1 ? 'ok' : 42; }, enumerable: true });
  const results = await a.analyzeBatch(arr);
  assert.equal(results.length, 2);
  assert.equal(reads, 1, 'the item was read once');
  // Once the getter gives a number, it is refused as input, and only that call fails.
  await assert.rejects(a.analyzeBatch(arr), (e) => isCode('RAPPORT_E_INPUT_TYPE')(e) &&
    e.message === 'analyzeBatch() expects an array of strings; item 1 is number');
  // A proxy that answers differently on every read gets the same treatment.
  let flips = 0;
  const proxy = new Proxy(['a', 'b', 'c'], { get: (t, k) => (k === '2' ? (flips++ % 2 ? 7 : 'c') : t[k]) });
  assert.equal((await a.analyzeBatch(proxy)).length, 3);
  assert.equal((await a.analyze('thanks, great help')).sentiment.label, 'positive');
  assert.equal((await a.analyzeBatch(['still fine'])).length, 1);
  a.dispose();
});

test('2. loadRulePack(object) reports what JSON.stringify refuses as RAPPORT_E_RULE_PACK; the pack stays', async () => {
  const a = await createAnalyzer({ model: false });
  const before = a.exportRulePack();
  let deep = {};
  for (let i = 0; i < 5000; i++) deep = { rules: deep };
  for (let i = 0; i < 20000; i++) deep = { x: deep };  // past the stack of JSON.stringify
  const circular = { schema: 'rapport-rules/1', name: 'loop' };
  circular.self = circular;
  const getter = { schema: 'rapport-rules/1', get name() { throw new Error('getter says no'); } };
  const cases = [
    [deep, /nested too deeply/],
    [{ schema: 'rapport-rules/1', name: 'big', version: 10n }, /BigInt/],
    [circular, /circular/i],
    [getter, /getter says no/],
    [{ toJSON: () => undefined }, /serializes to nothing/],
  ];
  for (const [pack, reason] of cases) {
    assert.throws(() => a.loadRulePack(pack), (e) => {
      assert.ok(e instanceof RapportError, `not a RapportError: ${e}`);
      assert.equal(e.code, 'RAPPORT_E_RULE_PACK');
      assert.match(e.message, /^invalid rule pack: \/: the pack object cannot be read as JSON: /);
      assert.match(e.message, reason);
      assert.deepEqual(e.details.map((d) => [d.path, d.code]), [['', 'not_serializable']]);
      return true;
    });
  }
  assert.equal(a.exportRulePack(), before);
  a.dispose();
});

test('3. dispose() while a model-path call is pending rejects it with RAPPORT_E_DISPOSED', async () => {
  const texts = Array.from({ length: 3000 }, (_, i) => `Order ${i} is late again and I am really upset about it`);
  const disposedNow = (e) => isCode('RAPPORT_E_DISPOSED')(e) &&
    e.message === 'this analyzer was disposed; create a new one with createAnalyzer()';
  // Dispose at several points of the pipeline: before it starts, between
  // features and ONNX Runtime, inside ORT's run, a macrotask later. A call
  // either finished before dispose() (its results are whole) or rejects with
  // DISPOSED; never INTERNAL, never a poisoned engine.
  const waits = { sync: 0, microtask: 1, microtasks: 4, deeper: 20, immediate: 'immediate' };
  let rejected = 0;
  for (const [name, wait] of Object.entries(waits)) {
    const a = await createAnalyzer();
    assert.equal(a.source, 'model+lexicon');
    const calls = [a.analyzeBatch(texts), a.analyzeBatch(texts.slice(0, 10))];  // the second waits behind
    if (wait === 'immediate') await new Promise((r) => setImmediate(r));
    else for (let i = 0; i < wait; i++) await Promise.resolve();
    a.dispose();
    for (const [i, outcome] of (await Promise.allSettled(calls)).entries()) {
      if (outcome.status === 'fulfilled') {
        assert.equal(outcome.value.length, i === 0 ? 3000 : 10, name);
      } else {
        assert.ok(disposedNow(outcome.reason), `${name}: ${outcome.reason?.code} ${outcome.reason?.message}`);
        rejected++;
      }
    }
    if (wait === 0) assert.equal(rejected, 2, 'disposed before either call ran: both reject');
    await assert.rejects(a.analyze('hi'), disposedNow);
  }
  assert.ok(rejected >= 3, `only ${rejected} calls were caught pending`);
});

test('4. a span\'s text is exactly the caller\'s text at its offsets (NUL, lone surrogates)', async () => {
  const lexicon = await createAnalyzer({ model: false });
  const model = await createAnalyzer();
  const texts = ['cancel\0my subscription NOW, this is terrible!!!', 'refund \uD800 me asap, \uDC00 awful \0 service',
    'I want a refund\0\0\0 immediately, third time asking'];
  for (const a of [lexicon, model]) {
    const results = await a.analyzeBatch(texts);
    let spans = 0;
    results.forEach((r, i) => {
      for (const s of [...r.cues.flatMap((c) => c.spans), ...r.evidence]) {
        assert.equal(s.text, texts[i].slice(s.start, s.end), `${a.source}: ${JSON.stringify(s)}`);
        spans++;
      }
    });
    assert.ok(spans > 5, `${a.source}: only ${spans} spans checked`);
  }
  const draft = 'Calm \uD800 down. Calm\0down, as I said\uDC00 before.';
  for (const r of [await lexicon.reviewDraft(draft), await lexicon.createReviewSession().review(draft)]) {
    assert.ok(r.suggestions.length >= 2);
    for (const s of r.suggestions) assert.equal(s.text, draft.slice(s.start, s.end));
    for (const reason of r.scoreParts.flatMap((p) => p.reasons).filter((x) => x.start !== undefined)) {
      assert.equal(reason.text, draft.slice(reason.start, reason.end));
    }
  }
  lexicon.dispose();
  model.dispose();
});

test('5. after dispose() every call is RAPPORT_E_DISPOSED, whatever its arguments', async () => {
  for (const options of [{ model: false }, undefined]) {
    const a = await createAnalyzer(options);
    a.dispose();
    for (const call of [() => a.analyze(5), () => a.analyze('ok'), () => a.analyzeBatch(new Array(20000)),
      () => a.analyzeBatch('not an array'), () => a.analyzeBatch([1, 2]), () => a.reviewDraft(5),
      () => a.reviewDraft('x', { nope: 1 })]) {
      await assert.rejects(call(), isCode('RAPPORT_E_DISPOSED'), String(call));
    }
    for (const call of [() => a.loadRulePack(42), () => a.createReviewSession(5), () => a.exportRulePack()]) {
      assert.throws(call, isCode('RAPPORT_E_DISPOSED'), String(call));
    }
  }
});
