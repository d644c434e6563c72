// Proves the benchmark code works, on a tiny data folder this test writes
// itself: loaders, the GoEmotions grouping rule, macro recall, the
// interleaved speed rounds, the JSON results and the printed tables, with
// Rapport (through the public API) and the three peers. Never asserts times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { groupGoEmotionsLabels, loadGoEmotionsSentiment, loadTweetEvalSentiment } from '../../scripts/bench/datasets.mjs';
import { macroRecall } from '../../scripts/bench/accuracy.mjs';
import { median, percentile, rotate } from '../../scripts/bench/speed.mjs';
import { vaderLabel } from '../../scripts/bench/peers.mjs';
import { classOf, macroF1 } from '../../scripts/bench/emotion-accuracy.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const EMOTIONS = ['admiration', 'amusement', 'anger', 'annoyance', 'approval', 'caring', 'confusion',
  'curiosity', 'desire', 'disappointment', 'disapproval', 'disgust', 'embarrassment', 'excitement', 'fear',
  'gratitude', 'grief', 'joy', 'love', 'nervousness', 'optimism', 'pride', 'realization', 'relief',
  'remorse', 'sadness', 'surprise', 'neutral'];
const GROUPS = {
  positive: ['amusement', 'excitement', 'joy', 'love', 'desire', 'optimism', 'caring', 'pride',
    'admiration', 'gratitude', 'relief', 'approval'],
  negative: ['fear', 'nervousness', 'remorse', 'embarrassment', 'disappointment', 'sadness', 'grief',
    'disgust', 'anger', 'annoyance', 'disapproval'],
  ambiguous: ['realization', 'surprise', 'curiosity', 'confusion'],
};
const id = (name) => EMOTIONS.indexOf(name);

// Texts so plain that every tool should label them the same way.
const TWEETS = [
  ['I love this, it is wonderful', 2], ['This is terrible and awful', 0], ['The train leaves at noon', 1],
  ['Great job, thank you so much', 2], ['I hate waiting, this is horrible', 0], ['The box is on the table', 1],
];
const COMMENTS = [
  ['What a wonderful, happy day', `${id('joy')}`],
  ['This is awful and I am so angry', `${id('anger')},${id('annoyance')}`],
  ['The meeting is on Tuesday', `${id('neutral')}`],
  ['Is the shop open on Sunday', `${id('curiosity')}`],  // ambiguous only -> neutral
  ['I love it but I hate the ending', `${id('love')},${id('anger')}`],  // mixed -> dropped
  ['Thank you, this is great', `${id('gratitude')},${id('neutral')}`],  // positive wins over neutral
];

// TweetEval emotion: 0 anger, 1 joy, 2 optimism, 3 sadness.
const EMOTION_TWEETS = [
  ['I am so angry and furious at this', 0], ['What a joyful, happy, wonderful day', 1],
  ['I hope tomorrow will be better', 2], ['I feel so sad and lonely today', 3],
];

function writeTinyDataFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'));
  const tw = path.join(dir, 'tweeteval', 'sentiment');
  const ge = path.join(dir, 'goemotions');
  fs.mkdirSync(tw, { recursive: true });
  fs.mkdirSync(ge, { recursive: true });
  fs.writeFileSync(path.join(tw, 'val_text.txt'), TWEETS.map(([t]) => `${t} \n`).join(''));
  fs.writeFileSync(path.join(tw, 'val_labels.txt'), TWEETS.map(([, l]) => `${l}\n`).join(''));
  const te = path.join(dir, 'tweeteval', 'emotion');
  fs.mkdirSync(te, { recursive: true });
  fs.writeFileSync(path.join(te, 'val_text.txt'), EMOTION_TWEETS.map(([t]) => `${t}\n`).join(''));
  fs.writeFileSync(path.join(te, 'val_labels.txt'), EMOTION_TWEETS.map(([, l]) => `${l}\n`).join(''));
  fs.writeFileSync(path.join(ge, 'labels.txt'), EMOTIONS.join('\n') + '\n');
  fs.writeFileSync(path.join(ge, 'sentiment_groups.json'), JSON.stringify(GROUPS));
  fs.writeFileSync(path.join(ge, 'dev.tsv'), COMMENTS.map(([t, ids], i) => `${t}\t${ids}\tc${i}\n`).join(''));
  return dir;
}

test('GoEmotions grouping: neutral, single group, polar wins, ambiguous -> neutral, mixed dropped', () => {
  const dir = writeTinyDataFolder();
  const set = loadGoEmotionsSentiment(dir);
  assert.deepEqual(set.labels, ['positive', 'negative', 'neutral', 'neutral', 'positive']);
  assert.equal(set.dropped, 1);
  assert.equal(set.texts.includes('I love it but I hate the ending'), false);
  const groups = EMOTIONS.map((n) => (n === 'neutral' ? 'neutral'
    : Object.keys(GROUPS).find((g) => GROUPS[g].includes(n))));
  assert.equal(groupGoEmotionsLabels([id('sadness'), id('surprise')], groups), 'negative');
  assert.throws(() => groupGoEmotionsLabels([99], groups), /unknown GoEmotions label id 99/);
});

test('TweetEval loader keeps texts and maps 0/1/2 to labels; a count mismatch is an error', () => {
  const dir = writeTinyDataFolder();
  const set = loadTweetEvalSentiment(dir);
  assert.equal(set.texts.length, TWEETS.length);
  assert.deepEqual(set.labels.slice(0, 3), ['positive', 'negative', 'neutral']);
  fs.appendFileSync(path.join(dir, 'tweeteval', 'sentiment', 'val_labels.txt'), '1\n');
  assert.throws(() => loadTweetEvalSentiment(dir), /6 texts but 7 labels/);
});

test('macro recall is the mean of per-class recall', () => {
  const gold = ['positive', 'positive', 'negative', 'negative', 'neutral', 'neutral'];
  const pred = ['positive', 'neutral', 'negative', 'negative', 'positive', 'positive'];
  const r = macroRecall(gold, pred);
  assert.equal(r.recall.positive, 0.5);
  assert.equal(r.recall.negative, 1);
  assert.equal(r.recall.neutral, 0);
  assert.equal(r.macroRecall, 0.5);
  assert.equal(r.accuracy, 0.5);
});

test('speed helpers: median, nearest-rank percentile, rotation; VADER thresholds', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.equal(percentile(hundred, 50), 50);
  assert.equal(percentile(hundred, 99), 99);
  assert.deepEqual(rotate(['a', 'b', 'c'], 4), ['b', 'c', 'a']);
  assert.equal(vaderLabel(0.05), 'positive');
  assert.equal(vaderLabel(0.0499), 'neutral');
  assert.equal(vaderLabel(-0.05), 'negative');
});

test('npm run bench code runs end to end on a tiny sample and writes its JSON', () => {
  const dir = writeTinyDataFolder();
  const out = path.join(dir, 'results.json');
  // --no-dashboard: the dashboard bench imports a million messages in Chromium; not for a smoke test.
  const run = spawnSync(process.execPath, ['scripts/bench/run.mjs', '--data', dir, '--rounds', '2', '--out', out, '--no-dashboard', '--no-extension', '--no-context'],
    { cwd: repoRoot, encoding: 'utf8' });
  // Exit 1 means a budget (engine memory) was over; on 12 texts on a loaded CI
  // machine the renderer's growth is noise, so the smoke test checks that the
  // exit code follows the budgets in the JSON rather than that they were met.
  assert.ok(run.status === 0 || run.status === 1, `bench exited ${run.status}\n${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /msgs\/s \(median\)/);
  assert.match(run.stdout, /Single-message analyze\(\) latency/);
  assert.match(run.stdout, /TweetEval val macro recall/);
  assert.match(run.stdout, /process RSS [\d.]+ MB/);

  const results = JSON.parse(fs.readFileSync(out, 'utf8'));
  const names = results.contestants.map((c) => c.name);
  assert.deepEqual(results.unavailable, []);
  assert.ok(names.some((n) => n.startsWith('Rapport')), `no Rapport row in ${names}`);
  for (const c of results.contestants.filter((x) => x.kind === 'rapport')) {
    // Each Rapport row ran the path its name says (the model row really loaded the model).
    assert.equal(`Rapport (${c.source})`, c.name);
  }
  for (const peer of ['AFINN (sentiment)', 'VADER (vader-sentiment)', 'wink-sentiment']) assert.ok(names.includes(peer));

  assert.equal(results.speedTexts, TWEETS.length + COMMENTS.length);  // speed uses every text, mixed too
  for (const row of results.throughput) {
    assert.equal(row.roundsMsgsPerSec.length, 2);
    assert.ok(row.msgsPerSec > 0);
  }
  const latency = results.latency.find((l) => l.name.startsWith('Rapport'));
  assert.equal(latency.calls, 2 * (TWEETS.length + COMMENTS.length));
  assert.ok(latency.p50Ms <= latency.p99Ms && latency.p99Ms <= latency.maxMs);

  assert.equal(results.accuracy.length, names.length * 2);
  const kindOf = new Map(results.contestants.map((c) => [c.name, c.kind]));
  for (const row of results.accuracy) {
    // The pinned peers get these plain texts all right, and Rapport (whose
    // model and rules keep being tuned) all but one at most; a wrong label
    // mapping (e.g. positive and negative swapped) would score 1/3 or less.
    const floor = kindOf.get(row.contestant) === 'peer' ? 1 : 2 / 3;
    assert.ok(row.macroRecall >= floor, `${row.contestant} on ${row.dataset}: ${JSON.stringify(row.recall)}`);
  }
  // Target checks are computed from the same figures (their outcome on 12 texts means nothing).
  const targets = results.targets.map((t) => t.target);
  assert.ok(targets.includes('issue 2: lexicon analyzeBatch faster than every peer'), targets.join('; '));
  assert.ok(targets.includes('issue 2: lexicon macro recall above every peer, GoEmotions'));
  for (const t of results.targets) assert.equal(typeof t.met, 'boolean');
  const overBudget = results.targets.filter((t) => t.budget && !t.met);
  assert.equal(run.status, overBudget.length ? 1 : 0, `exit ${run.status} with over-budget: ${JSON.stringify(overBudget)}`);
  for (const t of overBudget) assert.ok(run.stdout.includes(`OVER BUDGET: ${t.target}`), t.target);
  const speedTarget = results.targets.find((t) => t.target.startsWith('issue 2: lexicon analyzeBatch'));
  const lexSpeed = results.throughput.find((t) => t.name === 'Rapport (lexicon)').msgsPerSec;
  const peerBest = Math.max(...results.throughput.filter((t) => !t.name.startsWith('Rapport')).map((t) => t.msgsPerSec));
  assert.equal(speedTarget.met, lexSpeed > peerBest);
  assert.equal(results.review.calls, 3000);
  assert.ok(results.review.medianMs <= results.review.p99Ms);
  assert.ok(results.review.suggestionsPerCall > 0, 'the sample draft should draw suggestions');
  assert.ok(targets.some((t) => t.startsWith('draft review:')));
  assert.ok(results.memory.rssBytes > 0);
  const heap = results.memory.wasm.find((w) => w.name.startsWith('Rapport'));
  assert.ok(heap.wasmHeapBytes >= 65536, `wasm heap ${heap.wasmHeapBytes}`);

  // Emotions: both Rapport rows, none of the peers (they give no emotions).
  assert.deepEqual(results.emotionAccuracy.map((r) => r.contestant).sort(),
    results.contestants.filter((c) => c.kind === 'rapport').map((c) => c.name).sort());
  for (const r of results.emotionAccuracy) {
    assert.equal(r.examples, EMOTION_TWEETS.length);
    assert.ok(r.macroF1 >= 0 && r.macroF1 <= 1);
  }
  assert.match(run.stdout, /TweetEval emotion val, 4 tweets/);

  // Engine memory in real Chromium (a test dependency, so never skipped here).
  assert.ok(results.engineMemory.rows, `engine memory not measured: ${results.engineMemory.skipped}`);
  const engines = Object.fromEntries(results.engineMemory.rows.map((r) => [r.engine, r]));
  assert.equal(engines.lexicon.source, 'lexicon');
  assert.equal(engines.model.source, 'model+lexicon');
  // ONNX Runtime's module and session take tens of MB: a reading that missed
  // the page's renderer process would show no difference between the two.
  assert.ok(engines.model.rendererGrowthBytes > engines.lexicon.rendererGrowthBytes + (16 << 20),
    JSON.stringify(results.engineMemory.rows));
  // The engine budget of issue 8, both ways, is a budget (a missed one fails
  // the bench: exit 1, checked above). The wasm heaps do not depend on load and
  // must be met here. The renderer's RSS growth is the bench's verdict on an
  // idle machine: under CI load it has read 142-174 MB on 12 texts for a build
  // that reads 86 MB idle, so here the verdict must only follow the figure.
  const budgetOf = (prefix) => {
    const budget = results.targets.find((t) => t.target.startsWith(prefix));
    assert.ok(budget, `no '${prefix}' target in: ${targets.join('; ')}`);
    assert.equal(budget.budget, true);
    return budget;
  };
  const heaps = budgetOf('issue 8: engine wasm heaps');
  assert.equal(heaps.met, true, `${heaps.target}: ${heaps.measured}`);
  const growth = budgetOf('issue 8: Chromium renderer RSS growth');
  assert.equal(growth.met, engines.model.rendererGrowthBytes <= 100 * 1048576, growth.measured);
});

test('emotion accuracy: GoEmotions labels map to TweetEval classes; macro F1 over four classes', () => {
  const emotions = Object.fromEntries(EMOTIONS.map((n) => [n, 0]));
  assert.equal(classOf({ ...emotions, annoyance: 0.6, joy: 0.3 }), 0);
  assert.equal(classOf({ ...emotions, gratitude: 0.9 }), 1);
  assert.equal(classOf({ ...emotions, optimism: 0.5, sadness: 0.4 }), 2);
  assert.equal(classOf({ ...emotions, disappointment: 0.7 }), 3);
  assert.equal(macroF1([0, 1, 2, 3], [0, 1, 2, 3], 4), 1);
  // class 0: tp 1, fp 1 -> 2/3; class 1: tp 0 -> 0; classes 2 and 3: 1.
  assert.equal(macroF1([0, 1, 2, 3], [0, 0, 2, 3], 4), (2 / 3 + 0 + 1 + 1) / 4);
});

test('bench rejects contradictory flags with a clear message', () => {
  const run = spawnSync(process.execPath, ['scripts/bench/run.mjs', '--speed-only', '--accuracy-only'],
    { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--speed-only and --accuracy-only exclude each other/);
});
