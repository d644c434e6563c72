// `npm pack` gives a package that a separate project installs and imports:
// pack the repo, install the tarball into a fresh temp project (dependencies
// from the npm cache when present), import 'rapport' there and analyze.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers.mjs';

const npm = (args, cwd) => execFileSync('npm', args, {
  cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000,
  env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
});

function duBytes(dir) {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? duBytes(p) : fs.lstatSync(p).size;
  }
  return total;
}

test('npm pack -> install in a separate project -> import and analyze', async (t) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-pack-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', tmp], ROOT));
  const files = info.files.map((f) => f.path);
  for (const needed of ['package.json', 'shared/api/index.js', 'shared/api/index.d.ts', 'shared/api/engine.js',
    'shared/api/ERRORS.md', 'wasm/dist/rapport_core.mjs', 'wasm/dist/rapport_core.wasm']) {
    assert.ok(files.includes(needed), `${needed} missing from the tarball`);
  }
  assert.deepEqual(files.filter((f) => /^(tests|scripts|build|wasm\/core|node_modules)\//.test(f)), [],
    'development files leaked into the package');

  const project = path.join(tmp, 'consumer');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  // --offline: the package has no dependencies (ONNX Runtime ships once, as
  // wasm/dist/ort), so installing it needs no registry at all.
  npm(['install', '--offline', '--no-save', '--ignore-scripts', path.join(tmp, info.filename)], project);
  assert.deepEqual(fs.readdirSync(path.join(project, 'node_modules')).filter((d) => !d.startsWith('.')), ['rapport'],
    'the package pulled in dependencies');
  const installed = duBytes(path.join(project, 'node_modules'));
  t.diagnostic(`packed ${(info.size / 1048576).toFixed(1)} MB, installed node_modules ${(installed / 1048576).toFixed(1)} MB`);
  assert.ok(installed < 24 * 1048576, `installed size ${installed} bytes: is ONNX Runtime in twice?`);
  assert.equal(files.filter((f) => f.startsWith('wasm/dist/ort/') && f.endsWith('.wasm')).length, 1, 'one ONNX Runtime wasm');
  fs.writeFileSync(path.join(project, 'main.mjs'), `
import { createAnalyzer, RapportError } from 'rapport';
const analyzer = await createAnalyzer();
const [a, b] = await analyzer.analyzeBatch(['I want a refund ASAP, this is the worst!', 'Thank you, great help']);
const error = await analyzer.analyze(42).catch((e) => e);
console.log(JSON.stringify({ a: a.sentiment.label, cues: a.cues.map((c) => c.id), b: b.sentiment.label,
  error: error instanceof RapportError && error.code, version: analyzer.version }));
analyzer.dispose();
`);
  const out = JSON.parse(execFileSync(process.execPath, ['main.mjs'], { cwd: project, encoding: 'utf8' }));
  assert.equal(out.a, 'negative');
  assert.ok(out.cues.includes('urgency'), out.cues.join());
  assert.equal(out.b, 'positive');
  assert.equal(out.error, 'RAPPORT_E_INPUT_TYPE');
  assert.equal(out.version, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'))).version);
  // The installed copy is the one that ran, not the repo's.
  assert.ok(fs.existsSync(path.join(project, 'node_modules', 'rapport', 'wasm', 'dist', 'rapport_core.wasm')));
});
