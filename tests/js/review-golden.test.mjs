// The draft-review golden fixtures (tests/fixtures/golden/review.json), shared
// with the native checker tests/cpp/review_golden_test.cc, against the wasm
// build through the public API. One subtest per case; messages name the field.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, ROOT } from './helpers.mjs';

const cases = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'golden', 'review.json'), 'utf8'));

function draftOf(c) {
  return c.draftRepeat ? c.draftRepeat.unit.repeat(c.draftRepeat.count) : c.draft;
}

export function* reviewFailures(c, draft, r) {
  const e = c.expect ?? {};
  const byRule = (id) => r.suggestions.find((s) => s.ruleId === id);
  for (const s of r.suggestions) {
    if (!(s.start >= 0 && s.start <= s.end && s.end <= draft.length)) yield `span of ${s.ruleId} out of range`;
    if (draft.slice(s.start, s.end) !== s.text) yield `text of ${s.ruleId} is not draft.slice(start, end)`;
    if (!(s.replaceStart <= s.start && s.replaceEnd >= s.end)) yield `replace range of ${s.ruleId} does not cover its span`;
  }
  for (const id of e.rules ?? []) if (!byRule(id)) yield `rules: missing ${id}`;
  for (const id of e.noRules ?? []) if (byRule(id)) yield `noRules: unexpected ${id}`;
  if (e.noSuggestions && r.suggestions.length) yield `noSuggestions: got ${r.suggestions.map((s) => s.ruleId)}`;
  for (const [id, text] of Object.entries(e.spans ?? {})) {
    const s = byRule(id);
    if (!s || draft.slice(s.start, s.end) !== text) yield `spans.${id}`;
  }
  for (const [id, text] of Object.entries(e.replace ?? {})) {
    const s = byRule(id);
    if (!s || draft.slice(s.replaceStart, s.replaceEnd) !== text) yield `replace.${id}`;
  }
  for (const [id, text] of Object.entries(e.firstReplacement ?? {})) {
    if (byRule(id)?.replacements[0] !== text) yield `firstReplacement.${id}`;
  }
  if (e.scoreMin !== undefined && !(r.empathyScore >= e.scoreMin)) yield `scoreMin: ${r.empathyScore}`;
  if (e.scoreMax !== undefined && !(r.empathyScore <= e.scoreMax)) yield `scoreMax: ${r.empathyScore}`;
  for (const [id, points] of Object.entries(e.parts ?? {})) {
    const part = r.scoreParts.find((p) => p.id === id);
    if (!part || part.points !== points) yield `parts.${id}: ${part?.points}`;
  }
  if (e.mismatch !== undefined && r.mismatch.alert !== e.mismatch) yield `mismatch: ${r.mismatch.alert}`;
  if (e.truncated !== undefined && r.truncated !== e.truncated) yield `truncated: ${r.truncated}`;
}

test('golden fixtures: reviewDraft()', async (t) => {
  assert.ok(cases.length >= 20, 'too few golden review cases');
  const analyzer = await api.createAnalyzer({ model: false });
  for (const c of cases) {
    await t.test(c.name, async () => {
      const draft = draftOf(c);
      const r = await analyzer.reviewDraft(draft, { customerText: c.customerText, customerName: c.customerName });
      const fails = [...reviewFailures(c, draft, r)];
      assert.deepEqual(fails, [], `case "${c.name}": ${fails.join('; ')}`);
    });
  }
  analyzer.dispose();
});
