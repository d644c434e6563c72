// The rule docs stay true: RULES.md is generated from the default pack (and
// must be regenerated when the pack changes), and every error code the C++
// loader can emit is documented in SCHEMA.md.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.mjs';
import { renderRulesDoc, readPrecision } from '../../scripts/gen-rules.mjs';

const rulesDir = path.join(ROOT, 'shared', 'rules');

test('RULES.md lists every default rule with its why (regenerate with scripts/gen-rules.mjs --docs)', () => {
  const pack = JSON.parse(fs.readFileSync(path.join(rulesDir, 'default.json'), 'utf8'));
  const page = fs.readFileSync(path.join(rulesDir, 'RULES.md'), 'utf8');
  const precision = readPrecision(path.join(rulesDir, 'default.json'));
  assert.equal(page, renderRulesDoc(pack, precision),
    'RULES.md is stale: node scripts/gen-rules.mjs --pack shared/rules/default.json --docs shared/rules/RULES.md');
  assert.ok(pack.rules.length >= 80);
  for (const rule of pack.rules) {
    assert.ok(page.includes(`\`${rule.id}\``), rule.id);
    // Every phrase rule has its measured precision on the dev replies.
    if (rule.kind !== 'absence') assert.ok(precision?.rules?.[rule.id], `precision.json lacks ${rule.id}`);
    assert.ok(page.includes(rule.why.replace(/\|/g, '\\|')), `why of ${rule.id}`);
  }
});

test('SCHEMA.md documents every pack error code the core emits', () => {
  const dir = path.join(ROOT, 'wasm', 'core', 'review');
  const source = fs.readdirSync(dir).filter((f) => f.endsWith('.cc'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
  // Codes appear as the string argument right after a path in error(...) calls
  // and PatternError/fail(...) calls: collect every "snake_case" literal that
  // is used as a code.
  const codes = new Set();
  for (const m of source.matchAll(/(?:error\([^;]*?,\s*|fail\(error,\s*|errors\.push_back\(\{[^;]*?,\s*)"([a-z]+(?:_[a-z]+)+)"/g)) codes.add(m[1]);
  for (const m of source.matchAll(/"(empty_pattern|empty_string)"/g)) codes.add(m[1]);
  assert.ok(codes.size >= 20, `found only ${[...codes]}`);
  const schema = fs.readFileSync(path.join(rulesDir, 'SCHEMA.md'), 'utf8');
  for (const code of codes) assert.ok(schema.includes(`| \`${code}\` |`), `SCHEMA.md does not document ${code}`);
});
