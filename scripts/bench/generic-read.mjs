// The generic mode's read of a long page, step by step, in headless Chromium
// (`node scripts/bench/generic-read.mjs [--root DIR] [--messages N] [--rounds R]`):
// the generic-chat (class-named), generic-bubbles (class-less, read from
// the layout) and generic-libredesk (layout, with names, initials and times
// around each text) fixtures grown to N messages (default 5,000), then read R times
// (default 5) by the adapter's readSteps as the content script runs it, one
// step at a time; per read: the number of steps, the longest step (the longest
// task the read makes), the median step and the whole read's time. --root reads another
// checkout's adapters (the code before a change), on the same pages.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { startServer } from '../static-server.mjs';
import { LONG_PAGES, growInPage } from '../../tests/e2e/extension/generic-long.mjs';

const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const root = path.resolve(arg('--root', HERE));
const messages = Number(arg('--messages', 5000));
const rounds = Number(arg('--rounds', 5));

const bundle = (await esbuild.build({
  stdin: { contents: "import generic from './extension/src/adapters/generic.js'; window.__generic = generic;", resolveDir: root },
  bundle: true, write: false, format: 'iife',
})).outputFiles[0].text;

const server = await startServer(HERE);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const name of Object.keys(LONG_PAGES)) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(`${server.origin}/tests/e2e/fixtures/helpdesks/${name}.html`);
    await page.addScriptTag({ content: bundle });
    const n = await growInPage(page, name, messages);
    const reads = [];
    for (let r = 0; r < rounds; r++) {
      // Each step in its own task, as content/run.js runs them.
      reads.push(await page.evaluate(async () => {
        document.body.getBoundingClientRect();  // the page's own layout of its change is not the read's
        const steps = window.__generic.readSteps(document);
        const times = [];
        let result;
        for (;;) {
          const t0 = performance.now();
          const step = steps.next();
          times.push(performance.now() - t0);
          if (step.done) { result = step.value; break; }
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        return { steps: times.length, longest: Math.max(...times), total: times.reduce((a, b) => a + b, 0),
          median: [...times].sort((a, b) => a - b)[times.length >> 1],
          messages: result.messages.length, unsure: result.unsure };
      }));
    }
    const f = (x) => x.toFixed(0);
    console.log(`${name} (${n} messages, ${path.relative(HERE, root) || '.'}): ${reads[0].messages} read, unsure ${reads[0].unsure}; `
      + `steps ${reads.map((r) => r.steps).join('/')}; longest step ${reads.map((r) => f(r.longest)).join('/')} ms; `
      + `median step ${reads.map((r) => r.median.toFixed(1)).join('/')} ms; whole read ${reads.map((r) => f(r.total)).join('/')} ms`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
