// Dashboard bench in real Chromium (part of `npm run bench`; standalone:
// `node scripts/bench/dashboard.mjs [--big N] [--messages N]`). Needs the built
// dashboard (build/pwa, `npm run build`). Measures, against the issue's targets:
//   - first load of the demo in a fresh profile (service worker, demo seeding)
//     until the Overview shows analyzed numbers; and a warm reload;
//   - importing and scoring 100,000 messages (half customer messages through
//     analyzeBatch, half agent replies through the draft review) from an
//     NDJSON file, and the longest main-thread task during it (longtask API);
//   - 1,000,000 messages streamed through (parse, score, IndexedDB) with the
//     peak resident memory of the tab's renderer process (page + workers);
//   - the service worker's precache size.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOT, importFile, kpi, launch, ready, startDashboard } from '../../tests/e2e/pwa/helpers.mjs';
import { formatTable, fmtInt } from './table.mjs';

const CUSTOMER = ['My order {n} has not arrived and nobody answers. This is the third time I ask!',
  'Thanks a lot, the refund for {n} came through.', 'I am confused: where do I change the plan on account {n}?',
  'Cancel my subscription {n} now, I am done with this.'];
const AGENT = ["I'm sorry about order {n}; I've checked and it ships today. I'll follow up tomorrow.",
  'As I already said, read the FAQ about {n}.', "Thanks for your patience! I've fixed account {n} for you."];

// NDJSON, conversations of customer, agent, customer, agent; written in pieces.
export function writeMessages(file, count) {
  const fd = fs.openSync(file, 'w');
  const t0 = Date.UTC(2025, 0, 6, 8);
  for (let i = 0; i < count;) {
    let chunk = '';
    for (let k = 0; k < 20000 && i < count; k++, i++) {
      const conv = i >> 2;
      const agent = i % 2 === 1;
      const text = (agent ? AGENT[conv % AGENT.length] : CUSTOMER[(conv + (i >> 1)) % CUSTOMER.length]).replace('{n}', String(conv));
      chunk += `${JSON.stringify({ conversation: `c${conv}`, at: new Date(t0 + conv * 61000 + (i % 4) * 600000).toISOString(),
        role: agent ? 'agent' : 'customer', text, customer: `cust${conv % 9000}`, agent: `agent ${conv % 25}` })}\n`;
    }
    fs.writeSync(fd, chunk);
  }
  fs.closeSync(fd);
  return fs.statSync(file).size;
}

// Memory of this profile's renderer processes (the tab, its workers): summed
// RSS, which counts the pages of the Chromium binary and shared libraries once
// per process, and summed PSS (/proc/PID/smaps_rollup), which shares them out,
// so that the sum is what these processes really hold. The target is on PSS.
function rendererMemory(profileDir) {
  let rss = 0; let pss = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || !cmd.includes(profileDir)) continue;
      const kb = (re, text) => Number(re.exec(text)?.[1] ?? 0) * 1024;
      rss += kb(/VmRSS:\s+(\d+) kB/, fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      pss += kb(/^Pss:\s+(\d+) kB/m, fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    } catch { /* the process ended */ }
  }
  return { rss, pss };
}

// CPU time (user + system, seconds) of every process of this profile
// (browser, renderers, GPU, utilities: IndexedDB runs in the browser's), by
// process type: a measure of an import's work that the machine's load does
// not change the way it changes the wall time.
function profileCpu(profileDir) {
  const out = {};
  const tick = 100;  // USER_HZ
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(profileDir)) continue;
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out[type] = (out[type] ?? 0) + (Number(fields[11]) + Number(fields[12])) / tick;
    } catch { /* the process ended */ }
  }
  return out;
}

// Long main-thread tasks (longtask API) with their attribution, and the
// moments the Import view changes phase (preview shown, progress bar shown,
// result shown), so each long task can be placed in the import.
async function longTasks(page) {
  await page.addInitScript(() => {
    globalThis.__longTasks = [];
    globalThis.__phases = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const a = e.attribution?.[0];
        globalThis.__longTasks.push([e.startTime, e.duration, a ? `${e.name}/${a.containerType}${a.containerName ? `:${a.containerName}` : ''}` : e.name]);
      }
    }).observe({ type: 'longtask', buffered: true });
    const seen = {};
    new MutationObserver(() => {
      for (const [phase, sel] of [['preview', '#import-format'], ['progress', '.progress'], ['result', '#import-result']]) {
        const here = Boolean(document.querySelector(sel));
        if (here !== Boolean(seen[phase])) { seen[phase] = here; globalThis.__phases.push([performance.now(), `${phase} ${here ? 'shown' : 'gone'}`]); }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

// A benchmark measures how long an import takes, so it waits for as long as it takes.
async function timedImport(page, file, profileDir) {
  let peak = 0; let peakPss = 0;
  const sampler = setInterval(() => {
    const m = rendererMemory(profileDir);
    peak = Math.max(peak, m.rss); peakPss = Math.max(peakPss, m.pss);
  }, 250);
  const cpuBefore = profileCpu(profileDir);
  const start = await page.evaluate(() => performance.now());
  const t0 = performance.now();
  const result = await importFile(page, file, { timeout: 0 });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const cpuAfter = profileCpu(profileDir);
  const cpu = Object.fromEntries(Object.entries(cpuAfter).map(([k, v]) => [k, v - (cpuBefore[k] ?? 0)]));
  // Tasks reported a little after the result shows are still the import's.
  await page.waitForTimeout(500);
  const { tasks, phases } = await page.evaluate((s) => ({ tasks: globalThis.__longTasks.filter(([t]) => t >= s),
    phases: globalThis.__phases.filter(([t]) => t >= s) }), start);
  // Each long task, with the time since the import view opened and the last phase before it.
  const timeline = tasks.map(([t, d, what]) => ({ at: t - start, ms: d, what, phase: phases.filter(([p]) => p <= t).at(-1)?.[1] ?? 'opening the view' }));
  return { result, seconds, cpu, peakRss: peak, peakPss, longestTaskMs: Math.max(0, ...tasks.map(([, d]) => d)), longTasks: timeline,
    phases: phases.map(([t, what]) => ({ at: t - start, what })) };
}

export async function benchDashboard({ messages = 100000, big = 1000000 } = {}) {
  if (!fs.existsSync(path.join(ROOT, 'build', 'pwa', 'index.html'))) throw new Error('no build/pwa: run npm run build first');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-dash-bench-'));
  const server = await startDashboard();
  const out = { precache: JSON.parse(fs.readFileSync(path.join(ROOT, 'build', 'pwa', 'precache.json'), 'utf8')) };
  try {
    const { context, profileDir } = await launch(path.join(tmp, 'profile'));
    const page = context.pages()[0] ?? await context.newPage();
    await longTasks(page);
    let t0 = performance.now();
    await page.goto(server.url);
    await ready(page);
    out.firstLoadMs = performance.now() - t0;
    out.demoMessages = await kpi(page, 'Customer messages');
    t0 = performance.now();
    await page.reload();
    await ready(page);
    out.warmLoadMs = performance.now() - t0;

    const file = path.join(tmp, `messages-${messages}.ndjson`);
    out.importBytes = writeMessages(file, messages);
    out.import = await timedImport(page, file, profileDir);
    out.import.messages = messages;
    out.import.shown = await kpi(page, 'Customer messages').catch(() => null);
    fs.rmSync(file);

    if (big > 0) {
      const bigFile = path.join(tmp, `messages-${big}.ndjson`);
      out.bigBytes = writeMessages(bigFile, big);
      out.big = await timedImport(page, bigFile, profileDir);
      out.big.messages = big;
      fs.rmSync(bigFile);
    }
    await context.close();
  } finally {
    await server.stop();
    // Chromium's helpers may still be flushing IndexedDB right after close.
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
  out.targets = [
    ['first load of the demo <= 2 s', `${(out.firstLoadMs / 1000).toFixed(2)} s`, out.firstLoadMs <= 2000],
    [`import + score ${fmtInt(messages)} messages <= 15 s`, `${out.import.seconds.toFixed(1)} s`, out.import.seconds <= 15 && /^Imported/.test(out.import.result)],
    ['no main-thread task > 100 ms during the import', `${out.import.longestTaskMs.toFixed(0)} ms`, out.import.longestTaskMs <= 100],
    ...(out.big ? [[`${fmtInt(big)} messages stream through, tab <= 1 GB`, `${(out.big.peakPss / 1048576).toFixed(0)} MB PSS peak, ${out.big.seconds.toFixed(0)} s`,
      out.big.peakPss <= 1073741824 && /^Imported/.test(out.big.result)]] : []),
  ];
  return out;
}

const cpuText = (cpu) => `${Object.values(cpu).reduce((a, b) => a + b, 0).toFixed(1)} s (` +
  `${Object.entries(cpu).filter(([, v]) => v >= 0.05).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')})`;

export function dashboardTable(r) {
  return [
    `Dashboard (real Chromium): first load ${(r.firstLoadMs / 1000).toFixed(2)} s (fresh profile, demo of ${fmtInt(r.demoMessages)} customer messages), warm reload ${(r.warmLoadMs / 1000).toFixed(2)} s; ` +
      `service worker precache ${r.precache.files} files, ${(r.precache.bytes / 1048576).toFixed(1)} MB`,
    `Import ${fmtInt(r.import.messages)} messages (${(r.importBytes / 1048576).toFixed(1)} MB NDJSON): ${r.import.seconds.toFixed(1)} s = ` +
      `${fmtInt(r.import.messages / r.import.seconds)} msg/s, CPU ${cpuText(r.import.cpu)}, longest main-thread task ${r.import.longestTaskMs.toFixed(0)} ms, renderer peak ${(r.import.peakPss / 1048576).toFixed(0)} MB PSS (${(r.import.peakRss / 1048576).toFixed(0)} MB summed RSS)`,
    ...(r.big ? [`Stream ${fmtInt(r.big.messages)} messages (${(r.bigBytes / 1048576).toFixed(0)} MB): ${r.big.seconds.toFixed(0)} s, CPU ${cpuText(r.big.cpu)}, renderer peak ${(r.big.peakPss / 1048576).toFixed(0)} MB PSS (${(r.big.peakRss / 1048576).toFixed(0)} MB summed RSS); ${r.big.result}`] : []),
    ...[['import', r.import], ['stream', r.big]].filter(([, x]) => x?.longTasks.length).map(([label, x]) =>
      `Long main-thread tasks during the ${label} (ms after the Import view opened: duration, attribution, last phase before it): ` +
      x.longTasks.map((t) => `+${fmtInt(t.at)}: ${t.ms.toFixed(0)} ms (${t.what}; ${t.phase})`).join('; ') +
      `\n  phases: ${x.phases.map((p) => `+${fmtInt(p.at)} ${p.what}`).join(', ')}`),
    formatTable(['target', 'measured', 'met'], r.targets.map(([t, m, ok]) => [t, m, ok ? 'yes' : 'NO']), { leftColumns: [0, 1] }),
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { messages: { type: 'string', default: '100000' }, big: { type: 'string', default: '1000000' } } });
  const r = await benchDashboard({ messages: Number(values.messages), big: Number(values.big) });
  console.log(dashboardTable(r));
  process.exitCode = r.targets.every(([, , ok]) => ok) ? 0 : 1;
}
