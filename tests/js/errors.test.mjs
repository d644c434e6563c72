// Every error code of shared/api/ERRORS.md, asserted in full: class, name,
// code and exact message. Rejections only: nothing throws synchronously.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, ROOT, WASM_PATH } from './helpers.mjs';
import { CoreSession } from '../../shared/api/core-session.js';
import { buildAnalyzer } from '../../shared/api/analyzer.js';

const { createAnalyzer, RapportError, ErrorCodes } = api;

function expectError(code, message) {
  return (error) => {
    assert.ok(error instanceof RapportError, `not a RapportError: ${error}`);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'RapportError');
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    return true;
  };
}

test('ErrorCodes lists exactly the codes documented in ERRORS.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'shared', 'api', 'ERRORS.md'), 'utf8');
  const documented = [...new Set(doc.match(/RAPPORT_E_[A-Z_]+/g))].sort();
  assert.deepEqual(Object.values(ErrorCodes).sort(), documented);
  for (const [key, code] of Object.entries(ErrorCodes)) assert.equal(code, `RAPPORT_E_${key}`);
});

test('RAPPORT_E_INPUT_TYPE', async () => {
  const a = await createAnalyzer({ model: false });
  const cases = [[undefined, 'undefined'], [null, 'null'], [42, 'number'], [{}, 'object'],
    [['x'], 'array'], [Symbol('s'), 'symbol'], [10n, 'bigint'], [new String('x'), 'object']];
  for (const [value, type] of cases) {
    await assert.rejects(a.analyze(value),
      expectError('RAPPORT_E_INPUT_TYPE', `analyze() expects a string, got ${type}`));
  }
  await assert.rejects(a.analyzeBatch('text'),
    expectError('RAPPORT_E_INPUT_TYPE', 'analyzeBatch() expects an array of strings, got string'));
  await assert.rejects(a.analyzeBatch(null),
    expectError('RAPPORT_E_INPUT_TYPE', 'analyzeBatch() expects an array of strings, got null'));
  await assert.rejects(a.analyzeBatch(['ok', 'fine', 7]),
    expectError('RAPPORT_E_INPUT_TYPE', 'analyzeBatch() expects an array of strings; item 2 is number'));
  // A bad call leaves the analyzer usable.
  assert.equal((await a.analyze('great, thanks')).sentiment.label, 'positive');
  a.dispose();
});

test('RAPPORT_E_TOO_MANY', async () => {
  const a = await createAnalyzer({ model: false });
  await assert.rejects(a.analyzeBatch(new Array(10001).fill('hi')),
    expectError('RAPPORT_E_TOO_MANY', 'analyzeBatch() takes at most 10000 texts per call, got 10001; split the batch'));
  assert.equal((await a.analyzeBatch(new Array(10000).fill('hi'))).length, 10000);
  a.dispose();
});

test('RAPPORT_E_TOO_LARGE', async () => {
  const a = await createAnalyzer({ model: false });
  const big = 'x'.repeat(70000);  // counted as 65537 units each
  await assert.rejects(a.analyzeBatch(new Array(257).fill(big)),
    expectError('RAPPORT_E_TOO_LARGE', 'analyzeBatch() input is too large: 16843009 UTF-16 code units ' +
      '(each text counted up to 65537), limit 16777216; split the batch'));
  a.dispose();
});

test('RAPPORT_E_DISPOSED', async () => {
  const a = await createAnalyzer({ model: false });
  a.dispose();
  a.dispose();  // idempotent
  assert.equal(a.disposed, true);
  const message = 'this analyzer was disposed; create a new one with createAnalyzer()';
  await assert.rejects(a.analyze('hello'), expectError('RAPPORT_E_DISPOSED', message));
  await assert.rejects(a.analyzeBatch(['hello']), expectError('RAPPORT_E_DISPOSED', message));
});

test('RAPPORT_E_OPTIONS', async () => {
  const known = '(known: model, assetBase, wasmUrl, wasmBinary, wasmModule)';
  const cases = [
    ['nope', "createAnalyzer() options must be an object, got string"],
    [null, 'createAnalyzer() options must be an object, got null'],
    [[], 'createAnalyzer() options must be an object, got array'],
    [{ modle: false }, `unknown option 'modle' ${known}`],
    [{ model: 'yes' }, "option 'model' must be a boolean or a model object, got string"],
    [{ model: null }, "option 'model' must be a boolean or a model object, got null"],
    [{ wasmModule: new Uint8Array(4) }, "option 'wasmModule' must be a WebAssembly.Module, got object"],
    [{ wasmBinary: 'bytes' }, "option 'wasmBinary' must be an ArrayBuffer or a typed array, got string"],
    [{ wasmUrl: 5 }, "option 'wasmUrl' must be a URL or a string, got number"],
  ];
  for (const [options, message] of cases) {
    await assert.rejects(createAnalyzer(options), expectError('RAPPORT_E_OPTIONS', message));
  }
});

test('RAPPORT_E_ENGINE_LOAD keeps the cause', async () => {
  const message = 'could not load the Rapport wasm engine';
  await assert.rejects(createAnalyzer({ wasmBinary: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]) }),
    (e) => expectError('RAPPORT_E_ENGINE_LOAD', message)(e) && e.cause instanceof WebAssembly.CompileError);
  await assert.rejects(createAnalyzer({ wasmUrl: new URL('file:///nonexistent/rapport.wasm') }),
    (e) => expectError('RAPPORT_E_ENGINE_LOAD', message)(e) && e.cause.code === 'ENOENT');
  // A module that compiles but lacks the engine's exports fails at instantiation.
  const empty = new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  await assert.rejects(createAnalyzer({ wasmModule: empty }), expectError('RAPPORT_E_ENGINE_LOAD', message));
  // The real bytes passed explicitly work.
  const ok = await createAnalyzer({ wasmBinary: fs.readFileSync(WASM_PATH), model: false });
  assert.equal((await ok.analyze('thank you')).sentiment.label, 'positive');
  ok.dispose();
});

// OUT_OF_MEMORY and INTERNAL need a failing engine; a real core instance with
// one function replaced stands in for the failure (the JS wrapper is what's
// tested): `core` overrides go on the module, `engine` ones on the session's
// Engine (the binding's per-analyzer object).
async function sessionWith({ core: coreOverrides = {}, engine: engineOverrides } = {}) {
  const { loadEngine } = await import('../../shared/api/engine.js');
  const core = await loadEngine({});
  const session = new CoreSession(Object.assign(Object.create(core), coreOverrides));
  if (engineOverrides) Object.assign(session.engine, engineOverrides(session));
  return session;
}

// A reply string placed in wasm memory, as the binding leaves its replies.
function replyIn(session, text) {
  const { core } = session;
  const bytes = new TextEncoder().encode(text);
  const address = core._malloc(bytes.length + 1);
  core.HEAPU8.set(bytes, address);
  new Uint32Array(core.HEAPU8.buffer, session.replyLengthAddress, 1)[0] = bytes.length;
  return address;
}

test('RAPPORT_E_OUT_OF_MEMORY', async () => {
  const session = await sessionWith({ core: { _malloc: () => 0 } });
  assert.throws(() => session.analyzeJson(['hello']),
    expectError('RAPPORT_E_OUT_OF_MEMORY', 'the wasm engine could not allocate 4096 bytes for this batch'));
});

test('RAPPORT_E_INTERNAL', async () => {
  // The binding's own guard, reached directly: a null buffer.
  const session = await sessionWith();
  const reply = (...args) => JSON.parse(session.readReply(session.engine.analyzeEncodedBatch(...args)));
  assert.deepEqual(reply(0, 0, 1), { error: {
    code: 'RAPPORT_E_INTERNAL', message: 'the wasm engine was called with a null buffer' } });
  assert.deepEqual(reply(8, 8, 10001), { error: { code: 'RAPPORT_E_TOO_MANY',
    message: 'analyzeBatch() takes at most 10000 texts per call, got 10001; split the batch' } });
});

test('RAPPORT_E_INTERNAL through the API: trap, then refusal; malformed result', async () => {
  const trap = new WebAssembly.RuntimeError('unreachable');
  const trapping = buildAnalyzer(await sessionWith({
    engine: () => ({ analyzeEncodedBatch: () => { throw trap; } }) }), null, 'test');
  await assert.rejects(trapping.analyze('hi'), (e) =>
    expectError('RAPPORT_E_INTERNAL', 'the wasm engine failed while analyzing')(e) && e.cause === trap);
  await assert.rejects(trapping.analyzeBatch(['hi']), (e) =>
    expectError('RAPPORT_E_INTERNAL', 'the wasm engine failed earlier and cannot be used')(e) && e.cause === trap);

  for (const reply of ['not json', '{}', '[]', '{"error":{}}']) {
    const session = await sessionWith({ engine: (s) => {
      const address = replyIn(s, reply);
      return { analyzeEncodedBatch: () => address };
    } });
    const odd = buildAnalyzer(session, null, 'test');
    await assert.rejects(odd.analyze('hi'),
      expectError('RAPPORT_E_INTERNAL', 'the wasm engine returned an unexpected result'), reply);
  }
});

test('RAPPORT_E_MODEL_LOAD and model options (the model path, shared/api/model.js)', async () => {
  await assert.rejects(createAnalyzer({ model: { metaUrl: 'file:///nonexistent/model.json' } }),
    expectError('RAPPORT_E_MODEL_LOAD', 'could not read the model metadata file file:///nonexistent/model.json: ' +
      "ENOENT: no such file or directory, open '/nonexistent/model.json'"));
  await assert.rejects(createAnalyzer({ model: { modelUrl: 'file:///nonexistent/model.onnx' } }),
    expectError('RAPPORT_E_MODEL_LOAD', 'could not read the model file file:///nonexistent/model.onnx: ' +
      "ENOENT: no such file or directory, open '/nonexistent/model.onnx'"));
  await assert.rejects(createAnalyzer({ model: { bogus: 1 } }), expectError('RAPPORT_E_OPTIONS',
    "unknown model option 'bogus' (known: modelUrl, modelBytes, metaUrl, meta, ortWasmPaths, ortWasmBinary)"));
  // The default analyzer has the model; model: false never loads it.
  const withModel = await createAnalyzer();
  assert.equal(withModel.source, 'model+lexicon');
  assert.equal((await withModel.analyze('thanks so much!')).source, 'model+lexicon');
  withModel.dispose();
});

test('async methods reject, never throw synchronously', async () => {
  const pending = createAnalyzer('bad');
  assert.ok(pending instanceof Promise);
  await assert.rejects(pending, RapportError);
  const a = await createAnalyzer({ model: false });
  for (const call of [() => a.analyze(1), () => a.analyzeBatch(1), () => a.analyzeBatch(new Array(10001).fill('')),
    () => a.reviewDraft(1)]) {
    const p = call();
    assert.ok(p instanceof Promise);
    await assert.rejects(p, RapportError);
  }
  a.dispose();
  const p = a.analyze('x');
  assert.ok(p instanceof Promise);
  await assert.rejects(p, { code: 'RAPPORT_E_DISPOSED' });
});
