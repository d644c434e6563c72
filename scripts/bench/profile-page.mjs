// Profiles the 5,000-message page of extension-page.mjs with CDP tracing on the
// page's renderer: every main-thread task over THRESHOLD ms, with the JS
// functions (self time, from the sampling profiler) that ran in it.
// `node scripts/bench/profile-page.mjs [threshold-ms]`. Measurement only.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../static-server.mjs';
import { launchRealExtension } from '../../tests/e2e/extension/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const THRESHOLD = Number(process.argv[2] ?? 50);
const SAMPLES = ['My order has not arrived and I am really upset.', 'Thanks a lot, that solved it!', 'Can you tell me when the refund will be processed?',
  'This is the third time I write, please escalate this now.', 'I will cancel my subscription if this is not fixed today.'];

const server = await startServer(ROOT);
const ext = await launchRealExtension();
try {
  const page = await ext.context.newPage();
  await page.goto(`${server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`);
  await page.waitForFunction(() => document.querySelectorAll('[data-rapport-badge]').length === 2, null, { timeout: 120000, polling: 250 });
  const cdp = await ext.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const finished = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: [
    'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'v8', 'blink.user_timing'] } });
  const t0 = Date.now();
  await page.evaluate(([n, samples]) => {
    window.zendeskLog.fill(n, samples);   // the fixture page's own builder (tests/e2e/fixtures/helpdesks/zendesk-log.js)
    performance.mark('rapport-bench-start');
  }, [5000, SAMPLES]);
  await page.waitForFunction(() => document.querySelectorAll('[data-rapport-badge]').length >= 2500, null, { timeout: 600000, polling: 500 });
  const ms = Date.now() - t0;
  await page.waitForTimeout(500);
  await cdp.send('Tracing.end');
  await finished;

  // Renderer main thread of this page: the thread that ran our mark.
  const mark = events.find((e) => e.name === 'rapport-bench-start');
  const pid = mark.pid;
  const tid = events.find((e) => e.pid === pid && e.name === 'CrRendererMain' && e.ph === 'M')?.tid ?? mark.tid;
  const tasks = events.filter((e) => e.pid === pid && e.tid === tid && e.name === 'RunTask' && e.ph === 'X' && e.ts >= mark.ts)
    .sort((a, b) => a.ts - b.ts);
  const long = tasks.filter((t) => t.dur / 1000 > THRESHOLD);

  // CPU profile samples (ProfileChunk events of this thread's profile).
  const nodes = new Map();
  const samples = [];
  let time = null;
  for (const e of events.filter((x) => x.pid === pid && (x.name === 'Profile' || x.name === 'ProfileChunk')).sort((a, b) => a.ts - b.ts)) {
    if (e.name === 'Profile') { time = e.args.data.startTime; continue; }
    const d = e.args.data;
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const ids = d.cpuProfile?.samples ?? [];
    const deltas = d.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) { time += deltas[i]; samples.push({ ts: time, id: ids[i] }); }
  }
  const nameOf = (n) => `${n.callFrame.functionName || '(anon)'} ${path.basename(n.callFrame.url || '')}:${n.callFrame.lineNumber + 1}`;
  const stackOf = (id) => { const out = []; let n = nodes.get(id); while (n) { out.push(nameOf(n)); n = nodes.get(n.parent); } return out; };
  const total = new Map();
  const rendering = [];   // long tasks that are the browser's rendering (little JS)
  console.log(`badged in ${ms} ms; tasks after start ${tasks.length}, over ${THRESHOLD} ms: ${long.length}; samples ${samples.length}`);
  for (const t of long) {
    const inside = samples.filter((s) => s.ts >= t.ts && s.ts <= t.ts + t.dur);
    const js = inside.filter((s) => !['(program)', '(root)', '(idle)'].includes(nodes.get(s.id)?.callFrame.functionName)).length;
    if (js < inside.length / 5) {
      // What the rendering spent its time on: the trace events directly inside it, by name.
      const by = new Map();
      for (const e of events) {
        if (e.pid !== pid || e.tid !== tid || e.ph !== 'X' || e === t || e.ts < t.ts || e.ts >= t.ts + t.dur) continue;
        by.set(e.name, (by.get(e.name) ?? 0) + e.dur / 1000);
      }
      const parts = [...by].filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, ms]) => `${n} ${ms.toFixed(0)}`);
      rendering.push(`${Math.round(t.dur / 1000)} (${parts.join(', ')})`);
      continue;
    }
    const self = new Map(); const incl = new Map();
    for (const s of inside) {
      const st = stackOf(s.id);
      self.set(st[0], (self.get(st[0]) ?? 0) + 1);
      for (const f of new Set(st)) incl.set(f, (incl.get(f) ?? 0) + 1);
    }
    const top = (m, k) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([f, c]) => `${c} ${f}`).join(' | ');
    // Trace events nested in this task (timeline categories): the biggest ones.
    const nested = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= t.ts && e.ts < t.ts + t.dur && e !== t && e.dur > 5000)
      .map((e) => `${e.name}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''}${e.args?.data?.url ? `[${path.basename(e.args.data.url)}]` : ''} ${(e.dur / 1000).toFixed(0)}`);
    console.log(`\nTASK at +${((t.ts - mark.ts) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(1)} ms, ${inside.length} samples`);
    console.log(`  nested: ${nested.slice(0, 12).join('; ')}`);
    console.log(`  self: ${top(self, 8)}`);
    console.log(`  incl: ${top(incl, 14)}`);
    for (const [f, c] of self) total.set(f, (total.get(f) ?? 0) + c);
  }
  console.log(`\nrendering-only long tasks (ms; nested trace events by name, ms, overlapping):\n  ${rendering.join('\n  ')}`);
  console.log(`\nALL long tasks, self samples: ${[...total].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([f, c]) => `${c} ${f}`).join('\n  ')}`);
  const hist = [50, 30, 16].map((x) => `${tasks.filter((t) => t.dur / 1000 > x).length} >${x}ms`).join(', ');
  console.log(`tasks: ${hist}; longest ${(Math.max(0, ...tasks.map((t) => t.dur)) / 1000).toFixed(1)} ms`);
} finally {
  await ext.close();
  await server.close();
}
