// Profiles one dashboard import in real Chromium with CDP tracing: where the
// renderer's threads (the page's main thread, the dashboard worker, the
// review worker) spend the import, as thread time and the JS functions that
// ran most (self time, sampling profiler), and every main-thread task over
// THRESHOLD ms with what ran inside it. Measurement only; the verdicts are
// scripts/bench/dashboard.mjs's.
//   node scripts/bench/dashboard-profile.mjs [--messages N] [--threshold MS]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importFile, launch, ready, startDashboard } from '../../tests/e2e/pwa/helpers.mjs';
import { writeMessages } from './dashboard.mjs';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '100000' }, threshold: { type: 'string', default: '50' } } });
const THRESHOLD = Number(values.threshold);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-dash-profile-'));
const server = await startDashboard();
try {
  const { context } = await launch(path.join(tmp, 'profile'));
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(server.url);
  await ready(page);
  const file = path.join(tmp, 'messages.ndjson');
  writeMessages(file, Number(values.messages));
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => { for (const e of value) events.push(e); });
  const finished = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: [
    'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'v8', 'blink.user_timing'] } });
  await page.evaluate(() => performance.mark('rapport-import-start'));
  const t0 = Date.now();
  const result = await importFile(page, file, { timeout: 0 });
  const ms = Date.now() - t0;
  await page.waitForTimeout(500);
  await cdp.send('Tracing.end');
  await finished;
  await context.close();

  const mark = events.find((e) => e.name === 'rapport-import-start');
  const pid = mark.pid;
  const threadNames = new Map(events.filter((e) => e.pid === pid && e.ph === 'M' && e.name === 'thread_name').map((e) => [e.tid, e.args.name]));
  console.log(`${result} (${(ms / 1000).toFixed(1)} s wall, load ${os.loadavg()[0].toFixed(1)})`);

  // Samples of the sampling profiler, by thread (each Profile names its thread).
  const samples = [];        // { ts, tid, node }
  const profiles = new Map();
  for (const e of events.filter((x) => x.pid === pid && (x.name === 'Profile' || x.name === 'ProfileChunk')).sort((a, b) => a.ts - b.ts)) {
    if (e.name === 'Profile') { profiles.set(e.id, { tid: e.tid, time: e.args.data.startTime, nodes: new Map() }); continue; }
    const p = profiles.get(e.id);
    if (!p) continue;
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const ids = d.cpuProfile?.samples ?? [];
    const deltas = d.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) { p.time += deltas[i]; samples.push({ ts: p.time, tid: p.tid, profile: p, id: ids[i] }); }
  }
  const fn = (p, id) => {
    const n = p.nodes.get(id);
    return n ? `${n.callFrame.functionName || '(anon)'} ${path.basename(n.callFrame.url || '')}:${n.callFrame.lineNumber + 1}` : '?';
  };
  // Self time (the sampled frame) or inclusive time (every frame on its stack, once).
  const top = (list, k, inclusive = false) => {
    const m = new Map();
    for (const s of list) {
      const frames = new Set();
      for (let id = s.id; id !== undefined; id = inclusive ? s.profile.nodes.get(id)?.parent : undefined) frames.add(fn(s.profile, id));
      for (const f of frames) m.set(f, (m.get(f) ?? 0) + 1);
    }
    return [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, c]) => `${c} ${f}`).join(' | ');
  };

  // Per thread: wall time in top-level tasks, thread (CPU) time, top functions.
  const tasksOf = (tid) => events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ts >= mark.ts);
  for (const [tid, name] of threadNames) {
    const tasks = tasksOf(tid);
    if (!tasks.length) continue;
    const wall = tasks.reduce((a, t) => a + t.dur, 0) / 1e6;
    const cpu = tasks.reduce((a, t) => a + (t.tdur ?? 0), 0) / 1e6;
    const own = samples.filter((s) => s.tid === tid && s.ts >= mark.ts);
    console.log(`\n${name} (tid ${tid}): ${tasks.length} tasks, ${wall.toFixed(1)} s in tasks, ${cpu.toFixed(1)} s thread time, ${own.length} samples`);
    if (own.length) console.log(`  self: ${top(own, 14)}\n  inclusive: ${top(own, 30, true)}`);
  }

  const main = [...threadNames].find(([, n]) => n === 'CrRendererMain')?.[0] ?? mark.tid;
  const long = tasksOf(main).filter((t) => t.dur / 1000 > THRESHOLD);
  console.log(`\nmain-thread tasks over ${THRESHOLD} ms: ${long.length}`);
  for (const t of long) {
    const nested = events.filter((e) => e.pid === pid && e.tid === main && e.ph === 'X' && e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur && e.dur > 2000)
      .map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''} ${(e.dur / 1000).toFixed(0)}`);
    const inside = samples.filter((s) => s.tid === main && s.ts >= t.ts && s.ts <= t.ts + t.dur);
    console.log(`  +${((t.ts - mark.ts) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(0)} ms wall, ${((t.tdur ?? 0) / 1000).toFixed(0)} ms thread time; ` +
      `nested: ${nested.slice(0, 10).join('; ')}\n    self: ${top(inside, 8)}`);
  }
} finally {
  await server.stop();
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
