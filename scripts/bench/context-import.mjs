// Customer-context import speed in Chromium (issue 12's target: 100,000
// order rows in at most 10 s, with the UI responsive): a generated order CSV
// (10,000 customers) imported in a dedicated worker through shared/import
// and the context service into IndexedDB, while the page counts its longest
// gap between animation frames.
//
//   node scripts/bench/context-import.mjs [--rows 100000]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startServer } from '../static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function ordersCsv(rows) {
  const lines = ['order_id,order_date,customer_email,customer_name,total,currency,product'];
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let i = 0; i < rows; i++) {
    const c = i % 10000;
    lines.push(`${100000 + i},${new Date(start + i * 600e3).toISOString()},customer${c}@example.com,Customer ${c},` +
      `${(5 + (i % 200) * 0.5).toFixed(2)},EUR,Product ${i % 50}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function benchContextImport({ rows = 100000 } = {}) {
  const out = path.join(ROOT, 'build', 'bench', 'context-import');
  await build({ entryPoints: [path.join(ROOT, 'scripts', 'bench', 'context-import-worker.js')], bundle: true, format: 'esm',
    outfile: path.join(out, 'worker.js'), logLevel: 'error' });
  fs.writeFileSync(path.join(out, 'index.html'), '<!doctype html><html lang="en"><title>context import bench</title><p>bench</p></html>');
  const server = await startServer(ROOT);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/build/bench/context-import/index.html`);
    return await page.evaluate(async (csv) => {
      let longest = 0, last = performance.now(), frames = 0, running = true;
      const tick = (t) => { longest = Math.max(longest, t - last); last = t; frames++; if (running) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const worker = new Worker('./worker.js', { type: 'module' });
      const result = await new Promise((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve({ ok: false, message: e.message });
        worker.postMessage({ csv, dbName: `bench-${Date.now()}` });
      });
      running = false;
      worker.terminate();
      return { ...result, longestFrameGapMs: longest, frames };
    }, ordersCsv(rows));
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' } } });
  const r = await benchContextImport({ rows: Number(values.rows) });
  if (!r.ok) {
    console.error(`import failed: ${r.message}`);
    process.exit(1);
  }
  console.log(`Customer-context import in Chromium (worker, IndexedDB): ${r.rows.toLocaleString('en')} order rows, ` +
    `${r.customers.toLocaleString('en')} customers`);
  console.log(`  ${r.seconds.toFixed(2)} s (target <= 10 s: ${r.seconds <= 10 ? 'met' : 'MISSED'}), ` +
    `${Math.round(r.rows / r.seconds).toLocaleString('en')} rows/s; ${r.stored.toLocaleString('en')} events stored`);
  console.log(`  page stayed responsive: longest gap between frames ${r.longestFrameGapMs.toFixed(0)} ms over ${r.frames} frames`);
}
