// The model path in the wasm build: ONNX Runtime Web vs the C++ reference
// forward pass (parity fixture written by rapport_train), the model's fields
// in results, bad input, and a missing or corrupt model file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ort from '../../wasm/dist/ort/ort.wasm.bundle.min.mjs';

import { api, ROOT } from './helpers.mjs';

const { createAnalyzer, RapportError, ErrorCodes } = api;
const MODEL_PATH = path.join(ROOT, 'models', 'model.onnx');
const META_PATH = path.join(ROOT, 'models', 'model.json');
const fixture = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'golden', 'model_parity.json'), 'utf8'));
const meta = JSON.parse(fs.readFileSync(META_PATH, 'utf8'));
const GROUPS = ['angry', 'frustrated', 'disappointed', 'confused', 'anxious', 'sad', 'grateful', 'happy', 'neutral'];

const analyzer = await createAnalyzer();

test('ONNX Runtime Web agrees with the C++ reference forward pass within 1e-4', async () => {
  // createAnalyzer() above configured ORT's wasm (Node: node_modules bytes).
  const session = await ort.InferenceSession.create(fs.readFileSync(MODEL_PATH));
  const tol = fixture.tolerance;
  assert.ok(tol <= 1e-4);
  for (const c of fixture.cases) {
    const n = c.ids.length;
    const out = await session.run({
      ids: new ort.Tensor('int32', Int32Array.from(c.ids), [1, n]),
      weights: new ort.Tensor('float32', new Float32Array(n).fill(1 / n), [1, n]),
      dense: new ort.Tensor('float32', Float32Array.from(c.dense), [1, c.dense.length]),
    });
    c.emotions.forEach((p, k) => assert.ok(Math.abs(out.emotions.data[k] - p) <= tol,
      `"${c.text}": emotion ${meta.labels[k]} ORT ${out.emotions.data[k]} vs C++ ${p}`));
    c.sentiment.forEach((p, k) => assert.ok(Math.abs(out.sentiment.data[k] - p) <= tol,
      `"${c.text}": sentiment ${k} ORT ${out.sentiment.data[k]} vs C++ ${p}`));
  }
  await session.release();
});

test('padding in a batch does not change a message\'s probabilities', async () => {
  const session = await ort.InferenceSession.create(fs.readFileSync(MODEL_PATH));
  const [a, b] = [fixture.cases[3], fixture.cases[2]];
  const width = Math.max(a.ids.length, b.ids.length);
  const ids = new Int32Array(2 * width);
  const weights = new Float32Array(2 * width);
  [a, b].forEach((c, i) => {
    ids.set(c.ids, i * width);
    weights.fill(1 / c.ids.length, i * width, i * width + c.ids.length);
  });
  const out = await session.run({
    ids: new ort.Tensor('int32', ids, [2, width]),
    weights: new ort.Tensor('float32', weights, [2, width]),
    dense: new ort.Tensor('float32', Float32Array.from([...a.dense, ...b.dense]), [2, a.dense.length]),
  });
  a.sentiment.forEach((p, k) => assert.ok(Math.abs(out.sentiment.data[k] - p) <= 1e-4));
  b.sentiment.forEach((p, k) => assert.ok(Math.abs(out.sentiment.data[3 + k] - p) <= 1e-4));
  await session.release();
});

test('createAnalyzer() uses the model by default; results carry its fields', async () => {
  assert.equal(analyzer.source, 'model+lexicon');
  const r = await analyzer.analyze('This is the third time I ask. I am furious, where is my refund?');
  assert.equal(r.source, 'model+lexicon');
  assert.deepEqual(Object.keys(r.emotions), meta.labels);
  assert.deepEqual(Object.keys(r.emotionGroups), GROUPS);
  for (const v of [...Object.values(r.emotions), ...Object.values(r.emotionGroups)]) {
    assert.ok(v >= 0 && v <= 1);
  }
  assert.ok(Array.isArray(r.detectedEmotions));
  for (const l of r.detectedEmotions) assert.ok(meta.labels.includes(l));
  assert.ok(GROUPS.includes(r.primaryEmotion));
  const s = r.sentiment;
  assert.ok(Math.abs(s.positive + s.negative + s.neutral - 1) < 1e-3);
  // Label and score follow the public contract's bands.
  if (s.label === 'positive') assert.ok(s.score >= 0.05);
  if (s.label === 'negative') assert.ok(s.score <= -0.05);
  if (s.label === 'neutral') assert.ok(Math.abs(s.score) < 0.05);
});

test('clear cases come out right on the model path', async () => {
  const thanks = await analyzer.analyze('Thank you so much, that fixed it! You are the best.');
  assert.equal(thanks.sentiment.label, 'positive');
  assert.equal(thanks.primaryEmotion, 'grateful');
  const angry = await analyzer.analyze('This is unacceptable. I am so angry and disgusted with your service.');
  assert.equal(angry.sentiment.label, 'negative');
  assert.ok(['angry', 'frustrated', 'disappointed'].includes(angry.primaryEmotion), angry.primaryEmotion);
});

test('analyzeBatch on the model path equals analyze one by one', async () => {
  const texts = fixture.cases.map((c) => c.text);
  const batch = await analyzer.analyzeBatch(texts);
  assert.equal(batch.length, texts.length);
  for (let i = 0; i < texts.length; i++) {
    assert.deepEqual(batch[i], await analyzer.analyze(texts[i]), `"${texts[i]}"`);
  }
  // More texts than one ORT chunk (256), mixed lengths.
  const many = Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? 'ok ' : 'so angry at this ').repeat(1 + (i % 13)));
  const results = await analyzer.analyzeBatch(many);
  assert.equal(results.length, 600);
  assert.deepEqual(results[599], await analyzer.analyze(many[599]));
  assert.deepEqual(await analyzer.analyzeBatch([]), []);
});

test('concurrent calls on the model path do not mix up their batches', async () => {
  const texts = fixture.cases.map((c) => c.text);
  const sequential = [];
  for (const t of texts) sequential.push(await analyzer.analyze(t));
  const [together, batch] = await Promise.all([
    Promise.all(texts.map((t) => analyzer.analyze(t))),
    analyzer.analyzeBatch(texts),
  ]);
  assert.deepEqual(together, sequential);
  assert.deepEqual(batch, sequential);
});

test('bad input on the model path: empty, lone surrogates, NUL, 1 MB, deep repetition', async () => {
  const empty = await analyzer.analyze('');
  assert.equal(empty.sentiment.label, 'neutral');
  assert.equal(empty.primaryEmotion, 'neutral');
  assert.equal((await analyzer.analyze(' \n\t ')).sentiment.label, 'neutral');
  const lone = await analyzer.analyze('bad \ud800 and \udc00\ud800 angry');
  assert.equal(lone.invalidUtf8, false);  // TextEncoder already made them U+FFFD
  assert.ok(['negative', 'neutral', 'positive'].includes(lone.sentiment.label));
  await analyzer.analyze('a\u0000b\u0000 terrible');
  const huge = await analyzer.analyze('I am upset. '.repeat(90000));
  assert.equal(huge.truncated, true);
  assert.equal(huge.source, 'model+lexicon');
  const bangs = await analyzer.analyze('!'.repeat(100000));
  assert.equal(bangs.truncated, true);
});

function tempModelDir(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-model-'));
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), bytes);
  return dir;
}

async function rejectsWithModelLoad(options, pattern) {
  await assert.rejects(createAnalyzer({ model: options }), (error) => {
    assert.ok(error instanceof RapportError);
    assert.equal(error.code, ErrorCodes.MODEL_LOAD);
    assert.match(error.message, pattern);
    return true;
  });
}

test('a missing model file is a clear error naming it; lexicon-only still works', async () => {
  const missing = pathToFileURL(path.join(os.tmpdir(), 'no-such-dir', 'model.onnx'));
  await rejectsWithModelLoad({ modelUrl: missing }, /could not read the model file .*no-such-dir\/model\.onnx/);
  await rejectsWithModelLoad({ metaUrl: new URL('missing.json', missing) },
    /could not read the model metadata file .*no-such-dir\/missing\.json/);
  const lexicon = await createAnalyzer({ model: false });
  assert.equal(lexicon.source, 'lexicon');
  const r = await lexicon.analyze('thanks for nothing');
  assert.equal(r.source, 'lexicon');
  assert.equal(r.sentiment.label, 'negative');
  lexicon.dispose();
});

test('a corrupt model file or model.json is a clear error naming it', async () => {
  const good = fs.readFileSync(MODEL_PATH);
  const flipped = Buffer.from(good);
  flipped[flipped.length >> 1] ^= 0xff;
  let dir = tempModelDir({ 'model.onnx': flipped });
  await rejectsWithModelLoad({ modelUrl: pathToFileURL(path.join(dir, 'model.onnx')) },
    /the model file .*model\.onnx is corrupt: its SHA-256 does not match model\.json/);
  dir = tempModelDir({ 'model.onnx': good.subarray(0, 1000) });
  await rejectsWithModelLoad({ modelUrl: pathToFileURL(path.join(dir, 'model.onnx')) },
    /model\.onnx is corrupt: 1000 bytes, model\.json says \d+/);
  // Garbage that passes the metadata checks still fails in ONNX Runtime.
  const garbage = Buffer.alloc(64, 7);
  const lax = { ...meta, fileBytes: 64, fileSha256: undefined };
  await rejectsWithModelLoad({ modelBytes: garbage, meta: lax },
    /ONNX Runtime could not load the model bytes given in options\.model\.modelBytes/);
  dir = tempModelDir({ 'model.json': '{"thresholds": ' });
  await rejectsWithModelLoad({ metaUrl: pathToFileURL(path.join(dir, 'model.json')) },
    /the model metadata \(model\.json\) is not valid JSON/);
  await rejectsWithModelLoad({ meta: { ...meta, features: { ...meta.features, hash: 'md5' } } },
    /does not fit this engine: model\.json: features\.hash is not fnv1a64\+splitmix64/);
  await assert.rejects(createAnalyzer({ model: { nope: 1 } }), { code: ErrorCodes.OPTIONS });
});
