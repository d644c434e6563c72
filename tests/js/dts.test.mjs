// Checks the hand-written shared/api/index.d.ts against the real module: every
// declared export exists (and nothing undeclared is exported), and real
// objects (analyzer, results, errors) match the declared interfaces field by
// field, both ways. A small reader for the subset of TypeScript the file uses.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, ROOT } from './helpers.mjs';

const DTS = fs.readFileSync(path.join(ROOT, 'shared', 'api', 'index.d.ts'), 'utf8')
  .replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

// type aliases: name -> type text; interfaces: name -> { base, fields }
const aliases = new Map();
for (const m of DTS.matchAll(/export type (\w+)\s*=\s*([^;]+);/g)) aliases.set(m[1], m[2].trim());
const interfaces = new Map();
for (const m of DTS.matchAll(/export interface (\w+)(?: extends (\w+))? \{([^}]*)\}/g)) {
  const fields = [];
  for (const line of m[3].split(';').map((s) => s.trim()).filter(Boolean)) {
    const f = line.match(/^(readonly )?(\w+)(\?)?(\([^)]*\))?: (.+)$/s);
    assert.ok(f, `cannot read member "${line}" of ${m[1]}`);
    fields.push({ name: f[2], optional: !!f[3], method: !!f[4], type: f[5].replace(/\s+/g, ' ').trim() });
  }
  interfaces.set(m[1], { base: m[2], fields });
}
const allFields = (name) => {
  const i = interfaces.get(name);
  return [...(i.base ? allFields(i.base) : []), ...i.fields];
};
const literals = (type) => type.split('|').map((s) => s.trim()).filter((s) => /^'.*'$/.test(s)).map((s) => s.slice(1, -1));

// Returns a list of mismatches of `value` against the type text.
function check(value, type, where) {
  type = type.trim();
  if (aliases.has(type)) return check(value, aliases.get(type), where);
  if (interfaces.has(type)) return checkInterface(value, type, where);
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return [`${where}: expected array`];
    return value.flatMap((v, i) => check(v, type.slice(0, -2), `${where}[${i}]`));
  }
  const record = type.match(/^Record<(\w+), (\w+)>$/);
  if (record) {
    const keys = literals(aliases.get(record[1]));
    const bad = JSON.stringify(Object.keys(value).sort()) === JSON.stringify(keys.sort()) ? [] : [`${where}: keys`];
    return bad.concat(Object.entries(value).flatMap(([k, v]) => check(v, record[2], `${where}.${k}`)));
  }
  const options = type.split('|').map((s) => s.trim()).filter(Boolean);
  if (options.length > 1 || /^'.*'$/.test(type)) {
    const ok = options.some((o) => (/^'.*'$/.test(o) ? value === o.slice(1, -1) : check(value, o, where).length === 0));
    return ok ? [] : [`${where}: ${JSON.stringify(value)} is not ${type}`];
  }
  if (['string', 'number', 'boolean', 'object'].includes(type)) {
    return typeof value === type && value !== null ? [] : [`${where}: expected ${type}, got ${typeof value}`];
  }
  throw new Error(`${where}: the checker does not know type "${type}"`);
}

function checkInterface(value, name, where) {
  if (value === null || typeof value !== 'object') return [`${where}: expected ${name} object`];
  const fields = allFields(name);
  const bad = [];
  for (const f of fields) {
    if (!(f.name in value)) {
      if (!f.optional) bad.push(`${where}.${f.name}: missing`);
    } else if (f.method) {
      if (typeof value[f.name] !== 'function') bad.push(`${where}.${f.name}: expected a method`);
    } else {
      bad.push(...check(value[f.name], f.type, `${where}.${f.name}`));
    }
  }
  for (const key of Object.keys(value)) {
    if (!fields.some((f) => f.name === key)) bad.push(`${where}.${key}: not declared in ${name}`);
  }
  return bad;
}

test('declared exports are exactly the real exports', () => {
  const declared = [...DTS.matchAll(/^export (?:function|const|class) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(declared, Object.keys(api).sort());
  assert.equal(typeof api.createAnalyzer, 'function');
  assert.equal(typeof api.version, 'string');
  const codes = Object.fromEntries([...DTS.match(/export const ErrorCodes: \{([^}]*)\}/)[1]
    .matchAll(/readonly (\w+): '(\w+)'/g)].map((m) => [m[1], m[2]]));
  assert.deepEqual(codes, { ...api.ErrorCodes });
  assert.deepEqual(literals(aliases.get('ErrorCode')).sort(), Object.values(api.ErrorCodes).sort());
});

test('a real analyzer and real results match Analyzer and Assessment', async () => {
  const a = await api.createAnalyzer({ model: false });
  assert.deepEqual(checkInterface(a, 'Analyzer', 'analyzer'), []);
  assert.deepEqual(checkInterface(a.memoryStats(), 'MemoryStats', 'memoryStats()'), []);
  const texts = ["Third time asking!!! Refund me ASAP or I'll sue. I'm so confused :(", 'Thanks a lot ❤️', '',
    'Das ist wirklich schlecht'];
  for (const r of await a.analyzeBatch(texts)) assert.deepEqual(checkInterface(r, 'Assessment', 'result'), []);
  const customer = { customerText: 'I am furious, third time asking for my refund!', customerName: 'Dana' };
  for (const draft of ['Calm down, as I already said, there is nothing I can do.',
    'I am so sorry, Dana. I have refunded you now and will email you today.', '']) {
    assert.deepEqual(checkInterface(await a.reviewDraft(draft, customer), 'DraftReview', 'review'), []);
  }
  const pack = a.exportRulePack();
  assert.equal(typeof pack, 'string');
  assert.deepEqual(checkInterface(a.loadRulePack(pack), 'RulePackInfo', 'loadRulePack()'), []);
  const error = (() => { try { a.loadRulePack('{"rules": 5}'); } catch (e) { return e; } })();
  assert.ok(error instanceof api.RapportError && error.code === 'RAPPORT_E_RULE_PACK', String(error));
  assert.ok(error.details.length > 0);
  for (const d of error.details) assert.deepEqual(checkInterface(d, 'RulePackProblem', 'details[]'), []);
  assert.equal(a.resetRulePack(), undefined);
  a.dispose();
});

test('RapportError matches its declaration', async () => {
  const error = await api.createAnalyzer(5).catch((e) => e);
  assert.ok(error instanceof api.RapportError);
  assert.ok(literals(aliases.get('ErrorCode')).includes(error.code));
  assert.equal(error.name, 'RapportError');
  assert.match(DTS, /export class RapportError extends Error \{\s*readonly name: 'RapportError';\s*readonly code: ErrorCode;/);
});

test('the checker rejects what it must', () => {
  assert.notDeepEqual(check({ start: 1, end: '2', text: 'x' }, 'TextSpan', 's'), []);
  assert.notDeepEqual(check({ start: 1, end: 2, text: 'x', extra: 1 }, 'TextSpan', 's'), []);
  assert.notDeepEqual(check('maybe', 'SentimentLabel', 'l'), []);
  assert.deepEqual(check('neutral', 'SentimentLabel', 'l'), []);
});
