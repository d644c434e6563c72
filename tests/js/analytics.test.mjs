// The dashboard analytics through the JS API on the wasm build, over the
// same fixture and hand-worked numbers as tests/cpp/analytics_report_test.cc.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { api, ROOT } from './helpers.mjs';

const DIR = path.join(ROOT, 'tests', 'fixtures', 'analytics');
const records = JSON.parse(fs.readFileSync(path.join(DIR, 'records.json'), 'utf8'));
const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8'));
const near = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-4, `${what}: ${a} vs ${b}`);

test('the wasm analytics give the hand-worked numbers', async () => {
  const analytics = await api.createAnalytics();
  assert.deepEqual(analytics.add(records), { added: 9, total: 9 });
  const r = analytics.query({ bucket: 'day' });
  const e = expected.all;
  for (const k of ['messages', 'customerMessages', 'agentReplies', 'conversations', 'timeZone']) assert.equal(r[k], e[k], k);
  near(r.sentiment.mean, e.sentiment.mean, 'mean');
  assert.deepEqual(r.series.map((p) => [p.start, p.messages]), e.daySeries);
  assert.deepEqual(analytics.query({ bucket: 'week' }).series.map((p) => [p.start, p.messages]), e.weekSeries);
  assert.equal(analytics.query({ bucket: 'hour' }).series[0].start, e.firstHour);
  assert.deepEqual(r.emotions.map((x) => [x.emotion, x.messages]), e.emotions);
  assert.deepEqual(r.queue.map((q) => q.conversation), e.queue.map(([c]) => c));
  r.queue.forEach((q, i) => near(q.need, e.queue[i][1], `need ${q.conversation}`));
  for (const a of r.agents) {
    const want = e.agents[a.agent];
    assert.deepEqual([a.replies, a.best, a.worst], [want.replies, want.best, want.worst], a.agent);
    for (const k of ['empathy', 'firstResponseSeconds', 'resolutionSeconds', 'moodChange']) near(a[k], want[k], `${a.agent}.${k}`);
    assert.deepEqual(a.coldPhrases.map((c) => [c.phrase, c.uses]), want.coldPhrases);
  }
  for (const [name, fields] of Object.entries(e.kpis)) {
    for (const [k, v] of Object.entries(fields)) near(r.kpis[name][k], v, `${name}.${k}`);
  }
  for (const f of expected.filtered) {
    const got = analytics.query(f.query);
    assert.deepEqual([got.messages, got.conversations], [f.messages, f.conversations], JSON.stringify(f.query));
  }
  analytics.dispose();
});

test('a bad record adds nothing and the error names the record and the field', async () => {
  const analytics = await api.createAnalytics();
  analytics.add(records.slice(0, 3));
  const error = (() => { try { analytics.add([records[3], { ...records[4], at: 'soon' }]); } catch (e) { return e; } })();
  assert.ok(error instanceof api.RapportError, String(error));
  assert.equal(error.code, 'RAPPORT_E_INPUT_TYPE');
  assert.deepEqual([error.details[0].record, error.details[0].field], [1, 'at']);
  assert.match(error.message, /record 1, field 'at'/);
  assert.equal(analytics.size, 3);
  assert.throws(() => analytics.query({ bucket: 'month' }), /'bucket'/);
  assert.throws(() => analytics.add({}), (e) => e.code === 'RAPPORT_E_INPUT_TYPE');
  analytics.clear();
  assert.equal(analytics.size, 0);
  assert.equal(analytics.query().messages, 0);
  analytics.dispose();
  assert.throws(() => analytics.query(), (e) => e.code === 'RAPPORT_E_DISPOSED');
});

test('the scorer uses the analyzer for customers and the draft review for agents', async () => {
  const analyzer = await api.createAnalyzer({ model: false });
  const customerText = "This is the third time I'm asking, I want my refund now or I cancel!";
  const reply = 'Calm down, there is nothing I can do.';
  const scorer = api.createScorer(analyzer);
  const scored = await scorer.score([
    { conversation: 'k', at: '2020-01-01T10:00:00Z', role: 'customer', text: customerText, brand: 'B' },
    { conversation: 'k', at: '2020-01-01T10:05:00Z', role: 'agent', agent: 'sam', text: reply },
  ]);
  const a = await analyzer.analyze(customerText);
  const review = await analyzer.reviewDraft(reply, { customerText });
  assert.equal(scored[0].sentiment, a.sentiment.score);
  assert.equal(scored[0].priority, a.priority);
  assert.deepEqual(scored[0].cues, a.cues.map((c) => c.id));
  assert.equal(scored[0].brand, 'B');
  assert.equal(scored[1].empathy, review.empathyScore);
  assert.ok(scored[1].cold.includes('calm down'), JSON.stringify(scored[1].cold));
  const analytics = await api.createAnalytics();
  analytics.add(scored);
  const report = analytics.query();
  assert.equal(report.agents[0].agent, 'sam');
  near(report.agents[0].firstResponseSeconds, 300, 'first response');
  analytics.dispose();
  analyzer.dispose();
});
