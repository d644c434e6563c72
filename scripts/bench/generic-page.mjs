// The real Chrome build on a long generic-mode page (`node scripts/bench/generic-page.mjs
// [--messages N] [--rounds R]`): the generic-chat (class-named) and generic-bubbles
// (class-less, read from the layout) fixtures, once their first customer messages
// are badged, grown to N messages (default 5,000) in one task of the page; then the
// time until every customer message carries a badge, the longest main-thread task
// that started after the growth (longtask API: the content script's read and
// badges, and the page's own rendering tasks) and the longest animation frame.
// Measures the checkout it is run from (copy it into another checkout to compare).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../static-server.mjs';
import { launchRealExtension } from '../../tests/e2e/extension/harness.mjs';
import { LONG_PAGES, installGrow } from '../../tests/e2e/extension/generic-long.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const messages = Number(arg('--messages', 5000));
const rounds = Number(arg('--rounds', 2));

const INSTRUMENT = () => {
  window.bench = { since: Infinity, tasks: [], frames: [] };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.bench.tasks.push({ start: e.startTime, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.bench.frames.push({ start: e.startTime, ms: e.duration }); })
      .observe({ type: 'long-animation-frame', buffered: true });
  } catch { /* no long-animation-frame entries */ }
};

const server = await startServer(ROOT);
const ext = await launchRealExtension();
try {
  for (let r = 0; r < rounds; r++) {
    for (const [name, spec] of Object.entries(LONG_PAGES)) {
      const page = await ext.context.newPage();
      await page.setViewportSize({ width: 1100, height: 900 });
      await page.goto(`${server.origin}/tests/e2e/fixtures/helpdesks/${name}.html`);
      await page.evaluate(INSTRUMENT);
      await installGrow(page, name);
      const first = await page.evaluate((sel) => document.querySelectorAll(sel).length, spec.customer);
      await page.waitForFunction((n) => document.querySelectorAll('[data-rapport-badge]').length === n, first, { timeout: 120000 });
      const customers = await page.evaluate(([n, sel]) => {
        window.growGeneric(n);
        document.body.getBoundingClientRect();   // the page's own layout of its change, in its own task
        window.bench.since = performance.now();
        return document.querySelectorAll(sel).length;
      }, [messages, spec.customer]);
      await page.waitForFunction((n) => document.querySelectorAll('[data-rapport-badge]').length >= n, customers, { timeout: 600000, polling: 250 });
      const out = await page.evaluate(() => {
        const { since, tasks, frames } = window.bench;
        const after = (xs) => xs.filter((x) => x.start >= since);
        return { badgedMs: performance.now() - since, longestTask: Math.max(0, ...after(tasks).map((t) => t.ms)), over50: after(tasks).length,
          longestFrame: Math.max(0, ...after(frames).map((f) => f.ms)), frames: after(frames).length };
      });
      console.log(`${name}, ${messages} messages (${customers} customer): all badged within ${(out.badgedMs / 1000).toFixed(2)} s (polled); `
        + `longest task ${out.longestTask.toFixed(0)} ms (${out.over50} over 50 ms); longest animation frame ${out.longestFrame.toFixed(0)} ms (${out.frames} over 50 ms)`);
      await page.close();
    }
  }
} finally {
  await ext.close();
  await server.close();
}
