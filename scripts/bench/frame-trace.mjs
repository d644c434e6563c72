// Attributes the long animation frames of the 5,000-message page
// (extension-page.mjs's big conversation) with a Chromium trace of the page's
// renderer: for each frame over THRESHOLD ms (long-animation-frame entries
// seen by the page, placed on the trace by a performance mark), its main-
// thread tasks and what ran in them (script by function and file, style,
// layout, pre-paint, paint, layerize, commit, GC), in ms.
//   node scripts/bench/frame-trace.mjs [--mode real|read|none] [--threshold 30] [--runs 1] [--after]
// Modes, so the frame's cost can be split into the page's and Rapport's:
//   real  the real Chrome build, badges drawn (as the bench)
//   read  the real Chrome build with a stand-in content entry whose engine
//         never answers: Rapport reads the page but draws no badge
//   fake  the real build with a stand-in engine in the content script (fixed
//         assessments after 30 ms): no engine process at work meanwhile
//   none  no extension: the page alone, the same fill (--control N [--control-at ms]: see below)
// Measurement only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../static-server.mjs';
import { CHROMIUM, launchRealExtension } from '../../tests/e2e/extension/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : fallback; };
const MODE = arg('mode', 'real');
const THRESHOLD = Number(arg('threshold', 30));
const RUNS = Number(arg('runs', 1));
const DETAIL = process.argv.includes('--detail');
const TREE = process.argv.includes('--tree');
const AFTER = process.argv.includes('--after');
const MESSAGES = 5000;
const SAMPLES = ['My order has not arrived and I am really upset.', 'Thanks a lot, that solved it!', 'Can you tell me when the refund will be processed?',
  'This is the third time I write, please escalate this now.', 'I will cancel my subscription if this is not fixed today.'];

// The content entry of the `read` mode: the real content script's pieces, its
// engine a stand-in whose analyzeBatch never settles (no badge is ever drawn).
const READ_ONLY_ENTRY = `
import { helpdeskAdapters, generic } from '${ROOT}/extension/src/adapters/helpdesks.js';
import { createComposer } from '${ROOT}/extension/src/composer/coach.js';
import { startRapport } from '${ROOT}/extension/src/content/run.js';
const engine = { call: (method) => (method === 'analyzeBatch' ? new Promise(() => {}) : Promise.resolve(null)) };
startRapport({ window, engine, adapters: helpdeskAdapters, fallback: generic, extensions: [createComposer({ window, engine })] });
`;

const OBSERVE = () => {
  window.frameLog = [];
  // Badge hosts put in the page, with when (this world sees the content script's insertions).
  window.badgeLog = [];
  new MutationObserver((records) => {
    let n = 0;
    for (const r of records) for (const x of r.addedNodes) if (x.nodeType === 1 && x.hasAttribute('data-rapport-badge')) n++;
    if (n) window.badgeLog.push({ at: performance.now(), n });
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.frameLog.push({ start: e.startTime, duration: e.duration, renderStart: e.renderStart, styleStart: e.styleAndLayoutStart,
        blocking: e.blockingDuration, scripts: (e.scripts ?? []).map((s) => ({ invoker: `${s.invokerType} ${s.invoker}`, start: s.startTime, ms: s.duration, source: s.sourceURL })) });
    }
  }).observe({ type: 'long-animation-frame', buffered: false });
};

// The content entry of the `fake` mode: the real content script, its engine a
// stand-in in the page's tab that answers analyzeBatch itself after 30 ms with
// fixed assessments (no engine process at work meanwhile).
const FAKE_ENGINE_ENTRY = `
import { helpdeskAdapters, generic } from '${ROOT}/extension/src/adapters/helpdesks.js';
import { createComposer } from '${ROOT}/extension/src/composer/coach.js';
import { startRapport } from '${ROOT}/extension/src/content/run.js';
const one = (text) => ({ sentiment: { label: /upset|cancel|third/.test(text) ? 'negative' : 'neutral', score: /upset|cancel|third/.test(text) ? -0.6 : 0 },
  emotions: {}, cues: [], evidence: [], priority: 0.4, priorityLevel: 'normal' });
const engine = { call: (method, args) => (method === 'analyzeBatch'
  ? new Promise((resolve) => setTimeout(() => resolve(args[0].map(one)), 30)) : Promise.resolve(null)) };
startRapport({ window, engine, adapters: helpdeskAdapters, fallback: generic, extensions: [createComposer({ window, engine })] });
`;

async function launch() {
  if (MODE === 'none') {
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const context = await browser.newContext();
    return { context, close: () => browser.close() };
  }
  if (MODE === 'read' || MODE === 'fake') {
    const entry = path.join(os.tmpdir(), `rapport-${MODE}-${process.pid}.js`);
    fs.writeFileSync(entry, MODE === 'read' ? READ_ONLY_ENTRY : FAKE_ENGINE_ENTRY);
    const { variantBuild, launchChromium } = await import('../../tests/e2e/extension/host-helpers.mjs');
    // As launchRealExtension, with the stand-in entry.
    const dir = await variantBuild('chrome', { extraHostPermissions: ['http://127.0.0.1/*'], entrySources: { content: entry } });
    const ext = await launchChromium(dir);
    await ext.sw.evaluate((id) => chrome.scripting.registerContentScripts([{ id, matches: ['http://127.0.0.1/*'],
      js: ['/content/main.js'], runAt: 'document_idle', allFrames: false }]), 'rapport-bench-read');
    return ext;
  }
  return launchRealExtension();
}

function attribute(events, pid, tid, from, to) {
  // Main-thread events of the window, by name (nested ones overlap their parents).
  const inside = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts < to && e.ts + (e.dur ?? 0) > from);
  const seen = new Set();
  const tasks = inside.filter((e) => e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts)
    .filter((t) => { const k = `${t.ts}:${t.dur}`; if (seen.has(k)) return false; seen.add(k); return true; });
  const lines = [];
  for (const t of tasks) {
    if (t.dur < 1000) continue;
    const nested = inside.filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur && e.dur >= 1000 && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask'
      && !e.name.startsWith('V8.GC_') && !e.name.startsWith('LocalFrameView::') && !e.name.startsWith('Blink.') && e.name !== 'v8.callFunction' && e.name !== 'AsyncTask Run');
    const by = new Map();
    for (const e of nested) {
      const d = e.args?.data ?? {};
      const label = `${e.name}${d.functionName ? `(${d.functionName})` : ''}${d.url ? `[${path.basename(d.url).slice(0, 40)}]` : ''}${e.args?.type ? `{${e.args.type}}` : ''}`;
      by.set(label, (by.get(label) ?? 0) + e.dur / 1000);
    }
    const parts = [...by].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([n, ms]) => `${n} ${ms.toFixed(1)}`);
    lines.push(`    task +${((t.ts - from) / 1000).toFixed(1)} ms, ${(t.dur / 1000).toFixed(1)} ms: ${parts.join('; ')}`);
    // Work sizes the trace gives: elements restyled, objects laid out.
    const sizes = nested.map((e) => {
      if (e.name === 'UpdateLayoutTree') return `style ${(e.dur / 1000).toFixed(1)} ms ${e.args?.elementCount ?? '?'} elements`;
      if (e.name === 'Layout') return `layout ${(e.dur / 1000).toFixed(1)} ms ${e.args?.beginData?.dirtyObjects ?? '?'}/${e.args?.beginData?.totalObjects ?? '?'} objects${e.args?.beginData?.partialLayout ? ' partial' : ''}`;
      return null;
    }).filter(Boolean);
    if (sizes.length) lines.push(`      ${sizes.join('; ')}`);
    // A rendering task as a tree (--tree): each event over 1 ms with its thread time.
    if (TREE && t.dur > 20000) {
      const kids = inside.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur && e.dur >= 1000 && e.name !== 'RunTask')
        .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
      const stack = [];
      for (const e of kids) {
        while (stack.length && e.ts >= stack[stack.length - 1].ts + stack[stack.length - 1].dur) stack.pop();
        if (stack.length < 7) lines.push(`      ${'  '.repeat(stack.length)}${e.name} ${(e.dur / 1000).toFixed(1)}${e.tdur ? ` (cpu ${(e.tdur / 1000).toFixed(1)})` : ''}`);
        stack.push(e);
      }
    }
  }
  return lines;
}

async function run(server) {
  const ext = await launch();
  try {
    const page = await ext.context.newPage();
    await page.goto(`${server.origin}/tests/e2e/fixtures/helpdesks/zendesk.html`);
    if (MODE === 'real' || MODE === 'fake') await page.waitForFunction(() => document.querySelectorAll('[data-rapport-badge]').length === 2, null, { timeout: 120000, polling: 250 });
    else await page.waitForTimeout(1500);
    await page.evaluate(OBSERVE);
    const cdp = await ext.context.newCDPSession(page);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => { for (const e of value) events.push(e); });
    const finished = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: [
      'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8', 'blink.user_timing', 'toplevel', 'blink', 'cc', 'gpu'] } });
    const since = await page.evaluate(([n, samples]) => {
      window.zendeskLog.fill(n, samples);   // the fixture page's own builder
      const now = performance.now();
      performance.mark('rapport-bench-start');
      return now;
    }, [MESSAGES, SAMPLES]);
    const t0 = Date.now();
    if (MODE === 'real' || MODE === 'fake') {
      await page.waitForFunction((n) => document.querySelectorAll('[data-rapport-badge]').length >= n, MESSAGES / 2, { timeout: 600000, polling: 500 });
    } else {
      await page.waitForTimeout(Number(arg('control-at', 1500)));
      // The page's own cost of a change like a group of badges: CONTROL plain
      // blocks (26 px, a badge's height) put in the first CONTROL customer
      // messages (on screen, everything below moves) in one frame, then the
      // same number in messages far below the view.
      const n = Number(arg('control', 0));
      if (n) {
        await page.evaluate((n) => new Promise((resolve) => requestAnimationFrame(() => {
          const items = [...document.querySelectorAll('[type="end-user"]')];
          for (const m of items.slice(-2500).slice(0, n)) { const d = document.createElement('div'); d.style.height = '26px'; d.className = 'ctl'; m.append(d); }
          window.badgeLog.push({ at: performance.now(), n });
          resolve();
        })), n);
        await page.waitForTimeout(700);
        await page.evaluate((n) => new Promise((resolve) => requestAnimationFrame(() => {
          const items = [...document.querySelectorAll('[type="end-user"]')];
          for (const m of items.slice(-1000, -1000 + n)) { const d = document.createElement('div'); d.style.height = '26px'; d.className = 'ctl'; m.append(d); }
          window.badgeLog.push({ at: performance.now(), n });
          resolve();
        })), n);
        await page.waitForTimeout(700);
      }
    }
    const ms = Date.now() - t0;
    await page.waitForTimeout(700);
    // Responsiveness afterwards (--after): the page changes as a helpdesk does,
    // one message appended at the end, then the view scrolled by 2,000 px;
    // the rendering tasks that follow each are reported below.
    const afterMarks = [];
    if (AFTER) {
      for (const [name, action] of [['append', () => window.zendeskLog.append([{ id: 'after-1', text: 'Any news on my refund? I am still waiting.' }])],
        ['scroll', () => window.scrollBy(0, 2000)]]) {
        afterMarks.push(name);
        await page.evaluate(([name, action]) => { performance.mark(`rapport-after-${name}`); (0, eval)(`(${action})`)(); }, [name, action.toString()]);
        await page.waitForTimeout(1200);
      }
    }
    const frames = await page.evaluate(() => window.frameLog);
    const badgeLog = await page.evaluate(() => window.badgeLog);
    const scrollY = await page.evaluate(() => window.scrollY);
    await cdp.send('Tracing.end');
    await finished;

    const mark = events.find((e) => e.name === 'rapport-bench-start');
    const pid = mark.pid;
    const tid = mark.tid;
    const toTrace = (ms) => mark.ts + (ms - since) * 1000;   // page ms -> trace us
    const after = frames.filter((f) => f.start >= since).sort((a, b) => b.duration - a.duration);
    console.log(`\n[${MODE}] scrollY ${scrollY}; badge insertions ${badgeLog.length}; ${MODE === 'real' ? `badged in ${ms} ms; ` : ''}long animation frames after the fill: ${after.length}, ` +
      `durations ${after.map((f) => f.duration.toFixed(0)).join(' ')} ms; before/at the fill: ${frames.filter((f) => f.start < since).map((f) => f.duration.toFixed(0)).join(' ')}`);
    for (const f of after.filter((x) => x.duration >= THRESHOLD).slice(0, DETAIL ? 20 : 2)) {
      const from = toTrace(f.start); const to = toTrace(f.start + f.duration);
      console.log(`  frame at +${(f.start - since).toFixed(0)} ms: ${f.duration.toFixed(1)} ms, rendering (from renderStart) ${(f.start + f.duration - f.renderStart).toFixed(1)} ms, ` +
        `style+layout (from styleAndLayoutStart) ${(f.start + f.duration - f.styleStart).toFixed(1)} ms, blocking ${f.blocking?.toFixed(1)} ms; ` +
        `badges put in during it ${badgeLog.filter((b) => b.at >= f.start && b.at <= f.start + f.duration).reduce((a, b) => a + b.n, 0)}, before it ${badgeLog.filter((b) => b.at < f.start).reduce((a, b) => a + b.n, 0)}`);
      for (const s of f.scripts) console.log(`    script ${s.invoker} +${(s.start - f.start).toFixed(1)} ms ${s.ms.toFixed(1)} ms ${s.source ? path.basename(s.source) : ''}`);
      for (const line of attribute(events, pid, tid, from, to)) console.log(line);
    }
    // Frames rebuilt from the trace (load-independent view): the main thread's
    // tasks from one rendering task's end to the next one's end; per frame its
    // wall time (first task's start to the rendering's end) and its CPU time
    // (thread time of its tasks), and the badges put in during it.
    const seen = new Set();
    const all = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts >= mark.ts)
      .sort((a, b) => a.ts - b.ts).filter((t) => { const k = `${t.ts}`; if (seen.has(k)) return false; seen.add(k); return true; });
    const isRender = (t) => events.some((e) => e.pid === pid && e.tid === tid && e.name === 'ProxyMain::BeginMainFrame' && e.ts >= t.ts && e.ts < t.ts + t.dur);
    const built = [];
    let open = [];
    for (const t of all) {
      open.push(t);
      if (t.dur > 3000 && isRender(t) || t === all[all.length - 1]) {
        const wall = (t.ts + t.dur - open[0].ts) / 1000;
        const cpu = open.reduce((a, x) => a + (x.tdur ?? x.dur), 0) / 1000;
        const busy = open.reduce((a, x) => a + x.dur, 0) / 1000;
        const startMs = since + (open[0].ts - mark.ts) / 1000; const endMs = since + (t.ts + t.dur - mark.ts) / 1000;
        const badges = badgeLog.filter((b) => b.at >= startMs && b.at <= endMs).reduce((a, b) => a + b.n, 0);
        built.push({ at: (open[0].ts - mark.ts) / 1000, wall, cpu, busy, renderCpu: (t.tdur ?? t.dur) / 1000, badges });
        open = [];
      }
    }
    const top = (key) => [...built].sort((a, b) => b[key] - a[key]).slice(0, 6)
      .map((f) => `+${f.at.toFixed(0)}: wall ${f.wall.toFixed(0)} busy ${f.busy.toFixed(0)} cpu ${f.cpu.toFixed(0)} (render ${f.renderCpu.toFixed(0)}) badges ${f.badges}`).join('\n      ');
    console.log(`  frames from the trace: ${built.length}; by busy time:\n      ${top('busy')}\n    by CPU time:\n      ${top('cpu')}`);
    // The frame of the first badges put in the page (the ones in view): its
    // rendering task, with the CPU time of its phases.
    if (badgeLog.length) {
      const at = mark.ts + (badgeLog[0].at - since) * 1000;
      const render = all.find((t) => t.ts + t.dur >= at && isRender(t));
      if (render && TREE) {
        // What else ran meanwhile, by thread (CPU of its top-level tasks overlapping the rendering task).
        const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
        const byThread = new Map();
        // Top-level complete events of each thread (not nested in another of its events), overlapping the task.
        const perThread = new Map();
        for (const e of events) {
          if (e.ph !== 'X' || !e.dur || e.ts + e.dur < render.ts || e.ts > render.ts + render.dur) continue;
          const k = `${e.pid}:${e.tid}`;
          if (!perThread.has(k)) perThread.set(k, []);
          perThread.get(k).push(e);
        }
        for (const [k, list] of perThread) {
          list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
          let end = -Infinity;
          for (const e of list) {
            if (e.ts < end) continue;
            end = e.ts + e.dur;
            const overlap = Math.min(e.ts + e.dur, render.ts + render.dur) - Math.max(e.ts, render.ts);
            byThread.set(k, (byThread.get(k) ?? 0) + overlap * ((e.tdur ?? e.dur) / Math.max(1, e.dur)) / 1000);
          }
        }
        console.log(`  MEANWHILE (other threads' CPU during it): ${[...byThread].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, ms]) => `${names.get(k) ?? k}${k.startsWith(`${pid}:`) ? '' : '@' + k.split(':')[0]} ${ms.toFixed(1)}`).join('; ')}`);
      }
      if (render) {
        const within = (name) => events.filter((e) => e.pid === pid && e.tid === tid && e.name === name && e.ts >= render.ts && e.ts < render.ts + render.dur)
          .reduce((a, e) => a + (e.tdur ?? e.dur), 0) / 1000;
        console.log(`  FIRST GROUP (${badgeLog[0].n} badges): rendering task wall ${(render.dur / 1000).toFixed(1)} cpu ${((render.tdur ?? render.dur) / 1000).toFixed(1)}; ` +
          `cpu style ${within('UpdateLayoutTree').toFixed(1)} layout ${within('Layout').toFixed(1)} prepaint ${within('PrePaint').toFixed(1)} paint ${within('Paint').toFixed(1)} rAF ${within('FireAnimationFrame').toFixed(1)}`);
      }
    }
    // After the last badge went in: what the end of badging costs (capture, snapshot).
    if (badgeLog.length) {
      const lastAt = mark.ts + (badgeLog[badgeLog.length - 1].at - since) * 1000;
      const tail = all.filter((t) => t.ts > lastAt).sort((a, b) => b.dur - a.dur).slice(0, 3);
      console.log(`  AFTER THE LAST BADGE: longest tasks ${tail.map((t) => `+${((t.ts - lastAt) / 1000).toFixed(0)} ms: ${(t.dur / 1000).toFixed(1)} wall, ${((t.tdur ?? t.dur) / 1000).toFixed(1)} cpu`).join('; ')}`);
    }
    for (const name of afterMarks) {
      const m = events.find((e) => e.name === `rapport-after-${name}`);
      if (!m) continue;
      const renders = all.filter((t) => t.ts >= m.ts && t.ts < m.ts + 1000000 && isRender(t));
      const worst = renders.sort((a, b) => (b.tdur ?? b.dur) - (a.tdur ?? a.dur))[0];
      const within = (name) => (worst ? events.filter((e) => e.pid === pid && e.tid === tid && e.name === name && e.ts >= worst.ts && e.ts < worst.ts + worst.dur)
        .reduce((a, e) => a + (e.tdur ?? e.dur), 0) / 1000 : 0);
      const tasksAfter = all.filter((t) => t.ts >= m.ts && t.ts < m.ts + 1000000);
      console.log(`  AFTER ${name}: ${renders.length} rendering tasks in 1 s, the dearest wall ${((worst?.dur ?? 0) / 1000).toFixed(1)} cpu ${(((worst?.tdur ?? worst?.dur) ?? 0) / 1000).toFixed(1)} ` +
        `(style ${within('UpdateLayoutTree').toFixed(1)} layout ${within('Layout').toFixed(1)} prepaint ${within('PrePaint').toFixed(1)} paint ${within('Paint').toFixed(1)} ` +
        `intersections ${within('IntersectionObserverController::computeIntersections').toFixed(1)}); longest task cpu ${Math.max(0, ...tasksAfter.map((t) => (t.tdur ?? t.dur) / 1000)).toFixed(1)}`);
    }
    const maxOf = (xs) => Math.max(0, ...xs);
    console.log(`  SUMMARY frame cpu max ${maxOf(built.map((f) => f.cpu)).toFixed(1)} ms, 2nd ${([...built].sort((a, b) => b.cpu - a.cpu)[1]?.cpu ?? 0).toFixed(1)}; ` +
      `rendering task cpu max ${maxOf(built.map((f) => f.renderCpu)).toFixed(1)}; task cpu max ${maxOf(all.map((t) => (t.tdur ?? t.dur) / 1000)).toFixed(1)}; ` +
      `frames over 50 ms cpu ${built.filter((f) => f.cpu > 50).length}; long animation frames ${after.length}, longest ${(after[0]?.duration ?? 0).toFixed(0)} ms wall`);
    const tasks = all.filter((t) => t.dur / 1000 >= THRESHOLD);
    console.log(`  main-thread tasks >= ${THRESHOLD} ms after the fill: ${tasks.map((t) => `+${((t.ts - mark.ts) / 1000).toFixed(0)}:${(t.dur / 1000).toFixed(0)}/cpu ${((t.tdur ?? t.dur) / 1000).toFixed(0)}`).join(' ') || 'none'}`);
  } finally {
    await ext.close();
  }
}

const server = await startServer(ROOT);
try {
  for (let i = 0; i < RUNS; i++) await run(server);
} finally {
  await server.close();
}
