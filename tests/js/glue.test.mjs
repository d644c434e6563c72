// The built module must run under an MV3 extension CSP (no 'unsafe-eval'):
// no eval / new Function / string timers anywhere in the glue or the API, and
// the build is the one artifact for web, worker and Node (wasmBinary path).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, GLUE_PATH, WASM_PATH } from './helpers.mjs';

const DYNAMIC_CODE = [/\bnew\s+Function\s*\(/, /(^|[^.\w$])eval\s*\(/, /\bFunction\s*\(\s*["'`]/,
  /set(Timeout|Interval)\s*\(\s*["'`]/];

function offenders(file) {
  const src = fs.readFileSync(file, 'utf8');
  return DYNAMIC_CODE.filter((re) => re.test(src)).map((re) => `${path.relative(ROOT, file)}: ${re}`);
}

test('no dynamic code in the wasm glue or the JS API', () => {
  const apiDir = path.join(ROOT, 'shared', 'api');
  const files = [GLUE_PATH, ...fs.readdirSync(apiDir).filter((f) => f.endsWith('.js')).map((f) => path.join(apiDir, f))];
  assert.deepEqual(files.flatMap(offenders), []);
});

test('the checker itself catches what it must', () => {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-glue-')), 'x.js');
  for (const bad of ['var f = new Function("a", "return a")', 'eval(code)', 'setTimeout("x()", 1)']) {
    fs.writeFileSync(tmp, bad);
    assert.ok(offenders(tmp).length >= 1, bad);
  }
  fs.writeFileSync(tmp, 'obj.eval(x); medieval(x); var evaluate = 1;');
  assert.deepEqual(offenders(tmp), []);
  fs.rmSync(path.dirname(tmp), { recursive: true });
});

test('glue is an ES module for web/worker that never fetches by itself in Node', () => {
  const src = fs.readFileSync(GLUE_PATH, 'utf8');
  assert.match(src, /export default createRapportCore/);
  assert.doesNotMatch(src, /require\(["']fs["']\)/, 'Node-environment glue slipped in');
  const size = fs.statSync(WASM_PATH).size;
  assert.ok(size > 10000 && size < 4 << 20, `wasm size ${size}`);
});
