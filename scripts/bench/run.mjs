// `npm run bench`: speed and accuracy of Rapport against named npm peers, in
// one Node process. Flags:
//   --data <dir>      data folder (default ../shared/data beside the repo)
//   --speed-only | --accuracy-only
//   --rounds <n>      interleaved rounds (default 5)
//   --limit <n>       use only the first n texts of each set (quick checks)
//   --out <file>      JSON results (default build/bench/results.json)
//   --no-browser      skip the engine memory measurement in headless Chromium
//   --no-dashboard    skip the dashboard bench (scripts/bench/dashboard.mjs)
//   --no-extension    skip the extension benches (scripts/bench/extension.mjs, extension-page.mjs)
//   --no-context      skip the customer-context benches (scripts/bench/context*.mjs)
// First: it must see ONNX Runtime create its wasm memory.
import { constructedWasmMemoryBytes } from './wasm-memories.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { CONTESTANTS } from './contestants.mjs';
import { DEFAULT_DATA_DIR, loadBenchData } from './datasets.mjs';
import { measureThroughput, measureLatency } from './speed.mjs';
import { measureAccuracy } from './accuracy.mjs';
import { checkTargets } from './targets.mjs';
import { benchReview } from './review.mjs';
import { measureEngineMemory } from './engine-memory.mjs';
import { loadTweetEvalEmotion, measureEmotionAccuracy } from './emotion-accuracy.mjs';
import { formatTable, fmtInt, fmtPct, fmtMs, fmtMB } from './table.mjs';
import { benchDashboard, dashboardTable } from './dashboard.mjs';
import { loadSupportDev, measureSupportDev, supportDevTables, supportDevTargets } from './support-dev.mjs';
import { benchReviewDev, reviewDevTable } from './review-dev.mjs';
import { bundleSizes, measureExtension, extensionTable, BENCH_TEXTS } from './extension.mjs';
import { measureContentScript, contentScriptLines } from './extension-page.mjs';
import { benchContext } from './context.mjs';
import { benchContextImport } from './context-import.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string', default: DEFAULT_DATA_DIR },
      'speed-only': { type: 'boolean', default: false },
      'accuracy-only': { type: 'boolean', default: false },
      rounds: { type: 'string', default: '5' },
      limit: { type: 'string' },
      out: { type: 'string', default: path.join(repoRoot, 'build', 'bench', 'results.json') },
      'no-browser': { type: 'boolean', default: false },
      'no-dashboard': { type: 'boolean', default: false },
      'no-extension': { type: 'boolean', default: false },
      'no-context': { type: 'boolean', default: false },
    },
  });
  if (values['speed-only'] && values['accuracy-only']) {
    throw new Error('--speed-only and --accuracy-only exclude each other');
  }
  const rounds = Number(values.rounds);
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!(rounds >= 1) || !(limit >= 1)) throw new Error('--rounds and --limit take a positive number');
  return {
    dataDir: path.resolve(values.data),
    speed: !values['accuracy-only'],
    accuracy: !values['speed-only'],
    rounds,
    limit,
    out: path.resolve(values.out),
    browser: !values['no-browser'],
    dashboard: !values['no-dashboard'],
    extension: !values['no-extension'],
    context: !values['no-context'],
  };
}

// Opens every contestant; one that cannot open is reported, not fatal, so
// the peers' figures still come out (the JSON and exit code say so).
async function openAll(contestants) {
  const opened = [];
  const unavailable = [];
  for (const c of contestants) {
    try {
      opened.push({ name: c.name, kind: c.kind, handle: await c.open() });
    } catch (err) {
      unavailable.push({ name: c.name, error: String(err?.message ?? err) });
      console.error(`! ${c.name} unavailable: ${err?.message ?? err}`);
    }
  }
  return { opened, unavailable };
}

const MEMORY_NAMES = { wasmHeapBytes: 'wasm heap', wasmBreakBytes: 'of which allocated (sbrk)' };

function speedTable(throughput, opened) {
  const rapports = throughput.filter((t) => opened.find((o) => o.name === t.name).kind === 'rapport');
  const headers = ['contestant', 'version', 'msgs/s (median)', 'slowest round', 'fastest round',
    ...rapports.map((r) => `${r.name} / this`)];
  const rows = throughput.map((t) => [
    t.name,
    opened.find((o) => o.name === t.name).handle.version,
    fmtInt(t.msgsPerSec),
    fmtInt(Math.min(...t.roundsMsgsPerSec)),
    fmtInt(Math.max(...t.roundsMsgsPerSec)),
    ...rapports.map((r) => `${(r.msgsPerSec / t.msgsPerSec).toFixed(2)}x`),
  ]);
  return formatTable(headers, rows);
}

function accuracyTable(rows, sets) {
  const names = [...new Set(rows.map((r) => r.contestant))];
  const headers = ['contestant'];
  for (const s of sets) headers.push(`${s.short} macro recall`, 'accuracy');
  const body = names.map((name) => {
    const row = [name];
    for (const s of sets) {
      const r = rows.find((x) => x.contestant === name && x.dataset === s.name);
      row.push(fmtPct(r.macroRecall), fmtPct(r.accuracy));
    }
    return row;
  });
  return formatTable(headers, body);
}

export async function main(argv) {
  const opts = parseOptions(argv);
  const data = loadBenchData(opts.dataDir);
  const speedTexts = data.speedTexts.slice(0, opts.limit);
  const sets = data.accuracySets.map((s) => ({ ...s, texts: s.texts.slice(0, opts.limit),
    labels: s.labels.slice(0, opts.limit) }));

  // Other work on the machine slows every contestant; say so beside the figures.
  const [load] = os.loadavg();
  if (load > os.cpus().length) {
    console.log(`note: load average ${load.toFixed(1)} on ${os.cpus().length} cores: absolute figures are lower than on an idle machine; compare the ratios`);
  }
  const { opened, unavailable } = await openAll(CONTESTANTS);
  if (opened.length === 0) throw new Error('no contestant could be opened');
  const results = {
    date: new Date().toISOString(), node: process.version, dataDir: opts.dataDir,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, loadAverageAtStart: load },
    rounds: opts.rounds, limit: Number.isFinite(opts.limit) ? opts.limit : null,
    contestants: opened.map((o) => ({ name: o.name, kind: o.kind, version: o.handle.version,
      source: o.handle.source ?? null, batchSize: o.handle.batchSize ?? null })),
    unavailable,
  };

  if (opts.speed) {
    console.log(`\nSpeed: ${speedTexts.length} texts (TweetEval sentiment val + GoEmotions dev), ` +
      `${opts.rounds} interleaved rounds, median msgs/s`);
    results.throughput = await measureThroughput(opened, speedTexts, { rounds: opts.rounds });
    results.speedTexts = speedTexts.length;
    console.log(speedTable(results.throughput, opened));
    results.latency = await measureLatency(opened, speedTexts.slice(0, 2000), { rounds: opts.rounds });
    if (results.latency.length) {
      console.log('\nSingle-message analyze() latency');
      console.log(formatTable(['contestant', 'calls', 'p50', 'p99', 'max'], results.latency.map((l) =>
        [l.name, fmtInt(l.calls), fmtMs(l.p50Ms), fmtMs(l.p99Ms), fmtMs(l.maxMs)])));
    }
  }

  if (opts.speed) {
    // Draft review as the agent types (review.mjs): wall-clock and CPU per call.
    const r = (results.review = await benchReview());
    console.log(`\n${r.name}: ${fmtInt(r.calls)} calls, median ${fmtMs(r.medianMs)}, p99 ${fmtMs(r.p99Ms)}, ` +
      `CPU ${fmtMs(r.cpuMeanMs)} per call (budget ${r.budgetMs} ms)`);
  }

  if (opts.accuracy) {
    console.log('\nAccuracy (%): macro recall over negative/neutral/positive, and plain accuracy');
    for (const s of sets) {
      console.log(`  ${s.name}: ${s.texts.length} examples${s.dropped ? `, ${s.dropped} mixed dropped` : ''}`);
    }
    results.accuracy = await measureAccuracy(opened, sets);
    console.log(accuracyTable(results.accuracy, sets));
    const supportDev = loadSupportDev(opts.dataDir);
    if (supportDev) {
      for (const k of ['texts', 'labels', 'urgent']) supportDev[k] = supportDev[k].slice(0, opts.limit);
      results.supportDev = await measureSupportDev(opened, supportDev);
      console.log(`\n${supportDevTables(results.supportDev, supportDev)}`);
    } else {
      console.log(`\nIn-domain dev: skipped (no support-labelled/dev-customer.jsonl under ${opts.dataDir})`);
    }
    const emotionSet = loadTweetEvalEmotion(opts.dataDir);
    if (emotionSet) {
      emotionSet.texts = emotionSet.texts.slice(0, opts.limit);
      emotionSet.gold = emotionSet.gold.slice(0, opts.limit);
      results.emotionAccuracy = await measureEmotionAccuracy(opened, emotionSet);
      console.log(`\nEmotions: ${emotionSet.name}, ${emotionSet.texts.length} tweets, 4-way macro F1 (%) ` +
        '(anger/joy/optimism/sadness from the 28 emotions; the peers give none)');
      console.log(formatTable(['contestant', 'macro F1'],
        results.emotionAccuracy.map((r) => [r.contestant, fmtPct(r.macroF1)])));
    }
    // Draft review on the team-labelled brand replies (review-dev.mjs, issue 10).
    try {
      results.reviewDev = await benchReviewDev(opts.dataDir);
      console.log(`\nDraft review in-domain: ${results.reviewDev.replies} labelled brand replies (${results.reviewDev.file})`);
      console.log(reviewDevTable(results.reviewDev, results.review ?? null));
    } catch (err) {
      if (err.code !== 'REVIEW_DEV_MISSING') throw err;
      results.reviewDev = { skipped: err.message };
      console.log(`\nDraft review in-domain: skipped (${err.message})`);
    }
  }

  if (opts.browser) {
    results.engineMemory = await measureEngineMemory(speedTexts);
    const { rows, skipped } = results.engineMemory;
    console.log(`\nEngine memory in headless Chromium: renderer RSS growth from creating an analyzer and ` +
      `analyzing ${speedTexts.length} texts${skipped ? `: skipped (${skipped})` : ''}`);
    for (const r of rows ?? []) console.log(`  ${r.engine} (${r.source}): ${fmtMB(r.rendererGrowthBytes)}`);
  }

  if (opts.browser && opts.speed && opts.dashboard) {
    results.dashboard = await benchDashboard();
    console.log(`\n${dashboardTable(results.dashboard)}`);
  }

  if (opts.browser && opts.speed && opts.extension) {
    results.extension = { bundles: bundleSizes(), host: await measureExtension({ texts: BENCH_TEXTS }) };
    console.log(`\n${extensionTable(results.extension)}`);
    // The content script on a helpdesk page: badge latency, the 5,000-message
    // page's longest main-thread task (issue 11 target: 50 ms), typing.
    results.extensionPage = await measureContentScript();
    console.log(`\nContent script on the Zendesk fixture (real Chrome build, headless Chromium)\n${contentScriptLines(results.extensionPage).join('\n')}`);
  }

  if (opts.speed && opts.context) {
    const c = results.context = await benchContext();
    console.log(`\nCustomer context, one customer with ${fmtInt(c.events)} events: summary median ${c.summaryMedianMs.toFixed(2)} ms ` +
      `(target <= ${c.summaryTarget} ms), timeline ${c.timelineMedianMs.toFixed(1)} ms, adding them all ${c.addMs.toFixed(0)} ms`);
    if (opts.browser) {
      const r = results.contextImport = await benchContextImport();
      console.log(r.ok ? `Customer-context import in Chromium: ${fmtInt(r.rows)} order rows in ${r.seconds.toFixed(2)} s ` +
        `(target <= 10 s), longest gap between frames ${r.longestFrameGapMs.toFixed(0)} ms` : `Customer-context import failed: ${r.message}`);
    }
  }

  results.memory = {
    rssBytes: process.memoryUsage().rss,
    wasm: opened.filter((o) => o.handle.memory).map((o) => ({ name: o.name, ...o.handle.memory() })),
    ortHeapBytes: constructedWasmMemoryBytes(),
  };
  console.log(`\nMemory after the run: process RSS ${fmtMB(results.memory.rssBytes)} (all contestants, ` +
    `V8's compiled code for ONNX Runtime's 14 MB wasm included); ONNX Runtime wasm heap ` +
    `${fmtMB(results.memory.ortHeapBytes)}`);
  for (const { name, ...figures } of results.memory.wasm) {
    const parts = Object.entries(figures).filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${MEMORY_NAMES[k] ?? k} ${fmtMB(v)}`);
    console.log(`  ${name}: ${parts.join(', ') || 'no figures reported'}`);
  }

  results.targets = [...checkTargets(results), ...supportDevTargets(results)];
  if (results.targets.length) {
    console.log('\nTargets');
    console.log(formatTable(['target', 'measured', 'met'],
      results.targets.map((t) => [t.target, t.measured, t.met ? 'yes' : 'NO']), { leftColumns: [0, 1] }));
  }

  const overBudget = (results.targets ?? []).filter((t) => t.budget && !t.met);
  for (const t of overBudget) console.log(`OVER BUDGET: ${t.target}: ${t.measured}`);

  for (const o of opened) o.handle.close();
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n');
  console.log(`Results written to ${path.relative(process.cwd(), opts.out) || opts.out}`);
  return unavailable.length === 0 && overBudget.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
    console.error(`bench failed: ${err.message}`);
    process.exitCode = 2;
  });
}
