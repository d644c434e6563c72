// The in-domain dev table of `npm run bench` (scripts/bench/support-dev.mjs)
// on a tiny folder this test writes itself: the loader and its errors, the
// confusion matrix, urgency precision/recall from the public result shape,
// and the issue-9 target rows. Never reads the shared data folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  confusionMatrix, emotionAgreement, loadSupportDev, measureSupportDev, precisionRecall, supportDevTables,
  supportDevTargets,
  URGENCY_READINGS,
} from '../../scripts/bench/support-dev.mjs';

function folderWith(lines) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-support-dev-'));
  fs.mkdirSync(path.join(dir, 'support-labelled'));
  fs.writeFileSync(path.join(dir, 'support-labelled', 'dev-customer.jsonl'), lines.join('\n') + '\n');
  return dir;
}

const ROWS = [
  { text: 'Still no refund, this is ridiculous', sentiment: 'negative', urgent: 1 },
  { text: 'How do I change my email?', sentiment: 'neutral', urgent: 0 },
  { text: 'Thanks, all fixed!', sentiment: 'positive', urgent: 0 },
  { text: 'My order never arrived and I need it today', sentiment: 'negative', urgent: 1 },
];

test('loader reads text, sentiment and urgent; no file means null (the bench skips the table)', () => {
  const set = loadSupportDev(folderWith(ROWS.map((r) => JSON.stringify({ id: 'x', ...r }))));
  assert.deepEqual(set.labels, ['negative', 'neutral', 'positive', 'negative']);
  assert.deepEqual(set.urgent, [true, false, false, true]);
  assert.equal(set.texts[1], 'How do I change my email?');
  assert.equal(loadSupportDev(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-empty-'))), null);
});

test('loader errors name the file, the line and the field', () => {
  const bad = (line) => folderWith([JSON.stringify(ROWS[0]), line]);
  assert.throws(() => loadSupportDev(bad('{not json')), /dev-customer\.jsonl:2: not JSON/);
  assert.throws(() => loadSupportDev(bad(JSON.stringify({ ...ROWS[0], sentiment: 'angry' }))),
    /:2: field "sentiment" must be one of negative\|neutral\|positive, got "angry"/);
  assert.throws(() => loadSupportDev(bad(JSON.stringify({ ...ROWS[0], urgent: 'yes' }))), /:2: field "urgent"/);
  assert.throws(() => loadSupportDev(bad(JSON.stringify({ ...ROWS[0], text: 3 }))), /:2: field "text"/);
});

test('confusion matrix counts gold -> predicted; precision/recall handle empty sides', () => {
  const m = confusionMatrix(['negative', 'negative', 'neutral', 'positive'], ['negative', 'neutral', 'neutral', 'negative']);
  assert.equal(m.negative.negative, 1);
  assert.equal(m.negative.neutral, 1);
  assert.equal(m.neutral.neutral, 1);
  assert.equal(m.positive.negative, 1);
  assert.equal(m.positive.positive, 0);
  assert.throws(() => confusionMatrix(['negative'], []), /1 gold labels but 0 predictions/);
  assert.deepEqual(precisionRecall([true, false, true, false], [true, true, false, false]),
    { precision: 0.5, recall: 0.5, flagged: 2, tp: 1 });
  assert.equal(precisionRecall([true], [false]).precision, null);
  assert.equal(precisionRecall([false], [false]).recall, null);
});

test('urgency readings use the public result: the urgency cue, or priority level high/urgent', () => {
  const r = (cues, priorityLevel) => ({ cues: cues.map((id) => ({ id })), priorityLevel });
  assert.equal(URGENCY_READINGS.cue(r(['urgency'], 'low')), true);
  assert.equal(URGENCY_READINGS.cue(r(['churn_risk'], 'urgent')), false);
  assert.equal(URGENCY_READINGS.priority(r([], 'high')), true);
  assert.equal(URGENCY_READINGS.priority(r([], 'normal')), false);
});

test('measureSupportDev: one row per contestant, urgency for Rapport rows only; tables and targets', async () => {
  const set = loadSupportDev(folderWith(ROWS.map((r) => JSON.stringify(r))));
  // A fake Rapport row that is right on everything, and a peer that says neutral.
  const gold = new Map(ROWS.map((r) => [r.text, r]));
  const rapport = { name: 'Rapport (model+lexicon)', kind: 'rapport', handle: {
    resultsOf: async (texts) => texts.map((t) => ({ sentiment: { label: gold.get(t).sentiment },
      cues: gold.get(t).urgent ? [{ id: 'urgency' }] : [], priorityLevel: 'normal' })) } };
  const peer = { name: 'Peer', kind: 'peer', handle: { labelsOf: async (texts) => texts.map(() => 'neutral') } };
  const rows = await measureSupportDev([rapport, peer], set);
  assert.equal(rows[0].macroRecall, 1);
  assert.deepEqual(rows[0].urgency.cue, { precision: 1, recall: 1, flagged: 2, tp: 2 });
  assert.equal(rows[0].urgency.priority.recall, 0);
  assert.equal(rows[1].urgency, null);
  assert.equal(rows[1].recall.neutral, 1);
  assert.equal(rows[1].confusion.negative.neutral, 2);
  const text = supportDevTables(rows, set);
  assert.match(text, /4 messages \(2 negative, 1 neutral, 1 positive; 2 urgent\)/);
  assert.match(text, /neg->neu/);
  assert.match(text, /urgency cue precision/);

  const results = { contestants: [{ name: rapport.name, kind: 'rapport', source: 'model+lexicon' },
    { name: 'Peer', kind: 'peer' }], supportDev: rows };
  const targets = supportDevTargets(results);
  const byName = Object.fromEntries(targets.map((t) => [t.target, t.met]));
  assert.equal(byName['issue 9: default path, support dev macro recall >= 75, negative >= 85, neutral >= 60'], true);
  assert.equal(byName['issue 9: urgent flag by urgency cue: recall >= 70, precision >= 60'], true);
  assert.equal(byName['issue 9: urgent flag by priority high+: recall >= 70, precision >= 60'], false);
  assert.equal(byName['issue 9: default path above the lexicon path and every peer, support dev macro recall'], true);
});

test('emotion figures: primaryEmotion against the labelled group, default-path rows only', async () => {
  const labelled = ROWS.map((r, i) => ({ ...r, emotion: ['frustrated', 'neutral', 'grateful', 'anxious'][i] }));
  const set = loadSupportDev(folderWith(labelled.map((r) => JSON.stringify(r))));
  assert.deepEqual(set.emotions, ['frustrated', 'neutral', 'grateful', 'anxious']);
  // One line without the label: no emotion figures at all.
  assert.equal(loadSupportDev(folderWith([...labelled.slice(1), ROWS[0]].map((r) => JSON.stringify(r)))).emotions, null);
  assert.throws(() => loadSupportDev(folderWith([JSON.stringify({ ...labelled[0], emotion: 'joy' })])),
    /:1: field "emotion" must be one of angry\|frustrated/);
  const agreement = emotionAgreement(['frustrated', 'neutral', 'grateful', 'anxious'],
    ['frustrated', 'neutral', 'neutral', 'frustrated']);
  assert.equal(agreement.accuracy, 0.5);
  // F1: frustrated 2/3, neutral 2/3, grateful 0, anxious 0.
  assert.ok(Math.abs(agreement.macroF1 - (2 / 3 + 2 / 3) / 4) < 1e-12);
  const result = (t, primaryEmotion) => ({ sentiment: { label: 'neutral' }, cues: [], priorityLevel: 'normal',
    ...(primaryEmotion ? { primaryEmotion } : {}) });
  const model = { name: 'Rapport (model+lexicon)', kind: 'rapport',
    handle: { resultsOf: async (texts) => texts.map((t) => result(t, 'neutral')) } };
  const lexicon = { name: 'Rapport (lexicon)', kind: 'rapport',
    handle: { resultsOf: async (texts) => texts.map((t) => result(t, null)) } };
  const rows = await measureSupportDev([model, lexicon], set);
  assert.equal(rows[0].emotion.accuracy, 0.25);
  assert.equal(rows[1].emotion, null);
  assert.match(supportDevTables(rows, set), /primaryEmotion accuracy/);
});
