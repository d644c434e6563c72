// Engine memory where the product really runs: a Chromium renderer (the
// extension's offscreen document and the dashboard are renderers). For each
// engine, a fresh headless Chromium opens a page that has already imported
// the API, then creates an analyzer and runs every bench text through it.
// The figure is how much the resident memory (RSS) of the renderer processes
// grew, after forced garbage collection: the engine's wasm heaps, V8's
// compiled code for its wasm, ONNX Runtime's session, the model, and the
// JS objects. Linux only (reads /proc), like the machines we ship from.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../static-server.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ENGINES = [
  { engine: 'lexicon', options: { model: false } },
  { engine: 'model', options: {} },
];

function rssBytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+) kB/)[1]) * 1024;
}

async function rendererRss(browserCdp) {
  const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
  return processInfo.filter((p) => p.type === 'renderer').reduce((sum, p) => sum + rssBytes(p.id), 0);
}

async function settle(page, pageCdp) {
  for (let i = 0; i < 2; i++) await pageCdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(1000);  // let freed pages go back to the system
}

async function measureOne(chromium, origin, { engine, options }, texts) {
  const browser = await chromium.launch({ executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-extensions'] });
  try {
    const browserCdp = await browser.newBrowserCDPSession();
    const page = await browser.newPage();
    await page.goto(`${origin}/scripts/bench/engine-memory.html`);
    await page.waitForFunction(() => window.apiReady === true);
    const pageCdp = await page.context().newCDPSession(page);
    await settle(page, pageCdp);
    const before = await rendererRss(browserCdp);
    const source = await page.evaluate(([o, t]) => window.runEngine(o, t), [options, texts]);
    await settle(page, pageCdp);
    const after = await rendererRss(browserCdp);
    return { engine, source, texts: texts.length, rendererRssBeforeBytes: before, rendererGrowthBytes: after - before };
  } finally {
    await browser.close();
  }
}

// Returns one row per engine, or { skipped } when Chromium is not there.
export async function measureEngineMemory(texts) {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const { chromium } = await import('playwright-core');
  const server = await startServer(repoRoot);
  try {
    const rows = [];
    for (const e of ENGINES) rows.push(await measureOne(chromium, server.origin, e, texts));
    return { rows };
  } finally {
    await server.close();
  }
}
