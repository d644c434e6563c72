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
  assert.ok(nearMisses >= 110, `only ${nearMisses} near misses in the default pack`);
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

test('applying a phrase rule\'s first replacement to each example removes a suggestion and raises the score', async () => {
  const analyzer = await api.createAnalyzer({ model: false });
  const options = { customerText: 'My order is late and nobody answers. This is really frustrating.', customerName: 'Dana' };
  let applied = 0;
  for (const rule of pack.rules.filter((r) => r.kind !== 'absence')) {
    for (const example of rule.examples) {
      const before = await analyzer.reviewDraft(example, options);
      const s = before.suggestions.find((x) => x.ruleId === rule.id);
      if (!s) continue;  // an overlapping rule of higher severity took the span (examples are checked alone above)
      const draft = example.slice(0, s.replaceStart) + s.replacements[0] + example.slice(s.replaceEnd);
      const after = await analyzer.reviewDraft(draft, options);
      const phrases = (r) => r.suggestions.filter((x) => x.kind === 'phrase').length;
      assert.ok(phrases(after) < phrases(before), `${rule.id}: "${draft}" still has ${phrases(after)} phrase findings`);
      // The score is clamped to 0..100; the sum of its parts shows the rise
      // even when other cold phrases keep a draft at 0.
      const raw = (r) => r.scoreParts.reduce((n, p) => n + p.points, 0);
      assert.ok(after.empathyScore >= before.empathyScore && raw(after) > raw(before),
        `${rule.id}: "${example}" ${raw(before)} -> "${draft}" ${raw(after)}`);
      applied++;
    }
  }
  assert.ok(applied >= 150, `only ${applied} examples rewritten`);
  analyzer.dispose();
});

test('a team overlay tunes the absence checks (the SCHEMA.md example, as written there)', async () => {
  const schema = fs.readFileSync(path.join(ROOT, 'shared', 'rules', 'SCHEMA.md'), 'utf8');
  const section = schema.slice(schema.indexOf('### Tuning the absence checks per team'));
  const overlay = JSON.parse(section.slice(section.indexOf('```json') + 7, section.indexOf('```', section.indexOf('```json') + 7)));
  const analyzer = await api.createAnalyzer({ model: false });
  const absences = async (draft) => (await analyzer.reviewDraft(draft)).suggestions
    .filter((s) => s.kind === 'absence').map((s) => s.ruleId);
  const promise = 'Thanks for waiting on this one, I will look into the parcel and get back to you soon.';
  const question = 'The parcel left the warehouse on Monday and the courier says it is on the van today, is that right?';
  assert.deepEqual(await absences(promise), ['nextstep.no-time']);
  assert.deepEqual(await absences(question), []);
  analyzer.loadRulePack(overlay);
  assert.deepEqual(await absences(promise), [], 'no time promises for this brand');
  assert.deepEqual(await absences(question), ['nextstep.missing'], 'a question alone is not a next step for this brand');
  assert.throws(() => analyzer.loadRulePack({ ...overlay, rules: [{ ...overlay.rules[0], satisfiedBy: ['followUp', 'magic'], unless: ['question'] }] }),
    (err) => err.code === 'RAPPORT_E_RULE_PACK' &&
      err.details.some((d) => d.path === '/rules/0/satisfiedBy/1' && d.code === 'unknown_signal') &&
      err.details.some((d) => d.path === '/rules/0/unless' && d.code === 'unknown_field'));
  assert.deepEqual(await absences(promise), [], 'the failed load kept the team pack');
  analyzer.dispose();
});
