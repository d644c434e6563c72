// `npm start` (until the dashboard exists): analyzes every customer message
// of the built-in demo data (shared/demo/) with the real API, on this
// machine, and prints what a support manager would look at first: who to
// answer first, how each brand's customers feel, which support cues come up,
// and how fast it all ran.
//
//   node scripts/demo.mjs [--data <conversations.json>] [--top <n>] [--json]
//
// --json prints the report object instead of the text (tests use both).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { formatTable, fmtInt, fmtMB } from './bench/table.mjs';
import { measureThroughput } from './bench/speed.mjs';
import { rapportContestant } from './bench/rapport.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_FILE = path.join(repoRoot, 'shared', 'demo', 'conversations.json');
const BATCH = 256;
const LEVEL_RANK = { urgent: 3, high: 2, normal: 1, low: 0 };

// One row per customer message, in file order (the brands' replies, role
// 'agent', are for the dashboard's coaching view, not this queue).
export function loadDemoMessages(file = DEMO_FILE) {
  const demo = JSON.parse(fs.readFileSync(file, 'utf8'));
  const messages = [];
  for (const conv of demo.conversations) {
    for (const m of conv.messages) {
      if (m.role === 'agent') continue;
      messages.push({ conversation: conv.id, brand: conv.brand, customer: m.customer, at: m.at, text: m.text });
    }
  }
  return { source: demo.source, messages };
}

// Analyzes all texts with analyzeBatch; returns the analyses and the time.
export async function analyzeAll(analyzer, texts) {
  const analyses = [];
  const t0 = performance.now();
  for (let start = 0; start < texts.length; start += BATCH) {
    analyses.push(...(await analyzer.analyzeBatch(texts.slice(start, start + BATCH))));
  }
  return { analyses, ms: performance.now() - t0 };
}

// The message's strongest emotion other than neutral, if it is clear enough
// to mention (probability >= 0.3), else null.
export const EMOTION_FLOOR = 0.3;
export function dominantEmotion(emotions) {
  let best = null;
  for (const [name, p] of Object.entries(emotions ?? {})) {
    if (name !== 'neutral' && p >= EMOTION_FLOOR && (best === null || p > emotions[best])) best = name;
  }
  return best;
}

// What the customer feels, in agent-facing words when the analysis has them
// (the model path's primaryEmotion: angry, frustrated, ...), else the
// strongest GoEmotions name; null when nothing but neutral stands out.
export function feltEmotion(a) {
  if (typeof a.primaryEmotion === 'string') return a.primaryEmotion === 'neutral' ? null : a.primaryEmotion;
  return dominantEmotion(a.emotions);
}

function buildEmotions(rows) {
  const counts = new Map();
  for (const { a } of rows) {
    const e = feltEmotion(a);
    if (e) counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  return [...counts].map(([emotion, messages]) => ({ emotion, messages }))
    .sort((x, y) => y.messages - x.messages || (x.emotion < y.emotion ? -1 : 1));
}

// Customer text goes to a terminal: control and bidi-override characters
// could move the cursor or reorder the line, so they become spaces.
export function plainExcerpt(text, max = 90) {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 3).trimEnd()}...`;
}

// The conversation queue: each conversation ranked by its most pressing
// message (priority, then level), ties broken by who has waited longest.
function buildQueue(rows) {
  const byConversation = new Map();
  for (const row of rows) {
    const best = byConversation.get(row.conversation);
    if (!best || row.a.priority > best.a.priority) byConversation.set(row.conversation, row);
  }
  return [...byConversation.values()].sort((x, y) =>
    y.a.priority - x.a.priority ||
    LEVEL_RANK[y.a.priorityLevel] - LEVEL_RANK[x.a.priorityLevel] ||
    (x.at < y.at ? -1 : x.at > y.at ? 1 : 0));
}

// Brands with fewer messages than this go last: a share of 3 messages says little.
const MIN_BRAND_MESSAGES = 10;

function buildBrands(rows) {
  const brands = new Map();
  for (const { brand, a } of rows) {
    const b = brands.get(brand) ?? { brand, messages: 0, negative: 0, neutral: 0, positive: 0,
      scoreSum: 0, highOrUrgent: 0 };
    b.messages++;
    b[a.sentiment.label]++;
    b.scoreSum += a.sentiment.score;
    if (a.priorityLevel === 'high' || a.priorityLevel === 'urgent') b.highOrUrgent++;
    brands.set(brand, b);
  }
  return [...brands.values()]
    .map(({ scoreSum, ...b }) => ({ ...b, meanScore: scoreSum / b.messages }))
    .sort((x, y) => (y.messages >= MIN_BRAND_MESSAGES) - (x.messages >= MIN_BRAND_MESSAGES) ||
      y.negative / y.messages - x.negative / x.messages || y.messages - x.messages ||
      (x.brand < y.brand ? -1 : 1));
}

function buildCues(rows) {
  const cues = new Map();
  for (const { a } of rows) {
    for (const cue of a.cues) {
      const c = cues.get(cue.id) ?? { id: cue.id, messages: 0, triggers: new Map() };
      c.messages++;
      for (const span of cue.spans) {
        const key = span.text.toLowerCase();
        c.triggers.set(key, (c.triggers.get(key) ?? 0) + 1);
      }
      cues.set(cue.id, c);
    }
  }
  return [...cues.values()]
    .map((c) => ({ id: c.id, messages: c.messages,
      topTriggers: [...c.triggers].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
        .slice(0, 3).map(([text]) => text) }))
    .sort((x, y) => y.messages - x.messages || (x.id < y.id ? -1 : 1));
}

export function buildReport({ messages, analyses, ms, coldMs = ms, top = 10, source = null, wasmHeapBytes = null }) {
  const rows = messages.map((m, i) => ({ ...m, a: analyses[i] }));
  const queue = buildQueue(rows);
  const unsupported = rows.filter((r) => r.a.language && r.a.language.supported === false);
  return {
    dataSource: source,
    totals: {
      messages: rows.length,
      conversations: new Set(rows.map((r) => r.conversation)).size,
      brands: new Set(rows.map((r) => r.brand)).size,
      negative: rows.filter((r) => r.a.sentiment.label === 'negative').length,
      neutral: rows.filter((r) => r.a.sentiment.label === 'neutral').length,
      positive: rows.filter((r) => r.a.sentiment.label === 'positive').length,
      notEnglish: unsupported.length,
      notEnglishCodes: [...new Set(unsupported.map((r) => r.a.language.code))].sort(),
    },
    queue: queue.slice(0, top).map((r, i) => ({
      rank: i + 1, conversation: r.conversation, brand: r.brand, customer: r.customer, at: r.at,
      priority: r.a.priority, priorityLevel: r.a.priorityLevel,
      label: r.a.sentiment.label, score: r.a.sentiment.score,
      cues: r.a.cues.map((c) => c.id), emotion: feltEmotion(r.a),
      excerpt: plainExcerpt(r.text),
    })),
    brands: buildBrands(rows),
    cues: buildCues(rows),
    emotions: buildEmotions(rows),
    throughput: { messages: rows.length, ms, coldMs, msgsPerSec: rows.length / (ms / 1000),
      analysisSource: analyses[0]?.source ?? null, wasmHeapBytes },
  };
}

const pct = (n, d) => `${d ? Math.round((100 * n) / d) : 0}%`;
const signed = (x) => (x >= 0 ? `+${x.toFixed(2)}` : x.toFixed(2));

export function renderReport(report) {
  const t = report.totals;
  const out = [];
  out.push(`Rapport demo: ${fmtInt(t.messages)} customer messages in ${fmtInt(t.conversations)} conversations ` +
    `with ${t.brands} brands`);
  if (report.dataSource) out.push(`Data: ${report.dataSource} (shared/demo/README.md)`);
  out.push(`Overall: ${pct(t.negative, t.messages)} negative, ${pct(t.neutral, t.messages)} neutral, ` +
    `${pct(t.positive, t.messages)} positive; ${t.notEnglish} not in English` +
    (t.notEnglish ? ` (${t.notEnglishCodes.join(', ')}: flagged as unsupported)` : ''));

  out.push('', `Queue: answer these ${report.queue.length} conversations first (of ${fmtInt(t.conversations)})`);
  for (const q of report.queue) {
    out.push(`${String(q.rank).padStart(3)}. ${q.priorityLevel.toUpperCase().padEnd(6)} priority ${q.priority.toFixed(2)}` +
      `  ${q.label} ${signed(q.score)}  ${q.brand}  ${q.customer}  ${q.at.slice(0, 16).replace('T', ' ')}`);
    out.push(`     cues: ${q.cues.length ? q.cues.join(', ') : 'none'}; feels: ${q.emotion ?? 'nothing stands out'}`);
    out.push(`     "${q.excerpt}"`);
  }

  out.push('', `Sentiment by brand (most negative first; brands with under ${MIN_BRAND_MESSAGES} messages last)`);
  out.push(formatTable(['brand', 'messages', 'negative', 'neutral', 'positive', 'mean score', 'high/urgent'],
    report.brands.map((b) => [b.brand, b.messages, pct(b.negative, b.messages), pct(b.neutral, b.messages),
      pct(b.positive, b.messages), signed(b.meanScore), b.highOrUrgent])));

  out.push('', 'Support cues');
  out.push(report.cues.length === 0 ? '(none found)' : formatTable(['cue', 'messages', 'share', 'most common triggers'],
    report.cues.map((c) => [c.id, c.messages, pct(c.messages, t.messages),
      c.topTriggers.map((s) => `"${plainExcerpt(s, 30)}"`).join(', ')]), { leftColumns: [0, 3] }));

  out.push('', 'How customers feel (one emotion per message where one stands out), top 8');
  out.push(report.emotions.length === 0 ? '(none clear enough)' : formatTable(['emotion', 'messages', 'share'],
    report.emotions.slice(0, 8).map((e) => [e.emotion, e.messages, pct(e.messages, t.messages)])));

  const tp = report.throughput;
  out.push('', `Throughput: ${fmtInt(tp.messages)} messages analyzed in ${tp.ms.toFixed(1)} ms with analyzeBatch ` +
    `(${fmtInt(tp.msgsPerSec)} messages/s on the second pass; first pass ${tp.coldMs.toFixed(1)} ms with start-up), ` +
    `${tp.analysisSource} path, wasm heap ${fmtMB(tp.wasmHeapBytes)}; all on this machine: no text left it.`);
  if (tp.bench) {
    out.push(`Measured as npm run bench measures (${BENCH_METHOD}) on these messages: ` +
      tp.bench.map((b) => `${b.source} ${fmtInt(b.msgsPerSec)} messages/s`).join(', ') + '. ' +
      'The pass above is one timed pass right after start-up, while V8 and ONNX Runtime still warm up; ' +
      'npm run bench runs this same measure on its own datasets, whose texts differ in length and kind.');
  }
  return out.join('\n');
}

// The bench's own throughput measure (scripts/bench/speed.mjs), on the demo's
// texts, for both paths: the same numbers `npm run bench` would print for them.
const BENCH_METHOD = 'warm-up, then the median of 5 rounds of analyzeBatch in batches of 256';
export async function benchThroughput(texts) {
  const rows = [];
  for (const [name, options] of [['lexicon', { model: false }], ['model', {}]]) {
    const contestant = rapportContestant({ name, options });
    const handle = await contestant.open();
    try {
      const [speed] = await measureThroughput([{ name, handle }], texts);
      rows.push({ source: handle.source, msgsPerSec: speed.msgsPerSec });
    } finally {
      handle.close?.();
    }
  }
  return rows;
}

async function main(argv) {
  const { values } = parseArgs({ args: argv, options: {
    data: { type: 'string', default: DEMO_FILE },
    top: { type: 'string', default: '10' },
    json: { type: 'boolean', default: false },
    'no-bench': { type: 'boolean', default: false },
  } });
  const { createAnalyzer } = await import(pathToFileURL(path.join(repoRoot, 'shared', 'api', 'index.js')).href);
  const { source, messages } = loadDemoMessages(path.resolve(values.data));
  const analyzer = await createAnalyzer();
  try {
    const texts = messages.map((m) => m.text);
    const { analyses, ms: coldMs } = await analyzeAll(analyzer, texts);
    // A second pass shows the steady speed, once the JIT and the model are warm.
    const { ms } = await analyzeAll(analyzer, texts);
    const report = buildReport({ messages, analyses, ms, coldMs, top: Number(values.top), source,
      wasmHeapBytes: analyzer.memoryStats?.().wasmHeapBytes ?? null });
    if (!values['no-bench']) report.throughput.bench = await benchThroughput(texts);
    console.log(values.json ? JSON.stringify(report, null, 2) : renderReport(report));
  } finally {
    analyzer.dispose();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`demo failed: ${err.message}`);
    process.exitCode = 1;
  });
}
