// The in-domain review bench (scripts/bench/review-dev.mjs): its metrics on
// small hand-made cases, its input checks, and the message when the data is
// missing. The real labelled replies are never read here (they stay outside
// the repo; `npm run bench -- --data DIR` reads them).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spearman, parseDevReplies, scoreReviews, findDevReplies, reviewRows, distinctReplies, reviewDevTable } from '../../scripts/bench/review-dev.mjs';

test('spearman: perfect, reversed, tied and constant inputs', () => {
  assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1);
  assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  // Ties take their average rank: x ranks 1,2,3.5,3.5 against y 1,2,3,4.
  const rho = spearman([1, 2, 3, 3], [1, 2, 3, 4]);
  assert.ok(Math.abs(rho - 0.9486832980505138) < 1e-12, String(rho));
  assert.equal(spearman([5, 5, 5], [1, 2, 3]), null);
  assert.throws(() => spearman([1], [1]), /two equal lists/);
});

test('dev replies: a bad line names the file, the line and the field', () => {
  const ok = '{"id":"a","customer":"c","reply":"r","empathy":1,"ownership":0,"cold":0}';
  assert.equal(parseDevReplies(`${ok}\n\n${ok}\n`).length, 2);
  assert.throws(() => parseDevReplies(`${ok}\n{oops`, 'x.jsonl'), /x\.jsonl line 2: not JSON/);
  assert.throws(() => parseDevReplies(ok.replace('"empathy":1', '"empathy":3')), /line 1: field 'empathy' must be an integer 0\.\.2/);
  assert.throws(() => parseDevReplies(ok.replace('"reply":"r"', '"reply":5')), /line 1: field 'reply' must be a string/);
  assert.throws(() => parseDevReplies('\n'), /no labelled replies/);
});

test('a missing data folder says what it looked for', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-review-dev-'));
  assert.throws(() => findDevReplies(dir), (err) => err.code === 'REVIEW_DEV_MISSING' &&
    err.message.includes(path.join(dir, 'support-labelled', 'dev-agent.jsonl')) && err.message.includes('--data'));
  fs.mkdirSync(path.join(dir, 'support-labelled'));
  fs.writeFileSync(path.join(dir, 'support-labelled', 'dev-agent.jsonl'), '');
  assert.equal(findDevReplies(dir), path.join(dir, 'support-labelled', 'dev-agent.jsonl'));
  fs.rmSync(dir, { recursive: true });
});

const finding = (ruleId, category, kind = 'phrase') => ({ ruleId, category, kind, text: ruleId });

test('scoreReviews: cold flags count only cold categories, absences on owned replies, per-rule precision', () => {
  const rows = [
    { cold: 1, ownership: 0, empathy: 0 },
    { cold: 1, ownership: 0, empathy: 0 },
    { cold: 0, ownership: 1, empathy: 1 },
    { cold: 0, ownership: 1, empathy: 2 },
  ];
  const reviews = [
    { empathyScore: 10, suggestions: [finding('policy.x', 'policy_hiding')] },
    { empathyScore: 20, suggestions: [finding('jargon.x', 'jargon')] },
    { empathyScore: 30, suggestions: [finding('policy.x', 'policy_hiding'), finding('ownership.missing', 'missing_ownership', 'absence')] },
    { empathyScore: 40, suggestions: [] },
  ];
  const r = scoreReviews(rows, reviews);
  assert.deepEqual([r.coldFlags.flagged, r.coldFlags.truePositives, r.coldFlags.precision, r.coldFlags.recall], [2, 1, 0.5, 0.5]);
  assert.deepEqual([r.anyPhrase.flagged, r.anyPhrase.precision, r.anyPhrase.recall], [3, 2 / 3, 1]);
  assert.equal(r.absenceOnOwnership, 0.5);
  assert.deepEqual(r.absenceCounts, { 'ownership.missing': 1 });
  assert.equal(r.empathySpearman, spearman([10, 20, 30, 40], [0, 0, 1, 2]));
  const policy = r.perRule.find((e) => e.ruleId === 'policy.x');
  assert.deepEqual([policy.replies, policy.cold, policy.good, policy.precision], [2, 1, 1, 0.5]);
});

test('reviewRows runs each reply through reviewDraft with its customer message', async () => {
  const rows = parseDevReplies([
    JSON.stringify({ customer: 'My order is late again, this is ridiculous!', reply: 'Calm down.', empathy: 0, ownership: 0, cold: 1 }),
    JSON.stringify({ customer: 'Hi', reply: 'Happy to help!', empathy: 1, ownership: 1, cold: 0 }),
  ].join('\n'));
  const reviews = await reviewRows(rows);
  assert.ok(reviews[0].suggestions.some((s) => s.ruleId === 'dismissive.calm-down'));
  assert.equal(reviews[0].mismatch.customerLabel, 'negative');
  assert.equal(reviews[1].suggestions.length, 0);
});

test('distinct replies: a pasted macro counts once, whoever it was addressed to', () => {
  const rows = ['@a For help, visit our site.', '@b  @c For help, visit our site.', '@d Sorry! I\'ll check now.', 'For help, visit our site.']
    .map((reply) => ({ reply }));
  assert.deepEqual(distinctReplies(rows), [0, 2]);
});

test('the table shows the targets and says which are met', () => {
  const rows = [{ cold: 1, ownership: 0, empathy: 0 }, { cold: 0, ownership: 1, empathy: 1 }];
  const r = scoreReviews(rows, [
    { empathyScore: 5, suggestions: [finding('redirect.x', 'bare_redirect')] },
    { empathyScore: 50, suggestions: [finding('nextstep.missing', 'missing_next_step', 'absence')] },
  ]);
  const table = reviewDevTable(r, { medianMs: 0.2, cpuMeanMs: 0.3, budgetMs: 1, withinBudget: true });
  assert.match(table, /precision vs `cold` +1\.00 \(1\/1\) +>= 0\.6 +yes/);
  assert.match(table, /absence finding +100\.0% of 1 +<= 20% +NO/);
  assert.match(table, /per keystroke.*200 us \/ 300 us +<= 1 ms +yes/);
});
