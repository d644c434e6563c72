// The extension's figures (`node scripts/bench/extension.mjs`, also part of
// `npm run bench`): what ships (bundle sizes per entry, the engine's files,
// the zips), and the Chrome build at work in headless Chromium: how long the
// first analysis takes (offscreen document created, engine and model
// loaded), a warm analyzeBatch and a draft review through the service worker
// and the bridge, and the engine host's memory: how much the renderer
// processes grew once the offscreen engine host ran (RSS, Linux /proc), and
// what its idle close gave back. Measurement only; no test asserts these.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(repoRoot, 'build', 'extension');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory()
    ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function bundleSizes() {
  const rows = [];
  for (const browser of ['chrome', 'firefox']) {
    const dir = path.join(OUT, browser);
    if (!fs.existsSync(dir)) continue;
    for (const f of walk(dir).filter((f) => f.endsWith('/main.js'))) {
      rows.push({ browser, file: path.relative(dir, f), bytes: fs.statSync(f).size });
    }
    const engine = walk(path.join(dir, 'engine')).reduce((n, f) => n + fs.statSync(f).size, 0);
    rows.push({ browser, file: 'engine/ (wasm core, ORT wasm, model)', bytes: engine });
    const zip = fs.readdirSync(OUT).find((f) => f.startsWith(`rapport-${browser}-`) && f.endsWith('.zip'));
    if (zip) rows.push({ browser, file: zip, bytes: fs.statSync(path.join(OUT, zip)).size });
  }
  return rows;
}

function rssBytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)[1]) * 1024;
}

// The renderer processes of the browser using `profile` (other browsers may
// run on the machine): descendants of the process started with that
// --user-data-dir whose command line says --type=renderer.
function rendererPids(profile) {
  const procs = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((pid) => {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const ppid = Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      return { pid: Number(pid), ppid, cmd };
    } catch { return null; }
  }).filter(Boolean);
  const root = procs.find((p) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type='));
  if (!root) return [];
  const family = new Set([root.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (family.has(p.ppid) && !family.has(p.pid)) { family.add(p.pid); grew = true; }
  }
  return procs.filter((p) => family.has(p.pid) && p.cmd.includes('--type=renderer')).map((p) => p.pid);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureExtension({ texts, rounds = 5 }) {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const helpers = await import(pathToFileURL(path.join(repoRoot, 'tests', 'e2e', 'extension', 'host-helpers.mjs')).href);
  const extDir = await helpers.variantBuild('chrome', { extraHostPermissions: ['http://127.0.0.1/*'],
    define: { __RAPPORT_ENGINE_IDLE_MS__: '5000' } });
  const server = await helpers.pageServer({ '/t': helpers.QUIET_PAGE('Ticket', '<p>t</p>') });
  const browser = await helpers.launchChromium(extDir);
  try {
    const { context, sw } = browser;
    const page = await context.newPage();
    await page.goto(`${server.origin}/t`);
    const tabId = await helpers.tabIdOf(sw, `${server.origin}/t`);
    const renderers = async () => rendererPids(browser.profile).reduce((sum, pid) => {
      try { return sum + rssBytes(pid); } catch { return sum; }   // a renderer may just have exited
    }, 0);
    await page.waitForTimeout(1000);
    const before = await renderers();
    let t0 = performance.now();
    const first = await helpers.callFromTab(sw, tabId, 'analyzeBatch', [texts.slice(0, 1)]);
    const coldMs = performance.now() - t0;
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const batchMs = [];
    for (let r = 0; r < rounds; r++) {
      t0 = performance.now();
      await helpers.callFromTab(sw, tabId, 'analyzeBatch', [texts]);
      batchMs.push(performance.now() - t0);
    }
    await helpers.callFromTab(sw, tabId, 'reviewOpen', ['c', { customerText: texts[0] }]);
    const reviewMs = [];
    for (let r = 0; r < rounds * 4; r++) {
      t0 = performance.now();
      await helpers.callFromTab(sw, tabId, 'review', ['c', `Calm down, there is nothing I can do about it. ${r}`]);
      reviewMs.push(performance.now() - t0);
    }
    await page.waitForTimeout(1000);
    const running = await renderers();
    await helpers.callFromTab(sw, tabId, 'reviewClose', ['c']);
    for (let i = 0; i < 80 && await helpers.offscreenCount(sw) > 0; i++) await page.waitForTimeout(250);
    await page.waitForTimeout(1500);
    const closed = await renderers();
    return {
      texts: texts.length, coldFirstAnalysisMs: coldMs, warmBatchMedianMs: median(batchMs), reviewMedianMs: median(reviewMs),
      rendererRssBeforeBytes: before, engineHostGrowthBytes: running - before, afterIdleCloseGrowthBytes: closed - before,
    };
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(extDir, { recursive: true, force: true });
  }
}

export function extensionTable({ bundles, host }) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
  const lines = ['Extension: what ships (build/extension)'];
  for (const r of bundles) lines.push(`  ${r.browser.padEnd(8)} ${r.file.padEnd(40)} ${kb(r.bytes).padStart(12)}`);
  if (host.skipped) {
    lines.push(`Extension in headless Chromium: skipped (${host.skipped})`);
    return lines.join('\n');
  }
  lines.push('Extension in headless Chromium (Chrome build, service worker -> offscreen engine host; times include',
    "  the harness's executeScript round trip into the content world):",
    `  first analysis (offscreen document created, engine + model loaded): ${host.coldFirstAnalysisMs.toFixed(0)} ms`,
    `  analyzeBatch of ${host.texts} messages, median: ${host.warmBatchMedianMs.toFixed(1)} ms`,
    `  draft review, median: ${host.reviewMedianMs.toFixed(1)} ms`,
    `  engine host memory: renderer RSS grew ${mb(host.engineHostGrowthBytes)} (from ${mb(host.rendererRssBeforeBytes)});` +
    ` ${mb(host.afterIdleCloseGrowthBytes)} above the start after its idle close`);
  return lines.join('\n');
}

export const BENCH_TEXTS = Array.from({ length: 50 }, (_, i) => [
  `This is the third time I'm asking about order #${i}. I want a refund now!`,
  'Thanks so much, that fixed it. You were great.',
  'Where is my package? It was due yesterday and nobody answers.',
][i % 3]);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(extensionTable({ bundles: bundleSizes(), host: await measureExtension({ texts: BENCH_TEXTS }) }));
}
