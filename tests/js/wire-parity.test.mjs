// The compact batch transport (wasm/core/output/assessment_wire.h, shared/api/wire.js)
// must give exactly the objects of the public JSON the core writes
// (append_assessment_json): same keys in the same order, same numbers, same
// strings. Compared through JSON.stringify, which sees key order too.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, caseText, loadGolden } from './helpers.mjs';
import { loadEngine } from '../../shared/api/engine.js';
import { CoreSession } from '../../shared/api/core-session.js';
import { loadModel } from '../../shared/api/model.js';

// The reference: the core's public JSON for the same texts, same encoding,
// except that the public objects' span texts are always the caller's own text
// at the offsets (the core's JSON has them from its sanitized copy: NUL read
// as a space, a lone surrogate as U+FFFD).
function withInputSpans(results, texts) {
  results.forEach((r, i) => {
    for (const s of [...r.cues.flatMap((c) => c.spans), ...r.evidence]) s.text = texts[i].slice(s.start, s.end);
  });
  return results;
}

function referenceJson(session, texts) {
  return withInputSpans(session.analyzeReferenceJson(texts), texts);
}

function assertSame(session, texts, what) {
  const got = session.analyzeObjects(texts);
  const want = referenceJson(session, texts);
  assert.equal(got.length, texts.length, what);
  for (let i = 0; i < texts.length; i++)
    assert.equal(JSON.stringify(got[i]), JSON.stringify(want[i]), `${what}, text ${i}: ${texts[i].slice(0, 60)}`);
}

const session = new CoreSession(await loadEngine({}));

test('wire transport equals the public JSON: golden fixtures', () => {
  assertSame(session, loadGolden().map(caseText), 'golden');
});

test('wire transport equals the public JSON: real comment texts in batches of 64', () => {
  // A committed sample (tests/fixtures/dev-texts/README.md says where from).
  const file = path.join(ROOT, 'tests', 'fixtures', 'dev-texts', 'goemotions-dev-sample.txt');
  const texts = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
  assert.equal(texts.length, 300);
  for (let i = 0; i < texts.length; i += 64) assertSame(session, texts.slice(i, i + 64), 'dev');
});

test('wire transport equals the public JSON: odd input', () => {
  const texts = [
    '', '   ', 'No problems or complaints', 'thanks for nothing!!! 😡😡 👍🏽 ❤️ 👨‍👩‍👧‍👦',
    'lone \uD800 surrogate and \u0000 NUL', '"quotes" \\ back\\slash \t tab \n newline',
    'Das ist wirklich schlecht, ich will mein Geld zurück', 'これは本当に悪いです',
    'I want a REFUND asap, third time asking, cancel my account or I call my lawyer',
    'a'.repeat(70000), '!'.repeat(100000), 'not happy :( :-))) <3 xD @bob #fail http://x.com/a?b=1',
  ];
  assertSame(session, texts, 'odd');
  assertSame(session, [], 'empty batch');
});

// The model path: the same objects as the core's model JSON (finishModelBatch),
// emotionGroups, detectedEmotions and primaryEmotion included. Each side runs
// the whole pipeline (features, ONNX Runtime, fusion) on the same texts.
const modelSession = new CoreSession(await loadEngine({}));
const runner = await loadModel(modelSession);

async function modelReferenceJson(texts) {
  const p = await runner.probabilities(modelSession.modelFeatures(texts, runner.dense), texts.length);
  return withInputSpans(modelSession.finishModelReferenceJson(texts.length, p.emotions, p.sentiment), texts);
}

test('wire transport equals the public JSON on the model path, model fields included', async () => {
  const texts = [...loadGolden().map(caseText).filter((t) => t.length < 5000),
    'I am furious', 'Thank you so much, you saved my day! 🙏', 'Where is my order #A1234?', ''];
  const got = await runner.analyzeObjects(texts);
  const want = await modelReferenceJson(texts);
  assert.equal(got.length, texts.length);
  assert.ok(got.some((r) => r.detectedEmotions.length > 1), 'some text should have several detected emotions');
  assert.ok(got.some((r) => r.primaryEmotion !== 'neutral'));
  for (let i = 0; i < texts.length; i++) {
    assert.equal(JSON.stringify(got[i]), JSON.stringify(want[i]), `model, text ${i}: ${texts[i].slice(0, 60)}`);
  }
});
