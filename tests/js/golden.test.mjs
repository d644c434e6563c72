// Golden fixtures (shared with the native GoogleTest checker) against the
// built wasm module through the public API, on BOTH analysis paths: the
// lexicon path ({ model: false }) and the default path (the model fused with
// the rules). What the rules decide (negation, contrast, sarcasm, service
// failures, cues, evidence) must survive the model, so every case holds on
// both. One subtest per case and path; the assertion message names the field.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api, caseText, loadGolden } from './helpers.mjs';
import { checkCase, spanFailures } from './golden-check.mjs';

const cases = loadGolden();

const PATHS = [
  { name: 'lexicon path', options: { model: false }, source: 'lexicon' },
  { name: 'default path (model + lexicon)', options: {}, source: 'model+lexicon' },
];

for (const path of PATHS) {
  test(`golden fixtures: analyze(), ${path.name}`, async (t) => {
    assert.ok(cases.length > 0, 'no golden cases');
    const analyzer = await api.createAnalyzer(path.options);
    assert.equal(analyzer.source, path.source, 'the analyzer runs the path this test names');
    for (const c of cases) {
      await t.test(c.name, async () => {
        const text = caseText(c);
        const r = await analyzer.analyze(text);
        const fails = [...checkCase(c.expect ?? {}, r)];
        // Lone surrogates become U+FFFD in TextEncoder, so .slice() can differ there.
        if (!/[\uD800-\uDFFF]/.test(text)) fails.push(...spanFailures(text, r));
        assert.deepEqual(fails, [], `case "${c.name}" (${path.name}): ${fails.join('; ')}`);
      });
    }
    analyzer.dispose();
  });
}

test('golden fixtures: analyzeBatch() gives the same results as analyze()', async () => {
  const analyzer = await api.createAnalyzer({ model: false });
  const texts = cases.map(caseText);
  const batch = await analyzer.analyzeBatch(texts);
  assert.equal(batch.length, texts.length);
  for (let i = 0; i < texts.length; i++) {
    assert.deepEqual(batch[i], await analyzer.analyze(texts[i]), `case "${cases[i].name}"`);
  }
  analyzer.dispose();
});
