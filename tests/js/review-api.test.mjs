// reviewDraft and rule packs through the public API on the wasm build: result
// shape, typed errors, pack import/export with the previous pack kept on
// error, incremental use, bad input (emoji, lone surrogates, CRLF, RTL, HTML,
// 100 KB) and flat memory over many keystrokes.
import test from 'node:test';
import assert from 'node:assert/strict';
import { api } from './helpers.mjs';

const { createAnalyzer, RapportError } = api;
const ANGRY = "This is the THIRD time my order is late. Absolutely unacceptable, I'm furious!";
const TEAM_RULE = {
  id: 'team.synergy', category: 'jargon', severity: 'low', scope: 'phrase',
  patterns: ['synergy|synergies'], why: 'Buzzwords sound evasive to customers.',
  examples: ['We value the synergy.'], alternatives: ['teamwork'],
};
const overlay = (rules, extra = {}) => ({ schema: 'rapport-rules/1', base: 'default', rules, ...extra });

test('reviewDraft returns the documented shape', async () => {
  const a = await createAnalyzer({ model: false });
  const draft = 'Hi Dana, please just calm down. We can\'t refund this.';
  const r = await a.reviewDraft(draft, { customerText: ANGRY, customerName: 'Dana' });
  assert.ok(Number.isInteger(r.empathyScore) && r.empathyScore >= 0 && r.empathyScore <= 100);
  assert.deepEqual(r.scoreParts.map((p) => p.id),
    ['acknowledgement', 'ownership', 'personalization', 'nextStep', 'apology', 'positiveFraming', 'coldPhrases']);
  const sum = r.scoreParts.reduce((n, p) => n + p.points, 0);
  assert.equal(r.empathyScore, Math.max(0, Math.min(100, sum)));
  const calm = r.suggestions.find((s) => s.ruleId === 'dismissive.calm-down');
  assert.equal(draft.slice(calm.start, calm.end), 'calm down');
  assert.equal(calm.category, 'dismissive');
  assert.equal(calm.severity, 'high');
  assert.equal(typeof calm.message, 'string');
  assert.equal(typeof calm.why, 'string');
  assert.match(calm.replacements[0], /Dana/);
  const applied = draft.slice(0, calm.replaceStart) + calm.replacements[0] + draft.slice(calm.replaceEnd);
  const again = await a.reviewDraft(applied, { customerText: ANGRY, customerName: 'Dana' });
  assert.ok(!again.suggestions.some((s) => s.ruleId === 'dismissive.calm-down'), 'applied replacement is clean');
  assert.equal(r.mismatch.alert, true);
  assert.equal(r.mismatch.customerLabel, 'negative');
  a.dispose();
});

test('reviewDraft input errors are typed RapportErrors', async () => {
  const a = await createAnalyzer({ model: false });
  await assert.rejects(a.reviewDraft(42), (e) => e instanceof RapportError && e.code === 'RAPPORT_E_INPUT_TYPE'
    && e.message === 'reviewDraft() expects the draft as a string, got number');
  await assert.rejects(a.reviewDraft('x', { customer: 'x' }), (e) => e.code === 'RAPPORT_E_OPTIONS'
    && e.message === "unknown reviewDraft() option 'customer' (known: customerText, customerName, agentName, company)");
  await assert.rejects(a.reviewDraft('x', { customerName: 7 }), (e) => e.code === 'RAPPORT_E_INPUT_TYPE'
    && e.message === "reviewDraft() option 'customerName' must be a string, got number");
  await assert.rejects(a.reviewDraft('x', []), (e) => e.code === 'RAPPORT_E_INPUT_TYPE');
  a.dispose();
  await assert.rejects(a.reviewDraft('x'), (e) => e.code === 'RAPPORT_E_DISPOSED');
  assert.throws(() => a.exportRulePack(), (e) => e.code === 'RAPPORT_E_DISPOSED');
});

test('an invalid pack throws RAPPORT_E_RULE_PACK with every problem, and the previous pack stays', async () => {
  const a = await createAnalyzer({ model: false });
  assert.ok(a.loadRulePack(overlay([TEAM_RULE])).ruleCount >= 81);
  const bad = overlay([{ ...TEAM_RULE, id: 'team.bad', patterns: ['', 'calm (down'], category: 'nope' }]);
  assert.throws(() => a.loadRulePack(bad), (e) => {
    assert.ok(e instanceof RapportError);
    assert.equal(e.code, 'RAPPORT_E_RULE_PACK');
    assert.deepEqual(e.details, [
      { path: '/rules/0/category', code: 'unknown_category', message: "unknown category 'nope'" },
      { path: '/rules/0/patterns/0', code: 'empty_pattern', message: 'empty pattern' },
      { path: '/rules/0/patterns/1', code: 'pattern_syntax', message: 'the group opened at 5 is not closed' },
    ]);
    assert.equal(e.message, "invalid rule pack: /rules/0/category: unknown category 'nope' (and 2 more)");
    return true;
  });
  assert.throws(() => a.loadRulePack('{"schema":'), (e) => e.code === 'RAPPORT_E_RULE_PACK'
    && e.details.length === 1 && e.details[0].code === 'invalid_json' && e.details[0].path === '');
  assert.throws(() => a.loadRulePack(42), (e) => e.code === 'RAPPORT_E_INPUT_TYPE');
  const r = await a.reviewDraft('Such synergy.');
  assert.ok(r.suggestions.some((s) => s.ruleId === 'team.synergy'), 'the earlier team pack is still in use');
  a.dispose();
});

test('packs export and import as JSON text; overlays disable and reset restores', async () => {
  const a = await createAnalyzer({ model: false });
  const before = JSON.parse(a.exportRulePack());
  assert.equal(before.schema, 'rapport-rules/1');
  assert.ok(before.rules.length >= 80);
  a.loadRulePack(JSON.stringify(overlay([TEAM_RULE], { disable: ['negative.no-problem'] })));
  const exported = a.exportRulePack();
  const b = await createAnalyzer({ model: false });
  b.loadRulePack(exported);
  assert.equal(b.exportRulePack(), exported);
  assert.ok(!(await b.reviewDraft('No problem!')).suggestions.some((s) => s.ruleId === 'negative.no-problem'));
  b.resetRulePack();
  assert.equal(b.exportRulePack(), JSON.stringify(before, null, 2));
  assert.ok((await b.reviewDraft('No problem!')).suggestions.some((s) => s.ruleId === 'negative.no-problem'));
  a.dispose();
  b.dispose();
});

test('incremental use: the customer context follows the options, results match a fresh analyzer', async () => {
  const a = await createAnalyzer({ model: false });
  const full = 'I understand. Please be patient, you will have to wait.';
  let last;
  for (let i = 1; i <= full.length; i++) last = await a.reviewDraft(full.slice(0, i), { customerText: ANGRY });
  const fresh = await createAnalyzer({ model: false });
  assert.deepEqual(last, await fresh.reviewDraft(full, { customerText: ANGRY }));
  assert.equal((await a.reviewDraft('The parcel left.', { customerText: ANGRY })).mismatch.alert, true);
  assert.equal((await a.reviewDraft('The parcel left.', { customerText: 'Thanks, all good!' })).mismatch.alert, false);
  assert.equal((await a.reviewDraft('The parcel left.')).mismatch.alert, false);
  a.dispose();
  fresh.dispose();
});

test('bad input: empty, emoji, lone surrogates, CRLF, RTL, HTML-looking text, 100 KB', async () => {
  const a = await createAnalyzer({ model: false });
  const empty = await a.reviewDraft('');
  assert.equal(empty.empathyScore, 0);
  assert.deepEqual(empty.suggestions, []);
  for (const draft of [
    '\u{1F469}\u200D\u{1F4BB}\u{1F44D}\u{1F3FD} calm down',
    '\uD800 lone \uDC00 calm down',
    'Hi,\r\n\r\ncalm down\r\n',
    '\u05e9\u05dc\u05d5\u05dd calm down \u0645\u0631\u062d\u0628\u0627',
    '<b onclick="x()">calm down</b><!-- policy -->',
  ]) {
    const r = await a.reviewDraft(draft);
    const s = r.suggestions.find((x) => x.ruleId === 'dismissive.calm-down');
    assert.ok(s, `no suggestion in ${JSON.stringify(draft)}`);
    assert.equal(draft.slice(s.start, s.end), 'calm down', `offsets in ${JSON.stringify(draft)}`);
  }
  const big = 'You will have to wait. '.repeat(4500);  // ~100 KB
  const r = await a.reviewDraft(big);
  assert.equal(r.truncated, true);
  assert.ok(r.suggestions.length > 100);
  assert.ok(r.suggestions.every((s) => big.slice(s.start, s.end) === s.text));
  a.dispose();
});

test('memory stays flat over many keystroke reviews', async () => {
  const a = await createAnalyzer({ model: false });
  const draft = 'Hi Dana, I understand this is frustrating. As I already said, you will have to wait. '.repeat(20);
  const review = (i) => a.reviewDraft(draft.slice(0, 1000 + (i % 700)), { customerText: ANGRY });
  for (let i = 0; i < 2000; i++) await review(i);  // the allocator settles
  const warm = a.memoryStats().wasmBreakBytes;
  for (let i = 0; i < 20000; i++) await review(i);
  // A leak of even 16 bytes per call would grow the break by 320 KB.
  assert.ok(a.memoryStats().wasmBreakBytes - warm <= 16384,
    `wasm break grew from ${warm} to ${a.memoryStats().wasmBreakBytes}`);
  a.dispose();
});
