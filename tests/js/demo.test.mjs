// `npm start`'s demo: runs it on the built-in demo data and checks that what
// it prints is what the real analyzer says about those messages (analyzed
// again here one by one with analyze(), not the demo's analyzeBatch path).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';

import { buildReport, dominantEmotion, feltEmotion, loadDemoMessages, plainExcerpt, renderReport } from '../../scripts/demo.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function runDemo(args = []) {
  const run = spawnSync(process.execPath, ['scripts/demo.mjs', ...args], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 0, `demo exited ${run.status}\n${run.stderr}`);
  return run.stdout;
}

test('the committed demo data is small and carries no e-mail address', () => {
  // Its derivation from twcc is checked against the data folder by
  // `node scripts/make-demo-data.mjs --check DIR` (the data is not in the repo).
  const committed = fs.readFileSync(path.join(repoRoot, 'shared', 'demo', 'conversations.json'), 'utf8');
  assert.ok(Buffer.byteLength(committed) <= 1024 * 1024, 'the demo data may take at most 1 MB');
  assert.doesNotMatch(committed, /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.(com|net|org)\b/, 'an e-mail address survived');
  assert.ok(JSON.parse(committed).conversations.length > 0);
});

test('excerpts are plain single-line text: no terminal control or bidi override characters', () => {
  assert.equal(plainExcerpt('a\u001b[31mred\u001b[0m\nnext\u202eline'), 'a [31mred [0m next line');
  const long = plainExcerpt('word '.repeat(50), 20);
  assert.equal(long.length <= 20, true);
  assert.match(long, /\.\.\.$/);
});

test('dominant emotion: the strongest non-neutral one, only when at least 0.3', () => {
  assert.equal(dominantEmotion({ neutral: 0.9, anger: 0.4, annoyance: 0.5 }), 'annoyance');
  assert.equal(dominantEmotion({ neutral: 0.9, anger: 0.29 }), null);
  assert.equal(dominantEmotion(undefined), null);
  // The agent-facing primaryEmotion wins when the analysis has one.
  assert.equal(feltEmotion({ primaryEmotion: 'frustrated', emotions: { anger: 0.9 } }), 'frustrated');
  assert.equal(feltEmotion({ primaryEmotion: 'neutral', emotions: { anger: 0.9 } }), null);
  assert.equal(feltEmotion({ emotions: { anger: 0.9 } }), 'anger');
});

test('queue ranks by priority, then level, then who waited longest', () => {
  const a = (priority, priorityLevel, label = 'negative') => ({ priority, priorityLevel,
    sentiment: { label, score: label === 'negative' ? -0.5 : 0 }, cues: [], language: { supported: true } });
  const messages = [
    { conversation: 'late', brand: 'B', customer: 'c1', at: '2020-01-02T00:00:00Z', text: 'x' },
    { conversation: 'early', brand: 'B', customer: 'c2', at: '2020-01-01T00:00:00Z', text: 'y' },
    { conversation: 'top', brand: 'A', customer: 'c3', at: '2020-01-03T00:00:00Z', text: 'z' },
    { conversation: 'top', brand: 'A', customer: 'c3', at: '2020-01-03T01:00:00Z', text: 'calm' },
  ];
  const report = buildReport({ messages, analyses: [a(0.5, 'high'), a(0.5, 'high'), a(0.9, 'urgent'),
    a(0.1, 'low', 'neutral')], ms: 1 });
  assert.deepEqual(report.queue.map((q) => q.conversation), ['top', 'early', 'late']);
  assert.equal(report.queue[0].excerpt, 'z');  // the conversation's most pressing message
  assert.deepEqual(report.brands.map((b) => [b.brand, b.messages, b.negative]), [['B', 2, 2], ['A', 2, 1]]);
  assert.match(renderReport(report), /1\. URGENT priority 0\.90 {2}negative -0\.50 {2}A {2}c3/);
});

test('npm start demo prints the queue, brands, cues and throughput from real analysis', async () => {
  const text = runDemo();
  const report = JSON.parse(runDemo(['--json']));
  const { messages } = loadDemoMessages();
  const conversations = new Set(messages.map((m) => m.conversation)).size;

  assert.match(text, new RegExp(`${messages.length.toLocaleString('en-US')} customer messages in ` +
    `${conversations.toLocaleString('en-US')} conversations`));
  for (const heading of ['Queue: answer these 10 conversations first', 'Sentiment by brand', 'Support cues',
    'Throughput:', 'Measured as npm run bench measures']) {
    assert.ok(text.includes(heading), `missing "${heading}"`);
  }
  // The bench's own measure (scripts/bench/speed.mjs) on the demo texts, both paths.
  assert.deepEqual(report.throughput.bench.map((b) => b.source), ['lexicon', 'model+lexicon']);
  assert.ok(report.throughput.bench.every((b) => b.msgsPerSec > 0));
  assert.equal(text.match(/^ {1,2}\d+\. (URGENT|HIGH|NORMAL|LOW) +priority /gm).length, 10);
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e]/, 'control characters reached the terminal');

  const { createAnalyzer } = await import('../../shared/api/index.js');
  const analyzer = await createAnalyzer();
  const analyses = [];
  for (const m of messages) analyses.push(await analyzer.analyze(m.text));
  analyzer.dispose();

  // The queue: the most pressing conversations, in order, with their real labels.
  const best = new Map();
  messages.forEach((m, i) => {
    const cur = best.get(m.conversation);
    if (!cur || analyses[i].priority > cur.priority) best.set(m.conversation, analyses[i]);
  });
  const priorities = [...best.values()].map((a) => a.priority).sort((x, y) => y - x);
  assert.deepEqual(report.queue.map((q) => q.priority), priorities.slice(0, 10));
  for (const q of report.queue) {
    const mine = best.get(q.conversation);
    assert.equal(q.label, mine.sentiment.label, `queue #${q.rank}`);
    assert.deepEqual(q.cues, mine.cues.map((c) => c.id));
    assert.ok(text.includes(`"${q.excerpt}"`), `excerpt of #${q.rank} not printed`);
  }

  // Totals and per-brand counts match the analyzer's labels.
  const count = (label) => analyses.filter((a) => a.sentiment.label === label).length;
  assert.equal(report.totals.negative, count('negative'));
  assert.equal(report.totals.positive, count('positive'));
  assert.equal(report.brands.reduce((n, b) => n + b.messages, 0), messages.length);
  const appleNegative = messages.filter((m, i) => m.brand === 'AppleSupport'
    && analyses[i].sentiment.label === 'negative').length;
  assert.equal(report.brands.find((b) => b.brand === 'AppleSupport').negative, appleNegative);

  // Cue counts match, and support data does contain cues.
  const cueCounts = {};
  for (const a of analyses) for (const c of a.cues) cueCounts[c.id] = (cueCounts[c.id] ?? 0) + 1;
  assert.deepEqual(Object.fromEntries(report.cues.map((c) => [c.id, c.messages])), cueCounts);
  assert.ok(report.cues.length > 0, 'no support cues found in 1,000+ support messages');
  for (const c of report.cues) assert.match(text, new RegExp(`^${c.id} +${c.messages} `, 'm'));

  // Emotion counts match too.
  const emotionCounts = {};
  for (const a of analyses) {
    const e = feltEmotion(a);
    if (e) emotionCounts[e] = (emotionCounts[e] ?? 0) + 1;
  }
  assert.deepEqual(Object.fromEntries(report.emotions.map((e) => [e.emotion, e.messages])), emotionCounts);
  assert.equal(Object.keys(analyses[0].emotions).length >= 28, true);

  assert.equal(report.throughput.messages, messages.length);
  assert.ok(report.throughput.msgsPerSec > 0);
  assert.ok(report.throughput.wasmHeapBytes > 0);
});
