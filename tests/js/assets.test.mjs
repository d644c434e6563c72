// One base for every engine file (shared/api/assets.js): the files a host
// copies are the ones the engine loads, from where the host put them.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROOT, API_URL } from './helpers.mjs';
import { engineAssetFiles, engineAssetUrls } from '../../shared/api/assets.js';

test('engineAssetFiles() lists the package files a host copies, each present', () => {
  const files = engineAssetFiles();
  assert.deepEqual(files.map((f) => f.to),
    ['rapport_core.wasm', 'ort/ort-wasm-simd-threaded.wasm', 'model/model.onnx', 'model/model.json', 'ort/NOTICE.txt']);
  for (const f of files) {
    assert.equal(fileURLToPath(f.source), path.join(ROOT, f.from));
    assert.ok(fs.statSync(f.source).size > 0, `${f.from} missing: run scripts/build.sh`);
  }
  assert.deepEqual(engineAssetFiles({ lexiconOnly: true }).map((f) => f.to), ['rapport_core.wasm']);
  // The package's default locations are those same files.
  assert.deepEqual(Object.values(engineAssetUrls()).map((u) => u.href), files.slice(0, 4).map((f) => f.source.href));
  const base = engineAssetUrls('https://example.test/ext/engine');
  assert.equal(base.wasm.href, 'https://example.test/ext/engine/rapport_core.wasm');
  assert.equal(base.ortWasm.href, 'https://example.test/ext/engine/ort/ort-wasm-simd-threaded.wasm');
  assert.equal(base.meta.href, 'https://example.test/ext/engine/model/model.json');
});

// A fresh Node per case: ONNX Runtime is configured once per realm.
function run(source) {
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', source], { encoding: 'utf8' }));
}

test('createAnalyzer({ assetBase }) loads the wasm, ONNX Runtime and the model from that one place', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-assets-'));
  try {
    for (const f of engineAssetFiles()) {
      fs.mkdirSync(path.dirname(path.join(dir, f.to)), { recursive: true });
      fs.copyFileSync(f.source, path.join(dir, f.to));
    }
    const text = 'Third time asking, where is my refund?!';
    const probe = (assetBase) => run(`
      import { createAnalyzer } from '${API_URL}';
      const out = {};
      for (const model of [false, true]) {
        try {
          const a = await createAnalyzer({ model, ${assetBase === undefined ? '' : `assetBase: ${JSON.stringify(assetBase)}`} });
          out[model] = await a.analyze(${JSON.stringify(text)});
          a.dispose();
        } catch (e) { out[model] = { code: e.code, message: e.message, cause: e.cause?.message }; }
      }
      console.log(JSON.stringify(out));`);
    const packaged = probe(undefined);
    const copied = probe(pathToFileURL(dir).href);
    assert.equal(packaged.true.source, 'model+lexicon');
    assert.deepEqual(copied, packaged, 'the copied assets give other results');
    // Proof the base is used: without its model, the model path names the file there.
    fs.rmSync(path.join(dir, 'model', 'model.onnx'));
    const noModel = probe(pathToFileURL(dir).href);
    assert.deepEqual(noModel.false, packaged.false, 'the lexicon path needs only rapport_core.wasm');
    assert.equal(noModel.true.code, 'RAPPORT_E_MODEL_LOAD');
    assert.ok(noModel.true.message.includes(pathToFileURL(path.join(dir, 'model', 'model.onnx')).href), noModel.true.message);
    fs.rmSync(path.join(dir, 'rapport_core.wasm'));
    const noWasm = probe(pathToFileURL(dir).href);
    assert.equal(noWasm.false.code, 'RAPPORT_E_ENGINE_LOAD');
    assert.match(noWasm.false.cause, /ENOENT.*rapport_core\.wasm/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('assetBase of the wrong type is refused', () => {
  const out = run(`
    import { createAnalyzer } from '${API_URL}';
    const e = await createAnalyzer({ assetBase: 42 }).catch((e) => e);
    console.log(JSON.stringify({ code: e.code, message: e.message }));`);
  assert.deepEqual(out, { code: 'RAPPORT_E_OPTIONS', message: "option 'assetBase' must be a URL or a string, got number" });
});
