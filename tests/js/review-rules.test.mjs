// Every default rule through the public API, one rule at a time: its examples
// must trigger it and its near misses must not (the loader checks the same at
// load time, so a broken rule is also a load error), and absence findings are
// marked kind 'absence', sit at the insertion point and come after phrases.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, ROOT } from './helpers.mjs';

const pack = JSON.parse(fs.readFileSync(path.join(ROOT, 'shared', 'rules', 'default.json'), 'utf8'));

test('each default rule alone: examples fire, near misses do not', async () => {
  const analyzer = await api.createAnalyzer({ model: false });
  let nearMisses = 0;
  for (const rule of pack.rules) {
    const { rules: _all, ...rest } = pack;
    analyzer.loadRulePack({ ...rest, name: `only ${rule.id}`, rules: [rule] });
    const fires = async (text) => (await analyzer.reviewDraft(text)).suggestions.some((s) => s.ruleId === rule.id);
    for (const ex of rule.examples) assert.ok(await fires(ex), `${rule.id} misses its example "${ex}"`);
    for (const miss of rule.nearMisses ?? []) {
      nearMisses++;
      assert.ok(!(await fires(miss)), `${rule.id} fires on its near miss "${miss}"`);
    }
  }
  assert.ok(nearMisses >= 30, `only ${nearMisses} near misses in the default pack`);
  analyzer.dispose();
});

test('a near miss that fires is a load error with its JSON path', async () => {
  const analyzer = await api.createAnalyzer({ model: false });
  const rule = { id: 'team.x', category: 'jargon', severity: 'low', patterns: ['synergy'], why: 'Buzzwords sound evasive.',
    examples: ['Great synergy.'], nearMisses: ['Synergy is a word we avoid.'], alternatives: ['teamwork'] };
  assert.throws(() => analyzer.loadRulePack({ schema: 'rapport-rules/1', base: 'default', rules: [rule] }),
    (err) => err.code === 'RAPPORT_E_RULE_PACK' &&
      err.details.some((d) => d.path === '/rules/0/nearMisses/0' && d.code === 'near_miss_match'));
  analyzer.dispose();
});

test('absence findings are hints: kind absence, at the end, after every phrase finding', async () => {
  const analyzer = await api.createAnalyzer({ model: false });
  const draft = 'Unfortunately the order was delayed at the warehouse because of high demand and should arrive next week.';
  const r = await analyzer.reviewDraft(draft, { customerText: 'Where is my order? It was due Monday.' });
  const kinds = r.suggestions.map((s) => s.kind);
  assert.deepEqual(kinds, ['phrase', 'absence', 'absence']);
  for (const s of r.suggestions.filter((x) => x.kind === 'absence')) {
    assert.equal(s.start, draft.length);
    assert.equal(s.end, s.start);
  }
  assert.equal(new Set(r.suggestions.filter((s) => s.kind === 'absence').map((s) => s.category)).size, 2);
  analyzer.dispose();
});
